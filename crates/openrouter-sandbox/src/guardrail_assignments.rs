//! A guardrail's key and member assignments (`/guardrails/{id}/assignments/...`) and the
//! organization-wide lists (`/guardrails/assignments/...`): a key holds at most one guardrail,
//! of its own workspace (the rules are in `guardrails.rs`'s doc and the README).

use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::guardrails::{find_or_404, GuardrailRow};
use crate::input::{distinct, JsonObject, PathParams, QueryParams};
use crate::key_rows::find_key;
use crate::state::Shared;
use crate::store::{self, now};

/// A key assignment as the API renders it.
fn key_assignment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "key_hash": r.get::<_, String>(1)?,
        "guardrail_id": r.get::<_, String>(2)?,
        "key_name": r.get::<_, String>(3)?,
        "key_label": r.get::<_, String>(4)?,
        "assigned_by": r.get::<_, Option<String>>(5)?,
        "created_at": r.get::<_, String>(6)?,
    }))
}

/// A member assignment as the API renders it.
fn member_assignment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    Ok(json!({
        "id": r.get::<_, String>(0)?,
        "user_id": r.get::<_, String>(1)?,
        "organization_id": store::ORGANIZATION_ID,
        "guardrail_id": r.get::<_, String>(2)?,
        "assigned_by": r.get::<_, Option<String>>(3)?,
        "created_at": r.get::<_, String>(4)?,
    }))
}

const KEY_ASSIGNMENT: (&str, &str) = (
    "a.id, a.key_hash, a.guardrail_id, k.name, k.label, a.assigned_by, a.created_at",
    "guardrail_keys a JOIN keys k ON k.hash = a.key_hash",
);
const MEMBER_ASSIGNMENT: (&str, &str) = (
    "a.id, a.user_id, a.guardrail_id, a.assigned_by, a.created_at",
    "guardrail_members a",
);

