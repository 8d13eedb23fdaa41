//! Dates and `Retry-After`: the parsers never panic, the two date formats agree on the same
//! instant, and an instant told back as RFC 3339 reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrouter_admin::time::{parse_datetime, parse_http_date, retry_after_from_headers};
use std::time::Duration;

/// The clock the HTTP-date form of `Retry-After` is measured against.
const NOW_MS: i64 = 1_700_000_000_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(ms) = parse_http_date(text) {
        assert_eq!(ms % 1000, 0, "an IMF-fixdate has whole seconds: {text:?}");
        let rfc = imf_as_rfc3339(text.as_bytes());
        assert_eq!(parse_datetime(&rfc, false), Some(ms), "{text:?} vs {rfc:?}");
        check_retry_after_date(text, ms);
    }
    if let Some(ms) = parse_datetime(text, false) {
        assert_eq!(
            parse_datetime(text, true),
            Some(ms),
            "Z is an offset too: {text:?}"
        );
    }
    if let Some(ms) = parse_datetime(text, true) {
        if let Some(told) = rfc3339_utc(ms) {
            assert_eq!(
                parse_datetime(&told, false),
                Some(ms),
                "{text:?} told as {told:?}"
            );
        }
    }
    check_headers(text);
});

/// The same fields of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), laid out as RFC 3339.
fn imf_as_rfc3339(b: &[u8]) -> String {
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == &b[8..11]).expect("parsed") + 1;
    let part = |from: usize, to: usize| String::from_utf8_lossy(&b[from..to]).into_owned();
    format!(
        "{}-{month:02}-{}T{}Z",
        part(12, 16),
        part(5, 7),
        part(17, 25)
    )
}

/// Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`, or `None` outside the
/// four-digit years RFC 3339 can spell.
fn rfc3339_utc(ms: i64) -> Option<String> {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let (h, mi, s, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z"
    ))
}

/// An HTTP date as `Retry-After` waits until that instant, or not at all once it is past.
fn check_retry_after_date(text: &str, at: i64) {
    let headers = [("retry-after".to_string(), text.to_string())];
    let expected = Duration::from_millis((at - NOW_MS).max(0) as u64);
    assert_eq!(
        retry_after_from_headers(&headers, Some(NOW_MS as f64)),
        Some(expected),
        "{text:?}"
    );
}

/// Lines of `name:value` as headers: no panic, nothing read without a `Retry-After` header,
/// and whole seconds read exactly.
fn check_headers(text: &str) {
    let headers: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let got = retry_after_from_headers(&headers, Some(NOW_MS as f64));
    let named = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name));
    if named("retry-after").is_none() && named("retry-after-ms").is_none() {
        assert_eq!(got, None, "{headers:?}");
    }
    if named("retry-after-ms").is_none() {
        if let Some((_, v)) = named("retry-after") {
            let v = v.trim();
            if !v.is_empty() && v.len() <= 12 && v.bytes().all(|c| c.is_ascii_digit()) {
                let secs: u64 = v.parse().expect("digits");
                assert_eq!(got, Some(Duration::from_secs(secs)), "{v:?}");
            }
        }
    }
}
