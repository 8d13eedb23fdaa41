//! Any status and body as an error answer: `Error::from_response` never panics, keeps the
//! status, reads the envelope as serde_json reads it, and quotes at most a bounded snippet.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrouter_admin::error::SNIPPET_MAX;
use openrouter_admin::{Error, ErrorKind};

fuzz_target!(|data: &[u8]| {
    let Some((status, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = u16::from_be_bytes(*status);
    let text = String::from_utf8_lossy(rest);
    // Before the first newline: a `Retry-After` value; after it: the body.
    let (retry_after, body) = text.split_once('\n').unwrap_or(("", &text));
    let headers = [("retry-after".to_string(), retry_after.to_string())];
    let e = Error::from_response(status, &headers, body);

    assert_eq!(e.status(), Some(status));
    assert_eq!(e.kind(), ErrorKind::from_status(status));
    let _ = (e.to_string(), format!("{e:?}"));
    let envelope = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error").cloned())
        .filter(serde_json::Value::is_object);
    match envelope {
        Some(env) => {
            let message = env.get("message").and_then(|m| m.as_str());
            assert_eq!(e.message(), message.unwrap_or(&format!("HTTP {status}")));
            assert_eq!(e.code(), env.get("code").and_then(|c| c.as_i64()));
            let metadata = env.get("metadata").filter(|m| !m.is_null());
            assert_eq!(e.metadata().as_ref(), metadata);
            assert_eq!(e.body_snippet(), None);
        }
        None => {
            let snippet = e
                .body_snippet()
                .expect("a body that is no envelope is quoted");
            assert!(snippet.chars().count() <= SNIPPET_MAX, "{snippet:?}");
            assert!(body.trim().starts_with(snippet.trim_end_matches('…')));
        }
    }
});
