//! A workspace's members tab: members with names and emails from the organization, the add
//! picker, and removal; each change reports per user. The members load again after a change.

use crate::components::confirm::ConfirmByName;
use crate::components::loaded::Loaded;
use crate::components::results::{
    counted, ended_by, failed_text, no_answer, not_done, Ended, ResultLine, ResultsPanel,
};
use crate::components::table::SelectBox;
use crate::domain::{display_name, is_default};
use crate::format::date;
use crate::pages::identity::note::MappedGroups;
use crate::pages::members::org::org_members;
use crate::pages::members::picker::MemberPicker;
use crate::services::{every, read};
use crate::session::use_client;
use crate::write::{succeeded_if, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::handlers::{MemberOutcome, MemberReport};
use openrouter_admin::models::{OrganizationMember, Workspace, WorkspaceMember};
use openrouter_admin::UserId;
use std::collections::{HashMap, HashSet};

/// What a member change did to one user, in words. The core lists the members again after the
/// change, so a user whose change got no answer is said to be where that read found them.
fn outcome_text(o: &MemberOutcome, add: bool) -> String {
    match o {
        MemberOutcome::Added => "added".into(),
        MemberOutcome::AlreadyMember => "already a member".into(),
        MemberOutcome::Removed => "removed".into(),
        MemberOutcome::KeptActiveKeys => "kept: holds active API keys in this workspace".into(),
        MemberOutcome::KeptScimManaged => {
            "kept: managed by SCIM (change it in your identity provider)".into()
        }
        MemberOutcome::NotAMember => "was not a member".into(),
        MemberOutcome::Failed(e) if no_answer(e) => format!(
            "no answer; {} when the members were read again, and the list below shows where they stand ({})",
            if add { "not a member" } else { "still a member" },
            e.message()
        ),
        MemberOutcome::Failed(e) => failed_text(e),
        _ => "unknown outcome".into(),
    }
}

/// How a member change ended for one user.
fn ended(o: &MemberOutcome) -> Ended {
    match o {
        MemberOutcome::Added | MemberOutcome::Removed | MemberOutcome::AlreadyMember => Ended::Done,
        MemberOutcome::Failed(e) => ended_by(e),
        _ => Ended::NotDone,
    }
}

/// The outcome panel's heading: all done, or how many users of how many were not changed and
/// how many got no answer (never counted as not changed).
fn outcome_heading(lines: &[ResultLine], add: bool) -> String {
    match (not_done(lines), add) {
        (0, true) => format!("All {} added", lines.len()),
        (0, false) => format!("All {} removed", lines.len()),
        (_, true) => counted(lines, "not added"),
        (_, false) => counted(lines, "kept"),
    }
}

/// A report's lines, with people's names from the organization's members.
fn report_lines(report: &MemberReport, add: bool, org: &[OrganizationMember]) -> Vec<ResultLine> {
    let names: HashMap<&str, String> = org
        .iter()
        .map(|m| (m.id.as_str(), display_name(m)))
        .collect();
    report
        .results
        .iter()
        .map(|x| ResultLine {
            name: names
                .get(x.user_id.as_str())
                .cloned()
                .unwrap_or_else(|| x.user_id.to_string()),
            text: outcome_text(&x.outcome, add),
            ended: ended(&x.outcome),
        })
        .collect()
}

/// Every member of the workspace `ws` (UUID or slug), all pages.
pub async fn workspace_members(
    ws: String,
    signal: openrouter_admin::CancelSignal,
) -> Result<Vec<WorkspaceMember>, openrouter_admin::Error> {
    every(
        use_client()?.workspace(&ws).members().list().limit(100),
        signal,
    )
    .await
}

/// The members tab.
#[component]
pub fn WorkspaceMembers(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let default = is_default(&ws);
    let ws_name = StoredValue::new(ws.name.clone());
    let selected = RwSignal::new(HashSet::<String>::new());
    let picking = RwSignal::new(false);
    let confirm_remove = RwSignal::new(false);

    // -- actions: add (`true`) or remove users; the value reports per user --
    let change = Action::new_local(move |(add, ids): &(bool, Vec<String>)| {
        let (add, ids) = (*add, ids.clone());
        let id = ws_id.get_value();
        writes.run(
            async move {
                let client = use_client()?;
                let h = client.workspace(&id);
                let ids: Vec<UserId> = ids.into_iter().map(UserId::new).collect();
                if add {
                    h.members().add_all(ids).send().await
                } else {
                    h.members().remove_all(ids).send().await
                }
                .map(|r| (add, r))
            },
            move |_| {
                selected.set(HashSet::new());
                picking.set(false);
                confirm_remove.set(false);
                Then::quiet()
            },
            Failure::Toast(""),
        )
    });
    // The members are read again after every change, whatever came of it: one that got no
    // answer may have happened all the same.
    let changed = succeeded_if(change, |_| true);

    // -- resources: the workspace's members (again after each change), and the organization's
    // for names and the picker --
    let members = read(move |signal| {
        let _written = changed.get();
        workspace_members(ws_id.get_value(), signal)
    });
    let org = read(org_members);

    // -- the last change's report, one line per user --
    let lines = Signal::derive(move || {
        change.value().with(|v| match v {
            Some(Ok((add, report))) => org.with(|o| {
                let people = o.as_ref().and_then(|o| o.as_ref().ok());
                report_lines(report, *add, people.map(Vec::as_slice).unwrap_or_default())
            }),
            _ => Vec::new(),
        })
    });
    let heading = Signal::derive(move || {
        let add = change.value().with(|v| matches!(v, Some(Ok((true, _)))));
        lines.with(|l| outcome_heading(l, add))
    });

    view! {
        <div class="ora-head">
            <p>
                {if default {
                    "Every organization member belongs to the Default workspace; membership here cannot be changed."
                } else {
                    "Members get the role they hold in the organization."
                }}
            </p>
            <div class="ora-row">
                <Show when=move || !default && !selected.with(HashSet::is_empty)>
                    <button class="ora-btn ora-btn-danger" id="ora-remove-members" on:click=move |_| confirm_remove.set(true)>
                        {move || format!("Remove {} selected", selected.with(HashSet::len))}
                    </button>
                </Show>
                <Show when=move || !default>
                    <button class="ora-btn ora-btn-primary" id="ora-add-members" on:click=move |_| picking.set(true)>"Add members"</button>
                </Show>
            </div>
        </div>
        {(!default).then(|| view! { <MappedGroups ws_id=ws_id.get_value() /> })}
        <ResultsPanel
            id="ora-member-results"
            heading_id="ora-member-results-head"
            heading=heading
            lines=lines
            on_dismiss=move |_| change.value().set(None)
        />
        <Loaded load=move || async move { Ok::<_, openrouter_admin::Error>((members.await?, org.await?)) } let:loaded>
            {member_table(loaded.0, &loaded.1, selected, default)}
        </Loaded>
        <Show when=move || picking.get()>
            <MemberPicker
                org=org
                members=members
                pending=change.pending()
                on_add=Callback::new(move |ids: Vec<String>| { change.dispatch((true, ids)); })
                on_close=move |_| picking.set(false)
            />
        </Show>
        <Show when=move || confirm_remove.get()>
            <ConfirmByName
                what="members"
                name=ws_name.get_value()
                title=format!("Remove {} member(s) from “{}”?", selected.with_untracked(HashSet::len), ws_name.get_value())
                body="Members who hold active keys here, or whom SCIM manages, stay; you will see who and why."
                action="Remove"
                pending=change.pending()
                error=Signal::derive(|| None::<String>)
                on_confirm=move |_| { change.dispatch((false, selected.get_untracked().into_iter().collect())); }
                on_close=move |_| confirm_remove.set(false)
            />
        </Show>
    }
}

/// The members' table, with names and emails from the organization's members.
fn member_table(
    list: Vec<WorkspaceMember>,
    org: &[OrganizationMember],
    selected: RwSignal<HashSet<String>>,
    default: bool,
) -> impl IntoView {
    let by_id: HashMap<&str, &OrganizationMember> =
        org.iter().map(|m| (m.id.as_str(), m)).collect();
    let rows = list
        .into_iter()
        .map(|m| {
            let uid = m.user_id.as_str().to_string();
            let person = by_id.get(uid.as_str());
            let name = person.map(|p| display_name(p)).unwrap_or_else(|| uid.clone());
            let email = person.map(|p| p.email.clone()).unwrap_or_default();
            view! {
                <tr>
                    <td>
                        <SelectBox id=uid selected=selected label=format!("Select {name}") disabled=default />
                    </td>
                    <td>{name.clone()}</td>
                    <td>{email}</td>
                    <td>{m.role.as_str().to_string()}</td>
                    <td>{date(m.created_at.as_str())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table" id="ora-member-table">
                <caption class="ora-sr">"Workspace members"</caption>
                <thead><tr>
                    <th scope="col"><span class="ora-sr">"Select"</span></th>
                    <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Added"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
