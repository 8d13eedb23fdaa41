//! The management API handlers under `/api/v1`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::auth::{Caller, Management};
use crate::error::{ApiError, ApiResult};
use crate::input::{Field, JsonObject, PathParams, QueryParams};
use crate::state::Shared;
use crate::store::{
    self, find_key, find_workspace, implicit_member_id, label_for, now, sha256_hex, KeyRow,
    WorkspaceRow, KEY_COLS, WORKSPACE_COLS,
};

fn owner_id(db: &Connection) -> ApiResult<Option<String>> {
    Ok(db
        .prepare_cached("SELECT id FROM users WHERE role = 'admin' ORDER BY seq LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_uuid(s: &str) -> bool {
    uuid::Uuid::try_parse(s).is_ok()
}

// ---------------------------------------------------------------- workspaces

/// `GET /workspaces`
pub async fn list_workspaces(
    State(state): State<Shared>,
    q: QueryParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let offset = q.int("offset", 0, 0, i64::MAX, true)?;
    let limit = q.int("limit", 50, 1, 100, false)?;
    let total: i64 = db
        .prepare_cached("SELECT COUNT(*) FROM workspaces")?
        .query_row([], |r| r.get(0))?;
    let rows = db
        .prepare_cached(&format!(
            "SELECT {WORKSPACE_COLS} FROM workspaces ORDER BY seq LIMIT ?1 OFFSET ?2"
        ))?
        .query_map(params![limit, offset], WorkspaceRow::from_row)?
        .map(|r| r.map(|w| w.to_json()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({ "data": rows, "total_count": total })).into_response())
}

/// Applies the create/update fields of a workspace body; answers whether anything was sent.
fn apply_workspace_fields(
    db: &Connection,
    ws: &mut WorkspaceRow,
    body: &JsonObject,
) -> ApiResult<bool> {
    let mut changed = false;
    if let Some(name) = body.string("name")?.not_null("name")? {
        let n = char_len(&name);
        if !(1..=100).contains(&n) {
            return Err(ApiError::bad_request(format!(
                "name: must be 1 to 100 characters, got {n}"
            )));
        }
        if name.trim().is_empty() {
            return Err(ApiError::bad_request("name: must not be blank"));
        }
        ws.name = name;
        changed = true;
    }
    if let Some(slug) = body.string("slug")?.not_null("slug")? {
        let n = char_len(&slug);
        if !(1..=50).contains(&n) {
            return Err(ApiError::bad_request(format!(
                "slug: must be 1 to 50 characters, got {n}"
            )));
        }
        if !valid_slug(&slug) {
            return Err(ApiError::bad_request(format!(
                "slug: {slug:?} must match ^[a-z0-9]+(?:-[a-z0-9]+)*$"
            )));
        }
        if is_uuid(&slug) {
            return Err(ApiError::bad_request(
                "slug: must not look like a UUID, since workspaces are addressed by id or slug",
            ));
        }
        let taken: Option<String> = db
            .prepare_cached("SELECT id FROM workspaces WHERE slug = ?1")?
            .query_row([&slug], |r| r.get(0))
            .optional()?;
        if taken.is_some_and(|id| id != ws.id) {
            return Err(ApiError::bad_request(format!(
                "slug: {slug:?} is already used by another workspace"
            )));
        }
        ws.slug = slug;
        changed = true;
    }
    match body.string("description")? {
        Field::Absent => {}
        Field::Null => {
            ws.description = None;
            changed = true;
        }
        Field::Value(d) => {
            let n = char_len(&d);
            if n > 500 {
                return Err(ApiError::bad_request(format!(
                    "description: must be at most 500 characters, got {n}"
                )));
            }
            ws.description = Some(d);
            changed = true;
        }
    }
    for (name, slot) in [
        ("default_text_model", &mut ws.default_text_model),
        ("default_image_model", &mut ws.default_image_model),
        ("default_provider_sort", &mut ws.default_provider_sort),
    ] {
        match body.string(name)? {
            Field::Absent => {}
            Field::Null => {
                *slot = None;
                changed = true;
            }
            Field::Value(v) => {
                if char_len(&v) > 200 {
                    return Err(ApiError::bad_request(format!(
                        "{name}: must be at most 200 characters"
                    )));
                }
                *slot = Some(v);
                changed = true;
            }
        }
    }
    match body.int_array("io_logging_api_key_ids")? {
        Field::Absent => {}
        Field::Null => {
            ws.io_logging_api_key_ids = None;
            changed = true;
        }
        Field::Value(v) => {
            ws.io_logging_api_key_ids = Some(v);
            changed = true;
        }
    }
    match body.string_array("disabled_server_tools")? {
        Field::Absent => {}
        Field::Null => {
            ws.disabled_server_tools = None;
            changed = true;
        }
        Field::Value(tools) => {
            ws.disabled_server_tools = server_tools(tools)?;
            changed = true;
        }
    }
    if let Some(rate) = body
        .number("io_logging_sampling_rate")?
        .not_null("io_logging_sampling_rate")?
    {
        if !(0.0001..=1.0).contains(&rate) {
            return Err(ApiError::bad_request(format!(
                "io_logging_sampling_rate: must be between 0.0001 and 1, got {rate}"
            )));
        }
        ws.io_logging_sampling_rate = rate;
        changed = true;
    }
    for (name, slot) in [
        (
            "is_data_discount_logging_enabled",
            &mut ws.is_data_discount_logging_enabled,
        ),
        (
            "is_observability_broadcast_enabled",
            &mut ws.is_observability_broadcast_enabled,
        ),
        (
            "is_observability_io_logging_enabled",
            &mut ws.is_observability_io_logging_enabled,
        ),
    ] {
        if let Some(b) = body.boolean(name)?.not_null(name)? {
            *slot = b;
            changed = true;
        }
    }
    Ok(changed)
}

/// A `disabled_server_tools` value as stored: each a known tool (`store::SERVER_TOOLS`), no
/// repeats; an empty array clears the setting, as `null` does.
fn server_tools(tools: Vec<String>) -> ApiResult<Option<Vec<String>>> {
    let mut out: Vec<String> = Vec::with_capacity(tools.len());
    for (i, tool) in tools.into_iter().enumerate() {
        if !store::SERVER_TOOLS.contains(&tool.as_str()) {
            return Err(ApiError::bad_request(format!(
                "disabled_server_tools[{i}]: {tool:?} is not a server tool; one of {}",
                store::SERVER_TOOLS.join(", ")
            )));
        }
        if out.contains(&tool) {
            return Err(ApiError::bad_request(format!(
                "disabled_server_tools[{i}]: {tool:?} is listed twice"
            )));
        }
        out.push(tool);
    }
    Ok(if out.is_empty() { None } else { Some(out) })
}

/// `POST /workspaces`
pub async fn create_workspace(
    State(state): State<Shared>,
    _: Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let db = state.db();
    let body = body?;
    for required in ["name", "slug"] {
        if !body.0.contains_key(required) {
            return Err(ApiError::bad_request(format!("{required}: required")));
        }
    }
    let mut ws = WorkspaceRow {
        id: uuid::Uuid::new_v4().to_string(),
        slug: String::new(),
        name: String::new(),
        description: None,
        default_text_model: None,
        default_image_model: None,
        default_provider_sort: None,
        include_byok_in_budgets: false,
        io_logging_api_key_ids: None,
        io_logging_sampling_rate: 1.0,
        is_data_discount_logging_enabled: true,
        is_observability_broadcast_enabled: false,
        is_observability_io_logging_enabled: false,
        created_at: now(),
        updated_at: None,
        created_by: owner_id(&db)?,
        is_default: false,
        disabled_server_tools: None,
    };
    apply_workspace_fields(&db, &mut ws, &body)?;
    ws.insert(&db)?;
    Ok((StatusCode::CREATED, Json(json!({ "data": ws.to_json() }))).into_response())
}

/// `GET /workspaces/{id}`
pub async fn get_workspace(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    Ok(Json(json!({ "data": ws.to_json() })).into_response())
}

/// `PATCH /workspaces/{id}`
pub async fn update_workspace(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let db = state.db();
    let mut ws = find_workspace(&db, path.at(0))?;
    let body = body?;
    if apply_workspace_fields(&db, &mut ws, &body)? {
        ws.updated_at = Some(now());
        ws.update(&db)?;
    }
    Ok(Json(json!({ "data": ws.to_json() })).into_response())
}

/// `DELETE /workspaces/{id}`, with the optional query `confirm_default_workspace_deletion`.
///
/// Another workspace is deleted with its budgets and memberships once it has no active keys;
/// the flag is ignored for it. The Default workspace answers 403 unless the flag is `true`;
/// with it, the sandbox does what the API says it does: the workspace's keys (the account's
/// unscoped inference keys) are disabled for good (`disabled: true`, and a `PATCH` that
/// re-enables one is refused with 400), its budgets are deleted, and the management key is
/// kept. The organization then has no Default workspace: `GET /keys` without `workspace_id`
/// lists nothing, `POST /keys` needs a `workspace_id`, and `GET /workspaces` no longer lists it
/// (a `POST /__sandbox/reset` brings the seed back).
pub async fn delete_workspace(
    State(state): State<Shared>,
    path: PathParams,
    q: QueryParams,
    _: Management,
) -> ApiResult<Response> {
    let confirmed = match q.string("confirm_default_workspace_deletion").as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "confirm_default_workspace_deletion: must be true or false, got {other:?}"
            )))
        }
    };
    let mut db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    if ws.is_default {
        if !confirmed {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "The default workspace cannot be deleted without confirm_default_workspace_deletion=true",
            ));
        }
        let tx = db.transaction()?;
        tx.execute(
            "UPDATE keys SET disabled = 1, revoked = 1, updated_at = ?2 WHERE workspace_id = ?1",
            params![ws.id, now()],
        )?;
        tx.execute("DELETE FROM budgets WHERE workspace_id = ?1", [&ws.id])?;
        crate::guardrails::delete_workspace(&tx, &ws.id)?;
        tx.execute("DELETE FROM workspaces WHERE id = ?1", [&ws.id])?;
        tx.commit()?;
        return Ok(Json(json!({ "deleted": true })).into_response());
    }
    let active: i64 = db
        .prepare_cached("SELECT COUNT(*) FROM keys WHERE workspace_id = ?1 AND disabled = 0")?
        .query_row([&ws.id], |r| r.get(0))?;
    if active > 0 {
        return Err(ApiError::bad_request(format!(
            "workspace {:?} has {active} active API key(s); delete or disable them first",
            ws.slug
        )));
    }
    let tx = db.transaction()?;
    crate::activity::retire_usage(&tx, "workspace_id = ?1", &ws.id)?;
    tx.execute("DELETE FROM keys WHERE workspace_id = ?1", [&ws.id])?;
    tx.execute("DELETE FROM budgets WHERE workspace_id = ?1", [&ws.id])?;
    tx.execute("DELETE FROM members WHERE workspace_id = ?1", [&ws.id])?;
    crate::guardrails::delete_workspace(&tx, &ws.id)?;
    tx.execute("DELETE FROM workspaces WHERE id = ?1", [&ws.id])?;
    tx.commit()?;
    Ok(Json(json!({ "deleted": true })).into_response())
}

