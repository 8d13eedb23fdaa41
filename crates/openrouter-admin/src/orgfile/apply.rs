//! The apply: exactly what an approved plan says, through the client's safe machinery.
//!
//! It refuses a plan made from another file or whose objects changed since (naming them); it
//! checks every body before the first write; it goes through the sections in order (deletes
//! last, in reverse); a create whose answer is lost is searched for, never sent twice; it stops
//! at the first failure or unknown outcome, and the caller plans again to see what is left.
//! New key secrets are returned once, apart from the journal, which never holds one.

use std::collections::BTreeMap;
use std::future::Future;

use serde::Serialize;

use super::action::{Action, ActionKind};
use super::approved::{plan_json, stale};
use super::digest::sha256;
use super::plan::{plan, Plan};
use super::read::read_live;
use super::section::LiveOrg;
use super::sections::SECTIONS;
use super::typed::{with_typed, Typed};
use super::value::Value;
use super::write::{is_stand_in_for, Write};
use crate::client::Client;
use crate::error::{Error, FieldError};
use crate::patch::Patch;
use crate::secret::Secret;
use crate::shapes::{KeyHash, WorkspaceId};
use crate::time::format_datetime;
use crate::transport::Transport;

/// A key the apply created: its secret, to be shown once.
#[derive(Debug)]
pub struct NewSecret {
    /// `keys.ci`.
    pub address: String,
    /// The new key.
    pub hash: KeyHash,
    /// The secret (redacted in `Debug`).
    pub secret: Secret,
}

/// One line of the journal: who did what to which object, before and after, and the result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JournalEntry {
    /// When it finished (UTC).
    pub at: String,
    /// The management key's label.
    pub who: String,
    /// `keys.ci`.
    pub address: String,
    /// The action.
    pub action: ActionKind,
    /// The object's id, once known.
    pub id: Option<String>,
    /// Its managed fields before.
    pub before: Option<BTreeMap<&'static str, Value>>,
    /// Its managed fields after.
    pub after: BTreeMap<&'static str, Value>,
    /// `ok`, or what went wrong.
    pub result: String,
}

/// What an apply did.
#[derive(Debug, Default)]
pub struct ApplyReport {
    /// One entry per action tried, in order (JSON Lines with [`JournalEntry`]'s serde).
    pub journal: Vec<JournalEntry>,
    /// The secrets of the keys it created.
    pub secrets: Vec<NewSecret>,
    /// Requests that wrote.
    pub writes: usize,
    /// Where it stopped, if it did: the address and the error. Plan again to see what is left.
    pub stopped: Option<(String, Error)>,
    /// The id each created, replaced or adopted entry is now bound to: write it into the file's
    /// entry (a replaced key's entry still names the old key, which stays enabled), so that the
    /// next plan finds the same objects (an adoption whose fields matched writes nothing, and
    /// would otherwise stay an adoption).
    pub bound: BTreeMap<String, String>,
}

/// Applies `approved`, the plan of `text`. `Err` means nothing was written: the plan is stale
/// (a `validation` error naming each object that changed by its address, rule `stale`) or a
/// body is refused.
pub async fn apply<T: Transport>(
    client: &Client<T>,
    text: &str,
    approved: &Plan,
) -> Result<ApplyReport, Error> {
    apply_with(client, text, approved, &mut |_| {}).await
}

/// [`apply`], calling `on_step` with each action's journal entry as soon as it is done, for a
/// log that shows the apply as it goes (the page's).
pub async fn apply_with<T: Transport>(
    client: &Client<T>,
    text: &str,
    approved: &Plan,
    on_step: &mut dyn FnMut(&JournalEntry),
) -> Result<ApplyReport, Error> {
    apply_typed(client, text, approved, &Typed::new(), on_step).await
}

/// A plan made from another text than `text` is refused before anything is read.
fn refuse_another_file(text: &str, approved: &Plan) -> Result<(), Error> {
    if sha256(text.as_bytes()) == approved.file_digest {
        return Ok(());
    }
    Err(Error::validation(vec![FieldError::new(
        "file_digest",
        "stale",
        "the plan was made from another version of the file: plan again",
    )]))
}

/// [`apply_with`] with the values typed in for what it creates (a BYOK credential's provider
/// key, a destination's credentials: [`needed`](super::typed::needed) says which). A value the
/// plan does not need, or one it needs and was not given, is refused before any write.
pub async fn apply_typed<T: Transport>(
    client: &Client<T>,
    text: &str,
    approved: &Plan,
    typed: &Typed,
    on_step: &mut dyn FnMut(&JournalEntry),
) -> Result<ApplyReport, Error> {
    refuse_another_file(text, approved)?;
    let live = read_live(client, None).await?;
    apply_on_read(client, text, approved, &live, typed, on_step).await
}

