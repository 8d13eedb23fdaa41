//! The lost-answer reconcile of the workspace settings (guardrails, BYOK keys, destinations):
//! after a create ends in `OutcomeUnknown`, list where the create would have put its object and
//! return the newest one that matches it, so the caller never makes a second one.

use crate::client::Client;
use crate::endpoint::PagedEndpoint;
use crate::error::Error;
use crate::shapes::Timestamp;
use crate::transport::{CancelSignal, Transport};

/// What the lost create would have made, as a test of one listed item.
type Matcher<'a, I> = Box<dyn Fn(&I) -> bool + 'a>;

/// Builder of a settings reconcile (`guardrails().reconcile(..)`, `byok().reconcile(..)`,
/// `destinations().reconcile(..)`): walks every page of `list` and keeps the newest item
/// that `matches` and was created at or after `since_ms` minus the clock-skew allowance.
#[must_use = "does nothing until `.send().await`"]
pub struct ReconcileCreated<'a, T, E: PagedEndpoint> {
    client: &'a Client<T>,
    list: E,
    matches: Matcher<'a, E::Item>,
    created_at: fn(&E::Item) -> &Timestamp,
    since_ms: f64,
    skew_ms: f64,
    signal: Option<CancelSignal>,
}

impl<'a, T: Transport, E: PagedEndpoint> ReconcileCreated<'a, T, E> {
    /// A reconcile over `list` (60 s skew allowance, no signal).
    pub(crate) fn new(
        client: &'a Client<T>,
        list: E,
        matches: impl Fn(&E::Item) -> bool + 'a,
        created_at: fn(&E::Item) -> &Timestamp,
        since_ms: f64,
    ) -> Self {
        Self {
            client,
            list,
            matches: Box::new(matches),
            created_at,
            since_ms,
            skew_ms: 60_000.0,
            signal: None,
        }
    }
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// Clock-skew allowance subtracted from `since_ms` (default 60 s).
    pub fn skew(mut self, d: std::time::Duration) -> Self {
        self.skew_ms = d.as_secs_f64() * 1000.0;
        self
    }
    /// Lists every page and returns the newest match, if any (a `created_at` that does not
    /// parse is not ruled out by `since`: better found twice than created twice).
    pub async fn send(self) -> Result<Option<E::Item>, Error> {
        let items = self
            .client
            .call(self.list)
            .paginate()
            .signal_opt(self.signal)
            .collect_all()
            .await?;
        let since = self.since_ms - self.skew_ms;
        let mut best: Option<(f64, E::Item)> = None;
        for item in items {
            if !(self.matches)(&item) {
                continue;
            }
            let created = crate::time::parse_datetime((self.created_at)(&item).as_str(), true)
                .map(|ms| ms as f64);
            if created.is_some_and(|c| c < since) {
                continue;
            }
            // The newest wins; on a tie the later one in the list, as the keys' reconcile does.
            let at = created.unwrap_or(0.0);
            if best.as_ref().is_none_or(|(b, _)| at.total_cmp(b).is_ge()) {
                best = Some((at, item));
            }
        }
        Ok(best.map(|(_, item)| item))
    }
}
