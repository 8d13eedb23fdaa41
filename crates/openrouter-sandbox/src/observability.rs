//! Observability (broadcast) destinations (`/observability/destinations`, `/{id}`), per
//! workspace.
//!
//! The rules (the crate README says why for each):
//! * at most [`MAX_PER_TYPE`] destinations of one type per workspace: the sixth is a 409;
//! * `regions` (`global`, `europe`, `us`; `eu` is taken for `europe`) defaults to
//!   `["global"]` on create, must not be empty, and is kept by an update that leaves it out;
//!   `null` cannot clear it;
//! * `config` is checked against its type's schema: the required settings present and
//!   non-empty, the known ones of the right type, no others. Credentials in it (`apiKey`,
//!   `secretKey`, `password`, ...) are stored masked only, so no answer carries them; an update
//!   that sends a masked value back leaves that setting as it is;
//! * `workspace_id` is a UUID (no slug), defaulting to the Default workspace.

use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::params;
use serde_json::{Map, Value};

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::{type_name, Field, JsonObject, PathParams, QueryParams};
use crate::observability_rows::{DestinationRow, COLS};
use crate::store::{self, find, mask, now};

/// Most destinations of one type a workspace may have.
pub const MAX_PER_TYPE: i64 = 5;

/// What a `config` setting must be.
#[derive(Clone, Copy)]
enum Rule {
    /// Any string.
    Text,
    /// A string of at least one character.
    NonEmpty,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// An object of string values (custom HTTP headers).
    Headers,
}

use Rule::{Headers, NonEmpty, OneOf, Text};

/// One setting of a type's `config`: name, rule, required.
type Setting = (&'static str, Rule, bool);

/// The `config` schema of each stable type, from the spec's `Observability*Destination`.
fn settings(kind: &str) -> Option<&'static [Setting]> {
    Some(match kind {
        "arize" => &[
            ("apiKey", NonEmpty, true),
            ("spaceKey", NonEmpty, true),
            ("modelId", NonEmpty, true),
            ("baseUrl", Text, false),
            ("headers", Headers, false),
        ],
        "braintrust" => &[
            ("apiKey", NonEmpty, true),
            ("projectId", NonEmpty, true),
            ("baseUrl", Text, false),
            ("headers", Headers, false),
        ],
        "clickhouse" => &[
            ("host", NonEmpty, true),
            ("database", NonEmpty, true),
            ("username", NonEmpty, true),
            ("password", NonEmpty, true),
            ("table", Text, false),
            ("headers", Headers, false),
        ],
        "datadog" => &[
            ("apiKey", NonEmpty, true),
            ("mlApp", NonEmpty, true),
            ("url", Text, false),
            ("headers", Headers, false),
        ],
        "grafana" => &[
            ("apiKey", NonEmpty, true),
            ("instanceId", NonEmpty, true),
            ("baseUrl", Text, false),
            ("headers", Headers, false),
        ],
        "langfuse" => &[
            ("secretKey", NonEmpty, true),
            ("publicKey", NonEmpty, true),
            ("baseUrl", Text, false),
            ("headers", Headers, false),
        ],
        "langsmith" => &[
            ("apiKey", NonEmpty, true),
            ("endpoint", Text, false),
            ("project", NonEmpty, false),
            ("workspaceId", Text, false),
            ("headers", Headers, false),
        ],
        "newrelic" => &[
            ("licenseKey", NonEmpty, true),
            ("region", OneOf(&["us", "eu"]), false),
            ("headers", Headers, false),
        ],
        "opik" => &[
            ("apiKey", NonEmpty, true),
            ("workspace", NonEmpty, true),
            ("projectName", NonEmpty, true),
            ("headers", Headers, false),
        ],
        "otel-collector" => &[("endpoint", Text, true), ("headers", Headers, false)],
        "posthog" => &[
            ("apiKey", NonEmpty, true),
            ("endpoint", Text, false),
            ("headers", Headers, false),
        ],
        "ramp" => &[
            ("apiKey", NonEmpty, true),
            ("baseUrl", Text, false),
            ("headers", Headers, false),
        ],
        "s3" => &[
            ("bucketName", NonEmpty, true),
            ("accessKeyId", NonEmpty, true),
            ("secretAccessKey", NonEmpty, true),
            ("endpoint", Text, false),
            ("pathTemplate", Text, false),
            ("prefix", Text, false),
            ("region", Text, false),
            ("sessionToken", Text, false),
            ("headers", Headers, false),
        ],
        "sentry" => &[
            ("otlpEndpoint", Text, true),
            ("dsn", NonEmpty, true),
            ("headers", Headers, false),
        ],
        "snowflake" => &[
            ("account", NonEmpty, true),
            ("token", NonEmpty, true),
            ("database", Text, false),
            ("schema", Text, false),
            ("table", Text, false),
            ("warehouse", Text, false),
            ("headers", Headers, false),
        ],
        "weave" => &[
            ("apiKey", NonEmpty, true),
            ("entity", NonEmpty, true),
            ("project", NonEmpty, true),
            ("baseUrl", Text, false),
            ("headers", Headers, false),
        ],
        "webhook" => &[
            ("url", Text, true),
            ("method", OneOf(&["POST", "PUT"]), false),
            ("headers", Headers, false),
        ],
        _ => return None,
    })
}

