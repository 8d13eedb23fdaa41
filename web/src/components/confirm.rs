//! Confirmations: a destructive action confirmed by typing a name, and a plain yes-or-no.

use super::dialog::Dialog;
use leptos::prelude::*;

/// What a [`ConfirmByName`] says happens unless told otherwise.
pub const IRREVERSIBLE: &str = "This cannot be undone.";

/// The title a [`ConfirmByName`] has unless told otherwise: "Delete {what} “{name}”?".
pub fn delete_title(what: &str, name: &str) -> String {
    format!("Delete {what} “{name}”?")
}

/// A destructive action's confirmation: the button is enabled once the resource's name is typed.
#[component]
pub fn ConfirmByName(
    /// What is being destroyed ("workspace", "key").
    #[prop(into)]
    what: String,
    /// The name the user must type.
    #[prop(into)]
    name: String,
    /// The confirm button's label.
    #[prop(into)]
    action: String,
    /// Whether the action is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// An error to show inside the dialog.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// An explanation and link under the error (e.g. to the keys that block a delete).
    #[prop(optional, into)]
    help: Signal<Option<(String, String, String)>>,
    /// Runs the action.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Closes without doing anything.
    #[prop(into)]
    on_close: Callback<()>,
    /// A title instead of "Delete {what} “{name}”?".
    #[prop(optional, into)]
    title: Option<String>,
    /// What happens, instead of "This cannot be undone.".
    #[prop(optional, into)]
    body: Option<String>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let title = title.unwrap_or_else(|| delete_title(&what, &name));
    let body = body.unwrap_or_else(|| IRREVERSIBLE.to_string());
    let expected = name.clone();
    let matches = Signal::derive(move || typed.get().trim() == expected);
    view! {
        <Dialog title=title on_close=on_close>
            <div class="ora-dialog-body">
                <p>{body}</p>
                <div class="ora-field">
                    <label for="ora-confirm-name">"Type " <strong>{name.clone()}</strong> " to confirm"</label>
                    <input
                        id="ora-confirm-name"
                        class="ora-input"
                        autocomplete="off"
                        bind:value=typed
                    />
                </div>
                {move || error.get().map(|e| view! {
                    <div class="ora-alert ora-alert-error" role="alert" id="ora-confirm-error">
                        <p>{e}</p>
                        {move || help.get().map(|(text, href, link)| view! { <p>{text}" "<a href=href>{link}</a></p> })}
                    </div>
                })}
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
                <button
                    class="ora-btn ora-btn-danger"
                    id="ora-confirm"
                    disabled=move || !matches.get() || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {action.clone()}
                </button>
            </div>
        </Dialog>
    }
}

/// A yes-or-no confirmation for an action that needs no typed name (remove a budget, rotate a key).
#[component]
pub fn ConfirmDialog(
    /// The question, also the dialog's accessible name.
    #[prop(into)]
    title: String,
    /// What happens if the user goes ahead.
    #[prop(into)]
    body: String,
    /// The confirm button's label.
    #[prop(into)]
    action: String,
    /// The confirm button's label while the action runs, if it says so.
    #[prop(optional, into)]
    busy: Option<String>,
    /// The confirm button's id.
    #[prop(into)]
    id: String,
    /// A red confirm button (the action destroys something) instead of the primary one.
    #[prop(optional)]
    danger: bool,
    /// Whether the action is running.
    #[prop(optional, into)]
    pending: Signal<bool>,
    /// Runs the action.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Closes without doing anything.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let label = move || match &busy {
        Some(busy) if pending.get() => busy.clone(),
        _ => action.clone(),
    };
    view! {
        <Dialog title=title on_close=on_close>
            <div class="ora-dialog-body">
                <p>{body}</p>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" type="button" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
                <button
                    class="ora-btn"
                    class=("ora-btn-danger", danger)
                    class=("ora-btn-primary", !danger)
                    type="button"
                    id=id
                    disabled=move || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {label}
                </button>
            </div>
        </Dialog>
    }
}