/// One page of assignments (of keys, or of members): the guardrail's that `path` names (404
/// if none), or the organization's without a path.
fn assignments(
    state: &Shared,
    keys: bool,
    path: Option<&PathParams>,
    q: &QueryParams,
) -> ApiResult<Response> {
    let db = state.db();
    let guardrail = match path {
        Some(path) => Some(find_or_404(&db, path.at(0))?.id),
        None => None,
    };
    let ((cols, table), row): (_, fn(&rusqlite::Row<'_>) -> rusqlite::Result<Value>) = if keys {
        (KEY_ASSIGNMENT, key_assignment)
    } else {
        (MEMBER_ASSIGNMENT, member_assignment)
    };
    let from = if guardrail.is_some() {
        format!("{table} WHERE a.guardrail_id = ?1")
    } else {
        format!("{table} WHERE ?1 IS NULL")
    };
    let (data, total) = answer::page(&db, cols, &from, "a.seq", &[&guardrail], q.page()?, row)?;
    Ok(answer::list(data, total))
}

/// `GET /guardrails/{id}/assignments/keys`
pub async fn list_keys(
    path: PathParams,
    q: QueryParams,
    Management(state): Management,
) -> ApiResult<Response> {
    assignments(&state, true, Some(&path), &q)
}

/// `GET /guardrails/{id}/assignments/members`
pub async fn list_members(
    path: PathParams,
    q: QueryParams,
    Management(state): Management,
) -> ApiResult<Response> {
    assignments(&state, false, Some(&path), &q)
}

/// `GET /guardrails/assignments/keys`
pub async fn all_keys(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    assignments(&state, true, None, &q)
}

/// `GET /guardrails/assignments/members`
pub async fn all_members(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    assignments(&state, false, None, &q)
}

/// The identifiers of an assignment body: at least one, none empty, each once.
fn ids(body: &JsonObject, name: &str) -> ApiResult<Vec<String>> {
    let list = body
        .string_array(name)?
        .not_null(name)?
        .ok_or_else(|| ApiError::bad_request(format!("{name}: required")))?;
    if list.is_empty() {
        return Err(ApiError::bad_request(format!(
            "{name}: must hold at least 1 id"
        )));
    }
    if let Some(i) = list.iter().position(String::is_empty) {
        return Err(ApiError::bad_request(format!(
            "{name}[{i}]: must not be empty"
        )));
    }
    Ok(distinct(list))
}

/// `POST /guardrails/{id}/assignments/keys`: every key must exist and be in the guardrail's
/// workspace, or nothing is assigned; a key holding another guardrail moves to this one.
pub async fn assign_keys(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let check = |db: &Connection, g: &GuardrailRow, i: usize, hash: &str| {
        let key = find_key(db, hash)?.ok_or_else(|| {
            ApiError::bad_request(format!("key_hashes[{i}]: no API key {hash:?}"))
        })?;
        if key.workspace_id != g.workspace_id {
            return Err(ApiError::bad_request(format!(
                "key_hashes[{i}]: the key {hash:?} is in another workspace than the guardrail; a key can only hold a guardrail of its own workspace"
            )));
        }
        Ok(())
    };
    let write = |tx: &Connection, g: &GuardrailRow, hash: &str, by: &Option<String>, at: &str| {
        let current: Option<String> = tx
            .prepare_cached("SELECT guardrail_id FROM guardrail_keys WHERE key_hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?;
        if current.as_deref() == Some(g.id.as_str()) {
            return Ok(0);
        }
        tx.prepare_cached("DELETE FROM guardrail_keys WHERE key_hash = ?1")?
            .execute([hash])?;
        tx.prepare_cached(
            "INSERT INTO guardrail_keys (id, guardrail_id, key_hash, assigned_by, created_at) VALUES (?1,?2,?3,?4,?5)",
        )?
        .execute(params![uuid::Uuid::new_v4().to_string(), g.id, hash, by, at])?;
        Ok(1)
    };
    assign(&state, &path, body, "key_hashes", check, write)
}

/// Assigns the ids of body field `field` to the guardrail `path` names, all or none: each id
/// must pass `check` (given its index), then `write` stores it in one transaction, answering
/// how many assignments it made (0 for one already there).
fn assign(
    state: &Shared,
    path: &PathParams,
    body: Result<JsonObject, ApiError>,
    field: &str,
    check: impl Fn(&Connection, &GuardrailRow, usize, &str) -> ApiResult<()>,
    write: impl Fn(&Connection, &GuardrailRow, &str, &Option<String>, &str) -> ApiResult<usize>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let g = find_or_404(&db, path.at(0))?;
    let ids = ids(&body?, field)?;
    for (i, id) in ids.iter().enumerate() {
        check(&db, &g, i, id)?;
    }
    // The organization's first admin: the one management key acts for the organization.
    let by = store::first_admin(&db)?;
    let tx = db.transaction()?;
    let created = now();
    let mut assigned = 0;
    for id in &ids {
        assigned += write(&tx, &g, id, &by, &created)?;
    }
    tx.commit()?;
    Ok(Json(json!({ "assigned_count": assigned })).into_response())
}

/// `POST /guardrails/{id}/assignments/keys/remove`: keys not assigned to it are left alone.
pub async fn unassign_keys(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    unassign(
        &state,
        &path,
        body,
        "key_hashes",
        "guardrail_keys",
        "key_hash",
    )
}

/// Removes the ids of body field `field` from the guardrail's assignments in `table` (whose
/// `column` holds them); ids not assigned are left alone, and not counted.
fn unassign(
    state: &Shared,
    path: &PathParams,
    body: Result<JsonObject, ApiError>,
    field: &str,
    table: &str,
    column: &str,
) -> ApiResult<Response> {
    let db = state.db();
    let g = find_or_404(&db, path.at(0))?;
    let ids = ids(&body?, field)?;
    let mut removed = 0;
    for id in &ids {
        removed += db
            .prepare_cached(&format!(
                "DELETE FROM {table} WHERE guardrail_id = ?1 AND {column} = ?2"
            ))?
            .execute(params![g.id, id])?;
    }
    Ok(Json(json!({ "unassigned_count": removed })).into_response())
}

/// `POST /guardrails/{id}/assignments/members`: every user must be in the organization, or
/// nothing is assigned.
pub async fn assign_members(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let check = |db: &Connection, _: &GuardrailRow, i: usize, user: &str| {
        if !store::user_exists(db, user)? {
            return Err(ApiError::bad_request(format!(
                "member_user_ids[{i}]: {user:?} is not a member of this organization"
            )));
        }
        Ok(())
    };
    let write = |tx: &Connection, g: &GuardrailRow, user: &str, by: &Option<String>, at: &str| {
        Ok(tx
            .prepare_cached(
                "INSERT OR IGNORE INTO guardrail_members (id, guardrail_id, user_id, assigned_by, created_at) VALUES (?1,?2,?3,?4,?5)",
            )?
            .execute(params![uuid::Uuid::new_v4().to_string(), g.id, user, by, at])?)
    };
    assign(&state, &path, body, "member_user_ids", check, write)
}

/// `POST /guardrails/{id}/assignments/members/remove`
pub async fn unassign_members(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    unassign(
        &state,
        &path,
        body,
        "member_user_ids",
        "guardrail_members",
        "user_id",
    )
}
