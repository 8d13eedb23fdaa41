//! What the Plan view holds and the steps that change it: read the file, start from an export,
//! plan (against the live organization and the state this browser kept), a drift's choice, a
//! loaded plan checked against the one made now.

use crate::pages::plan::kinds::read_plan;
use crate::pages::plan::show::Choice;
use crate::pages::plan::store;
use crate::session::Session;
use leptos::prelude::*;
use openrouter_admin::orgfile::approved::stale;
use openrouter_admin::orgfile::{
    self, edit, needed, reach, read_live, Drift, JournalEntry, LiveOrg, NewSecret, OrgFile, Plan,
    Typed,
};
use openrouter_admin::{Client, FieldError, Secret};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Errors shown above the plan, with what they are about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Refusal {
    /// The sentence above the list ("The file does not read; nothing was sent.").
    pub head: String,
    /// Each with its path and rule.
    pub fields: Vec<FieldError>,
}

/// The view's state, every part a signal (the struct is `Copy`).
#[derive(Clone, Copy)]
pub struct Work {
    /// The session (its client, its base URL).
    pub session: Session,
    /// The file's text, as the textarea shows it.
    pub text: RwSignal<String>,
    /// What was refused (the file, a stale plan, a read that failed).
    pub refused: RwSignal<Option<Refusal>>,
    /// The plan on screen, of the text as it was when planned.
    pub plan: RwSignal<Option<Plan>>,
    /// A plan another admin approved, loaded from its JSON: the plan on screen is checked equal.
    pub approved: RwSignal<Option<(String, Json)>>,
    /// What is under way ("Reading the organization…").
    pub busy: RwSignal<Option<&'static str>>,
    /// The drifts whose live value the user chose to overwrite.
    pub overwritten: RwSignal<Vec<String>>,
    /// The apply's log, one entry per action, as it runs.
    pub log: RwSignal<Vec<JournalEntry>>,
    /// Every journal entry of this visit's applies, for the download.
    pub journal: RwSignal<Vec<JournalEntry>>,
    /// Where the last apply stopped, and why.
    pub stopped: RwSignal<Option<String>>,
    /// The secrets of keys the last apply created, until their dialog closes.
    pub secrets: RwSignal<Vec<NewSecret>, LocalStorage>,
    /// An apply runs: a second never starts.
    pub applying: RwSignal<bool>,
    /// The confirmation is open.
    pub confirming: RwSignal<bool>,
    /// The values typed in for the apply (`typed`), until it ends or the file changes.
    pub typed: RwSignal<Typed>,
}

impl Work {
    /// Empty, for the signed-in `session`.
    pub fn new(session: Session) -> Work {
        Work {
            session,
            text: RwSignal::new(String::new()),
            refused: RwSignal::new(None),
            plan: RwSignal::new(None),
            approved: RwSignal::new(None),
            busy: RwSignal::new(None),
            overwritten: RwSignal::new(vec![]),
            log: RwSignal::new(vec![]),
            journal: RwSignal::new(vec![]),
            stopped: RwSignal::new(None),
            secrets: RwSignal::new_local(vec![]),
            applying: RwSignal::new(false),
            confirming: RwSignal::new(false),
            typed: RwSignal::new(Typed::new()),
        }
    }

    /// The client, or the refusal that says the page is locked.
    pub fn client(&self) -> Option<Client> {
        let client = self.session.client_untracked();
        if client.is_none() {
            self.refuse("Signed out: sign in again.", vec![]);
        }
        client
    }

    /// Shows `head` and `fields` above the plan.
    pub fn refuse(&self, head: impl Into<String>, fields: Vec<FieldError>) {
        self.refused.set(Some(Refusal {
            head: head.into(),
            fields,
        }));
    }

    /// The text was edited: the plan on screen is of another text, so it goes, and with it the
    /// values typed in for its apply.
    pub fn edited(&self, text: String) {
        self.text.set(text);
        self.plan.set(None);
        self.approved.set(None);
        self.typed.set(Typed::new());
    }

    /// The values typed in that the plan on screen needs, no other (the core refuses a value
    /// for what the plan does not create).
    pub fn typed_needed(&self) -> Typed {
        let wanted = self.plan.with_untracked(|p| {
            p.as_ref()
                .map(|p| needed(&p.resource_changes))
                .unwrap_or_default()
        });
        self.typed.with_untracked(|t| {
            wanted
                .iter()
                .filter_map(|n| {
                    let given = t.get(&n.address)?;
                    let kept: BTreeMap<String, Secret> = n
                        .properties
                        .iter()
                        .filter_map(|p| given.get(*p).map(|s| (p.to_string(), s.clone())))
                        .collect();
                    (!kept.is_empty()).then(|| (n.address.clone(), kept))
                })
                .collect()
        })
    }

