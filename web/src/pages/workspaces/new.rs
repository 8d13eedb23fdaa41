//! The create-workspace page.

use crate::components::field::FormErrors;
use crate::components::lost::{create_or_look, search, Lost, LostNotice};
use crate::pages::workspaces::form::{workspace_fields, WsForm};
use crate::route::{Route, Tab};
use crate::session::use_client;
use crate::write::{failure_message, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{CreateWorkspace, Workspace};

/// The create-workspace page: on success it goes to the new workspace; on failure the form keeps
/// its input. When the answer is lost, it looks for the workspace by its slug (the core's
/// reconcile) before anything can be created again, and goes to it if it was made.
#[component]
pub fn NewWorkspace() -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let form = WsForm::new(None);
    let all_errors = Signal::derive(move || form.create_errors());
    let errors = FormErrors::new(all_errors);

    // Where a create whose answer was lost stands, and the slug it asked for.
    let lost = RwSignal::new_local(Lost::<Workspace>::Clear);
    let asked = StoredValue::new(String::new());
    let found = |ws: &Workspace| {
        Then::ok(format!("Workspace “{}” created", ws.name))
            .go(Route::Workspace(ws.slug.clone(), Tab::Settings))
    };
    let look = move || async move {
        let slug = asked.get_value();
        search(lost, async move {
            use_client()?.workspaces().reconcile(slug).send().await
        })
        .await;
        if let Lost::Found(ws) = lost.get_untracked() {
            writes.follow(
                Then::ok(format!(
                    "Workspace “{}” was created, although the server's answer was lost: here it is.",
                    ws.name
                ))
                .go(Route::Workspace(ws.slug.clone(), Tab::Settings)),
            );
        }
    };

    // -- actions --
    let create = Action::new_local(move |body: &CreateWorkspace| {
        let body = body.clone();
        lost.set(Lost::Clear);
        asked.set_value(body.slug.clone());
        let created = writes.run(
            async move { use_client()?.workspaces().create(body).send().await },
            found,
            Failure::Shown,
        );
        async move { create_or_look(created, look()).await }
    });

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        // A second click before the button shows it is disabled must not create twice.
        if create.pending().get_untracked() || lost.with_untracked(Lost::blocks_create) {
            return;
        }
        if all_errors.get_untracked().is_empty() {
            create.dispatch(form.to_create());
        }
    };
    // A lost answer is told by the search's notice, not as an error.
    let server_error = Signal::derive(move || {
        failure_message(create)
            .get()
            .filter(|_| !lost.with(Lost::is_lost))
    });
    let blocked = move || create.pending().get() || lost.with(Lost::blocks_create);
    let label = move || {
        if lost.with(|l| *l == Lost::NotFound) {
            "Create again"
        } else if create.pending().get() && !lost.with(Lost::is_lost) {
            "Creating…"
        } else {
            "Create workspace"
        }
    };

    view! {
        <div class="ora-crumbs"><a href=Route::Workspaces.href()>"Workspaces"</a>" / New"</div>
        <h1>"New workspace"</h1>
        <form class="ora-card" on:submit=submit on:input=move |_| errors.touch() novalidate>
            {move || server_error.get().map(|e| view! { <div class="ora-alert ora-alert-error" role="alert">{e}</div> })}
            <LostNotice lost=lost what="workspace" again=move |()| leptos::task::spawn_local_scoped(look()) />
            {workspace_fields(form, errors)}
            <div class="ora-row">
                <button class="ora-btn ora-btn-primary" type="submit" id="ora-ws-create" disabled=blocked>
                    {label}
                </button>
                <a class="ora-btn" href=Route::Workspaces.href()>"Cancel"</a>
            </div>
        </form>
    }
}
