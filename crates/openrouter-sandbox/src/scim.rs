//! `/scim/groups`, `/scim/group-mappings` and `/{id}`, `/scim/sync-jobs` and `/{id}`: the
//! identity provider's groups, their mappings to workspaces (which really change who is in a
//! workspace and with which role: `scim_rows.rs` has the rule), and sync jobs.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::{is_uuid, JsonObject, PathParams, QueryParams};
use crate::scim_rows::{
    reconcile, take_meta, GroupRow, JobRow, MappingRow, Orphans, FAIL_NEXT_SYNC, GROUP_COLS,
    MAPPING_COLS,
};
use crate::store::{find, lookup, now, WorkspaceRow};

/// `GET /scim/groups`
pub async fn list_groups(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let page = q.page()?;
    let db = state.db();
    let (data, total) = answer::page(&db, GROUP_COLS, "scim_groups", "seq", &[], page, |r| {
        Ok(GroupRow::from_row(r)?.to_json())
    })?;
    Ok(answer::list(data, total))
}

/// `GET /scim/group-mappings`
pub async fn list_mappings(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let page = q.page()?;
    let db = state.db();
    let (data, total) = answer::page(&db, MAPPING_COLS, "scim_mappings", "seq", &[], page, |r| {
        Ok(MappingRow::from_row(r)?.to_json())
    })?;
    Ok(answer::list(data, total))
}

/// `role`: `admin` or `member`, required.
fn role(body: &JsonObject) -> ApiResult<String> {
    let role = body
        .string("role")?
        .not_null("role")?
        .ok_or_else(|| ApiError::bad_request("role: required (admin or member)"))?;
    if role != "admin" && role != "member" {
        return Err(ApiError::bad_request(format!(
            "role: must be \"admin\" or \"member\", got {role:?}"
        )));
    }
    Ok(role)
}

/// A required UUID field of a body.
fn uuid_field(body: &JsonObject, name: &str) -> ApiResult<String> {
    let v = body
        .string(name)?
        .not_null(name)?
        .ok_or_else(|| ApiError::bad_request(format!("{name}: required")))?;
    if !is_uuid(&v) {
        return Err(ApiError::bad_request(format!(
            "{name}: {v:?} is not a UUID"
        )));
    }
    Ok(v)
}

/// A path id that is not a UUID names nothing: 404, as for any id not found.
fn path_uuid<'a>(path: &'a PathParams, noun: &str) -> ApiResult<&'a str> {
    let id = path.at(0);
    if !is_uuid(id) {
        return Err(ApiError::not_found(format!("{noun} {id:?} not found")));
    }
    Ok(id)
}

/// `POST /scim/group-mappings`: 201 with the mapping; the same mapping again answers 201 and
/// re-applies it (the official SDK accepts nothing else); another role for it is a 409.
pub async fn create_mapping(
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let body = body?;
    let mut errors = Vec::new();
    let group = uuid_field(&body, "scim_group_id").map_err(|e| errors.push(e));
    let workspace = uuid_field(&body, "workspace_id").map_err(|e| errors.push(e));
    let role = role(&body).map_err(|e| errors.push(e));
    let (Ok(group), Ok(workspace), Ok(role)) = (group, workspace, role) else {
        return Err(join(errors));
    };
    let mut db = state.db();
    let tx = db.transaction()?;
    let _: GroupRow = find(&tx, &group).map_err(|e| e.prefixed("scim_group_id: "))?;
    let ws: Option<WorkspaceRow> = lookup(&tx, &workspace)?;
    if ws.is_none() {
        return Err(ApiError::not_found(format!(
            "workspace_id: workspace {workspace:?} not found"
        )));
    }
    let mapping = match MappingRow::of(&tx, &group, &workspace)? {
        Some(m) if m.role == role => m,
        Some(m) => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!(
                    "role: this group is already mapped to this workspace as {:?} (mapping {}); change its role with PATCH",
                    m.role, m.id
                ),
            ))
        }
        None => {
            let at = now();
            let m = MappingRow {
                id: uuid::Uuid::new_v4().to_string(),
                scim_group_id: group,
                workspace_id: workspace.clone(),
                role,
                created_at: at.clone(),
                updated_at: at,
            };
            m.save(&tx)?;
            m
        }
    };
    reconcile(&tx, &workspace, Orphans::Remove, &now())?;
    tx.commit()?;
    Ok(answer::created(mapping.to_json()))
}

