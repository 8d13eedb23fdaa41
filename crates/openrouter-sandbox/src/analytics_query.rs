//! `POST /analytics/query`'s body read and checked: every limit the API documents is a 400
//! naming the field (`analytics.rs` runs the query). The names it accepts are those
//! `GET /analytics/meta` lists ([`METRICS`], [`DIMENSIONS`], [`OPERATORS`], [`GRANULARITIES`]).

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::error::{ApiError, ApiResult};
use crate::input::{is_uuid, type_name, JsonObject};

/// How a metric is summed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count: summed, answered as a string of digits (as the API does).
    Count,
    /// Dollars: summed, answered as a number.
    Cost,
    /// Spend per request: a rate, averaged, answered as a number.
    CostPerRequest,
}

/// (name, label, display format, kind)
pub const METRICS: &[(&str, &str, &str, Kind)] = &[
    ("request_count", "Request Count", "number", Kind::Count),
    ("prompt_tokens", "Prompt Tokens", "number", Kind::Count),
    (
        "completion_tokens",
        "Completion Tokens",
        "number",
        Kind::Count,
    ),
    (
        "reasoning_tokens",
        "Reasoning Tokens",
        "number",
        Kind::Count,
    ),
    ("spend", "Spend", "currency", Kind::Cost),
    ("byok_spend", "BYOK Spend", "currency", Kind::Cost),
    (
        "average_cost_per_request",
        "Average Cost per Request",
        "currency",
        Kind::CostPerRequest,
    ),
];

/// (name, label): answered as names, filtered by ids (`analytics.rs` says which).
pub const DIMENSIONS: &[(&str, &str)] = &[
    ("model", "Model"),
    ("provider", "Provider"),
    ("workspace", "Workspace"),
    ("api_key_id", "API Key"),
    ("user", "User"),
    ("external_user", "External User"),
];

/// (name, value type)
pub const OPERATORS: &[(&str, &str)] = &[
    ("eq", "scalar"),
    ("neq", "scalar"),
    ("in", "array"),
    ("not_in", "array"),
    ("gt", "scalar"),
    ("gte", "scalar"),
    ("lt", "scalar"),
    ("lte", "scalar"),
];

/// (name, label), finest first.
pub const GRANULARITIES: &[(&str, &str)] = &[
    ("minute", "Minute"),
    ("hour", "Hour"),
    ("day", "Day"),
    ("week", "Week"),
    ("month", "Month"),
];

/// The most dimensions, filters, days (and days with classifier dimensions) a query takes.
pub const MAX_DIMENSIONS: usize = 2;
/// See [`MAX_DIMENSIONS`].
pub const MAX_FILTERS: usize = 20;
/// See [`MAX_DIMENSIONS`].
pub const MAX_DAYS: i64 = 365;
/// See [`MAX_DIMENSIONS`].
pub const MAX_CLASSIFIER_DAYS: i64 = 31;
/// `limit` and `group_limit`: 1 to this.
pub const MAX_LIMIT: i64 = 10_000;
/// `limit` unless given.
pub const DEFAULT_LIMIT: i64 = 1_000;

/// One checked filter.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Its place in `filters`, for warnings.
    pub index: usize,
    /// A name of [`DIMENSIONS`].
    pub field: String,
    /// A name of [`OPERATORS`].
    pub operator: String,
    /// The value(s), numbers as their JSON text.
    pub values: Vec<String>,
    /// `in`/`not_in`: whether rows without a value match.
    pub include_unset: bool,
}

/// A checked query.
#[derive(Debug, Clone)]
pub struct Query {
    /// Names of [`METRICS`], at least one.
    pub metrics: Vec<String>,
    /// Names of [`DIMENSIONS`], at most 2.
    pub dimensions: Vec<String>,
    /// At most 20, ANDed.
    pub filters: Vec<Filter>,
    /// A name of [`GRANULARITIES`].
    pub granularity: Option<String>,
    /// The window, start included, end excluded.
    pub start: OffsetDateTime,
    /// See `start`.
    pub end: OffsetDateTime,
    /// Most rows.
    pub limit: usize,
    /// Most rows per combination of dimensions.
    pub group_limit: Option<usize>,
    /// (field, descending).
    pub order_by: Option<(String, bool)>,
}

fn strings(v: &Value, field: &str, errors: &mut Vec<String>) -> Vec<String> {
    let Some(items) = v.as_array() else {
        errors.push(format!("{field}: must be an array, got {}", type_name(v)));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => out.push(s.to_owned()),
            None => errors.push(format!(
                "{field}[{i}]: must be a string, got {}",
                type_name(item)
            )),
        }
    }
    out
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A timestamp with seconds (`YYYY-MM-DDTHH:MM:SSZ`, fractions and offsets allowed).
fn timestamp(v: Option<&Value>, field: &str, errors: &mut Vec<String>) -> Option<OffsetDateTime> {
    let Some(v) = v else {
        errors.push(format!("{field}: required"));
        return None;
    };
    let raw = v.as_str().unwrap_or("");
    let with_seconds = raw.len() >= 19 && raw.as_bytes().get(16) == Some(&b':');
    match OffsetDateTime::parse(raw, &Rfc3339) {
        Ok(t) if with_seconds => Some(t),
        _ => {
            errors.push(format!(
                "{field}: must be a timestamp with seconds (YYYY-MM-DDTHH:MM:SSZ), got {v}"
            ));
            None
        }
    }
}

