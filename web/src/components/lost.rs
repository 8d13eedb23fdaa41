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

/// A create whose answer may be lost, as the list it adds to holds it: where the search for
/// what it made stands, and what it asked for with the clock before it was sent (the reconcile's
/// window starts there), to search again. `S` is what the search needs: the create body, or for
/// a BYOK key a copy without the provider key, which is not kept once the request has ended.
pub struct LostCreate<S: 'static, T: 'static> {
    /// Where the search stands.
    pub state: RwSignal<Lost<T>, LocalStorage>,
    asked: StoredValue<Option<(S, f64)>, LocalStorage>,
}

impl<S, T> Clone for LostCreate<S, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, T> Copy for LostCreate<S, T> {}

impl<S: Clone + 'static, T: Clone + 'static> LostCreate<S, T> {
    /// No create lost yet.
    pub fn new() -> Self {
        LostCreate {
            state: RwSignal::new_local(Lost::Clear),
            asked: StoredValue::new_local(None),
        }
    }

    /// A create of `asked` starts now: the search of a lost answer looks from this moment on.
    pub fn begin(self, asked: S) {
        self.state.set(Lost::Clear);
        self.asked
            .set_value(Some((asked, openrouter_admin::time::now_ms())));
    }

    /// Looks for what the last lost create made with `reconcile(asked, since_ms)` (the core's
    /// reconcile), recording the outcome in `state`.
    pub async fn search<F, Fut>(self, reconcile: F)
    where
        F: FnOnce(S, f64) -> Fut,
        Fut: Future<Output = Result<Option<T>, Error>>,
    {
        let Some((asked, since_ms)) = self.asked.get_value() else {
            return;
        };
        search(self.state, reconcile(asked, since_ms)).await;
    }

    /// Whether a create must wait: one is on its way (`pending`) or a lost one is not settled.
    pub fn blocks(self, pending: bool) -> bool {
        pending || self.state.with(Lost::blocks_create)
    }

    /// The dialog closes: a "not found" is forgotten (the next create is a first one); a search
    /// still running, failed or found stays, so the dialog opened again cannot create a second.
    pub fn closed(self) {
        if self.state.with_untracked(|l| matches!(l, Lost::NotFound)) {
            self.state.set(Lost::Clear);
        }
    }

    /// The submit button's words: `create` normally, `busy` while the request runs, "Create
    /// again" once the search found nothing.
    pub fn label(self, pending: bool, create: &str, busy: &str) -> String {
        match self
            .state
            .with(|l| (l.is_lost(), matches!(l, Lost::NotFound)))
        {
            (_, true) => "Create again".to_string(),
            (false, _) if pending => busy.to_string(),
            _ => create.to_string(),
        }
    }
}

impl<S: Clone + 'static, T: Clone + 'static> Default for LostCreate<S, T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A failed write in the page's words: what the API refused and that the input is kept. A lost
/// answer is not told here but by [`LostNotice`] (`None`).
pub fn refusal(e: &Error) -> Option<String> {
    (!e.is_outcome_unknown()).then(|| {
        format!(
            "Not saved: {} Your input is still in the form.",
            e.message()
        )
    })
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

/// The notice of a create that was made although its answer was lost: `said` tells what was
/// made (never a secret), "Open it" hands it to `on_open`, "Create another" clears the notice.
#[component]
pub fn FoundNotice<T: Clone + Send + Sync + 'static>(
    /// Where the create stands.
    lost: RwSignal<Lost<T>, LocalStorage>,
    /// What was being created: "guardrail".
    what: &'static str,
    /// What was made, in words.
    said: fn(&T) -> String,
    /// Opens what was made.
    #[prop(into)]
    on_open: Callback<T>,
) -> impl IntoView {
    move || {
        lost.with(|l| match l {
            Lost::Found(found) => {
                let open = found.clone();
                Some(view! {
                    <div class="ora-alert ora-alert-ok ora-lost" role="status" aria-live="polite" id="ora-lost-found">
                        <p><strong>{format!("The {what} was created")}</strong>
                            {format!(", although the server's answer was lost on the way back. {} It is in the list now.", said(found))}</p>
                        <div class="ora-row">
                            <button type="button" class="ora-btn ora-btn-primary" id="ora-lost-open"
                                on:click=move |_| { lost.set(Lost::Clear); on_open.run(open.clone()); }>"Open it"</button>
                            <button type="button" class="ora-btn" id="ora-lost-another" on:click=move |_| lost.set(Lost::Clear)>
                                {format!("Create another {what}")}
                            </button>
                        </div>
                    </div>
                })
            }
            _ => None,
        })
    }
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
