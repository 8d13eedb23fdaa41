//! Every request's method, path, query and body, as sent.

use openrouter_admin::api::{Endpoint, ListKeys, RawRequest};
use openrouter_admin::mock::MockReply;
use openrouter_admin::mock::MockTransport;
use openrouter_admin::models::*;
use openrouter_admin::{Method, OpClass};
use serde_json::json;

use crate::*;

macro_rules! one {
    ($reply:expr, |$c:ident| $body:expr) => {{
        let mock = MockTransport::new();
        mock.push($reply);
        let $c = client(mock);
        let out = block_on($body);
        let reqs = $c.transport().requests();
        assert_eq!(reqs.len(), 1, "{out:?}");
        let r = reqs.into_iter().next().expect("one request");
        assert!(r.bearer_ok, "Authorization is Bearer <key>");
        r
    }};
}

fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn workspaces() {
    let list = ok(json!({"data": [workspace("w", "a")], "total_count": 1}));
    let r = one!(list, |c| c.workspaces().list().limit(50).offset(10).send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (
            Method::Get,
            "/workspaces",
            q(&[("offset", "10"), ("limit", "50")])
        )
    );
    assert_eq!(
        r.url,
        "http://sandbox.test/api/v1/workspaces?offset=10&limit=50"
    );
    assert_eq!(r.body, None);
    assert_eq!(r.headers, vec!["Authorization"]);

    let created = MockReplyExt::status(ok(json!({"data": workspace("w", "prod")})), 201);
    let r = one!(created, |c| {
        c.workspaces()
            .create(
                CreateWorkspace::new("Prod", "prod")
                    .description("d")
                    .default_provider_sort(ProviderSort::Price),
            )
            .send()
    });
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/workspaces"));
    assert_eq!(
        r.body,
        Some(
            json!({"name": "Prod", "slug": "prod", "description": "d", "default_provider_sort": "price"})
        )
    );
    assert_eq!(r.headers, vec!["Authorization", "Content-Type"]);

    let r = one!(ok(json!({"data": workspace("w", "prod")})), |c| c
        .workspace("prod")
        .get()
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/workspaces/prod")
    );
    let r = one!(ok(json!({"data": workspace("w", "prod")})), |c| c
        .workspaces()
        .get("a b/c")
        .send());
    assert_eq!(r.url, "http://sandbox.test/api/v1/workspaces/a%20b%2Fc");

    let r = one!(ok(json!({"data": workspace("w", "prod")})), |c| {
        c.workspace("w")
            .update(
                UpdateWorkspace::new()
                    .name("New")
                    .description(None::<String>)
                    .io_logging_api_key_ids(Some(vec![1, 2])),
            )
            .send()
    });
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Patch, "/workspaces/w")
    );
    assert_eq!(
        r.body,
        Some(json!({"name": "New", "description": null, "io_logging_api_key_ids": [1, 2]}))
    );

    let r = one!(ok(json!({"data": workspace("w", "prod")})), |c| c
        .workspace("w")
        .update(UpdateWorkspace::new())
        .send());
    assert_eq!(r.body, Some(json!({})), "an empty patch sends no fields");

    let r = one!(ok(json!({"deleted": true})), |c| c
        .workspace("w")
        .delete()
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.body.clone()),
        (Method::Delete, "/workspaces/w", None)
    );
    assert!(
        r.query.is_empty(),
        "no confirmation unless asked: {:?}",
        r.query
    );
}

#[test]
fn deleting_the_default_workspace_is_confirmed_only_by_its_own_call() {
    let r = one!(ok(json!({"deleted": true})), |c| c
        .workspace("default")
        .delete_even_if_default()
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone(), r.body.clone()),
        (
            Method::Delete,
            "/workspaces/default",
            q(&[("confirm_default_workspace_deletion", "true")]),
            None
        )
    );
    let plain = openrouter_admin::api::DeleteWorkspace::new("w");
    assert!(!plain.confirm_default_workspace_deletion);
    let sure = openrouter_admin::api::DeleteWorkspace::confirming_default("w");
    assert_eq!(sure.request().expect("valid").class, OpClass::Delete);
}

#[test]
fn new_body_fields_are_sent_as_given() {
    let body = CreateKey::new("k")
        .expires_at("2027-12-31T23:59:00Z")
        .external(External::new("end-user-7").api_key("p".repeat(32)));
    let created = json!({"data": {}, "key": "sk-or-v1-x"});
    let r = one!(MockReply::json(201, created.to_string()), |c| c
        .keys()
        .create(body.clone())
        .send());
    assert_eq!(
        r.body.clone().expect("body"),
        json!({"name": "k", "expires_at": "2027-12-31T23:59:00Z",
               "external": {"user": "end-user-7", "api_key": "p".repeat(32)}})
    );
    assert!(
        !format!("{body:?}").contains(&"p".repeat(32)),
        "Debug redacts api_key"
    );
    let patch = UpdateWorkspace::new().disabled_server_tools(Some(vec![]));
    let r = one!(ok(json!({"data": {}})), |c| c
        .workspace("w")
        .update(patch.clone())
        .send());
    assert_eq!(r.body.clone(), Some(json!({"disabled_server_tools": []})));
    let r = one!(ok(json!({"data": {}})), |c| c
        .workspace("w")
        .update(UpdateWorkspace::new().disabled_server_tools(None))
        .send());
    assert_eq!(r.body.clone(), Some(json!({"disabled_server_tools": null})));
}

/// Lets a test set a reply's status.
trait MockReplyExt {
    fn status(self, s: u16) -> Self;
}

impl MockReplyExt for openrouter_admin::mock::MockReply {
    fn status(self, s: u16) -> Self {
        match self {
            openrouter_admin::mock::MockReply::Response(r) => {
                openrouter_admin::mock::MockReply::json(s, r.body)
            }
            other => other,
        }
    }
}

