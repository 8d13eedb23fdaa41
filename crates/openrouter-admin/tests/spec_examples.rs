//! Every example in the vendored OpenAPI extract, for the schemas this crate covers, decodes
//! through the crate's models (and every error example through `Error`).
#![cfg(not(target_arch = "wasm32"))]

use openrouter_admin::models::*;
use openrouter_admin::Error;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../openapi/openrouter-management.yaml"
    ))
    .expect("read the vendored spec");
    serde_norway::from_str(&text).expect("parse the spec YAML")
}

fn dec<T: DeserializeOwned>(v: &Value, what: &str) {
    let s = v.to_string();
    let mut de = serde_json::Deserializer::from_str(&s);
    let r: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    if let Err(e) = r {
        panic!(
            "{what}: example does not decode at `{}`: {}\n{s}",
            e.path(),
            e.inner()
        );
    }
}

type Decoder = fn(&Value, &str);
/// Response, data, item and request decoders of one operation.
type Decoders = (Decoder, Option<Decoder>, Option<Decoder>, Option<Decoder>);

/// (path, method) -> (response decoder, data decoder, item decoder, request decoder)
fn decoders(path: &str, method: &str) -> Option<Decoders> {
    Some(match (path, method) {
        ("/workspaces", "get") => (
            dec::<ListResponse<Workspace>>,
            None,
            Some(dec::<Workspace>),
            None,
        ),
        ("/workspaces", "post") => (
            dec::<DataResponse<Workspace>>,
            Some(dec::<Workspace>),
            None,
            Some(dec::<CreateWorkspace>),
        ),
        ("/workspaces/{id}", "get") => (
            dec::<DataResponse<Workspace>>,
            Some(dec::<Workspace>),
            None,
            None,
        ),
        ("/workspaces/{id}", "patch") => (
            dec::<DataResponse<Workspace>>,
            Some(dec::<Workspace>),
            None,
            Some(dec::<UpdateWorkspace>),
        ),
        ("/workspaces/{id}", "delete") => (dec::<Deleted>, None, None, None),
        ("/workspaces/{id}/members", "get") => (
            dec::<ListResponse<WorkspaceMember>>,
            None,
            Some(dec::<WorkspaceMember>),
            None,
        ),
        ("/workspaces/{id}/members/add", "post") => {
            (dec::<MembersAdded>, None, None, Some(dec::<MemberIds>))
        }
        ("/workspaces/{id}/members/remove", "post") => {
            (dec::<MembersRemoved>, None, None, Some(dec::<MemberIds>))
        }
        ("/workspaces/{id}/budgets", "get") => {
            (dec::<BudgetList>, None, Some(dec::<WorkspaceBudget>), None)
        }
        ("/workspaces/{id}/budgets/{interval}", "get") => (
            dec::<BudgetResponse>,
            Some(dec::<WorkspaceBudget>),
            None,
            None,
        ),
        ("/workspaces/{id}/budgets/{interval}", "put") => (
            dec::<BudgetResponse>,
            Some(dec::<WorkspaceBudget>),
            None,
            Some(dec::<UpsertBudget>),
        ),
        ("/workspaces/{id}/budgets/{interval}", "delete") => (dec::<Deleted>, None, None, None),
        ("/key", "get") => (
            dec::<DataResponse<CurrentKey>>,
            Some(dec::<CurrentKey>),
            None,
            None,
        ),
        ("/keys", "get") => (dec::<ListResponse<ApiKey>>, None, Some(dec::<ApiKey>), None),
        ("/keys", "post") => (
            dec::<CreatedKey>,
            Some(dec::<ApiKey>),
            None,
            Some(dec::<CreateKey>),
        ),
        ("/keys/{hash}", "get") => (dec::<DataResponse<ApiKey>>, Some(dec::<ApiKey>), None, None),
        ("/keys/{hash}", "patch") => (
            dec::<DataResponse<ApiKey>>,
            Some(dec::<ApiKey>),
            None,
            Some(dec::<UpdateKey>),
        ),
        ("/keys/{hash}", "delete") => (dec::<Deleted>, None, None, None),
        ("/organization/members", "get") => (
            dec::<ListResponse<OrganizationMember>>,
            None,
            Some(dec::<OrganizationMember>),
            None,
        ),
        ("/guardrails", "get") => (
            dec::<ListResponse<Guardrail>>,
            None,
            Some(dec::<Guardrail>),
            None,
        ),
        ("/guardrails", "post") => (
            dec::<DataResponse<Guardrail>>,
            Some(dec::<Guardrail>),
            None,
            Some(dec::<CreateGuardrail>),
        ),
        ("/guardrails/{id}", "get") => (
            dec::<DataResponse<Guardrail>>,
            Some(dec::<Guardrail>),
            None,
            None,
        ),
        ("/guardrails/{id}", "patch") => (
            dec::<DataResponse<Guardrail>>,
            Some(dec::<Guardrail>),
            None,
            Some(dec::<UpdateGuardrail>),
        ),
        ("/guardrails/{id}", "delete") => (dec::<Deleted>, None, None, None),
        ("/guardrails/{id}/assignments/keys", "get") | ("/guardrails/assignments/keys", "get") => (
            dec::<ListResponse<KeyAssignment>>,
            None,
            Some(dec::<KeyAssignment>),
            None,
        ),
        ("/guardrails/{id}/assignments/members", "get")
        | ("/guardrails/assignments/members", "get") => (
            dec::<ListResponse<MemberAssignment>>,
            None,
            Some(dec::<MemberAssignment>),
            None,
        ),
        ("/guardrails/{id}/assignments/keys", "post") => {
            (dec::<Assigned>, None, None, Some(dec::<KeyHashes>))
        }
        ("/guardrails/{id}/assignments/keys/remove", "post") => {
            (dec::<Unassigned>, None, None, Some(dec::<KeyHashes>))
        }
        ("/guardrails/{id}/assignments/members", "post") => {
            (dec::<Assigned>, None, None, Some(dec::<MemberUserIds>))
        }
        ("/guardrails/{id}/assignments/members/remove", "post") => {
            (dec::<Unassigned>, None, None, Some(dec::<MemberUserIds>))
        }
        _ => return byok_and_destination_decoders(path, method),
    })
}

