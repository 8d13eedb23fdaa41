//! `/workspaces/{id}/members` and its `add` and `remove`: a workspace's memberships (the
//! Default workspace's are implicit: every organization member, none removable).

use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::{distinct, JsonObject, Page, PathParams, QueryParams};
use crate::store::{self, find_workspace, implicit_member_id, now, WorkspaceRow};

fn member_json(ws_id: &str, member_id: &str, user_id: &str, role: &str, created_at: &str) -> Value {
    json!({
        "id": member_id,
        "workspace_id": ws_id,
        "user_id": user_id,
        "role": role,
        "created_at": created_at,
    })
}

/// Membership records of `ws` for these users (all of them if `only` is None), in order.
fn members_of(
    db: &Connection,
    ws: &WorkspaceRow,
    only: Option<&[String]>,
    offset: i64,
    limit: i64,
) -> ApiResult<Vec<Value>> {
    let rows: Vec<(String, String, String, String)> = if ws.is_default {
        db.prepare_cached(
            "SELECT id, id, role, created_at FROM users ORDER BY seq LIMIT ?1 OFFSET ?2",
        )?
        .query_map(params![limit, offset], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?
    } else {
        db.prepare_cached(
            "SELECT m.id, m.user_id, COALESCE(m.role, u.role), m.created_at FROM members m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = ?1 ORDER BY m.seq LIMIT ?2 OFFSET ?3",
        )?
        .query_map(params![ws.id, limit, offset], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?
    };
    Ok(rows
        .into_iter()
        .filter(|(_, user, _, _)| only.is_none_or(|ids| ids.contains(user)))
        .map(|(id, user, role, created)| {
            let id = if ws.is_default {
                implicit_member_id(&ws.id, &user)
            } else {
                id
            };
            member_json(&ws.id, &id, &user, &role, &created)
        })
        .collect())
}

/// `GET /workspaces/{id}/members`
pub async fn list(
    path: PathParams,
    q: QueryParams,
    Management(state): Management,
) -> ApiResult<Response> {
    let db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let Page { offset, limit } = q.page()?;
    let total: i64 = if ws.is_default {
        db.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?
    } else {
        db.prepare_cached("SELECT COUNT(*) FROM members WHERE workspace_id = ?1")?
            .query_row([&ws.id], |r| r.get(0))?
    };
    let data = members_of(&db, &ws, None, offset, limit)?;
    Ok(answer::list(data, total))
}

fn user_ids(body: &JsonObject) -> ApiResult<Vec<String>> {
    let ids = body
        .string_array("user_ids")?
        .not_null("user_ids")?
        .ok_or_else(|| ApiError::bad_request("user_ids: required"))?;
    if !(1..=100).contains(&ids.len()) {
        return Err(ApiError::bad_request(format!(
            "user_ids: must hold 1 to 100 ids, got {}",
            ids.len()
        )));
    }
    Ok(distinct(ids))
}

/// `POST /workspaces/{id}/members/add`
pub async fn add(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let ids = user_ids(&body?)?;
    for (i, id) in ids.iter().enumerate() {
        if !store::user_exists(&db, id)? {
            return Err(ApiError::not_found(format!(
                "user_ids[{i}]: {id:?} is not a member of this organization"
            )));
        }
    }
    let mut added = 0;
    if !ws.is_default {
        let tx = db.transaction()?;
        let created = now();
        for id in &ids {
            added += tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO members (id, workspace_id, user_id, created_at) VALUES (?1,?2,?3,?4)",
                )?
                .execute(params![uuid::Uuid::new_v4().to_string(), ws.id, id, created])?;
        }
        tx.commit()?;
    }
    let data = members_of(&db, &ws, Some(&ids), 0, i64::MAX)?;
    Ok(Json(json!({ "added_count": added, "data": data })).into_response())
}

/// `POST /workspaces/{id}/members/remove`
pub async fn remove(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let ids = user_ids(&body?)?;
    let mut removed = 0;
    // Default-workspace membership is implicit: nobody can be taken out of it.
    if !ws.is_default {
        let tx = db.transaction()?;
        for id in &ids {
            let scim: Option<bool> = tx
                .prepare_cached("SELECT scim FROM users WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if scim != Some(false) {
                continue;
            }
            let active: i64 = tx
                .prepare_cached(
                    "SELECT COUNT(*) FROM keys WHERE creator_user_id = ?1 AND workspace_id = ?2 AND disabled = 0",
                )?
                .query_row(params![id, ws.id], |r| r.get(0))?;
            if active > 0 {
                continue;
            }
            // A membership a SCIM group mapping made is the identity provider's to end.
            removed += tx
                .prepare_cached(
                    "DELETE FROM members WHERE workspace_id = ?1 AND user_id = ?2 AND scim = 0",
                )?
                .execute(params![ws.id, id])?;
        }
        tx.commit()?;
    }
    Ok(Json(json!({ "removed_count": removed })).into_response())
}
