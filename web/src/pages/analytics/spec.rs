//! What the Analytics view asks, as plain data: the form's choices, their place in the URL
//! (so a query can be shared and a reload shows the same one), and the core's typed
//! [`AnalyticsQuery`] built from them, every broken rule named by its field before anything
//! is sent.

use openrouter_admin::models::{
    AnalyticsFilter, AnalyticsQuery, FilterOperator, FilterValue, Granularity,
};
use openrouter_admin::time::{format_date, format_datetime, parse_date, parse_datetime};
use openrouter_admin::{Error, FieldError};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
/// The API's limit on filters: the URL holds `f0` to `f19`.
pub const MAX_FILTERS: usize = 20;

/// The window presets, as the URL names them and the form words them.
pub const PRESETS: &[(&str, &str)] = &[
    ("3h", "Last 3 hours"),
    ("24h", "Last 24 hours"),
    ("7d", "Last 7 days"),
    ("30d", "Last 30 days"),
    ("90d", "Last 90 days"),
    ("this-month", "This month"),
    ("last-month", "Last month"),
    ("custom", "Custom dates"),
];

/// The time now, in milliseconds since the epoch (the target's clock).
pub fn now() -> i64 {
    openrouter_admin::time::now_ms() as i64
}

/// One filter row as the form holds it: the values of `in`/`not_in` separated by commas.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FilterSpec {
    /// The dimension.
    pub field: String,
    /// The operator's name.
    pub op: String,
    /// One value, or several separated by commas for `in`/`not_in`.
    pub value: String,
}

