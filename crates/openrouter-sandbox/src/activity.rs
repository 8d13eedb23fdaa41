//! `GET /credits` and `GET /activity`: spend the sandbox derives from the keys it holds.
//!
//! Nothing here is stored. A key's activity is computed from its hash, its usage windows and
//! the sandbox's clock, so it is deterministic (the same key on the same UTC day answers the
//! same rows) and consistent with the key object, by this rule (`README.md` repeats it):
//!
//! * the stored windows are a snapshot that does not move with the clock, so they are read as
//!   trailing windows that end now: `usage_daily` is **today's** spend (today is not a completed
//!   day, so it is in no activity row), `usage_weekly` is today plus the **6 most recent
//!   completed days**, `usage_monthly` today plus the **29 most recent**. So a key's activity
//!   `usage` over the 6 most recent days sums to `usage_weekly - usage_daily`, over the 29 most
//!   recent to `usage_monthly - usage_daily`; the 30th day, outside every window, continues the
//!   month's daily average. `byok_usage_inference` follows the `byok_usage_*` windows alike;
//! * a key spends nothing on the days before it was created (when a window holds spend but
//!   all its days are before, the spend is spread over them anyway, so the sums still hold);
//! * a key spends only on models its guardrail and its workspace's default guardrail allow
//!   (`allowed_models`, `allowed_providers`, `ignored_providers`), read when asked; when no
//!   endpoint the sandbox knows is allowed, its spend is shown on all of them, since it must
//!   appear somewhere;
//! * amounts are whole ten-thousandths of a dollar (the store's precision) and split with
//!   largest remainders, so those sums are exact at four decimals;
//! * `/credits` `total_usage` is the sum of every key's lifetime `usage`, plus that of keys
//!   deleted since the seed (spent credit stays spent); `total_credits` is what was bought, in
//!   blocks of $5,000, always more than was used.

use std::collections::{BTreeMap, HashMap};

use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use time::{Date, Duration, OffsetDateTime, Weekday};

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::QueryParams;
use crate::key_rows::{KeyRow, KEY_COLS};
use crate::store::{guardrail_id_for, name_uuid};

/// How many completed UTC days `/activity` covers.
pub const DAYS: usize = 30;

/// Ten-thousandths of a dollar per dollar: the store's precision.
const UNITS: f64 = 10_000.0;

/// Credits are bought in blocks of this many dollars.
const PURCHASE_BLOCK: i64 = 5_000;

/// One provider endpoint serving a model.
struct Endpoint {
    model: &'static str,
    permaslug: &'static str,
    provider: &'static str,
    /// The provider's slug, as a guardrail's `allowed_providers` names it.
    slug: &'static str,
    /// USD per million prompt tokens.
    input_price: f64,
    /// USD per million completion tokens.
    output_price: f64,
    /// Share of completion tokens spent reasoning.
    reasoning: f64,
}

/// Ordered by model, so rows come out in that order within a day.
const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        model: "anthropic/claude-sonnet-4",
        permaslug: "anthropic/claude-4-sonnet-20250522",
        provider: "Anthropic",
        slug: "anthropic",
        input_price: 3.0,
        output_price: 15.0,
        reasoning: 0.0,
    },
    Endpoint {
        model: "anthropic/claude-sonnet-4",
        permaslug: "anthropic/claude-4-sonnet-20250522",
        provider: "Amazon Bedrock",
        slug: "amazon-bedrock",
        input_price: 3.0,
        output_price: 15.0,
        reasoning: 0.0,
    },
    Endpoint {
        model: "deepseek/deepseek-r1",
        permaslug: "deepseek/deepseek-r1",
        provider: "DeepInfra",
        slug: "deepinfra",
        input_price: 0.45,
        output_price: 2.15,
        reasoning: 0.6,
    },
    Endpoint {
        model: "google/gemini-2.5-flash",
        permaslug: "google/gemini-2.5-flash",
        provider: "Google AI Studio",
        slug: "google-ai-studio",
        input_price: 0.3,
        output_price: 2.5,
        reasoning: 0.25,
    },
    Endpoint {
        model: "meta-llama/llama-3.3-70b-instruct",
        permaslug: "meta-llama/llama-3.3-70b-instruct",
        provider: "Together",
        slug: "together",
        input_price: 0.88,
        output_price: 0.88,
        reasoning: 0.0,
    },
    Endpoint {
        model: "openai/gpt-4.1",
        permaslug: "openai/gpt-4.1-2025-04-14",
        provider: "OpenAI",
        slug: "openai",
        input_price: 2.0,
        output_price: 8.0,
        reasoning: 0.0,
    },
    Endpoint {
        model: "openai/gpt-4.1-mini",
        permaslug: "openai/gpt-4.1-mini-2025-04-14",
        provider: "OpenAI",
        slug: "openai",
        input_price: 0.4,
        output_price: 1.6,
        reasoning: 0.0,
    },
];

