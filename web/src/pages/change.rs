//! The one write of a workspace setting's tab (BYOK keys, destinations): add, edit or delete,
//! with its toast, the dialogs it closes, and, for an add whose answer was lost, the search for
//! what it made before the action ends (so the list behind reloads knowing it).

use crate::components::confirm::ConfirmByName;
use crate::components::conflict::{sends_nothing, EditCheck, Edited};
use crate::components::field::FormErrors;
use crate::components::lost::{create_or_look, LostCreate};
use crate::services::use_toasts;
use crate::write::{failure_message, succeeded_if, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::{Error, FieldError};
use std::future::Future;
use std::pin::Pin;

/// A write of the tab.
#[derive(Clone)]
pub enum Change<C, I, U> {
    /// Adds one (the create body).
    Add(C),
    /// Edits the one with this id (only what changed).
    Edit(I, U),
    /// Deletes the one with this id.
    Delete(I),
}

/// The tab's one write action; its value says how the last one went.
pub type ChangeAction<C, I, U> = Action<Change<C, I, U>, Result<(), Error>>;

/// A future of the page's, boxed so that a tab can name its requests with plain functions.
pub type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;

/// Sends a change in a workspace (its UUID).
pub type Send<C, I, U> = fn(String, Change<C, I, U>) -> Boxed<Result<(), Error>>;

/// What a tab's change action is made of.
pub struct Changes<C: 'static, I: 'static, U: 'static, S: 'static, T: 'static> {
    /// The toasts of an add, an edit and a delete that went through.
    pub done: [&'static str; 3],
    /// The add whose answer may be lost.
    pub lost: LostCreate<S, T>,
    /// What the search of a lost add needs from its body (never a secret).
    pub asked: fn(&C) -> S,
    /// Sends a change in the workspace (its UUID).
    pub send: Send<C, I, U>,
    /// Looks for what a lost add in the workspace made.
    pub look: fn(LostCreate<S, T>, String) -> Boxed<()>,
}

impl<C, I, U, S, T> Changes<C, I, U, S, T>
where
    C: Clone + 'static,
    I: Clone + 'static,
    U: Clone + 'static,
    S: Clone + 'static,
    T: Clone + 'static,
{
    /// The action for the workspace `ws_id`; `closed` runs when a change went through (the tab
    /// closes its dialogs).
    pub fn action(
        self,
        ws_id: StoredValue<String>,
        closed: impl Fn() + Copy + 'static,
    ) -> ChangeAction<C, I, U> {
        let writes = use_writes();
        let Changes {
            done,
            lost,
            asked,
            send,
            look,
        } = self;
        Action::new_local(move |c: &Change<C, I, U>| {
            let c = c.clone();
            let ws = ws_id.get_value();
            let (text, adding) = match &c {
                Change::Add(body) => {
                    lost.begin(asked(body));
                    (done[0], true)
                }
                Change::Edit(..) => (done[1], false),
                Change::Delete(_) => (done[2], false),
            };
            let ran = writes.run(
                send(ws.clone(), c),
                move |_| {
                    closed();
                    Then::ok(text)
                },
                Failure::Shown,
            );
            async move {
                if adding {
                    create_or_look(ran, look(lost, ws)).await
                } else {
                    ran.await
                }
            }
        })
    }
}

/// What a change tab holds: the open dialog (`O`), the row asked to be deleted (`R`), the one
/// write, and the close that takes a dialog's last failure with it.
pub struct Tab<O: 'static, R: 'static, C: 'static, I: 'static, U: 'static> {
    /// The open add or edit dialog.
    pub open: RwSignal<Option<O>>,
    /// The row whose delete is being confirmed.
    pub deleting: RwSignal<Option<R>>,
    /// The tab's write.
    pub change: ChangeAction<C, I, U>,
    /// Changes each time the list should load again.
    pub written: Memo<usize>,
    /// Closes whichever dialog is open, with its last failure.
    pub close: Callback<()>,
}

impl<O, R, C, I, U> Clone for Tab<O, R, C, I, U> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O, R, C, I, U> Copy for Tab<O, R, C, I, U> {}

impl<O, R, C, I, U> Tab<O, R, C, I, U>
where
    O: std::marker::Send + Sync + 'static,
    R: std::marker::Send + Sync + 'static,
    C: Clone + std::marker::Send + Sync + 'static,
    I: Clone + std::marker::Send + Sync + 'static,
    U: Clone + std::marker::Send + Sync + 'static,
{
    /// The tab of `changes` in the workspace `ws_id`; `reload` says after which ends of a change
    /// the list loads again ([`changed_list`]).
    pub fn new<S: Clone + 'static, T: Clone + 'static>(
        changes: Changes<C, I, U, S, T>,
        ws_id: StoredValue<String>,
        reload: fn(&Result<(), Error>) -> bool,
    ) -> Self {
        let open = RwSignal::new(None::<O>);
        let deleting = RwSignal::new(None::<R>);
        let change = changes.action(ws_id, move || {
            open.set(None);
            deleting.set(None);
        });
        let written = succeeded_if(change, reload);
        let close = Callback::new(move |()| {
            change.value().set(None);
            open.set(None);
            deleting.set(None);
        });
        Tab {
            open,
            deleting,
            change,
            written,
            close,
        }
    }

    /// The typed-name confirmation of deleting the row `name` (its id `id`), a `what`.
    pub fn confirm_delete(
        self,
        what: &'static str,
        name: String,
        id: I,
        body: &'static str,
    ) -> impl IntoView {
        let change = self.change;
        view! {
            <ConfirmByName
                what=what
                name=name
                action=format!("Delete {what}")
                body=body
                pending=change.pending()
                error=failure_message(change)
                on_confirm=move |_| { change.dispatch(Change::Delete(id.clone())); }
                on_close=self.close
            />
        }
    }
}

