//! What a handler answers, written once: the envelopes every route shares (`{"data": …}`, 201
//! for a create, `{"deleted": true}`) and a list's page (`{"data": [...], "total_count": n}`)
//! read from the store in one place, so that every list pages the same way.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::types::ToSql;
use rusqlite::{params_from_iter, Connection, Row};
use serde::Serialize;
use serde_json::json;

use crate::error::ApiResult;
use crate::input::Page;

/// `200 {"data": data}`.
pub fn data(data: impl Serialize) -> Response {
    Json(json!({ "data": data })).into_response()
}

/// `201 {"data": data}`: what a create answers.
pub fn created(data: impl Serialize) -> Response {
    (StatusCode::CREATED, Json(json!({ "data": data }))).into_response()
}

/// `200 {"deleted": true}`.
pub fn deleted() -> Response {
    Json(json!({ "deleted": true })).into_response()
}

/// `200 {"data": data, "total_count": total}`: a list's page.
pub fn list(data: impl Serialize, total: i64) -> Response {
    Json(json!({ "data": data, "total_count": total })).into_response()
}

/// One page of what `from` selects (`table [alias] [JOIN …] WHERE …`, its parameters `args`
/// bound as `?1…`) in `order` (a list pages in insertion order: `seq`), each row read by `row`;
/// and the count of all of them.
pub fn page<T>(
    db: &Connection,
    cols: &str,
    from: &str,
    order: &str,
    args: &[&dyn ToSql],
    Page { offset, limit }: Page,
    row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> ApiResult<(Vec<T>, i64)> {
    let total: i64 = db
        .prepare_cached(&format!("SELECT COUNT(*) FROM {from}"))?
        .query_row(params_from_iter(args), |r| r.get(0))?;
    let (l, o) = (args.len() + 1, args.len() + 2);
    let rows = db
        .prepare_cached(&format!(
            "SELECT {cols} FROM {from} ORDER BY {order} LIMIT ?{l} OFFSET ?{o}"
        ))?
        .query_map(
            params_from_iter(args.iter().copied().chain([&limit as &dyn ToSql, &offset])),
            row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((rows, total))
}
