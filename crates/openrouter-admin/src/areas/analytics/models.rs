//! The analytics area's shapes: `meta`, the query's body and its parts, the result and its
//! rows. A row is an open object (metric and dimension keys, `date__<granularity>`), kept
//! whole: no column is dropped, whatever the query asked for.

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::json_writer::{to_str_value, ToValue, Value};
use crate::patch::Patch;
use crate::shapes::{open_enum, JsonObject};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

to_str_value!(Granularity, FilterOperator, OrderDirection);
string_value!(
    Granularity => |s: String| Granularity::parse(&s),
    FilterOperator => |s: String| FilterOperator::parse(&s),
    OrderDirection => |s: String| OrderDirection::parse(&s),
);
crate::body::required_field!(FilterOperator, OrderDirection, FilterValue);
// `metrics`, the only required list of any body.
crate::body::required_field!(Vec<String>);

open_enum!(
    /// A time bucket of a query.
    Granularity {
        /// Minutes: only for windows of 3 hours or less.
        Minute = "minute",
        /// Hours.
        Hour = "hour",
        /// Days.
        Day = "day",
        /// Weeks.
        Week = "week",
        /// Months.
        Month = "month",
    }
);

open_enum!(
    /// A filter's operator.
    FilterOperator {
        /// Equal to one value.
        Eq = "eq",
        /// Not equal to one value.
        Neq = "neq",
        /// One of a list.
        In = "in",
        /// None of a list.
        NotIn = "not_in",
        /// Greater than.
        Gt = "gt",
        /// Greater than or equal.
        Gte = "gte",
        /// Less than.
        Lt = "lt",
        /// Less than or equal.
        Lte = "lte",
    }
);

impl FilterOperator {
    /// Whether it takes an array (`in`, `not_in`) rather than one value.
    pub fn takes_list(&self) -> bool {
        matches!(self, FilterOperator::In | FilterOperator::NotIn)
    }
}

impl Default for FilterOperator {
    /// `eq`.
    fn default() -> Self {
        FilterOperator::Eq
    }
}

open_enum!(
    /// A sort direction.
    OrderDirection {
        /// Smallest first.
        Asc = "asc",
        /// Largest first.
        Desc = "desc",
    }
);

impl Default for OrderDirection {
    /// `desc`.
    fn default() -> Self {
        OrderDirection::Desc
    }
}

open_enum!(
    /// How a metric is meant to be shown.
    DisplayFormat {
        /// A plain number.
        Number = "number",
        /// Dollars.
        Currency = "currency",
        /// A fraction shown as a percentage.
        Percent = "percent",
        /// A duration.
        Latency = "latency",
        /// A rate per second.
        Throughput = "throughput",
    }
);

/// One metric `meta` lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MetricInfo {
    /// The name a query uses.
    pub name: String,
    /// Its label.
    pub display_label: String,
    /// A rate (averaged, not summed).
    pub is_rate: bool,
    /// How to show it.
    pub display_format: DisplayFormat,
}

/// One dimension `meta` lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DimensionInfo {
    /// The name a query uses.
    pub name: String,
    /// Its label.
    pub display_label: String,
}

/// One operator `meta` lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OperatorInfo {
    /// The operator.
    pub name: FilterOperator,
    /// `scalar` or `array`.
    pub value_type: String,
}

/// One granularity `meta` lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GranularityInfo {
    /// The granularity.
    pub name: Granularity,
    /// Its label.
    pub display_label: String,
}

/// `GET /analytics/meta`'s `data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalyticsMeta {
    /// Metrics.
    pub metrics: Vec<MetricInfo>,
    /// Dimensions.
    pub dimensions: Vec<DimensionInfo>,
    /// Filter operators.
    pub operators: Vec<OperatorInfo>,
    /// Granularities.
    pub granularities: Vec<GranularityInfo>,
}

/// `metadata` of a query's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalyticsMetadata {
    /// How long the query ran.
    pub query_time_ms: f64,
    /// Rows answered.
    pub row_count: u64,
    /// Whether `limit` cut rows off.
    pub truncated: bool,
}

/// `POST /analytics/query`'s `data`: the rows, whole, and what the API said of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalyticsResult {
    /// The rows.
    pub data: Vec<AnalyticsRow>,
    /// Timing, count, truncation.
    pub metadata: AnalyticsMetadata,
    /// Filters that could not be resolved (the query still ran).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// When a cached result was computed (milliseconds), if it was.
    #[serde(default, rename = "cachedAt", skip_serializing_if = "Option::is_none")]
    pub cached_at: Option<f64>,
}

