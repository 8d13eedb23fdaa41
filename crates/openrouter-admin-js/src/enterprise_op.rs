//! The operations of `OpenRouterAdmin` an enterprise admin reaches for (SCIM groups, their
//! workspace mappings and sync jobs, the analytics meta and query, generation feedback): one
//! variant per one-request method, each naming its JavaScript arguments, and the one `match`
//! that reads them into the core's request (see [`dispatch`](crate::dispatch)). All of it runs
//! in the enterprise chunk ([`enterprise`](crate::enterprise)); the methods stay in the main
//! module.
//!
//! The analytics query is not here: its answer is shaped after it arrives (the count columns
//! read as numbers), which the one `send` of [`dispatch`] does not do, so it has a split point
//! of its own ([`query_analytics`]).

use js_sys::{Array, Promise, Reflect};
use openrouter_admin::api::{self, Answered, Endpoint};
use openrouter_admin::models::{
    AnalyticsQueryBody, CreateScimGroupMapping, KeepMembers, SubmitFeedback, UpdateScimGroupMapping,
};
use openrouter_admin::Client;
use wasm_bindgen::JsValue;

use crate::answer::parse_answer;
use crate::body;
use crate::convert::{invalid, promise, Options};
use crate::dispatch::{id_arg, list, one, paged, Call, Operation};
use crate::error::reject;

/// An enterprise operation of `OpenRouterAdmin` and the JavaScript arguments it was called
/// with. It owns them: it crosses into the enterprise chunk, which is loaded after the method
/// has returned its promise.
pub enum EnterpriseOp {
    /// `GET /scim/groups`.
    ListScimGroups,
    /// `GET /scim/group-mappings`.
    ListScimGroupMappings,
    /// `POST /scim/group-mappings`.
    CreateScimGroupMapping {
        /// A `CreateScimGroupMappingRequest`.
        request: JsValue,
    },
    /// `GET /scim/group-mappings/{id}`.
    GetScimGroupMapping {
        /// The mapping's id.
        id: JsValue,
    },
    /// `PATCH /scim/group-mappings/{id}`.
    UpdateScimGroupMapping {
        /// The mapping's id.
        id: JsValue,
        /// An `UpdateScimGroupMappingRequest`.
        patch: JsValue,
    },
    /// `DELETE /scim/group-mappings/{id}?keep_members=...`.
    DeleteScimGroupMapping {
        /// The mapping's id.
        id: JsValue,
        /// `"keep"` or `"remove"`: required, no default.
        keep_members: JsValue,
    },
    /// `POST /scim/sync-jobs`.
    CreateScimSyncJob,
    /// `GET /scim/sync-jobs/{id}`.
    GetScimSyncJob {
        /// The job's id.
        id: JsValue,
    },
    /// `GET /analytics/meta`.
    AnalyticsMeta,
    /// `POST /generation/feedback`.
    SubmitFeedback {
        /// A `SubmitGenerationFeedbackRequest`.
        request: JsValue,
    },
}

impl Operation for EnterpriseOp {
    fn call(&self, o: &Options) -> Result<Call, JsValue> {
        Ok(match self {
            EnterpriseOp::ListScimGroups => list(paged!(api::ListScimGroups::default(), o)),
            EnterpriseOp::ListScimGroupMappings => {
                list(paged!(api::ListScimGroupMappings::default(), o))
            }
            EnterpriseOp::CreateScimGroupMapping { request } => {
                let body = body::read::<CreateScimGroupMapping>(request, "request")?;
                one(api::CreateScimGroupMappingRequest::new(body))
            }
            EnterpriseOp::GetScimGroupMapping { id } => {
                one(api::GetScimGroupMapping::new(id_arg(id)?))
            }
            EnterpriseOp::UpdateScimGroupMapping { id, patch } => {
                let id = id_arg(id)?;
                let body = body::read::<UpdateScimGroupMapping>(patch, "patch")?;
                one(api::UpdateScimGroupMappingRequest::new(id, body))
            }
            EnterpriseOp::DeleteScimGroupMapping { id, keep_members } => {
                let id = id_arg(id)?;
                one(api::DeleteScimGroupMapping::new(
                    id,
                    keep_members_arg(keep_members)?,
                ))
            }
            EnterpriseOp::CreateScimSyncJob => one(api::CreateScimSyncJob::new()),
            EnterpriseOp::GetScimSyncJob { id } => one(api::GetScimSyncJob::new(id_arg(id)?)),
            EnterpriseOp::AnalyticsMeta => one(api::GetAnalyticsMeta::default()),
            EnterpriseOp::SubmitFeedback { request } => {
                let body = body::read::<SubmitFeedback>(request, "request")?;
                one(api::SubmitFeedbackRequest::new(body))
            }
        })
    }
}