/// The BYOK and observability-destination operations' decoders (as [`decoders`]).
fn byok_and_destination_decoders(path: &str, method: &str) -> Option<Decoders> {
    Some(match (path, method) {
        ("/byok", "get") => (
            dec::<ListResponse<ByokKey>>,
            None,
            Some(dec::<ByokKey>),
            None,
        ),
        ("/byok", "post") => (
            dec::<DataResponse<ByokKey>>,
            Some(dec::<ByokKey>),
            None,
            Some(dec::<CreateByokKey>),
        ),
        ("/byok/{id}", "get") => (
            dec::<DataResponse<ByokKey>>,
            Some(dec::<ByokKey>),
            None,
            None,
        ),
        ("/byok/{id}", "patch") => (
            dec::<DataResponse<ByokKey>>,
            Some(dec::<ByokKey>),
            None,
            Some(dec::<UpdateByokKey>),
        ),
        ("/byok/{id}", "delete") => (dec::<Deleted>, None, None, None),
        ("/observability/destinations", "get") => (
            dec::<ListResponse<Destination>>,
            None,
            Some(dec::<Destination>),
            None,
        ),
        ("/observability/destinations", "post") => (
            dec::<DataResponse<Destination>>,
            Some(dec::<Destination>),
            None,
            Some(dec::<CreateDestination>),
        ),
        ("/observability/destinations/{id}", "get") => (
            dec::<DataResponse<Destination>>,
            Some(dec::<Destination>),
            None,
            None,
        ),
        ("/observability/destinations/{id}", "patch") => (
            dec::<DataResponse<Destination>>,
            Some(dec::<Destination>),
            None,
            Some(dec::<UpdateDestination>),
        ),
        ("/observability/destinations/{id}", "delete") => (dec::<Deleted>, None, None, None),
        _ => return issue21_decoders(path, method),
    })
}

