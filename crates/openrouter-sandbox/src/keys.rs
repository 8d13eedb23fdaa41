//! `/key`, `/keys` and `/keys/{hash}`: API keys, their body rules and the secret made on
//! create (the row, its JSON and queries are `key_rows.rs`; what goes with a deleted key is
//! `cascade.rs`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::answer;
use crate::auth::{Caller, Management};
use crate::cascade;
use crate::error::{ApiError, ApiResult};
use crate::input::{char_len, is_uuid, Field, JsonObject, PathParams, QueryParams};
use crate::key_rows::{self, find_key, KeyRow, KEY_COLS};
use crate::state::Shared;
use crate::store::{self, label_for, now, sha256_hex};

/// `GET /key`: any valid key may ask about itself.
pub async fn current(State(state): State<Shared>, caller: Caller) -> ApiResult<Response> {
    let data = match caller {
        Caller::Key(key) => key.to_current_key_json(),
        Caller::Management => json!({
            "label": state.management_label,
            "limit": null,
            "usage": 0.0, "usage_daily": 0.0, "usage_weekly": 0.0, "usage_monthly": 0.0,
            "byok_usage": 0.0, "byok_usage_daily": 0.0, "byok_usage_weekly": 0.0, "byok_usage_monthly": 0.0,
            "is_free_tier": false,
            "is_management_key": true,
            "is_provisioning_key": true,
            "limit_remaining": null,
            "limit_reset": null,
            "include_byok_in_limit": false,
            "creator_user_id": null,
            "expires_at": null,
            "rate_limit": key_rows::deprecated_rate_limit(),
            "organization_id": store::ORGANIZATION_ID,
            // A management key belongs to the organization, not to one workspace.
            "workspace_id": null,
            "allowed_data_regions": key_rows::ALLOWED_DATA_REGIONS,
            "free_model_daily_requests": key_rows::free_model_daily_requests(),
        }),
    };
    Ok(answer::data(data))
}

/// `GET /keys`: fixed pages of 100, Default workspace unless `workspace_id` is given.
pub async fn list(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let rows = {
        let db = state.db();
        list_key_rows(&db, &q)?
    };
    // Serialized after the lock is released, so the other core can query meanwhile.
    let data: Vec<key_rows::KeyView<'_>> = rows.iter().map(KeyRow::view).collect();
    Ok(Json(KeysPage { data }).into_response())
}

#[derive(serde::Serialize)]
struct KeysPage<'a> {
    data: Vec<key_rows::KeyView<'a>>,
}

