use super::*;
use crate::models::{
    AnalyticsFilter, AnalyticsQueryBody, CreateScimGroupMapping, OrderBy, SubmitFeedback,
    TimeRange, UpdateScimGroupMapping,
};
use crate::models::{
    BuiltinFilter, ContentFilter, CreateByokKey, CreateDestination, CreateGuardrail, CreateKey,
    CreateWorkspace, External, UpdateByokKey, UpdateDestination, UpdateGuardrail, UpdateKey,
    UpdateWorkspace, UpsertBudget,
};
use serde_json::Value as Json;

/// A reader that sets every field it is asked for, and records the names.
#[derive(Default)]
struct Everything(Vec<&'static str>);

impl Visitor for Everything {
    type Error = ();
    fn string(&mut self, name: &'static str) -> Result<Patch<String>, ()> {
        self.0.push(name);
        Ok(Patch::Value("x".into()))
    }
    fn number(&mut self, name: &'static str) -> Result<Patch<f64>, ()> {
        self.0.push(name);
        Ok(Patch::Value(1.5))
    }
    fn boolean(&mut self, name: &'static str) -> Result<Patch<bool>, ()> {
        self.0.push(name);
        Ok(Patch::Value(true))
    }
    fn integers(&mut self, name: &'static str) -> Result<Patch<Vec<i64>>, ()> {
        self.0.push(name);
        Ok(Patch::Value(vec![1]))
    }
    fn strings(&mut self, name: &'static str) -> Result<Patch<Vec<String>>, ()> {
        self.0.push(name);
        Ok(Patch::Value(vec!["x".into()]))
    }
    fn object<B: Body>(&mut self, name: &'static str) -> Result<Patch<B>, ()> {
        self.0.push(name);
        B::visit(&mut Everything::default()).map(Patch::Value)
    }
    fn objects<B: Body>(&mut self, name: &'static str) -> Result<Patch<Vec<B>>, ()> {
        self.0.push(name);
        B::visit(&mut Everything::default()).map(|b| Patch::Value(vec![b]))
    }
    fn json(&mut self, name: &'static str) -> Result<Patch<String>, ()> {
        self.0.push(name);
        Ok(Patch::Value("{\"a\":1}".into()))
    }
    fn missing(&mut self, _: &'static str, _: Kind) {}
}

/// Body fields today's API takes that the spec extract predates (api-notes.md, "Changes
/// since this document", read from @openrouter/sdk 1.3.19), as (path, method, field).
const SINCE_THE_EXTRACT: &[(&str, &str, &str)] = &[
    ("/workspaces", "post", "disabled_server_tools"),
    ("/workspaces/{id}", "patch", "disabled_server_tools"),
    ("/keys", "post", "external"),
    ("/guardrails", "post", "allowed_data_regions"),
    ("/guardrails/{id}", "patch", "allowed_data_regions"),
    ("/byok", "post", "is_byok_only"),
    ("/byok", "post", "is_required"),
    ("/byok", "post", "declared_zdr"),
    ("/byok/{id}", "patch", "is_byok_only"),
    ("/byok/{id}", "patch", "is_required"),
    ("/byok/{id}", "patch", "declared_zdr"),
    ("/observability/destinations", "post", "regions"),
    ("/observability/destinations/{id}", "patch", "regions"),
];

/// The property names of a request schema (following one `$ref`), with the fields added
/// since the extract, sorted.
fn spec_fields(spec: &Json, path: &str, method: &str) -> Vec<String> {
    let mut schema =
        &spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"];
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().expect("a schema name");
        schema = &spec["components"]["schemas"][name];
    }
    let props = schema["properties"].as_object().expect("properties");
    let mut names: Vec<String> = props.keys().cloned().collect();
    for (p, m, field) in SINCE_THE_EXTRACT {
        if (*p, *m) == (path, method) {
            assert!(
                !names.iter().any(|n| n == field),
                "{field} is in the spec now"
            );
            names.push((*field).to_owned());
        }
    }
    names.sort();
    names
}

/// The property names of a TypeScript interface in the bindings' `.d.ts` text, sorted.
fn dts_fields(interface: &str) -> Vec<String> {
    // The bindings' hand-written TypeScript, in every file that holds some.
    let dts = [
        include_str!("../../../openrouter-admin-js/src/types.rs"),
        include_str!("../../../openrouter-admin-js/src/byok_types.rs"),
        include_str!("../../../openrouter-admin-js/src/enterprise_types.rs"),
    ]
    .concat();
    let start = dts
        .find(&format!("export interface {interface} {{"))
        .unwrap_or_else(|| panic!("no interface {interface}"));
    let body = &dts[start..];
    let body = &body[body.find('{').expect("{") + 1..body.find('}').expect("}")];
    let mut names: Vec<String> = body
        .lines()
        .filter_map(|l| l.trim().split(['?', ':']).next())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    names.sort();
    names
}

/// Every field of `B` is read, written, in the spec's schema and (when the bindings take
/// the body as an object) in the `.d.ts`.
fn check<B: Body>(
    to_json: fn(&B) -> String,
    spec: &Json,
    op: (&'static str, &'static str),
    ts: Option<&str>,
) -> (&'static str, &'static str) {
    let mut names: Vec<String> = B::FIELDS.iter().map(|f| f.name.to_owned()).collect();
    let mut reader = Everything::default();
    let body = B::visit(&mut reader).expect("every field set");
    assert_eq!(
        reader.0,
        B::FIELDS.iter().map(|f| f.name).collect::<Vec<_>>(),
        "reader"
    );
    names.sort();
    let written: serde_json::Map<String, Json> =
        serde_json::from_str(&to_json(&body)).expect("the writer writes JSON"); // keys sorted
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        names.iter().collect::<Vec<_>>(),
        "writer"
    );
    assert_eq!(spec_fields(spec, op.0, op.1), names, "spec {op:?}");
    if let Some(ts) = ts {
        assert_eq!(dts_fields(ts), names, ".d.ts {ts}");
    }
    op
}

