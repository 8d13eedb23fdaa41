//! Deleting a mapping: the user chooses what becomes of the access it gave (keep the members as
//! members added by hand, or remove the access that came only from it; the API has no default,
//! and neither has this dialog), and sees who may lose access.
//!
//! The API never says who is in a group, nor which of a workspace's members came through a
//! mapping, so the dialog cannot say exactly who loses access: it lists the workspace's members
//! now, says that those among them who came only through this group lose access, and names the
//! other groups mapped to the workspace, whose members keep theirs. It does not guess.

use crate::components::dialog::Dialog;
use crate::components::loaded::Loaded;
use crate::domain::display_name;
use crate::pages::identity::changes::{refusal_of, role_label, Idp, MapAction, MapChange};
use crate::pages::members::org::org_members;
use crate::pages::members::workspace::workspace_members;
use crate::services::read;
use leptos::prelude::*;
use openrouter_admin::models::{KeepMembers, ScimGroupMapping};
use std::collections::HashMap;

/// The delete dialog of one mapping.
#[component]
pub fn DeleteMapping(
    /// The mapping.
    mapping: ScimGroupMapping,
    /// Names of groups and workspaces, and the workspace's other mappings.
    idp: Idp,
    /// The view's write.
    change: MapAction,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let group = idp.group_name(mapping.scim_group_id.as_str());
    let ws_name = idp.workspace_name(mapping.workspace_id.as_str());
    let others: Vec<String> = idp
        .mappings
        .iter()
        .filter(|m| m.workspace_id == mapping.workspace_id && m.id != mapping.id)
        .map(|m| {
            format!(
                "{} ({})",
                idp.group_name(m.scim_group_id.as_str()),
                role_label(&m.role).to_lowercase()
            )
        })
        .collect();
    let choice = RwSignal::new(None::<KeepMembers>);
    let asked = RwSignal::new(false);
    let id = mapping.id.clone();
    let confirm = move |_| {
        asked.set(true);
        // A second click while the delete is on its way sends nothing.
        if change.pending().get_untracked() {
            return;
        }
        if let Some(members) = choice.get_untracked() {
            change.dispatch(MapChange::Delete(id.clone(), members));
        }
    };
    let choice_error = move || {
        (asked.get() && choice.get().is_none()).then_some(
            "Keep or remove members: choose what happens to the people this mapping gave access to.",
        )
    };
    let error = move || {
        change
            .value()
            .with(|v| match v {
                Some(Err(e)) => refusal_of(e).map(|(_, text)| text),
                _ => None,
            })
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-unmap-error">{text}</div> })
    };
    let ws = mapping.workspace_id.as_str().to_string();
    let members = read(move |signal| workspace_members(ws.clone(), signal));
    let org = read(org_members);
    let radio = move |id: &'static str, value: KeepMembers, label: String, what: String| {
        let hint = format!("{id}-hint");
        view! {
            <label class="ora-check" for=id>
                <input type="radio" name="ora-unmap-choice" id=id aria-describedby=hint.clone()
                    prop:checked=move || choice.get() == Some(value)
                    on:change=move |_| choice.set(Some(value)) />
                <strong>{label}</strong>
            </label>
            <p class="ora-hint" id=hint>{what}</p>
        }
    };
    let others_text = if others.is_empty() {
        format!("No other group is mapped to {ws_name}.")
    } else {
        format!(
            "Also mapped to {ws_name}: {}. People in those groups keep the access (and the highest role) they give.",
            others.join(", ")
        )
    };
    view! {
        <Dialog title=format!("Delete the mapping {group} → {ws_name}?") on_close=on_close>
            <div class="ora-dialog-body">
                {error}
                <fieldset class="ora-fieldset" aria-describedby="ora-unmap-choice-error">
                    <legend>"What happens to the people it gave access to?"</legend>
                    {radio("ora-unmap-keep", KeepMembers::Keep, "Keep members".to_string(), format!(
                        "Everyone in {ws_name} stays, with the role they have now. Those who came through {group} become members added by hand: your identity provider no longer changes their access here, and you remove them by hand when they should go."
                    ))}
                    {radio("ora-unmap-remove", KeepMembers::Remove, "Remove members".to_string(), format!(
                        "People who are in {ws_name} only through {group} lose access to it now. People also in another group mapped to {ws_name} keep that group's access and role; members added by hand stay."
                    ))}
                    <span class="ora-error" id="ora-unmap-choice-error">{choice_error}</span>
                </fieldset>
                <h3>"Who may lose access"</h3>
                <p id="ora-unmap-unknown">
                    {format!(
                        "The API does not say who is in {group}, nor which members of {ws_name} came through it, so this page cannot say exactly who loses access with “Remove members”. Any of the members below who came only through {group} will; members added by hand will not."
                    )}
                </p>
                <p>{others_text}</p>
                <Loaded load=move || async move { Ok::<_, openrouter_admin::Error>((members.await?, org.await?)) } let:loaded>
                    {
                        let names: HashMap<&str, String> = loaded.1.iter().map(|m| (m.id.as_str(), display_name(m))).collect();
                        let rows = loaded.0.iter().map(|m| {
                            let who = names.get(m.user_id.as_str()).cloned().unwrap_or_else(|| m.user_id.to_string());
                            view! { <li>{format!("{who} ({})", m.role.as_str())}</li> }
                        }).collect_view();
                        let count = loaded.0.len();
                        view! {
                            <p class="ora-muted">{format!("{count} member(s) of {} now:", ws_name.clone())}</p>
                            <ul id="ora-unmap-members">{rows}</ul>
                        }
                    }
                </Loaded>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button class="ora-btn ora-btn-danger" type="button" id="ora-unmap-confirm"
                    disabled=move || change.pending().get() on:click=confirm>
                    {move || if change.pending().get() { "Deleting…" } else { "Delete mapping" }}
                </button>
            </div>
        </Dialog>
    }
}
