//! `OpenRouterAdmin`'s enterprise methods: SCIM groups, their workspace mappings and sync
//! jobs, the analytics meta and query, generation feedback (issue 21).
//!
//! A chunk of the package's one module ([`split`](crate)), the enterprise chunk
//! (`openrouter_admin_enterprise_bg.wasm`), fetched at the first such call: few users of the
//! client call them, and their bodies, validation and the rows' shaping would otherwise sit in
//! the main module every user downloads before the first call, whose budget has about 10 KB of
//! room. The methods themselves are here, in the main module (a method is a few bytes of
//! glue): each hands its operation to a split point below and returns its promise at once.

use js_sys::Promise;
use openrouter_admin::Client;
use wasm_bindgen::prelude::*;

use crate::class::OpenRouterAdmin;
use crate::dispatch;
use crate::enterprise_op::{query_analytics, EnterpriseOp as Op};
use crate::paginator::later_paginator;
use crate::split::{later, Rejection};
use wasm_split_helpers::wasm_split;

#[wasm_bindgen]
impl OpenRouterAdmin {
    // ---- SCIM: the identity provider's groups, their workspace mappings, sync jobs ---------

    /// `GET /scim/groups`: one page of the identity provider's groups (`offset`, `limit`
    /// 1..100); never their members.
    #[wasm_bindgen(js_name = listScimGroups, unchecked_return_type = "Promise<Page<ScimGroup>>")]
    pub fn list_scim_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::ListScimGroups, options)
    }

    /// Every group of the identity provider, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateScimGroups, unchecked_return_type = "Paginator<ScimGroup>")]
    pub fn iterate_scim_groups(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.enterprise_pages(Op::ListScimGroups, options)
    }

    /// `GET /scim/group-mappings`: one page of the group-to-workspace mappings.
    #[wasm_bindgen(js_name = listScimGroupMappings, unchecked_return_type = "Promise<Page<ScimGroupMapping>>")]
    pub fn list_scim_group_mappings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::ListScimGroupMappings, options)
    }

    /// Every group-to-workspace mapping, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateScimGroupMappings, unchecked_return_type = "Paginator<ScimGroupMapping>")]
    pub fn iterate_scim_group_mappings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.enterprise_pages(Op::ListScimGroupMappings, options)
    }

    /// `POST /scim/group-mappings`: the group's members join the workspace with the role (the
    /// highest of their groups' roles wins). The same mapping again answers it again, so a
    /// call whose answer was lost is retried safely and makes no second one; another role for
    /// an existing mapping is a 409 (`updateScimGroupMapping` changes it).
    #[wasm_bindgen(js_name = createScimGroupMapping, unchecked_return_type = "Promise<ScimGroupMapping>")]
    pub fn create_scim_group_mapping(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateScimGroupMappingRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::CreateScimGroupMapping { request }, options)
    }

    /// `GET /scim/group-mappings/{id}`.
    #[wasm_bindgen(js_name = getScimGroupMapping, unchecked_return_type = "Promise<ScimGroupMapping>")]
    pub fn get_scim_group_mapping(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::GetScimGroupMapping { id }, options)
    }

    /// `PATCH /scim/group-mappings/{id}`: the role, the only thing a mapping changes.
    #[wasm_bindgen(js_name = updateScimGroupMapping, unchecked_return_type = "Promise<ScimGroupMapping>")]
    pub fn update_scim_group_mapping(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateScimGroupMappingRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::UpdateScimGroupMapping { id, patch }, options)
    }

    /// `DELETE /scim/group-mappings/{id}`: `keepMembers` is required, with no default:
    /// `"keep"` keeps its members as manual members, `"remove"` removes the access that came
    /// only from this mapping (members through another mapping or added by hand stay).
    /// Without it the call rejects with a `validation` error naming `keepMembers`.
    #[wasm_bindgen(js_name = deleteScimGroupMapping, unchecked_return_type = "Promise<void>")]
    pub fn delete_scim_group_mapping(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(js_name = keepMembers, unchecked_param_type = "KeepMembers")]
        keep_members: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::DeleteScimGroupMapping { id, keep_members }, options)
    }

    /// `POST /scim/sync-jobs`: reads the identity provider now; answers the job `queued`
    /// (poll `getScimSyncJob`). Retried only on 429: a lost answer is kind `outcome_unknown`,
    /// never a second job sent (one may have started; start another only deliberately).
    #[wasm_bindgen(js_name = createScimSyncJob, unchecked_return_type = "Promise<ScimSyncJob>")]
    pub fn create_scim_sync_job(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::CreateScimSyncJob, options)
    }

    /// `GET /scim/sync-jobs/{id}`: `queued`, `running`, `succeeded` or `failed` (with
    /// `error_message`).
    #[wasm_bindgen(js_name = getScimSyncJob, unchecked_return_type = "Promise<ScimSyncJob>")]
    pub fn get_scim_sync_job(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::GetScimSyncJob { id }, options)
    }

    // ---- analytics ------------------------------------------------------------------------

    /// `GET /analytics/meta`: the metrics, dimensions, operators and granularities a query
    /// takes.
    #[wasm_bindgen(js_name = getAnalyticsMeta, unchecked_return_type = "Promise<AnalyticsMeta>")]
    pub fn get_analytics_meta(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::AnalyticsMeta, options)
    }

    /// `POST /analytics/query`: validated before sending (at least one metric, at most 2
    /// dimensions and 20 filters, a minute granularity only over 3 hours or less, ...). Every
    /// column of every row comes back; a count column is a number when exact (up to 2^53 - 1)
    /// and the API's string of digits beyond.
    #[wasm_bindgen(js_name = queryAnalytics, unchecked_return_type = "Promise<AnalyticsResult>")]
    pub fn query_analytics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AnalyticsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(analytics_send(
            self.client.clone(),
            query,
            options,
        )))
    }

    // ---- generation feedback --------------------------------------------------------------

    /// `POST /generation/feedback` on a generation id: 404 for an unknown generation. Retried
    /// only on 429: a lost answer is kind `outcome_unknown` (it may have been recorded).
    #[wasm_bindgen(js_name = submitGenerationFeedback, unchecked_return_type = "Promise<FeedbackRecorded>")]
    pub fn submit_generation_feedback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SubmitGenerationFeedbackRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.enterprise(Op::SubmitFeedback { request }, options)
    }
}