#[test]
fn members() {
    let r = one!(ok(json!({"data": [member("u1")], "total_count": 1})), |c| c
        .workspace("w")
        .members()
        .list()
        .limit(100)
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (Method::Get, "/workspaces/w/members", q(&[("limit", "100")]))
    );
    let r = one!(ok(json!({"added_count": 1, "data": [member("u1")]})), |c| c
        .workspace("w")
        .members()
        .add(["u1", "u2"])
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/workspaces/w/members/add")
    );
    assert_eq!(r.body, Some(json!({"user_ids": ["u1", "u2"]})));
    let r = one!(ok(json!({"removed_count": 1})), |c| c
        .workspace("w")
        .members()
        .remove(vec![UserId::new("u1")])
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/workspaces/w/members/remove")
    );
    assert_eq!(r.body, Some(json!({"user_ids": ["u1"]})));
    let r = one!(ok(json!({"data": [], "total_count": 0})), |c| c
        .organization()
        .members()
        .list()
        .offset(5)
        .limit(7)
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (
            Method::Get,
            "/organization/members",
            q(&[("offset", "5"), ("limit", "7")])
        )
    );
}

fn budget_json() -> serde_json::Value {
    json!({"data": {"id": "b", "workspace_id": "w", "limit_usd": 100, "reset_interval": "monthly",
        "created_at": "2025-08-24T10:30:00Z", "updated_at": "2025-08-24T10:30:00Z"}, "include_byok_in_budgets": false})
}

#[test]
fn budgets() {
    let r = one!(ok(json!({"data": []})), |c| c
        .workspace("w")
        .budgets()
        .list()
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/workspaces/w/budgets")
    );
    for (i, s) in [
        (Interval::Daily, "daily"),
        (Interval::Weekly, "weekly"),
        (Interval::Monthly, "monthly"),
        (Interval::Lifetime, "lifetime"),
    ] {
        let r = one!(ok(budget_json()), |c| c
            .workspace("w")
            .budgets()
            .get(i)
            .send());
        assert_eq!(
            (r.method, r.path.clone()),
            (Method::Get, format!("/workspaces/w/budgets/{s}"))
        );
        let r = one!(ok(json!({"deleted": true})), |c| c
            .workspace("w")
            .budgets()
            .delete(i)
            .send());
        assert_eq!(
            (r.method, r.path.clone()),
            (Method::Delete, format!("/workspaces/w/budgets/{s}"))
        );
    }
    let r = one!(ok(budget_json()), |c| c
        .workspace("w")
        .budgets()
        .put(Interval::Monthly, 100.0)
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Put, "/workspaces/w/budgets/monthly")
    );
    assert_eq!(r.body, Some(json!({"limit_usd": 100.0})));
    let r = one!(ok(budget_json()), |c| c
        .workspace("w")
        .budgets()
        .put(Interval::Monthly, 100.0)
        .include_byok(true)
        .send());
    assert_eq!(
        r.body,
        Some(json!({"limit_usd": 100.0, "include_byok_in_budgets": true}))
    );
}

#[test]
fn keys() {
    let current = json!({"data": {"label": "sk-or-v1-au7...890", "limit": null, "usage": 0, "usage_daily": 0, "usage_weekly": 0,
        "usage_monthly": 0, "byok_usage": 0, "byok_usage_daily": 0, "byok_usage_weekly": 0, "byok_usage_monthly": 0,
        "is_free_tier": false, "is_management_key": true, "is_provisioning_key": true, "limit_remaining": null,
        "limit_reset": null, "include_byok_in_limit": false, "creator_user_id": null, "rate_limit": -1}});
    let r = one!(ok(current), |c| c.current_key().send());
    assert_eq!((r.method, r.path.as_str()), (Method::Get, "/key"));

    let r = one!(ok(json!({"data": []})), |c| c
        .keys()
        .list()
        .workspace(WorkspaceId::new("ws-1"))
        .include_disabled(true)
        .offset(200)
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Get, "/keys"));
    assert_eq!(
        r.query,
        q(&[
            ("offset", "200"),
            ("include_disabled", "true"),
            ("workspace_id", "ws-1")
        ])
    );
    let r = one!(ok(json!({"data": []})), |c| c
        .keys()
        .list()
        .include_disabled(false)
        .send());
    assert_eq!(r.query, q(&[("include_disabled", "false")]));

    let created = json!({"data": api_key("h1", "k"), "key": "sk-or-v1-secret"});
    let r = one!(MockReplyExt::status(ok(created), 201), |c| {
        c.keys()
            .create(
                CreateKey::new("k")
                    .limit(50.0)
                    .limit_reset(LimitReset::Monthly)
                    .include_byok_in_limit(true)
                    .expires_at("2027-12-31T23:59:59Z")
                    .workspace_id("ws-1"),
            )
            .send()
    });
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/keys"));
    assert_eq!(
        r.body,
        Some(
            json!({"name": "k", "limit": 50.0, "limit_reset": "monthly", "include_byok_in_limit": true,
            "expires_at": "2027-12-31T23:59:59Z", "workspace_id": "ws-1"})
        )
    );

    let r = one!(ok(json!({"data": api_key("h1", "k")})), |c| c
        .key("h1")
        .get()
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Get, "/keys/h1"));
    let r = one!(ok(json!({"data": api_key("h1", "k")})), |c| c
        .keys()
        .get(KeyHash::new("h1"))
        .send());
    assert_eq!(r.path, "/keys/h1");
    let r = one!(ok(json!({"data": api_key("h1", "k")})), |c| c
        .key("h1")
        .update(
            UpdateKey::new()
                .disabled(true)
                .limit(None)
                .limit_reset(None)
        )
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/keys/h1"));
    assert_eq!(
        r.body,
        Some(json!({"disabled": true, "limit": null, "limit_reset": null}))
    );
    let r = one!(ok(json!({"deleted": true})), |c| c
        .key("h1")
        .delete()
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Delete, "/keys/h1"));
}