fn list_key_rows(db: &Connection, q: &QueryParams) -> ApiResult<Vec<KeyRow>> {
    let offset = q.offset()?;
    let include_disabled = match q.string("include_disabled").as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "include_disabled: must be \"true\" or \"false\", got {other:?}"
            )))
        }
    };
    let ws_id = match q.string("workspace_id") {
        // With the Default workspace deleted there is nothing to list by default.
        None => match store::default_workspace(db)? {
            Some(ws) => ws.id,
            None => return Ok(Vec::new()),
        },
        Some(id) => {
            if !is_uuid(&id) {
                return Err(ApiError::bad_request(format!(
                    "workspace_id: {id:?} is not a UUID"
                )));
            }
            // A filter that matches no workspace matches no keys.
            id
        }
    };
    // The offset is skipped inside the covering index (the inner select reads no table rows),
    // so page 100 costs about what page 1 does.
    let filter = if include_disabled {
        "workspace_id = ?1"
    } else {
        "workspace_id = ?1 AND disabled = 0"
    };
    let sql = format!(
        "SELECT {KEY_COLS} FROM keys WHERE seq IN \
         (SELECT seq FROM keys WHERE {filter} ORDER BY seq LIMIT 100 OFFSET ?2) ORDER BY seq"
    );
    let rows = db
        .prepare_cached(&sql)?
        .query_map(params![ws_id, offset], KeyRow::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn parse_limit(body: &JsonObject) -> ApiResult<Field<f64>> {
    let f = body.number("limit")?;
    if let Field::Value(v) = f {
        if v < 0.0 {
            return Err(ApiError::bad_request(format!(
                "limit: must be 0 or more, got {v}"
            )));
        }
    }
    Ok(f)
}

fn parse_limit_reset(body: &JsonObject) -> ApiResult<Field<String>> {
    let f = body.string("limit_reset")?;
    if let Field::Value(v) = &f {
        if !["daily", "weekly", "monthly"].contains(&v.as_str()) {
            return Err(ApiError::bad_request(format!(
                "limit_reset: {v:?} must be one of daily, weekly, monthly or null"
            )));
        }
    }
    Ok(f)
}

fn parse_name(body: &JsonObject, required: bool) -> ApiResult<Option<String>> {
    let name = body.string("name")?.not_null("name")?;
    match name {
        None if required => Err(ApiError::bad_request("name: required")),
        Some(n) if n.is_empty() => Err(ApiError::bad_request("name: must be at least 1 character")),
        other => Ok(other),
    }
}

fn parse_expires_at(raw: &str) -> ApiResult<String> {
    use time::format_description::well_known::Rfc3339;
    if !has_seconds(raw) {
        return Err(ApiError::bad_request(format!(
            "expires_at: {raw:?} must include seconds (YYYY-MM-DDTHH:MM:SSZ); minute precision is rejected"
        )));
    }
    let t = time::OffsetDateTime::parse(raw, &Rfc3339).map_err(|_| {
        ApiError::bad_request(format!("expires_at: {raw:?} is not an ISO 8601 date-time"))
    })?;
    if !(raw.ends_with('Z') || raw.ends_with('z')) {
        return Err(ApiError::bad_request(format!(
            "expires_at: {raw:?} must be in UTC (end in Z); other timezones are rejected"
        )));
    }
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    let text = t
        .format(fmt)
        .map_err(|_| ApiError::bad_request(format!("expires_at: {raw:?} is out of range")))?;
    if t.year() < 1000 || text.as_str() <= now().as_str() {
        return Err(ApiError::bad_request(format!(
            "expires_at: {raw:?} must be in the future"
        )));
    }
    Ok(text)
}

/// Whether an ISO 8601 date-time carries seconds: `HH:MM:SS` after the `T`.
fn has_seconds(raw: &str) -> bool {
    let Some((_, time)) = raw.split_once(['T', 't']) else {
        return true; // not a date-time at all: the RFC 3339 parse says so
    };
    let b = time.as_bytes();
    b.len() >= 8 && b[2] == b':' && b[5] == b':' && b[6..8].iter().all(u8::is_ascii_digit)
}

/// `external` of `POST /keys`: `user` (required, non-empty) and `api_key` (optional, 32+
/// characters, kept only as its SHA-256).
fn parse_external(body: &JsonObject) -> ApiResult<(Option<String>, Option<String>)> {
    let external = match body.0.get("external") {
        None | Some(Value::Null) => return Ok((None, None)),
        Some(Value::Object(map)) => JsonObject(map.clone()),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "external: must be an object, got {}",
                crate::input::type_name(other)
            )))
        }
    };
    let user = external
        .string("user")
        .map_err(|e| e.prefixed("external."))?
        .not_null("external.user")?
        .ok_or_else(|| ApiError::bad_request("external.user: required"))?;
    if user.is_empty() {
        return Err(ApiError::bad_request(
            "external.user: must be at least 1 character",
        ));
    }
    let api_key = match external
        .string("api_key")
        .map_err(|e| e.prefixed("external."))?
    {
        Field::Value(k) => {
            let n = char_len(&k);
            if n < 32 {
                // The length only: the value is a secret.
                return Err(ApiError::bad_request(format!(
                    "external.api_key: must be at least 32 characters, got {n}"
                )));
            }
            Some(sha256_hex(&k))
        }
        _ => None,
    };
    Ok((Some(user), api_key))
}

