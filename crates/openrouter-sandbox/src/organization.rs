//! `/organization/members`: the organization's people, with their organization role.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::params;
use serde_json::json;

use crate::auth::Management;
use crate::error::ApiResult;
use crate::input::{Page, QueryParams};
use crate::state::Shared;

/// `GET /organization/members`
pub async fn members(
    State(state): State<Shared>,
    q: QueryParams,
    _: Management,
) -> ApiResult<Response> {
    let db = state.db();
    let Page { offset, limit } = q.page()?;
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
