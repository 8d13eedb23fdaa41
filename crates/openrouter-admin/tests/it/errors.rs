//! Error parsing and decode errors through the client.

use openrouter_admin::mock::{MockReply, MockTransport};
use openrouter_admin::models::CreateKey;
use openrouter_admin::{ErrorKind, ManagementKey, Secret};
use serde_json::json;

use crate::*;

#[test]
fn envelope_and_kinds() {
    for (s, k) in [
        (400, ErrorKind::BadRequest),
        (401, ErrorKind::Unauthorized),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (418, ErrorKind::Api),
    ] {
        let c = client_of([MockReply::json(
            s,
            json!({"error": {"code": s, "message": "m", "metadata": {"why": "x"}}, "user_id": "u"})
                .to_string(),
        )]);
        let e = block_on(c.workspaces().list().send()).expect_err("error");
        assert_eq!(
            (e.kind(), e.status(), e.code(), e.message()),
            (k, Some(s), Some(i64::from(s)), "m")
        );
        assert_eq!(e.metadata(), Some(json!({"why": "x"})));
    }
}

#[test]
fn a_proxy_html_page_keeps_status_and_snippet() {
    let mock = MockTransport::new();
    let page = format!(
        "<!doctype html><html><title>502 Bad Gateway</title>{}</html>",
        "pad ".repeat(200)
    );
    mock.push(MockReply::json(401, page));
    let c = client(mock);
    let e = block_on(c.workspaces().list().send()).expect_err("error");
    assert!(e.is_unauthorized());
    let s = e.body_snippet().expect("snippet");
    assert!(s.starts_with("<!doctype html>"));
    assert!(s.chars().count() <= 200);
    assert_eq!(e.code(), None);
}

#[test]
fn decode_errors_name_the_json_path() {
    let mock = MockTransport::new();
    let mut bad = api_key("h", "k");
    bad["usage"] = json!("lots");
    mock.push(ok(json!({"data": [api_key("h0", "k"), bad]})));
    let c = client(mock);
    let e = block_on(c.keys().list().send()).expect_err("decode");
    assert!(e.is_decode());
    assert_eq!(e.json_path(), Some("data[1].usage"));
    assert!(e.message().contains("data[1].usage"));

    let c = client_of([ok(json!({"data": {"id": "w"}}))]);
    let e = block_on(c.workspace("w").get().send()).expect_err("missing fields");
    assert!(e.is_decode());
    assert!(
        e.json_path().is_some_and(|p| p.starts_with("data")),
        "{e:?}"
    );

    let c = client_of([MockReply::json(200, "not json at all")]);
    let e = block_on(c.workspaces().list().send()).expect_err("decode");
    assert!(e.is_decode());
}

#[test]
fn unknown_fields_and_enum_values_are_kept() {
    let mut w = workspace("w", "s");
    w["default_provider_sort"] = json!("carbon");
    w["brand_new_field"] = json!({"x": 1});
    let c = client_of([ok(json!({"data": w}))]);
    let ws = block_on(c.workspace("w").get().send()).expect("decodes");
    assert_eq!(
        ws.default_provider_sort.map(|s| s.as_str().to_owned()),
        Some("carbon".to_owned())
    );

    let mut k = api_key("h", "k");
    k["limit_reset"] = json!("yearly");
    let mut m = member("u");
    m["role"] = json!("owner");
    let key: openrouter_admin::models::ApiKey = serde_json::from_value(k).expect("key");
    assert_eq!(key.limit_reset.expect("reset").as_str(), "yearly");
    let mem: openrouter_admin::models::WorkspaceMember = serde_json::from_value(m).expect("member");
    assert!(!mem.role.is_known());
}

/// Found by the `answers` fuzz target: serde's message quotes the value it rejects, so a
/// create-key answer whose secret sits where an object belongs told it in the error.
#[test]
fn a_create_key_answer_of_the_wrong_shape_does_not_quote_its_secret() {
    for answer in [
        json!("sk-or-v1-topsecret"),
        json!({"data": "sk-or-v1-topsecret", "key": "sk-or-v1-topsecret"}),
        json!({"data": api_key("h", "k"), "key": ["sk-or-v1-topsecret"]}),
    ] {
        let c = client_of([MockReply::json(201, answer.to_string())]);
        let e = block_on(c.keys().create(CreateKey::new("k")).send()).expect_err("decode");
        assert!(e.is_decode(), "{e:?}");
        let told = format!("{e:?} {e} {:?} {:?}", e.body_snippet(), e.json_path());
        assert!(!told.contains("topsecret"), "{told}");
        assert!(e.message().contains("line 1 column"), "{e}");
    }
}

