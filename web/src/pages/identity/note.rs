//! The note a workspace's Members tab shows: which identity-provider groups map into the
//! workspace and with which role, with a link to the identity-provider view.

use crate::route::Route;
use crate::services::{every, read};
use crate::session::use_client;
use leptos::prelude::*;

/// The groups mapped into the workspace `ws_id` (its UUID), as a note; nothing while it loads,
/// and nothing when the identity provider cannot be read (the tab is about members).
#[component]
pub fn MappedGroups(
    /// The workspace's UUID.
    ws_id: String,
) -> impl IntoView {
    let ws = StoredValue::new(ws_id);
    let mapped = read(move |signal| async move {
        let client = use_client()?;
        let (groups, mappings) = futures_util::future::join(
            every(client.scim().groups().limit(100), signal.clone()),
            every(client.scim().mappings().limit(100), signal),
        )
        .await;
        let (groups, mappings) = (groups?, mappings?);
        let mut here: Vec<String> = mappings
            .iter()
            .filter(|m| ws.with_value(|w| m.workspace_id.as_str() == w))
            .map(|m| {
                let name = groups
                    .iter()
                    .find(|g| g.id == m.scim_group_id)
                    .map_or_else(|| m.scim_group_id.to_string(), |g| g.display_name.clone());
                format!("{name} ({})", m.role.as_str())
            })
            .collect();
        here.sort();
        Ok::<_, openrouter_admin::Error>(here)
    });
    move || {
        let here = mapped.get().and_then(Result::ok)?;
        let text = if here.is_empty() {
            "No identity-provider group maps into this workspace.".to_string()
        } else {
            format!(
                "Identity-provider groups mapped into this workspace: {}. Their members are managed by your identity provider, not here.",
                here.join(", ")
            )
        };
        Some(view! {
            <p class="ora-muted" id="ora-ws-mapped-groups">
                {text} " " <a href=Route::Identity.href()>"Manage mappings"</a>
            </p>
        })
    }
}
