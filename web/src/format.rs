//! How money and dates read on the page: one way each, everywhere.
//!
//! Money is dollars with the user's locale's separators (`$3,012.98` in English, `$3.012,98` in
//! German); dates are the UTC day as the API counts it (`2026-12-06`), a moment is that day and
//! the minute (`2026-12-06 19:47 UTC`), and an expiry says how near it is when it is near.

use openrouter_admin::time::{format_datetime, parse_datetime, today_of};

/// Within this many days an expiry is said as "in N days" beside its date.
const NEAR_DAYS: i64 = 30;

/// Within this many days an expiry is a warning.
pub const WARN_DAYS: i64 = 7;

/// The separators of the user's locale: between thousands, and before the decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Separators {
    /// Between groups of three digits (`,` in English, `.` in German, a narrow space in French).
    pub group: char,
    /// Before the decimals.
    pub decimal: char,
}

impl Separators {
    /// English: `1,234.5`.
    pub const EN: Separators = Separators {
        group: ',',
        decimal: '.',
    };

    /// The browser's locale's, read once (natively, and when the browser gives digits we do not
    /// expect, English).
    pub fn of_user() -> Separators {
        #[cfg(target_arch = "wasm32")]
        {
            thread_local! {
                static USER: Separators = Separators::from_sample(&browser_sample());
            }
            USER.with(|s| *s)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            Separators::EN
        }
    }

    /// Reads the separators from how the locale writes 1234567.5 (`1,234,567.5`); English when
    /// the sample is not made of ASCII digits and two separators.
    pub fn from_sample(sample: &str) -> Separators {
        let others: Vec<char> = sample.chars().filter(|c| !c.is_ascii_digit()).collect();
        let digits: String = sample.chars().filter(char::is_ascii_digit).collect();
        match (others.first(), others.last()) {
            (Some(&group), Some(&decimal)) if digits == "12345675" && group != decimal => {
                Separators { group, decimal }
            }
            _ => Separators::EN,
        }
    }
}

/// How the browser writes 1234567.5 in the user's language.
#[cfg(target_arch = "wasm32")]
fn browser_sample() -> String {
    let lang = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into());
    String::from(js_sys::Number::from(1234567.5).to_locale_string(&lang))
}

/// Formats dollars in the user's locale: two decimals, or four under a cent so small spend does
/// not read as zero.
pub fn usd(v: f64) -> String {
    usd_with(v, Separators::of_user())
}

/// [`usd`] with the given separators.
pub fn usd_with(v: f64, sep: Separators) -> String {
    let digits = if v != 0.0 && v.abs() < 0.01 { 4 } else { 2 };
    let plain = crate::decimal::fixed(v, digits);
    let (sign, plain) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, decimals) = plain.split_once('.').unwrap_or((plain, ""));
    let mut out = format!("{sign}$");
    // Non-finite values ("inf", "NaN") have no digits to group.
    if whole.bytes().all(|b| b.is_ascii_digit()) {
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(sep.group);
            }
            out.push(c);
        }
    } else {
        out.push_str(whole);
    }
    if !decimals.is_empty() {
        out.push(sep.decimal);
        out.push_str(decimals);
    }
    out
}

/// The UTC day of an RFC 3339 timestamp (`2026-12-06`); the text itself when it is not one.
pub fn date(ts: &str) -> String {
    match parse_datetime(ts, true) {
        Some(ms) => day_of(ms),
        None => ts.get(..10).unwrap_or(ts).to_string(),
    }
}

fn day_of(ms: i64) -> String {
    format_datetime(ms)[..10].to_string()
}

/// How near an expiry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nearness {
    /// It never expires, or not within [`WARN_DAYS`].
    Calm,
    /// Within [`WARN_DAYS`].
    Soon,
    /// It has passed.
    Past,
}