#[test]
fn escape_hatch() {
    let r = one!(ok(json!({"anything": 1})), |c| {
        c.request::<serde_json::Value>(Method::Get, "/guardrails", &[("limit", "10")], None)
            .send()
    });
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (Method::Get, "/guardrails", q(&[("limit", "10")]))
    );
    let r = one!(ok(json!({})), |c| c
        .request::<serde_json::Value>(Method::Post, "/x", &[], Some(json!({"a": 1})))
        .send());
    assert_eq!(r.body, Some(json!({"a": 1})));
}

#[test]
fn raw_text_requests_send_their_text_and_follow_the_retry_classes() {
    let mut post = RawRequest::new(Method::Post, "/guardrails");
    post.query = q(&[("tag", "a b")]);
    post.body = Some(r#"{"name":"g","limit_usd":5}"#.to_owned());
    assert_eq!(post.class, OpClass::Create);
    let r = one!(ok(json!({"data": {"id": "g1"}})), |c| c
        .call(post.clone())
        .send_text());
    assert_eq!(
        (r.method, r.url.as_str(), r.body.clone()),
        (
            Method::Post,
            "http://sandbox.test/api/v1/guardrails?tag=a%20b",
            Some(json!({"name": "g", "limit_usd": 5}))
        )
    );
    assert_eq!(r.headers, vec!["Authorization", "Content-Type"]);

    // A POST is a create: a 503 is not retried, and its outcome is unknown.
    let c = client_of([err(503, "x"), ok(json!({}))]);
    let e = block_on(c.call(post.clone()).send_text()).expect_err("unknown");
    assert!(e.is_outcome_unknown(), "{e:?}");
    assert_eq!(c.transport().requests().len(), 1);

    // Declared safe, the same POST is retried.
    post.class = OpClass::Safe;
    let c = client_of([err(503, "x"), ok(json!({"ok": true}))]);
    let text = block_on(c.call(post).send_text()).expect("retried");
    assert_eq!(text, r#"{"ok":true}"#);
    assert_eq!(c.transport().requests().len(), 2);

    // Checked when built, sent when asked: a bad body is the answer, and nothing leaves.
    let c = client(MockTransport::new());
    let request = c.keys().create(CreateKey::new("")).into_text_request();
    let e = block_on(request.send()).expect_err("an empty name is refused");
    assert_eq!(e.kind(), openrouter_admin::ErrorKind::Validation);
    assert!(c.transport().requests().is_empty());
    let c = client_of([ok(json!({"data": {"id": "a"}}))]);
    let text = block_on(
        c.call(RawRequest::new(Method::Get, "/x"))
            .into_text_request()
            .send(),
    );
    assert_eq!(text.expect("sent"), r#"{"data":{"id":"a"}}"#);

    let get = RawRequest::new(Method::Get, "/activity");
    assert_eq!(get.class, OpClass::Safe);
    assert!(get.request().expect("valid").body.is_none());
    assert_eq!(RawRequest::new(Method::Delete, "/x").class, OpClass::Delete);
}

#[test]
fn endpoints_are_data() {
    let mut e = ListKeys::default();
    e.workspace_id = Some("w".into());
    let e = e.request().expect("valid");
    assert_eq!(e.method, Method::Get);
    assert_eq!(e.path, "/keys");
    assert_eq!(e.query, q(&[("workspace_id", "w")]));
    assert_eq!(e.body, None);
    assert_eq!(e.class, OpClass::Safe);
    let c = client(MockTransport::new());
    assert_eq!(
        c.keys()
            .create(CreateKey::new("k"))
            .endpoint()
            .request()
            .expect("valid")
            .class,
        OpClass::Create
    );
    assert_eq!(
        c.workspaces()
            .create(CreateWorkspace::new("a", "a"))
            .endpoint()
            .request()
            .expect("valid")
            .class,
        OpClass::Create
    );
    assert_eq!(
        c.key("h")
            .delete()
            .endpoint()
            .request()
            .expect("valid")
            .class,
        OpClass::Delete
    );
    assert_eq!(
        c.workspace("w")
            .members()
            .add(["u"])
            .endpoint()
            .request()
            .expect("valid")
            .class,
        OpClass::Safe
    );
    assert_eq!(
        c.workspace("w")
            .budgets()
            .put(Interval::Daily, 1.0)
            .endpoint()
            .request()
            .expect("valid")
            .class,
        OpClass::Safe
    );
    assert_eq!(
        c.key("h")
            .update(UpdateKey::new())
            .endpoint()
            .request()
            .expect("valid")
            .class,
        OpClass::Safe
    );
}

#[test]
fn invalid_bodies_never_leave_the_client() {
    let c = client(MockTransport::new());
    let e = block_on(
        c.workspaces()
            .create(CreateWorkspace::new("", "Bad Slug"))
            .send(),
    )
    .expect_err("invalid");
    assert!(e.is_validation());
    assert_eq!(e.validation_errors().len(), 2);
    let e = block_on(
        c.keys()
            .create(CreateKey::new("k").expires_at("2027-01-01T00:00:00+01:00"))
            .send(),
    )
    .expect_err("invalid");
    assert_eq!(e.validation_errors()[0].field, "expires_at");
    let e = block_on(
        c.workspace("w")
            .members()
            .add((0..101).map(|i| format!("u{i}")))
            .send(),
    )
    .expect_err("invalid");
    assert_eq!(e.validation_errors()[0].rule, "max_items");
    let e =
        block_on(c.workspace("w").budgets().put(Interval::Daily, 0.0).send()).expect_err("invalid");
    assert_eq!(e.validation_errors()[0].field, "limit_usd");
    let e = block_on(c.key("h").update(UpdateKey::new().name("")).send()).expect_err("invalid");
    assert!(e.is_validation());
    let e = block_on(
        c.workspace("w")
            .update(UpdateWorkspace::new().slug("-x"))
            .send(),
    )
    .expect_err("invalid");
    assert!(e.is_validation());
    let e = block_on(c.workspaces().list().limit(101).send()).expect_err("invalid");
    assert!(e.is_validation());
    let e = block_on(
        c.keys()
            .bulk_update(["a", "b"], UpdateKey::new().limit(Some(-1.0)))
            .send(),
    )
    .expect_err("invalid");
    assert!(e.is_validation());
    assert!(
        c.transport().requests().is_empty(),
        "the mock saw no request"
    );
}

#[test]
fn send_text_returns_the_body_undecoded() {
    let c = client_of([
        err(503, "busy"),
        ok(json!({"data": [{"not": "a workspace"}], "total_count": 1})),
    ]);
    let text = block_on(c.workspaces().list().limit(5).send_text()).expect("text");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).expect("json")["total_count"],
        1
    );
    assert_eq!(c.transport().requests().len(), 2, "same retries as send()");
    let e = block_on(
        c.workspaces()
            .create(CreateWorkspace::new("", "x"))
            .send_text(),
    )
    .expect_err("validated");
    assert!(e.is_validation());
}

fn utc_day(offset: i64) -> String {
    openrouter_admin::time::format_date(openrouter_admin::time::today() + offset)
}

fn activity_row() -> serde_json::Value {
    json!({
        "date": utc_day(-1), "model": "openai/gpt-4.1", "model_permaslug": "openai/gpt-4.1-2025-04-14",
        "endpoint_id": "550e8400-e29b-41d4-a716-446655440000", "provider_name": "OpenAI",
        "usage": 0.015, "byok_usage_inference": 0.012, "requests": 5, "prompt_tokens": 50,
        "completion_tokens": 125, "reasoning_tokens": 25, "workspace_id": "w1"
    })
}

#[test]
fn credits_and_activity() {
    let r = one!(
        ok(json!({"data": {"total_credits": 100.5, "total_usage": 25.75}})),
        |c| c.credits().send()
    );
    assert_eq!((r.method, r.path.as_str()), (Method::Get, "/credits"));
    assert_eq!((r.query.clone(), r.body), (vec![], None));

    let c = client_of([ok(
        json!({"data": {"total_credits": 100.5, "total_usage": 25.75}}),
    )]);
    let credits = block_on(c.credits().send()).expect("credits");
    assert_eq!(credits.balance(), 74.75);

    let r = one!(ok(json!({"data": []})), |c| c.activity().send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (Method::Get, "/activity", vec![])
    );
    let day = utc_day(-30);
    let r = one!(ok(json!({"data": [activity_row()]})), |c| c
        .activity()
        .date(&day)
        .key("h1")
        .user("user_1")
        .workspace("w 1&x")
        .by_workspace()
        .send());
    assert_eq!(
        r.query,
        q(&[
            ("date", &day),
            ("api_key_hash", "h1"),
            ("user_id", "user_1"),
            ("group_by", "workspace"),
            ("workspace_id", "w 1&x")
        ])
    );
    assert!(r.url.ends_with("&workspace_id=w%201%26x"), "{}", r.url);

    let c = client_of([ok(json!({"data": [activity_row()]}))]);
    let rows = block_on(c.activity().by_workspace().send()).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].requests, 5);
    assert_eq!(
        rows[0].workspace_id.as_ref().map(WorkspaceId::as_str),
        Some("w1")
    );
    // A drifted row names its path.
    let c = client_of([ok(json!({"data": [activity_row(), {"date": "x"}]}))]);
    let e = block_on(c.activity().send()).expect_err("drift");
    assert!(e.to_string().contains("data[1]"), "{e}");
}

