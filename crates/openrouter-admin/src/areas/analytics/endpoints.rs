//! The analytics area's endpoints.

use crate::areas::analytics::models::{AnalyticsMeta, AnalyticsQueryBody, AnalyticsResult};
use crate::endpoint::{endpoint, get_data, with_body, Answered, Endpoint, Request};
use crate::error::Error;
use crate::retry::OpClass;
use crate::transport::Method;

get_data!(
    /// `GET /analytics/meta`: the metrics, dimensions, operators and granularities a query
    /// takes.
    GetAnalyticsMeta,
    "/analytics/meta",
    AnalyticsMeta
);

endpoint! {
    /// `POST /analytics/query`: a read, safe to retry (408 when it runs too long; 429 above
    /// 64 a minute, retried after `Retry-After`).
    QueryAnalytics {
        /// Body (build it with [`AnalyticsQuery`](crate::models::AnalyticsQuery)).
        body: AnalyticsQueryBody,
    }
    answers Data: AnalyticsResult;
    request(self) {
        with_body(
            Method::Post,
            "/analytics/query".to_owned(),
            &self.body,
            OpClass::Safe,
        )
    }
}

impl QueryAnalytics {
    /// `POST /analytics/query` with `body`.
    pub fn new(body: AnalyticsQueryBody) -> Self {
        Self { body }
    }
}
