//! How money and dates read on the page.

/// Formats dollars: two decimals, or four under a cent so small spend does not read as zero.
pub fn usd(v: f64) -> String {
    if v != 0.0 && v.abs() < 0.01 {
        format!("${}", crate::decimal::fixed(v, 4))
    } else {
        format!("${}", crate::decimal::fixed(v, 2))
    }
}

/// The date part of an RFC 3339 timestamp, as the API sends it (UTC).
pub fn date(ts: &str) -> String {
    ts.get(..10).unwrap_or(ts).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_spend_keeps_four_decimals() {
        assert_eq!(usd(12.5), "$12.50");
        assert_eq!(usd(0.0), "$0.00");
        assert_eq!(usd(0.0042), "$0.0042");
        assert_eq!(date("2026-03-04T05:06:07Z"), "2026-03-04");
        assert_eq!(date("bad"), "bad");
    }
}