#[test]
fn bad_activity_filters_never_leave_the_client() {
    let c = client(MockTransport::new());
    let rule =
        |call: openrouter_admin::Call<'_, MockTransport, openrouter_admin::api::GetActivity>| {
            let e = block_on(call.send()).expect_err("invalid");
            assert!(e.is_validation(), "{e}");
            let f = &e.validation_errors()[0];
            (f.field.clone(), f.rule.clone())
        };
    let field = |f: &str, r: &str| (f.to_owned(), r.to_owned());
    for bad in [
        "",
        "2025-8-24",
        "2025/08/24",
        "yesterday",
        "2025-02-30",
        "2025-08-24T00:00:00Z",
    ] {
        assert_eq!(
            rule(c.activity().date(bad)),
            field("date", "format"),
            "{bad:?}"
        );
    }
    for offset in [0, 1, -31, -400] {
        assert_eq!(
            rule(c.activity().date(utc_day(offset))),
            field("date", "range"),
            "{offset}"
        );
    }
    assert_eq!(
        rule(c.activity().key("")),
        field("api_key_hash", "required")
    );
    assert_eq!(rule(c.activity().user("")), field("user_id", "required"));
    assert_eq!(
        rule(c.activity().workspace("")),
        field("workspace_id", "required")
    );
    let mut bad_group = openrouter_admin::api::GetActivity::default();
    bad_group.group_by = Some("key".to_owned());
    let e = block_on(c.call(bad_group).send()).expect_err("invalid");
    assert_eq!(e.validation_errors()[0].field, "group_by");
    assert_eq!(e.validation_errors()[0].rule, "enum");
    // Every broken filter is named at once.
    let e = block_on(c.activity().date("x").key("").user("").send()).expect_err("invalid");
    let fields: Vec<&str> = e
        .validation_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["date", "api_key_hash", "user_id"]);
    assert!(
        c.transport().requests().is_empty(),
        "the mock saw no request"
    );
}

pub const GUARDRAIL: &str = "550e8400-e29b-41d4-a716-446655440000";
pub const WS_UUID: &str = "0df9e665-d932-5740-b2c7-b52af166bc11";

