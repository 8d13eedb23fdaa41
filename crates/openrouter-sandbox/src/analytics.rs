//! `GET /analytics/meta` and `POST /analytics/query`: the analytics explorer over the same
//! deterministic usage `/activity` answers (`activity::traffic`), so that a day's spend by
//! model here equals that day's `/activity` rows summed by model, to the ten-thousandth.
//!
//! * Each completed day's traffic is dated at 12:00 UTC of that day (the sandbox keeps days,
//!   not moments): a window holds a day's traffic when it holds that noon; `hour` and
//!   `minute` buckets show it at 12:00.
//! * Dimensions answer names and filters take ids: `model` answers the model slug
//!   (`/activity`'s `model`) and is filtered by permaslug (`model_permaslug`); `workspace`
//!   answers its name, filtered by UUID; `api_key_id` answers the key's name, filtered by key
//!   hash; `user` answers the creator's name, filtered by user id; `provider` and
//!   `external_user` answer and filter the value as it is. A filter value naming nothing
//!   the organization has adds a `warning` (the query still runs).
//! * Counts are strings of digits, costs numbers; `metadata` holds `query_time_ms`,
//!   `row_count`, `truncated`. 408 and 429 come from the fault controls.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use axum::response::Response;
use rusqlite::Connection;
use serde_json::{json, Map, Value};
use time::{Duration, OffsetDateTime, Time};

use crate::activity::{endpoint_names, to_usd, today, traffic, Rules, Sums, ENDPOINT_COUNT};
use crate::analytics_query::{
    read, Filter, Kind, Query, DIMENSIONS, GRANULARITIES, METRICS, OPERATORS,
};
use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::JsonObject;
use crate::key_rows::{KeyRow, KEY_COLS};

/// `GET /analytics/meta`
pub async fn meta(Management(_state): Management) -> ApiResult<Response> {
    let metrics: Vec<Value> = METRICS
        .iter()
        .map(|(name, label, format, kind)| {
            json!({
                "name": name,
                "display_label": label,
                "is_rate": *kind == Kind::CostPerRequest,
                "display_format": format,
            })
        })
        .collect();
    let pairs = |list: &[(&str, &str)], second: &str| -> Vec<Value> {
        list.iter()
            .map(|(a, b)| {
                let mut o = Map::new();
                o.insert("name".into(), json!(a));
                o.insert(second.into(), json!(b));
                Value::Object(o)
            })
            .collect()
    };
    Ok(answer::data(json!({
        "metrics": metrics,
        "dimensions": pairs(DIMENSIONS, "display_label"),
        "operators": pairs(OPERATORS, "value_type"),
        "granularities": pairs(GRANULARITIES, "display_label"),
    })))
}

/// One traffic record's values for each dimension: (id a filter compares, name answered).
struct Facets {
    values: HashMap<&'static str, (Option<String>, Option<String>)>,
}

/// What the organization has, to name dimensions and judge filter values.
struct Names {
    users: HashMap<String, String>,
    workspaces: HashMap<String, String>,
}

impl Names {
    fn read(db: &Connection) -> ApiResult<Names> {
        let users = db
            .prepare_cached("SELECT id, email, first_name, last_name FROM users")?
            .query_map([], |r| {
                let (id, email): (String, String) = (r.get(0)?, r.get(1)?);
                let first: Option<String> = r.get(2)?;
                let last: Option<String> = r.get(3)?;
                let name = match (first, last) {
                    (Some(f), Some(l)) => format!("{f} {l}"),
                    (Some(n), None) | (None, Some(n)) => n,
                    (None, None) => email,
                };
                Ok((id, name))
            })?
            .collect::<Result<_, _>>()?;
        let workspaces = db
            .prepare_cached("SELECT id, name FROM workspaces")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Names { users, workspaces })
    }
}

