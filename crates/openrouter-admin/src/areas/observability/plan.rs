//! Observability destinations in `openrouter-org.jsonc`: where a workspace's traffic is
//! broadcast, what is sent and how much. The file holds a destination's `config` but never its
//! credentials (`apiKey`, `password`, ...: the answers mask them): they are write-only, typed in
//! for the apply that creates the destination ([`TYPED_IN`]) and sent in its create body
//! only, never in the file, the plan, the state or the journal; without them such a create is
//! refused before any write, naming what it needs. A webhook or an OpenTelemetry collector needs
//! none. `filter_rules` and a webhook's `headers` are not managed by the file yet.

use std::collections::BTreeMap;

use super::models::DestinationType;
use crate::error::FieldError;
use crate::orgfile::action::{Action, ActionKind};
use crate::orgfile::section::{set, LiveObject, LiveOrg, SectionSpec, TypedIn};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
use crate::orgfile::write::{create_body, new_in_workspace, update_body, Write};

/// A `config` property's value.
const CONFIG: Kind = Kind::Text(2000);

/// The `config` properties the file manages: every type's, but for credentials (a test checks
/// this list against [`DestinationType::required_config`] and `optional_config`).
const CONFIG_FIELDS: [&str; 27] = [
    "config.accessKeyId",
    "config.account",
    "config.baseUrl",
    "config.bucketName",
    "config.database",
    "config.endpoint",
    "config.entity",
    "config.host",
    "config.instanceId",
    "config.method",
    "config.mlApp",
    "config.modelId",
    "config.otlpEndpoint",
    "config.pathTemplate",
    "config.prefix",
    "config.project",
    "config.projectId",
    "config.projectName",
    "config.publicKey",
    "config.region",
    "config.schema",
    "config.table",
    "config.url",
    "config.username",
    "config.warehouse",
    "config.workspace",
    "config.workspaceId",
];

/// The type names, as the file writes them.
const TYPES: [&str; 17] = [
    "arize",
    "braintrust",
    "clickhouse",
    "datadog",
    "grafana",
    "langfuse",
    "langsmith",
    "newrelic",
    "opik",
    "otel-collector",
    "posthog",
    "ramp",
    "s3",
    "sentry",
    "snowflake",
    "weave",
    "webhook",
];

const fn config(name: &'static str) -> FieldSpec {
    FieldSpec::plain(name, CONFIG, false)
}

/// The `destinations` section: bound by `id`, adopted by `name` within its workspace.
pub static SECTION: SectionSpec = SectionSpec {
    name: "destinations",
    resource: "openrouter_observability_destination",
    id_field: "id",
    adopt_by: "name",
    fields: &[
        FieldSpec::plain("name", Kind::Text(100), false),
        FieldSpec::plain("type", Kind::Choice(&TYPES), false)
            .replaces("a destination's type cannot change: a new one will be made and this one deleted"),
        FieldSpec::plain("workspace", Kind::Ref("workspaces"), false)
            .replaces("a destination cannot move to another workspace: a new one will be made there and this one deleted"),
        FieldSpec::plain("enabled", Kind::Bool, false).widens(Widens::WhenTrue),
        FieldSpec::plain("privacy_mode", Kind::Bool, false).widens(Widens::WhenFalse),
        FieldSpec::plain("broadcast_generation_cost", Kind::Bool, false).widens(Widens::WhenTrue),
        FieldSpec::plain("broadcast_generation_identity", Kind::Bool, false)
            .widens(Widens::WhenTrue),
        FieldSpec::plain("broadcast_generation_request_context", Kind::Bool, false)
            .widens(Widens::WhenTrue),
        FieldSpec::plain("sampling_rate", Kind::Number(0.0001, 1.0), false)
            .widens(Widens::WhenRaised),
        FieldSpec::plain("api_key_hashes", Kind::Refs("keys"), true).widens(Widens::WhenAllowed),
        FieldSpec::plain("regions", Kind::Set(true), false).widens(Widens::WhenAdded),
        config(CONFIG_FIELDS[0]),
        config(CONFIG_FIELDS[1]),
        config(CONFIG_FIELDS[2]),
        config(CONFIG_FIELDS[3]),
        config(CONFIG_FIELDS[4]),
        config(CONFIG_FIELDS[5]),
        config(CONFIG_FIELDS[6]),
        config(CONFIG_FIELDS[7]),
        config(CONFIG_FIELDS[8]),
        config(CONFIG_FIELDS[9]),
        config(CONFIG_FIELDS[10]),
        config(CONFIG_FIELDS[11]),
        config(CONFIG_FIELDS[12]),
        config(CONFIG_FIELDS[13]),
        config(CONFIG_FIELDS[14]),
        config(CONFIG_FIELDS[15]),
        config(CONFIG_FIELDS[16]),
        config(CONFIG_FIELDS[17]),
        config(CONFIG_FIELDS[18]),
        config(CONFIG_FIELDS[19]),
        config(CONFIG_FIELDS[20]),
        config(CONFIG_FIELDS[21]),
        config(CONFIG_FIELDS[22]),
        config(CONFIG_FIELDS[23]),
        config(CONFIG_FIELDS[24]),
        config(CONFIG_FIELDS[25]),
        config(CONFIG_FIELDS[26]),
    ],
    live,
    typed_in: Some(&TYPED_IN),
    writes,
};