    /// Whether the view may start something (nothing under way, no apply running).
    pub fn idle(&self) -> bool {
        self.busy.get_untracked().is_none() && !self.applying.get_untracked()
    }
}

/// Reads the organization for the file (`None` when the read failed: the refusal says why).
pub async fn live(work: Work, client: &Client) -> Option<LiveOrg> {
    work.busy.set(Some("Reading the organization…"));
    let live = read_live(client, None).await;
    work.busy.set(None);
    match live {
        Ok(live) => Some(live),
        Err(e) => {
            work.refuse(
                format!("The organization could not be read: {}", e.message()),
                e.validation_errors().to_vec(),
            );
            None
        }
    }
}

/// Fills the textarea with today's organization as the file.
pub fn start_from_export(work: Work) {
    if !work.idle() {
        return;
    }
    let Some(client) = work.client() else { return };
    leptos::task::spawn_local(async move {
        if let Some(live) = live(work, &client).await {
            work.refused.set(None);
            work.edited(orgfile::export(&live));
        }
    });
}

/// Plans the textarea's file. A file that does not read is refused before any request.
pub fn plan_now(work: Work) {
    if !work.idle() {
        return;
    }
    work.approved.set(None);
    replan(work);
}

/// Plans again (after a drift's choice, or a loaded plan's check) without forgetting an approved
/// plan.
fn replan(work: Work) {
    let text = work.text.get_untracked();
    work.plan.set(None);
    if let Err(e) = OrgFile::parse(&text) {
        work.refuse(
            "The file does not read; nothing was sent.",
            e.validation_errors().to_vec(),
        );
        return;
    }
    let Some(client) = work.client() else { return };
    leptos::task::spawn_local(async move {
        let Some(mut live) = live(work, &client).await else {
            return;
        };
        let key = store::org_key(&client, &work.session.base_url().get_untracked(), &live).await;
        let state = store::load(&key).await;
        // With the traffic of the keys the plan cuts off, read for those keys only; a failed
        // read keeps the plan, each of those keys saying its count is unknown and why.
        work.busy.set(Some(
            "Planning, with the requests of the keys this plan cuts off…",
        ));
        let planned = reach::plan_with_reach(&client, &text, &mut live, state.as_ref()).await;
        work.busy.set(None);
        match planned {
            Err(e) => work.refuse(
                "The file cannot be planned; nothing was sent.",
                e.validation_errors().to_vec(),
            ),
            Ok(fresh) => {
                let refused = work
                    .approved
                    .with_untracked(|a| a.as_ref().map(|(_, json)| stale(json, &fresh)))
                    .unwrap_or_default();
                if refused.is_empty() {
                    work.refused.set(None);
                    work.overwritten.set(vec![]);
                    work.plan.set(Some(fresh));
                    work.typed.set(work.typed_needed());
                } else {
                    work.approved.set(None);
                    work.refuse("This plan cannot be applied: it is not the plan of this file and organization as they are now.", refused);
                }
            }
        }
    });
}

/// Runs a drift's choice on the textarea's file, then plans again.
pub fn choose(work: Work, drift: Drift, choice: Choice) {
    if !work.idle() {
        return;
    }
    let text = work.text.get_untracked();
    let edited = match choice {
        Choice::Take => edit::take_into_file(&text, &drift),
        Choice::StopManaging => edit::stop_managing(&text, &drift),
    };
    match edited {
        Ok(text) => {
            work.edited(text);
            replan(work);
        }
        Err(e) => work.refuse(
            format!("The file could not be changed: {}", e.message()),
            e.validation_errors().to_vec(),
        ),
    }
}

/// Loads a plan another admin approved (its JSON, as "Download the plan" or the CLI's `plan
/// --out` saves it): checked against the plan of the textarea's file made now; shown if the
/// same, else each object that changed is named.
pub fn load_plan(work: Work, name: String, text: String) {
    if !work.idle() {
        return;
    }
    match read_plan(&text) {
        Err(why) => work.refuse(
            format!("{name} was not loaded."),
            vec![FieldError::new(name.clone(), "plan", why)],
        ),
        Ok(json) => {
            work.approved.set(Some((name, json)));
            replan(work);
        }
    }
}