/// The SCIM, analytics and feedback operations' decoders (as [`decoders`]).
fn issue21_decoders(path: &str, method: &str) -> Option<Decoders> {
    let mapping = || {
        (
            dec::<DataResponse<ScimGroupMapping>> as Decoder,
            Some(dec::<ScimGroupMapping> as Decoder),
            None,
        )
    };
    Some(match (path, method) {
        ("/scim/groups", "get") => (
            dec::<ListResponse<ScimGroup>>,
            None,
            Some(dec::<ScimGroup>),
            None,
        ),
        ("/scim/group-mappings", "get") => (
            dec::<ListResponse<ScimGroupMapping>>,
            None,
            Some(dec::<ScimGroupMapping>),
            None,
        ),
        ("/scim/group-mappings", "post") => {
            let (r, d, i) = mapping();
            (r, d, i, Some(dec::<CreateScimGroupMapping>))
        }
        ("/scim/group-mappings/{id}", "get") => {
            let (r, d, i) = mapping();
            (r, d, i, None)
        }
        ("/scim/group-mappings/{id}", "patch") => {
            let (r, d, i) = mapping();
            (r, d, i, Some(dec::<UpdateScimGroupMapping>))
        }
        ("/scim/group-mappings/{id}", "delete") => (dec::<Deleted>, None, None, None),
        ("/analytics/meta", "get") => (
            dec::<DataResponse<AnalyticsMeta>>,
            Some(dec::<AnalyticsMeta>),
            None,
            None,
        ),
        ("/analytics/query", "post") => (
            dec::<DataResponse<AnalyticsResult>>,
            Some(dec::<AnalyticsResult>),
            None,
            Some(dec::<AnalyticsQueryBody>),
        ),
        ("/generation/feedback", "post") => (
            dec::<DataResponse<FeedbackRecorded>>,
            Some(dec::<FeedbackRecorded>),
            None,
            Some(dec::<SubmitFeedback>),
        ),
        _ => return None,
    })
}

fn examples_of(media: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    if let Some(e) = media.get("example") {
        out.push(e);
    }
    if let Some(e) = media.pointer("/schema/example") {
        out.push(e);
    }
    out
}

#[test]
fn every_example_decodes() {
    let spec = spec();
    let paths = spec["paths"].as_object().expect("paths");
    let mut decoded = 0;
    let mut operations = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            let Some((resp, data, items, req)) = decoders(path, method) else {
                continue;
            };
            operations += 1;
            let what = format!("{} {path}", method.to_uppercase());
            if let Some(body) = op.pointer("/requestBody/content/application~1json") {
                let req =
                    req.unwrap_or_else(|| panic!("{what}: has a body but no request decoder"));
                for e in examples_of(body) {
                    req(e, &format!("{what} request"));
                    decoded += 1;
                }
            }
            for (status, r) in op["responses"].as_object().expect("responses") {
                let Some(media) = r.pointer("/content/application~1json") else {
                    continue;
                };
                let code: u16 = status.parse().expect("status");
                if (200..300).contains(&code) {
                    for e in examples_of(media) {
                        resp(e, &format!("{what} {status}"));
                        decoded += 1;
                    }
                    if let (Some(d), Some(e)) =
                        (data, media.pointer("/schema/properties/data/example"))
                    {
                        d(e, &format!("{what} {status} data"));
                        decoded += 1;
                    }
                    if let (Some(i), Some(e)) = (
                        items,
                        media.pointer("/schema/properties/data/items/example"),
                    ) {
                        i(e, &format!("{what} {status} item"));
                        decoded += 1;
                    }
                    if let Some(arr) = media.pointer("/example/data").and_then(Value::as_array) {
                        if let Some(i) = items {
                            for e in arr {
                                i(e, &format!("{what} {status} listed item"));
                                decoded += 1;
                            }
                        }
                    }
                } else {
                    for e in examples_of(media) {
                        let err = Error::from_response(code, &[], &e.to_string());
                        assert_eq!(err.status(), Some(code), "{what} {status}");
                        assert_eq!(
                            err.code(),
                            Some(i64::from(code)),
                            "{what} {status}: envelope code"
                        );
                        assert!(!err.message().is_empty());
                        assert!(
                            err.body_snippet().is_none(),
                            "{what} {status}: envelope not recognised"
                        );
                        decoded += 1;
                    }
                }
            }
        }
    }
    assert!(operations > 0);
    assert!(decoded > 100, "decoded {decoded} examples");
}