/// What `PATCH /observability/destinations/{id}` takes besides `config` (the type and the
/// workspace cannot change).
const UPDATE: [&str; 9] = [
    "name",
    "enabled",
    "privacy_mode",
    "broadcast_generation_cost",
    "broadcast_generation_identity",
    "broadcast_generation_request_context",
    "sampling_rate",
    "api_key_hashes",
    "regions",
];

fn live(org: &LiveOrg) -> Vec<LiveObject> {
    org.destinations
        .iter()
        .map(|d| {
            let mut fields = BTreeMap::from([
                ("type", Value::Text(d.kind.to_string())),
                ("workspace", Value::Text(d.workspace_id.to_string())),
                ("enabled", Value::Bool(d.enabled)),
                ("privacy_mode", Value::Bool(d.privacy_mode)),
                (
                    "broadcast_generation_cost",
                    Value::Bool(d.broadcast_generation_cost),
                ),
                (
                    "broadcast_generation_identity",
                    Value::Bool(d.broadcast_generation_identity),
                ),
                (
                    "broadcast_generation_request_context",
                    Value::Bool(d.broadcast_generation_request_context),
                ),
                ("sampling_rate", Value::Number(d.sampling_rate)),
                (
                    "api_key_hashes",
                    d.api_key_hashes
                        .as_ref()
                        .map_or(Value::Null, |h| set(h.iter().map(|h| h.as_str()))),
                ),
                ("regions", set(d.regions.iter().map(|r| r.as_str()))),
            ]);
            // A destination without a name (the API never makes one) has no name to manage.
            if let Some(name) = &d.name {
                fields.insert("name", Value::Text(name.clone()));
            }
            for name in CONFIG_FIELDS {
                let property = &name["config.".len()..];
                if let Some(serde_json::Value::String(v)) = d.config.get(property) {
                    fields.insert(name, Value::Text(v.clone()));
                }
            }
            LiveObject {
                id: d.id.to_string(),
                fields,
                reach: vec![match &d.api_key_hashes {
                    Some(h) => format!("receives the traffic of {} keys", h.len()),
                    None => "receives the traffic of every key of its workspace".into(),
                }],
            }
        })
        .collect()
}

/// A new destination's secret `config` properties, typed in at the apply
/// ([`crate::orgfile::typed`]): those its type requires.
pub static TYPED_IN: TypedIn = TypedIn {
    what: "destination",
    accepts: &[
        ("apiKey", "config.apiKey"),
        ("dsn", "config.dsn"),
        ("licenseKey", "config.licenseKey"),
        ("password", "config.password"),
        ("secretAccessKey", "config.secretAccessKey"),
        ("secretKey", "config.secretKey"),
        ("sessionToken", "config.sessionToken"),
        ("spaceKey", "config.spaceKey"),
        ("token", "config.token"),
    ],
    needs: required_credentials,
};

/// The secret `config` properties the type `action` names requires.
fn required_credentials(action: &Action) -> Vec<&'static str> {
    let Some(Value::Text(kind)) = action.after.get("type") else {
        return vec![];
    };
    DestinationType::parse(kind)
        .required_config()
        .iter()
        .copied()
        .filter(|p| DestinationType::is_secret_config(p))
        .collect()
}

