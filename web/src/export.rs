//! Export of the keys in the current view as CSV or JSON, downloaded from a Blob URL.

use openrouter_admin::models::ApiKey;

const COLUMNS: &[&str] = &[
    "name",
    "label",
    "hash",
    "status",
    "disabled",
    "limit",
    "limit_remaining",
    "limit_reset",
    "include_byok_in_limit",
    "usage",
    "usage_daily",
    "usage_weekly",
    "usage_monthly",
    "byok_usage",
    "expires_at",
    "created_at",
];

/// What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): `=`, `+`, `-`,
/// `@`, and TAB or CR, which some spreadsheets skip before reading one of the others.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet could read `s` as a formula: it starts with a formula character, or a
/// separator inside it (`,`, or `;` where that is the list separator) is followed by one, so the
/// text after it would become a cell of its own. A plain number (`-1.5`) is a value, not a formula.
fn formula_like(s: &str) -> bool {
    let starts = |t: &str| t.starts_with(FORMULA_START);
    let after_separator = s
        .match_indices([',', ';'])
        .any(|(at, sep)| starts(&s[at + sep.len()..]));
    (starts(s) && crate::decimal::parse(s).is_err()) || after_separator
}

/// Quotes a CSV field when it needs it (RFC 4180), and defuses spreadsheet formulas as OWASP
/// says: a single quote before the cell, and the cell quoted, so no separator inside it splits it.
fn field(s: &str) -> String {
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    if formula_like(s) {
        quoted(&format!("'{s}"))
    } else if s.contains([',', ';', '"', '\n', '\r']) {
        quoted(s)
    } else {
        s.to_string()
    }
}

fn num(v: Option<f64>) -> String {
    v.map(crate::decimal::plain).unwrap_or_default()
}

/// The keys as CSV with a header row.
pub fn csv(keys: &[&ApiKey]) -> String {
    let now = crate::domain::now_iso();
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for k in keys.iter().copied() {
        let row = [
            field(&k.name),
            field(&k.label),
            field(k.hash.as_str()),
            crate::domain::status(k, &now).to_string(),
            k.disabled.to_string(),
            num(k.limit),
            num(k.limit_remaining),
            k.limit_reset
                .as_ref()
                .map(|r| r.as_str().to_string())
                .unwrap_or_default(),
            k.include_byok_in_limit.to_string(),
            crate::decimal::plain(k.usage),
            crate::decimal::plain(k.usage_daily),
            crate::decimal::plain(k.usage_weekly),
            crate::decimal::plain(k.usage_monthly),
            crate::decimal::plain(k.byok_usage),
            k.expires_at
                .as_ref()
                .map(|e| e.as_str().to_string())
                .unwrap_or_default(),
            k.created_at.as_str().to_string(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A table as CSV: the header row, then each row, every cell quoted and defused as [`csv`]'s.
pub fn table_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The keys as a JSON array, in the API's own shape.
pub fn json(keys: &[&ApiKey]) -> String {
    serde_json::to_string_pretty(keys).unwrap_or_else(|_| "[]".into())
}

/// Offers `body` as a file download.
pub fn download(name: &str, mime: &str, body: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let doc = leptos::prelude::document();
        if let Some(a) = doc
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (name, mime, body);
    }
}

#[cfg(test)]
mod tests {
    use super::{field, table_csv};

    #[test]
    fn a_table_is_quoted_and_defused_cell_by_cell() {
        let header = vec!["workspace".to_owned(), "spend".to_owned()];
        let rows = vec![
            vec!["=HYPERLINK(\"x\")".to_owned(), "1.5".to_owned()],
            vec!["a,b".to_owned(), "-2".to_owned()],
        ];
        assert_eq!(
            table_csv(&header, &rows),
            "workspace,spend\r\n\"'=HYPERLINK(\"\"x\"\")\",1.5\r\n\"a,b\",-2\r\n"
        );
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        // OWASP: the single quote, and the cell quoted (it was `'=SUM(A1)` unquoted before).
        assert_eq!(field("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(field("-1.5"), "-1.5");
    }

    #[test]
    fn every_formula_prefix_is_defused() {
        for (cell, csv) in [
            ("=1+1", "\"'=1+1\""),
            ("+1+1", "\"'+1+1\""),
            ("-1+1", "\"'-1+1\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1+1", "\"'\t=1+1\""),
            ("\r=1+1", "\"'\r=1+1\""),
            ("\tplain", "\"'\tplain\""),
            // A separator followed by a formula character: split there, the rest is a formula.
            ("x;=1+1", "\"'x;=1+1\""),
            ("x,=1+1", "\"'x,=1+1\""),
            ("x;+1", "\"'x;+1\""),
            ("x;-1", "\"'x;-1\""),
            ("x,@a", "\"'x,@a\""),
            ("x;\t=1", "\"'x;\t=1\""),
            ("x;\r=1", "\"'x;\r=1\""),
            ("a\"b;=1", "\"'a\"\"b;=1\""),
        ] {
            assert_eq!(field(cell), csv, "{cell:?}");
        }
    }

    #[test]
    fn harmless_cells_are_left_alone_or_only_quoted() {
        assert_eq!(field("-2"), "-2");
        assert_eq!(field("+3.25"), "+3.25");
        assert_eq!(field("a=b"), "a=b");
        assert_eq!(field("a-b@c"), "a-b@c");
        assert_eq!(field("x; y"), "\"x; y\"");
        assert_eq!(field("x, -"), "\"x, -\"");
        assert_eq!(field(""), "");
    }
}