/// Settings that are credentials: stored and answered masked.
const SECRET_SETTINGS: &[&str] = &[
    "apiKey",
    "secretKey",
    "password",
    "licenseKey",
    "secretAccessKey",
    "sessionToken",
    "token",
    "spaceKey",
    "dsn",
];

/// What a filter rule may test (the spec's `ObservabilityFilterRuleGroup`).
const RULE_FIELDS: &[&str] = &[
    "model",
    "provider",
    "session_id",
    "user_id",
    "api_key_name",
    "finish_reason",
    "input",
    "output",
    "total_cost",
    "total_tokens",
    "prompt_tokens",
    "completion_tokens",
];

/// How a filter rule compares.
const RULE_OPERATORS: &[&str] = &[
    "equals",
    "not_equals",
    "contains",
    "not_contains",
    "regex",
    "starts_with",
    "ends_with",
    "gt",
    "lt",
    "gte",
    "lte",
    "exists",
    "not_exists",
];

/// The regions a destination may name on input.
const REGIONS: &[&str] = &["global", "europe", "eu", "us"];

/// Sets config settings from `patch` (all of a create's, or an update's changes),
/// checked against the type's schema; credentials are masked before they are kept, and a
/// masked value sent back is ignored.
fn set_config(row: &mut DestinationRow, patch: &Map<String, Value>) -> ApiResult<()> {
    let schema = settings(&row.kind).ok_or_else(|| {
        ApiError::bad_request(format!(
            "type: {:?} is not a stable destination type",
            row.kind
        ))
    })?;
    for (name, value) in patch {
        let Some((_, rule, required)) = schema.iter().find(|(n, ..)| n == name) else {
            return Err(ApiError::bad_request(format!(
                "config.{name}: not a setting of a {} destination",
                row.kind
            )));
        };
        if value.is_null() {
            if *required {
                return Err(ApiError::bad_request(format!(
                    "config.{name}: required, cannot be null"
                )));
            }
            row.config.remove(name);
            continue;
        }
        check_setting(name, *rule, value)?;
        let secret = SECRET_SETTINGS.contains(&name.as_str());
        let text = value.as_str().unwrap_or_default();
        if secret && row.config.get(name).and_then(Value::as_str) == Some(text) {
            continue; // the masked value this sandbox answered: unchanged
        }
        let kept = if secret {
            Value::String(mask(text))
        } else {
            value.clone()
        };
        row.config.insert(name.clone(), kept);
    }
    for (name, _, required) in schema {
        if *required && !row.config.contains_key(*name) {
            return Err(ApiError::bad_request(format!(
                "config.{name}: required for a {} destination",
                row.kind
            )));
        }
    }
    Ok(())
}

fn check_setting(name: &str, rule: Rule, value: &Value) -> ApiResult<()> {
    let bad = |what: &str| {
        Err(ApiError::bad_request(format!(
            "config.{name}: must be {what}, got {}",
            type_name(value)
        )))
    };
    match (rule, value) {
        (Text, Value::String(_)) => Ok(()),
        (NonEmpty, Value::String(s)) if !s.is_empty() => Ok(()),
        (NonEmpty, Value::String(_)) => Err(ApiError::bad_request(format!(
            "config.{name}: must not be empty"
        ))),
        (OneOf(allowed), Value::String(s)) if allowed.contains(&s.as_str()) => Ok(()),
        (OneOf(allowed), Value::String(_)) => Err(ApiError::bad_request(format!(
            "config.{name}: must be one of {}",
            allowed.join(", ")
        ))),
        (Headers, Value::Object(map)) => match map.iter().find(|(_, v)| !v.is_string()) {
            None => Ok(()),
            Some((k, v)) => Err(ApiError::bad_request(format!(
                "config.{name}.{k}: must be a string, got {}",
                type_name(v)
            ))),
        },
        (Headers, _) => bad("an object of strings"),
        _ => bad("a string"),
    }
}

