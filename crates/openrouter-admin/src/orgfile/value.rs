//! A managed field's value and type: what every area's entries are made of, read from the file,
//! compared with the live object and written back the same way whatever the area.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::jsonc::{Node, Tree};
use crate::checks::{check_utc_datetime, is_valid_slug};
use crate::error::FieldError;

/// A field's value, in the file or on the live object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// Cleared (`null`).
    Null,
    /// A switch.
    Bool(bool),
    /// A number (USD for money fields).
    Number(f64),
    /// Text: a name, a choice, a timestamp, an id.
    Text(String),
    /// A set of names or ids (compared as a set, written sorted).
    Set(BTreeSet<String>),
}

/// A field's type in the file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// `true` / `false`.
    Bool,
    /// US dollars, ≥ 0.
    Usd,
    /// A number between the two bounds, inclusive.
    Number(f64, f64),
    /// Text of 1 to this many characters.
    Text(usize),
    /// A workspace slug: 1 to 50 lowercase letters and digits in groups joined by single hyphens.
    Slug,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// A UTC timestamp (`2027-01-31T00:00:00Z`).
    Time,
    /// A set of strings; `true` when the API refuses an empty one.
    Set(bool),
    /// The address of an entry of another section, or the id of a live object there.
    Ref(&'static str),
    /// A set of such references (a guardrail's keys).
    Refs(&'static str),
}

/// Which change of a field gives more than before: a plan flags such a change for review.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Widens {
    /// No direction is wider.
    Never,
    /// A higher amount or `null` (no limit).
    WhenRaised,
    /// More items in the set.
    WhenAdded,
    /// A later time or `null` (never).
    WhenLater,
    /// Fewer items in the set (a list of what is turned off or ignored), or `null` (none).
    WhenRemoved,
    /// More items in an allow list, or `null` (everything allowed).
    WhenAllowed,
    /// From `false` (or unset) to `true` (a permission turned on).
    WhenTrue,
    /// From `true` to `false` (a key enabled again).
    WhenFalse,
    /// To this choice from another (a mapping's role made `admin`).
    WhenBecomes(&'static str),
}

/// One managed field of an area's entry.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// Its name in the file (`budgets.daily` for a field of a nested object).
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Whether `null` is a value the API takes for it.
    pub nullable: bool,
    /// When changing it needs a new object: the sentence that says what that does.
    pub replaces: Option<&'static str>,
    /// Which change gives more.
    pub widens: Widens,
    /// An instruction to the apply rather than a property of the live object (what a SCIM
    /// mapping's delete does with its members): never compared, never exported.
    pub directive: bool,
}

impl FieldSpec {
    /// A field that is changed in place and widens nothing.
    pub const fn plain(name: &'static str, kind: Kind, nullable: bool) -> Self {
        FieldSpec {
            name,
            kind,
            nullable,
            replaces: None,
            widens: Widens::Never,
            directive: false,
        }
    }

    /// The same field, an instruction to the apply: read and checked like the others, never
    /// compared with the live object nor exported.
    pub const fn directive(mut self) -> Self {
        self.directive = true;
        self
    }

    /// The same field, flagged when a change widens it.
    pub const fn widens(mut self, widens: Widens) -> Self {
        self.widens = widens;
        self
    }

    /// The same field, replaced rather than updated when it changes.
    pub const fn replaces(mut self, sentence: &'static str) -> Self {
        self.replaces = Some(sentence);
        self
    }

