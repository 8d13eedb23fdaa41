//! [`AnalyticsQuery`]: the typed query builder. Each step that can break one of the API's
//! limits checks it as it is taken and returns a validation [`Error`] naming the field, so a
//! third dimension, a twenty-first filter, a limit out of range, a window over 365 days (31
//! with classifier dimensions) or a minute granularity over a window longer than 3 hours is
//! refused before anything is sent; [`build`](AnalyticsQuery::build) checks the whole body
//! again (the endpoint does too, whatever built the body).

use crate::areas::analytics::models::{
    AnalyticsFilter, AnalyticsQueryBody, Granularity, OrderBy, OrderDirection, TimeRange,
};
use crate::areas::analytics::rules::{
    window_ms, DEFAULT_ANALYTICS_DAYS, MAX_ANALYTICS_DAYS, MAX_ANALYTICS_DIMENSIONS,
    MAX_ANALYTICS_FILTERS, MAX_ANALYTICS_LIMIT, MAX_CLASSIFIER_DAYS, MAX_MINUTE_WINDOW_HOURS,
};
use crate::checks::Validate;
use crate::error::{Error, FieldError};
use crate::shapes::JsonObject;

const DAY_MS: i64 = 86_400_000;

/// A query, built step by step:
///
/// ```
/// use openrouter_admin::models::{AnalyticsFilter, AnalyticsQuery, FilterOperator, FilterValue, Granularity};
/// let q = AnalyticsQuery::new("spend")
///     .metric("request_count")
///     .group_by("model")?
///     .group_by("workspace")?
///     .window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")?
///     .granularity(Granularity::Day)?
///     .filter(AnalyticsFilter::new("workspace", FilterOperator::Eq, FilterValue::text("3f1c9a52-0000-4000-8000-000000000000")))?
///     .limit(500)?;
/// assert!(q.clone().group_by("user").is_err(), "a third dimension");
/// assert!(q.clone().granularity(Granularity::Minute).is_err(), "minutes over 30 days");
/// let body = q.build()?;
/// assert_eq!(body.dimensions.as_deref(), Some(&["model".to_owned(), "workspace".to_owned()][..]));
/// # Ok::<(), openrouter_admin::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyticsQuery {
    body: AnalyticsQueryBody,
    /// The window's length; `None` until set (the API's default is 7 days).
    window: Option<i64>,
}

fn refuse(field: &str, rule: &str, message: &str) -> Error {
    Error::validation(vec![FieldError::new(field, rule, message)])
}

impl AnalyticsQuery {
    /// A query of one metric (add more with [`metric`](Self::metric)).
    pub fn new(metric: impl Into<String>) -> Self {
        AnalyticsQuery {
            body: AnalyticsQueryBody::new(vec![metric.into()]),
            window: None,
        }
    }

    /// Adds a metric.
    pub fn metric(mut self, metric: impl Into<String>) -> Self {
        self.body.metrics.push(metric.into());
        self
    }

    /// Groups by one more dimension: at most 2, each once.
    pub fn group_by(mut self, dimension: impl Into<String>) -> Result<Self, Error> {
        let dimension = dimension.into();
        let dims = self.body.dimensions.get_or_insert_with(Vec::new);
        if dims.contains(&dimension) {
            return Err(refuse("dimensions", "unique", "each dimension once"));
        }
        if dims.len() >= MAX_ANALYTICS_DIMENSIONS {
            return Err(refuse(
                "dimensions",
                "max_items",
                "a query groups by at most 2 dimensions",
            ));
        }
        dims.push(dimension);
        Ok(self)
    }