fn join(errors: Vec<ApiError>) -> ApiError {
    let message: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
    ApiError::bad_request(message.join("; "))
}

/// `GET /scim/group-mappings/{id}`
pub async fn get_mapping(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let id = path_uuid(&path, "SCIM group mapping")?;
    let row: MappingRow = find(&state.db(), id)?;
    Ok(answer::data(row.to_json()))
}

/// `PATCH /scim/group-mappings/{id}`: only the role changes; the workspace's SCIM members
/// get the highest role their groups now grant.
pub async fn update_mapping(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let id = path_uuid(&path, "SCIM group mapping")?;
    let body = body?;
    for fixed in ["scim_group_id", "workspace_id"] {
        if body.0.contains_key(fixed) {
            return Err(ApiError::bad_request(format!(
                "{fixed}: a mapping's group and workspace cannot change; delete it and create another"
            )));
        }
    }
    let role = role(&body)?;
    let mut db = state.db();
    let tx = db.transaction()?;
    let mut row: MappingRow = find(&tx, id)?;
    if row.role != role {
        row.role = role;
        row.updated_at = now();
        row.save(&tx)?;
    }
    reconcile(&tx, &row.workspace_id, Orphans::Remove, &now())?;
    tx.commit()?;
    Ok(answer::data(row.to_json()))
}

/// `DELETE /scim/group-mappings/{id}?keep_members=true|false`: no default, so the destructive
/// choice is never made by omission. `true` keeps the access it granted as manual
/// memberships; `false` removes the access that came only from it. `{"deleted": true}`.
pub async fn delete_mapping(
    path: PathParams,
    q: QueryParams,
    Management(state): Management,
) -> ApiResult<Response> {
    let id = path_uuid(&path, "SCIM group mapping")?;
    let orphans = match q.string("keep_members").as_deref() {
        Some("true") => Orphans::Keep,
        Some("false") => Orphans::Remove,
        None => {
            return Err(ApiError::bad_request(
                "keep_members: required, true (keep the members as manual ones) or false (remove the access that came only from this mapping)",
            ))
        }
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "keep_members: must be true or false, got {other:?}"
            )))
        }
    };
    let mut db = state.db();
    let tx = db.transaction()?;
    let row: MappingRow = find(&tx, id)?;
    crate::store::delete::<MappingRow>(&tx, id)?;
    reconcile(&tx, &row.workspace_id, orphans, &now())?;
    tx.commit()?;
    Ok(answer::deleted())
}

/// `POST /scim/sync-jobs`: 202 with the job, queued; reading it moves it on
/// ([`JobRow::advance`]).
pub async fn create_sync_job(Management(state): Management) -> ApiResult<Response> {
    let mut db = state.db();
    let tx = db.transaction()?;
    let job = JobRow {
        id: uuid::Uuid::new_v4().to_string(),
        status: "queued".to_owned(),
        created_at: now(),
        started_at: None,
        finished_at: None,
        synced_groups: None,
        deleted_groups: None,
        error_message: None,
        fail_with: take_meta(&tx, FAIL_NEXT_SYNC)?,
    };
    job.save(&tx)?;
    tx.commit()?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "data": job.to_json() }))).into_response())
}

/// `GET /scim/sync-jobs/{id}`
pub async fn get_sync_job(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let id = path_uuid(&path, "SCIM sync job")?;
    let mut db = state.db();
    let tx = db.transaction()?;
    let mut job: JobRow = find(&tx, id)?;
    // Each read is one step on: the create answered queued, a poller then sees running, then
    // the end.
    job.advance(&tx)?;
    tx.commit()?;
    Ok(answer::data(job.to_json()))
}