pub fn guardrail_json(id: &str) -> serde_json::Value {
    json!({
        "id": id, "name": "Production", "description": null, "workspace_id": WS_UUID,
        "limit_usd": 50, "reset_interval": "monthly", "include_byok_in_budgets": false,
        "allowed_models": ["openai/gpt-4.1"], "allowed_providers": null,
        "ignored_models": null, "ignored_providers": null,
        "allowed_data_regions": ["europe"],
        "content_filter_builtins": [{"slug": "secrets", "action": "redact", "label": "[SECRET]"}],
        "content_filters": null, "enforce_zdr": null,
        "created_at": "2025-08-24T10:30:00Z", "updated_at": null
    })
}

#[test]
fn guardrails() {
    let page = || ok(json!({"data": [guardrail_json(GUARDRAIL)], "total_count": 1}));
    let r = one!(page(), |c| c
        .guardrails()
        .list()
        .limit(20)
        .offset(40)
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (
            Method::Get,
            "/guardrails",
            q(&[("offset", "40"), ("limit", "20")])
        )
    );
    let r = one!(page(), |c| c.workspace(WS_UUID).guardrails().list().send());
    assert_eq!(r.query, q(&[("workspace_id", WS_UUID)]));

    let created = MockReplyExt::status(ok(json!({"data": guardrail_json(GUARDRAIL)})), 201);
    let r = one!(created, |c| {
        c.workspace(WS_UUID)
            .guardrails()
            .create(
                CreateGuardrail::new("One model")
                    .allowed_models(vec!["openai/gpt-4.1".to_owned()])
                    .limit_usd(50.0)
                    .reset_interval(LimitReset::Monthly)
                    .allowed_data_regions(vec!["europe".to_owned()])
                    .content_filter_builtins(vec![BuiltinFilter::new(
                        ContentFilterSlug::Secrets,
                        ContentFilterAction::Redact,
                    )])
                    .content_filters(vec![ContentFilter::new(
                        "sk-[a-z0-9]+",
                        ContentFilterAction::Block,
                    )
                    .label("[KEY]")]),
            )
            .send()
    });
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/guardrails"));
    assert_eq!(
        r.body,
        Some(json!({
            "name": "One model", "workspace_id": WS_UUID, "limit_usd": 50.0,
            "reset_interval": "monthly", "allowed_models": ["openai/gpt-4.1"],
            "allowed_data_regions": ["europe"],
            "content_filter_builtins": [{"slug": "secrets", "action": "redact"}],
            "content_filters": [{"pattern": "sk-[a-z0-9]+", "action": "block", "label": "[KEY]"}]
        }))
    );
    let create = openrouter_admin::api::CreateGuardrailRequest::new(CreateGuardrail::new("g"));
    assert_eq!(
        create.request().expect("valid").class,
        OpClass::Create,
        "a create is retried only on 429"
    );

    let one_guardrail = || ok(json!({"data": guardrail_json(GUARDRAIL)}));
    let r = one!(one_guardrail(), |c| c.guardrail(GUARDRAIL).get().send());
    assert_eq!(
        (r.method, r.path.clone()),
        (Method::Get, format!("/guardrails/{GUARDRAIL}"))
    );
    let r = one!(one_guardrail(), |c| c
        .guardrail(GUARDRAIL)
        .update(
            UpdateGuardrail::new()
                .description(None::<String>)
                .allowed_providers(Some(vec!["openai".into()]))
                .allowed_data_regions(None)
                .limit_usd(Some(75.0))
        )
        .send());
    assert_eq!(
        (r.method, r.path.clone()),
        (Method::Patch, format!("/guardrails/{GUARDRAIL}"))
    );
    assert_eq!(
        r.body,
        Some(json!({
            "description": null, "limit_usd": 75.0, "allowed_providers": ["openai"],
            "allowed_data_regions": null
        }))
    );
    let r = one!(ok(json!({"deleted": true})), |c| c
        .guardrail(GUARDRAIL)
        .delete()
        .send());
    assert_eq!(
        (r.method, r.path.clone()),
        (Method::Delete, format!("/guardrails/{GUARDRAIL}"))
    );

    let empty = || ok(json!({"data": [], "total_count": 0}));
    let r = one!(empty(), |c| c
        .guardrail(GUARDRAIL)
        .keys()
        .list()
        .limit(5)
        .send());
    assert_eq!(
        (r.method, r.path.clone(), r.query.clone()),
        (
            Method::Get,
            format!("/guardrails/{GUARDRAIL}/assignments/keys"),
            q(&[("limit", "5")])
        )
    );
    let r = one!(empty(), |c| c.guardrail(GUARDRAIL).members().list().send());
    assert_eq!(
        r.path,
        format!("/guardrails/{GUARDRAIL}/assignments/members")
    );
    let r = one!(empty(), |c| c
        .guardrails()
        .key_assignments()
        .offset(100)
        .send());
    assert_eq!(
        (r.path.as_str(), r.query.clone()),
        ("/guardrails/assignments/keys", q(&[("offset", "100")]))
    );
    let r = one!(empty(), |c| c.guardrails().member_assignments().send());
    assert_eq!(r.path, "/guardrails/assignments/members");

    // The four bulk requests, one at a time, as the endpoints send them.
    use openrouter_admin::api::{
        AssignGuardrailKeys, AssignGuardrailMembers, UnassignGuardrailKeys,
        UnassignGuardrailMembers,
    };
    let keys = || KeyHashes::new(["h1", "h2"]);
    let users = || MemberUserIds::new(["user_1"]);
    for (request, path, body) in [
        (
            AssignGuardrailKeys::new(GUARDRAIL, keys()).request(),
            "assignments/keys",
            json!({"key_hashes": ["h1", "h2"]}),
        ),
        (
            UnassignGuardrailKeys::new(GUARDRAIL, keys()).request(),
            "assignments/keys/remove",
            json!({"key_hashes": ["h1", "h2"]}),
        ),
        (
            AssignGuardrailMembers::new(GUARDRAIL, users()).request(),
            "assignments/members",
            json!({"member_user_ids": ["user_1"]}),
        ),
        (
            UnassignGuardrailMembers::new(GUARDRAIL, users()).request(),
            "assignments/members/remove",
            json!({"member_user_ids": ["user_1"]}),
        ),
    ] {
        let r = request.expect("valid");
        assert_eq!(
            (r.method, r.path.clone(), r.class),
            (
                Method::Post,
                format!("/guardrails/{GUARDRAIL}/{path}"),
                OpClass::Safe
            ),
            "assigning twice changes nothing, so it is retried"
        );
        let sent: serde_json::Value = serde_json::from_str(&r.body.expect("body")).expect("json");
        assert_eq!(sent, body);
    }
}