/// `POST /keys`: answers 201 with the secret, which is never stored or shown again.
pub async fn create(
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let db = state.db();
    let body = body?;
    let name = parse_name(&body, true)?.unwrap_or_default();
    let limit = parse_limit(&body)?.into_option();
    let limit_reset = parse_limit_reset(&body)?.into_option();
    let include_byok = body
        .boolean("include_byok_in_limit")?
        .not_null("include_byok_in_limit")?
        .unwrap_or(false);
    let expires_at = match body.string("expires_at")? {
        Field::Value(raw) => Some(parse_expires_at(&raw)?),
        _ => None,
    };
    let workspace_id = match body.string("workspace_id")?.not_null("workspace_id")? {
        None => store::default_workspace(&db)?
            .map(|ws| ws.id)
            .ok_or_else(|| {
                ApiError::bad_request(
                "workspace_id: required, since this organization's Default workspace was deleted",
            )
            })?,
        Some(id) => {
            if !is_uuid(&id) {
                return Err(ApiError::bad_request(format!(
                    "workspace_id: {id:?} is not a UUID"
                )));
            }
            let found: Option<String> = db
                .prepare_cached("SELECT id FROM workspaces WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))
                .optional()?;
            found.ok_or_else(|| {
                ApiError::bad_request(format!("workspace_id: no workspace with id {id:?}"))
            })?
        }
    };
    let creator = match body.string("creator_user_id")? {
        Field::Value(id) => {
            if id.is_empty() {
                return Err(ApiError::bad_request(
                    "creator_user_id: must be at least 1 character",
                ));
            }
            if !store::user_exists(&db, &id)? {
                return Err(ApiError::bad_request(format!(
                    "creator_user_id: {id:?} is not a member of this organization"
                )));
            }
            Some(id)
        }
        _ => None,
    };
    let (external_user, external_api_key_sha256) = parse_external(&body)?;
    let secret = new_secret();
    let key = KeyRow {
        hash: sha256_hex(&secret),
        workspace_id,
        name,
        label: label_for(&secret),
        disabled: false,
        limit,
        limit_reset,
        include_byok_in_limit: include_byok,
        usage: [0.0; 4],
        byok_usage: [0.0; 4],
        created_at: now(),
        updated_at: None,
        expires_at,
        creator_user_id: creator,
        external_user,
        external_api_key_sha256,
        revoked: false,
    };
    key.insert(&db)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "data": key.to_json(), "key": secret })),
    )
        .into_response())
}

/// A fresh `sk-or-v1-` + 64 hex secret.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let mut s = String::from("sk-or-v1-");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn key_or_404(db: &Connection, hash: &str) -> ApiResult<KeyRow> {
    find_key(db, hash)?.ok_or_else(|| ApiError::not_found(format!("API key {hash:?} not found")))
}

/// `GET /keys/{hash}`
pub async fn get(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    Ok(answer::data(key_or_404(&state.db(), path.at(0))?.to_json()))
}

/// `PATCH /keys/{hash}`
pub async fn update(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let db = state.db();
    let mut key = key_or_404(&db, path.at(0))?;
    let body = body?;
    for fixed in ["expires_at", "workspace_id", "creator_user_id"] {
        if body.0.contains_key(fixed) {
            return Err(ApiError::bad_request(format!(
                "{fixed}: fixed at creation and cannot be changed"
            )));
        }
    }
    let mut changed = false;
    if let Some(name) = parse_name(&body, false)? {
        key.name = name;
        changed = true;
    }
    if let Some(d) = body.boolean("disabled")?.not_null("disabled")? {
        if key.revoked && !d {
            return Err(ApiError::bad_request(
                "disabled: this key was disabled for good when its Default workspace was deleted",
            ));
        }
        key.disabled = d;
        changed = true;
    }
    changed |= parse_limit(&body)?.write(&mut key.limit);
    changed |= parse_limit_reset(&body)?.write(&mut key.limit_reset);
    if let Some(b) = body
        .boolean("include_byok_in_limit")?
        .not_null("include_byok_in_limit")?
    {
        key.include_byok_in_limit = b;
        changed = true;
    }
    if changed {
        key.updated_at = Some(now());
        db.prepare_cached(
            "UPDATE keys SET name=?2, disabled=?3, limit_usd=?4, limit_reset=?5, include_byok_in_limit=?6, updated_at=?7 WHERE hash=?1",
        )?
        .execute(params![
            key.hash,
            key.name,
            key.disabled,
            key.limit,
            key.limit_reset,
            key.include_byok_in_limit,
            key.updated_at
        ])?;
    }
    Ok(answer::data(key.to_json()))
}

/// `DELETE /keys/{hash}`
pub async fn delete(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let db = state.db();
    let key = key_or_404(&db, path.at(0))?;
    cascade::key(&db, &key.hash)?;
    Ok(answer::deleted())
}