/// The spec's bodies not checked field by field here: the id-list bodies (`id_list!`, one
/// field the bindings take as a list, no reader) and the operations the crate does not offer
/// yet. Any other body of the spec must be in the test below: it fails naming it.
const NOT_FIELD_CHECKED: &[(&str, &str)] = &[
    ("/workspaces/{id}/members/add", "post"),
    ("/workspaces/{id}/members/remove", "post"),
    ("/guardrails/{id}/assignments/keys", "post"),
    ("/guardrails/{id}/assignments/keys/remove", "post"),
    ("/guardrails/{id}/assignments/members", "post"),
    ("/guardrails/{id}/assignments/members/remove", "post"),
];

/// Every request body of the spec, but those excused above, is one `check` was run on.
fn every_spec_body_checked(spec: &Json, checked: &[(&str, &str)]) {
    let mut missing = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if op.get("requestBody").is_none() {
                continue;
            }
            let op = (path.as_str(), method.as_str());
            if checked.contains(&op) == NOT_FIELD_CHECKED.contains(&op) {
                missing.push(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "request bodies of the spec not field-checked in body.rs's test (or checked yet \
         still excused): {missing:?}"
    );
}

#[test]
fn every_field_is_read_written_specified_and_typed() {
    let spec = crate::views::tests::spec();
    let mut checked = vec![
        check(
            CreateWorkspace::to_json,
            &spec,
            ("/workspaces", "post"),
            Some("CreateWorkspaceRequest"),
        ),
        check(
            UpdateWorkspace::to_json,
            &spec,
            ("/workspaces/{id}", "patch"),
            Some("UpdateWorkspaceRequest"),
        ),
        check(
            UpsertBudget::to_json,
            &spec,
            ("/workspaces/{id}/budgets/{interval}", "put"),
            None,
        ),
        check(
            CreateKey::to_json,
            &spec,
            ("/keys", "post"),
            Some("CreateKeyRequest"),
        ),
        check(
            UpdateKey::to_json,
            &spec,
            ("/keys/{hash}", "patch"),
            Some("UpdateKeyRequest"),
        ),
        check(
            CreateGuardrail::to_json,
            &spec,
            ("/guardrails", "post"),
            Some("CreateGuardrailRequest"),
        ),
        check(
            UpdateGuardrail::to_json,
            &spec,
            ("/guardrails/{id}", "patch"),
            Some("UpdateGuardrailRequest"),
        ),
    ];
    // The nested content filters: every field of their schemas (the input's deprecated,
    // ignored `label` aside: the API assigns built-in labels) is read and written.
    for (fields, json, schema, ignored, ts) in [
        (
            BuiltinFilter::FIELDS,
            BuiltinFilter::visit(&mut Everything::default())
                .expect("set")
                .to_json(),
            "ContentFilterBuiltinEntryInput",
            Some("label"),
            "BuiltinFilterInput",
        ),
        (
            ContentFilter::FIELDS,
            ContentFilter::visit(&mut Everything::default())
                .expect("set")
                .to_json(),
            "ContentFilterEntry",
            None,
            "ContentFilter",
        ),
    ] {
        let mut names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let written: serde_json::Map<String, Json> = serde_json::from_str(&json).expect("JSON");
        assert_eq!(written.keys().collect::<Vec<_>>(), names, "{schema} writer");
        let props = spec["components"]["schemas"][schema]["properties"]
            .as_object()
            .expect("properties");
        let mut spec_names: Vec<&str> = props
            .keys()
            .map(String::as_str)
            .filter(|n| Some(*n) != ignored)
            .collect();
        spec_names.sort_unstable();
        assert_eq!(spec_names, names, "{schema}");
        assert_eq!(dts_fields(ts), names, ".d.ts {ts}");
    }
    checked.push(check(
        CreateByokKey::to_json,
        &spec,
        ("/byok", "post"),
        Some("CreateByokKeyRequest"),
    ));
    checked.push(check(
        UpdateByokKey::to_json,
        &spec,
        ("/byok/{id}", "patch"),
        Some("UpdateByokKeyRequest"),
    ));
    checked.push(check(
        CreateDestination::to_json,
        &spec,
        ("/observability/destinations", "post"),
        Some("CreateDestinationRequest"),
    ));
    checked.push(check(
        UpdateDestination::to_json,
        &spec,
        ("/observability/destinations/{id}", "patch"),
        Some("UpdateDestinationRequest"),
    ));
    // Issue 21's bodies.
    checked.push(check(
        CreateScimGroupMapping::to_json,
        &spec,
        ("/scim/group-mappings", "post"),
        Some("CreateScimGroupMappingRequest"),
    ));
    checked.push(check(
        UpdateScimGroupMapping::to_json,
        &spec,
        ("/scim/group-mappings/{id}", "patch"),
        Some("UpdateScimGroupMappingRequest"),
    ));
    checked.push(check(
        SubmitFeedback::to_json,
        &spec,
        ("/generation/feedback", "post"),
        Some("SubmitGenerationFeedbackRequest"),
    ));
    checked.push(check(
        AnalyticsQueryBody::to_json,
        &spec,
        ("/analytics/query", "post"),
        Some("AnalyticsQuery"),
    ));
    // The query's nested bodies: a filter, the window and the order, each as the spec has it.
    let query = &spec["paths"]["/analytics/query"]["post"]["requestBody"]["content"]
        ["application/json"]["schema"]["properties"];
    for (fields, schema) in [
        (AnalyticsFilter::FIELDS, &query["filters"]["items"]),
        (TimeRange::FIELDS, &query["time_range"]),
        (OrderBy::FIELDS, &query["order_by"]),
    ] {
        let mut names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let mut spec_names: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        spec_names.sort_unstable();
        assert_eq!(names, spec_names);
    }
    every_spec_body_checked(&spec, &checked);
    // `external` of `POST /keys`, which the extract predates: read, written and typed.
    let mut reader = Everything::default();
    let external = External::visit(&mut reader).expect("every field set");
    let mut names: Vec<String> = External::FIELDS.iter().map(|f| f.name.into()).collect();
    assert_eq!(reader.0, names, "reader");
    names.sort();
    let written: serde_json::Map<String, Json> =
        serde_json::from_str(&external.to_json()).expect("JSON");
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        names.iter().collect::<Vec<_>>()
    );
    assert_eq!(
        dts_fields("ExternalKeyUser"),
        names,
        ".d.ts ExternalKeyUser"
    );
}

#[test]
fn field_kinds_and_presence_come_from_the_types() {
    let f = |name: &str| CreateKey::FIELDS.iter().find(|f| f.name == name).copied();
    assert_eq!(
        f("limit").map(|f| (f.kind, f.presence)),
        Some((Kind::Number, Presence::Optional))
    );
    let g = |name: &str| {
        UpdateWorkspace::FIELDS
            .iter()
            .find(|f| f.name == name)
            .copied()
    };
    assert_eq!(
        g("io_logging_api_key_ids").map(|f| (f.kind, f.presence)),
        Some((Kind::Integers, Presence::Patch))
    );
    assert_eq!(UpsertBudget::FIELDS[0].presence, Presence::Required);
    // A JSON name that is a Rust keyword: the destination's `type`.
    assert_eq!(
        CreateDestination::FIELDS[0],
        Field {
            name: "type",
            kind: Kind::String,
            presence: Presence::Required
        }
    );
    let config = CreateDestination::FIELDS
        .iter()
        .find(|f| f.name == "config");
    assert_eq!(config.map(|f| f.kind), Some(Kind::Json));
}
