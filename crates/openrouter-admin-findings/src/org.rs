//! The organization as a reviewed file for JavaScript (issue 22): `exportOrg`, `plan` and
//! `apply` of `openrouter-admin/org`, over the core's [`orgfile`](openrouter_admin::orgfile),
//! and what `openrouter-admin export|plan|apply` runs.
//!
//! Beside `readFindings` rather than in the client's module: they read the whole organization
//! and decode every model, and the client's module has a size budget. Their own entry, since
//! they more than double the findings module's download.
//!
//! `apply` applies only the plan it is given: it plans the same file against the organization
//! as it is now, and refuses (naming each object) unless the file's digest, every live object's
//! digest and the actions are the ones the approved plan holds; then the core's apply checks
//! the digests once more as it starts. Nothing it returns but `secrets` holds a secret.

use js_sys::{Promise, JSON};
use openrouter_admin::orgfile::{self, edit, read_live, AppliedState, ApplyReport, OrgFile, Plan};
use openrouter_admin::orgfile::{approved::plan_json, typed::needed};
use openrouter_admin::{Error, FieldError};
use serde_json::{json, Value as Json};
use wasm_bindgen::prelude::*;

use crate::org_options::{read, Call, Common, Settle};
use crate::wasm::to_js;

/// The options of `call` and the file's text, once it reads: a file that does not is refused,
/// every fault with its path and rule, before any request.
fn read_file(options: &JsValue, call: Call) -> Result<(Common, String), Error> {
    let mut o = read(options, call)?;
    let text = o.file.take().unwrap_or_default();
    OrgFile::parse(&text)?;
    Ok((o, text))
}

fn reject(e: &Error) -> Promise {
    Promise::reject(&to_js(e))
}

fn to_value(json: &Json) -> Result<JsValue, JsValue> {
    JSON::parse(&json.to_string()).map_err(|_| JsValue::from_str("not JSON"))
}

/// Reads the organization and resolves to it as `openrouter-org.jsonc`'s text, or with
/// `options.format` as Terraform HCL (`"terraform"`: a resource and an `import` block per object)
/// or Keymaster's TOML (`"keymaster"`); canonical: two exports of an unchanged organization are
/// the same bytes. No secret is in it.
#[wasm_bindgen(js_name = exportOrg, unchecked_return_type = "Promise<string>")]
pub fn export_org(
    #[wasm_bindgen(unchecked_param_type = "ExportOptions")] options: JsValue,
) -> Promise {
    let o = match read(&options, Call::Export) {
        Ok(o) => o,
        Err(e) => return reject(&e),
    };
    wasm_bindgen_futures::future_to_promise(async move {
        let live = read_live(&o.client, o.signal)
            .await
            .map_err(|e| to_js(&e))?;
        Ok(JsValue::from_str(&o.format.write(&live)))
    })
}

/// Reads the organization and resolves to the plan of `options.file` against it (and against
/// `options.state`, the last apply's, for drift): `plan.schema.json` of this package, with
/// `needed`, the values its apply must be given in `options.credentials` (a new BYOK
/// credential's provider key, a new destination's credentials). A file that does not read is a
/// `validation` rejection whose `fieldErrors` name each path and rule, before any request.
#[wasm_bindgen(js_name = plan, unchecked_return_type = "Promise<OrgPlan>")]
pub fn plan_org(#[wasm_bindgen(unchecked_param_type = "PlanOptions")] options: JsValue) -> Promise {
    let (o, text) = match read_file(&options, Call::Plan) {
        Ok(read) => read,
        Err(e) => return reject(&e),
    };
    wasm_bindgen_futures::future_to_promise(async move {
        let plan = orgfile::reach::read_and_plan(&o.client, &text, o.state.as_ref(), o.signal)
            .await
            .map_err(|e| to_js(&e))?;
        to_value(&with_needed(&plan))
    })
}

/// The plan as JSON (`plan.schema.json`) with `needed`: `[{ address, properties }]`, what its
/// apply must be given typed in, in the plan's order.
fn with_needed(plan: &Plan) -> Json {
    let mut json = plan_json(plan);
    json["needed"] = needed(&plan.resource_changes)
        .into_iter()
        .map(|n| json!({ "address": n.address, "properties": n.properties }))
        .collect();
    json
}