fn facets(key: &KeyRow, endpoint: usize, names: &Names) -> Facets {
    let (model, permaslug, provider) = endpoint_names(endpoint);
    let user = key.creator_user_id.clone();
    let user_name = user
        .as_ref()
        .map(|u| names.users.get(u).cloned().unwrap_or_else(|| u.clone()));
    let ws_name = names.workspaces.get(&key.workspace_id).cloned();
    let values = HashMap::from([
        (
            "model",
            (Some(permaslug.to_owned()), Some(model.to_owned())),
        ),
        (
            "provider",
            (Some(provider.to_owned()), Some(provider.to_owned())),
        ),
        ("workspace", (Some(key.workspace_id.clone()), ws_name)),
        (
            "api_key_id",
            (Some(key.hash.clone()), Some(key.name.clone())),
        ),
        ("user", (user, user_name)),
        (
            "external_user",
            (key.external_user.clone(), key.external_user.clone()),
        ),
    ]);
    Facets { values }
}

fn matches(f: &Filter, id: Option<&String>) -> bool {
    let hit = |id: &String| {
        f.values.iter().any(|v| {
            if f.field == "api_key_id" {
                v.eq_ignore_ascii_case(id)
            } else {
                v == id
            }
        })
    };
    match (f.operator.as_str(), id) {
        ("eq", Some(id)) | ("in", Some(id)) => hit(id),
        ("neq", Some(id)) | ("not_in", Some(id)) => !hit(id),
        ("in", None) | ("not_in", None) => f.include_unset,
        _ => false,
    }
}

/// The start of the bucket `at` falls in.
fn bucket(at: OffsetDateTime, granularity: &str) -> String {
    let day = at.date();
    let start = match granularity {
        "minute" => at
            .replace_second(0)
            .unwrap_or(at)
            .replace_nanosecond(0)
            .unwrap_or(at),
        "hour" => at.replace_time(Time::from_hms(at.hour(), 0, 0).unwrap_or(Time::MIDNIGHT)),
        "week" => {
            let monday = day - Duration::days(day.weekday().number_days_from_monday().into());
            monday.midnight().assume_utc()
        }
        "month" => day.replace_day(1).unwrap_or(day).midnight().assume_utc(),
        _ => day.midnight().assume_utc(),
    };
    let fmt =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].000Z");
    start.format(fmt).unwrap_or_default()
}

fn metric_value(kind: Kind, name: &str, s: &Sums) -> (Value, f64) {
    let count = |n: i64| (Value::String(n.to_string()), n as f64);
    match (kind, name) {
        (Kind::Count, "request_count") => count(s.requests),
        (Kind::Count, "prompt_tokens") => count(s.prompt),
        (Kind::Count, "completion_tokens") => count(s.completion),
        (Kind::Count, _) => count(s.reasoning),
        (Kind::Cost, "spend") => (json!(to_usd(s.usage)), to_usd(s.usage)),
        (Kind::Cost, _) => (json!(to_usd(s.byok)), to_usd(s.byok)),
        (Kind::CostPerRequest, _) => {
            let v = if s.requests > 0 {
                (to_usd(s.usage) / s.requests as f64 * 1e8).round() / 1e8
            } else {
                0.0
            };
            (json!(v), v)
        }
    }
}

/// A row before it is written: its bucket, dimension names, sums.
type Group = (Option<String>, Vec<Option<String>>);