impl OpenRouterAdmin {
    /// Every enterprise one-request method: [`dispatch::send`], in the enterprise chunk.
    fn enterprise(&self, op: Op, options: JsValue) -> Promise {
        later(Box::pin(enterprise_send(self.client.clone(), op, options)))
    }

    /// Every enterprise paginator: [`dispatch::page_parts`] in the enterprise chunk; the
    /// paginator exists at once and its first pull waits for them.
    fn enterprise_pages(&self, list: Op, options: JsValue) -> JsValue {
        later_paginator(&later(Box::pin(enterprise_list(
            self.client.clone(),
            list,
            options,
        ))))
    }
}

/// An enterprise operation's promise, from the enterprise chunk.
#[wasm_split(enterprise, fallible)]
fn enterprise_send(client: Client, op: Op, options: JsValue) -> Result<JsValue, Rejection> {
    Ok(dispatch::send(&client, &op, &options).into())
}

/// A SCIM list's paginator parts, from the enterprise chunk.
#[wasm_split(enterprise, fallible)]
fn enterprise_list(client: Client, list: Op, options: JsValue) -> Result<JsValue, Rejection> {
    Ok(dispatch::page_parts(&client, &list, &options)?)
}

/// `queryAnalytics`'s promise, from the enterprise chunk.
#[wasm_split(enterprise, fallible)]
fn analytics_send(client: Client, query: JsValue, options: JsValue) -> Result<JsValue, Rejection> {
    Ok(query_analytics(&client, &query, &options).into())
}
