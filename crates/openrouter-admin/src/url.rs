//! URLs: percent-encoding of path segments and query components, and the URL of a request.
//!
//! Public so that the admin page's router spells a segment exactly as the client does.

fn encode_into(out: &mut String, s: &str) {
    // Hex digits from a table rather than `format!("%{b:02X}")`, which would link the
    // formatter's hex and padding code into wasm builds for this one use.
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
}

/// Percent-encodes one path segment or query component.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// `base` + `path` + `?k=v&...`, each query name and value percent-encoded; `path` is taken
/// as given (its segments are encoded when it is built, see [`encode_component`]).
pub fn build_url(base: &str, path: &str, query: &[(String, String)]) -> String {
    let mut url = String::with_capacity(base.len() + path.len() + 32);
    url.push_str(base);
    if !path.starts_with('/') {
        url.push('/');
    }
    url.push_str(path);
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        encode_into(&mut url, k);
        url.push('=');
        encode_into(&mut url, v);
    }
    url
}

/// The origin of an absolute URL, `scheme://host[:port]`: no user name or password, path,
/// query or fragment. What a browser's refusal is about, and safe to show. A URL without a
/// scheme is returned up to its query or fragment.
pub fn origin(url: &str) -> String {
    // Byte scans and `get` rather than `split_once("://")` and `&url[..n]`: a substring
    // searcher and the panic path of string slicing (with its char formatting tables) would be
    // linked into both wasm builds for this one use.
    let upto = |s: &str, stops: &[u8]| s.bytes().position(|b| stops.contains(&b));
    let Some(colon) = url.as_bytes().windows(3).position(|w| w == b"://") else {
        let end = upto(url, b"?#").unwrap_or(url.len());
        return url.get(..end).unwrap_or_default().to_owned();
    };
    let rest = url.get(colon + 3..).unwrap_or_default();
    let end = upto(rest, b"/?#").unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or_default();
    let host = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => authority.get(at + 1..).unwrap_or_default(),
        None => authority,
    };
    let mut out = String::with_capacity(colon + 3 + host.len());
    out.push_str(url.get(..colon + 3).unwrap_or_default());
    out.push_str(host);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_keep_scheme_host_and_port_only() {
        assert_eq!(
            origin("http://127.0.0.1:8787/api/v1/keys?x=1"),
            "http://127.0.0.1:8787"
        );
        assert_eq!(
            origin("https://openrouter.ai/api/v1"),
            "https://openrouter.ai"
        );
        assert_eq!(origin("https://openrouter.ai?q#f"), "https://openrouter.ai");
        // Credentials in a base URL are never repeated in a message.
        assert_eq!(
            origin("https://user:sk-or-v1-secret@proxy.example:8443/api/v1"),
            "https://proxy.example:8443"
        );
        assert_eq!(origin("/api/v1?x=1"), "/api/v1");
    }

    #[test]
    fn urls_are_encoded() {
        assert_eq!(
            build_url(
                "http://x/api/v1",
                "/keys",
                &[("workspace_id".into(), "a b&c".into())]
            ),
            "http://x/api/v1/keys?workspace_id=a%20b%26c"
        );
        assert_eq!(encode_component("prod/x"), "prod%2Fx");
        // Every byte of a multi-byte character, in upper-case hex; unreserved ones stay.
        assert_eq!(encode_component("é~ö\u{7f}"), "%C3%A9~%C3%B6%7F");
    }
}