/// [`apply_typed`] on a read of the organization the caller has just made (to record the state
/// against it, say), so that an apply reads the organization once. `live` must be read after
/// the plan was approved: it is what the plan is checked against.
pub async fn apply_on_read<T: Transport>(
    client: &Client<T>,
    text: &str,
    approved: &Plan,
    live: &LiveOrg,
    typed: &Typed,
    on_step: &mut dyn FnMut(&JournalEntry),
) -> Result<ApplyReport, Error> {
    refuse_another_file(text, approved)?;
    let fresh = plan(text, live, None)?;
    let stale = stale(&plan_json(approved), &fresh);
    if !stale.is_empty() {
        return Err(Error::validation(stale));
    }
    // Every body checked before the first write.
    let mut steps = vec![];
    let mut refused = vec![];
    for address in typed.keys() {
        if !approved
            .resource_changes
            .iter()
            .any(|a| &a.address == address)
        {
            refused.push(FieldError::new(
                address,
                "credentials",
                format!("values were typed in for {address}, which is not in the plan"),
            ));
        }
    }
    for action in approved.resource_changes.iter() {
        let Some(spec) = SECTIONS.iter().find(|s| s.resource == action.resource) else {
            continue;
        };
        // The typed-in values go into a copy whose writes carry them; the journal keeps `action`.
        let with = match with_typed(spec, action, typed.get(&action.address)) {
            Ok(with) => with,
            Err(errors) => {
                refused.extend(errors);
                continue;
            }
        };
        match (spec.writes)(with.as_ref().unwrap_or(action)) {
            Ok(writes) if writes.is_empty() => {}
            Ok(writes) => steps.push((action, writes)),
            Err(errors) => refused.extend(errors),
        }
    }
    if !refused.is_empty() {
        return Err(Error::validation(refused));
    }
    // Deletes last, in reverse: a key before its workspace.
    let (deletes, mut order): (Vec<_>, Vec<_>) = steps
        .into_iter()
        .partition(|(a, _)| a.action == ActionKind::Delete);
    order.extend(deletes.into_iter().rev());
    let who = client
        .current_key()
        .send()
        .await
        .map(|k| k.label)
        .unwrap_or_else(|_| "(unknown key)".into());
    let mut run = Run {
        client,
        report: ApplyReport::default(),
        created: BTreeMap::new(),
        note: None,
    };
    for adopted in approved.resource_changes.iter() {
        if let (ActionKind::Adopt, Some(id)) = (adopted.action, &adopted.id) {
            run.report.bound.insert(adopted.address.clone(), id.clone());
        }
    }
    for (action, writes) in order {
        let mut id = action.id.clone();
        let mut result = Ok(());
        for write in writes {
            result = run.write(action, &mut id, write).await;
            if result.is_err() {
                break;
            }
        }
        if let Some(id) = &id {
            run.created.insert(action.address.clone(), id.clone());
            if matches!(action.action, ActionKind::Create | ActionKind::Replace) {
                run.report.bound.insert(action.address.clone(), id.clone());
            }
        }
        let entry = JournalEntry {
            at: format_datetime(client.now_ms() as i64),
            who: who.clone(),
            address: action.address.clone(),
            action: action.action,
            id,
            before: action.before.clone(),
            after: action.after.clone(),
            result: match &result {
                Ok(()) => match run.note.take() {
                    Some(note) => format!("ok: {note}"),
                    None => "ok".into(),
                },
                Err(e) if e.is_outcome_unknown() => format!("unknown outcome: {e}"),
                Err(e) => format!("failed: {e}"),
            },
        };
        on_step(&entry);
        run.report.journal.push(entry);
        if let Err(e) = result {
            run.report.stopped = Some((action.address.clone(), e));
            break;
        }
    }
    Ok(run.report)
}

/// The journal's words for a create whose answer was lost and whose object was found.
const LOST_KEY: &str = "the answer was lost; the key was found, made once; its secret was in the lost answer: rotate it to get one";
const LOST_WORKSPACE: &str = "the answer was lost; the workspace was found, made once";
const LOST_GUARDRAIL: &str = "the answer was lost; the guardrail was found, made once";
const LOST_DESTINATION: &str = "the answer was lost; the destination was found, made once";
const LOST_BYOK: &str = "the answer was lost; the BYOK credential was found, made once";

struct Run<'a, T> {
    client: &'a Client<T>,
    report: ApplyReport,
    /// Address -> id of what this apply bound or created, for `(new) workspaces.x` references.
    created: BTreeMap<String, String>,
    /// What the journal should say beside "ok" for the action under way.
    note: Option<String>,
}

