//! A workspace's settings tab: the form, which sends only what changed, keeps the input when
//! saving fails and asks when someone else changed a field it saves since it was loaded
//! (`components::conflict`); and the danger zone.

use crate::components::confirm::{delete_title, ConfirmByName, IRREVERSIBLE};
use crate::components::conflict::{Checking, ClashNotice, EditCheck, Edited};
use crate::components::field::FormErrors;
use crate::domain::is_default;
use crate::pages::workspaces::form::{workspace_fields, WsForm};
use crate::route::{Route, Tab};
use crate::services::use_toasts;
use crate::session::use_client;
use crate::write::{failure_message, succeeded, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{UpdateWorkspace, Workspace};

/// What deleting the Default workspace destroys, in the API's own terms: said before the
/// button and again in the dialog where its name is typed.
const DEFAULT_DELETE_WARNING: &str = "This is the organization's Default workspace. Deleting it permanently disables every API key in it (the account's unscoped inference keys) and deletes its budgets, guardrails and broadcast destinations. Management keys are kept.";

/// A save of the settings form: the workspace's id and slug, and the fields that changed.
#[derive(Clone)]
pub struct Save {
    id: String,
    slug: String,
    patch: UpdateWorkspace,
}

/// The save action.
pub type SaveAction = Action<Save, Result<Workspace, openrouter_admin::Error>>;

/// The save action: a new slug moves the page to it.
pub fn save_action() -> SaveAction {
    let writes = use_writes();
    Action::new_local(move |save: &Save| {
        let Save { id, slug, patch } = save.clone();
        writes.run(
            async move { use_client()?.workspace(&id).update(patch).send().await },
            move |saved| {
                let then = Then::ok(format!("Saved “{}”", saved.name));
                if saved.slug == slug {
                    then
                } else {
                    then.go(Route::Workspace(saved.slug.clone(), Tab::Settings))
                }
            },
            Failure::Shown,
        )
    })
}

/// Changes each time a save goes through: what the workspace resource is keyed on.
pub fn saved(save: SaveAction) -> Memo<usize> {
    succeeded(save)
}

/// The settings form and the danger zone.
#[component]
pub fn Settings(
    /// The workspace as loaded.
    ws: Workspace,
    /// Saves the form.
    save: SaveAction,
) -> impl IntoView {
    // -- signals: the form, checked against other edits before each save --
    let writes = use_writes();
    let form = WsForm::new(Some(&ws));
    let check = EditCheck::new(ws.clone(), form);
    let orig = StoredValue::new(ws.clone());
    let all_errors = Signal::derive(move || {
        check.state().track();
        form.patch_errors(&check.seen())
    });
    let errors = FormErrors::new(all_errors);
    let toasts = use_toasts();
    let confirm_delete = RwSignal::new(false);
    let default = is_default(&ws);

    // -- actions: delete goes back to the list; its failure shows in the dialog --
    let delete = Action::new_local(move |_: &()| {
        let id = orig.get_value().id;
        writes.run(
            async move {
                let client = use_client()?;
                let ws = client.workspace(id.as_str());
                // Only the Default workspace needs the API's explicit confirmation, and only
                // after the user typed its name under the warning that says what it destroys.
                let call = if default {
                    ws.delete_even_if_default()
                } else {
                    ws.delete()
                };
                call.send().await
            },
            |_| Then::ok("Workspace deleted").go(Route::Workspaces),
            Failure::Shown,
        )
    });

    // -- callbacks: the patch is made against the workspace as re-read just before --
    let send = move || {
        let seen = check.seen();
        if form.fields() == form.fields_of(&seen) {
            toasts.ok("Nothing left to save: the workspace already has these values");
            return;
        }
        let patch = form.to_patch(&seen);
        save.dispatch(Save {
            id: seen.id.as_str().to_string(),
            slug: seen.slug.clone(),
            patch,
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        if !all_errors.get_untracked().is_empty() || save.pending().get_untracked() {
            return;
        }
        let id = orig.get_value().id;
        let reread = async move { use_client()?.workspace(id.as_str()).get().send().await };
        check.save(form, reread, send);
    };
    let choose = move |overwrite: bool| check.resolve(&form, overwrite);
    let busy = move || save.pending().get() || check.state().with(|s| *s == Checking::Reading);
    let save_error = move || {
        save.value().with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(|e| e.message().to_string())).map(|e| {
            view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-save-error">"Not saved: "{e}" Your changes are still in the form."</div> }
        })
    };
    // The API refuses to delete a workspace that still has active keys: say so and link to them.
    let delete_help = Signal::derive(move || {
        delete.value().with(|r| r.as_ref().and_then(|r| r.as_ref().err()).filter(|e| e.status() != Some(403) || crate::collate::lower(e.message()).contains("key")).is_some()).then(|| {
            (
                "A workspace with active API keys cannot be deleted: disable or delete them first.".to_string(),
                Route::Workspace(orig.get_value().slug.clone(), Tab::Keys).href(),
                "Review its active keys".to_string(),
            )
        })
    });
    let name = ws.name.clone();

    view! {
        <form class="ora-card" on:submit=submit on:input=move |_| errors.touch() novalidate>
            <h2>"Settings"</h2>
            {save_error}
            <ClashNotice state=check.state() choose=choose />
            {workspace_fields(form, errors)}
            <button class="ora-btn ora-btn-primary" type="submit" id="ora-save" disabled=busy>
                {move || if busy() { "Saving…" } else { "Save changes" }}
            </button>
        </form>
        <section class="ora-card ora-card-danger" aria-labelledby="ora-danger">
            <h2 id="ora-danger">"Danger zone"</h2>
            {if default {
                view! {
                    <p id="ora-default-warning">{DEFAULT_DELETE_WARNING}</p>
                    <button class="ora-btn ora-btn-danger" id="ora-delete-ws" on:click=move |_| confirm_delete.set(true)>"Delete the Default workspace"</button>
                }.into_any()
            } else {
                view! {
                    <p>"Deleting a workspace deletes its budgets and guardrails for good. Its keys must be disabled or deleted first."</p>
                    <button class="ora-btn ora-btn-danger" id="ora-delete-ws" on:click=move |_| confirm_delete.set(true)>"Delete workspace"</button>
                }.into_any()
            }}
        </section>
        <Show when=move || confirm_delete.get()>
            <ConfirmByName
                what="workspace"
                name=name.clone()
                action=if default { "Delete the Default workspace" } else { "Delete workspace" }
                title=delete_title(if default { "the Default workspace" } else { "workspace" }, &name)
                body=if default { format!("{DEFAULT_DELETE_WARNING} {IRREVERSIBLE}") } else { IRREVERSIBLE.to_string() }
                pending=delete.pending()
                error=failure_message(delete)
                help=delete_help
                on_confirm=move |_| { delete.dispatch(()); }
                on_close=move |_| confirm_delete.set(false)
            />
        </Show>
    }
}