#[test]
fn secrets_are_redacted() {
    let key = ManagementKey::new(KEY);
    assert!(!format!("{key:?} {key}").contains("0001"));
    let c = client_of([MockReply::json(
        201,
        json!({"data": api_key("h", "k"), "key": "sk-or-v1-topsecret"}).to_string(),
    )]);
    assert!(
        !format!("{c:?}").contains("0001"),
        "the client's Debug hides the key"
    );
    let created = block_on(c.keys().create(CreateKey::new("k")).send()).expect("created");
    let shown = format!("{created:?} {}", created.key);
    assert!(!shown.contains("topsecret"), "{shown}");
    assert_eq!(created.key.expose_secret(), "sk-or-v1-topsecret");
    assert_eq!(created.key, Secret::new("sk-or-v1-topsecret"));

    // a create-key answer that fails to decode does not leak it through the error either
    let c = client_of([MockReply::json(
        201,
        json!({"data": {"hash": 1}, "key": "sk-or-v1-topsecret"}).to_string(),
    )]);
    let e = block_on(c.keys().create(CreateKey::new("k")).send()).expect_err("decode");
    assert!(!format!("{e:?} {e} {:?}", e.body_snippet()).contains("topsecret"));

    // the request's Debug hides the Authorization value
    let req = format!("{:?}", c.transport());
    assert!(!req.contains("0001"));
}

#[test]
fn builder_needs_a_key() {
    let e = openrouter_admin::Client::builder()
        .build()
        .expect_err("no key");
    assert!(e.is_validation());
    assert_eq!(e.validation_errors()[0].field, "api_key");
}

#[test]
fn each_endpoint_reads_the_part_of_the_answer_it_declares() {
    use openrouter_admin::api::{Answer, Answered, DeleteKey, Endpoint, GetWorkspace, ListBudgets};
    assert_eq!(GetWorkspace::ANSWER, Answered::Data);
    assert_eq!(ListBudgets::ANSWER, Answered::Whole);
    assert_eq!(DeleteKey::ANSWER, Answered::Nothing);
    // A delete's confirmation is checked, not just dropped.
    DeleteKey::decode(Answer::new(200, r#"{"deleted":true}"#)).expect("confirmed");
    let e = DeleteKey::decode(Answer::new(200, r#"{"data":{}}"#)).expect_err("not confirmed");
    assert!(e.is_decode(), "{e:?}");
    // A `data` answer without its member is a decode error naming where.
    let e = GetWorkspace::decode(Answer::new(200, r#"{"id":"x"}"#)).expect_err("no data member");
    assert!(e.is_decode(), "{e:?}");
}

#[test]
fn a_key_a_server_echoes_is_in_no_error_whatever_the_path() {
    let echo = |status: u16| {
        MockReply::json(
            status,
            json!({"error": {"code": status, "message": format!("bad Authorization: Bearer {KEY}"),
                "metadata": {"headers": {"authorization": format!("Bearer {KEY}")}}}})
            .to_string(),
        )
    };
    let mock = MockTransport::new();
    mock.push(echo(401));
    // A create that gives up after 503s keeps the last one as its cause.
    for _ in 0..3 {
        mock.push(echo(503));
    }
    let c = client(mock);
    let shown = |e: &openrouter_admin::Error| {
        let mut all = format!("{e} {e:?} {:?} {:?}", e.body_snippet(), e.metadata_json());
        if let Some(cause) = e.cause() {
            all.push_str(&format!("{cause} {:?}", cause.metadata_json()));
        }
        assert!(!all.contains(&KEY[9..]), "{all}");
        assert!(all.contains("<redacted>"), "{all}");
    };
    shown(&block_on(c.current_key().send()).expect_err("401"));
    shown(&block_on(c.keys().create(CreateKey::new("k")).send()).expect_err("503"));
    let mock = MockTransport::new();
    mock.push(MockReply::json(502, format!("<html>proxy: {KEY}</html>")));
    mock.push(MockReply::Fail(openrouter_admin::Error::new(
        ErrorKind::Network,
        format!("Headers.set: \"Bearer {KEY}\" is an invalid header value"),
    )));
    let c = Client::builder()
        .api_key(KEY)
        .base_url("http://sandbox.test/api/v1")
        .max_retries(0)
        .transport(mock)
        .build()
        .expect("client");
    shown(&block_on(c.current_key().send()).expect_err("502"));
    shown(&block_on(c.current_key().send()).expect_err("network"));
}

#[test]
fn the_builder_refuses_a_key_that_cannot_be_a_header_and_sends_nothing() {
    for key in ["sk-or-v1-ab\ncd", "sk\0", "sk-or-v1-…", "€"] {
        let e = Client::builder()
            .api_key(key)
            .transport(MockTransport::new())
            .build()
            .expect_err("refused");
        assert!(e.is_validation());
        assert_eq!(e.validation_errors()[0].field, "api_key");
        assert_eq!(e.validation_errors()[0].rule, "header_value");
    }
}
