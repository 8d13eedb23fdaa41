//! The picker of organization members to add to a workspace.

use crate::components::picker::{Choice, Picker};
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
    let choices = Signal::derive(move || {
        let inside: HashSet<String> = members
            .get()
            .and_then(Result::ok)
            .map(|m| m.iter().map(|m| m.user_id.as_str().to_string()).collect())
            .unwrap_or_default();
        org.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| !inside.contains(m.id.as_str()))
            .map(|m| Choice {
                id: m.id.as_str().to_string(),
                name: display_name(&m),
                detail: m.email.clone(),
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Picker
            title="Add members"
            search_label="Search organization members"
            list_label="Organization members"
            placeholder="Name or email"
            choices=choices
            empty="Nobody else to add."
            pending=pending
            on_add=on_add
            on_close=on_close
        />
    }
}
