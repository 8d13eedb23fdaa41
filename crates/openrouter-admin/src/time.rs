//! Time, read and told without a date library: RFC 3339 date-times (key expiry, `created_at`),
//! IMF-fixdates and `Retry-After` headers, and the target's clock.
//!
//! Everything is read over bytes by position: no `str::parse`, float parsing or slicing
//! panic is linked into wasm builds for these few formats.

use std::time::Duration;

/// The target's clock, in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// Reads `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date) from
/// lowercase-named headers. `now` is the clock for HTTP dates (default: the target's clock).
pub fn retry_after_from_headers(
    headers: &[(String, String)],
    now: Option<f64>,
) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    };
    if let Some(ms) = get("retry-after-ms").and_then(parse_decimal_millis) {
        return Some(Duration::from_micros(ms));
    }
    let v = get("retry-after")?;
    if v.starts_with('-') {
        return None;
    }
    if let Some(us) = parse_decimal_millis(v) {
        return Some(Duration::from_micros(us.saturating_mul(1000)));
    }
    let at = parse_http_date(v)?;
    let now = now.unwrap_or_else(now_ms);
    Some(Duration::from_millis((at as f64 - now).max(0.0) as u64))
}

/// Parses a non-negative decimal (`"150"`, `"0.5"`) into thousandths (`150_000`, `500`),
/// over bytes: no float parsing, `str::parse` or pattern search is linked into the wasm.
fn parse_decimal_millis(v: &str) -> Option<u64> {
    let b = v.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], &b[dot + 1..]),
        None => (b, &b[b.len()..]),
    };
    if (int.is_empty() && frac.is_empty()) || int.len() > 12 {
        return None;
    }
    let mut whole = 0u64;
    for &d in int {
        if !d.is_ascii_digit() {
            return None;
        }
        whole = whole * 10 + u64::from(d - b'0');
    }
    if !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths = 0u64;
    for (i, scale) in [100, 10, 1].into_iter().enumerate() {
        if let Some(&d) = frac.get(i) {
            thousandths += u64::from(d - b'0') * scale;
        }
    }
    Some(whole * 1000 + thousandths)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the form RFC 9110 has servers
/// send) to milliseconds since the epoch. Every field has a fixed place, so it is read by
/// position.
pub fn parse_http_date(s: &str) -> Option<i64> {
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let b = s.as_bytes();
    let layout_ok = b.len() == 29
        && b[3..5] == *b", "
        && [b[7], b[11], b[16]] == [b' '; 3]
        && [b[19], b[22]] == [b':'; 2]
        && b[25..] == *b" GMT";
    if !layout_ok {
        return None;
    }
    let d = num(b, 5, 2)?;
    let m = MONTHS.iter().position(|name| *name == &b[8..11])? as u32 + 1;
    let y = num(b, 12, 4)?;
    let (h, mi, se) = (num(b, 17, 2)?, num(b, 20, 2)?, num(b, 23, 2)?);
    if d == 0 || d > days_in_month(y, m) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(y), m, d);
    Some((days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(se)) * 1000)
}

/// The number spelled by the `len` ASCII digits of `b` at `from` (`None` if any is not a
/// digit or `b` is too short). Over bytes, so no `str::parse` or slicing panic is linked.
fn num(b: &[u8], from: usize, len: usize) -> Option<u32> {
    let part = b.get(from..from + len)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0')))
}

/// Parses RFC 3339 `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; with `offset_ok` false only `Z`.
/// Returns milliseconds since the Unix epoch (UTC).
pub fn parse_datetime(s: &str, offset_ok: bool) -> Option<i64> {
    let b = s.as_bytes();
    let (y, mo, d) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (h, mi, se) = (num(b, 11, 2)?, num(b, 14, 2)?, num(b, 17, 2)?);
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60
    {
        return None;
    }
    let mut i = 19;
    let mut ms = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        // Milliseconds from the first three digits, over bytes: slicing the `str` would
        // link its out-of-bounds panic message into wasm builds.
        let digits = &b[start..i.min(start + 3)];
        let value = digits
            .iter()
            .fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
        ms = value * 10i64.pow(3 - digits.len() as u32);
    }
    let rest = &b[i..];
    let offset_min: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), ..] if offset_ok && rest.len() == 6 && rest[3] == b':' => {
            let oh = num(rest, 1, 2)? as i64;
            let om = num(rest, 4, 2)? as i64;
            if oh > 23 || om > 59 {
                return None;
            }
            let v = oh * 60 + om;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y as i64, mo, d);
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(se.min(59))
        - offset_min * 60;
    Some(secs * 1000 + ms)
}

fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (a real calendar day), or None.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(i64::from(y), m, d))
}

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds, the form `expires_at` takes) of a time in
/// milliseconds since the Unix epoch.
pub fn format_datetime(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        format_date(days),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A spending window that resets on the UTC calendar, as OpenRouter's key limits and
/// workspace budgets do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    /// Resets at 00:00 UTC.
    Day,
    /// Resets on Monday 00:00 UTC (weeks run Monday to Sunday).
    Week,
    /// Resets on the 1st of the month, 00:00 UTC.
    Month,
}

