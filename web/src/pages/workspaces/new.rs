//! The create-workspace page.

use crate::pages::workspaces::form::{workspace_fields, WsForm};
use crate::route::{Route, Tab};
use crate::session::use_client;
use crate::write::{failure_message, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::CreateWorkspace;

/// The create-workspace page: on success it goes to the new workspace; on failure the form keeps
/// its input.
#[component]
pub fn NewWorkspace() -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let form = WsForm::new(None);
    let submitted = RwSignal::new(false);
    let touched = RwSignal::new(false);
    let errors = Signal::derive(move || form.create_errors());
    let show = Signal::derive(move || submitted.get() || touched.get());

    // -- actions --
    let create = Action::new_local(move |body: &CreateWorkspace| {
        let body = body.clone();
        writes.run(
            async move { use_client()?.workspaces().create(body).send().await },
            |ws| {
                Then::ok(format!("Workspace “{}” created", ws.name))
                    .go(Route::Workspace(ws.slug.clone(), Tab::Settings))
            },
            Failure::ShownToastUnknown(
                "The server did not answer: the workspace may or may not exist. Check the list before trying again.",
            ),
        )
    });

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if errors.get_untracked().is_empty() {
            create.dispatch(form.to_create());
        }
    };
    let server_error = failure_message(create);

    view! {
        <div class="ora-crumbs"><a href=Route::Workspaces.href()>"Workspaces"</a>" / New"</div>
        <h1>"New workspace"</h1>
        <form class="ora-card" on:submit=submit on:input=move |_| touched.set(true) novalidate>
            {move || server_error.get().map(|e| view! { <div class="ora-alert ora-alert-error" role="alert">{e}</div> })}
            {workspace_fields(form, errors, show)}
            <div class="ora-row">
                <button class="ora-btn ora-btn-primary" type="submit" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create workspace" }}
                </button>
                <a class="ora-btn" href=Route::Workspaces.href()>"Cancel"</a>
            </div>
        </form>
    }
}