#[test]
fn invalid_guardrails_never_leave_the_client() {
    let c = client(MockTransport::new());
    let fields = |e: openrouter_admin::Error| -> Vec<(String, String)> {
        assert!(e.is_validation(), "{e}");
        e.validation_errors()
            .iter()
            .map(|f| (f.field.clone(), f.rule.clone()))
            .collect()
    };
    let pair = |f: &str, r: &str| (f.to_owned(), r.to_owned());
    // A slug where the API takes a workspace's UUID: said before anything is sent.
    let e = block_on(c.workspace("production").guardrails().list().send()).expect_err("slug");
    assert_eq!(fields(e), vec![pair("workspace_id", "uuid")]);
    let e = block_on(
        c.workspace("production")
            .guardrails()
            .create(CreateGuardrail::new("g"))
            .send(),
    )
    .expect_err("slug");
    assert_eq!(fields(e), vec![pair("workspace_id", "uuid")]);
    // A limit without its reset interval, an empty region list, an unknown filter.
    let e = block_on(
        c.guardrails()
            .create(
                CreateGuardrail::new("g")
                    .limit_usd(10.0)
                    .allowed_data_regions(Vec::<String>::new())
                    .content_filter_builtins(vec![BuiltinFilter::new(
                        ContentFilterSlug::parse("passwords"),
                        ContentFilterAction::Block,
                    )]),
            )
            .send(),
    )
    .expect_err("invalid");
    assert_eq!(
        fields(e),
        vec![
            pair("reset_interval", "together"),
            pair("allowed_data_regions", "min_items"),
            pair("content_filter_builtins[0].slug", "enum"),
        ]
    );
    let e = block_on(
        c.guardrail(GUARDRAIL)
            .update(UpdateGuardrail::new().name("").allowed_models(Some(vec![])))
            .send(),
    )
    .expect_err("invalid");
    assert_eq!(
        fields(e),
        vec![
            pair("name", "min_length"),
            pair("allowed_models", "min_items")
        ]
    );
    let e = block_on(c.guardrail(GUARDRAIL).keys().assign(["h", ""]).send()).expect_err("empty");
    assert_eq!(fields(e), vec![pair("key_hashes", "min_length")]);
    let e = block_on(c.guardrail(GUARDRAIL).members().list().limit(0).send()).expect_err("limit");
    assert_eq!(fields(e), vec![pair("limit", "range")]);
    assert!(
        c.transport().requests().is_empty(),
        "the mock saw no request"
    );
}

const BYOK_WS: &str = "550e8400-e29b-41d4-a716-446655440000";

fn byok_key(id: &str) -> serde_json::Value {
    json!({
        "id": id, "provider": "openai", "workspace_id": BYOK_WS, "label": "sk-...AbCd",
        "name": "Prod", "disabled": false, "is_fallback": false, "is_byok_only": true,
        "is_required": false, "declared_zdr": null, "allowed_models": null,
        "allowed_api_key_hashes": null, "allowed_user_ids": null, "sort_order": 0,
        "created_at": "2025-08-24T10:30:00Z"
    })
}

fn destination(id: &str) -> serde_json::Value {
    json!({
        "id": id, "workspace_id": BYOK_WS, "type": "langfuse", "name": "L", "enabled": true,
        "privacy_mode": false, "broadcast_generation_cost": false,
        "broadcast_generation_identity": false, "broadcast_generation_request_context": false,
        "sampling_rate": 1, "api_key_hashes": null, "filter_rules": null,
        "config": {"publicKey": "pk-l...EfGh", "secretKey": "sk-l...AbCd"},
        "regions": ["europe"], "created_at": "2025-08-24T10:30:00Z",
        "updated_at": "2025-08-24T10:30:00Z"
    })
}

#[test]
fn byok_keys() {
    let secret = "sk-proj-NEVER-IN-A-URL";
    let list = ok(json!({"data": [byok_key("b1")], "total_count": 1}));
    let r = one!(list, |c| c
        .workspace(BYOK_WS)
        .byok()
        .list()
        .provider("openai")
        .limit(10)
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (
            Method::Get,
            "/byok",
            q(&[
                ("limit", "10"),
                ("workspace_id", BYOK_WS),
                ("provider", "openai")
            ])
        )
    );

    let created = MockReplyExt::status(ok(json!({"data": byok_key("b1")})), 201);
    let r = one!(created, |c| c
        .workspace(BYOK_WS)
        .byok()
        .create(
            CreateByokKey::new("openai", openrouter_admin::Secret::new(secret))
                .name("Prod")
                .is_byok_only(true)
        )
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Post, "/byok"));
    assert_eq!(
        r.body,
        Some(json!({"provider": "openai", "key": secret, "name": "Prod",
            "workspace_id": BYOK_WS, "is_byok_only": true}))
    );
    assert!(
        !r.url.contains(secret),
        "the provider key is in the body only"
    );

    let r = one!(ok(json!({"data": byok_key("b1")})), |c| c
        .byok_key("b1")
        .get()
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Get, "/byok/b1"));

    let r = one!(ok(json!({"data": byok_key("b 1")})), |c| c
        .byok_key("b 1")
        .update(
            UpdateByokKey::new()
                .disabled(true)
                .declared_zdr(None)
                .name(None::<String>)
        )
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Patch, "/byok/b%201"));
    assert_eq!(
        r.body,
        Some(json!({"name": null, "disabled": true, "declared_zdr": null}))
    );

    let r = one!(ok(json!({"deleted": true})), |c| c
        .byok_key("b1")
        .delete()
        .send());
    assert_eq!((r.method, r.path.as_str()), (Method::Delete, "/byok/b1"));
}

