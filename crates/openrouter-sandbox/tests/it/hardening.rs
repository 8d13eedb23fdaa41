//! The sandbox as a server other tools point at: ambiguous credentials, numbers at the edge
//! of what JSON carries, oversized heads and clients that stall (issue 11, point 5).

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, Sb, MGMT};

#[tokio::test]
async fn two_authorization_headers_are_refused_with_400() {
    let sb = Sb::start().await;
    let resp = sb
        .http
        .get(sb.api("/key"))
        .header("authorization", format!("Bearer {MGMT}"))
        .header("authorization", "Bearer sk-or-v1-someone-else")
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    assert_eq!(
        resp.headers()
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes()),
        Some(&b"*"[..])
    );
    let v: Value = resp.json().await.unwrap();
    assert_error(&(status, v), 400, "Authorization");
    // The same pair on a management route, twice the same key: still ambiguous, still 400.
    let resp = sb
        .http
        .get(sb.api("/workspaces"))
        .header("authorization", format!("Bearer {MGMT}"))
        .header("authorization", format!("Bearer {MGMT}"))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let v: Value = resp.json().await.unwrap();
    assert_error(&(status, v), 400, "more than once");
}

/// The largest finite double, one near where `limit_remaining` used to overflow, and a
/// merely huge one: each must come back as itself, with a finite `limit_remaining`.
const EDGES: [f64; 3] = [f64::MAX, 1e304, 1e300];

#[track_caller]
fn assert_remaining_is_finite(key: &Value, limit: f64) {
    assert_eq!(key["limit"].as_f64(), Some(limit), "{key}");
    let remaining = key["limit_remaining"]
        .as_f64()
        .unwrap_or_else(|| panic!("limit_remaining must be a number: {key}"));
    assert!(remaining.is_finite() && remaining > 0.0, "{key}");
    // Spend of a few dollars vanishes at this magnitude: what remains is the limit.
    assert_eq!(remaining, limit, "{key}");
}

#[tokio::test]
async fn limit_remaining_stays_a_number_up_to_the_largest_double() {
    let sb = Sb::start().await;
    for limit in EDGES {
        let (s, v) = sb
            .post(
                "/keys",
                json!({"name": format!("edge {limit:e}"), "limit": limit}),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        assert_remaining_is_finite(&v["data"], limit);
        let hash = v["data"]["hash"].as_str().unwrap().to_owned();
        // Read back from the store, and through GET /key as the key itself.
        let (s, g) = sb.get(&format!("/keys/{hash}")).await;
        assert_eq!(s, 200, "{g}");
        assert_remaining_is_finite(&g["data"], limit);
        let secret = v["key"].as_str().unwrap();
        let (s, me) = sb.call_as(Some(secret), Method::GET, "/key", None).await;
        assert_eq!(s, 200, "{me}");
        assert_remaining_is_finite(&me["data"], limit);
        // Update: a small limit, then the edge again, in each window.
        for reset in ["daily", "weekly", "monthly"] {
            let (s, p) = sb
                .patch(
                    &format!("/keys/{hash}"),
                    json!({"limit": 1, "limit_reset": reset}),
                )
                .await;
            assert_eq!(s, 200, "{p}");
            assert_eq!(p["data"]["limit_remaining"], 1.0, "{p}");
            let (s, p) = sb
                .patch(&format!("/keys/{hash}"), json!({"limit": limit}))
                .await;
            assert_eq!(s, 200, "{p}");
            assert_remaining_is_finite(&p["data"], limit);
        }
    }
    // A spent seeded key with a huge limit: the subtraction stays finite too.
    let (_, list) = sb.get("/keys?include_disabled=true").await;
    let spent = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["usage"].as_f64().is_some_and(|u| u > 0.0))
        .expect("the demo seed has a key with usage")
        .clone();
    let hash = spent["hash"].as_str().unwrap();
    let (s, p) = sb
        .patch(
            &format!("/keys/{hash}"),
            json!({"limit": f64::MAX, "limit_reset": null}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert_remaining_is_finite(&p["data"], f64::MAX);
    // Past the largest double is not a number JSON can carry as one: refused, naming `limit`.
    let resp = sb
        .raw(
            Method::POST,
            &sb.api("/keys"),
            Some(r#"{"name":"too big","limit":1e309}"#.to_owned()),
        )
        .await;
    let status = resp.status().as_u16();
    let v: Value = resp.json().await.unwrap();
    assert_eq!(status, 400, "{v}");
}

#[tokio::test]
async fn budgets_keep_limits_up_to_the_largest_double() {
    let sb = Sb::start().await;
    // Budgets must strictly shrink lifetime > monthly > weekly > daily.
    let intervals = ["lifetime", "monthly", "weekly"];
    for (interval, limit) in intervals.into_iter().zip(EDGES) {
        let path = format!("/workspaces/staging/budgets/{interval}");
        let (s, v) = sb.put(&path, json!({ "limit_usd": limit })).await;
        assert_eq!(s, 200, "{interval}: {v}");
        assert_eq!(v["data"]["limit_usd"].as_f64(), Some(limit), "{v}");
        let (s, g) = sb.get(&path).await;
        assert_eq!(s, 200, "{g}");
        assert_eq!(g["data"]["limit_usd"].as_f64(), Some(limit), "{g}");
    }
}
