//! `POST /generation/feedback`: feedback on a generation the demo made.
//!
//! The sandbox serves no inference, so its generations are the ids the demo seeds
//! (`seed_scim::DEMO_GENERATIONS`, the first the spec's own example); any other id is a 404. Feedback is
//! kept (a test can count it) and limited to [`PER_MINUTE`] on one generation in a minute, the
//! next a 429 with `Retry-After`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, OptionalExtension};

use crate::answer;
use crate::auth::Management;
use crate::error::{ApiError, ApiResult};
use crate::input::{char_len, JsonObject};
use crate::store::now;

/// The categories the spec lists (its enum; `tests` holds them to it).
pub const CATEGORIES: &[&str] = &[
    "latency",
    "incoherence",
    "incorrect_response",
    "formatting",
    "billing",
    "api_error",
    "other",
];

/// How many feedbacks one generation takes in a minute.
pub const PER_MINUTE: i64 = 5;

/// A comment's most characters.
pub const MAX_COMMENT: usize = 1_000;

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// `POST /generation/feedback`: `{"data": {"success": true}}`.
pub async fn submit(
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let body = body?;
    let mut errors = Vec::new();
    let id = body.string("generation_id")?.not_null("generation_id")?;
    match &id {
        None => errors.push("generation_id: required".to_owned()),
        Some(s) if s.is_empty() => errors.push("generation_id: must not be empty".to_owned()),
        Some(_) => {}
    }
    let category = body.string("category")?.not_null("category")?;
    match &category {
        None => errors.push(format!(
            "category: required, one of {}",
            CATEGORIES.join(", ")
        )),
        Some(c) if !CATEGORIES.contains(&c.as_str()) => errors.push(format!(
            "category: must be one of {}, got {c:?}",
            CATEGORIES.join(", ")
        )),
        Some(_) => {}
    }
    let comment = body.string("comment")?.not_null("comment")?;
    if let Some(c) = &comment {
        if char_len(c) > MAX_COMMENT {
            errors.push(format!(
                "comment: at most {MAX_COMMENT} characters, got {}",
                char_len(c)
            ));
        }
    }
    let (Some(id), Some(category), true) = (id, category, errors.is_empty()) else {
        return Err(ApiError::bad_request(errors.join("; ")));
    };
    let db = state.db();
    let known: Option<i64> = db
        .prepare_cached("SELECT seq FROM generations WHERE id = ?1")?
        .query_row([&id], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        return Err(ApiError::not_found(format!(
            "generation_id: generation {id:?} not found"
        )));
    }
    let at = unix_now();
    let (recent, oldest): (i64, Option<i64>) = db
        .prepare_cached(
            "SELECT COUNT(*), MIN(sent_unix) FROM generation_feedback \
             WHERE generation_id = ?1 AND sent_unix > ?2",
        )?
        .query_row(params![id, at - 60], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if recent >= PER_MINUTE {
        let wait = (oldest.unwrap_or(at) + 60 - at).max(1);
        let mut resp = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "Rate limit exceeded: at most {PER_MINUTE} feedbacks on one generation a minute"
            ),
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(resp);
    }
    db.prepare_cached(
        "INSERT INTO generation_feedback (generation_id, category, comment, created_at, sent_unix) \
         VALUES (?1,?2,?3,?4,?5)",
    )?
    .execute(params![id, category, comment, now(), at])?;
    Ok(answer::data(serde_json::json!({ "success": true })))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    fn spec() -> serde_json::Value {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../openapi/openrouter-management.yaml"
        ))
        .expect("read the spec");
        serde_norway::from_str(&text).expect("parse the spec")
    }

    /// The categories and the comment limit are the spec's; so are the analytics names the
    /// spec's enums list (granularities and operators).
    #[test]
    fn closed_lists_are_the_specs() {
        let spec = spec();
        let body = &spec["components"]["schemas"]["SubmitGenerationFeedbackRequest"]["properties"];
        let categories: Vec<&str> = body["category"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(categories, super::CATEGORIES);
        assert_eq!(body["comment"]["maxLength"], super::MAX_COMMENT);
        let meta = &spec["paths"]["/analytics/meta"]["get"]["responses"]["200"]["content"]
            ["application/json"]["schema"]["properties"]["data"]["properties"];
        let names = |list: &str| -> Vec<String> {
            meta[list]["items"]["properties"]["name"]["enum"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        let ours = |list: &[(&str, &str)]| -> Vec<String> {
            list.iter().map(|(n, _)| (*n).to_owned()).collect()
        };
        use crate::analytics_query::{GRANULARITIES, OPERATORS};
        assert_eq!(names("granularities"), ours(GRANULARITIES));
        assert_eq!(names("operators"), ours(OPERATORS));
    }
}