/// The window around `ms` (milliseconds since the epoch): when it started and when it resets,
/// both in milliseconds since the epoch.
pub fn window_bounds(window: Window, ms: i64) -> (i64, i64) {
    const DAY: i64 = 86_400_000;
    let day = ms.div_euclid(DAY);
    let (start, end) = match window {
        Window::Day => (day, day + 1),
        // 1970-01-01 was a Thursday: Monday is the day whose (day + 3) is a multiple of 7.
        Window::Week => {
            let monday = day - (day + 3).rem_euclid(7);
            (monday, monday + 7)
        }
        Window::Month => {
            let (y, m, _) = civil(day);
            let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            (days_from_civil(y, m, 1), days_from_civil(next.0, next.1, 1))
        }
    };
    (start * DAY, end * DAY)
}

/// The year, month and day of a day number: Hinnant's civil_from_days, the inverse of
/// `days_from_civil`.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The UTC day number of a time in milliseconds since the epoch.
pub fn today_of(ms: f64) -> i64 {
    (ms / 86_400_000.0).floor() as i64
}

/// Today's UTC day number on the target's clock.
pub fn today() -> i64 {
    today_of(now_ms())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_follow_the_utc_calendar() {
        let at = |s: &str| parse_datetime(s, false).expect("a valid time");
        // Tuesday 2026-12-01 10:30 UTC: a Monday-to-Sunday week, December, the day.
        let now = at("2026-12-01T10:30:00Z");
        assert_eq!(
            window_bounds(Window::Day, now),
            (at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"))
        );
        assert_eq!(
            window_bounds(Window::Week, now),
            (at("2026-11-30T00:00:00Z"), at("2026-12-07T00:00:00Z"))
        );
        assert_eq!(
            window_bounds(Window::Month, now),
            (at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))
        );
        // A Monday at midnight starts its own week; February of a leap year has 29 days.
        let monday = at("2026-11-30T00:00:00Z");
        assert_eq!(window_bounds(Window::Week, monday).0, monday);
        assert_eq!(
            window_bounds(Window::Month, at("2028-02-29T23:59:59Z")),
            (at("2028-02-01T00:00:00Z"), at("2028-03-01T00:00:00Z"))
        );
        assert_eq!(
            format_datetime(at("2026-12-01T10:30:05Z")),
            "2026-12-01T10:30:05Z"
        );
        assert_eq!(format_datetime(-1000), "1969-12-31T23:59:59Z");
    }

    fn h(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "2")], None),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after_from_headers(&[h("Retry-After", "0.5")], None),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "9"), h("retry-after-ms", "150")], None),
            Some(Duration::from_millis(150))
        );
        let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date") as f64;
        assert_eq!(
            retry_after_from_headers(
                &[h("retry-after", "Sun, 06 Nov 1994 08:49:40 GMT")],
                Some(now)
            ),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after_from_headers(
                &[h("retry-after", "Sun, 06 Nov 1994 08:49:30 GMT")],
                Some(now)
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "soon")], None),
            None
        );
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "-1")], None),
            None
        );
        assert_eq!(retry_after_from_headers(&[], None), None);
    }

    #[test]
    fn decimal_millis() {
        assert_eq!(parse_decimal_millis("150"), Some(150_000));
        assert_eq!(parse_decimal_millis("0.5"), Some(500));
        assert_eq!(parse_decimal_millis(".25"), Some(250));
        assert_eq!(parse_decimal_millis("2."), Some(2000));
        assert_eq!(parse_decimal_millis("1.23456"), Some(1234));
        assert_eq!(
            parse_decimal_millis("123456789012"),
            Some(123_456_789_012_000)
        );
        assert_eq!(parse_decimal_millis("1234567890123"), None);
        for bad in ["", ".", "1.2.3", "1e3", " 1", "+1", "1.x", "0x10"] {
            assert_eq!(parse_decimal_millis(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn http_date() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 24:00:00 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Xyz 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 6 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun,  06 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date(""), None);
    }

    #[test]
    fn dates_read_and_print() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(format_date(19_782), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-01",
            "2025/01/01",
            "",
            "+2025-01-01",
            "2025-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for day in [-1, 0, 59, 10_957, 20_000, 40_000] {
            assert_eq!(parse_date(&format_date(day)), Some(day));
        }
    }

    #[test]
    fn datetime_parser() {
        assert_eq!(parse_datetime("1970-01-01T00:00:00Z", false), Some(0));
        assert_eq!(
            parse_datetime("1970-01-02T00:00:01.5Z", false),
            Some(86_401_500)
        );
        assert_eq!(parse_datetime("1970-01-01T01:00:00+01:00", true), Some(0));
        assert_eq!(
            parse_datetime("2000-03-01T00:00:00Z", false),
            Some(951_868_800_000)
        );
    }
}
