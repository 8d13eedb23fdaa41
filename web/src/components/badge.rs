//! Badges beside a name: a key's status, the Default workspace.

use leptos::prelude::*;

/// A key's status badge (`active`, `disabled`, `expired`; [`crate::domain::status`]).
#[component]
pub fn StatusBadge(
    /// The status.
    status: &'static str,
) -> impl IntoView {
    view! { <span class=format!("ora-badge ora-badge-{status}")>{status}</span> }
}

/// " Default", after the name of the organization's Default workspace.
#[component]
pub fn DefaultBadge() -> impl IntoView {
    view! { " " <span class="ora-badge ora-badge-default">"Default"</span> }
}