impl<T: Transport> Run<'_, T> {
    /// Each stand-in a body holds for a key this apply made before (`write::stand_in`: the
    /// keys a BYOK credential or a destination allows), replaced by that key's hash.
    fn fill_stand_ins(&self, values: &mut [String]) {
        for value in values.iter_mut() {
            let made = self.created.iter().find(|(a, _)| is_stand_in_for(value, a));
            if let Some((_, id)) = made {
                *value = id.clone();
            }
        }
    }

    /// A reference the plan resolved: an id, or `(new) <address>` of something made earlier.
    fn resolve(&self, reference: &str) -> String {
        match reference.strip_prefix("(new) ") {
            Some(address) => self
                .created
                .get(address)
                .cloned()
                .unwrap_or_else(|| reference.to_owned()),
            None => reference.to_owned(),
        }
    }

    /// The id of an object [`made_once`]; when it was found after a lost answer, the journal
    /// says so with `lost`.
    fn made<I>(&mut self, (id, found): (I, bool), lost: &str) -> I {
        if found {
            self.note = Some(lost.into());
        }
        id
    }

    async fn write(
        &mut self,
        action: &Action,
        id: &mut Option<String>,
        write: Write,
    ) -> Result<(), Error> {
        let c = self.client;
        let on = id.clone().unwrap_or_default();
        self.report.writes += 1;
        match write {
            Write::CreateWorkspace(body) => {
                let slug = body.slug.clone();
                let made = made_once(
                    async { Ok(c.workspaces().create(body).send().await?.id) },
                    || async { Ok(c.workspaces().reconcile(slug).send().await?.map(|w| w.id)) },
                );
                *id = Some(self.made(made.await?, LOST_WORKSPACE).to_string());
            }
            Write::UpdateWorkspace(patch) => drop(c.workspace(&on).update(patch).send().await?),
            Write::DeleteWorkspace => c.workspace(&on).delete().send().await?,
            Write::PutBudget(interval, limit, byok) => {
                let mut put = c.workspace(&on).budgets().put(interval, limit);
                if let Some(byok) = byok {
                    put = put.include_byok(byok);
                }
                drop(put.send().await?);
            }
            Write::DeleteBudget(interval) => {
                c.workspace(&on).budgets().delete(interval).send().await?
            }
            Write::AddMembers(ids) => {
                members(c.workspace(&on).members().add_all(ids).send().await?)?
            }
            Write::RemoveMembers(ids) => {
                members(c.workspace(&on).members().remove_all(ids).send().await?)?
            }
            Write::CreateKey(mut body, workspace) => {
                body.workspace_id = Some(WorkspaceId::new(self.resolve(&workspace)));
                let since = c.now_ms();
                match c.keys().create(body.clone()).send().await {
                    Ok(made) => {
                        *id = Some(made.data.hash.to_string());
                        let address = action.address.clone();
                        self.report.secrets.push(NewSecret {
                            address,
                            hash: made.data.hash,
                            secret: made.key,
                        });
                    }
                    Err(e) if e.is_outcome_unknown() => {
                        match c.keys().reconcile(&body, since).send().await? {
                            // Made once; its secret was in the lost answer (the journal says so).
                            Some(key) => {
                                *id = Some(key.hash.to_string());
                                self.note = Some(LOST_KEY.into());
                            }
                            None => return Err(e),
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            Write::UpdateKey(patch) => drop(c.key(on.as_str()).update(patch).send().await?),
            Write::CreateGuardrail(body, workspace) => {
                let workspace = WorkspaceId::new(self.resolve(&workspace));
                let since = c.now_ms();
                let on_ws = c.workspace(workspace.as_str());
                let made = made_once(
                    async { Ok(on_ws.guardrails().create(body.clone()).send().await?.id) },
                    || async {
                        let found = on_ws.guardrails().reconcile(&body, since).send().await?;
                        Ok(found.map(|g| g.id))
                    },
                );
                *id = Some(self.made(made.await?, LOST_GUARDRAIL).to_string());
            }
            Write::UpdateGuardrail(patch) => {
                drop(c.guardrail(on.as_str()).update(patch).send().await?)
            }
            Write::DeleteGuardrail => c.guardrail(on.as_str()).delete().send().await?,
            Write::DeleteOldGuardrail => {
                let old = action.id.clone().unwrap_or_default();
                c.guardrail(old.as_str()).delete().send().await?
            }
            Write::AssignKeys(keys) => {
                let keys: Vec<String> = keys.iter().map(|k| self.resolve(k)).collect();
                assigned(c.guardrail(on.as_str()).keys().assign(keys).send().await?)?
            }
            Write::UnassignKeys(keys) => assigned(
                c.guardrail(on.as_str())
                    .keys()
                    .unassign(keys)
                    .send()
                    .await?,
            )?,
            Write::AssignMembers(ids) => assigned(
                c.guardrail(on.as_str())
                    .members()
                    .assign(ids)
                    .send()
                    .await?,
            )?,
            Write::UnassignMembers(ids) => assigned(
                c.guardrail(on.as_str())
                    .members()
                    .unassign(ids)
                    .send()
                    .await?,
            )?,
            Write::UpdateByok(mut patch) => {
                if let Patch::Value(keys) = &mut patch.allowed_api_key_hashes {
                    self.fill_stand_ins(keys);
                }
                drop(c.byok_key(on.as_str()).update(patch).send().await?)
            }
            Write::DeleteByok => c.byok_key(on.as_str()).delete().send().await?,
            Write::CreateByok(mut body, workspace) => {
                if let Some(keys) = &mut body.allowed_api_key_hashes {
                    self.fill_stand_ins(keys);
                }
                let on_ws = c.workspace(self.resolve(&workspace));
                let since = c.now_ms();
                let made = made_once(
                    async { Ok(on_ws.byok().create(body.clone()).send().await?.id) },
                    || async {
                        let found = on_ws.byok().reconcile(&body, since).send().await?;
                        Ok(found.map(|k| k.id))
                    },
                );
                *id = Some(self.made(made.await?, LOST_BYOK).to_string());
            }
            Write::DeleteOldByok => {
                let old = action.id.clone().unwrap_or_default();
                c.byok_key(old.as_str()).delete().send().await?
            }
            Write::DeleteKey => c.key(on.as_str()).delete().send().await?,
            Write::CreateDestination(mut body, workspace) => {
                if let Some(keys) = &mut body.api_key_hashes {
                    self.fill_stand_ins(keys);
                }
                let on_ws = c.workspace(self.resolve(&workspace));
                let since = c.now_ms();
                let made = made_once(
                    async { Ok(on_ws.destinations().create(body.clone()).send().await?.id) },
                    || async {
                        let found = on_ws.destinations().reconcile(&body, since).send().await?;
                        Ok(found.map(|d| d.id))
                    },
                );
                *id = Some(self.made(made.await?, LOST_DESTINATION).to_string());
            }
            Write::UpdateDestination(mut patch) => {
                if let Patch::Value(keys) = &mut patch.api_key_hashes {
                    self.fill_stand_ins(keys);
                }
                drop(c.destination(on.as_str()).update(patch).send().await?)
            }
            Write::DeleteDestination => c.destination(on.as_str()).delete().send().await?,
            Write::DeleteOldDestination => {
                let old = action.id.clone().unwrap_or_default();
                c.destination(old.as_str()).delete().send().await?
            }
            // The API answers a repeated create of the same mapping with that mapping, so the
            // retry loop's own retries make no second one.
            Write::CreateScimMapping(mut body, workspace) => {
                body.workspace_id = WorkspaceId::new(self.resolve(&workspace));
                let made = c.scim().create_mapping(body).send().await?;
                *id = Some(made.id.to_string());
            }
            Write::UpdateScimMapping(patch) => {
                drop(c.scim_mapping(on.as_str()).update(patch).send().await?)
            }
            Write::DeleteScimMapping(keep) => {
                c.scim_mapping(on.as_str()).delete(keep).send().await?
            }
            Write::DeleteOldScimMapping(keep) => {
                let old = action.id.clone().unwrap_or_default();
                c.scim_mapping(old.as_str()).delete(keep).send().await?
            }
        }
        Ok(())
    }
}

/// A member change that left someone out is a failure of the apply.
fn members(report: crate::areas::members::handler::MemberReport) -> Result<(), Error> {
    use crate::areas::members::handler::MemberOutcome;
    for r in report.results {
        if let MemberOutcome::Failed(e) = r.outcome {
            return Err(e);
        }
    }
    Ok(())
}

/// An assignment change that left an id out is a failure of the apply.
fn assigned<I>(
    report: crate::areas::guardrails::handler::AssignmentReport<I>,
) -> Result<(), Error> {
    use crate::areas::guardrails::handler::AssignmentOutcome;
    for r in report.results {
        if let AssignmentOutcome::Failed(e) = r.outcome {
            return Err(e);
        }
    }
    Ok(())
}

/// A create whose answer, if lost, is searched for (`reconcile`) rather than sent again: what was
/// made, and whether it was found that way. A lost answer with nothing found is the create's
/// own error (outcome unknown).
async fn made_once<I, F>(
    create: impl Future<Output = Result<I, Error>>,
    reconcile: impl FnOnce() -> F,
) -> Result<(I, bool), Error>
where
    F: Future<Output = Result<Option<I>, Error>>,
{
    match create.await {
        Ok(id) => Ok((id, false)),
        Err(e) if e.is_outcome_unknown() => match reconcile().await? {
            Some(id) => Ok((id, true)),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}
