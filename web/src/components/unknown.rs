//! When a create's answer is lost (the core's `is_outcome_unknown()`): the search for what may
//! have been created, its progress, and what the user may do next.
//!
//! The state lives with the list the create adds to, not in the form, so closing and opening
//! the form again neither forgets the search nor lets a second create start while it runs.

use leptos::prelude::*;
use openrouter_admin::Error;
use std::future::Future;

/// Where a create stands after its answer was lost.
#[derive(Clone, Debug, PartialEq)]
pub enum Lost<T> {
    /// Nothing was lost: the form behaves as usual.
    Clear,
    /// Looking for what the lost create may have made.
    Searching,
    /// It was created: here it is.
    Found(T),
    /// Nothing was created: creating again makes the first one.
    NotFound,
    /// The search itself failed (its message): still unknown, so creating stays off.
    Unchecked(String),
}

impl<T> Lost<T> {
    /// Whether creating again could make a second one: only while it is unknown or found.
    pub fn blocks_create(&self) -> bool {
        matches!(self, Lost::Searching | Lost::Found(_) | Lost::Unchecked(_))
    }

    /// Whether the answer was lost and the form should say so (any state but `Clear`).
    pub fn is_lost(&self) -> bool {
        !matches!(self, Lost::Clear)
    }
}

/// Runs `search` (the core's reconcile) and records its outcome in `lost`.
pub async fn search<T: 'static>(
    lost: RwSignal<Lost<T>, LocalStorage>,
    search: impl Future<Output = Result<Option<T>, Error>>,
) {
    lost.set(Lost::Searching);
    lost.set(match search.await {
        Ok(Some(found)) => Lost::Found(found),
        Ok(None) => Lost::NotFound,
        Err(e) => Lost::Unchecked(e.message().to_string()),
    });
}

/// Awaits `create`; when its answer is lost, awaits `look` (the search for what it made) before
/// giving the result back, so the action ends (and the list behind reloads) once it is known.
pub async fn create_or_look<T>(
    create: impl Future<Output = Result<T, Error>>,
    look: impl Future<Output = ()>,
) -> Result<T, Error> {
    let created = create.await;
    if created.as_ref().is_err_and(Error::is_outcome_unknown) {
        look.await;
    }
    created
}

/// The notice of a lost answer while it is searched for, not found, or could not be checked.
/// `what` names the thing ("key", "workspace"); `found` is shown by the caller. `again` is
/// offered when the search failed; it runs under this notice's owner, so a search it spawns with
/// `spawn_local_scoped` finds the session in context.
#[component]
pub fn LostNotice<T: Send + Sync + 'static>(
    /// Where the create stands.
    lost: RwSignal<Lost<T>, LocalStorage>,
    /// What was being created: "key", "workspace".
    what: &'static str,
    /// Searches again.
    #[prop(into)]
    again: Callback<()>,
) -> impl IntoView {
    // A click runs outside any reactive owner: the search it starts would not find the session
    // in context. So it runs under the owner this notice was made in.
    let owner = Owner::current();
    let again = Callback::new(move |()| match &owner {
        Some(owner) => owner.with(|| again.run(())),
        None => again.run(()),
    });
    move || {
        lost.with(|l| match l {
            Lost::Clear | Lost::Found(_) => None,
            Lost::Searching => Some(view! {
                <div class="ora-alert ora-alert-warn ora-lost" role="status" aria-live="polite" aria-busy="true">
                    <strong>"The server did not answer. "</strong>
                    {format!("The {what} may or may not have been created. Looking for it, so it is not created twice…")}
                    <progress class="ora-progress" aria-label=format!("Looking for the {what}")></progress>
                </div>
            }.into_any()),
            Lost::NotFound => Some(view! {
                <div class="ora-alert ora-alert-warn ora-lost" role="status" aria-live="polite">
                    <strong>{format!("The {what} was not created. ")}</strong>
                    {format!("Nothing was made since the request was sent: creating it again makes the first {what}.")}
                </div>
            }.into_any()),
            Lost::Unchecked(message) => Some(view! {
                <div class="ora-alert ora-alert-error ora-lost" role="alert">
                    <strong>"The server did not answer, and the check failed too. "</strong>
                    {format!("The {what} may exist: creating again could make a second one. ({message}) ")}
                    <button type="button" class="ora-btn ora-btn-small" id="ora-lost-again" on:click=move |_| again.run(())>
                        "Check again"
                    </button>
                </div>
            }.into_any()),
        })
    }
}
