//! A workspace's settings tab: the form, which sends only what changed, keeps the input when
//! saving fails and warns when someone else saved the workspace since it was loaded; and the
//! danger zone.

use crate::components::confirm::{delete_title, ConfirmByName, IRREVERSIBLE};
use crate::components::field::FormErrors;
use crate::domain::is_default;
use crate::pages::workspaces::form::{workspace_fields, WsForm};
use crate::route::{Route, Tab};
use crate::session::use_client;
use crate::write::{failure_message, succeeded_if, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{UpdateWorkspace, Workspace};

/// What deleting the Default workspace destroys, in the API's own terms: said before the
/// button and again in the dialog where its name is typed.
const DEFAULT_DELETE_WARNING: &str = "This is the organization's Default workspace. Deleting it permanently disables every API key in it (the account's unscoped inference keys) and deletes its budgets, guardrails and broadcast destinations. Management keys are kept.";

/// A save of the settings form.
#[derive(Clone)]
pub struct Save {
    /// The workspace as loaded.
    orig: Workspace,
    /// The fields that changed.
    patch: UpdateWorkspace,
    /// Save even if someone else saved since `orig` was loaded (after the user saw the warning).
    force: bool,
}

/// The save action: the saved workspace, or (`Err`) the time of a newer save by someone else.
pub type SaveAction = Action<Save, Result<Result<Workspace, String>, openrouter_admin::Error>>;

/// The save action; a newer save found on the way goes to `conflict`.
pub fn save_action(conflict: RwSignal<Option<String>>) -> SaveAction {
    let writes = use_writes();
    Action::new_local(move |save: &Save| {
        let Save { orig, patch, force } = save.clone();
        let old_slug = orig.slug.clone();
        writes.run(
            async move {
                let client = use_client()?;
                let handle = client.workspace(orig.id.as_str());
                if !force {
                    let now = handle.get().send().await?;
                    if now.updated_at != orig.updated_at {
                        return Ok(Err(now
                            .updated_at
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default()));
                    }
                }
                handle.update(patch).send().await.map(Ok)
            },
            move |saved| match saved {
                Ok(saved) => {
                    conflict.set(None);
                    let then = Then::ok(format!("Saved “{}”", saved.name));
                    if saved.slug == old_slug {
                        then
                    } else {
                        then.go(Route::Workspace(saved.slug.clone(), Tab::Settings))
                    }
                }
                Err(when) => {
                    conflict.set(Some(when.clone()));
                    Then::quiet()
                }
            },
            Failure::Shown,
        )
    })
}

/// Changes each time a save goes through (not when it found a newer save): what the workspace
/// resource is keyed on.
pub fn saved(save: SaveAction) -> Memo<usize> {
    succeeded_if(save, |r| matches!(r, Ok(Ok(_))))
}

/// The settings form and the danger zone.
#[component]
pub fn Settings(
    /// The workspace as loaded.
    ws: Workspace,
    /// Saves the form.
    save: SaveAction,
    /// The time of a newer save by someone else, once a save found one.
    conflict: RwSignal<Option<String>>,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let orig = StoredValue::new(ws.clone());
    let form = WsForm::new(Some(&ws));
    let all_errors = Signal::derive(move || form.patch_errors(&orig.get_value()));
    let errors = FormErrors::new(all_errors);
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

    // -- callbacks --
    let dispatch = move |force: bool| {
        let orig = orig.get_value();
        let patch = form.to_patch(&orig);
        save.dispatch(Save { orig, patch, force });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        if all_errors.get_untracked().is_empty() {
            dispatch(false);
        }
    };
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
            {move || conflict.get().map(|when| view! {
                <div class="ora-alert ora-alert-warn" role="alert" id="ora-conflict">
                    <p>{format!("Someone else saved this workspace since you opened it (updated {when}). Saving now overwrites their changes to the fields you edited.")}</p>
                    <button class="ora-btn" type="button" id="ora-save-anyway" on:click=move |_| dispatch(true)>"Save anyway"</button>
                </div>
            })}
            {workspace_fields(form, errors)}
            <button class="ora-btn ora-btn-primary" type="submit" id="ora-save" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save changes" }}
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
