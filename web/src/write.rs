//! After a write: one helper that tells the user how it went and where to go next, and the count
//! of successful writes that the resources showing what a write changed are keyed on (leptos's
//! `todo_app_sqlite_csr` keys its list on `action.version()`).
//!
//! The follow-up runs in the action's own future, once the request has answered, rather than in
//! effects watching action values.

use crate::route::{use_router, Route, Router};
use crate::services::{use_toasts, Toasts};
use crate::session::Session;
use leptos::prelude::*;
use openrouter_admin::Error;
use std::future::Future;

/// What follows a write that went through.
#[derive(Default)]
pub struct Then {
    ok: Option<String>,
    warning: Option<String>,
    go: Option<Route>,
}

impl Then {
    /// Nothing to say: the view shows what happened.
    pub fn quiet() -> Then {
        Then::default()
    }

    /// A success toast.
    pub fn ok(text: impl Into<String>) -> Then {
        Then {
            ok: Some(text.into()),
            ..Then::default()
        }
    }

    /// A failure toast although the request went through (part of a bulk action failed).
    pub fn warning(text: impl Into<String>) -> Then {
        Then {
            warning: Some(text.into()),
            ..Then::default()
        }
    }

    /// Then goes to `route`.
    pub fn go(self, route: Route) -> Then {
        Then {
            go: Some(route),
            ..self
        }
    }
}

/// How a failed write is shown.
#[derive(Clone, Copy, Debug)]
pub enum Failure {
    /// In a toast: this prefix, then the API's message.
    Toast(&'static str),
    /// By the view itself, from the action's value (an alert in its form or dialog).
    Shown,
}

/// Toasts and navigation after writes, for the current view.
#[derive(Clone, Copy)]
pub struct Writes {
    toasts: Toasts,
    router: Router,
    session: Option<Session>,
}

/// The write helper, from the toasts and router in context.
pub fn use_writes() -> Writes {
    Writes {
        toasts: use_toasts(),
        router: use_router(),
        session: use_context::<Session>(),
    }
}

impl Writes {
    /// Awaits `write`; on success follows what `then` says (it may also set the view's signals),
    /// on failure shows it as `failure` says. Gives back the result, as the action's value.
    pub async fn run<T>(
        self,
        write: impl Future<Output = Result<T, Error>>,
        then: impl FnOnce(&T) -> Then,
        failure: Failure,
    ) -> Result<T, Error> {
        let result = write.await;
        // Any write, gone through or lost, may change what a shared read holds.
        if let Some(session) = self.session {
            session.wrote();
        }
        match &result {
            Ok(value) => self.follow(then(value)),
            Err(e) => self.fail(e, failure),
        }
        result
    }

    /// Follows `then` outside [`run`](Self::run): for what a write turns out to have done after
    /// it ended (a lost answer, found by a later search).
    pub fn follow(self, then: Then) {
        if let Some(text) = then.ok {
            self.toasts.ok(text);
        }
        if let Some(text) = then.warning {
            self.toasts.error(text);
        }
        // After the action has taken its value and the views reading it have updated: going
        // elsewhere disposes of the view that holds the action, which must not happen before.
        if let Some(route) = then.go {
            let router = self.router;
            set_timeout(
                move || router.push(&route.href()),
                std::time::Duration::ZERO,
            );
        }
    }

    fn fail(self, e: &Error, failure: Failure) {
        match failure {
            Failure::Toast(prefix) => self.toasts.error(format!("{prefix}{}", e.message())),
            Failure::Shown => {}
        }
    }
}

/// A number that changes each time `action` succeeds, and only then: what the resources that
/// show what it writes read, so they load again after it. A failed write leaves them, and the
/// input in the forms they feed, as they were.
///
/// Read it with `get()` in the resource's fetcher: a memo follows the action only once it has
/// been computed, which `get()` does and `track()` does not.
pub fn succeeded<I: 'static, T: 'static>(action: Action<I, Result<T, Error>>) -> Memo<usize> {
    succeeded_if(action, Result::is_ok)
}

/// [`succeeded`] for an action whose value says in its own way whether it went through.
pub fn succeeded_if<I: 'static, O: 'static>(
    action: Action<I, O>,
    ok: fn(&O) -> bool,
) -> Memo<usize> {
    Memo::new(move |before: Option<&usize>| {
        let version = action.version().get();
        let ok = action.value().with(|v| v.as_ref().is_some_and(ok));
        match before {
            Some(before) if !ok => *before,
            _ => version,
        }
    })
}

/// The message of `action`'s last failure, or `None`: what a form or dialog shows as its error.
pub fn failure_message<I: 'static, O: Clone + 'static>(
    action: Action<I, Result<O, Error>>,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        action.value().with(|r| match r {
            Some(Err(e)) => Some(e.message().to_string()),
            _ => None,
        })
    })
}
