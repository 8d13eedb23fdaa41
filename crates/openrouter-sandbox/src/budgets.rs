//! `/workspaces/{id}/budgets` and `/{interval}`: a workspace's spend budgets, which must
//! strictly shrink lifetime > monthly > weekly > daily.

use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::{JsonObject, PathParams};
use crate::store::{find_workspace, now};

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
pub async fn list(path: PathParams, Management(state): Management) -> ApiResult<Response> {
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
pub async fn get(path: PathParams, Management(state): Management) -> ApiResult<Response> {
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
pub async fn put(
    path: PathParams,
    Management(state): Management,
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
            ws.save(&tx)?;
        }
    }
    tx.commit()?;
    Ok(Json(
        json!({ "data": budget.to_json(), "include_byok_in_budgets": ws.include_byok_in_budgets }),
    )
    .into_response())
}

/// `DELETE /workspaces/{id}/budgets/{interval}`
pub async fn delete(path: PathParams, Management(state): Management) -> ApiResult<Response> {
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
    Ok(answer::deleted())
}