/// The spec's operations this crate does not offer yet: the one list to shorten when one is
/// added (then [`every_spec_operation_has_its_decoders`] names what it still needs).
const NOT_OFFERED: &[(&str, &str)] = &[];

/// Read by their own test ([`credits_and_activity_examples_decode`]): their answers are not
/// `data`-or-list shaped the way `decoders` reads them.
const DECODED_APART: &[(&str, &str)] = &[("/credits", "get"), ("/activity", "get")];

/// Every operation of the spec has its decoders in `decoders` (or is named as not offered):
/// a new operation fails here, named, until its examples are read by the crate's models; and
/// an operation the spec no longer has fails here too.
#[test]
fn every_spec_operation_has_its_decoders() {
    let spec = spec();
    let mut missing = Vec::new();
    let mut seen = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let op = (path.as_str(), method.as_str());
            seen.push(op);
            let apart = NOT_OFFERED.contains(&op) || DECODED_APART.contains(&op);
            let has = decoders(path, method).is_some();
            if has == apart {
                // Neither decoded nor excused, or excused though now decoded (a stale entry).
                missing.push(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "operations of the spec without decoders in `decoders` (or with them, yet still in NOT_OFFERED/DECODED_APART): {missing:?}"
    );
    let gone: Vec<_> = NOT_OFFERED
        .iter()
        .chain(DECODED_APART)
        .filter(|op| !seen.contains(op))
        .collect();
    assert!(gone.is_empty(), "not in the spec: {gone:?}");
}

#[test]
fn component_examples_decode() {
    let spec = spec();
    let schemas = &spec["components"]["schemas"];
    let table: &[(&str, Decoder)] = &[
        ("Workspace", dec::<Workspace>),
        ("ScimGroup", dec::<ScimGroup>),
        ("ScimGroupMapping", dec::<ScimGroupMapping>),
        ("SubmitGenerationFeedbackRequest", dec::<SubmitFeedback>),
        (
            "SubmitGenerationFeedbackResponse",
            dec::<DataResponse<FeedbackRecorded>>,
        ),
        ("WorkspaceBudget", dec::<WorkspaceBudget>),
        ("WorkspaceMember", dec::<WorkspaceMember>),
        ("CreateWorkspaceRequest", dec::<CreateWorkspace>),
        ("CreateWorkspaceResponse", dec::<DataResponse<Workspace>>),
        ("UpdateWorkspaceRequest", dec::<UpdateWorkspace>),
        ("UpdateWorkspaceResponse", dec::<DataResponse<Workspace>>),
        ("GetWorkspaceResponse", dec::<DataResponse<Workspace>>),
        ("ListWorkspacesResponse", dec::<ListResponse<Workspace>>),
        ("DeleteWorkspaceResponse", dec::<Deleted>),
        (
            "ListWorkspaceMembersResponse",
            dec::<ListResponse<WorkspaceMember>>,
        ),
        ("BulkAddWorkspaceMembersRequest", dec::<MemberIds>),
        ("BulkAddWorkspaceMembersResponse", dec::<MembersAdded>),
        ("BulkRemoveWorkspaceMembersRequest", dec::<MemberIds>),
        ("BulkRemoveWorkspaceMembersResponse", dec::<MembersRemoved>),
        ("ListWorkspaceBudgetsResponse", dec::<BudgetList>),
        ("GetWorkspaceBudgetResponse", dec::<BudgetResponse>),
        ("UpsertWorkspaceBudgetRequest", dec::<UpsertBudget>),
        ("UpsertWorkspaceBudgetResponse", dec::<BudgetResponse>),
        ("DeleteWorkspaceBudgetResponse", dec::<Deleted>),
        ("Guardrail", dec::<Guardrail>),
        ("CreateGuardrailRequest", dec::<CreateGuardrail>),
        ("CreateGuardrailResponse", dec::<DataResponse<Guardrail>>),
        ("UpdateGuardrailRequest", dec::<UpdateGuardrail>),
        ("UpdateGuardrailResponse", dec::<DataResponse<Guardrail>>),
        ("GetGuardrailResponse", dec::<DataResponse<Guardrail>>),
        ("ListGuardrailsResponse", dec::<ListResponse<Guardrail>>),
        ("DeleteGuardrailResponse", dec::<Deleted>),
        ("ContentFilterBuiltinEntry", dec::<BuiltinFilterEntry>),
        ("ContentFilterBuiltinEntryInput", dec::<BuiltinFilter>),
        ("ContentFilterEntry", dec::<ContentFilter>),
        ("KeyAssignment", dec::<KeyAssignment>),
        ("MemberAssignment", dec::<MemberAssignment>),
        (
            "ListKeyAssignmentsResponse",
            dec::<ListResponse<KeyAssignment>>,
        ),
        (
            "ListMemberAssignmentsResponse",
            dec::<ListResponse<MemberAssignment>>,
        ),
        ("BulkAssignKeysRequest", dec::<KeyHashes>),
        ("BulkAssignKeysResponse", dec::<Assigned>),
        ("BulkUnassignKeysRequest", dec::<KeyHashes>),
        ("BulkUnassignKeysResponse", dec::<Unassigned>),
        ("BulkAssignMembersRequest", dec::<MemberUserIds>),
        ("BulkAssignMembersResponse", dec::<Assigned>),
        ("BulkUnassignMembersRequest", dec::<MemberUserIds>),
        ("BulkUnassignMembersResponse", dec::<Unassigned>),
    ];
    for (name, d) in table {
        let s = &schemas[*name];
        assert!(s.is_object(), "{name} is in the spec");
        let e = s
            .get("example")
            .unwrap_or_else(|| panic!("{name} has an example"));
        d(e, name);
    }
    for name in [
        "BadRequestResponse",
        "UnauthorizedResponse",
        "ForbiddenResponse",
        "NotFoundResponse",
        "TooManyRequestsResponse",
        "InternalServerResponse",
    ] {
        let e = &schemas[name]["example"];
        let code = e["error"]["code"].as_u64().expect("code") as u16;
        let err = Error::from_response(code, &[], &e.to_string());
        assert_eq!(err.code(), Some(i64::from(code)), "{name}");
    }
}

/// Every destination type's schema example decodes as a [`Destination`], its `type` known and
/// its required `config` properties the ones [`DestinationType::required_config`] names; the
/// BYOK schemas' examples decode, and every provider of the spec's list (but the one today's
/// API dropped) is in [`BYOK_PROVIDERS`].
#[test]
fn byok_and_destination_components_decode() {
    let spec = spec();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let mut types = 0;
    for (name, s) in schemas {
        let Some(kind) = s.pointer("/properties/type/enum/0").and_then(Value::as_str) else {
            continue;
        };
        if !name.starts_with("Observability") || !name.ends_with("Destination") {
            continue;
        }
        types += 1;
        dec::<Destination>(&s["example"], name);
        let t = DestinationType::parse(kind);
        assert!(t.is_known(), "{kind}");
        let mut required: Vec<&str> = s["properties"]["config"]["required"]
            .as_array()
            .expect("config.required")
            .iter()
            .map(|v| v.as_str().expect("name"))
            .collect();
        let mut ours = t.required_config().to_vec();
        required.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, required, "{kind} config");
        // The optional string settings are the schema's others, `headers` aside.
        let mut optional: Vec<&str> = s["properties"]["config"]["properties"]
            .as_object()
            .expect("config.properties")
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "headers" && !required.contains(k))
            .collect();
        let mut ours = t.optional_config().to_vec();
        optional.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, optional, "{kind} optional config");
    }
    assert_eq!(types, DestinationType::ALL.len());
    for (name, d) in [
        ("BYOKKey", dec::<ByokKey> as Decoder),
        ("CreateBYOKKeyRequest", dec::<CreateByokKey>),
        ("UpdateBYOKKeyRequest", dec::<UpdateByokKey>),
        ("ListBYOKKeysResponse", dec::<ListResponse<ByokKey>>),
        (
            "CreateObservabilityDestinationRequest",
            dec::<CreateDestination>,
        ),
        (
            "UpdateObservabilityDestinationRequest",
            dec::<UpdateDestination>,
        ),
    ] {
        d(&schemas[name]["example"], name);
    }
    for p in schemas["BYOKProviderSlug"]["enum"]
        .as_array()
        .expect("providers")
    {
        let p = p.as_str().expect("slug");
        assert!(p == "ncompass" || BYOK_PROVIDERS.contains(&p), "{p}");
    }
}

