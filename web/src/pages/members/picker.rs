//! The picker of organization members to add to a workspace.

use crate::components::dialog::Dialog;
use crate::components::table::SelectBox;
use crate::domain::display_name;
use leptos::prelude::*;
use openrouter_admin::models::{OrganizationMember, WorkspaceMember};
use std::collections::HashSet;

/// A searchable picker of organization members who are not yet in the workspace.
#[component]
pub fn MemberPicker(
    /// The organization's members.
    org: LocalResource<Result<Vec<OrganizationMember>, openrouter_admin::Error>>,
    /// The workspace's members.
    members: LocalResource<Result<Vec<WorkspaceMember>, openrouter_admin::Error>>,
    /// Whether the add is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// Adds the chosen user ids.
    on_add: Callback<Vec<String>>,
    /// Closes the picker.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(HashSet::<String>::new());
    let candidates = move || {
        let inside: HashSet<String> = members
            .get()
            .and_then(Result::ok)
            .map(|m| m.iter().map(|m| m.user_id.as_str().to_string()).collect())
            .unwrap_or_default();
        let needle = crate::text::lower(&search.get());
        org.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| !inside.contains(m.id.as_str()))
            .filter(|m| {
                needle.is_empty()
                    || crate::text::lower(&display_name(m)).contains(&needle)
                    || crate::text::lower(&m.email).contains(&needle)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Dialog title="Add members" on_close=on_close>
            <div class="ora-dialog-body">
                <label class="ora-label" for="ora-picker-search">"Search organization members"</label>
                <input id="ora-picker-search" class="ora-input" type="search" placeholder="Name or email" bind:value=search />
                <div class="ora-picker" role="group" aria-label="Organization members">
                    {move || {
                        let list = candidates();
                        if list.is_empty() {
                            view! { <p class="ora-empty">"Nobody else to add."</p> }.into_any()
                        } else {
                            list.into_iter().map(|m| {
                                view! {
                                    <label>
                                        <SelectBox id=m.id.as_str() selected=chosen />
                                        <span>{display_name(&m)}</span>
                                        <span class="ora-muted">{m.email.clone()}</span>
                                    </label>
                                }
                            }).collect_view().into_any()
                        }
                    }}
                </div>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button class="ora-btn ora-btn-primary" id="ora-picker-add" disabled=move || chosen.with(HashSet::is_empty) || pending.get()
                    on:click=move |_| on_add.run(chosen.get_untracked().into_iter().collect())>
                    {move || format!("Add {}", chosen.with(HashSet::len))}
                </button>
            </div>
        </Dialog>
    }
}
