//! Native unit tests through `MockTransport`: one binary (async-stripe style).
#![cfg(not(target_arch = "wasm32"))]

mod analytics;
mod errors;
mod findings;
mod guardrails;
mod keys;
mod members;
mod orgfile;
mod pagination;
mod reconcile;
mod requests;
mod retries;
mod snapshot;

use openrouter_admin::mock::{MockReply, MockTransport};
use openrouter_admin::Client;
use serde_json::{json, Value};

pub const KEY: &str = "sk-or-v1-0000000000000000000000000000000000000000000000000000000000000001";

pub fn client(mock: MockTransport) -> Client<MockTransport> {
    mock.expect_key(KEY);
    Client::builder()
        .api_key(KEY)
        .base_url("http://sandbox.test/api/v1/")
        .transport(mock)
        .build()
        .expect("client")
}

/// [`client`] over a mock that gives `replies`, in order.
pub fn client_of<const N: usize>(replies: [MockReply; N]) -> Client<MockTransport> {
    let mock = MockTransport::new();
    for reply in replies {
        mock.push(reply);
    }
    client(mock)
}

/// A client at the default base URL over `mock` that retries `n` times.
pub fn retrying(mock: MockTransport, n: u32) -> Client<MockTransport> {
    Client::builder()
        .api_key(KEY)
        .max_retries(n)
        .transport(mock)
        .build()
        .expect("client")
}

pub fn ok(body: Value) -> MockReply {
    MockReply::json(200, body.to_string())
}

pub fn err(status: u16, message: &str) -> MockReply {
    MockReply::json(
        status,
        json!({"error": {"code": status, "message": message}}).to_string(),
    )
}

pub fn workspace(id: &str, slug: &str) -> Value {
    json!({
        "id": id, "default_guardrail_id": "g", "name": slug, "slug": slug, "description": null,
        "default_text_model": null, "default_image_model": null, "default_provider_sort": null,
        "is_observability_io_logging_enabled": false, "is_observability_broadcast_enabled": false,
        "is_data_discount_logging_enabled": true, "io_logging_sampling_rate": 1,
        "io_logging_api_key_ids": null, "created_at": "2025-08-24T10:30:00Z", "updated_at": null,
        "created_by": "user_1"
    })
}

pub fn api_key(hash: &str, name: &str) -> Value {
    json!({
        "hash": hash, "name": name, "label": "sk-or-v1-abc...123", "disabled": false,
        "limit": 50, "limit_remaining": 50, "limit_reset": "monthly", "include_byok_in_limit": true,
        "usage": 0, "usage_daily": 0, "usage_weekly": 0, "usage_monthly": 0, "byok_usage": 0,
        "byok_usage_daily": 0, "byok_usage_weekly": 0, "byok_usage_monthly": 0,
        "created_at": "2025-08-24T10:30:00Z", "updated_at": null, "creator_user_id": "user_1",
        "workspace_id": "ws-1", "expires_at": "2027-12-31T23:59:59Z"
    })
}

pub fn member(user: &str) -> Value {
    json!({"id": format!("m-{user}"), "workspace_id": "ws-1", "user_id": user, "role": "member", "created_at": "2025-08-24T10:30:00Z"})
}

pub use openrouter_admin::mock::block_on;
