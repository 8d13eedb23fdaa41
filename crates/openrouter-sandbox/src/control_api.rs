//! The `/__sandbox` routes of the control surface: queue and clear faults, read the request
//! log, reset to the seed. Only routed when `--control` is on.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::control::{Control, Fault};
use crate::error::{ApiError, ApiResult};
use crate::input::JsonObject;
use crate::state::{AppState, Shared};

/// The control surface, or 404 when `--control` is off (the routes are not mounted then, so
/// this only guards against a future routing mistake).
fn control_of(state: &AppState) -> ApiResult<&Control> {
    state
        .control
        .as_ref()
        .ok_or_else(|| ApiError::not_found("control surface is off"))
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
    if flag("hold") {
        // Numbered when queued (Control::queue_faults).
        return Ok(Fault::Hold(0));
    }
    if flag("drop") {
        return Ok(Fault::Drop);
    }
    if flag("commit_then_drop") {
        return Ok(Fault::CommitThenDrop);
    }
    if let Some(ms) = uint("commit_then_delay_ms")? {
        return Ok(Fault::CommitThenDelay(ms.min(600_000)));
    }
    Err(ApiError::bad_request(format!(
        "faults[{i}]: expected one of status, delay_ms, hang, hold, drop, commit_then_drop, commit_then_delay_ms"
    )))
}

/// `POST /__sandbox/faults`
pub async fn add_faults(
    State(state): State<Shared>,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let control = control_of(&state)?;
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
    let queued = control.queue_faults(&method, &path, faults);
    Ok(Json(json!({ "method": method, "path": path, "queued": queued })).into_response())
}

/// `DELETE /__sandbox/faults`
pub async fn clear_faults(State(state): State<Shared>) -> ApiResult<Response> {
    let control = control_of(&state)?;
    control.clear_faults();
    Ok(Json(json!({ "cleared": true })).into_response())
}

/// `POST /__sandbox/release`: lets every hold queued so far go.
pub async fn release(State(state): State<Shared>) -> ApiResult<Response> {
    let control = control_of(&state)?;
    let waiting = control.release();
    Ok(Json(json!({ "released": waiting })).into_response())
}

/// `GET /__sandbox/log`
pub async fn get_log(State(state): State<Shared>) -> ApiResult<Response> {
    let control = control_of(&state)?;
    let requests = control.log_json();
    Ok(Json(json!({ "requests": requests })).into_response())
}

/// `POST /__sandbox/reset`
pub async fn reset(State(state): State<Shared>) -> ApiResult<Response> {
    let control = control_of(&state)?;
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

/// `POST /__sandbox/scim`: plays the identity provider. `{"event": "join" | "leave",
/// "group_id", "user_id"}` puts a member of the organization in a group or takes them out;
/// `{"event": "create_group", "display_name"}` provisions a group (answered with it);
/// `{"event": "delete_group", "group_id"}` deletes one; `{"event": "fail_next_sync",
/// "message"}` makes the next sync job fail with that `error_message`. Mappings apply at
/// once, as the provider's push does.
pub async fn scim_event(
    State(state): State<Shared>,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    use crate::scim_rows::{self as rows, GroupRow};
    control_of(&state)?;
    let body = body?;
    let text = |name: &str| -> ApiResult<String> {
        body.string(name)?
            .not_null(name)?
            .ok_or_else(|| ApiError::bad_request(format!("{name}: required")))
    };
    let event = text("event")?;
    let mut db = state.db();
    let tx = db.transaction()?;
    let answer = match event.as_str() {
        "join" | "leave" => {
            let group: GroupRow = crate::store::find(&tx, &text("group_id")?)?;
            let user = text("user_id")?;
            if !crate::store::user_exists(&tx, &user)? {
                return Err(ApiError::not_found(format!(
                    "user_id: {user:?} is not a member of this organization"
                )));
            }
            let sql = if event == "join" {
                "INSERT OR IGNORE INTO scim_group_users (group_id, user_id) VALUES (?1, ?2)"
            } else {
                "DELETE FROM scim_group_users WHERE group_id = ?1 AND user_id = ?2"
            };
            tx.execute(sql, [&group.id, &user])?;
            rows::reconcile_group(&tx, &group.id)?;
            json!({ "applied": event })
        }
        "create_group" => {
            let at = crate::store::now();
            let group = GroupRow {
                id: uuid::Uuid::new_v4().to_string(),
                external_id: body.string("external_id")?.into_option(),
                display_name: text("display_name")?,
                created_at: at.clone(),
                updated_at: at,
            };
            group.save(&tx)?;
            json!({ "applied": event, "group": group.to_json() })
        }
        "delete_group" => {
            let group: GroupRow = crate::store::find(&tx, &text("group_id")?)?;
            rows::delete_group(&tx, &group.id)?;
            json!({ "applied": event })
        }
        "fail_next_sync" => {
            tx.execute(
                "INSERT INTO meta (k, v) VALUES (?1, ?2) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                [rows::FAIL_NEXT_SYNC, &text("message")?],
            )?;
            json!({ "applied": event })
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "event: expected join, leave, create_group, delete_group or fail_next_sync, got {other:?}"
            )))
        }
    };
    tx.commit()?;
    Ok(Json(answer).into_response())
}