#[test]
fn byok_answers_decode_with_and_without_todays_fields() {
    let mock = MockTransport::new();
    let mut old = byok_key("b1");
    for f in ["is_byok_only", "is_required", "declared_zdr", "name"] {
        old.as_object_mut().expect("object").remove(f);
    }
    old["provider"] = json!("provider-of-2030");
    mock.push(ok(json!({"data": old})));
    let c = client(mock);
    let k = block_on(c.byok_key("b1").get().send()).expect("decodes");
    assert_eq!(k.provider.as_str(), "provider-of-2030", "the list is open");
    assert!(!k.is_byok_only && !k.is_required && k.declared_zdr.is_none());
}

#[test]
fn destinations() {
    let list = ok(json!({"data": [destination("d1")], "total_count": 1}));
    let r = one!(list, |c| c
        .workspace(BYOK_WS)
        .destinations()
        .list()
        .offset(5)
        .send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (
            Method::Get,
            "/observability/destinations",
            q(&[("offset", "5"), ("workspace_id", BYOK_WS)])
        )
    );

    let created = MockReplyExt::status(ok(json!({"data": destination("d1")})), 201);
    let r = one!(created, |c| c
        .workspace(BYOK_WS)
        .destinations()
        .create(
            CreateDestination::new(
                DestinationType::Langfuse,
                "L",
                JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk"}"#)
            )
            .regions(vec!["eu".to_owned()])
        )
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/observability/destinations")
    );
    assert_eq!(
        r.body,
        Some(json!({"type": "langfuse", "name": "L",
            "config": {"publicKey": "pk", "secretKey": "sk"},
            "workspace_id": BYOK_WS, "regions": ["eu"]}))
    );

    let r = one!(ok(json!({"data": destination("d1")})), |c| c
        .destination("d1")
        .get()
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/observability/destinations/d1")
    );
    let r = one!(ok(json!({"data": destination("d1")})), |c| c
        .destination("d1")
        .update(UpdateDestination::new().enabled(false).filter_rules(None))
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Patch, "/observability/destinations/d1")
    );
    assert_eq!(
        r.body,
        Some(json!({"enabled": false, "filter_rules": null}))
    );
    let r = one!(ok(json!({"deleted": true})), |c| c
        .destination("d1")
        .delete()
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Delete, "/observability/destinations/d1")
    );
}

#[test]
fn a_sixth_destination_is_a_conflict_not_an_unknown_outcome() {
    let c = client_of([err(409, "at most 5 langfuse destinations per workspace")]);
    let e = block_on(
        c.workspace(BYOK_WS)
            .destinations()
            .create(CreateDestination::new(
                DestinationType::Langfuse,
                "L6",
                JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk"}"#),
            ))
            .send(),
    )
    .expect_err("409");
    assert_eq!(e.status(), Some(409));
    assert!(!e.is_outcome_unknown(), "a 409 is a refusal");
    assert_eq!(c.transport().requests().len(), 1, "not retried");
}

