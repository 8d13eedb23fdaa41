//! The one write of a workspace setting's tab (BYOK keys, destinations): add, edit or delete,
//! with its toast, the dialogs it closes, and, for an add whose answer was lost, the search for
//! what it made before the action ends (so the list behind reloads knowing it).

use crate::components::lost::{create_or_look, LostCreate};
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::Error;
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

/// Whether the tab's list should load again after a change ended so: it went through, or an
/// add's answer was lost (it may be there), or `stale` says the list is out of date.
pub fn changed_list(r: &Result<(), Error>, stale: fn(&Error) -> bool) -> bool {
    r.as_ref()
        .map_or_else(|e| e.is_outcome_unknown() || stale(e), |_| true)
}