#[test]
fn enums_in_the_spec_are_known() {
    let spec = spec();
    let s = &spec["components"]["schemas"];
    for v in s["WorkspaceBudgetInterval"]["enum"]
        .as_array()
        .expect("enum")
    {
        let i: Interval = serde_json::from_value(v.clone()).expect("interval");
        assert_eq!(i.as_str(), v.as_str().expect("str"));
    }
    for v in s["WorkspaceMember"]["properties"]["role"]["enum"]
        .as_array()
        .expect("enum")
    {
        let r: MemberRole = serde_json::from_value(v.clone()).expect("role");
        assert!(r.is_known(), "{v}");
    }
    for (schema, parse) in [
        (
            "ContentFilterBuiltinSlug",
            (|v| ContentFilterSlug::parse(v).is_known()) as fn(&str) -> bool,
        ),
        ("ContentFilterAction", |v| {
            ContentFilterAction::parse(v).is_known()
        }),
        ("ContentFilterBuiltinAction", |v| {
            ContentFilterAction::parse(v).is_known()
        }),
        ("PromptInjectionScanScope", |v| {
            ScanScope::parse(v).is_known()
        }),
    ] {
        for v in s[schema]["enum"].as_array().expect("enum") {
            assert!(parse(v.as_str().expect("str")), "{schema}: {v}");
        }
    }
    for v in s["GuardrailInterval"]["enum"].as_array().expect("enum") {
        let r: Option<LimitReset> = serde_json::from_value(v.clone()).expect("reset");
        assert!(r.is_none_or(|r| r.is_known()), "{v}");
    }
    for v in s["WorkspaceBudget"]["properties"]["reset_interval"]["enum"]
        .as_array()
        .expect("enum")
    {
        let r: Option<LimitReset> = serde_json::from_value(v.clone()).expect("reset");
        assert!(r.is_none_or(|r| r.is_known()), "{v}");
    }
}