fn run(db: &Connection, q: &Query) -> ApiResult<(Vec<Value>, bool, Vec<String>)> {
    let keys: Vec<KeyRow> = db
        .prepare_cached(&format!("SELECT {KEY_COLS} FROM keys ORDER BY seq"))?
        .query_map([], KeyRow::from_row)?
        .collect::<Result<_, _>>()?;
    let names = Names::read(db)?;
    let rules = Rules::read(db)?;
    // What filter values can name: every id the organization has for the dimension.
    let mut known: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut add = |dim: &'static str, id: &str| {
        known
            .entry(dim)
            .or_default()
            .insert(id.to_ascii_lowercase());
    };
    for ep in 0..ENDPOINT_COUNT {
        let (_, permaslug, provider) = endpoint_names(ep);
        add("model", permaslug);
        add("provider", provider);
    }
    for key in &keys {
        add("api_key_id", &key.hash);
        if let Some(u) = &key.external_user {
            add("external_user", u);
        }
        if let Some(u) = &key.creator_user_id {
            add("user", u);
        }
    }
    names.users.keys().for_each(|u| add("user", u));
    names.workspaces.keys().for_each(|w| add("workspace", w));
    let mut warnings = Vec::new();
    for f in &q.filters {
        for v in &f.values {
            let named = known
                .get(f.field.as_str())
                .is_some_and(|ids| ids.contains(&v.to_ascii_lowercase()));
            if !named {
                warnings.push(format!(
                    "filters[{}]: {} {v:?} matched nothing in this organization",
                    f.index, f.field
                ));
            }
        }
    }
    let mut groups: BTreeMap<Group, Sums> = BTreeMap::new();
    for t in traffic(&keys, &rules, None, today()) {
        let at = t
            .day
            .with_time(Time::from_hms(12, 0, 0).unwrap_or(Time::MIDNIGHT))
            .assume_utc();
        if at < q.start || at >= q.end {
            continue;
        }
        let facets = facets(&keys[t.key], t.endpoint, &names);
        let pass = q.filters.iter().all(|f| {
            let id = facets
                .values
                .get(f.field.as_str())
                .and_then(|(id, _)| id.as_ref());
            matches(f, id)
        });
        if !pass {
            continue;
        }
        let dims = q
            .dimensions
            .iter()
            .map(|d| facets.values.get(d.as_str()).and_then(|(_, n)| n.clone()))
            .collect();
        let b = q.granularity.as_deref().map(|g| bucket(at, g));
        groups.entry((b, dims)).or_default().add(t.sums);
    }
    let mut rows: Vec<(Group, Sums)> = groups.into_iter().collect();
    sort(&mut rows, q);
    if let (Some(per), false) = (q.group_limit, q.dimensions.is_empty()) {
        let mut seen: HashMap<Vec<Option<String>>, usize> = HashMap::new();
        rows.retain(|((_, dims), _)| {
            let n = seen.entry(dims.clone()).or_default();
            *n += 1;
            *n <= per
        });
    }
    let truncated = rows.len() > q.limit;
    rows.truncate(q.limit);
    let data = rows
        .iter()
        .map(|((b, dims), sums)| {
            let mut row = Map::new();
            if let (Some(g), Some(b)) = (&q.granularity, b) {
                row.insert(format!("date__{g}"), json!(b));
            }
            for (d, v) in q.dimensions.iter().zip(dims) {
                row.insert(d.clone(), json!(v));
            }
            for m in &q.metrics {
                let kind = METRICS
                    .iter()
                    .find(|x| x.0 == m)
                    .map_or(Kind::Count, |x| x.3);
                row.insert(m.clone(), metric_value(kind, m, sums).0);
            }
            Value::Object(row)
        })
        .collect();
    Ok((data, truncated, warnings))
}

/// Orders rows: by `order_by`, else by date (oldest first) when bucketed and then by the
/// first metric, largest first.
fn sort(rows: &mut [(Group, Sums)], q: &Query) {
    let num = |name: &str, s: &Sums| {
        let kind = METRICS
            .iter()
            .find(|x| x.0 == name)
            .map_or(Kind::Count, |x| x.3);
        metric_value(kind, name, s).1
    };
    let first = q.metrics.first().cloned().unwrap_or_default();
    rows.sort_by(|(ga, a), (gb, b)| {
        let by = |field: &str, desc: bool| {
            let o = if field == "date" {
                ga.0.cmp(&gb.0)
            } else if let Some(i) = q.dimensions.iter().position(|d| d == field) {
                ga.1[i].cmp(&gb.1[i])
            } else {
                num(field, a).total_cmp(&num(field, b))
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        };
        let primary = match &q.order_by {
            Some((field, desc)) => by(field, *desc),
            None => by("date", false),
        };
        primary
            .then_with(|| by(&first, true))
            .then_with(|| ga.cmp(gb))
            .then(Ordering::Equal)
    });
}

/// `POST /analytics/query`
pub async fn query(
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let started = Instant::now();
    let q = read(&body?, OffsetDateTime::now_utc())?;
    let (data, truncated, warnings) = run(&state.db(), &q)?;
    let elapsed = started.elapsed().as_secs_f64() * 1_000.0;
    Ok(answer::data(json!({
        "data": data,
        "metadata": {
            "query_time_ms": (elapsed * 1_000.0).round() / 1_000.0,
            "row_count": data.len(),
            "truncated": truncated,
        },
        "warnings": warnings,
    })))
}