fn writes(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    let mut body_fields: Vec<&str> = UPDATE.to_vec();
    body_fields.extend(CONFIG_FIELDS);
    Ok(match action.action {
        ActionKind::Delete => vec![Write::DeleteDestination],
        ActionKind::Create | ActionKind::Replace => {
            body_fields.push("type");
            body_fields.extend(TYPED_IN.accepts.iter().map(|(_, field)| *field));
            let body = create_body(action, &body_fields)?;
            let workspace = new_in_workspace(action, "destination")?;
            let mut out = vec![Write::CreateDestination(body, workspace)];
            if action.action == ActionKind::Replace {
                out.push(Write::DeleteOldDestination);
            }
            out
        }
        ActionKind::Update | ActionKind::Adopt => update_body(action, &body_fields)?
            .map(Write::UpdateDestination)
            .into_iter()
            .collect(),
        _ => vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgfile::plan::plan;
    use crate::orgfile::tests::workspace;
    use crate::orgfile::typed;
    use crate::orgfile::{export, LiveOrg};
    use crate::secret::Secret;
    use serde_json::json;
    use std::collections::BTreeSet;

    const WS: &str = "00000000-0000-4000-8000-000000000001";

    fn destination(
        id: &str,
        kind: &str,
        name: &str,
        config: serde_json::Value,
    ) -> serde_json::Value {
        json!({
            "id": id, "workspace_id": WS, "type": kind, "name": name, "enabled": true,
            "privacy_mode": true, "broadcast_generation_cost": false,
            "broadcast_generation_identity": false, "broadcast_generation_request_context": false,
            "sampling_rate": 0.5, "api_key_hashes": null, "filter_rules": null, "config": config,
            "regions": ["global"], "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        })
    }

    fn live() -> LiveOrg {
        serde_json::from_value(json!({
            "workspaces": [workspace(WS, "staging")], "budgets": {}, "members": {}, "keys": [],
            "destinations": [
                destination("00000000-0000-4000-8000-0000000000d1", "webhook", "Audit hook",
                    json!({ "url": "https://hooks.example.com/or" })),
                destination("00000000-0000-4000-8000-0000000000d2", "datadog", "Datadog",
                    json!({ "apiKey": "dd-...f00d", "mlApp": "gateway" })),
            ],
        }))
        .expect("the test's organization decodes")
    }

    fn action(text: &str, address: &str) -> Action {
        let p = plan(text, &live(), None).expect("test data");
        p.resource_changes
            .into_iter()
            .find(|a| a.address == address)
            .expect("the entry's action")
    }

    #[test]
    fn an_export_holds_config_but_never_credentials_and_plans_nothing() {
        let text = export(&live());
        assert!(
            text.contains(r#""url": "https://hooks.example.com/or""#),
            "{text}"
        );
        assert!(text.contains(r#""mlApp": "gateway""#), "{text}");
        assert!(!text.contains("apiKey") && !text.contains("f00d"), "{text}");
        assert!(plan(&text, &live(), None).expect("test data").is_empty());
    }

    #[test]
    fn a_webhook_is_made_from_the_file_and_a_credentialed_type_is_refused_naming_what_it_needs() {
        let text = format!(
            r#"{{ "version": 1, "destinations": {{
                "new-hook": {{ "name": "New hook", "type": "webhook", "workspace": "{WS}", "sampling_rate": 1,
                               "config": {{ "url": "https://hooks.example.com/new", "method": "POST" }} }},
                "new-dd": {{ "name": "New Datadog", "type": "datadog", "workspace": "{WS}",
                             "config": {{ "mlApp": "gw" }} }} }} }}"#
        );
        let hook = action(&text, "destinations.new-hook");
        assert_eq!(hook.action, ActionKind::Create);
        let writes = (SECTION.writes)(&hook).expect("a webhook needs no credential");
        let [Write::CreateDestination(body, workspace)] = writes.as_slice() else {
            panic!("{writes:?}")
        };
        assert_eq!(workspace, WS);
        let config = body.config.properties().expect("an object");
        assert_eq!(config["url"], "https://hooks.example.com/new");
        assert_eq!(body.sampling_rate, Some(1.0));
        let dd = action(&text, "destinations.new-dd");
        assert_eq!(typed::needs(&SECTION, &dd), ["apiKey"]);
        assert!(typed::needs(&SECTION, &hook).is_empty());
        let errors =
            typed::with_typed(&SECTION, &dd, None).expect_err("the file never holds apiKey");
        assert_eq!(
            (errors[0].field.as_str(), errors[0].rule.as_str()),
            ("destinations.new-dd.apiKey", "credentials")
        );
        assert!(
            errors[0].message.contains("apiKey"),
            "{}",
            errors[0].message
        );
        // Typed in, the credential is in the create body, and not in the action given.
        let typed = BTreeMap::from([("apiKey".to_owned(), Secret::new("dd-typed-in"))]);
        let with = typed::with_typed(&SECTION, &dd, Some(&typed))
            .expect("apiKey is a credential")
            .expect("a copy");
        let writes = (SECTION.writes)(&with).expect("the credential was typed in");
        let [Write::CreateDestination(body, _)] = writes.as_slice() else {
            panic!("{writes:?}")
        };
        let config = body.config.properties().expect("an object");
        assert_eq!(config["apiKey"], "dd-typed-in");
        assert_eq!(config["mlApp"], "gw");
        assert!(!serde_json::to_string(&dd)
            .expect("json")
            .contains("dd-typed-in"));
        // What is not a credential, or not a destination's create, is refused by name.
        let url = BTreeMap::from([("url".to_owned(), Secret::new("https://x"))]);
        let e = typed::with_typed(&SECTION, &dd, Some(&url)).expect_err("url is not a credential");
        assert_eq!(e[0].field, "destinations.new-dd.url");
        assert_eq!(
            e[1].field, "destinations.new-dd.apiKey",
            "and apiKey is still missing"
        );
        let audit = action(
            &format!(
                r#"{{ "version": 1, "destinations": {{ "audit": {{ "name": "Audit hook", "workspace": "{WS}" }} }} }}"#
            ),
            "destinations.audit",
        );
        let e =
            typed::with_typed(&SECTION, &audit, Some(&typed)).expect_err("an adoption takes none");
        assert_eq!(
            (e[0].field.as_str(), e[0].rule.as_str()),
            ("destinations.audit", "credentials")
        );
    }

    #[test]
    fn a_config_edit_sends_only_that_property_and_privacy_off_is_flagged() {
        let text = format!(
            r#"{{ "version": 1, "destinations": {{
                "audit": {{ "name": "Audit hook", "workspace": "{WS}", "privacy_mode": false,
                            "config": {{ "url": "https://hooks.example.com/v2" }} }} }} }}"#
        );
        let a = action(&text, "destinations.audit");
        assert_eq!(a.action, ActionKind::Adopt);
        let privacy = a
            .changes
            .iter()
            .find(|c| c.field == "privacy_mode")
            .expect("test data");
        assert!(privacy.widens, "privacy off sends bodies: more than before");
        let writes = (SECTION.writes)(&a).expect("test data");
        let [Write::UpdateDestination(patch)] = writes.as_slice() else {
            panic!("{writes:?}")
        };
        let sent: serde_json::Value = serde_json::from_str(&patch.to_json()).expect("test data");
        assert_eq!(
            sent,
            json!({ "privacy_mode": false, "config": { "url": "https://hooks.example.com/v2" } })
        );
        let retyped = text.replace(r#""privacy_mode": false"#, r#""type": "otel-collector""#);
        let a = action(&retyped, "destinations.audit");
        assert_eq!(
            (a.action, a.replace_paths.clone()),
            (ActionKind::Replace, vec![vec!["type"]])
        );
    }

    #[test]
    fn the_file_manages_every_config_property_but_credentials() {
        let mut want = BTreeSet::new();
        for kind in DestinationType::ALL {
            for p in kind.required_config().iter().chain(kind.optional_config()) {
                if !DestinationType::is_secret_config(p) {
                    want.insert(format!("config.{p}"));
                }
            }
        }
        let have: BTreeSet<String> = CONFIG_FIELDS.iter().map(|s| s.to_string()).collect();
        assert_eq!(have, want);
        let mut secrets = BTreeSet::new();
        for kind in DestinationType::ALL {
            for p in kind.required_config().iter().chain(kind.optional_config()) {
                if DestinationType::is_secret_config(p) {
                    secrets.insert(format!("config.{p}"));
                }
            }
        }
        let typed: BTreeSet<String> = TYPED_IN
            .accepts
            .iter()
            .map(|(property, field)| {
                assert_eq!(*field, format!("config.{property}"));
                field.to_string()
            })
            .collect();
        assert_eq!(typed, secrets);
        let types: BTreeSet<String> = DestinationType::ALL.iter().map(|t| t.to_string()).collect();
        assert_eq!(types, TYPES.iter().map(|s| s.to_string()).collect());
    }
}