/// One row: every column the API sent, by name (metric and dimension names,
/// `date__<granularity>`). Counts arrive as strings of digits (`"1523"`), costs and rates as
/// numbers; read them with [`count`](Self::count) and [`number`](Self::number).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct AnalyticsRow(pub serde_json::Map<String, serde_json::Value>);

/// A count column, exact.
///
/// The API sends counts as strings so that no count is rounded, and so does this: the digits
/// are kept as sent. The rule for counts beyond 2^53 (9,007,199,254,740,992, past which an
/// `f64` and a JavaScript number skip integers): [`as_str`](Self::as_str) and
/// [`as_u128`](Self::as_u128) are always exact, [`as_u64`](Self::as_u64) is exact up to
/// 2^64 - 1 and `None` beyond, and only [`as_f64`](Self::as_f64) may round (to the nearest
/// double) and says so in its name's doc. A count sent as a JSON number (which an older API
/// might do) is read too, and is as exact as the number that came.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Count(String);

impl Count {
    /// The count from its digits (`None` for anything but ASCII digits).
    pub fn parse(digits: &str) -> Option<Count> {
        let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| Count(digits.to_owned()))
    }
    /// The digits, as the API sent them: exact at any size.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Exact, or `None` above `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }
    /// Exact, or `None` above `u128::MAX` (39 digits).
    pub fn as_u128(&self) -> Option<u128> {
        self.0.parse().ok()
    }
    /// **Lossy above 2^53**: the nearest `f64`, for charts and sums where that is fine.
    pub fn as_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::INFINITY)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AnalyticsRow {
    /// A column's value as sent.
    pub fn get(&self, column: &str) -> Option<&serde_json::Value> {
        self.0.get(column)
    }
    /// The columns' names, every one the API sent (in name order: the row is a `serde_json`
    /// map).
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
    /// A count column ([`Count`]): a string of digits, or a whole JSON number.
    pub fn count(&self, column: &str) -> Option<Count> {
        match self.0.get(column)? {
            serde_json::Value::String(s) => Count::parse(s),
            serde_json::Value::Number(n) => {
                n.as_u64().map(|n| Count(n.to_string())).or_else(|| {
                    n.as_f64()
                        .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                        .map(|f| Count(format!("{f:.0}")))
                })
            }
            _ => None,
        }
    }
    /// A number column (costs, rates); a numeric string reads too.
    pub fn number(&self, column: &str) -> Option<f64> {
        match self.0.get(column)? {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }
    /// A text column (a dimension's name, the bucket's date); `None` when absent or null.
    pub fn text(&self, column: &str) -> Option<&str> {
        self.0.get(column)?.as_str()
    }
    /// The bucket's start, `date__<granularity>`, when the query had a granularity.
    pub fn date(&self, granularity: &Granularity) -> Option<&str> {
        self.text(&format!("date__{}", granularity.as_str()))
    }
}

/// A filter's value: one string or number (`eq`, `neq`, `gt`...), or a list of them (`in`,
/// `not_in`), carried as its JSON text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FilterValue(pub String);

impl FilterValue {
    /// One string.
    pub fn text(s: &str) -> Self {
        let mut out = String::new();
        crate::json_writer::string(&mut out, s);
        FilterValue(out)
    }
    /// One number.
    pub fn number(n: f64) -> Self {
        // Display writes a finite f64 as JSON does (`1.5`, `2`); a NaN or an infinity is no
        // JSON, which validation then names.
        FilterValue(format!("{n}"))
    }
    /// A list of strings.
    pub fn texts<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Self {
        let mut out = String::from("[");
        for (i, s) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::json_writer::string(&mut out, s.as_ref());
        }
        out.push(']');
        FilterValue(out)
    }
    /// Whether it is a list.
    pub fn is_list(&self) -> bool {
        self.0.trim_start().starts_with('[')
    }
    /// How many values it holds (a list's items, else 1); `None` if it is not JSON a filter
    /// takes (a string, a number, or a list of them).
    pub fn value_count(&self) -> Option<usize> {
        // `Doc`: the host's `JSON.parse` on wasm32, so checking a query links no JSON parser.
        let v = crate::json_reader::Doc::parse(&self.0)?;
        let scalar = |v: &crate::json_reader::Doc| v.as_str().is_some() || v.as_f64().is_some();
        match v.clone().into_items() {
            Some(items) => items.iter().all(scalar).then_some(items.len()),
            None if scalar(&v) => Some(1),
            None => None,
        }
    }
}

