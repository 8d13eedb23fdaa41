//! One workspace: its tabs, the settings form and the danger zone.

use super::workspaces::{is_default, workspace_fields, WsForm};
use crate::components::{error_view, loading, ConfirmByName};
use crate::route::{use_router, Route, Tab};
use crate::services::{abort_on_cleanup, use_toasts};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::Workspace;

/// The workspace page: header, tabs and the chosen tab.
#[component]
pub fn WorkspacePage(
    /// UUID or slug.
    id: String,
    /// The open tab.
    tab: Tab,
) -> impl IntoView {
    // -- resources --
    let id = StoredValue::new(id);
    let workspace = LocalResource::new(move || {
        let signal = abort_on_cleanup();
        let id = id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .get()
                .signal(signal)
                .send()
                .await
        }
    });

    view! {
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let ws = workspace.await?;
                    let slug = ws.slug.clone();
                    let tabs = Tab::ALL
                        .iter()
                        .map(|t| {
                            let current = (*t == tab).then_some("page");
                            view! { <a href=Route::Workspace(slug.clone(), *t).href() aria-current=current>{t.label()}</a> }
                        })
                        .collect_view();
                    let body = match tab {
                        Tab::Settings => view! { <Settings ws=ws.clone() on_saved=Callback::new(move |_| workspace.refetch()) /> }.into_any(),
                        Tab::Members => view! { <super::members::WorkspaceMembers ws=ws.clone() /> }.into_any(),
                        Tab::Keys => view! { <super::keys::KeyList ws=ws.clone() /> }.into_any(),
                        Tab::Budgets => view! { <super::budgets::Budgets ws=ws.clone() /> }.into_any(),
                        Tab::Usage => view! { <super::usage::Usage ws=ws.clone() /> }.into_any(),
                    };
                    Ok::<_, openrouter_admin::Error>(view! {
                        <div class="ora-crumbs"><a href=Route::Workspaces.href()>"Workspaces"</a>" / "{ws.name.clone()}</div>
                        <div class="ora-head">
                            <div>
                                <h1>
                                    {ws.name.clone()}
                                    {is_default(&ws).then(|| view! { " " <span class="ora-badge ora-badge-default">"Default"</span> })}
                                </h1>
                                <p class="ora-mono">{ws.slug.clone()}</p>
                            </div>
                        </div>
                        <nav class="ora-tabs" aria-label="Workspace sections">{tabs}</nav>
                        {body}
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The settings form: sends only what changed, keeps the input when saving fails, and warns when
/// someone else saved the workspace since it was loaded.
#[component]
fn Settings(
    /// The workspace as loaded.
    ws: Workspace,
    /// Called after a successful save so the page reloads the workspace.
    on_saved: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let toasts = use_toasts();
    let router = use_router();
    let orig = StoredValue::new(ws.clone());
    let form = WsForm::new(Some(&ws));
    let touched = RwSignal::new(false);
    let conflict = RwSignal::new(None::<String>);
    let errors = Signal::derive(move || form.patch_errors(&orig.get_value()));
    let confirm_delete = RwSignal::new(false);
    let default = is_default(&ws);

    // -- actions --
    // `force` skips the "changed underneath" check after the user has seen the warning.
    let save = Action::new_local(move |force: &bool| {
        let force = *force;
        let orig = orig.get_value();
        let patch = form.to_patch(&orig);
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
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let id = orig.get_value().id;
        async move { use_client()?.workspace(id.as_str()).delete().send().await }
    });

    // -- effects --
    Effect::new(move || match save.value().get() {
        Some(Ok(Ok(saved))) => {
            toasts.ok(format!("Saved “{}”", saved.name));
            conflict.set(None);
            let old_slug = orig.get_value().slug;
            orig.set_value(saved.clone());
            if saved.slug != old_slug {
                router.push(&Route::Workspace(saved.slug.clone(), Tab::Settings).href());
            }
            on_saved.run(());
        }
        Some(Ok(Err(when))) => conflict.set(Some(when)),
        _ => {}
    });
    Effect::new(move || {
        if let Some(Ok(())) = delete.value().get() {
            toasts.ok("Workspace deleted");
            router.push(&Route::Workspaces.href());
        }
    });

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if errors.get_untracked().is_empty() {
            save.dispatch(false);
        }
    };
    let save_error = move || {
        save.value().get().and_then(|r| r.err()).map(|e| {
            view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-save-error">"Not saved: "{e.message().to_string()}" Your changes are still in the form."</div> }
        })
    };
    let delete_error = crate::components::failure_message(delete);
    // The API refuses to delete a workspace that still has active keys: say so and link to them.
    let delete_help = Signal::derive(move || {
        delete.value().get().and_then(|r| r.err()).filter(|e| e.status() != Some(403) || crate::text::lower(e.message()).contains("key")).map(|_| {
            (
                "A workspace with active API keys cannot be deleted: disable or delete them first.".to_string(),
                Route::Workspace(orig.get_value().slug.clone(), Tab::Keys).href(),
                "Review its active keys".to_string(),
            )
        })
    });
    let name = ws.name.clone();

    view! {
        <form class="ora-card" on:submit=submit on:input=move |_| touched.set(true) novalidate>
            <h2>"Settings"</h2>
            {save_error}
            {move || conflict.get().map(|when| view! {
                <div class="ora-alert ora-alert-warn" role="alert" id="ora-conflict">
                    <p>{format!("Someone else saved this workspace since you opened it (updated {when}). Saving now overwrites their changes to the fields you edited.")}</p>
                    <button class="ora-btn" type="button" id="ora-save-anyway" on:click=move |_| { save.dispatch(true); }>"Save anyway"</button>
                </div>
            })}
            {workspace_fields(form, errors, touched.into())}
            <button class="ora-btn ora-btn-primary" type="submit" id="ora-save" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save changes" }}
            </button>
        </form>
        <section class="ora-card ora-card-danger" aria-labelledby="ora-danger">
            <h2 id="ora-danger">"Danger zone"</h2>
            {if default {
                view! { <p class="ora-muted" id="ora-default-protected">"This is the organization's Default workspace: every member belongs to it and it cannot be deleted."</p> }.into_any()
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
                action="Delete workspace"
                pending=delete.pending()
                error=delete_error
                help=delete_help
                on_confirm=move |_| { delete.dispatch(()); }
                on_close=move |_| confirm_delete.set(false)
            />
        </Show>
    }
}