/// `/credits` and `/activity` examples decode into the models.
#[test]
fn credits_and_activity_examples_decode() {
    let spec = spec();
    let ok = |path: &str| {
        spec.pointer(&format!(
            "/paths/{}/get/responses/200/content/application~1json",
            path.replace('/', "~1")
        ))
        .cloned()
        .unwrap_or_else(|| panic!("{path} 200 in the spec"))
    };
    let credits = ok("/credits");
    for e in examples_of(&credits) {
        dec::<DataResponse<Credits>>(e, "GET /credits");
    }
    dec::<Credits>(
        credits
            .pointer("/schema/properties/data/example")
            .expect("data example"),
        "GET /credits data",
    );
    let activity = ok("/activity");
    let examples = examples_of(&activity);
    assert!(!examples.is_empty());
    for e in examples {
        dec::<DataResponse<Vec<ActivityItem>>>(e, "GET /activity");
    }
    let schemas = &spec["components"]["schemas"];
    dec::<ActivityItem>(&schemas["ActivityItem"]["example"], "ActivityItem");
    dec::<DataResponse<Vec<ActivityItem>>>(
        &schemas["ActivityResponse"]["example"],
        "ActivityResponse",
    );
    // Every required field of the schema is one the model reads.
    let model = serde_json::to_value(
        serde_json::from_value::<ActivityItem>(schemas["ActivityItem"]["example"].clone())
            .expect("decodes"),
    )
    .expect("encodes");
    for f in schemas["ActivityItem"]["required"]
        .as_array()
        .expect("required")
    {
        assert!(model.get(f.as_str().expect("name")).is_some(), "{f}");
    }
}