/// A stable UUID for an endpoint, as the API gives each provider endpoint one.
fn endpoint_id(ep: &Endpoint) -> String {
    name_uuid(&format!("endpoint:{}:{}", ep.permaslug, ep.provider))
}

fn to_units(usd: f64) -> i64 {
    (usd * UNITS).round() as i64
}

/// Dollars of ten-thousandths.
pub fn to_usd(units: i64) -> f64 {
    units as f64 / UNITS
}

/// A deterministic number in `0..1` for a key and a tag.
fn noise(hash: &str, tag: &str) -> f64 {
    let digest = Sha256::digest(format!("{hash}:{tag}").as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// Splits `total` into parts proportional to `weights`, summing to `total` exactly.
fn split(total: i64, weights: &[f64]) -> Vec<i64> {
    let sum: f64 = weights.iter().sum();
    if total <= 0 || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<i64> = exact.iter().map(|x| x.floor() as i64).collect();
    let mut left = total - parts.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = exact[a] - exact[a].floor();
        let fb = exact[b] - exact[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for i in order.into_iter().cycle() {
        if left <= 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// The UTC day the sandbox is in.
pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// The days `/activity` covers, yesterday first.
fn covered_days(today: Date) -> Vec<Date> {
    (1..=DAYS as i64)
        .map(|n| today - Duration::days(n))
        .collect()
}

/// Spend per completed day (yesterday first) for one window triple `[daily, weekly, monthly]`
/// (the rule in the module's doc).
fn per_day(
    hash: &str,
    tag: &str,
    windows: [f64; 3],
    days: &[Date],
    created: Option<Date>,
) -> Vec<i64> {
    let [d, w, m] = windows.map(to_units);
    // Each window includes the shorter ones; a stored triple out of order gives what it can.
    let (w, m) = (w.max(d), m.max(w.max(d)));
    let weight = |day: &Date| {
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        let base = 0.35 + noise(hash, &format!("{tag}:{day}"));
        if weekend {
            base * 0.4
        } else {
            base
        }
    };
    let live = |day: &Date| created.is_none_or(|c| *day >= c);
    // The days of a window the key existed on, or all of them if it existed on none.
    let weights = |window: &[Date]| -> Vec<f64> {
        let all: Vec<f64> = window.iter().map(weight).collect();
        if !window.iter().any(live) {
            return all;
        }
        window
            .iter()
            .zip(all)
            .map(|(day, w)| if live(day) { w } else { 0.0 })
            .collect()
    };
    let week = weights(&days[..6]);
    let month = weights(&days[6..DAYS - 1]);
    let mut out = Vec::with_capacity(DAYS);
    out.extend(split(w - d, &week));
    out.extend(split(m - w, &month));
    let oldest_day = &days[DAYS - 1];
    let oldest_weight = if live(oldest_day) {
        weight(oldest_day)
    } else {
        0.0
    };
    let oldest = oldest_weight / month.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    out.push(((m - w) as f64 * oldest).round() as i64);
    out
}

/// The endpoints a key uses (1 to 3 of `allowed`, indexes into [`ENDPOINTS`]) and their
/// share of its spend.
fn key_endpoints(hash: &str, allowed: &[usize]) -> Vec<(usize, f64)> {
    let n = 1 + (noise(hash, "count") * 3.0) as usize;
    let mut picked: Vec<(usize, f64)> = Vec::new();
    let mut i = 0;
    while picked.len() < n.min(allowed.len()) {
        let at = allowed[(noise(hash, &format!("endpoint:{i}")) * allowed.len() as f64) as usize];
        if !picked.iter().any(|(e, _)| *e == at) {
            // The first model a key uses carries most of its traffic.
            let share = if picked.is_empty() { 3.0 } else { 1.0 }
                * (0.5 + noise(hash, &format!("share:{i}")));
            picked.push((at, share));
        }
        i += 1;
    }
    picked.sort_by_key(|(e, _)| *e);
    picked
}

/// Sums of one activity row: amounts in ten-thousandths of a dollar, counts.
#[derive(Default, Clone, Copy, Debug)]
pub struct Sums {
    /// Spend (`usage`).
    pub usage: i64,
    /// BYOK spend (`byok_usage_inference`).
    pub byok: i64,
    /// Requests.
    pub requests: i64,
    /// Prompt tokens.
    pub prompt: i64,
    /// Completion tokens.
    pub completion: i64,
    /// Reasoning tokens.
    pub reasoning: i64,
}

impl Sums {
    /// Adds another's.
    pub fn add(&mut self, o: Sums) {
        self.usage += o.usage;
        self.byok += o.byok;
        self.requests += o.requests;
        self.prompt += o.prompt;
        self.completion += o.completion;
        self.reasoning += o.reasoning;
    }
}

/// Tokens and requests for one key's spend on one endpoint on one day.
fn traffic_sums(hash: &str, day: Date, ep: &Endpoint, usage: i64, byok: i64) -> Sums {
    let cost = to_usd(usage + byok);
    let input_cost = cost * (0.3 + 0.3 * noise(hash, &format!("io:{day}")));
    let prompt = (input_cost / ep.input_price * 1e6).round() as i64;
    let completion = ((cost - input_cost) / ep.output_price * 1e6).round() as i64;
    let per_request = 900.0 + 2_400.0 * noise(hash, "per-request");
    Sums {
        usage,
        byok,
        requests: (((prompt + completion) as f64 / per_request).round() as i64).max(1),
        prompt,
        completion,
        reasoning: (completion as f64 * ep.reasoning).round() as i64,
    }
}

/// The UTC day of a stored time (`YYYY-MM-DD...`), if it reads as one.
fn created_day(at: &str) -> Option<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(at.get(..10)?, fmt).ok()
}

/// What the guardrails allow, read once per request: each guardrail's model and provider
/// lists, and which guardrail each key holds.
pub struct Rules {
    guardrails: HashMap<String, Value>,
    held: HashMap<String, String>,
}

impl Rules {
    /// Reads them.
    pub fn read(db: &Connection) -> ApiResult<Rules> {
        let guardrails = db
            .prepare_cached("SELECT id, doc FROM guardrails")?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .map(|r| r.map(|(id, doc)| (id, serde_json::from_str(&doc).unwrap_or(Value::Null))))
            .collect::<Result<_, _>>()?;
        let held = db
            .prepare_cached("SELECT key_hash, guardrail_id FROM guardrail_keys")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Rules { guardrails, held })
    }

    /// The endpoints `key` may use: those its own guardrail and its workspace's default
    /// guardrail both allow, or every one if none is (module doc).
    fn allowed(&self, key: &KeyRow) -> Vec<usize> {
        let docs: Vec<&Value> = [
            self.held.get(&key.hash).cloned(),
            Some(guardrail_id_for(&key.workspace_id)),
        ]
        .into_iter()
        .flatten()
        .filter_map(|id| self.guardrails.get(&id))
        .collect();
        let listed = |doc: &Value, field: &str, item: &str| -> Option<bool> {
            let list = doc.get(field)?.as_array()?;
            Some(list.iter().any(|v| v.as_str() == Some(item)))
        };
        let ok = |ep: &Endpoint| {
            docs.iter().all(|doc| {
                listed(doc, "allowed_models", ep.model) != Some(false)
                    && listed(doc, "allowed_providers", ep.slug) != Some(false)
                    && listed(doc, "ignored_providers", ep.slug) != Some(true)
            })
        };
        let allowed: Vec<usize> = (0..ENDPOINTS.len())
            .filter(|&i| ok(&ENDPOINTS[i]))
            .collect();
        if allowed.is_empty() {
            (0..ENDPOINTS.len()).collect()
        } else {
            allowed
        }
    }
}

/// Checked filters of `GET /activity`.
struct Filters {
    day: Option<Date>,
    key_hash: Option<String>,
    user_id: Option<String>,
    workspace_id: Option<String>,
    by_workspace: bool,
}

fn non_empty(q: &QueryParams, name: &str) -> ApiResult<Option<String>> {
    match q.string(name) {
        Some(v) if v.trim().is_empty() => Err(ApiError::bad_request(format!(
            "{name}: must not be empty when given"
        ))),
        other => Ok(other),
    }
}

/// `YYYY-MM-DD`, a real date, one of the covered days.
fn parse_date(raw: &str, today: Date) -> ApiResult<Date> {
    let shaped = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let day = shaped
        .then(|| Date::parse(raw, fmt).ok())
        .flatten()
        .ok_or_else(|| {
            ApiError::bad_request(format!("date: {raw:?} is not a date in YYYY-MM-DD format"))
        })?;
    let first = today - Duration::days(DAYS as i64);
    let last = today - Duration::days(1);
    if day < first || day > last {
        return Err(ApiError::bad_request(format!(
            "date: {raw} is outside the last {DAYS} completed UTC days ({first} to {last})"
        )));
    }
    Ok(day)
}

fn is_key_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn filters(db: &Connection, q: &QueryParams, today: Date) -> ApiResult<Filters> {
    let day = non_empty(q, "date")?
        .map(|raw| parse_date(&raw, today))
        .transpose()?;
    let key_hash = non_empty(q, "api_key_hash")?;
    if let Some(h) = &key_hash {
        if !is_key_hash(h) {
            return Err(ApiError::bad_request(format!(
                "api_key_hash: {h:?} is not a key hash (64 hex characters, as the keys API returns)"
            )));
        }
    }
    let user_id = non_empty(q, "user_id")?;
    let by_workspace = match non_empty(q, "group_by")?.as_deref() {
        None => false,
        Some("workspace") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "group_by: must be \"workspace\", got {other:?}"
            )))
        }
    };
    let workspace_id = non_empty(q, "workspace_id")?;
    if let Some(id) = &workspace_id {
        if uuid::Uuid::try_parse(id).is_err() {
            return Err(ApiError::bad_request(format!(
                "workspace_id: {id:?} is not a UUID"
            )));
        }
        let known: Option<i64> = db
            .prepare_cached("SELECT 1 FROM workspaces WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            return Err(ApiError::not_found(format!(
                "workspace_id: {id:?} is not a workspace of this account"
            )));
        }
    }
    Ok(Filters {
        day,
        key_hash: key_hash.map(|h| h.to_ascii_lowercase()),
        user_id,
        workspace_id,
        by_workspace,
    })
}

