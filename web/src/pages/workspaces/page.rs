//! One workspace: its header and tabs, and the chosen tab. The workspace loads again after its
//! settings are saved.

use crate::components::badge::DefaultBadge;
use crate::components::loaded::Loaded;
use crate::domain::is_default;
use crate::pages::budgets::Budgets;
use crate::pages::byok::ByokKeys;
use crate::pages::guardrails::tab::GuardrailsTab;
use crate::pages::keys::list::KeyList;
use crate::pages::members::workspace::WorkspaceMembers;
use crate::pages::observability::Destinations;
use crate::pages::usage::Usage;
use crate::pages::workspaces::settings::{save_action, saved, Settings};
use crate::route::{Route, Tab};
use crate::services::read;
use crate::session::use_client;
use leptos::prelude::*;

/// The workspace page: header, tabs and the chosen tab.
#[component]
pub fn WorkspacePage(
    /// UUID or slug.
    id: String,
    /// The open tab.
    tab: Tab,
) -> impl IntoView {
    // -- actions --
    let save = save_action();
    let saved = saved(save);

    // -- resources: the workspace, again after each save that went through --
    let id = StoredValue::new(id);
    let workspace = read(move |signal| {
        let _written = saved.get();
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
        <Loaded load=move || workspace let:ws>
            {
                let slug = ws.slug.clone();
                let tabs = Tab::ALL
                    .iter()
                    .map(|t| {
                        let current = (*t == tab).then_some("page");
                        view! { <a href=Route::Workspace(slug.clone(), *t).href() aria-current=current>{t.label()}</a> }
                    })
                    .collect_view();
                let body = match tab {
                    Tab::Settings => view! { <Settings ws=ws.clone() save=save /> }.into_any(),
                    Tab::Members => view! { <WorkspaceMembers ws=ws.clone() /> }.into_any(),
                    Tab::Keys => view! { <KeyList ws=ws.clone() /> }.into_any(),
                    Tab::Budgets => view! { <Budgets ws=ws.clone() /> }.into_any(),
                    Tab::Guardrails => view! { <GuardrailsTab ws=ws.clone() /> }.into_any(),
                    Tab::Usage => view! { <Usage ws=ws.clone() /> }.into_any(),
                    Tab::Byok => view! { <ByokKeys ws=ws.clone() /> }.into_any(),
                    Tab::Observability => view! { <Destinations ws=ws.clone() /> }.into_any(),
                };
                view! {
                    <div class="ora-crumbs"><a href=Route::Workspaces.href()>"Workspaces"</a>" / "{ws.name.clone()}</div>
                    <div class="ora-head">
                        <div>
                            <h1>
                                {ws.name.clone()}
                                {is_default(&ws).then(|| view! { <DefaultBadge /> })}
                            </h1>
                            <p class="ora-mono">{ws.slug.clone()}</p>
                        </div>
                    </div>
                    <nav class="ora-tabs" aria-label="Workspace sections">{tabs}</nav>
                    {body}
                }
            }
        </Loaded>
    }
}
