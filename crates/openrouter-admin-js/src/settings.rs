//! The `WorkspaceSettings` class of `openrouter-admin/settings`: guardrails (with their key
//! and member assignments), BYOK provider keys and observability destinations, the
//! workspace settings beyond keys, members and budgets.
//!
//! A chunk of the package's one module ([`split`](crate)): these 23 operations' bodies,
//! validation and assignment outcomes (about 20 KB of gzip wasm) would otherwise be in every
//! user's `OpenRouterAdmin`. Who manages them imports this class (same options, errors,
//! paginators, the same instance and runtime as the client's); who does not never downloads
//! the chunk. Each method names its operation like [`OpenRouterAdmin`'s](crate) do, in the main
//! module; the split points below run the rest in the chunk.

use js_sys::Promise;
use openrouter_admin::Client;
use wasm_bindgen::prelude::*;

use crate::composite;
use crate::composite::{Assignee, Change};
use crate::convert::{client_from, describe, public_json};
use crate::dispatch;
use crate::paginator::later_paginator;
use crate::settings_op::SettingsOp as Op;
use crate::split::{later, Rejection};
use wasm_split_helpers::wasm_split;

/// Guardrails, BYOK keys and observability destinations of an organization's workspaces.
/// Holds the management key inside the wasm module's memory, like `OpenRouterAdmin`.
#[wasm_bindgen]
pub struct WorkspaceSettings {
    client: Client,
}

