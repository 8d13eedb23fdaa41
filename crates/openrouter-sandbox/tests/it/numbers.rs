//! Numbers past the largest double (issue 11, point 5): JSON can write them, no double holds
//! them, and the 400 must still name the field and the rule.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, Sb};

/// Numbers past the largest double (`1e309`) are not valid JSON for a double: a 400 that
/// names the field and the rule, on every number of a key or workspace write.
#[tokio::test]
async fn numbers_past_a_double_are_refused_naming_the_field() {
    let sb = Sb::start().await;
    let hash = {
        let (s, v) = sb.post("/keys", json!({"name": "edge"})).await;
        assert_eq!(s, 201, "{v}");
        v["data"]["hash"].as_str().unwrap().to_owned()
    };
    let cases = [
        (
            Method::POST,
            "/keys".to_owned(),
            r#"{"name":"k","limit":1e309}"#,
            "limit",
        ),
        (
            Method::POST,
            "/keys".to_owned(),
            r#"{"name":"k","limit":-1e400}"#,
            "limit",
        ),
        (
            Method::PATCH,
            format!("/keys/{hash}"),
            r#"{"limit":1e309}"#,
            "limit",
        ),
        (
            Method::POST,
            "/workspaces".to_owned(),
            r#"{"name":"W","slug":"w-edge","io_logging_sampling_rate":1e309}"#,
            "io_logging_sampling_rate",
        ),
        (
            Method::PATCH,
            "/workspaces/staging".to_owned(),
            r#"{"description":"1e309","io_logging_sampling_rate":1e309}"#,
            "io_logging_sampling_rate",
        ),
        (
            Method::PUT,
            "/workspaces/staging/budgets/daily".to_owned(),
            r#"{"limit_usd":1e309}"#,
            "limit_usd",
        ),
    ];
    for (method, path, body, field) in cases {
        let resp = sb
            .raw(method.clone(), &sb.api(&path), Some(body.to_owned()))
            .await;
        let status = resp.status().as_u16();
        let v: Value = resp.json().await.unwrap();
        assert_error(&(status, v.clone()), 400, &format!("{field}: "));
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("must be a finite number") && msg.contains("1.7976931348623157e308"),
            "{method} {path}: {msg}"
        );
    }
    // Nothing was written.
    let (_, k) = sb.get(&format!("/keys/{hash}")).await;
    assert_eq!(k["data"]["limit"], Value::Null, "{k}");
}