    /// Adds a filter (ANDed with the others): at most 20, each with a value its operator
    /// takes.
    pub fn filter(mut self, filter: AnalyticsFilter) -> Result<Self, Error> {
        let filters = self.body.filters.get_or_insert_with(Vec::new);
        if filters.len() >= MAX_ANALYTICS_FILTERS {
            return Err(refuse(
                "filters",
                "max_items",
                "a query takes at most 20 filters",
            ));
        }
        let at = filters.len();
        filters.push(filter);
        let errors: Vec<FieldError> = self
            .body
            .field_errors()
            .into_iter()
            .filter(|e| e.field.starts_with(&format!("filters[{at}]")))
            .collect();
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(Error::validation(errors))
        }
    }

    /// The window, timestamps with seconds (start included, end excluded): at most 365 days,
    /// 31 with classifier dimensions, 3 hours with a minute granularity.
    pub fn window(mut self, start: &str, end: &str) -> Result<Self, Error> {
        let mut errors = Vec::new();
        let Some(ms) = window_ms(&mut errors, start, end) else {
            return Err(Error::validation(errors));
        };
        self.window_fits(ms)?;
        self.window = Some(ms);
        self.body.time_range = Some(TimeRange::new(start, end));
        Ok(self)
    }

    fn window_fits(&self, ms: i64) -> Result<(), Error> {
        if self.body.classifier_dimensions.is_some() && ms > MAX_CLASSIFIER_DAYS * DAY_MS {
            return Err(refuse(
                "time_range",
                "max_window",
                "a query with classifier dimensions covers at most 31 days",
            ));
        }
        if ms > MAX_ANALYTICS_DAYS * DAY_MS {
            return Err(refuse(
                "time_range",
                "max_window",
                "a query covers at most 365 days",
            ));
        }
        if self.body.granularity == Some(Granularity::Minute)
            && ms > MAX_MINUTE_WINDOW_HOURS * 3_600_000
        {
            return Err(refuse(
                "granularity",
                "minute_window",
                "minute granularity is only for windows of 3 hours or less",
            ));
        }
        Ok(())
    }

    /// Buckets rows by time. A minute granularity needs a window of 3 hours or less, set
    /// first with [`window`](Self::window) (the API's default window is 7 days).
    pub fn granularity(mut self, granularity: Granularity) -> Result<Self, Error> {
        let before = self.body.granularity.replace(granularity);
        let window = self.window.unwrap_or(DEFAULT_ANALYTICS_DAYS * DAY_MS);
        if let Err(e) = self.window_fits(window) {
            self.body.granularity = before;
            return Err(e);
        }
        Ok(self)
    }

    /// Most rows, 1 to 10,000 (the API's default 1,000).
    pub fn limit(mut self, rows: u32) -> Result<Self, Error> {
        if !(1..=MAX_ANALYTICS_LIMIT).contains(&rows) {
            return Err(refuse("limit", "range", "must be from 1 to 10000"));
        }
        self.body.limit = Some(f64::from(rows));
        Ok(self)
    }

    /// Most rows per combination of dimensions, 1 to 10,000.
    pub fn group_limit(mut self, rows: u32) -> Result<Self, Error> {
        if !(1..=MAX_ANALYTICS_LIMIT).contains(&rows) {
            return Err(refuse("group_limit", "range", "must be from 1 to 10000"));
        }
        self.body.group_limit = Some(f64::from(rows));
        Ok(self)
    }

    /// The order: a requested metric, `request_count`, a requested dimension or `date`.
    pub fn order_by(mut self, field: impl Into<String>, direction: OrderDirection) -> Self {
        self.body.order_by = Some(OrderBy::new(field.into(), direction));
        self
    }

    /// Groups by a classifier's tags (`{"classifier_id": ..., "dimension_names": [...]}`):
    /// the window may then be 31 days at most.
    pub fn classifier_dimensions(mut self, spec: JsonObject) -> Result<Self, Error> {
        if !spec.is_object() {
            return Err(refuse(
                "classifier_dimensions",
                "type",
                "must be a JSON object",
            ));
        }
        let before = self.body.classifier_dimensions.replace(spec);
        let window = self.window.unwrap_or(DEFAULT_ANALYTICS_DAYS * DAY_MS);
        if let Err(e) = self.window_fits(window) {
            self.body.classifier_dimensions = before;
            return Err(e);
        }
        Ok(self)
    }

    /// Filters by a classifier's tags (`{"classifier_id": ..., "filters": [...]}`).
    pub fn classifier_filters(mut self, spec: JsonObject) -> Result<Self, Error> {
        if !spec.is_object() {
            return Err(refuse(
                "classifier_filters",
                "type",
                "must be a JSON object",
            ));
        }
        self.body.classifier_filters = Some(spec);
        Ok(self)
    }

    /// The body as built so far.
    pub fn body(&self) -> &AnalyticsQueryBody {
        &self.body
    }

    /// The body, checked whole (every failing field at once).
    pub fn build(self) -> Result<AnalyticsQueryBody, Error> {
        self.body.validate()?;
        Ok(self.body)
    }
}