/// The `keepMembers` argument: `"keep"` or `"remove"`, nothing else and never left out (the
/// API has no default, and guessing one would either strand or strip people's access).
fn keep_members_arg(value: &JsValue) -> Result<KeepMembers, JsValue> {
    match value.as_string().as_deref() {
        Some("keep") => Ok(KeepMembers::Keep),
        Some("remove") => Ok(KeepMembers::Remove),
        _ if value.is_undefined() || value.is_null() => Err(invalid(
            "keepMembers",
            "required",
            "`keepMembers` is required: \"keep\" keeps the mapping's members as manual members, \
             \"remove\" removes the access that came only from this mapping",
        )),
        _ => Err(invalid(
            "keepMembers",
            "one_of",
            "`keepMembers` must be \"keep\" or \"remove\"",
        )),
    }
}

/// `queryAnalytics`: `POST /analytics/query`, the rows whole, each count column a number
/// when that is exact ([`counts_as_numbers`]).
pub fn query_analytics(client: &Client, query: &JsValue, options: &JsValue) -> Promise {
    let start = (|| {
        let o = Options::parse(options)?;
        let signal = o.signal()?;
        let body = body::read::<AnalyticsQueryBody>(query, "query")?;
        let metrics = body.metrics.clone();
        let request = api::QueryAnalytics::new(body).request();
        Ok::<_, JsValue>((client.text_request(request, signal), metrics))
    })();
    match start {
        Err(e) => Promise::reject(&e),
        Ok((request, metrics)) => promise(Box::pin(async move {
            let text = request.send().await.map_err(reject)?;
            let result = parse_answer(&text, Answered::Data)?;
            counts_as_numbers(&result, &metrics);
            Ok(result)
        })),
    }
}

/// The largest integer a JavaScript number holds exactly (2^53 - 1).
const MAX_SAFE: u64 = (1 << 53) - 1;

/// The rule for count columns (the API sends counts as strings of digits, `"1523"`, so none is
/// rounded): in every row, a metric's value that is a string of digits becomes a number when
/// it is at most [`MAX_SAFE`], where a number is exact; above it, it stays the string as sent
/// (read it with `BigInt(value)`). Only the query's metric columns are read: a dimension's
/// value is a name (a key named `"2024"` stays a string), and costs already arrive as numbers.
fn counts_as_numbers(result: &JsValue, metrics: &[String]) {
    let rows = Reflect::get(result, &JsValue::from_str("data")).unwrap_or_default();
    if !Array::is_array(&rows) {
        return;
    }
    for row in Array::from(&rows).iter() {
        if !row.is_object() {
            continue;
        }
        for metric in metrics {
            let key = JsValue::from_str(metric);
            let Some(digits) = Reflect::get(&row, &key).ok().and_then(|v| v.as_string()) else {
                continue;
            };
            if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            if let Ok(n) = digits.parse::<u64>() {
                if n <= MAX_SAFE {
                    let _ = Reflect::set(&row, &key, &JsValue::from_f64(n as f64));
                }
            }
        }
    }
}
