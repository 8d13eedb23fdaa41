//! A browser's refusal (issue 11, point 6): against a sandbox started with `--no-cors`
//! (`SANDBOX_NO_CORS_URL`, another origin than this test page), fetch rejects with a bare
//! `TypeError` and no status. The client must report a `network` error naming that origin and
//! both possible causes, and never the key.

use super::*;
use openrouter_admin::Error;

const NO_CORS_URL: Option<&str> = option_env!("SANDBOX_NO_CORS_URL");

fn refusing(retries: u32) -> (Client, &'static str) {
    let origin = NO_CORS_URL
        .filter(|u| !u.is_empty())
        .expect("SANDBOX_NO_CORS_URL must be set at compile time (a sandbox run with --no-cors)")
        .trim_end_matches('/');
    let client = Client::builder()
        .api_key(sandbox().1)
        .base_url(format!("{origin}/api/v1"))
        .max_retries(retries)
        .build()
        .expect("client");
    (client, origin)
}

#[track_caller]
fn assert_refused(e: &Error, origin: &str) {
    assert_eq!(e.kind(), ErrorKind::Network, "{e}");
    assert!(e.is_network());
    assert_eq!(e.status(), None);
    let m = e.message();
    assert!(
        m.starts_with(&format!("{origin} could not be reached from this page: ")),
        "{m}"
    );
    assert!(m.contains("the browser refused the request"), "{m}");
    assert!(m.contains("CORS"), "{m}");
    assert!(m.contains("or the network failed"), "{m}");
    assert!(m.contains("TypeError"), "the browser's own words: {m}");
    assert!(!m.contains("/api/v1"), "{m}");
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(sandbox().1), "the key leaked: {shown}");
}

#[wasm_bindgen_test]
async fn a_cors_refusal_is_a_network_error_naming_the_origin() {
    let (c, origin) = refusing(0);
    // GET /key: sign-in's check, a simple request (no preflight needed, no ACAO to read it).
    let e = c.current_key().send().await.expect_err("refused");
    assert_refused(&e, origin);
    // A list, with a preflight for Authorization.
    let e = c.workspaces().list().send().await.expect_err("refused");
    assert_refused(&e, origin);
    // A write whose preflight is refused: safe to retry, so the same error.
    let e = fails(
        c.workspace("production")
            .update(UpdateWorkspace::new().description(Some("x")))
            .send(),
        "refused",
    )
    .await;
    assert_refused(&e, origin);
}

#[wasm_bindgen_test]
async fn retries_end_in_the_same_network_error_and_a_create_in_outcome_unknown() {
    let (c, origin) = refusing(2);
    let e = c.current_key().send().await.expect_err("refused");
    assert_refused(&e, origin);
    // A create is never retried blindly: the browser cannot say whether it was sent.
    let e = fails(
        c.workspaces()
            .create(CreateWorkspace::new("Refused", unique("refused")))
            .send(),
        "refused",
    )
    .await;
    assert!(e.is_outcome_unknown(), "{e}");
    assert_refused(e.cause().expect("the failure behind it"), origin);
}
