//! The search for what a create whose answer was lost made, for the three settings the core
//! does not reconcile yet (guardrails, BYOK keys, destinations), in the shape the core's
//! `reconcile` has for keys (`handler.reconcile(&body, since_ms).send()`).
//!
//! It stands in for the core's until that lands (branch `h-core`, a commit starting with
//! `reconcile:`); a method of the handler itself wins over this trait's, so once the core has
//! one the page calls it and this file is deleted. The rule is the core's for keys: the newest
//! one with the same name (and provider, or type) created at or after `since_ms` less 60 s of
//! clock skew.

use openrouter_admin::handlers::{ByokHandler, DestinationsHandler, WorkspaceGuardrailsHandler};
use openrouter_admin::models::{
    ByokKey, CreateByokKey, CreateDestination, CreateGuardrail, Destination, Guardrail, Timestamp,
};
use openrouter_admin::transport::Transport;
use openrouter_admin::Error;
use std::future::Future;

/// Clock skew allowed between this browser and the API, as the core's key reconcile allows.
const SKEW_MS: f64 = 60_000.0;

/// A search not sent yet.
pub struct Search<F>(F);

impl<F: Future> Search<F> {
    /// Runs it.
    pub async fn send(self) -> F::Output {
        self.0.await
    }
}

/// The newest of `list` that `same` picks, created since `since_ms` (less the skew).
fn newest<T>(
    list: Vec<T>,
    since_ms: f64,
    created: fn(&T) -> &Timestamp,
    same: impl Fn(&T) -> bool,
) -> Option<T> {
    let at = |t: &T| openrouter_admin::time::parse_datetime(created(t).as_str(), true);
    list.into_iter()
        .filter(|t| same(t))
        .filter(|t| at(t).is_none_or(|ms| ms as f64 >= since_ms - SKEW_MS))
        .max_by_key(|t| at(t).unwrap_or(0))
}

/// `reconcile` for the settings' handlers.
pub trait Reconcile<B, T> {
    /// Finds what a create of `body` sent at `since_ms` made, if anything.
    fn reconcile(
        &self,
        body: &B,
        since_ms: f64,
    ) -> Search<impl Future<Output = Result<Option<T>, Error>>>;
}

impl<Tr: Transport> Reconcile<CreateGuardrail, Guardrail> for WorkspaceGuardrailsHandler<'_, Tr> {
    fn reconcile(
        &self,
        body: &CreateGuardrail,
        since_ms: f64,
    ) -> Search<impl Future<Output = Result<Option<Guardrail>, Error>>> {
        let name = body.name.clone();
        let list = self.list().paginate().collect_all();
        Search(async move {
            Ok(newest(
                list.await?,
                since_ms,
                |g| &g.created_at,
                |g| g.name == name,
            ))
        })
    }
}

impl<Tr: Transport> Reconcile<CreateByokKey, ByokKey> for ByokHandler<'_, Tr> {
    fn reconcile(
        &self,
        body: &CreateByokKey,
        since_ms: f64,
    ) -> Search<impl Future<Output = Result<Option<ByokKey>, Error>>> {
        let (provider, name) = (body.provider.clone(), body.name.clone());
        let list = self.list().paginate().collect_all();
        Search(async move {
            Ok(newest(
                list.await?,
                since_ms,
                |k| &k.created_at,
                |k| k.provider == provider && k.name == name,
            ))
        })
    }
}

impl<Tr: Transport> Reconcile<CreateDestination, Destination> for DestinationsHandler<'_, Tr> {
    fn reconcile(
        &self,
        body: &CreateDestination,
        since_ms: f64,
    ) -> Search<impl Future<Output = Result<Option<Destination>, Error>>> {
        let (kind, name) = (body.kind.clone(), body.name.clone());
        let list = self.list().paginate().collect_all();
        Search(async move {
            Ok(newest(
                list.await?,
                since_ms,
                |d| &d.created_at,
                |d| d.kind == kind && d.name.as_deref() == Some(name.as_str()),
            ))
        })
    }
}
