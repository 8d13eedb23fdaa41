//! Result shaping: the core's answers read into the JavaScript values the methods resolve to.
//!
//! A 2xx body crosses as JSON text and goes to the native `JSON.parse` untouched, so no model
//! decoder is linked into the wasm; the composite operations' reports (member changes, bulk
//! results, a rotation) are built here as plain objects around such parsed bodies.

use js_sys::{Array, Object, Reflect};
use openrouter_admin::api::Answered;
use openrouter_admin::handlers::{
    AssignmentOutcome, AssignmentResult, BulkResult, MemberOutcome, MemberReport, Rotation,
};
use openrouter_admin::{Error, ErrorKind, KeyHash, Secret};
use wasm_bindgen::JsValue;

use crate::error::{error_to_js, reject, set};

/// The `decode` error of an answer that is not what the API promises (the body is not
/// shown: a created key's answer holds its secret).
fn bad_answer(what: &'static str) -> JsValue {
    error_to_js(&Error::new(ErrorKind::Decode, what))
}

/// A 2xx body as a JS value (`JSON.parse`), picking `shape`'s part.
pub fn parse_answer(body: &str, shape: Answered) -> Result<JsValue, JsValue> {
    match shape {
        Answered::Nothing => return Ok(JsValue::UNDEFINED),
        Answered::Any if body.trim().is_empty() => return Ok(JsValue::UNDEFINED),
        _ => {}
    }
    let value = js_sys::JSON::parse(body).map_err(|_| bad_answer("the answer is not JSON"))?;
    if let Answered::Any = shape {
        return Ok(value);
    }
    if !value.is_object() {
        return Err(bad_answer("the answer is not a JSON object"));
    }
    match shape {
        Answered::Data => {
            let data = Reflect::get(&value, &JsValue::from_str("data")).unwrap_or_default();
            if data.is_object() {
                Ok(data)
            } else {
                Err(bad_answer("the answer has no `data` object"))
            }
        }
        _ => Ok(value),
    }
}

/// An answer that may be absent (a reconcile that found nothing) as its `shape` part, or
/// `null`.
pub fn parse_found(body: Option<String>, shape: Answered) -> Result<JsValue, JsValue> {
    body.map_or(Ok(JsValue::NULL), |text| parse_answer(&text, shape))
}

/// A member report as `[{ user_id, outcome, error? }]`.
pub fn member_report(report: MemberReport) -> JsValue {
    let out = Array::new();
    for result in report.results {
        let item: JsValue = Object::new().into();
        set(
            &item,
            "user_id",
            &JsValue::from_str(result.user_id.as_str()),
        );
        let outcome = match result.outcome {
            MemberOutcome::Added => "added",
            MemberOutcome::AlreadyMember => "already_member",
            MemberOutcome::Removed => "removed",
            MemberOutcome::KeptActiveKeys => "kept_active_keys",
            MemberOutcome::KeptScimManaged => "kept_scim_managed",
            MemberOutcome::NotAMember => "not_a_member",
            MemberOutcome::Failed(error) => {
                set(&item, "error", &error_to_js(&error));
                "failed"
            }
            // The core's enum may grow: show such an outcome as a failure without an error.
            _ => "failed",
        };
        set(&item, "outcome", &JsValue::from_str(outcome));
        out.push(&item);
    }
    out.into()
}

/// A guardrail assignment report as `[{ id, outcome, error? }]`.
pub fn assignment_report<I: AsRef<str>>(results: &[AssignmentResult<I>]) -> JsValue {
    let out = Array::new();
    for result in results {
        out.push(&assignment_item(result.id.as_ref(), &result.outcome));
    }
    out.into()
}

/// One id's entry of [`assignment_report`]; not generic, so it exists once.
#[inline(never)]
fn assignment_item(id: &str, outcome: &AssignmentOutcome) -> JsValue {
    let item: JsValue = Object::new().into();
    set(&item, "id", &JsValue::from_str(id));
    let outcome = match outcome {
        AssignmentOutcome::Assigned => "assigned",
        AssignmentOutcome::AlreadyAssigned => "already_assigned",
        AssignmentOutcome::Unassigned => "unassigned",
        AssignmentOutcome::NotAssigned => "not_assigned",
        AssignmentOutcome::Failed(error) => {
            set(&item, "error", &error_to_js(error));
            "failed"
        }
        // The core's enum may grow: show such an outcome as a failure without an error.
        _ => "failed",
    };
    set(&item, "outcome", &JsValue::from_str(outcome));
    item
}

/// Bulk results as `[{ hash, ok: true, value } | { hash, ok: false, error }]`: `value` is
/// the answer's `shape` part, or `null` for deletes (an answer that cannot be read is that
/// key's error).
pub fn bulk_results(results: Vec<BulkResult<String>>, shape: Answered) -> JsValue {
    let out = Array::new();
    for result in results {
        let outcome = result.result.map_err(reject).and_then(|text| match shape {
            Answered::Nothing => Ok(JsValue::NULL),
            _ => parse_answer(&text, shape),
        });
        out.push(&bulk_item(&result.hash, outcome));
    }
    out.into()
}

/// One key's entry of [`bulk_results`]; not generic, so it exists once.
#[inline(never)]
fn bulk_item(hash: &KeyHash, outcome: Result<JsValue, JsValue>) -> JsValue {
    let item: JsValue = Object::new().into();
    set(&item, "hash", &JsValue::from_str(hash.as_str()));
    match outcome {
        Ok(value) => {
            set(&item, "ok", &JsValue::TRUE);
            set(&item, "value", &value);
        }
        Err(error) => {
            set(&item, "ok", &JsValue::FALSE);
            set(&item, "error", &error);
        }
    }
    item
}

/// A rotation as `{ created, old_hash, disable_error }`.
pub fn rotation(rotation: Rotation<Secret>) -> Result<JsValue, JsValue> {
    let out: JsValue = Object::new().into();
    let created = parse_answer(rotation.created.expose_secret(), Answered::Whole)?;
    set(&out, "created", &created);
    set(
        &out,
        "old_hash",
        &JsValue::from_str(rotation.old_hash.as_str()),
    );
    let disable_error = rotation
        .disable_error
        .as_ref()
        .map_or(JsValue::NULL, error_to_js);
    set(&out, "disable_error", &disable_error);
    Ok(out)
}