fn limit(body: &JsonObject, field: &str, errors: &mut Vec<String>) -> Option<usize> {
    let v = body.0.get(field)?;
    match v.as_i64() {
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Some(n as usize),
        _ => {
            errors.push(format!(
                "{field}: must be an integer from 1 to {MAX_LIMIT}, got {v}"
            ));
            None
        }
    }
}

/// Reads and checks the body; `now` ends the default window (the last 7 days). A field left
/// out takes its default; `null` is no value the spec allows for any of them, so it is a 400
/// naming the field (as a wrong type is).
pub fn read(body: &JsonObject, now: OffsetDateTime) -> ApiResult<Query> {
    let mut errors = Vec::new();
    let known = |list: &[&str], name: &str| list.contains(&name);
    let metric_names: Vec<&str> = METRICS.iter().map(|m| m.0).collect();
    let dimension_names: Vec<&str> = DIMENSIONS.iter().map(|d| d.0).collect();

    let metrics = match body.0.get("metrics") {
        None | Some(Value::Null) => {
            // (null is no list of metrics either: the same 400)
            errors.push("metrics: required, at least one (GET /analytics/meta lists them)".into());
            Vec::new()
        }
        Some(v) => strings(v, "metrics", &mut errors),
    };
    if body.0.get("metrics").is_some_and(Value::is_array) && metrics.is_empty() {
        errors.push("metrics: must name at least one metric".into());
    }
    for (i, m) in metrics.iter().enumerate() {
        if !known(&metric_names, m) {
            errors.push(format!(
                "metrics[{i}]: unknown metric {m:?} (GET /analytics/meta lists them)"
            ));
        }
    }
    let dimensions = match body.0.get("dimensions") {
        None => Vec::new(),
        Some(v) => strings(v, "dimensions", &mut errors),
    };
    if dimensions.len() > MAX_DIMENSIONS {
        errors.push(format!(
            "dimensions: at most {MAX_DIMENSIONS}, got {}",
            dimensions.len()
        ));
    }
    for (i, d) in dimensions.iter().enumerate() {
        if !known(&dimension_names, d) {
            errors.push(format!("dimensions[{i}]: unknown dimension {d:?}"));
        } else if dimensions[..i].contains(d) {
            errors.push(format!("dimensions[{i}]: {d:?} is named twice"));
        }
    }
    let filters = read_filters(body, &dimension_names, &mut errors);
    let granularity = match body.0.get("granularity") {
        None => None,
        Some(v) => match v.as_str() {
            Some(g) if GRANULARITIES.iter().any(|(n, _)| *n == g) => Some(g.to_owned()),
            _ => {
                errors.push(format!(
                    "granularity: must be one of minute, hour, day, week, month, got {v}"
                ));
                None
            }
        },
    };
    let (classifier, names_classifier) = read_classifier(body, &mut errors);
    let (start, end) = match body.0.get("time_range") {
        None => (Some(now - Duration::days(7)), Some(now)),
        Some(Value::Object(range)) => (
            timestamp(range.get("start"), "time_range.start", &mut errors),
            timestamp(range.get("end"), "time_range.end", &mut errors),
        ),
        Some(v) => {
            errors.push(format!(
                "time_range: must be an object, got {}",
                type_name(v)
            ));
            (None, None)
        }
    };
    if let (Some(s), Some(e)) = (start, end) {
        let max = if classifier {
            MAX_CLASSIFIER_DAYS
        } else {
            MAX_DAYS
        };
        if e <= s {
            errors.push("time_range: end must be after start".into());
        } else if e - s > Duration::days(max) {
            let why = if classifier {
                " with classifier dimensions"
            } else {
                ""
            };
            errors.push(format!(
                "time_range: at most {max} days{why}, got {:.1}",
                (e - s).as_seconds_f64() / 86_400.0
            ));
        } else if granularity.as_deref() == Some("minute") && e - s > Duration::hours(3) {
            errors.push(
                "granularity: minute is only for windows of 3 hours or less; use hour or longer"
                    .into(),
            );
        }
    }
    let limit_v = limit(body, "limit", &mut errors);
    let group_limit = limit(body, "group_limit", &mut errors);
    let order_by = read_order(body, &metrics, &dimensions, &mut errors);
    if names_classifier && errors.is_empty() {
        errors.push("classifier_dimensions.classifier_id: no active classifier with this id in this organization".into());
    }
    match (start, end, errors.is_empty()) {
        (Some(start), Some(end), true) => Ok(Query {
            metrics,
            dimensions,
            filters,
            granularity,
            start,
            end,
            limit: limit_v.unwrap_or(DEFAULT_LIMIT as usize),
            group_limit,
            order_by,
        }),
        _ => Err(ApiError::bad_request(errors.join("; "))),
    }
}