#[test]
fn byok_and_destinations_take_a_workspace_uuid_not_a_slug() {
    let c = client(MockTransport::new());
    let field = |e: openrouter_admin::Error| {
        assert!(e.is_validation(), "{e:?}");
        (
            e.validation_errors()[0].field.clone(),
            e.validation_errors()[0].rule.clone(),
        )
    };
    let want = ("workspace_id".to_owned(), "uuid".to_owned());
    assert_eq!(
        field(block_on(c.workspace("production").byok().list().send()).expect_err("slug")),
        want
    );
    assert_eq!(
        field(
            block_on(
                c.workspace("production")
                    .byok()
                    .create(CreateByokKey::new(
                        "openai",
                        openrouter_admin::Secret::new("k")
                    ))
                    .send()
            )
            .expect_err("slug")
        ),
        want
    );
    assert_eq!(
        field(block_on(c.workspace("production").destinations().list().send()).expect_err("slug")),
        want
    );
    assert_eq!(
        field(
            block_on(
                c.workspace("production")
                    .destinations()
                    .create(CreateDestination::new(
                        DestinationType::Webhook,
                        "W",
                        JsonObject::from_json(r#"{"url":"https://h.test"}"#)
                    ))
                    .send()
            )
            .expect_err("slug")
        ),
        want
    );
    assert!(c.transport().requests().is_empty(), "nothing was sent");
}

const GROUP: &str = "550e8400-e29b-41d4-a716-446655440000";
const WS: &str = "660e8400-e29b-41d4-a716-446655440000";
const MAPPING: &str = "770e8400-e29b-41d4-a716-446655440000";

fn mapping_json(role: &str) -> serde_json::Value {
    json!({"id": MAPPING, "organization_id": "org_1", "scim_group_id": GROUP, "workspace_id": WS,
           "role": role, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"})
}

fn job_json(status: &str) -> serde_json::Value {
    json!({"id": "job-1", "status": status, "created_at": "2026-01-01T00:00:00Z",
           "started_at": null, "finished_at": null, "synced_groups": null,
           "deleted_groups": null, "error_message": null})
}

#[test]
fn scim() {
    let groups = ok(
        json!({"data": [{"id": GROUP, "organization_id": "org_1", "external_id": null,
        "display_name": "Engineering", "created_at": "t", "updated_at": "t"}], "total_count": 1}),
    );
    let r = one!(groups, |c| c.scim().groups().limit(100).offset(50).send());
    assert_eq!(
        (r.method, r.path.as_str(), r.query.clone()),
        (
            Method::Get,
            "/scim/groups",
            q(&[("offset", "50"), ("limit", "100")])
        )
    );
    let list = ok(json!({"data": [mapping_json("member")], "total_count": 1}));
    let r = one!(list, |c| c.scim().mappings().send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/scim/group-mappings")
    );

    let created = MockReplyExt::status(ok(json!({"data": mapping_json("admin")})), 201);
    let r = one!(created, |c| c
        .scim()
        .create_mapping(CreateScimGroupMapping::new(GROUP, WS, ScimRole::Admin))
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/scim/group-mappings")
    );
    assert_eq!(
        r.body,
        Some(json!({"scim_group_id": GROUP, "workspace_id": WS, "role": "admin"}))
    );

    let r = one!(ok(json!({"data": mapping_json("member")})), |c| c
        .scim_mapping(MAPPING)
        .get()
        .send());
    assert_eq!(r.path, format!("/scim/group-mappings/{MAPPING}"));
    let r = one!(ok(json!({"data": mapping_json("member")})), |c| c
        .scim_mapping(MAPPING)
        .update(UpdateScimGroupMapping::new(ScimRole::Member))
        .send());
    assert_eq!(
        (r.method, r.body.clone()),
        (Method::Patch, Some(json!({"role": "member"})))
    );
    // The delete's choice is required, and sent as the query the API reads.
    for (choice, sent) in [(KeepMembers::Keep, "true"), (KeepMembers::Remove, "false")] {
        let r = one!(ok(json!({"deleted": true})), |c| c
            .scim_mapping(MAPPING)
            .delete(choice)
            .send());
        assert_eq!(
            (r.method, r.path.as_str(), r.query.clone(), r.body.clone()),
            (
                Method::Delete,
                format!("/scim/group-mappings/{MAPPING}").as_str(),
                q(&[("keep_members", sent)]),
                None
            )
        );
    }

    let queued = MockReplyExt::status(ok(json!({"data": job_json("queued")})), 202);
    let r = one!(queued, |c| c.scim().sync().send());
    assert_eq!(
        (r.method, r.path.as_str(), r.body.clone()),
        (Method::Post, "/scim/sync-jobs", None)
    );
    let r = one!(ok(json!({"data": job_json("succeeded")})), |c| c
        .scim_sync_job("job-1")
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/scim/sync-jobs/job-1")
    );
}

#[test]
fn invalid_scim_and_feedback_bodies_never_leave_the_client() {
    let c = client(MockTransport::new());
    let e = block_on(
        c.scim()
            .create_mapping(CreateScimGroupMapping::new(
                "engineering",
                "production",
                ScimRole::parse("owner"),
            ))
            .send(),
    )
    .expect_err("invalid");
    let fields: Vec<&str> = e
        .validation_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["scim_group_id", "workspace_id", "role"]);
    let e = block_on(
        c.feedback(
            SubmitFeedback::new("", FeedbackCategory::parse("rude")).comment("é".repeat(1_001)),
        )
        .send(),
    )
    .expect_err("invalid");
    let fields: Vec<&str> = e
        .validation_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["generation_id", "category", "comment"]);
    assert!(c.transport().requests().is_empty());
}

#[test]
fn feedback_and_analytics() {
    let r = one!(ok(json!({"data": {"success": true}})), |c| c
        .feedback(
            SubmitFeedback::new("gen-1", FeedbackCategory::IncorrectResponse)
                .comment("x".repeat(1_000))
        )
        .send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/generation/feedback")
    );
    assert_eq!(
        r.body,
        Some(
            json!({"generation_id": "gen-1", "category": "incorrect_response", "comment": "x".repeat(1_000)})
        )
    );

    let meta = ok(
        json!({"data": {"metrics": [], "dimensions": [], "operators": [], "granularities": []}}),
    );
    let r = one!(meta, |c| c.analytics().meta().send());
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Get, "/analytics/meta")
    );

    let rows = ok(json!({"data": {"data": [
        {"date__day": "2026-11-01T00:00:00.000Z", "model": "openai/gpt-4.1", "request_count": "18446744073709551617", "spend": 12.5, "extra": [1]}
    ], "metadata": {"query_time_ms": 3.5, "row_count": 1, "truncated": false}}}));
    let query = AnalyticsQuery::new("spend")
        .metric("request_count")
        .group_by("model")
        .and_then(|q| q.window("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"))
        .and_then(|q| q.granularity(Granularity::Day))
        .and_then(|q| {
            q.filter(AnalyticsFilter::new(
                "workspace",
                FilterOperator::In,
                FilterValue::texts([WS]),
            ))
        })
        .and_then(|q| q.limit(100))
        .expect("a valid query");
    let mock = MockTransport::new();
    mock.push(rows);
    let c = client(mock);
    let result = block_on(c.analytics().query(query).send()).expect("decodes");
    let r = c.transport().requests().remove(0);
    assert_eq!(
        (r.method, r.path.as_str()),
        (Method::Post, "/analytics/query")
    );
    assert_eq!(
        r.body,
        Some(
            json!({"metrics": ["spend", "request_count"], "dimensions": ["model"],
            "filters": [{"field": "workspace", "operator": "in", "value": [WS]}],
            "granularity": "day",
            "time_range": {"start": "2026-11-01T00:00:00Z", "end": "2026-11-02T00:00:00Z"},
            "limit": 100.0})
        )
    );
    // Every column kept, the count exact beyond 2^64 as text, the cost a number.
    let row = &result.data[0];
    assert_eq!(row.columns().count(), 5);
    assert_eq!(row.get("extra"), Some(&json!([1])));
    let count = row.count("request_count").expect("a count");
    assert_eq!(count.as_str(), "18446744073709551617");
    assert_eq!(count.as_u64(), None, "beyond u64: no silent wrap");
    assert_eq!(count.as_u128(), Some(18_446_744_073_709_551_617));
    assert_eq!(row.number("spend"), Some(12.5));
    assert_eq!(
        row.date(&Granularity::Day),
        Some("2026-11-01T00:00:00.000Z")
    );
    assert_eq!(result.metadata.row_count, 1);
}
