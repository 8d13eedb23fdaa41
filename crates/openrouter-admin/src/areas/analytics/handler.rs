//! Analytics: `client.analytics()`.

use crate::areas::analytics::endpoints::{GetAnalyticsMeta, QueryAnalytics};
use crate::areas::analytics::query::AnalyticsQuery;
use crate::client::{Call, Client};
use crate::transport::Transport;

/// `client.analytics()`: the analytics explorer.
///
/// ```no_run
/// use openrouter_admin::models::{AnalyticsQuery, Granularity};
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let q = AnalyticsQuery::new("spend")
///     .metric("request_count")
///     .group_by("model")?
///     .window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")?
///     .granularity(Granularity::Day)?;
/// let result = client.analytics().query(q).send().await?;
/// for row in &result.data {
///     let requests = row.count("request_count").and_then(|c| c.as_u64());
///     let spend = row.number("spend");
///     println!("{:?} {:?} {requests:?} {spend:?}", row.date(&Granularity::Day), row.text("model"));
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct AnalyticsHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<T: Transport> Client<T> {
    /// The analytics explorer.
    pub fn analytics(&self) -> AnalyticsHandler<'_, T> {
        AnalyticsHandler { client: self }
    }
}

impl<'a, T: Transport> AnalyticsHandler<'a, T> {
    /// `GET /analytics/meta`.
    pub fn meta(&self) -> Call<'a, T, GetAnalyticsMeta> {
        self.client.call(GetAnalyticsMeta)
    }
    /// `POST /analytics/query`: checked before sending (the builder checked each step).
    pub fn query(&self, query: AnalyticsQuery) -> Call<'a, T, QueryAnalytics> {
        self.client.call(QueryAnalytics::new(query.body().clone()))
    }
}