    /// Reads this field's value at `path`, or the error naming the path and the rule.
    pub fn read(&self, path: &str, node: &Node) -> Result<Value, FieldError> {
        let fail = |rule: &str, message: String| {
            FieldError::new(path, rule, format!("{message} (line {})", node.at.line))
        };
        let found = node.value.type_name();
        match (&node.value, self.kind) {
            (Tree::Null, _) if self.nullable => Ok(Value::Null),
            (Tree::Null, _) => Err(fail(
                "not_null",
                "cannot be null: leave the field out instead".into(),
            )),
            (Tree::Bool(b), Kind::Bool) => Ok(Value::Bool(*b)),
            (Tree::Number(n), Kind::Usd) if *n >= 0.0 => Ok(Value::Number(*n)),
            (Tree::Number(_), Kind::Usd) => {
                Err(fail("range", "must be 0 or more US dollars".into()))
            }
            (Tree::Number(n), Kind::Number(lo, hi)) if (lo..=hi).contains(n) => {
                Ok(Value::Number(*n))
            }
            (Tree::Number(_), Kind::Number(lo, hi)) => {
                Err(fail("range", format!("must be between {lo} and {hi}")))
            }
            (Tree::Text(t), Kind::Text(max)) => match t.chars().count() {
                0 => Err(fail("min_length", "must not be empty".into())),
                n if n > max => Err(fail(
                    "max_length",
                    format!("must be at most {max} characters"),
                )),
                _ => Ok(Value::Text(t.clone())),
            },
            (Tree::Text(t), Kind::Slug) if t.chars().count() <= 50 && is_valid_slug(t) => {
                Ok(Value::Text(t.clone()))
            }
            (Tree::Text(_), Kind::Slug) => Err(fail(
                "pattern",
                "must be 1 to 50 lowercase letters and digits in groups joined by single hyphens"
                    .into(),
            )),
            (Tree::Text(t), Kind::Choice(words)) if words.contains(&t.as_str()) => {
                Ok(Value::Text(t.clone()))
            }
            (Tree::Text(_), Kind::Choice(words)) => Err(fail(
                "one_of",
                format!("must be one of: {}", words.join(", ")),
            )),
            (Tree::Text(t), Kind::Time) => match check_utc_datetime(t) {
                Ok(()) => Ok(Value::Text(t.clone())),
                Err((rule, message)) => Err(fail(rule, message)),
            },
            (Tree::Text(t), Kind::Ref(_)) if !t.is_empty() => Ok(Value::Text(t.clone())),
            (Tree::List(items), Kind::Set(_) | Kind::Refs(_)) => {
                let non_empty = matches!(self.kind, Kind::Set(true));
                if non_empty && items.is_empty() {
                    return Err(fail(
                        "min_items",
                        "must not be empty (the API refuses []): write null to clear it".into(),
                    ));
                }
                let mut set = BTreeSet::new();
                for (i, item) in items.iter().enumerate() {
                    match &item.value {
                        Tree::Text(t) if !t.is_empty() => {
                            if !set.insert(t.clone()) {
                                return Err(FieldError::new(
                                    format!("{path}[{i}]"),
                                    "unique",
                                    format!("`{t}` is listed twice (line {})", item.at.line),
                                ));
                            }
                        }
                        other => {
                            return Err(FieldError::new(
                                format!("{path}[{i}]"),
                                "type",
                                format!(
                                    "expected a non-empty string, found {} (line {})",
                                    other.type_name(),
                                    item.at.line
                                ),
                            ))
                        }
                    }
                }
                Ok(Value::Set(set))
            }
            _ => Err(fail(
                "type",
                format!("expected {}, found {found}", self.kind.describe()),
            )),
        }
    }

    /// Whether changing the live value `before` to `after` gives more than before.
    pub fn is_wider(&self, before: &Value, after: &Value) -> bool {
        match (self.widens, before, after) {
            (Widens::WhenRaised | Widens::WhenLater, Value::Null, _) => false,
            (Widens::WhenRaised | Widens::WhenLater, _, Value::Null) => true,
            (Widens::WhenRaised, Value::Number(b), Value::Number(a)) => a > b,
            // RFC 3339 UTC timestamps of one shape compare as text in time order.
            (Widens::WhenLater, Value::Text(b), Value::Text(a)) => a > b,
            (Widens::WhenAdded, Value::Set(b), Value::Set(a)) => !a.is_subset(b),
            (Widens::WhenAdded, Value::Null, Value::Set(a)) => !a.is_empty(),
            (Widens::WhenRemoved, Value::Set(b), Value::Set(a)) => !b.is_subset(a),
            (Widens::WhenRemoved, Value::Set(b), Value::Null) => !b.is_empty(),
            (Widens::WhenAllowed, Value::Set(_), Value::Null) => true,
            (Widens::WhenAllowed, Value::Set(b), Value::Set(a)) => !a.is_subset(b),
            (Widens::WhenTrue, Value::Bool(false) | Value::Null, Value::Bool(true)) => true,
            (Widens::WhenFalse, Value::Bool(true), Value::Bool(false)) => true,
            (Widens::WhenBecomes(to), Value::Text(b), Value::Text(a)) => a == to && b != to,
            _ => false,
        }
    }
}

impl Kind {
    /// The type as a person reads it in an error.
    pub fn describe(&self) -> String {
        match self {
            Kind::Bool => "true or false".into(),
            Kind::Usd => "an amount of US dollars (a number)".into(),
            Kind::Number(lo, hi) => format!("a number between {lo} and {hi}"),
            Kind::Text(_) => "a string".into(),
            Kind::Slug => "a slug (lowercase letters, digits, single hyphens)".into(),
            Kind::Choice(words) => format!("one of: {}", words.join(", ")),
            Kind::Time => "a UTC timestamp such as 2027-01-31T00:00:00Z".into(),
            Kind::Set(_) => "an array of strings".into(),
            Kind::Ref(section) => format!("the address of an entry of `{section}`, or an id"),
            Kind::Refs(section) => format!("addresses of entries of `{section}`, or ids"),
        }
    }
}

