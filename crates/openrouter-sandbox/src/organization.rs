//! `/organization/members`: the organization's people, with their organization role.

use axum::response::Response;
use serde_json::json;

use crate::answer;
use crate::auth::Management;
use crate::error::ApiResult;
use crate::input::QueryParams;

/// `GET /organization/members`
pub async fn members(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let db = state.db();
    let cols = "id, first_name, last_name, email, role";
    let (data, total) = answer::page(&db, cols, "users", "seq", &[], q.page()?, |r| {
        let role: String = r.get(4)?;
        Ok(json!({
                "id": r.get::<_, String>(0)?,
                "first_name": r.get::<_, Option<String>>(1)?,
                "last_name": r.get::<_, Option<String>>(2)?,
                "email": r.get::<_, String>(3)?,
                "role": format!("org:{role}"),
        }))
    })?;
    Ok(answer::list(data, total))
}