impl Serialize for FilterValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v: serde_json::Value =
            serde_json::from_str(&self.0).map_err(serde::ser::Error::custom)?;
        v.serialize(s)
    }
}

impl<'de> Deserialize<'de> for FilterValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(|v| FilterValue(v.to_string()))
    }
}

impl ToValue for FilterValue {
    fn value(&self) -> Value<'_> {
        Value::Json(self.0.clone())
    }
}

impl BodyValue for FilterValue {
    const KIND: Kind = Kind::Json;
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        Ok(match v.json_value(name)? {
            Patch::Unset => Patch::Unset,
            Patch::Null => Patch::Null,
            Patch::Value(text) => Patch::Value(FilterValue(text)),
        })
    }
}

body! {
    /// One filter of a query: a dimension, an operator, its value (filters take ids: a
    /// workspace's UUID, a key's hash, a model's permaslug, a user's id).
    pub struct AnalyticsFilter(field: String, operator: FilterOperator, value: FilterValue) {
        /// The dimension.
        pub field: String => new,
        /// The operator.
        pub operator: FilterOperator => new,
        /// One value, or a list for `in`/`not_in`.
        pub value: FilterValue => new,
        /// `in`/`not_in`: whether rows without a value match.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_unset: Option<bool> => into<bool>,
    }
}

body! {
    /// A query's window: timestamps with seconds, start included, end excluded.
    pub struct TimeRange(start: String, end: String) {
        /// `YYYY-MM-DDTHH:MM:SSZ`.
        pub start: String => new,
        /// `YYYY-MM-DDTHH:MM:SSZ`, after `start`.
        pub end: String => new,
    }
}

body! {
    /// A query's order: a requested metric, `request_count`, a requested dimension or `date`.
    pub struct OrderBy(field: String, direction: OrderDirection) {
        /// What to order by.
        pub field: String => new,
        /// Which way.
        pub direction: OrderDirection => new,
    }
}

/// Nested bodies written as JSON objects and read through [`Visitor::object`].
macro_rules! object_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn value(&self) -> Value<'_> {
                Value::Json(self.to_json())
            }
        }
        impl BodyValue for $t {
            const KIND: Kind = Kind::Object;
            fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
                v.object(name)
            }
        }
    )*};
}
object_value!(TimeRange, OrderBy);

impl ToValue for Vec<AnalyticsFilter> {
    fn value(&self) -> Value<'_> {
        let mut out = String::from("[");
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&item.to_json());
        }
        out.push(']');
        Value::Json(out)
    }
}

impl BodyValue for Vec<AnalyticsFilter> {
    const KIND: Kind = Kind::Objects;
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.objects(name)
    }
}

body! {
    /// Body of `POST /analytics/query`. Build it with [`AnalyticsQuery`](crate::models::AnalyticsQuery),
    /// which refuses what the API would, as it is built.
    pub struct AnalyticsQueryBody(metrics: Vec<String>) {
        /// At least one metric.
        pub metrics: Vec<String> => new,
        /// At most 2.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub dimensions: Option<Vec<String>> => into<Vec<String>>,
        /// At most 20, ANDed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub filters: Option<Vec<AnalyticsFilter>> => into<Vec<AnalyticsFilter>>,
        /// Time buckets.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub granularity: Option<Granularity> => into<Granularity>,
        /// Default: the last 7 days.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub time_range: Option<TimeRange> => into<TimeRange>,
        /// 1..10,000 rows (server default 1,000).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<f64> => into<f64>,
        /// 1..10,000 rows per combination of dimensions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub group_limit: Option<f64> => into<f64>,
        /// The order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_by: Option<OrderBy> => into<OrderBy>,
        /// Group by a classifier's tags (`{classifier_id, dimension_names?, include_nulls?}`);
        /// windows of 31 days at most.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub classifier_dimensions: Option<JsonObject> => into<JsonObject>,
        /// Filter by a classifier's tags (`{classifier_id, filters}`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub classifier_filters: Option<JsonObject> => into<JsonObject>,
    }
}