impl Value {
    /// The value as a plan shows it: money as `$1.50`, sets as `[a, b]`.
    pub fn show(&self, kind: Kind) -> String {
        match (self, kind) {
            (Value::Null, Kind::Usd) => "no limit".into(),
            (Value::Null, _) => "null".into(),
            (Value::Bool(b), _) => b.to_string(),
            (Value::Number(n), Kind::Usd) => usd(*n),
            (Value::Number(n), _) => n.to_string(),
            (Value::Text(t), _) => format!("\"{t}\""),
            (Value::Set(s), _) => format!("[{}]", s.iter().cloned().collect::<Vec<_>>().join(", ")),
        }
    }
}

/// Equal as the API stores them: amounts to a billionth of a dollar.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

/// US dollars with cents (`$12.50`, `-$3.00`); more digits only when the cents do not hold it.
pub fn usd(n: f64) -> String {
    let sign = if n < 0.0 { "-" } else { "" };
    let cents = (n.abs() * 100.0).round() / 100.0;
    if (cents - n.abs()).abs() < 1e-9 {
        format!("{sign}${:.2}", n.abs())
    } else {
        format!("{sign}${}", n.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgfile::jsonc::parse;

    fn read(spec: FieldSpec, text: &str) -> Result<Value, FieldError> {
        spec.read("workspaces.prod.x", &parse(text).expect("test data"))
    }

    #[test]
    fn each_kind_refuses_what_the_api_refuses_naming_the_rule() {
        let usd = FieldSpec::plain("limit", Kind::Usd, true);
        assert_eq!(read(usd, "12.5").expect("test data"), Value::Number(12.5));
        assert_eq!(read(usd, "null").expect("test data"), Value::Null);
        assert_eq!(read(usd, "-1").expect_err("must be refused").rule, "range");
        assert_eq!(
            read(usd, "\"12\"").expect_err("must be refused").rule,
            "type"
        );
        let regions = FieldSpec::plain("allowed_data_regions", Kind::Set(true), true);
        let e = read(regions, "[]").expect_err("must be refused");
        assert_eq!(
            (e.field.as_str(), e.rule.as_str()),
            ("workspaces.prod.x", "min_items")
        );
        assert_eq!(
            read(regions, "[\"eu\", \"eu\"]")
                .expect_err("must be refused")
                .field,
            "workspaces.prod.x[1]"
        );
        assert_eq!(
            read(regions, "[1]").expect_err("must be refused").rule,
            "type"
        );
        let name = FieldSpec::plain("name", Kind::Text(100), false);
        assert_eq!(
            read(name, "null").expect_err("must be refused").rule,
            "not_null"
        );
        assert_eq!(
            read(name, "\"\"").expect_err("must be refused").rule,
            "min_length"
        );
        let time = FieldSpec::plain("expires_at", Kind::Time, true);
        assert!(read(time, "\"2027-01-31T00:00:00Z\"").is_ok());
        assert!(read(time, "\"tomorrow\"").is_err());
        let sort = FieldSpec::plain("sort", Kind::Choice(&["price", "latency"]), true);
        assert_eq!(
            read(sort, "\"fast\"").expect_err("must be refused").rule,
            "one_of"
        );
    }

    #[test]
    fn widening_follows_the_field_direction() {
        let limit = FieldSpec::plain("limit", Kind::Usd, true).widens(Widens::WhenRaised);
        assert!(limit.is_wider(&Value::Number(5.0), &Value::Number(10.0)));
        assert!(
            limit.is_wider(&Value::Number(5.0), &Value::Null),
            "no limit is wider"
        );
        assert!(!limit.is_wider(&Value::Number(10.0), &Value::Number(5.0)));
        assert!(!limit.is_wider(&Value::Null, &Value::Number(5.0)));
        let models = FieldSpec::plain("models", Kind::Set(false), true).widens(Widens::WhenAdded);
        let set = |v: &[&str]| Value::Set(v.iter().map(|s| s.to_string()).collect());
        assert!(models.is_wider(&set(&["a"]), &set(&["a", "b"])));
        assert!(!models.is_wider(&set(&["a", "b"]), &set(&["a"])));
        let expiry = FieldSpec::plain("expires_at", Kind::Time, true).widens(Widens::WhenLater);
        let t = |s: &str| Value::Text(s.into());
        assert!(expiry.is_wider(&t("2027-01-01T00:00:00Z"), &t("2027-02-01T00:00:00Z")));
        assert!(expiry.is_wider(&t("2027-01-01T00:00:00Z"), &Value::Null));
        let disabled = FieldSpec::plain("disabled", Kind::Bool, false).widens(Widens::WhenFalse);
        assert!(disabled.is_wider(&Value::Bool(true), &Value::Bool(false)));
    }

    #[test]
    fn money_shows_as_dollars_and_cents() {
        assert_eq!(usd(12.5), "$12.50");
        assert_eq!(usd(-3.0), "-$3.00");
        assert_eq!(usd(0.001), "$0.001");
    }
}