/// `GET /observability/destinations`.
pub async fn list(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let page = q.page()?;
    let db = state.db();
    let Some(ws) = store::workspace_by_uuid(&db, q.string("workspace_id").as_deref())? else {
        return Ok(answer::list(Vec::<serde_json::Value>::new(), 0));
    };
    let (data, total) = answer::page(
        &db,
        COLS,
        "destinations WHERE workspace_id = ?1",
        "seq",
        &[&ws.id],
        page,
        |r| Ok(DestinationRow::from_row(r)?.to_json()),
    )?;
    Ok(answer::list(data, total))
}

/// `regions`: a non-empty array of known regions, `eu` read as `europe`, each once.
fn regions(body: &JsonObject) -> ApiResult<Option<Vec<String>>> {
    let Some(list) = body.string_array("regions")?.not_null("regions")? else {
        return Ok(None);
    };
    if list.is_empty() {
        return Err(ApiError::bad_request(
            "regions: must not be empty (name at least one of global, europe, us)",
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for (i, r) in list.iter().enumerate() {
        if !REGIONS.contains(&r.as_str()) {
            return Err(ApiError::bad_request(format!(
                "regions[{i}]: must be global, europe (or eu) or us, got {r:?}"
            )));
        }
        let r = if r == "eu" { "europe" } else { r.as_str() };
        if !out.iter().any(|o| o == r) {
            out.push(r.to_owned());
        }
    }
    Ok(Some(out))
}

/// `filter_rules`: `null`, or `{enabled?: boolean, groups: [{logic?, rules: [...]}]}`.
fn filter_rules(body: &JsonObject) -> ApiResult<Field<Value>> {
    let Some(v) = body.0.get("filter_rules") else {
        return Ok(Field::Absent);
    };
    if v.is_null() {
        return Ok(Field::Null);
    }
    let Some(obj) = v.as_object() else {
        return Err(ApiError::bad_request(format!(
            "filter_rules: must be an object or null, got {}",
            type_name(v)
        )));
    };
    if obj.get("enabled").is_some_and(|e| !e.is_boolean()) {
        return Err(ApiError::bad_request(
            "filter_rules.enabled: must be a boolean",
        ));
    }
    let Some(groups) = obj.get("groups").and_then(Value::as_array) else {
        return Err(ApiError::bad_request(
            "filter_rules.groups: required, an array of rule groups",
        ));
    };
    for (i, g) in groups.iter().enumerate() {
        let rules = g.get("rules").and_then(Value::as_array);
        if rules.is_none() {
            return Err(ApiError::bad_request(format!(
                "filter_rules.groups[{i}].rules: required, an array of rules"
            )));
        }
        if let Some(logic) = g.get("logic") {
            if !matches!(logic.as_str(), Some("and" | "or")) {
                return Err(ApiError::bad_request(format!(
                    "filter_rules.groups[{i}].logic: must be and or or"
                )));
            }
        }
        for (j, rule) in rules.into_iter().flatten().enumerate() {
            let at = format!("filter_rules.groups[{i}].rules[{j}]");
            let one_of = |name: &str, allowed: &[&str]| -> ApiResult<()> {
                match rule.get(name).and_then(Value::as_str) {
                    Some(v) if allowed.contains(&v) => Ok(()),
                    _ => Err(ApiError::bad_request(format!(
                        "{at}.{name}: required, one of {}",
                        allowed.join(", ")
                    ))),
                }
            };
            one_of("field", RULE_FIELDS)?;
            one_of("operator", RULE_OPERATORS)?;
            if rule
                .get("value")
                .is_some_and(|v| !(v.is_string() || v.is_number()))
            {
                return Err(ApiError::bad_request(format!(
                    "{at}.value: must be a string or a number"
                )));
            }
        }
    }
    Ok(Field::Value(v.clone()))
}

/// Applies the fields create and update share.
fn apply(row: &mut DestinationRow, body: &JsonObject) -> ApiResult<()> {
    if let Some(name) = body.string("name")?.not_null("name")? {
        row.name = name;
    }
    for (name, slot) in [
        ("enabled", &mut row.enabled),
        ("privacy_mode", &mut row.privacy_mode),
        (
            "broadcast_generation_cost",
            &mut row.broadcast_generation_cost,
        ),
        (
            "broadcast_generation_identity",
            &mut row.broadcast_generation_identity,
        ),
        (
            "broadcast_generation_request_context",
            &mut row.broadcast_generation_request_context,
        ),
    ] {
        if let Some(v) = body.boolean(name)?.not_null(name)? {
            *slot = v;
        }
    }
    if let Some(r) = body.number("sampling_rate")?.not_null("sampling_rate")? {
        if !(0.0001..=1.0).contains(&r) {
            return Err(ApiError::bad_request(format!(
                "sampling_rate: must be between 0.0001 and 1, got {r}"
            )));
        }
        row.sampling_rate = r;
    }
    match body.string_array("api_key_hashes")? {
        Field::Absent => {}
        Field::Null => row.api_key_hashes = None,
        Field::Value(list) => {
            if list.is_empty() {
                return Err(ApiError::bad_request(
                    "api_key_hashes: must hold at least one hash, or be null for all keys",
                ));
            }
            if let Some(i) = list.iter().position(String::is_empty) {
                return Err(ApiError::bad_request(format!(
                    "api_key_hashes[{i}]: must not be empty"
                )));
            }
            row.api_key_hashes = Some(list);
        }
    }
    filter_rules(body)?.write(&mut row.filter_rules);
    if let Some(r) = regions(body)? {
        row.regions = r;
    }
    match body.0.get("config") {
        None => {}
        Some(Value::Object(map)) => set_config(row, map)?,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "config: must be an object, got {}",
                type_name(other)
            )))
        }
    }
    Ok(())
}

