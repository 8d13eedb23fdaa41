//! Retry decisions by operation class, waits (jitter, Retry-After), timeouts, deadline,
//! cancellation — through the mock, with sleeps recorded instead of waited.

use std::time::Duration;

use openrouter_admin::mock::{MockReply, MockTransport};
use openrouter_admin::models::*;
use openrouter_admin::{CancelSignal, Client, ErrorKind, ManagementKey};
use serde_json::json;

use crate::*;

fn ws_ok() -> MockReply {
    ok(json!({"data": workspace("w", "prod")}))
}

fn key_created() -> MockReply {
    MockReply::json(
        201,
        json!({"data": api_key("h1", "k"), "key": "sk-or-v1-secret"}).to_string(),
    )
}

#[test]
fn safe_calls_retry_5xx_with_full_jitter() {
    let c = client_of([err(503, "busy"), err(502, "bad gateway"), ws_ok()]);
    c.transport().set_random(0.5);
    let ws = block_on(c.workspace("prod").get().send()).expect("third attempt succeeds");
    assert_eq!(ws.slug, "prod");
    assert_eq!(c.transport().requests().len(), 3);
    // 0.5 * min(8s, 500ms * 2^n)
    assert_eq!(
        c.transport().sleeps(),
        vec![Duration::from_millis(250), Duration::from_millis(500)]
    );
}

#[test]
fn gives_up_after_max_retries() {
    let mock = MockTransport::new();
    for _ in 0..5 {
        mock.push(err(500, "boom"));
    }
    let c = client(mock);
    let e = block_on(c.workspaces().list().send()).expect_err("fails");
    assert_eq!(e.kind(), ErrorKind::Server);
    assert_eq!(e.status(), Some(500));
    assert_eq!(
        c.transport().requests().len(),
        3,
        "3 attempts in all by default"
    );

    let mock = MockTransport::new();
    mock.push(err(500, "boom"));
    let c = retrying(mock, 0);
    assert!(block_on(c.workspaces().list().send()).is_err());
    assert_eq!(c.transport().requests().len(), 1);

    let mock = MockTransport::new();
    for _ in 0..5 {
        mock.push(err(503, "boom"));
    }
    let c = retrying(mock, 4);
    c.transport().set_random(1.0);
    assert!(block_on(c.workspaces().list().send()).is_err());
    assert_eq!(
        c.transport().sleeps(),
        [500, 1000, 2000, 4000].map(Duration::from_millis).to_vec(),
        "exponential up to the cap"
    );
}

#[test]
fn retry_after_is_honoured() {
    let c = client_of([err(429, "slow down").header("Retry-After", "2"), ws_ok()]);
    block_on(c.workspace("w").get().send()).expect("ok");
    assert_eq!(c.transport().sleeps(), vec![Duration::from_secs(2)]);

    let c = client_of([
        err(503, "x")
            .header("retry-after-ms", "150")
            .header("retry-after", "9"),
        ws_ok(),
    ]);
    block_on(c.workspace("w").get().send()).expect("ok");
    assert_eq!(c.transport().sleeps(), vec![Duration::from_millis(150)]);

    // An HTTP date, against the transport's clock (the mock starts at 1e12 ms = 2001-09-09T01:46:40Z).
    let c = client_of([
        err(503, "x").header("retry-after", "Sun, 09 Sep 2001 01:46:43 GMT"),
        ws_ok(),
    ]);
    block_on(c.workspace("w").get().send()).expect("ok");
    assert_eq!(c.transport().sleeps(), vec![Duration::from_secs(3)]);
}

#[test]
fn retry_after_past_the_deadline_gives_up_with_the_wait() {
    let c = client_of([err(429, "slow down").header("Retry-After", "300")]);
    let e = block_on(c.workspace("w").get().send()).expect_err("gives up");
    assert!(e.is_rate_limited());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(300)));
    assert!(c.transport().sleeps().is_empty());
}

#[test]
fn network_and_timeouts_are_retried_for_safe_calls() {
    let c = client_of([
        MockReply::network(),
        MockReply::timeout(),
        ok(json!({"deleted": true})),
    ]);
    block_on(c.key("h").delete().send()).expect("ok");
    assert_eq!(c.transport().requests().len(), 3);
    let reqs = c.transport().requests();
    assert_eq!(
        reqs[0].timeout,
        Duration::from_secs(30),
        "per-attempt timeout"
    );
}

#[test]
fn every_safe_class_retries() {
    type Op = fn(&openrouter_admin::Client<MockTransport>) -> Result<(), openrouter_admin::Error>;
    let ops: Vec<(MockReply, Op)> = vec![
        (ws_ok(), |c| {
            block_on(
                c.workspace("w")
                    .update(UpdateWorkspace::new().name("n"))
                    .send(),
            )
            .map(drop)
        }),
        (
            ok(
                json!({"data": {"id": "b", "workspace_id": "w", "limit_usd": 1, "reset_interval": null,
                "created_at": "x", "updated_at": "x"}}),
            ),
            |c| {
                block_on(
                    c.workspace("w")
                        .budgets()
                        .put(Interval::Lifetime, 1.0)
                        .send(),
                )
                .map(drop)
            },
        ),
        (ok(json!({"added_count": 0, "data": []})), |c| {
            block_on(c.workspace("w").members().add(["u"]).send()).map(drop)
        }),
        (ok(json!({"removed_count": 0})), |c| {
            block_on(c.workspace("w").members().remove(["u"]).send()).map(drop)
        }),
        (ok(json!({"data": api_key("h", "k")})), |c| {
            block_on(c.key("h").update(UpdateKey::new().disabled(true)).send()).map(drop)
        }),
        (ok(json!({"deleted": true})), |c| {
            block_on(c.workspace("w").budgets().delete(Interval::Daily).send())
        }),
    ];
    for (i, (reply, op)) in ops.into_iter().enumerate() {
        let c = client_of([err(503, "x"), MockReply::json(408, ""), reply]);
        op(&c).unwrap_or_else(|e| panic!("op {i}: {e}"));
        assert_eq!(c.transport().requests().len(), 3, "op {i}");
    }
}