// ---------------------------------------------------------------- members

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
            "SELECT m.id, m.user_id, u.role, m.created_at FROM members m JOIN users u ON u.id = m.user_id \
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
pub async fn list_members(
    State(state): State<Shared>,
    path: PathParams,
    q: QueryParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let offset = q.int("offset", 0, 0, i64::MAX, true)?;
    let limit = q.int("limit", 50, 1, 100, false)?;
    let total: i64 = if ws.is_default {
        db.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?
    } else {
        db.prepare_cached("SELECT COUNT(*) FROM members WHERE workspace_id = ?1")?
            .query_row([&ws.id], |r| r.get(0))?
    };
    let data = members_of(&db, &ws, None, offset, limit)?;
    Ok(Json(json!({ "data": data, "total_count": total })).into_response())
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
    let mut unique = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    Ok(unique)
}

/// `POST /workspaces/{id}/members/add`
pub async fn add_members(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let ids = user_ids(&body?)?;
    for (i, id) in ids.iter().enumerate() {
        let known: Option<i64> = db
            .prepare_cached("SELECT seq FROM users WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if known.is_none() {
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
pub async fn remove_members(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
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
            removed += tx
                .prepare_cached("DELETE FROM members WHERE workspace_id = ?1 AND user_id = ?2")?
                .execute(params![ws.id, id])?;
        }
        tx.commit()?;
    }
    Ok(Json(json!({ "removed_count": removed })).into_response())
}

/// `GET /organization/members`
pub async fn list_org_members(
    State(state): State<Shared>,
    q: QueryParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let offset = q.int("offset", 0, 0, i64::MAX, true)?;
    let limit = q.int("limit", 50, 1, 100, false)?;
    let total: i64 = db.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
    let data = db
        .prepare_cached(
            "SELECT id, first_name, last_name, email, role FROM users ORDER BY seq LIMIT ?1 OFFSET ?2",
        )?
        .query_map(params![limit, offset], |r| {
            let role: String = r.get(4)?;
            Ok(json!({
                "id": r.get::<_, String>(0)?,
                "first_name": r.get::<_, Option<String>>(1)?,
                "last_name": r.get::<_, Option<String>>(2)?,
                "email": r.get::<_, String>(3)?,
                "role": format!("org:{role}"),
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({ "data": data, "total_count": total })).into_response())
}

// ---------------------------------------------------------------- budgets

const INTERVALS: [&str; 4] = ["daily", "weekly", "monthly", "lifetime"];

fn interval_rank(s: &str) -> ApiResult<usize> {
    INTERVALS.iter().position(|i| *i == s).ok_or_else(|| {
        ApiError::bad_request(format!(
            "interval: {s:?} must be one of daily, weekly, monthly, lifetime"
        ))
    })
}

struct Budget {
    id: String,
    workspace_id: String,
    interval: String,
    limit_usd: f64,
    created_at: String,
    updated_at: String,
}

impl Budget {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "workspace_id": self.workspace_id,
            "limit_usd": self.limit_usd,
            "reset_interval": if self.interval == "lifetime" { None } else { Some(&self.interval) },
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}

fn budgets_of(db: &Connection, ws_id: &str) -> ApiResult<Vec<Budget>> {
    let mut v = db
        .prepare_cached(
            "SELECT id, workspace_id, interval, limit_usd, created_at, updated_at FROM budgets WHERE workspace_id = ?1",
        )?
        .query_map([ws_id], |r| {
            Ok(Budget {
                id: r.get(0)?,
                workspace_id: r.get(1)?,
                interval: r.get(2)?,
                limit_usd: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    v.sort_by_key(|b| interval_rank(&b.interval).unwrap_or(usize::MAX));
    Ok(v)
}

/// `GET /workspaces/{id}/budgets`
pub async fn list_budgets(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let data: Vec<Value> = budgets_of(&db, &ws.id)?
        .iter()
        .map(Budget::to_json)
        .collect();
    Ok(
        Json(json!({ "data": data, "include_byok_in_budgets": ws.include_byok_in_budgets }))
            .into_response(),
    )
}

/// `GET /workspaces/{id}/budgets/{interval}`
pub async fn get_budget(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let interval = path.at(1);
    interval_rank(interval)?;
    let budget = budgets_of(&db, &ws.id)?
        .into_iter()
        .find(|b| b.interval == interval)
        .ok_or_else(|| {
            ApiError::not_found(format!("no {interval} budget in workspace {:?}", ws.slug))
        })?;
    Ok(Json(
        json!({ "data": budget.to_json(), "include_byok_in_budgets": ws.include_byok_in_budgets }),
    )
    .into_response())
}

/// `PUT /workspaces/{id}/budgets/{interval}`
pub async fn put_budget(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let mut db = state.db();
    let mut ws = find_workspace(&db, path.at(0))?;
    let interval = path.at(1).to_owned();
    let rank = interval_rank(&interval)?;
    let body = body?;
    let limit = body
        .number("limit_usd")?
        .not_null("limit_usd")?
        .ok_or_else(|| ApiError::bad_request("limit_usd: required"))?;
    if limit <= 0.0 {
        return Err(ApiError::bad_request(format!(
            "limit_usd: must be greater than 0, got {limit}"
        )));
    }
    let include_byok = body
        .boolean("include_byok_in_budgets")?
        .not_null("include_byok_in_budgets")?;
    let existing = budgets_of(&db, &ws.id)?;
    for other in existing.iter().filter(|b| b.interval != interval) {
        let other_rank = interval_rank(&other.interval)?;
        let ok = if other_rank < rank {
            other.limit_usd < limit
        } else {
            other.limit_usd > limit
        };
        if !ok {
            let relation = if other_rank < rank { "greater" } else { "less" };
            return Err(ApiError::bad_request(format!(
                "limit_usd: the {interval} budget ({limit}) must be {relation} than the {} budget ({}); budgets must strictly shrink lifetime > monthly > weekly > daily",
                other.interval, other.limit_usd
            )));
        }
    }
    let stamp = now();
    let budget = match existing.into_iter().find(|b| b.interval == interval) {
        Some(mut b) => {
            b.limit_usd = limit;
            b.updated_at = stamp.clone();
            b
        }
        None => Budget {
            id: uuid::Uuid::new_v4().to_string(),
            workspace_id: ws.id.clone(),
            interval: interval.clone(),
            limit_usd: limit,
            created_at: stamp.clone(),
            updated_at: stamp.clone(),
        },
    };
    let tx = db.transaction()?;
    tx.execute(
        "INSERT INTO budgets (id, workspace_id, interval, limit_usd, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6) \
         ON CONFLICT (workspace_id, interval) DO UPDATE SET limit_usd = excluded.limit_usd, updated_at = excluded.updated_at",
        params![budget.id, budget.workspace_id, budget.interval, budget.limit_usd, budget.created_at, budget.updated_at],
    )?;
    if let Some(flag) = include_byok {
        if flag != ws.include_byok_in_budgets {
            ws.include_byok_in_budgets = flag;
            ws.updated_at = Some(stamp);
            ws.update(&tx)?;
        }
    }
    tx.commit()?;
    Ok(Json(
        json!({ "data": budget.to_json(), "include_byok_in_budgets": ws.include_byok_in_budgets }),
    )
    .into_response())
}

/// `DELETE /workspaces/{id}/budgets/{interval}`
pub async fn delete_budget(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let ws = find_workspace(&db, path.at(0))?;
    let interval = path.at(1);
    interval_rank(interval)?;
    let n = db
        .prepare_cached("DELETE FROM budgets WHERE workspace_id = ?1 AND interval = ?2")?
        .execute(params![ws.id, interval])?;
    if n == 0 {
        return Err(ApiError::not_found(format!(
            "no {interval} budget in workspace {:?}",
            ws.slug
        )));
    }
    Ok(Json(json!({ "deleted": true })).into_response())
}

// ---------------------------------------------------------------- keys

/// `GET /key`: any valid key may ask about itself.
pub async fn current_key(State(state): State<Shared>, caller: Caller) -> ApiResult<Response> {
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
            "rate_limit": store::deprecated_rate_limit(),
            "organization_id": store::ORGANIZATION_ID,
            // A management key belongs to the organization, not to one workspace.
            "workspace_id": null,
            "allowed_data_regions": store::ALLOWED_DATA_REGIONS,
            "free_model_daily_requests": store::free_model_daily_requests(),
        }),
    };
    Ok(Json(json!({ "data": data })).into_response())
}

/// `GET /keys`: fixed pages of 100, Default workspace unless `workspace_id` is given.
pub async fn list_keys(
    State(state): State<Shared>,
    q: QueryParams,
    _: Management,
) -> ApiResult<Response> {
    let rows = {
        let db = state.db();
        list_key_rows(&db, &q)?
    };
    // Serialized after the lock is released, so the other core can query meanwhile.
    let data: Vec<store::KeyView<'_>> = rows.iter().map(KeyRow::view).collect();
    Ok(Json(KeysPage { data }).into_response())
}

#[derive(serde::Serialize)]
struct KeysPage<'a> {
    data: Vec<store::KeyView<'a>>,
}

fn list_key_rows(db: &Connection, q: &QueryParams) -> ApiResult<Vec<KeyRow>> {
    let offset = q.int("offset", 0, 0, i64::MAX, true)?;
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
pub async fn create_key(
    State(state): State<Shared>,
    _: Management,
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
            let known: Option<i64> = db
                .prepare_cached("SELECT seq FROM users WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))
                .optional()?;
            if known.is_none() {
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
pub async fn get_key(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let key = key_or_404(&db, path.at(0))?;
    Ok(Json(json!({ "data": key.to_json() })).into_response())
}

/// `PATCH /keys/{hash}`
pub async fn update_key(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
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
    match parse_limit(&body)? {
        Field::Absent => {}
        f => {
            key.limit = f.into_option();
            changed = true;
        }
    }
    match parse_limit_reset(&body)? {
        Field::Absent => {}
        f => {
            key.limit_reset = f.into_option();
            changed = true;
        }
    }
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
    Ok(Json(json!({ "data": key.to_json() })).into_response())
}

/// `DELETE /keys/{hash}`
pub async fn delete_key(
    State(state): State<Shared>,
    path: PathParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let key = key_or_404(&db, path.at(0))?;
    crate::activity::retire_usage(&db, "hash = ?1", &key.hash)?;
    db.prepare_cached("DELETE FROM keys WHERE hash = ?1")?
        .execute([&key.hash])?;
    crate::guardrails::delete_key(&db, &key.hash)?;
    Ok(Json(json!({ "deleted": true })).into_response())
}
