//! `/workspaces` and `/workspaces/{id}`: the handlers and a workspace body's rules (the row
//! and its queries are `store::WorkspaceRow`; what goes with a deleted one is `cascade.rs`).

use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::{Connection, OptionalExtension};

use crate::answer;
use crate::auth::Management;
use crate::cascade;
use crate::error::{ApiError, ApiResult};
use crate::input::{char_len, is_uuid, Field, JsonObject, PathParams, QueryParams};
use crate::store::{self, find_workspace, now, WorkspaceRow, WORKSPACE_COLS};

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `GET /workspaces`
pub async fn list(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let db = state.db();
    let (data, total) = answer::page(
        &db,
        WORKSPACE_COLS,
        "workspaces",
        "seq",
        &[],
        q.page()?,
        |r| Ok(WorkspaceRow::from_row(r)?.to_json()),
    )?;
    Ok(answer::list(data, total))
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
    let description = body.string("description")?;
    if let Field::Value(d) = &description {
        let n = char_len(d);
        if n > 500 {
            return Err(ApiError::bad_request(format!(
                "description: must be at most 500 characters, got {n}"
            )));
        }
    }
    changed |= description.write(&mut ws.description);
    for (name, slot) in [
        ("default_text_model", &mut ws.default_text_model),
        ("default_image_model", &mut ws.default_image_model),
        ("default_provider_sort", &mut ws.default_provider_sort),
    ] {
        let field = body.string(name)?;
        if let Field::Value(v) = &field {
            if char_len(v) > 200 {
                return Err(ApiError::bad_request(format!(
                    "{name}: must be at most 200 characters"
                )));
            }
        }
        changed |= field.write(slot);
    }
    changed |= body
        .int_array("io_logging_api_key_ids")?
        .write(&mut ws.io_logging_api_key_ids);
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
pub async fn create(
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let db = state.db();
    let body = body?;
    for required in ["name", "slug"] {
        if !body.0.contains_key(required) {
            return Err(ApiError::bad_request(format!("{required}: required")));
        }
    }
    let mut ws = WorkspaceRow::new(
        uuid::Uuid::new_v4().to_string(),
        "",
        "",
        now(),
        store::first_admin(&db)?,
    );
    apply_workspace_fields(&db, &mut ws, &body)?;
    ws.save(&db)?;
    Ok(answer::created(ws.to_json()))
}

/// `GET /workspaces/{id}`
pub async fn get(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    Ok(answer::data(
        find_workspace(&state.db(), path.at(0))?.to_json(),
    ))
}

/// `PATCH /workspaces/{id}`
pub async fn update(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let db = state.db();
    let mut ws = find_workspace(&db, path.at(0))?;
    let body = body?;
    if apply_workspace_fields(&db, &mut ws, &body)? {
        ws.updated_at = Some(now());
        ws.save(&db)?;
    }
    Ok(answer::data(ws.to_json()))
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
pub async fn delete(
    path: PathParams,
    q: QueryParams,
    Management(state): Management,
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
        cascade::workspace(&tx, &ws)?;
        tx.commit()?;
        return Ok(answer::deleted());
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
    cascade::workspace(&tx, &ws)?;
    tx.commit()?;
    Ok(answer::deleted())
}