impl FilterSpec {
    /// The values, trimmed, empty ones left out (for a list operator, split on commas).
    pub fn values(&self) -> Vec<String> {
        let parts: Vec<&str> = if takes_list(&self.op) {
            self.value.split(',').collect()
        } else {
            vec![self.value.as_str()]
        };
        parts
            .into_iter()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Whether an operator takes a list (`in`, `not_in`).
pub fn takes_list(op: &str) -> bool {
    FilterOperator::parse(op).takes_list()
}

/// A query as the form and the URL hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The metrics, by name.
    pub metrics: Vec<String>,
    /// The dimensions, by name (the API takes 2 at most: a third is kept, and refused).
    pub dimensions: Vec<String>,
    /// The filters.
    pub filters: Vec<FilterSpec>,
    /// The preset the window came from (`PRESETS`).
    pub preset: String,
    /// The window's start, a timestamp with seconds.
    pub start: String,
    /// The window's end (excluded).
    pub end: String,
    /// `""` for totals over the window, else a granularity's name.
    pub granularity: String,
    /// Most rows, as typed.
    pub limit: String,
}

/// The window of `preset` at `now_ms`: `(start, end)` as timestamps with seconds. Day presets
/// cover whole completed UTC days; the hour presets end at the current minute.
pub fn preset_window(preset: &str, now_ms: i64) -> Option<(String, String)> {
    let today = now_ms.div_euclid(DAY_MS);
    let minute = now_ms - now_ms.rem_euclid(60_000);
    let days = |n: i64| ((today - n) * DAY_MS, today * DAY_MS);
    let (start, end) = match preset {
        "3h" => (minute - 3 * HOUR_MS, minute),
        "24h" => (minute - 24 * HOUR_MS, minute),
        "7d" => days(7),
        "30d" => days(30),
        "90d" => days(90),
        "this-month" => {
            let first = parse_date(&format!("{}-01", &format_date(today)[..7]))?;
            (first * DAY_MS, (today + 1) * DAY_MS)
        }
        "last-month" => {
            let (start, end) = last_month(now_ms)?;
            (start * DAY_MS, end * DAY_MS)
        }
        _ => return None,
    };
    Some((format_datetime(start), format_datetime(end)))
}

/// The previous calendar month (UTC) of `now_ms`: its first day and the next month's first
/// day, as day numbers.
pub fn last_month(now_ms: i64) -> Option<(i64, i64)> {
    let this = format_date(now_ms.div_euclid(DAY_MS));
    let end = parse_date(&format!("{}-01", &this[..7]))?;
    let before = format_date(end - 1);
    let start = parse_date(&format!("{}-01", &before[..7]))?;
    Some((start, end))
}

/// `YYYY-MM` of the previous calendar month (UTC) of `now_ms`.
pub fn last_month_name(now_ms: i64) -> String {
    last_month(now_ms)
        .map(|(start, _)| format_date(start)[..7].to_owned())
        .unwrap_or_default()
}

/// The window of a month named `YYYY-MM`: its first day and the next month's, as timestamps.
pub fn month_window(month: &str) -> Option<(String, String)> {
    let start = parse_date(&format!("{month}-01"))?;
    let next = parse_date(&format!("{}-01", &format_date(start + 31)[..7]))?;
    Some((
        format_datetime(start * DAY_MS),
        format_datetime(next * DAY_MS),
    ))
}

/// The day of a timestamp (`YYYY-MM-DD`), for a date input; "" when it is not one.
pub fn day_of(ts: &str) -> String {
    parse_datetime(ts, true)
        .map(|ms| format_date(ms.div_euclid(DAY_MS)))
        .unwrap_or_default()
}

/// The window of custom dates, both included: from `from`'s start to the end of `to`. An
/// unreadable date is kept as typed, for the builder to name.
pub fn custom_window(from: &str, to: &str) -> (String, String) {
    let start = parse_date(from).map_or_else(|| from.to_owned(), |d| format_datetime(d * DAY_MS));
    let end = parse_date(to).map_or_else(|| to.to_owned(), |d| format_datetime((d + 1) * DAY_MS));
    (start, end)
}

/// The inclusive last day of a window that ends at `end` (the day before a midnight end).
pub fn last_day_of(end: &str) -> String {
    parse_datetime(end, true)
        .map(|ms| format_date((ms - 1).div_euclid(DAY_MS)))
        .unwrap_or_default()
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Spec {
    /// What the view shows first: spend by model per day over the last 30 days.
    pub fn default_at(now_ms: i64) -> Spec {
        let (start, end) = preset_window("30d", now_ms).unwrap_or_default();
        Spec {
            metrics: vec!["spend".into()],
            dimensions: vec!["model".into()],
            filters: Vec::new(),
            preset: "30d".into(),
            start,
            end,
            granularity: "day".into(),
            limit: String::new(),
        }
    }

    /// The spec a URL's query holds (`param` reads one parameter, "" when absent); the default
    /// when it holds none.
    pub fn from_params(param: impl Fn(&str) -> String, now_ms: i64) -> Spec {
        if param("m").is_empty() {
            return Spec::default_at(now_ms);
        }
        let filters = (0..MAX_FILTERS)
            .map(|i| param(&format!("f{i}")))
            .filter(|f| !f.is_empty())
            .map(|f| {
                let mut parts = f.splitn(3, ':');
                FilterSpec {
                    field: parts.next().unwrap_or_default().to_owned(),
                    op: parts.next().unwrap_or_default().to_owned(),
                    value: parts.next().unwrap_or_default().to_owned(),
                }
            })
            .collect();
        let preset = param("w");
        let (mut start, mut end) = (param("start"), param("end"));
        if start.is_empty() || end.is_empty() {
            (start, end) = preset_window(&preset, now_ms).unwrap_or_default();
        }
        Spec {
            metrics: list(&param("m")),
            dimensions: list(&param("d")),
            filters,
            preset: if preset.is_empty() {
                "custom".into()
            } else {
                preset
            },
            start,
            end,
            granularity: param("g"),
            limit: param("limit"),
        }
    }

    /// The URL's query parameters for this spec (empty values are left out of the URL).
    pub fn to_params(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("m".to_owned(), self.metrics.join(",")),
            ("d".to_owned(), self.dimensions.join(",")),
            ("w".to_owned(), self.preset.clone()),
            ("start".to_owned(), self.start.clone()),
            ("end".to_owned(), self.end.clone()),
            ("g".to_owned(), self.granularity.clone()),
            ("limit".to_owned(), self.limit.clone()),
        ];
        for (i, f) in self.filters.iter().take(MAX_FILTERS).enumerate() {
            out.push((format!("f{i}"), format!("{}:{}:{}", f.field, f.op, f.value)));
        }
        out
    }

    /// The query, through the core's builder: every step's refusal is kept, each naming its
    /// field (`metrics`, `dimensions`, `filters[i].value`, `time_range.start`, `granularity`,
    /// `limit`), so the form can show each beside its own field.
    pub fn build(&self) -> Result<AnalyticsQuery, Error> {
        let mut errors: Vec<FieldError> = Vec::new();
        let keep = |e: Error, errors: &mut Vec<FieldError>| {
            errors.extend(e.validation_errors().iter().cloned());
        };
        let Some((first, rest)) = self.metrics.split_first() else {
            return Err(Error::validation(vec![FieldError::new(
                "metrics",
                "min_items",
                "choose at least one metric",
            )]));
        };
        let mut q = AnalyticsQuery::new(first.clone());
        for m in rest {
            q = q.metric(m.clone());
        }
        for d in &self.dimensions {
            match q.clone().group_by(d.clone()) {
                Ok(next) => q = next,
                Err(e) => keep(e, &mut errors),
            }
        }
        match q.clone().window(&self.start, &self.end) {
            Ok(next) => q = next,
            Err(e) => keep(e, &mut errors),
        }
        if !self.granularity.is_empty() {
            match q.clone().granularity(Granularity::parse(&self.granularity)) {
                Ok(next) => q = next,
                Err(e) => keep(e, &mut errors),
            }
        }
        for (i, f) in self.filters.iter().enumerate() {
            let at = q.body().filters.as_ref().map_or(0, Vec::len);
            match q.clone().filter(self.filter(i, f, &mut errors)) {
                Ok(next) => q = next,
                Err(e) => {
                    // The builder numbers the filters it holds; the form numbers its rows.
                    let from = format!("filters[{at}]");
                    let to = format!("filters[{i}]");
                    for fe in e.validation_errors() {
                        let mut fe = fe.clone();
                        fe.field = fe.field.replacen(&from, &to, 1);
                        // An empty value is named once, in the form's words.
                        if !errors.iter().any(|had| had.field == fe.field) {
                            errors.push(fe);
                        }
                    }
                }
            }
        }
        let limit = self.limit.trim();
        if !limit.is_empty() {
            match limit
                .parse::<u32>()
                .map_err(|_| ())
                .and_then(|n| q.clone().limit(n).map_err(|_| ()))
            {
                Ok(next) => q = next,
                Err(()) => errors.push(FieldError::new(
                    "limit",
                    "range",
                    "must be a whole number from 1 to 10000",
                )),
            }
        }
        if errors.is_empty() {
            q.clone().build().map(|_| q)
        } else {
            Err(Error::validation(errors))
        }
    }

    /// One filter row as the builder takes it; a row the form cannot make one of is named.
    fn filter(&self, i: usize, f: &FilterSpec, errors: &mut Vec<FieldError>) -> AnalyticsFilter {
        let values = f.values();
        if values.is_empty() {
            errors.push(FieldError::new(
                format!("filters[{i}].value"),
                "required",
                if takes_list(&f.op) {
                    "give at least one value (separate values with commas)"
                } else {
                    "give a value"
                },
            ));
        }
        let value = if takes_list(&f.op) {
            FilterValue::texts(&values)
        } else {
            FilterValue::text(values.first().map_or("", String::as_str))
        };
        AnalyticsFilter::new(f.field.clone(), FilterOperator::parse(&f.op), value)
    }
}

/// Where a field's error goes in the form: `metrics`, `dimensions`, `window`, `granularity`,
/// `limit`, `filter<i>`; `None` for anything else (shown above the result).
pub fn place_of(field: &str) -> Option<String> {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    match head {
        "metrics" | "dimensions" | "granularity" | "limit" => Some(head.to_owned()),
        "time_range" => Some("window".to_owned()),
        "filters" => {
            let index = field
                .strip_prefix("filters[")
                .and_then(|r| r.split(']').next())
                .and_then(|n| n.parse::<usize>().ok());
            Some(index.map_or_else(|| "filters".to_owned(), |i| format!("filter{i}")))
        }
        _ => None,
    }
}

/// The fields an API 400 names: its message is `field: rule; field: rule` (the sandbox's and
/// the API's shape), each part read as a [`FieldError`] on the field before its colon.
pub fn api_field_errors(e: &Error) -> Vec<FieldError> {
    if e.status() != Some(400) {
        return Vec::new();
    }
    e.message()
        .split("; ")
        .filter_map(|part| {
            let (field, rule) = part.split_once(": ")?;
            let ok = !field.is_empty()
                && field
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.[]".contains(&b));
            ok.then(|| FieldError::new(field, "api", rule))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    const NOW: i64 = 1_796_558_400_000; // 2026-12-06T12:00:00Z

    fn spec() -> Spec {
        Spec {
            metrics: vec!["spend".into(), "request_count".into()],
            dimensions: vec!["workspace".into()],
            filters: vec![FilterSpec {
                field: "api_key_id".into(),
                op: "in".into(),
                value: "abc, def:1".into(),
            }],
            preset: "last-month".into(),
            start: "2026-11-01T00:00:00Z".into(),
            end: "2026-12-01T00:00:00Z".into(),
            granularity: "day".into(),
            limit: "500".into(),
        }
    }

    #[test]
    fn the_url_holds_the_whole_query() {
        let s = spec();
        let map: BTreeMap<String, String> = s.to_params().into_iter().collect();
        let back = Spec::from_params(|k| map.get(k).cloned().unwrap_or_default(), NOW + DAY_MS);
        assert_eq!(back, s, "a day later the URL still names the same window");
        assert_eq!(
            Spec::from_params(|_| String::new(), NOW),
            Spec::default_at(NOW)
        );
    }

    #[test]
    fn windows_are_calendar_and_day_aligned() {
        assert_eq!(
            preset_window("last-month", NOW),
            Some(("2026-11-01T00:00:00Z".into(), "2026-12-01T00:00:00Z".into()))
        );
        assert_eq!(
            preset_window("7d", NOW),
            Some(("2026-11-29T00:00:00Z".into(), "2026-12-06T00:00:00Z".into()))
        );
        assert_eq!(
            preset_window("3h", NOW),
            Some(("2026-12-06T09:00:00Z".into(), "2026-12-06T12:00:00Z".into()))
        );
        let jan = parse_date("2027-01-15").expect("date") * DAY_MS;
        assert_eq!(last_month_name(jan), "2026-12");
        assert_eq!(
            month_window("2026-12"),
            Some(("2026-12-01T00:00:00Z".into(), "2027-01-01T00:00:00Z".into()))
        );
        assert_eq!(
            custom_window("2026-11-01", "2026-11-30"),
            ("2026-11-01T00:00:00Z".into(), "2026-12-01T00:00:00Z".into())
        );
        assert_eq!(last_day_of("2026-12-01T00:00:00Z"), "2026-11-30");
    }

    #[test]
    fn the_builder_names_each_broken_field() {
        let q = spec().build().expect("valid");
        let body = q.build().expect("body");
        let filter = &body.filters.as_ref().expect("filters")[0];
        assert_eq!(filter.value.0, r#"["abc","def:1"]"#);

        let mut s = spec();
        s.dimensions = vec!["workspace".into(), "model".into(), "user".into()];
        s.granularity = "minute".into();
        s.filters[0].value = " , ".into();
        s.limit = "0".into();
        let e = s.build().expect_err("refused");
        let fields: Vec<&str> = e
            .validation_errors()
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(
            fields,
            ["dimensions", "granularity", "filters[0].value", "limit"]
        );
        s.metrics.clear();
        assert_eq!(
            s.build().expect_err("no metric").validation_errors()[0].field,
            "metrics"
        );
    }

    #[test]
    fn errors_find_their_place() {
        assert_eq!(place_of("filters[3].value").as_deref(), Some("filter3"));
        assert_eq!(place_of("time_range.start").as_deref(), Some("window"));
        assert_eq!(place_of("dimensions[1]").as_deref(), Some("dimensions"));
        assert_eq!(place_of("order_by"), None);
        let e = Error::from_response(
            400,
            &[],
            r#"{"error":{"code":400,"message":"dimensions: at most 2; time_range: end must be after start"}}"#,
        );
        let got: Vec<(String, String)> = api_field_errors(&e)
            .into_iter()
            .map(|f| (f.field, f.message))
            .collect();
        assert_eq!(got[0], ("dimensions".into(), "at most 2".into()));
        assert_eq!(got[1].0, "time_range");
    }
}
