//! What the identity-provider view reads (groups, mappings, workspaces) and its one write: add
//! a mapping, change a mapping's role, delete one. An add whose answer was lost is looked for
//! (the mapping of that group to that workspace) before another add can start.

use crate::components::lost::LostCreate;
use crate::services::every;
use crate::session::use_client;
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{
    CreateScimGroupMapping, KeepMembers, ScimGroup, ScimGroupMapping, ScimMappingId, ScimRole,
    UpdateScimGroupMapping, Workspace,
};
use openrouter_admin::retry::create_outcome_unknown;
use openrouter_admin::{CancelSignal, Error};

/// The identity provider as the view shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Idp {
    /// The provider's groups.
    pub groups: Vec<ScimGroup>,
    /// Every mapping.
    pub mappings: Vec<ScimGroupMapping>,
    /// Every workspace (names, and the add dialog's choices).
    pub workspaces: Vec<Workspace>,
}

impl Idp {
    /// A group's name, or its id when the list no longer has it.
    pub fn group_name(&self, id: &str) -> String {
        self.groups
            .iter()
            .find(|g| g.id.as_str() == id)
            .map_or_else(|| id.to_string(), |g| g.display_name.clone())
    }

    /// A workspace's name, or its id when the list no longer has it.
    pub fn workspace_name(&self, id: &str) -> String {
        self.workspaces
            .iter()
            .find(|w| w.id.as_str() == id)
            .map_or_else(|| id.to_string(), |w| w.name.clone())
    }

    /// "Engineering → Staging": a mapping in words.
    pub fn describe(&self, m: &ScimGroupMapping) -> String {
        format!(
            "{} → {}",
            self.group_name(m.scim_group_id.as_str()),
            self.workspace_name(m.workspace_id.as_str())
        )
    }
}

/// Reads groups, mappings and workspaces, every page of each, at once.
pub async fn read_idp(signal: CancelSignal) -> Result<Idp, Error> {
    let client = use_client()?;
    let (groups, mappings, workspaces) = futures_util::future::join3(
        every(client.scim().groups().limit(100), signal.clone()),
        every(client.scim().mappings().limit(100), signal.clone()),
        every(client.workspaces().list().limit(100), signal),
    )
    .await;
    Ok(Idp {
        groups: groups?,
        mappings: mappings?,
        workspaces: workspaces?,
    })
}

/// A write of the view.
#[derive(Clone, Debug)]
pub enum MapChange {
    /// Adds a mapping.
    Add(CreateScimGroupMapping),
    /// Gives a mapping another role.
    Role(ScimMappingId, ScimRole),
    /// Deletes a mapping; what becomes of its members is the user's choice.
    Delete(ScimMappingId, KeepMembers),
}

/// The view's one write action; its value says how the last one went.
pub type MapAction = Action<MapChange, Result<(), Error>>;

/// An add whose answer may be lost: searched for by its group and workspace.
pub type LostMapping = LostCreate<CreateScimGroupMapping, ScimGroupMapping>;

/// Whether a write ended with its outcome unknown: an add's answer lost after the core's
/// retries (the mapping may exist), said by the lost-create notice rather than as a refusal.
pub fn lost_answer(e: &Error) -> bool {
    e.is_outcome_unknown() || create_outcome_unknown(e)
}

/// Sends one change.
async fn send(change: MapChange) -> Result<(), Error> {
    let client = use_client()?;
    match change {
        MapChange::Add(body) => client.scim().create_mapping(body).send().await.map(drop),
        MapChange::Role(id, role) => client
            .scim_mapping(id)
            .update(UpdateScimGroupMapping::new(role))
            .send()
            .await
            .map(drop),
        MapChange::Delete(id, members) => client.scim_mapping(id).delete(members).send().await,
    }
}

/// Looks for the mapping a lost add made: the group's mapping to that workspace (a group maps
/// to a workspace once, so there is at most one).
pub async fn look_for(lost: LostMapping) {
    lost.search(|body, _since_ms| async move {
        let all = every(
            use_client()?.scim().mappings().limit(100),
            CancelSignal::new(),
        )
        .await?;
        Ok(all
            .into_iter()
            .find(|m| m.scim_group_id == body.scim_group_id && m.workspace_id == body.workspace_id))
    })
    .await;
}

/// The view's write; `closed` runs when a change went through (the view closes its dialog).
pub fn map_action(lost: LostMapping, closed: impl Fn() + Copy + 'static) -> MapAction {
    let writes = use_writes();
    Action::new_local(move |c: &MapChange| {
        let c = c.clone();
        let (text, adding) = match &c {
            MapChange::Add(body) => {
                lost.begin(body.clone());
                ("Mapping added; its group's members have access now", true)
            }
            MapChange::Role(..) => ("Role changed", false),
            MapChange::Delete(_, KeepMembers::Keep) => (
                "Mapping deleted; its members stay, as members added by hand",
                false,
            ),
            MapChange::Delete(_, KeepMembers::Remove) => (
                "Mapping deleted; access that came only from it is removed",
                false,
            ),
        };
        let ran = writes.run(
            send(c),
            move |_| {
                closed();
                Then::ok(text)
            },
            Failure::Shown,
        );
        async move {
            let result = ran.await;
            if adding && result.as_ref().is_err_and(lost_answer) {
                look_for(lost).await;
            }
            result
        }
    })
}

/// A failure in the page's words, naming the field when the API or the rules did (`role: …`);
/// `None` for a lost answer, which the lost-create notice tells.
pub fn refusal_of(e: &Error) -> Option<(Option<&'static str>, String)> {
    if lost_answer(e) {
        return None;
    }
    if let Some(f) = e.validation_errors().first() {
        return Some((field_of(&f.field), format!("Not saved: {}", f.message)));
    }
    let message = e.message();
    let field = message
        .split_once(':')
        .and_then(|(f, _)| field_of(f.trim()));
    Some((field, format!("Not saved: {message}")))
}

/// The form's field an API field name is shown under.
fn field_of(name: &str) -> Option<&'static str> {
    match name {
        "scim_group_id" => Some("scim_group_id"),
        "workspace_id" => Some("workspace_id"),
        "role" => Some("role"),
        "keep_members" => Some("keep_members"),
        _ => None,
    }
}

/// A role in words.
pub fn role_label(role: &ScimRole) -> &'static str {
    match role {
        ScimRole::Admin => "Admin",
        _ => "Member",
    }
}
