//! The analytics area's rules: the query's limits, checked before anything is sent (the
//! API's own, from its documentation and @openrouter/sdk 1.3.19).

use crate::areas::analytics::models::{AnalyticsQueryBody, Granularity};
use crate::checks::Validate;
use crate::error::FieldError;
use crate::time::parse_datetime;

/// Most dimensions a query groups by.
pub const MAX_ANALYTICS_DIMENSIONS: usize = 2;
/// Most filters a query takes.
pub const MAX_ANALYTICS_FILTERS: usize = 20;
/// Most rows (`limit`) and rows per group (`group_limit`).
pub const MAX_ANALYTICS_LIMIT: u32 = 10_000;
/// The longest window, in days.
pub const MAX_ANALYTICS_DAYS: i64 = 365;
/// The longest window with classifier dimensions, in days.
pub const MAX_CLASSIFIER_DAYS: i64 = 31;
/// The longest window a minute granularity takes, in hours.
pub const MAX_MINUTE_WINDOW_HOURS: i64 = 3;
/// The window when a query gives none, in days.
pub const DEFAULT_ANALYTICS_DAYS: i64 = 7;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// A timestamp with seconds, or the error naming `field`.
pub(crate) fn check_timestamp(out: &mut Vec<FieldError>, field: &str, s: &str) -> Option<i64> {
    let with_seconds = s.as_bytes().get(16) == Some(&b':');
    match parse_datetime(s, true) {
        Some(ms) if with_seconds => Some(ms),
        _ => {
            out.push(FieldError::new(
                field,
                "date_time",
                "must be a timestamp with seconds, such as 2026-01-01T00:00:00Z",
            ));
            None
        }
    }
}

/// The window's length in milliseconds when both ends read; errors for each end that does
/// not, and for an end not after the start.
pub(crate) fn window_ms(out: &mut Vec<FieldError>, start: &str, end: &str) -> Option<i64> {
    let s = check_timestamp(out, "time_range.start", start);
    let e = check_timestamp(out, "time_range.end", end);
    let (s, e) = (s?, e?);
    if e <= s {
        out.push(FieldError::new(
            "time_range",
            "order",
            "time_range.end must be after time_range.start",
        ));
        return None;
    }
    Some(e - s)
}

/// `limit` or `group_limit`: a whole number from 1 to 10,000.
fn check_limit(out: &mut Vec<FieldError>, field: &str, v: Option<f64>) {
    if let Some(v) = v {
        if !(v.fract() == 0.0 && (1.0..=f64::from(MAX_ANALYTICS_LIMIT)).contains(&v)) {
            out.push(FieldError::new(
                field,
                "range",
                "must be a whole number from 1 to 10000",
            ));
        }
    }
}

impl Validate for AnalyticsQueryBody {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.metrics.is_empty() {
            out.push(FieldError::new(
                "metrics",
                "min_items",
                "a query needs at least one metric",
            ));
        }
        for (i, m) in self.metrics.iter().enumerate() {
            if m.is_empty() {
                out.push(FieldError::new(
                    format!("metrics[{i}]"),
                    "min_length",
                    "must name a metric",
                ));
            }
        }
        let dimensions = self.dimensions.as_deref().unwrap_or_default();
        if dimensions.len() > MAX_ANALYTICS_DIMENSIONS {
            out.push(FieldError::new(
                "dimensions",
                "max_items",
                "a query groups by at most 2 dimensions",
            ));
        }
        let filters = self.filters.as_deref().unwrap_or_default();
        if filters.len() > MAX_ANALYTICS_FILTERS {
            out.push(FieldError::new(
                "filters",
                "max_items",
                "a query takes at most 20 filters",
            ));
        }
        for (i, f) in filters.iter().enumerate() {
            if f.field.is_empty() {
                out.push(FieldError::new(
                    format!("filters[{i}].field"),
                    "min_length",
                    "must name a dimension",
                ));
            }
            if !f.operator.is_known() {
                out.push(FieldError::new(
                    format!("filters[{i}].operator"),
                    "enum",
                    "must be one of eq, neq, in, not_in, gt, gte, lt, lte",
                ));
            }
            match f.value.value_count() {
                None => out.push(FieldError::new(
                    format!("filters[{i}].value"),
                    "type",
                    "must be a string, a number, or a list of them",
                )),
                Some(n) if f.operator.takes_list() && (!f.value.is_list() || n == 0) => {
                    out.push(FieldError::new(
                        format!("filters[{i}].value"),
                        "type",
                        "in and not_in take a non-empty list",
                    ))
                }
                Some(_) if !f.operator.takes_list() && f.value.is_list() => {
                    out.push(FieldError::new(
                        format!("filters[{i}].value"),
                        "type",
                        "this operator takes one value, not a list",
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(g) = &self.granularity {
            if !g.is_known() {
                out.push(FieldError::new(
                    "granularity",
                    "enum",
                    "granularity must be one of minute, hour, day, week, month",
                ));
            }
        }
        let window = match &self.time_range {
            Some(r) => window_ms(&mut out, &r.start, &r.end),
            None => Some(DEFAULT_ANALYTICS_DAYS * DAY_MS),
        };
        if let Some(w) = window {
            let classifier = self.classifier_dimensions.is_some();
            let max = if classifier {
                MAX_CLASSIFIER_DAYS
            } else {
                MAX_ANALYTICS_DAYS
            };
            if w > max * DAY_MS {
                out.push(FieldError::new(
                    "time_range",
                    "max_window",
                    if classifier {
                        "a query with classifier dimensions covers at most 31 days"
                    } else {
                        "a query covers at most 365 days"
                    },
                ));
            } else if self.granularity == Some(Granularity::Minute)
                && w > MAX_MINUTE_WINDOW_HOURS * HOUR_MS
            {
                out.push(FieldError::new(
                    "granularity",
                    "minute_window",
                    "minute granularity is only for windows of 3 hours or less (with no time_range the window is 7 days)",
                ));
            }
        }
        check_limit(&mut out, "limit", self.limit);
        check_limit(&mut out, "group_limit", self.group_limit);
        if let Some(o) = &self.order_by {
            if o.field.is_empty() {
                out.push(FieldError::new(
                    "order_by.field",
                    "min_length",
                    "must name what to order by",
                ));
            }
            if !o.direction.is_known() {
                out.push(FieldError::new(
                    "order_by.direction",
                    "enum",
                    "must be asc or desc",
                ));
            }
        }
        for (field, o) in [
            ("classifier_dimensions", &self.classifier_dimensions),
            ("classifier_filters", &self.classifier_filters),
        ] {
            if o.as_ref().is_some_and(|o| !o.is_object()) {
                out.push(FieldError::new(field, "type", "must be a JSON object"));
            }
        }
        out
    }
}