/// Applies `options.plan`, the approved plan of `options.file`, and resolves to
/// `{ journal, secrets, writes, stopped, bound, file, remaining, state }`, `file` the text with
/// the bound ids written into their entries (comments kept). Rejects, having written
/// nothing, when the file, an object the plan read or the actions differ from the plan's (a
/// `validation` error, rule `stale`, naming each object), or when `options.credentials` lacks a
/// value the plan needs or holds one it does not (rule `credentials`, naming `address.property`).
/// It reads the organization once before its writes (the check against the approved plan and
/// the apply share that read) and once after them (what is left, and the state).
#[wasm_bindgen(js_name = apply, unchecked_return_type = "Promise<ApplyResult>")]
pub fn apply_org(
    #[wasm_bindgen(unchecked_param_type = "ApplyOptions")] options: JsValue,
) -> Promise {
    let (o, text) = match read_file(&options, Call::Apply) {
        Ok(read) => read,
        Err(e) => return reject(&e),
    };
    let approved = o.plan.unwrap_or_default();
    wasm_bindgen_futures::future_to_promise(async move {
        let c = &o.client;
        let live = read_live(c, o.signal.clone())
            .await
            .map_err(|e| to_js(&e))?;
        let fresh = orgfile::plan(&text, &live, None).map_err(|e| to_js(&e))?;
        let stale = orgfile::approved::stale(&approved, &fresh);
        if !stale.is_empty() {
            return Err(to_js(&Error::validation(stale)));
        }
        // On the read just made: `apply_typed` would read the organization a second time.
        let report = orgfile::apply_on_read(c, &text, &fresh, &live, &o.credentials, &mut |_| {})
            .await
            .map_err(|e| to_js(&e))?;
        // The file with the ids the apply bound written into their entries (comments kept),
        // which the next plan reads as bound: a replaced key's entry names the new key.
        let file = edit::bind_ids(&text, &report.bound).ok();
        let text = file.clone().unwrap_or(text);
        // What is left, and the state to keep: planned again from what is live now. A failed
        // read leaves them out rather than hiding what the apply did.
        let after = match read_live(c, o.signal).await {
            Ok(live) => orgfile::plan(&text, &live, None).ok(),
            Err(_) => None,
        };
        let state = after
            .as_ref()
            .map(|after| orgfile::record(&text, after, o.state));
        let mut json = result(&report, after.as_ref(), state.as_ref());
        json["file"] = file.map_or(Json::Null, Json::String);
        to_value(&json)
    })
}

/// Reads the organization, plans `options.file` against it and `options.state`, and resolves to
/// the file's text with the drift `options.drift` (`"keys.ci.limit"`) settled as
/// `options.choice` says: `"take"` writes the live value into the file, `"stop"` takes the field
/// out of it; comments and layout are kept. No such drift: a `validation` rejection naming it
/// (rule `no_drift`).
#[wasm_bindgen(js_name = settleDrift, unchecked_return_type = "Promise<string>")]
pub fn settle_drift(
    #[wasm_bindgen(unchecked_param_type = "SettleDriftOptions")] options: JsValue,
) -> Promise {
    let (o, text) = match read_file(&options, Call::Settle) {
        Ok(read) => read,
        Err(e) => return reject(&e),
    };
    let Some((path, choice)) = o.settle else {
        return reject(&Error::validation(vec![]));
    };
    wasm_bindgen_futures::future_to_promise(async move {
        let live = read_live(&o.client, o.signal)
            .await
            .map_err(|e| to_js(&e))?;
        let plan = orgfile::plan(&text, &live, o.state.as_ref()).map_err(|e| to_js(&e))?;
        let Some(drift) = plan
            .drift
            .iter()
            .find(|d| format!("{}.{}", d.address, d.field) == path)
        else {
            let known: Vec<String> = plan
                .drift
                .iter()
                .map(|d| format!("{}.{}", d.address, d.field))
                .collect();
            let known = match known.is_empty() {
                true => "there is none".to_owned(),
                false => format!("there is: {}", known.join(", ")),
            };
            return Err(to_js(&Error::validation(vec![FieldError::new(
                &path,
                "no_drift",
                format!("{path} has not changed by hand since the last apply ({known})"),
            )])));
        };
        let edited = match choice {
            Settle::Take => edit::take_into_file(&text, drift),
            Settle::Stop => edit::stop_managing(&text, drift),
        };
        edited.map(JsValue::from).map_err(|e| to_js(&e))
    })
}

/// The apply's result as JSON: the journal (no secret), the new secrets apart, what is left.
fn result(report: &ApplyReport, after: Option<&Plan>, state: Option<&AppliedState>) -> Json {
    let secrets: Vec<Json> = report
        .secrets
        .iter()
        .map(|s| json!({ "address": s.address, "hash": s.hash.to_string(), "secret": s.secret.expose_secret() }))
        .collect();
    let stopped = report.stopped.as_ref().map(|(address, e)| {
        let fields: Vec<Json> = e
            .validation_errors()
            .iter()
            .map(|f| json!({ "field": f.field, "rule": f.rule, "message": f.message }))
            .collect();
        json!({ "address": address, "error": {
            "kind": e.kind().as_str(), "status": e.status(), "message": e.message(), "fieldErrors": fields,
        } })
    });
    json!({
        "journal": report.journal,
        "secrets": secrets,
        "writes": report.writes,
        "stopped": stopped,
        "bound": report.bound,
        "remaining": after.map(with_needed),
        "state": state,
    })
}
