//! What a plan's key actions reach, read once the plan is known: each key it replaces, deletes or
//! disables, with its requests of the last 7 completed days, so that the person approving sees
//! how much traffic the change cuts off.
//!
//! Why after the plan and not in [`read_live`](super::read::read_live): the API gives a key's
//! requests one key at a time (`GET /activity?api_key_hash=`, 64 a minute), so reading them for
//! every key of a large organization would take minutes; a plan touches few.

use super::action::{Action, ActionKind};
use super::applied::AppliedState;
use super::plan::{plan, Plan};
use super::read::read_live;
use super::section::LiveOrg;
use super::value::Value;
use crate::client::Client;
use crate::error::Error;
use crate::shapes::KeyHash;
use crate::time::{format_date, today_of};
use crate::transport::{CancelSignal, Transport};

/// At most this many keys are read; beyond it the plan shows no count for the rest.
pub const MAX_KEYS: usize = 50;

/// Reads into `live.key_requests_7d` the requests of the last 7 completed UTC days of each key
/// `plan` replaces, deletes or disables (at most [`MAX_KEYS`]), and returns how many it read:
/// when more than none, plan again with `live` to see them in each action's `reach`. The
/// digests an apply compares do not include them, so the plan stays the one approved.
pub async fn read_key_requests<T: Transport>(
    client: &Client<T>,
    plan: &Plan,
    live: &mut LiveOrg,
) -> Result<usize, Error> {
    let keys: Vec<KeyHash> = plan
        .resource_changes
        .iter()
        .filter(|a| cuts_traffic(a))
        .filter_map(|a| a.id.clone())
        .map(KeyHash::from)
        .take(MAX_KEYS)
        .collect();
    let today = today_of(client.now_ms());
    let (from, to) = (format_date(today - 7), format_date(today));
    let reads = crate::concurrency::buffered(
        keys.iter()
            .map(|hash| client.activity().key(hash.clone()).send()),
        client.config().concurrency,
        Some(|r: &Result<_, Error>| r.is_err()),
    )
    .await;
    for (hash, rows) in keys.iter().zip(reads) {
        let requests: u64 = rows?
            .iter()
            .filter(|r| r.date >= from && r.date < to)
            .map(|r| r.requests)
            .sum();
        live.key_requests_7d.insert(hash.clone(), requests as f64);
    }
    Ok(keys.len())
}

/// Reads the organization and plans `text` against it, with the requests of the keys the plan
/// cuts off ([`plan_with_reach`]): the plan a person approves, as the page and the CLI show it.
pub async fn read_and_plan<T: Transport>(
    client: &Client<T>,
    text: &str,
    state: Option<&AppliedState>,
    signal: Option<CancelSignal>,
) -> Result<Plan, Error> {
    let mut live = read_live(client, signal).await?;
    plan_with_reach(client, text, &mut live, state).await
}

/// Plans `text` against `live`, then reads the requests of the keys the plan cuts off and plans
/// again with them. Its digests are those of [`plan`]'s alone. The counts are for review, so a
/// failed activity read keeps the plan: each of those keys then says its count is unknown and
/// why, as does each key beyond the [`MAX_KEYS`] read.
pub async fn plan_with_reach<T: Transport>(
    client: &Client<T>,
    text: &str,
    live: &mut LiveOrg,
    state: Option<&AppliedState>,
) -> Result<Plan, Error> {
    let first = plan(text, live, state)?;
    let (mut out, unread) = match read_key_requests(client, &first, live).await {
        Ok(0) => (first, String::new()),
        Ok(_) => (
            plan(text, live, state)?,
            format!("a plan reads the activity of at most {MAX_KEYS} keys"),
        ),
        Err(e) => (first, format!("the activity could not be read: {e}")),
    };
    for action in out.resource_changes.iter_mut().filter(|a| cuts_traffic(a)) {
        let counted = action.id.as_ref().is_some_and(|id| {
            live.key_requests_7d
                .contains_key(&KeyHash::from(id.clone()))
        });
        if !counted {
            action.reach.push(format!(
                "its requests in the last 7 days are unknown: {unread}"
            ));
        }
    }
    Ok(out)
}

/// Whether the action stops the key's traffic: a replacement (the old key is to be retired), a
/// delete, or `disabled` turned on.
fn cuts_traffic(action: &Action) -> bool {
    action.resource == "openrouter_api_key"
        && match action.action {
            ActionKind::Replace | ActionKind::Delete => true,
            ActionKind::Update | ActionKind::Adopt => action
                .changes
                .iter()
                .any(|c| c.field == "disabled" && c.after == Value::Bool(true)),
            _ => false,
        }
}
