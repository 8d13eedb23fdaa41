//! The methods the core composes of several requests: reconciling after an unknown outcome,
//! member changes and guardrail assignments in chunks, rotation and bulk key changes.
//!
//! Each reads its arguments before its promise exists, so a bad one is a rejection like any
//! other failure (never an exception inside the running task), and resolves to a report
//! built by [`answer`](crate::answer).

use js_sys::Promise;
use openrouter_admin::api::Answered;
use openrouter_admin::Client;
use wasm_bindgen::JsValue;

use crate::answer::{assignment_report, bulk_results, member_report, parse_found, rotation};
use crate::body;
use crate::convert::{
    invalid, promise, segment_arg, signaled, string_arg, strings_arg, MethodFuture, Options,
};
use crate::error::reject;
use crate::split::Rejection;
use wasm_split_helpers::wasm_split;

/// The promise of the future `start` built after reading its arguments, or a promise
/// rejected with the first bad one: arguments are read before the promise exists, so a bad
/// one never throws inside the running task.
fn started(start: Result<MethodFuture, JsValue>) -> Result<JsValue, Rejection> {
    Ok(match start {
        Ok(future) => promise(future),
        Err(e) => Promise::reject(&e),
    }
    .into())
}

/// `reconcileWorkspace`: the workspace with this slug, or `null`.
#[wasm_split(composite, fallible)]
pub fn reconcile_workspace(
    client: Client,
    slug: JsValue,
    options: JsValue,
) -> Result<JsValue, Rejection> {
    started((|| {
        let slug = string_arg(&slug, "slug")?;
        let signal = Options::parse(&options)?.signal()?;
        let future: MethodFuture = Box::pin(async move {
            let answer = signaled!(client.workspaces().reconcile(slug), signal)
                .send_text()
                .await
                .map_err(reject)?;
            parse_found(answer, Answered::Data)
        });
        Ok(future)
    })())
}

/// Whether a change adds (assigns) or removes (unassigns) what it names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// `addMembers`, `assignGuardrail*`.
    Add,
    /// `removeMembers`, `unassignGuardrail*`.
    Remove,
}

/// Who a guardrail assignment names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    /// API keys, by hash (`hashes`).
    Keys,
    /// Organization members, by user id (`userIds`).
    Members,
}

/// `addMembers` and `removeMembers`: one outcome per user.
#[wasm_split(composite, fallible)]
pub fn change_members(
    client: Client,
    id_or_slug: JsValue,
    user_ids: JsValue,
    options: JsValue,
    change: Change,
) -> Result<JsValue, Rejection> {
    started((|| {
        let id = segment_arg(&id_or_slug, "idOrSlug")?;
        let ids = strings_arg(&user_ids, "userIds")?;
        let signal = Options::parse(&options)?.signal()?;
        let future: MethodFuture = Box::pin(async move {
            let members = client.workspace(id).members();
            let call = if change == Change::Add {
                members.add_all(ids)
            } else {
                members.remove_all(ids)
            };
            let report = signaled!(call, signal).send().await.map_err(reject)?;
            Ok(member_report(report))
        });
        Ok(future)
    })())
}

/// `reconcileKey`: the newest key matching the request created since `sinceMs`, or `null`.
#[wasm_split(composite, fallible)]
pub fn reconcile_key(
    client: Client,
    request: JsValue,
    since_ms: JsValue,
    options: JsValue,
) -> Result<JsValue, Rejection> {
    started((|| {
        let body = body::create_key(&request, "request")?;
        let since = since_ms
            .as_f64()
            .filter(|n| n.is_finite())
            .ok_or_else(|| invalid("sinceMs", "type", "`sinceMs` must be a finite number"))?;
        let signal = Options::parse(&options)?.signal()?;
        let future: MethodFuture = Box::pin(async move {
            let call = client.keys().reconcile(&body, since);
            let key = signaled!(call, signal).send_text().await.map_err(reject)?;
            parse_found(key, Answered::Whole)
        });
        Ok(future)
    })())
}

/// `rotateKey`: the successor and whether disabling the old key failed.
#[wasm_split(composite, fallible)]
pub fn rotate_key(client: Client, hash: JsValue, options: JsValue) -> Result<JsValue, Rejection> {
    started((|| {
        let hash = segment_arg(&hash, "hash")?;
        let signal = Options::parse(&options)?.signal()?;
        let future: MethodFuture = Box::pin(async move {
            let value = signaled!(client.keys().rotate(hash), signal)
                .send_text()
                .await
                .map_err(reject)?;
            rotation(value)
        });
        Ok(future)
    })())
}

/// `bulkUpdateKeys` (with a patch) and `bulkDeleteKeys`: one future for both in the wasm.
#[wasm_split(composite, fallible)]
pub fn bulk(
    client: Client,
    hashes: JsValue,
    patch: Option<JsValue>,
    options: JsValue,
) -> Result<JsValue, Rejection> {
    started((|| {
        let hashes = strings_arg(&hashes, "hashes")?;
        let patch = match patch {
            Some(patch) => Some(body::update_key(&patch, "patch")?),
            None => None,
        };
        let o = Options::parse(&options)?;
        let concurrency = o.integer("concurrency", 64)?.map(|n| n as usize);
        let signal = o.signal()?;
        let future: MethodFuture = Box::pin(async move {
            let (results, shape) = match patch {
                Some(patch) => {
                    let mut call = client.keys().bulk_update(hashes, patch);
                    if let Some(n) = concurrency {
                        call = call.concurrency(n);
                    }
                    (signaled!(call, signal).send_text().await, Answered::Data)
                }
                None => {
                    let mut call = client.keys().bulk_delete(hashes);
                    if let Some(n) = concurrency {
                        call = call.concurrency(n);
                    }
                    (signaled!(call, signal).send_text().await, Answered::Nothing)
                }
            };
            Ok(bulk_results(results.map_err(reject)?, shape))
        });
        Ok(future)
    })())
}

/// `assignGuardrailKeys` / `unassignGuardrailKeys` (`keys`) and `assignGuardrailMembers` /
/// `unassignGuardrailMembers`: one outcome per id.
#[wasm_split(settings, fallible)]
pub fn change_assignments(
    client: Client,
    id: JsValue,
    ids: JsValue,
    options: JsValue,
    who: Assignee,
    change: Change,
) -> Result<JsValue, Rejection> {
    let assign = change == Change::Add;
    started((|| {
        let id = segment_arg(&id, "id")?;
        let name = match who {
            Assignee::Keys => "hashes",
            Assignee::Members => "userIds",
        };
        let ids = strings_arg(&ids, name)?;
        let signal = Options::parse(&options)?.signal()?;
        let future: MethodFuture = Box::pin(async move {
            let guardrail = client.guardrail(id);
            if who == Assignee::Keys {
                let handler = guardrail.keys();
                let call = if assign {
                    handler.assign(ids)
                } else {
                    handler.unassign(ids)
                };
                let report = signaled!(call, signal).send().await.map_err(reject)?;
                Ok(assignment_report(&report.results))
            } else {
                let handler = guardrail.members();
                let call = if assign {
                    handler.assign(ids)
                } else {
                    handler.unassign(ids)
                };
                let report = signaled!(call, signal).send().await.map_err(reject)?;
                Ok(assignment_report(&report.results))
            }
        });
        Ok(future)
    })())
}
