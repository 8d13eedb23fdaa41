//! Recovers the JSON path of a decode error from serde_json's error position.
//!
//! On wasm32 this replaces `serde_path_to_error` (whose per-type tracking wrappers cost
//! ~40 KB of wasm); natively the crate uses `serde_path_to_error` and this module is only
//! tested. Paths look like serde_path_to_error's: `data[1].usage`. Public so that other
//! wasm front ends decoding with serde can name a failing path the same way, without linking
//! serde_path_to_error (the npm bindings no longer decode with serde at all).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

/// The path of the value being read at byte `offset` of `json`.
pub(crate) fn path_at(json: &str, offset: usize) -> String {
    enum Frame {
        Obj {
            key: Option<String>,
            expect_key: bool,
        },
        Arr {
            index: usize,
        },
    }
    let b = json.as_bytes();
    let end = offset.min(b.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Obj { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = Some(
                            json.get(start..i.min(b.len()))
                                .unwrap_or_default()
                                .to_owned(),
                        );
                        *expect_key = false;
                    }
                }
            }
            // A container opened by the very token that failed is not entered.
            b'{' if i + 1 < end => stack.push(Frame::Obj {
                key: None,
                expect_key: true,
            }),
            b'[' if i + 1 < end => stack.push(Frame::Arr { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Obj { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                Some(Frame::Arr { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Obj { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Obj { key: None, .. } => {}
            Frame::Arr { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// Byte offset of serde_json's 1-based (line, column).
pub(crate) fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match json[start..].find('\n') {
            Some(n) => start += n + 1,
            None => break,
        }
    }
    start + column
}

/// The path of a serde_json error in `json`, with a missing field's name appended
/// (`"."` for the root).
///
/// ```
/// let json = r#"{"a":[1,"x"]}"#;
/// let e = serde_json::from_str::<std::collections::HashMap<String, Vec<u8>>>(json).unwrap_err();
/// assert_eq!(openrouter_admin::jsonpath::error_path(json, &e), "a[1]");
/// ```
pub fn error_path(json: &str, e: &serde_json::Error) -> String {
    let mut path = path_at(json, offset_of(json, e.line(), e.column()));
    let msg = e.to_string();
    if let Some(rest) = msg.strip_prefix("missing field `") {
        if let Some(field) = rest.split('`').next() {
            if path == "." {
                path.clear();
            } else {
                path.push('.');
            }
            path.push_str(field);
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        usage: f64,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct List {
        data: Vec<Item>,
    }

    fn path_of<T: for<'de> Deserialize<'de> + std::fmt::Debug>(json: &str) -> String {
        let e = serde_json::from_str::<T>(json).expect_err("fails");
        error_path(json, &e)
    }

    #[test]
    fn paths_match_serde_path_to_error() {
        let cases = [
            (
                r#"{"data":[{"name":"a","usage":1},{"name":"b","usage":"lots"}]}"#,
                "data[1].usage",
            ),
            (
                r#"{"data":[{"name":"a","usage":1},{"name":7,"usage":1}]}"#,
                "data[1].name",
            ),
            (r#"{"data":[{"name":"a"}]}"#, "data[0].usage"),
            (r#"{"data":{"name":"a"}}"#, "data"),
            (r#"{}"#, "data"),
            (
                "{\n  \"data\": [\n    {\"name\": \"x\\\"y\", \"usage\": true}\n  ]\n}",
                "data[0].usage",
            ),
        ];
        for (json, want) in cases {
            let got = path_of::<List>(json);
            let de = &mut serde_json::Deserializer::from_str(json);
            let exact = serde_path_to_error::deserialize::<_, List>(de)
                .expect_err("fails")
                .path()
                .to_string();
            assert_eq!(got, want, "{json}");
            assert!(
                want.starts_with(&exact) || exact == ".",
                "{json}: tracker {got} vs exact {exact}"
            );
        }
    }
}
