//! The upcoming key expiries as an iCalendar file (RFC 5545), built in the page: one event per
//! enabled key that has yet to expire, at its expiry, with a reminder a week before.

use openrouter_admin::findings::OrgSnapshot;
use openrouter_admin::time::{format_datetime, parse_datetime};

/// One key's expiry, as the calendar shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Expiry {
    /// The key's hash: the event's stable UID, so a second import updates instead of adding.
    pub hash: String,
    /// The key's name.
    pub name: String,
    /// The key's label (the redacted secret people recognise it by).
    pub label: String,
    /// The workspace's name.
    pub workspace: String,
    /// When it expires (ms since the epoch).
    pub at_ms: i64,
}

/// The enabled keys of `org` that expire after its read, soonest first.
pub fn upcoming(org: &OrgSnapshot) -> Vec<Expiry> {
    let mut out: Vec<Expiry> = org
        .keys
        .iter()
        .filter(|k| !k.disabled)
        .filter_map(|k| {
            let at_ms = parse_datetime(k.expires_at.as_ref()?.as_str(), true)?;
            let workspace = org
                .workspaces
                .iter()
                .find(|w| w.id == k.workspace_id)
                .map_or_else(|| k.workspace_id.as_str().to_string(), |w| w.name.clone());
            ((at_ms as f64) > org.now_ms).then(|| Expiry {
                hash: k.hash.as_str().to_string(),
                name: k.name.clone(),
                label: k.label.clone(),
                workspace,
                at_ms,
            })
        })
        .collect();
    out.sort_by_key(|e| e.at_ms);
    out
}

/// The calendar of `expiries`, stamped `now_ms`: CRLF line ends, text escaped and lines folded
/// at 75 octets as RFC 5545 says, every time in UTC.
pub fn calendar(expiries: &[Expiry], now_ms: i64) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//openrouter-admin//Key expiries//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
    ];
    let stamp = utc(now_ms);
    for e in expiries {
        let summary = format!("API key {} expires", e.name);
        let description = format!(
            "The OpenRouter API key {} ({}) in workspace {} stops working at {}. Rotate it before then.",
            e.name,
            e.label,
            e.workspace,
            format_datetime(e.at_ms)
        );
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@openrouter-admin", e.hash),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{}", utc(e.at_ms)),
            format!("DTEND:{}", utc(e.at_ms)),
            format!("SUMMARY:{}", text(&summary)),
            format!("DESCRIPTION:{}", text(&description)),
            "TRANSP:TRANSPARENT".to_string(),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            "TRIGGER:-P7D".to_string(),
            format!("DESCRIPTION:{}", text(&summary)),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// A UTC date-time in iCalendar's basic form: `20270131T120000Z`.
fn utc(ms: i64) -> String {
    format_datetime(ms).replace(['-', ':'], "")
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded (RFC 5545 3.1): no line longer than 75 octets before its CRLF, each
/// continuation starting with one space, and never a UTF-8 character split between lines.
fn fold(line: &str, out: &mut String) {
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expiry(name: &str) -> Expiry {
        Expiry {
            hash: "abc123".into(),
            name: name.into(),
            label: "sk-or-v1-0e6...1c96".into(),
            workspace: "Research, EU".into(),
            // 2027-01-31T12:00:00Z
            at_ms: 1_801_396_800_000,
        }
    }

    #[test]
    fn one_event_per_key_in_utc_with_crlf() {
        let cal = calendar(&[expiry("a"), expiry("b")], 1_800_000_000_000);
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(cal.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert!(cal.contains("\r\nDTSTART:20270131T120000Z\r\n"), "{cal}");
        assert!(cal.contains("\r\nDTSTAMP:20270115T080000Z\r\n"), "{cal}");
        assert!(cal.contains("\r\nUID:abc123@openrouter-admin\r\n"));
        assert!(cal.contains("\r\nTRIGGER:-P7D\r\n"));
        assert!(
            !cal.replace("\r\n", "").contains('\n'),
            "no bare line feeds"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let cal = calendar(&[expiry("x;y")], 0);
        assert!(cal.contains("SUMMARY:API key x\\;y expires\r\n"), "{cal}");
        // The workspace's comma is escaped inside the (folded) description.
        assert!(cal
            .replace("\r\n ", "")
            .contains("workspace Research\\, EU stops"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let name = "é".repeat(100);
        let cal = calendar(&[expiry(&name)], 0);
        for line in cal.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Unfolding (removing CRLF + one space) gives the line back whole.
        let unfolded = cal.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:API key {name} expires\r\n")));
        let folded = cal.split("\r\n").filter(|l| l.starts_with(' ')).count();
        assert!(folded >= 4, "the long lines are folded");
    }
}
