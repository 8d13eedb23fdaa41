//! Who is signed in, where the navigation ends: the management key's label and what `GET /key`
//! says about where it acts (organization, workspace, data regions).

use crate::services::read;
use crate::session::{use_client, use_session};
use leptos::prelude::*;
use openrouter_admin::models::CurrentKey;

/// The signed-in key: its label at once, its organization, workspace and data regions once
/// `GET /key` answers (a failed read leaves them unsaid rather than guessed).
#[component]
pub fn Identity() -> impl IntoView {
    let session = use_session();
    // Through the page's one way to read, like the credit balance beside it: cancelled with
    // the view, and read again by "Try again" if it failed.
    let current =
        read(|signal| async move { use_client()?.current_key().signal(signal).send().await });
    view! {
        <dl class="ora-identity" aria-label="Signed in">
            <dt>"Key"</dt>
            <dd class="ora-mono" id="ora-id-key" title="The signed-in management key">{move || session.label()}</dd>
            {move || current.get().and_then(Result::ok).map(|k| view! {
                <dt>"Organization"</dt>
                <dd class="ora-mono" id="ora-id-org">{organization(&k)}</dd>
                <dt>"Workspace"</dt>
                <dd class="ora-mono" id="ora-id-workspace">{workspace(&k)}</dd>
                <dt>"Data regions"</dt>
                <dd id="ora-id-regions">{regions(&k)}</dd>
            })}
        </dl>
    }
}

/// The organization's id, or what its absence means.
fn organization(k: &CurrentKey) -> String {
    k.organization_id
        .clone()
        .unwrap_or_else(|| "none (personal account)".into())
}

/// The workspace the key spends in; a management key acts on all of them.
fn workspace(k: &CurrentKey) -> String {
    k.workspace_id
        .as_ref()
        .map(|w| w.to_string())
        .unwrap_or_else(|| "all (management key)".into())
}

/// The regions the key's requests may be served from, as the API names them.
fn regions(k: &CurrentKey) -> String {
    if k.allowed_data_regions.is_empty() {
        return "not stated by the API".into();
    }
    k.allowed_data_regions
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
