//! Who is calling: the bearer key read once, by an axum extractor, instead of by every handler.
//!
//! Handlers of management routes take a [`Management`] argument (which also hands them the state); `GET /key`, which any valid
//! key may call, takes a [`Caller`]. Put either after the path and query extractors and before
//! the body: a malformed path or query string is then still answered before a missing key, and
//! a bad key before a bad body, as OpenRouter does.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::error::{ApiError, ApiResult};
use crate::key_rows::{find_key, KeyRow};
use crate::state::{AppState, Shared};
use crate::store::{now, sha256_hex};

/// The caller of a request: the management key, or an ordinary API key in good standing.
pub enum Caller {
    /// The sandbox's management key.
    Management,
    /// An ordinary key: enabled and not expired.
    Key(Box<KeyRow>),
}

/// Proof that a request carries the management key (anything else is rejected with 401 or
/// 403), holding the state it manages: a management handler takes `Management(state)` and
/// needs no `State` extractor of its own.
#[derive(Clone)]
pub struct Management(pub Shared);

impl FromRequestParts<Shared> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> ApiResult<Self> {
        authenticate(state, parts)
    }
}

impl FromRequestParts<Shared> for Management {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> ApiResult<Self> {
        match authenticate(state, parts)? {
            Caller::Management => Ok(Management(state.clone())),
            Caller::Key(_) => Err(ApiError::management_only()),
        }
    }
}

fn authenticate(state: &AppState, parts: &Parts) -> ApiResult<Caller> {
    // Two keys leave it ambiguous who is calling; taking the first would let a proxy's
    // header silently decide, so the request is refused instead.
    if parts.headers.get_all(AUTHORIZATION).iter().nth(1).is_some() {
        return Err(ApiError::bad_request(
            "Authorization: sent more than once; send a single `Bearer <key>` header",
        ));
    }
    let raw = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or_else(|| ApiError::unauthorized("Missing Authentication header"))?;
    let raw = raw
        .to_str()
        .map_err(|_| ApiError::unauthorized("Authorization header is not valid text"))?;
    let token = match raw.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => {
            return Err(ApiError::unauthorized(
                "Authorization header must be `Bearer <key>`",
            ))
        }
    };
    if token.is_empty() {
        return Err(ApiError::unauthorized("Missing Authentication header"));
    }
    let hash = sha256_hex(token);
    if hash == state.management_hash {
        return Ok(Caller::Management);
    }
    // Only an ordinary key needs the database; the lock is released before the handler takes it.
    let key =
        find_key(&state.db(), &hash)?.ok_or_else(|| ApiError::unauthorized("Invalid API key"))?;
    if key.disabled {
        return Err(ApiError::unauthorized("API key is disabled"));
    }
    if key
        .expires_at
        .as_deref()
        .is_some_and(|exp| exp <= now().as_str())
    {
        return Err(ApiError::unauthorized("API key has expired"));
    }
    Ok(Caller::Key(Box::new(key)))
}
