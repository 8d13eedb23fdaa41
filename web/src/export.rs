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

/// Quotes a CSV field when it needs it (RFC 4180), and defuses spreadsheet formulas.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && crate::num::parse(s).is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn num(v: Option<f64>) -> String {
    v.map(crate::num::plain).unwrap_or_default()
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
            crate::num::plain(k.usage),
            crate::num::plain(k.usage_daily),
            crate::num::plain(k.usage_weekly),
            crate::num::plain(k.usage_monthly),
            crate::num::plain(k.byok_usage),
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
    use super::field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-1.5"), "-1.5");
    }
}