#[wasm_bindgen]
impl WorkspaceSettings {
    /// `new WorkspaceSettings({ apiKey, baseUrl?, timeoutMs?, maxRetries? })`, the options of
    /// `OpenRouterAdmin`; throws an `OpenRouterError` of kind `validation` for a missing key or
    /// a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<WorkspaceSettings, JsValue> {
        Ok(WorkspaceSettings {
            client: client_from(&options)?,
        })
    }

    /// A description without the key.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        describe("WorkspaceSettings", &self.client)
    }

    /// What `JSON.stringify` shows: the base URL, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ baseUrl: string }")]
    pub fn to_json(&self) -> JsValue {
        public_json(&self.client)
    }

    // ---- guardrails ---------------------------------------------------------------------

    /// `GET /guardrails`: one page of a workspace's guardrails (`offset`, `limit` 1..100): the
    /// Default workspace's, or `options.workspaceId`'s (a UUID; a slug is a `validation` error
    /// naming `workspace_id`).
    #[wasm_bindgen(js_name = listGuardrails, unchecked_return_type = "Promise<Page<Guardrail>>")]
    pub fn list_guardrails(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GuardrailListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListGuardrails, options)
    }

    /// Every guardrail of a workspace, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateGuardrails, unchecked_return_type = "Paginator<Guardrail>")]
    pub fn iterate_guardrails(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GuardrailListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListGuardrails, options)
    }

    /// `POST /guardrails`: validated (a limit with its reset interval, no empty region list,
    /// ...); retried only on 429. It governs nothing until keys or members are assigned.
    #[wasm_bindgen(js_name = createGuardrail, unchecked_return_type = "Promise<Guardrail>")]
    pub fn create_guardrail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateGuardrailRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateGuardrail { request }, options)
    }

    /// `GET /guardrails/{id}` (`not_found` also for a workspace's default guardrail that was
    /// never written).
    #[wasm_bindgen(js_name = getGuardrail, unchecked_return_type = "Promise<Guardrail>")]
    pub fn get_guardrail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetGuardrail { id }, options)
    }

    /// `PATCH /guardrails/{id}` with only the given fields (lists replaced whole); the first
    /// update of a workspace's `default_guardrail_id` writes that default guardrail.
    #[wasm_bindgen(js_name = updateGuardrail, unchecked_return_type = "Promise<Guardrail>")]
    pub fn update_guardrail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateGuardrailRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::UpdateGuardrail { id, patch };
        self.send(op, options)
    }

    /// `DELETE /guardrails/{id}`: its keys and members are governed by it no more.
    #[wasm_bindgen(js_name = deleteGuardrail, unchecked_return_type = "Promise<void>")]
    pub fn delete_guardrail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteGuardrail { id }, options)
    }

    /// `GET /guardrails/{id}/assignments/keys`: one page of the keys a guardrail governs.
    #[wasm_bindgen(js_name = listGuardrailKeys, unchecked_return_type = "Promise<Page<KeyAssignment>>")]
    pub fn list_guardrail_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListGuardrailKeys { id }, options)
    }

    /// Every key a guardrail governs, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateGuardrailKeys, unchecked_return_type = "Paginator<KeyAssignment>")]
    pub fn iterate_guardrail_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListGuardrailKeys { id }, options)
    }

    /// `GET /guardrails/{id}/assignments/members`: one page of the organization members a
    /// guardrail governs.
    #[wasm_bindgen(js_name = listGuardrailMembers, unchecked_return_type = "Promise<Page<MemberAssignment>>")]
    pub fn list_guardrail_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListGuardrailMembers { id }, options)
    }

    /// Every organization member a guardrail governs, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateGuardrailMembers, unchecked_return_type = "Paginator<MemberAssignment>")]
    pub fn iterate_guardrail_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListGuardrailMembers { id }, options)
    }

    /// `GET /guardrails/assignments/keys`: one page of the organization's key assignments.
    #[wasm_bindgen(js_name = listKeyAssignments, unchecked_return_type = "Promise<Page<KeyAssignment>>")]
    pub fn list_key_assignments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListKeyAssignments, options)
    }

    /// Every key assignment of the organization, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateKeyAssignments, unchecked_return_type = "Paginator<KeyAssignment>")]
    pub fn iterate_key_assignments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListKeyAssignments, options)
    }

    /// `GET /guardrails/assignments/members`: one page of the organization's member
    /// assignments.
    #[wasm_bindgen(js_name = listMemberAssignments, unchecked_return_type = "Promise<Page<MemberAssignment>>")]
    pub fn list_member_assignments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListMemberAssignments, options)
    }

    /// Every member assignment of the organization, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateMemberAssignments, unchecked_return_type = "Paginator<MemberAssignment>")]
    pub fn iterate_member_assignments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListMemberAssignments, options)
    }

    /// Assigns any number of keys to the guardrail (chunks of 100), one outcome per key. A key
    /// holds one guardrail, so one held elsewhere moves here; a key of another workspace fails
    /// alone (the others are still assigned).
    #[wasm_bindgen(js_name = assignGuardrailKeys, unchecked_return_type = "Promise<AssignmentResult[]>")]
    pub fn assign_guardrail_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] hashes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.assignments(Assignee::Keys, Change::Add, id, hashes, options)
    }

    /// Unassigns any number of keys from the guardrail, one outcome per key.
    #[wasm_bindgen(js_name = unassignGuardrailKeys, unchecked_return_type = "Promise<AssignmentResult[]>")]
    pub fn unassign_guardrail_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string[]")] hashes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.assignments(Assignee::Keys, Change::Remove, id, hashes, options)
    }

    /// Assigns any number of organization members to the guardrail, one outcome per member.
    #[wasm_bindgen(js_name = assignGuardrailMembers, unchecked_return_type = "Promise<AssignmentResult[]>")]
    pub fn assign_guardrail_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(js_name = userIds, unchecked_param_type = "string[]")] user_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.assignments(Assignee::Members, Change::Add, id, user_ids, options)
    }

    /// Unassigns any number of organization members from the guardrail, one outcome each.
    #[wasm_bindgen(js_name = unassignGuardrailMembers, unchecked_return_type = "Promise<AssignmentResult[]>")]
    pub fn unassign_guardrail_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(js_name = userIds, unchecked_param_type = "string[]")] user_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.assignments(Assignee::Members, Change::Remove, id, user_ids, options)
    }

    // ---- BYOK provider keys -------------------------------------------------------------

    /// `GET /byok`: one page of a workspace's BYOK credentials (`workspaceId` a UUID; default
    /// the Default workspace; `provider` filters).
    #[wasm_bindgen(js_name = listByokKeys, unchecked_return_type = "Promise<Page<ByokKey>>")]
    pub fn list_byok_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ByokListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListByokKeys, options)
    }

    /// Every BYOK credential of a workspace, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateByokKeys, unchecked_return_type = "Paginator<ByokKey>")]
    pub fn iterate_byok_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ByokListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListByokKeys, options)
    }

    /// `POST /byok`: the provider key is sent once and never answered (only a masked
    /// `label`); it is in no error message. Retried only on 429; otherwise a failure after
    /// sending is kind `outcome_unknown` (list and look before adding it again).
    #[wasm_bindgen(js_name = createByokKey, unchecked_return_type = "Promise<ByokKey>")]
    pub fn create_byok_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateByokKeyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateByokKey { request }, options)
    }

    /// `GET /byok/{id}`.
    #[wasm_bindgen(js_name = getByokKey, unchecked_return_type = "Promise<ByokKey>")]
    pub fn get_byok_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetByokKey { id }, options)
    }

    /// `PATCH /byok/{id}` with only the fields given (a `key` replaces the old one in place).
    #[wasm_bindgen(js_name = updateByokKey, unchecked_return_type = "Promise<ByokKey>")]
    pub fn update_byok_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateByokKeyRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::UpdateByokKey { id, patch };
        self.send(op, options)
    }

    /// `DELETE /byok/{id}`.
    #[wasm_bindgen(js_name = deleteByokKey, unchecked_return_type = "Promise<void>")]
    pub fn delete_byok_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteByokKey { id }, options)
    }

    // ---- observability destinations -----------------------------------------------------

    /// `GET /observability/destinations`: one page of a workspace's destinations
    /// (`workspaceId` a UUID; default the Default workspace).
    #[wasm_bindgen(js_name = listObservabilityDestinations, unchecked_return_type = "Promise<Page<Destination>>")]
    pub fn list_observability_destinations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DestinationListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListDestinations, options)
    }

    /// Every destination of a workspace, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateObservabilityDestinations, unchecked_return_type = "Paginator<Destination>")]
    pub fn iterate_observability_destinations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DestinationListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListDestinations, options)
    }

    /// `POST /observability/destinations`: at most 5 of one type per workspace (a sixth
    /// rejects with status 409). Retried only on 429.
    #[wasm_bindgen(js_name = createObservabilityDestination, unchecked_return_type = "Promise<Destination>")]
    pub fn create_observability_destination(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateDestinationRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateDestination { request }, options)
    }

    /// `GET /observability/destinations/{id}`.
    #[wasm_bindgen(js_name = getObservabilityDestination, unchecked_return_type = "Promise<Destination>")]
    pub fn get_observability_destination(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetDestination { id }, options)
    }

    /// `PATCH /observability/destinations/{id}` with only the fields given (`regions` left
    /// out is kept).
    #[wasm_bindgen(js_name = updateObservabilityDestination, unchecked_return_type = "Promise<Destination>")]
    pub fn update_observability_destination(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateDestinationRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::UpdateDestination { id, patch };
        self.send(op, options)
    }

    /// `DELETE /observability/destinations/{id}`.
    #[wasm_bindgen(js_name = deleteObservabilityDestination, unchecked_return_type = "Promise<void>")]
    pub fn delete_observability_destination(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteDestination { id }, options)
    }
}

