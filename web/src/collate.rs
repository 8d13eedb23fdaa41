//! Lower-casing for search, sort and slugs, and the order names are sorted in.
//!
//! `str::to_lowercase` links Rust's Unicode case tables (about 12 KB of wasm data). ASCII text,
//! nearly all of it here, is lower-cased in Rust; anything else goes to the browser's
//! `String.prototype.toLowerCase`, which applies the same Unicode default case conversion
//! (final sigma included). Native builds (the unit tests) use Rust's own.

/// `s.to_lowercase()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// Orders names as people read them: case-insensitively, and runs of digits by their value, so
/// that "Many 2" comes before "Many 10" (a plain comparison puts "10" first).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (lower(a), lower(b));
    let (mut a, mut b) = (a.as_str(), b.as_str());
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = split_digits(a);
                let (nb, rb) = split_digits(b);
                // Equal values with different zero-padding fall back to the text ("01" < "1").
                let by_value = na
                    .trim_start_matches('0')
                    .len()
                    .cmp(&nb.trim_start_matches('0').len())
                    .then_with(|| na.trim_start_matches('0').cmp(nb.trim_start_matches('0')))
                    .then_with(|| na.cmp(nb));
                if by_value.is_ne() {
                    return by_value;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

/// The leading run of ASCII digits of `s`, and the rest.
fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::{Equal, Greater, Less};

    #[test]
    fn digits_sort_by_value_and_letters_ignore_case() {
        assert_eq!(natural_cmp("Many 2", "Many 10"), Less);
        assert_eq!(natural_cmp("Many 10", "Many 9"), Greater);
        assert_eq!(natural_cmp("alpha", "Beta"), Less);
        assert_eq!(natural_cmp("key-007", "key-7"), Less);
        assert_eq!(natural_cmp("v1.10", "v1.9"), Greater);
        assert_eq!(natural_cmp("Prod", "prod"), Equal);
        assert_eq!(natural_cmp("a", "a1"), Less);
    }

    #[test]
    fn sorting_a_list_reads_naturally() {
        let mut names = vec!["Many 10", "many 1", "Many 2", "Default", "Many 100"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            vec!["Default", "many 1", "Many 2", "Many 10", "Many 100"]
        );
    }
}