/// `POST /observability/destinations` (201; 409 for a sixth of one type).
pub async fn create(Management(state): Management, body: JsonObject) -> ApiResult<Response> {
    let kind = body
        .string("type")?
        .into_option()
        .ok_or_else(|| ApiError::bad_request("type: required"))?;
    if settings(&kind).is_none() {
        return Err(ApiError::bad_request(format!(
            "type: {kind:?} is not a stable destination type"
        )));
    }
    let name = body
        .string("name")?
        .into_option()
        .ok_or_else(|| ApiError::bad_request("name: required"))?;
    if !body.0.contains_key("config") {
        return Err(ApiError::bad_request("config: required"));
    }
    let db = state.db();
    let ws = store::body_workspace(&db, &body)?;
    let mut row = DestinationRow::new(uuid::Uuid::new_v4().to_string(), ws.id, kind, name, now());
    apply(&mut row, &body)?;
    let same_type: i64 = db
        .prepare_cached("SELECT COUNT(*) FROM destinations WHERE workspace_id = ?1 AND type = ?2")?
        .query_row(params![row.workspace_id, row.kind], |r| r.get(0))?;
    if same_type >= MAX_PER_TYPE {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "type: this workspace already has {MAX_PER_TYPE} {} destinations, the most allowed per type; delete one first",
                row.kind
            ),
        ));
    }
    row.save(&db)?;
    Ok(answer::created(row.to_json()))
}

/// `GET /observability/destinations/{id}`.
pub async fn get(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let row: DestinationRow = find(&state.db(), path.at(0))?;
    Ok(answer::data(row.to_json()))
}

/// `PATCH /observability/destinations/{id}`: only the fields sent change.
pub async fn update(
    path: PathParams,
    Management(state): Management,
    body: JsonObject,
) -> ApiResult<Response> {
    let db = state.db();
    let mut row: DestinationRow = find(&db, path.at(0))?;
    apply(&mut row, &body)?;
    row.updated_at = now();
    row.save(&db)?;
    Ok(answer::data(row.to_json()))
}

/// `DELETE /observability/destinations/{id}`.
pub async fn delete(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    store::delete::<DestinationRow>(&state.db(), path.at(0))?;
    Ok(answer::deleted())
}