/// What an add or edit dialog of a tab (BYOK keys, destinations) is made of, over objects `E`:
/// the edit's check against other edits (`None` for an add), the form's errors, the Save
/// button's words and when it is off (an add whose answer was lost waits for its search; an
/// edit waits for its re-read), and the close that forgets a lost add's "not found".
pub struct TabDialog<C: 'static, I: 'static, U: 'static, S: 'static, T: 'static, E: 'static> {
    /// The tab's write.
    pub change: ChangeAction<C, I, U>,
    /// The edit's check; `None` for an add.
    pub check: Option<EditCheck<E>>,
    /// The form's errors, shown once touched.
    pub errors: FormErrors,
    all: Signal<Vec<FieldError>>,
    /// The Save button's words.
    pub label: Signal<String>,
    /// Whether Save is off.
    pub blocked: Signal<bool>,
    /// Closes the dialog.
    pub close: Callback<()>,
    on_close: Callback<()>,
    // What the search of a lost add looks for and finds: the dialog's types, not its state.
    _lost: std::marker::PhantomData<fn() -> (S, T)>,
}

impl<C, I, U, S, T, E> Clone for TabDialog<C, I, U, S, T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, I, U, S, T, E> Copy for TabDialog<C, I, U, S, T, E> {}

impl<C, I, U, S, T, E> TabDialog<C, I, U, S, T, E>
where
    C: Clone + std::marker::Send + Sync + 'static,
    I: Clone + std::marker::Send + Sync + 'static,
    U: Clone + serde::Serialize + std::marker::Send + Sync + 'static,
    S: Clone + 'static,
    T: Clone + 'static,
    E: Clone + std::marker::Send + Sync + 'static,
{
    /// The dialog over `form`, editing `existing` or adding (`None`); `errors` are the form's
    /// against what it edits; `add` is the Save button's word for an add.
    pub fn new<F>(
        change: ChangeAction<C, I, U>,
        lost: LostCreate<S, T>,
        existing: Option<E>,
        form: F,
        errors: fn(F, Option<&E>) -> Vec<FieldError>,
        add: &'static str,
        on_close: Callback<()>,
    ) -> Self
    where
        F: Edited<E> + Copy + std::marker::Send + Sync + 'static,
    {
        let check = existing.clone().map(|e| EditCheck::new(e, form));
        let was = StoredValue::new(existing);
        let all = Signal::derive(move || was.with_value(|e| errors(form, e.as_ref())));
        let label = Signal::derive(move || {
            let pending = change.pending().get();
            match check {
                None => lost.label(pending, add, "Adding…"),
                Some(_) if pending => "Saving…".to_string(),
                Some(_) => "Save".to_string(),
            }
        });
        let blocked = Signal::derive(move || {
            let pending = change.pending().get();
            match check {
                None => lost.blocks(pending),
                Some(c) => pending || c.reading(),
            }
        });
        let close = Callback::new(move |()| {
            lost.closed();
            on_close.run(());
        });
        TabDialog {
            change,
            check,
            errors: FormErrors::new(all),
            all,
            label,
            blocked,
            close,
            on_close,
            _lost: std::marker::PhantomData,
        }
    }

    /// Whether a submit may be sent: the errors are shown, and nothing goes while a save is on
    /// its way (a second click or Enter must not add a second one) or the form is wrong.
    pub fn ready(self) -> bool {
        self.errors.touch();
        !self.blocked.get_untracked() && self.all.with_untracked(Vec::is_empty)
    }

    /// Sends `add()`; or, for an edit, reads the object again (`reread` of it as seen), asks
    /// about a field both tabs changed (`components::conflict`), and sends `edit` of it as
    /// re-read, or says `same` and closes when nothing is left to send.
    pub fn send<F, R>(
        self,
        form: F,
        same: &'static str,
        add: impl FnOnce() -> C,
        edit: impl Fn(&E) -> (I, U) + 'static,
        reread: impl FnOnce(&E) -> R,
    ) where
        F: Edited<E> + 'static,
        R: Future<Output = Result<E, Error>> + 'static,
    {
        let TabDialog {
            change,
            check,
            on_close,
            ..
        } = self;
        let Some(check) = check else {
            change.dispatch(Change::Add(add()));
            return;
        };
        let toasts = use_toasts();
        check.save(form, reread(&check.seen()), move || {
            let (id, patch) = edit(&check.seen());
            if sends_nothing(&patch) {
                toasts.ok(same);
                on_close.run(());
            } else {
                change.dispatch(Change::Edit(id, patch));
            }
        });
    }
}

/// Whether the tab's list should load again after a change ended so: it went through, or an
/// add's answer was lost (it may be there), or `stale` says the list is out of date.
pub fn changed_list(r: &Result<(), Error>, stale: fn(&Error) -> bool) -> bool {
    r.as_ref()
        .map_or_else(|e| e.is_outcome_unknown() || stale(e), |_| true)
}