impl WorkspaceSettings {
    /// Every one-request method: [`dispatch::send`] with this client, in the settings chunk.
    fn send(&self, op: Op, options: JsValue) -> Promise {
        later(Box::pin(settings_send(self.client.clone(), op, options)))
    }

    /// The four guardrail assignment methods: [`composite::change_assignments`] of `who`, in
    /// the settings chunk.
    fn assignments(
        &self,
        who: Assignee,
        change: Change,
        id: JsValue,
        ids: JsValue,
        options: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        later(Box::pin(composite::change_assignments(
            client, id, ids, options, who, change,
        )))
    }

    /// Every paginator method: [`dispatch::page_parts`] with this client and a list's [`Op`],
    /// in the settings chunk; the paginator exists at once and its first pull waits for them.
    fn pages(&self, list: Op, options: JsValue) -> JsValue {
        later_paginator(&later(Box::pin(settings_pages(
            self.client.clone(),
            list,
            options,
        ))))
    }
}

/// An operation's promise, from the settings chunk.
#[wasm_split(settings, fallible)]
fn settings_send(client: Client, op: Op, options: JsValue) -> Result<JsValue, Rejection> {
    Ok(dispatch::send(&client, &op, &options).into())
}

/// A list's paginator parts, from the settings chunk (a bad argument is the rejection its
/// first pull sees).
#[wasm_split(settings, fallible)]
fn settings_pages(client: Client, list: Op, options: JsValue) -> Result<JsValue, Rejection> {
    Ok(dispatch::page_parts(&client, &list, &options)?)
}