fn keys_for(db: &Connection, f: &Filters) -> ApiResult<Vec<KeyRow>> {
    let sql = format!(
        "SELECT {KEY_COLS} FROM keys WHERE (?1 IS NULL OR hash = ?1) \
         AND (?2 IS NULL OR creator_user_id = ?2) AND (?3 IS NULL OR workspace_id = ?3) ORDER BY seq"
    );
    let rows = db
        .prepare_cached(&sql)?
        .query_map(
            rusqlite::params![f.key_hash, f.user_id, f.workspace_id],
            KeyRow::from_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// One key's traffic on one endpoint on one completed day: what `/activity` sums and
/// `/analytics/query` slices, read from this one function so the two agree exactly.
pub struct Traffic {
    /// The UTC day.
    pub day: Date,
    /// Index of the key in the slice given to [`traffic`].
    pub key: usize,
    /// Index of the endpoint ([`endpoint_names`]).
    pub endpoint: usize,
    /// Its sums.
    pub sums: Sums,
}

/// How many provider endpoints the sandbox serves.
pub const ENDPOINT_COUNT: usize = ENDPOINTS.len();

/// The model slug, permaslug and provider name of endpoint `i`.
pub fn endpoint_names(i: usize) -> (&'static str, &'static str, &'static str) {
    let e = &ENDPOINTS[i];
    (e.model, e.permaslug, e.provider)
}

/// Every [`Traffic`] of `keys` over the covered days (only `day`, when given).
pub fn traffic(keys: &[KeyRow], rules: &Rules, day: Option<Date>, today: Date) -> Vec<Traffic> {
    let days = covered_days(today);
    let mut out = Vec::new();
    for (k, key) in keys.iter().enumerate() {
        let [_, ud, uw, um] = key.usage;
        let [_, bd, bw, bm] = key.byok_usage;
        let created = created_day(&key.created_at);
        let usage = per_day(&key.hash, "usage", [ud, uw, um], &days, created);
        let byok = per_day(&key.hash, "byok", [bd, bw, bm], &days, created);
        let endpoints = key_endpoints(&key.hash, &rules.allowed(key));
        let shares: Vec<f64> = endpoints.iter().map(|(_, s)| *s).collect();
        for (i, d) in days.iter().enumerate() {
            if day.is_some_and(|want| want != *d) {
                continue;
            }
            let u = split(usage[i], &shares);
            let b = split(byok[i], &shares);
            for (j, (ep, _)) in endpoints.iter().enumerate() {
                if u[j] + b[j] == 0 {
                    continue;
                }
                out.push(Traffic {
                    day: *d,
                    key: k,
                    endpoint: *ep,
                    sums: traffic_sums(&key.hash, *d, &ENDPOINTS[*ep], u[j], b[j]),
                });
            }
        }
    }
    out
}

/// Rows of `/activity` for `keys`: per day, endpoint and (when asked) workspace.
fn activity(keys: &[KeyRow], rules: &Rules, f: &Filters, today: Date) -> Vec<Value> {
    let mut rows: BTreeMap<(Date, usize, Option<&str>), Sums> = BTreeMap::new();
    for t in traffic(keys, rules, f.day, today) {
        let ws = f.by_workspace.then_some(keys[t.key].workspace_id.as_str());
        rows.entry((t.day, t.endpoint, ws)).or_default().add(t.sums);
    }
    rows.into_iter()
        .map(|((day, ep, ws), s)| {
            let e = &ENDPOINTS[ep];
            let mut row = json!({
                "date": day.to_string(),
                "model": e.model,
                "model_permaslug": e.permaslug,
                "endpoint_id": endpoint_id(e),
                "provider_name": e.provider,
                "usage": to_usd(s.usage),
                "byok_usage_inference": to_usd(s.byok),
                "requests": s.requests,
                "prompt_tokens": s.prompt,
                "completion_tokens": s.completion,
                "reasoning_tokens": s.reasoning,
            });
            if let (Some(ws), Some(obj)) = (ws, row.as_object_mut()) {
                obj.insert("workspace_id".to_owned(), json!(ws));
            }
            row
        })
        .collect()
}

/// `GET /activity`: the last 30 completed UTC days, oldest first, by endpoint.
pub async fn get_activity(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let today = today();
    let (keys, rules, f) = {
        let db = state.db();
        let f = filters(&db, &q, today)?;
        (keys_for(&db, &f)?, Rules::read(&db)?, f)
    };
    let data = activity(&keys, &rules, &f, today);
    Ok(answer::data(data))
}

const RETIRED: &str = "retired_usage_units";

/// Keeps the lifetime usage of keys about to be deleted (`filter` selects them, `?1` bound to
/// `arg`), so that `/credits` never un-spends.
pub fn retire_usage(db: &Connection, filter: &str, arg: &str) -> rusqlite::Result<()> {
    let usage: f64 = db
        .prepare_cached(&format!(
            "SELECT COALESCE(SUM(usage), 0) FROM keys WHERE {filter}"
        ))?
        .query_row([arg], |r| r.get(0))?;
    db.prepare_cached(
        "INSERT INTO meta (k, v) VALUES (?1, ?2) \
         ON CONFLICT (k) DO UPDATE SET v = CAST(CAST(v AS INTEGER) + CAST(?2 AS INTEGER) AS TEXT)",
    )?
    .execute(rusqlite::params![RETIRED, to_units(usage).to_string()])?;
    Ok(())
}

/// `GET /credits`
pub async fn get_credits(Management(state): Management) -> ApiResult<Response> {
    let used = {
        let db = state.db();
        let live: f64 = db
            .prepare_cached("SELECT COALESCE(SUM(usage), 0) FROM keys")?
            .query_row([], |r| r.get(0))?;
        let retired: Option<String> = db
            .prepare_cached("SELECT v FROM meta WHERE k = ?1")?
            .query_row([RETIRED], |r| r.get(0))
            .optional()?;
        to_units(live) + retired.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0)
    };
    let block = PURCHASE_BLOCK * UNITS as i64;
    let bought = (used / block + 1) * block;
    Ok(Json(json!({
        "data": { "total_credits": to_usd(bought), "total_usage": to_usd(used) }
    }))
    .into_response())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn split_is_exact_and_proportional() {
        let parts = split(1_000_003, &[1.0, 2.0, 3.0]);
        assert_eq!(parts.iter().sum::<i64>(), 1_000_003);
        assert!(parts[0] < parts[1] && parts[1] < parts[2]);
        assert_eq!(split(0, &[1.0, 1.0]), vec![0, 0]);
        assert_eq!(split(5, &[0.0, 0.0]), vec![0, 0]);
    }

    #[test]
    fn a_key_spends_nothing_before_it_was_created_and_its_windows_still_hold() {
        let today = Date::from_calendar_date(2026, time::Month::March, 2).unwrap();
        let days = covered_days(today);
        let created = Some(today - Duration::days(10));
        let d = per_day("ab", "usage", [1.0, 10.0, 20.0], &days, created);
        assert_eq!(d[..6].iter().sum::<i64>(), 90_000);
        assert_eq!(d[..29].iter().sum::<i64>(), 190_000);
        assert!(d[10..].iter().all(|v| *v == 0), "{d:?}");
        assert!(d[6..10].iter().all(|v| *v > 0), "{d:?}");
        // Created today with a week of spend: the days take it anyway, so the sums hold.
        let d = per_day("ab", "usage", [1.0, 10.0, 20.0], &days, Some(today));
        assert_eq!(d[..6].iter().sum::<i64>(), 90_000);
        assert_eq!(d[..29].iter().sum::<i64>(), 190_000);
    }

    #[test]
    fn windows_hold_over_trailing_days() {
        let days = covered_days(Date::from_calendar_date(2026, time::Month::March, 2).unwrap());
        let d = per_day("ab", "usage", [1.2345, 10.5, 99.9999], &days, None);
        assert_eq!(d.len(), DAYS);
        assert_eq!(d[..6].iter().sum::<i64>(), 105_000 - 12_345);
        assert_eq!(d[..29].iter().sum::<i64>(), 999_999 - 12_345);
        assert!(
            d[29] > 0 && d[29] < 999_999 / 10,
            "the oldest day is an ordinary one"
        );
    }
}
