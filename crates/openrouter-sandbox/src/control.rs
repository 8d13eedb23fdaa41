//! The test control surface (`--control`): injected faults, the request log, and the
//! per-key rate limiter that `--rate-limit` turns on.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::api::Shared;
use crate::error::{ApiError, ApiResult};
use crate::input::JsonObject;

/// One injected misbehaviour.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Answer this status instead of processing.
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After` seconds.
        retry_after: Option<u64>,
        /// `retry-after-ms`.
        retry_after_ms: Option<u64>,
        /// Raw body instead of the envelope.
        body: Option<String>,
    },
    /// Wait, then process normally.
    Delay(u64),
    /// Never answer (capped at 120 s, then the connection is closed).
    Hang,
    /// Close the connection without processing.
    Drop,
    /// Process fully, then close the connection without answering.
    CommitThenDrop,
}

#[derive(Debug)]
struct Rule {
    method: String,
    path: Vec<String>,
    queue: VecDeque<Fault>,
}

impl Rule {
    fn matches(&self, method: &str, path: &str) -> bool {
        if self.method != "*" && !self.method.eq_ignore_ascii_case(method) {
            return false;
        }
        let segs: Vec<&str> = path.split('/').collect();
        segs.len() == self.path.len()
            && self
                .path
                .iter()
                .zip(segs)
                .all(|(want, got)| want == "*" || want == got)
    }
}

/// One logged API request.
#[derive(Debug, Clone)]
struct Entry {
    method: String,
    path: String,
    status: Option<u16>,
}

/// A handle on a log entry, to fill its status in once the answer is known.
#[derive(Debug, Clone, Copy)]
pub struct LogTicket {
    generation: u64,
    index: usize,
}

#[derive(Debug, Default)]
struct Log {
    generation: u64,
    entries: Vec<Entry>,
}

/// Faults and the request log.
#[derive(Debug, Default)]
pub struct Control {
    rules: Mutex<Vec<Rule>>,
    log: Mutex<Log>,
}

/// Entries beyond this are not recorded, so a long load test cannot exhaust memory.
const LOG_CAP: usize = 200_000;

impl Control {
    /// Takes the next fault queued for this request, if any.
    pub fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        rules
            .iter_mut()
            .filter(|r| !r.queue.is_empty())
            .find(|r| r.matches(method, path))
            .and_then(|r| r.queue.pop_front())
    }

    /// Records a request whose status is not known yet.
    pub fn log_start(&self, method: &str, path: &str) -> Option<LogTicket> {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.entries.len() >= LOG_CAP {
            return None;
        }
        log.entries.push(Entry {
            method: method.to_owned(),
            path: path.to_owned(),
            status: None,
        });
        Some(LogTicket {
            generation: log.generation,
            index: log.entries.len() - 1,
        })
    }

    /// Fills in the status of a logged request (unless a reset came in between).
    pub fn log_finish(&self, ticket: Option<LogTicket>, status: u16) {
        let Some(t) = ticket else { return };
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.generation == t.generation {
            if let Some(e) = log.entries.get_mut(t.index) {
                e.status = Some(status);
            }
        }
    }

    /// Clears faults and the log.
    pub fn clear(&self) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).clear();
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.generation += 1;
        log.entries.clear();
    }
}

fn parse_fault(i: usize, v: &Value) -> ApiResult<Fault> {
    let obj = v
        .as_object()
        .ok_or_else(|| ApiError::bad_request(format!("faults[{i}]: must be an object")))?;
    let flag = |name: &str| obj.get(name).and_then(Value::as_bool).unwrap_or(false);
    let uint = |name: &str| -> ApiResult<Option<u64>> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "faults[{i}].{name}: must be a non-negative integer"
                ))
            }),
        }
    };
    if let Some(status) = uint("status")? {
        if !(200..=599).contains(&status) {
            return Err(ApiError::bad_request(format!(
                "faults[{i}].status: must be between 200 and 599, got {status}"
            )));
        }
        let body = match obj.get("body") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                return Err(ApiError::bad_request(format!(
                    "faults[{i}].body: must be a string"
                )))
            }
        };
        return Ok(Fault::Status {
            status: status as u16,
            retry_after: uint("retry_after")?,
            retry_after_ms: uint("retry_after_ms")?,
            body,
        });
    }
    if let Some(ms) = uint("delay_ms")? {
        return Ok(Fault::Delay(ms.min(600_000)));
    }
    if flag("hang") {
        return Ok(Fault::Hang);
    }
    if flag("drop") {
        return Ok(Fault::Drop);
    }
    if flag("commit_then_drop") {
        return Ok(Fault::CommitThenDrop);
    }
    Err(ApiError::bad_request(format!(
        "faults[{i}]: expected one of status, delay_ms, hang, drop, commit_then_drop"
    )))
}

/// `POST /__sandbox/faults`
pub async fn add_faults(
    State(state): State<Shared>,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let control = state
        .control
        .as_ref()
        .ok_or_else(|| ApiError::not_found("control surface is off"))?;
    let body = body?;
    let method = body
        .string("method")?
        .into_option()
        .unwrap_or_else(|| "*".to_owned())
        .to_ascii_uppercase();
    let path = body
        .string("path")?
        .into_option()
        .ok_or_else(|| ApiError::bad_request("path: required"))?;
    if !path.starts_with('/') {
        return Err(ApiError::bad_request("path: must start with /"));
    }
    let faults = match body.0.get("faults") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| parse_fault(i, v))
            .collect::<ApiResult<Vec<_>>>()?,
        _ => return Err(ApiError::bad_request("faults: must be an array")),
    };
    let segs: Vec<String> = path.split('/').map(str::to_owned).collect();
    let mut rules = control.rules.lock().unwrap_or_else(|e| e.into_inner());
    let queued = match rules
        .iter_mut()
        .find(|r| r.method == method && r.path == segs)
    {
        Some(rule) => {
            rule.queue.extend(faults);
            rule.queue.len()
        }
        None => {
            let n = faults.len();
            rules.push(Rule {
                method: method.clone(),
                path: segs,
                queue: faults.into(),
            });
            n
        }
    };
    Ok(Json(json!({ "method": method, "path": path, "queued": queued })).into_response())
}

/// `DELETE /__sandbox/faults`
pub async fn clear_faults(State(state): State<Shared>) -> ApiResult<Response> {
    let control = state
        .control
        .as_ref()
        .ok_or_else(|| ApiError::not_found("control surface is off"))?;
    control
        .rules
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    Ok(Json(json!({ "cleared": true })).into_response())
}

/// `GET /__sandbox/log`
pub async fn get_log(State(state): State<Shared>) -> ApiResult<Response> {
    let control = state
        .control
        .as_ref()
        .ok_or_else(|| ApiError::not_found("control surface is off"))?;
    let log = control.log.lock().unwrap_or_else(|e| e.into_inner());
    let requests: Vec<Value> = log
        .entries
        .iter()
        .map(|e| json!({ "method": e.method, "path": e.path, "status": e.status }))
        .collect();
    Ok(Json(json!({ "requests": requests })).into_response())
}

/// `POST /__sandbox/reset`
pub async fn reset(State(state): State<Shared>) -> ApiResult<Response> {
    let control = state
        .control
        .as_ref()
        .ok_or_else(|| ApiError::not_found("control surface is off"))?;
    {
        let mut db = state.db();
        crate::seed::reseed(&mut db, state.seed.0, state.seed.1)?;
    }
    control.clear();
    if let Some(rl) = &state.rate_limit {
        rl.clear();
    }
    Ok(Json(json!({ "reset": true })).into_response())
}

/// Fixed one-second windows per bearer key.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_second` requests per key per second.
    pub fn new(per_second: u32) -> Self {
        Self {
            per_second,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request; `Err(wait)` when the key is over its limit.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(1));
        }
        let slot = map.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(slot.0) >= Duration::from_secs(1) {
            *slot = (now, 0);
        }
        if slot.1 >= self.per_second {
            return Err(Duration::from_secs(1).saturating_sub(now.duration_since(slot.0)));
        }
        slot.1 += 1;
        Ok(())
    }

    /// Forgets all windows.
    pub fn clear(&self) {
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
