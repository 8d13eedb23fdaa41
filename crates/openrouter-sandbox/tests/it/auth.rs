use reqwest::Method;

use crate::common::{assert_error, Sb};

#[tokio::test]
async fn every_route_needs_a_known_bearer() {
    let sb = Sb::start().await;
    let routes = [
        (Method::GET, "/workspaces"),
        (Method::POST, "/workspaces"),
        (Method::GET, "/workspaces/default"),
        (Method::PATCH, "/workspaces/default"),
        (Method::DELETE, "/workspaces/staging"),
        (Method::GET, "/workspaces/default/members"),
        (Method::POST, "/workspaces/default/members/add"),
        (Method::POST, "/workspaces/default/members/remove"),
        (Method::GET, "/workspaces/production/budgets"),
        (Method::GET, "/workspaces/production/budgets/daily"),
        (Method::PUT, "/workspaces/production/budgets/daily"),
        (Method::DELETE, "/workspaces/production/budgets/daily"),
        (Method::GET, "/key"),
        (Method::GET, "/keys"),
        (Method::POST, "/keys"),
        (Method::GET, "/keys/abc"),
        (Method::PATCH, "/keys/abc"),
        (Method::DELETE, "/keys/abc"),
        (Method::GET, "/organization/members"),
    ];
    for (m, p) in routes {
        assert_error(
            &sb.call_as(None, m.clone(), p, None).await,
            401,
            "Missing Authentication header",
        );
        assert_error(
            &sb.call_as(Some("sk-or-v1-bogus"), m, p, None).await,
            401,
            "Invalid API key",
        );
    }
    // Nothing was changed by the refused calls.
    assert_eq!(sb.get("/workspaces/staging").await.0, 200);
    assert_eq!(sb.get("/workspaces/production/budgets/daily").await.0, 200);
}

#[tokio::test]
async fn malformed_authorization_header_is_401() {
    let sb = Sb::start().await;
    let resp = sb
        .http
        .get(sb.api("/key"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let v: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], 401);
}