fn read_filters(body: &JsonObject, dims: &[&str], errors: &mut Vec<String>) -> Vec<Filter> {
    let items = match body.0.get("filters") {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(v) => {
            errors.push(format!("filters: must be an array, got {}", type_name(v)));
            return Vec::new();
        }
    };
    if items.len() > MAX_FILTERS {
        errors.push(format!(
            "filters: at most {MAX_FILTERS}, got {}",
            items.len()
        ));
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(f) = item.as_object() else {
            errors.push(format!("filters[{i}]: must be an object"));
            continue;
        };
        let field = f.get("field").and_then(Value::as_str).unwrap_or("");
        if !dims.contains(&field) {
            errors.push(format!(
                "filters[{i}].field: unknown dimension {:?}",
                f.get("field")
            ));
            continue;
        }
        let operator = f.get("operator").and_then(Value::as_str).unwrap_or("");
        let Some((_, shape)) = OPERATORS.iter().find(|(n, _)| *n == operator) else {
            errors.push(format!("filters[{i}].operator: must be one of eq, neq, in, not_in, gt, gte, lt, lte, got {:?}", f.get("operator")));
            continue;
        };
        if matches!(operator, "gt" | "gte" | "lt" | "lte") {
            errors.push(format!("filters[{i}].operator: {operator} compares numbers and {field} is not numeric; use eq, neq, in or not_in"));
            continue;
        }
        let value = f.get("value").unwrap_or(&Value::Null);
        let values = match (value, *shape) {
            (Value::Array(list), "array") if !list.is_empty() => {
                let v: Vec<String> = list.iter().filter_map(scalar).collect();
                if v.len() != list.len() {
                    errors.push(format!(
                        "filters[{i}].value: every item must be a string or a number"
                    ));
                }
                v
            }
            (v, "scalar") if scalar(v).is_some() => scalar(v).into_iter().collect(),
            (v, shape) => {
                let want = if shape == "array" {
                    "a non-empty array"
                } else {
                    "a string or a number"
                };
                errors.push(format!(
                    "filters[{i}].value: {operator} takes {want}, got {v}"
                ));
                continue;
            }
        };
        let include_unset = match f.get("include_unset") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                errors.push(format!(
                    "filters[{i}].include_unset: must be a boolean, got {v}"
                ));
                false
            }
        };
        out.push(Filter {
            index: i,
            field: field.to_owned(),
            operator: operator.to_owned(),
            values,
            include_unset,
        });
    }
    out
}

/// Whether the query names classifier dimensions (their window is 31 days) and whether it
/// names a classifier at all (the sandbox has none: a 400 once everything else holds).
fn read_classifier(body: &JsonObject, errors: &mut Vec<String>) -> (bool, bool) {
    let (mut dims, mut any) = (false, false);
    for field in ["classifier_dimensions", "classifier_filters"] {
        match body.0.get(field) {
            None => {}
            Some(Value::Object(o)) => {
                let id = o.get("classifier_id").and_then(Value::as_str).unwrap_or("");
                if !is_uuid(id) {
                    errors.push(format!("{field}.classifier_id: required, a UUID"));
                }
                dims |= field == "classifier_dimensions";
                any = true;
            }
            Some(v) => errors.push(format!("{field}: must be an object, got {}", type_name(v))),
        }
    }
    (dims, any)
}

fn read_order(
    body: &JsonObject,
    metrics: &[String],
    dimensions: &[String],
    errors: &mut Vec<String>,
) -> Option<(String, bool)> {
    let o = match body.0.get("order_by") {
        None => return None,
        Some(Value::Object(o)) => o,
        Some(v) => {
            errors.push(format!("order_by: must be an object, got {}", type_name(v)));
            return None;
        }
    };
    let field = o.get("field").and_then(Value::as_str).unwrap_or("");
    let ok = field == "date"
        || field == "request_count"
        || metrics.iter().any(|m| m == field)
        || dimensions.iter().any(|d| d == field);
    if !ok {
        errors.push(format!(
            "order_by.field: must be a requested metric, request_count, a requested dimension or date, got {:?}",
            o.get("field")
        ));
    }
    let desc = match o.get("direction").and_then(Value::as_str) {
        Some("asc") => false,
        Some("desc") => true,
        _ => {
            errors.push(format!(
                "order_by.direction: must be asc or desc, got {:?}",
                o.get("direction")
            ));
            false
        }
    };
    ok.then(|| (field.to_owned(), desc))
}