#[test]
fn client_errors_are_not_retried() {
    for s in [400, 401, 403, 404, 409] {
        let c = client_of([err(s, "no")]);
        let e = block_on(c.workspace("w").get().send()).expect_err("fails");
        assert_eq!(e.status(), Some(s));
        assert_eq!(c.transport().requests().len(), 1, "{s}");
    }
}

#[test]
fn delete_404_on_a_retry_is_success() {
    let c = client_of([MockReply::timeout(), err(404, "Resource not found")]);
    block_on(c.workspace("w").delete().send()).expect("gone = done");

    let c = client_of([err(404, "Resource not found")]);
    let e = block_on(c.key("h").delete().send()).expect_err("a first-attempt 404 is an error");
    assert!(e.is_not_found());
}

#[test]
fn creates_retry_only_on_429() {
    let c = client_of([err(429, "slow").header("retry-after", "1"), key_created()]);
    let created =
        block_on(c.keys().create(CreateKey::new("k")).send()).expect("created after a 429");
    assert_eq!(created.key.expose_secret(), "sk-or-v1-secret");
    assert_eq!(c.transport().requests().len(), 2);
    assert_eq!(c.transport().sleeps(), vec![Duration::from_secs(1)]);

    for reply in [
        err(503, "x"),
        err(500, "x"),
        MockReply::json(502, "<html>bad gateway</html>"),
        MockReply::timeout(),
        MockReply::network(),
        MockReply::json(408, ""),
    ] {
        let c = client_of([reply.clone(), key_created()]);
        let e = block_on(c.keys().create(CreateKey::new("k")).send()).expect_err("unknown");
        assert!(e.is_outcome_unknown(), "{reply:?} -> {e:?}");
        assert_eq!(e.kind(), ErrorKind::OutcomeUnknown);
        assert!(e.cause().is_some());
        assert_eq!(c.transport().requests().len(), 1, "never retried blindly");
        assert!(c.transport().sleeps().is_empty());

        let c = client_of([reply, ok(json!({"data": workspace("w", "p")}))]);
        let e = block_on(c.workspaces().create(CreateWorkspace::new("p", "p")).send())
            .expect_err("unknown");
        assert!(e.is_outcome_unknown());
        assert_eq!(c.transport().requests().len(), 1);
    }

    // Refusals are known outcomes.
    for s in [400, 401, 403] {
        let c = client_of([err(s, "no")]);
        let e = block_on(c.keys().create(CreateKey::new("k")).send()).expect_err("refused");
        assert!(!e.is_outcome_unknown());
        assert_eq!(e.status(), Some(s));
    }
    // 429 every time: rate limited (the server refused each), not unknown.
    let mock = MockTransport::new();
    for _ in 0..3 {
        mock.push(err(429, "slow"));
    }
    let c = client(mock);
    let e = block_on(c.keys().create(CreateKey::new("k")).send()).expect_err("refused");
    assert!(e.is_rate_limited());
    assert_eq!(c.transport().requests().len(), 3);
}

#[test]
fn cancellation_during_backoff() {
    let c = client_of([err(503, "busy"), ws_ok()]);
    let signal = CancelSignal::new();
    c.transport().cancel_on_sleep(signal.clone());
    let e = block_on(c.workspace("w").get().signal(&signal).send()).expect_err("cancelled");
    assert!(e.is_cancelled());
    assert_eq!(
        c.transport().requests().len(),
        1,
        "no attempt after the cancel"
    );
    assert_eq!(c.transport().sleeps().len(), 1);
}

#[test]
fn cancelled_before_sending_sends_nothing() {
    let c = client(MockTransport::new());
    let signal = CancelSignal::new();
    signal.cancel();
    let e = block_on(c.keys().create(CreateKey::new("k")).signal(signal).send())
        .expect_err("cancelled");
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert!(c.transport().requests().is_empty());
}

#[test]
fn deadline_bounds_the_whole_call() {
    let mock = MockTransport::new();
    for _ in 0..10 {
        mock.push(MockReply::timeout());
    }
    let c = Client::builder()
        .api_key(KEY)
        .timeout(Duration::from_secs(30))
        .deadline(Some(Duration::from_secs(45)))
        .max_retries(9)
        .transport(mock)
        .build()
        .expect("client");
    c.transport().set_random(0.0);
    let e = block_on(c.workspace("w").get().send()).expect_err("deadline");
    assert!(e.is_timeout());
    let reqs = c.transport().requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].timeout, Duration::from_secs(30));
    assert_eq!(
        reqs[1].timeout,
        Duration::from_secs(15),
        "the last attempt gets what is left"
    );
}

#[test]
fn host_fetch_transport_errors_instead_of_panicking() {
    let c = Client::new(ManagementKey::new(KEY));
    let e = block_on(c.workspaces().list().send()).expect_err("unsupported natively");
    assert_eq!(e.kind(), ErrorKind::Unsupported);
}