/// A key's expiry in words: its day, how far it is when near ("expires tomorrow", "expires in
/// 3 days", "expired 2 days ago"), and how near it is. `now_ms` is the page's clock.
pub fn expiry(expires_at: Option<&str>, now_ms: f64) -> (String, Nearness) {
    let Some(ts) = expires_at else {
        return ("never".into(), Nearness::Calm);
    };
    let Some(ms) = parse_datetime(ts, true) else {
        return (ts.to_string(), Nearness::Calm);
    };
    let day = day_of(ms);
    let days = today_of(ms as f64) - today_of(now_ms);
    if (ms as f64) <= now_ms {
        let ago = match -days {
            0 => "expired today".to_string(),
            1 => "expired yesterday".to_string(),
            n => format!("expired {n} days ago"),
        };
        return (format!("{day} ({ago})"), Nearness::Past);
    }
    let when = match days {
        0 => "expires today".to_string(),
        1 => "expires tomorrow".to_string(),
        n => format!("expires in {n} days"),
    };
    let level = if days <= WARN_DAYS {
        Nearness::Soon
    } else {
        Nearness::Calm
    };
    if days <= NEAR_DAYS {
        (format!("{day} ({when})"), level)
    } else {
        (day, level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: Separators = Separators {
        group: '.',
        decimal: ',',
    };

    #[test]
    fn money_has_separators_in_the_locale() {
        assert_eq!(usd_with(3012.98, Separators::EN), "$3,012.98");
        assert_eq!(usd_with(3012.98, DE), "$3.012,98");
        assert_eq!(usd_with(1_234_567.5, Separators::EN), "$1,234,567.50");
        assert_eq!(usd_with(999.994, Separators::EN), "$999.99");
        assert_eq!(usd_with(999.995, Separators::EN), "$1,000.00");
        assert_eq!(usd_with(100.0, Separators::EN), "$100.00");
        assert_eq!(usd_with(-2500.0, Separators::EN), "-$2,500.00");
        assert_eq!(usd_with(12.5, Separators::EN), "$12.50");
        assert_eq!(usd_with(0.0, Separators::EN), "$0.00");
        assert_eq!(usd_with(0.0042, DE), "$0,0042");
        assert_eq!(usd_with(f64::INFINITY, Separators::EN), "$inf");
    }

    #[test]
    fn separators_are_read_from_the_locale_sample() {
        assert_eq!(Separators::from_sample("1,234,567.5"), Separators::EN);
        assert_eq!(Separators::from_sample("1.234.567,5"), DE);
        let fr = Separators::from_sample("1\u{202f}234\u{202f}567,5");
        assert_eq!((fr.group, fr.decimal), ('\u{202f}', ','));
        // Digits we cannot read (Arabic-Indic) or a sample without grouping: English.
        assert_eq!(Separators::from_sample("١٬٢٣٤٬٥٦٧٫٥"), Separators::EN);
        assert_eq!(Separators::from_sample("1234567.5"), Separators::EN);
        assert_eq!(Separators::from_sample(""), Separators::EN);
    }

    #[test]
    fn dates_read_one_way() {
        assert_eq!(date("2026-03-04T05:06:07Z"), "2026-03-04");
        assert_eq!(date("2026-12-06T19:47:47.000Z"), "2026-12-06");
        // An offset is the same instant: its UTC day.
        assert_eq!(date("2026-03-04T23:30:00-02:00"), "2026-03-05");
        assert_eq!(date("bad"), "bad");
    }

    #[test]
    fn expiry_says_how_near_it_is() {
        let now = parse_datetime("2026-12-05T10:00:00Z", true).expect("now") as f64;
        let at = |ts: &str| expiry(Some(ts), now);
        assert_eq!(expiry(None, now), ("never".into(), Nearness::Calm));
        assert_eq!(
            at("2026-12-06T19:47:47.000Z"),
            ("2026-12-06 (expires tomorrow)".into(), Nearness::Soon)
        );
        assert_eq!(
            at("2026-12-05T18:00:00Z"),
            ("2026-12-05 (expires today)".into(), Nearness::Soon)
        );
        assert_eq!(
            at("2026-12-08T00:00:00Z"),
            ("2026-12-08 (expires in 3 days)".into(), Nearness::Soon)
        );
        assert_eq!(
            at("2026-12-12T23:00:00Z"),
            ("2026-12-12 (expires in 7 days)".into(), Nearness::Soon)
        );
        assert_eq!(
            at("2026-12-13T01:00:00Z"),
            ("2026-12-13 (expires in 8 days)".into(), Nearness::Calm)
        );
        assert_eq!(
            at("2027-06-01T00:00:00Z"),
            ("2027-06-01".into(), Nearness::Calm)
        );
        assert_eq!(
            at("2026-12-05T09:00:00Z"),
            ("2026-12-05 (expired today)".into(), Nearness::Past)
        );
        assert_eq!(
            at("2026-12-03T12:00:00Z"),
            ("2026-12-03 (expired 2 days ago)".into(), Nearness::Past)
        );
        assert_eq!(at("soon"), ("soon".into(), Nearness::Calm));
    }
}
