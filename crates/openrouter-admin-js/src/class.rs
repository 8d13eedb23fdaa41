//! The `OpenRouterAdmin` class: the package's JavaScript face, one method per operation.
//!
//! Each method only names its operation and its arguments ([`Op`], the class's
//! [`ClientOp`](crate::client_op::ClientOp); a list's serves its one-page `listX` and its
//! paginator `iterateX`) and hands them, with `options`, to the [dispatcher](crate::dispatch);
//! the methods the core composes of several requests go to [`composite`]. The `.d.ts` is
//! generated from here: the doc comments, `js_name`s and `unchecked_*_type`s are the public
//! surface, so they stay exactly as they are.
//!
//! Methods are plain (not `async fn`) and return a `Promise` (or a `Paginator`). Arguments are
//! checked synchronously and a bad one becomes a rejected promise (or a paginator whose first
//! pull rejects), like every other failure, instead of throwing from some methods and
//! rejecting from others. `options` arrive as a plain
//! `JsValue` (`undefined` when left out): an `Option<JsValue>` parameter costs conversion code
//! in the glue and the wasm of every method.

use js_sys::Promise;
use openrouter_admin::Client;
use wasm_bindgen::prelude::*;

use crate::client_op::ClientOp as Op;
use crate::composite;
use crate::composite::Change;
use crate::convert::{client_from, describe, public_json};
use crate::dispatch;
use crate::split::later;

/// A client for OpenRouter's management API. Holds the management key inside the wasm
/// module's memory: it is not a property, so `JSON.stringify`, `toString` and the console
/// never show it.
#[wasm_bindgen]
pub struct OpenRouterAdmin {
    pub(crate) client: Client,
}

#[wasm_bindgen]
impl OpenRouterAdmin {
    /// `new OpenRouterAdmin({ apiKey, baseUrl?, timeoutMs?, maxRetries? })`; throws an
    /// `OpenRouterError` of kind `validation` for a missing key or a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<OpenRouterAdmin, JsValue> {
        Ok(OpenRouterAdmin {
            client: client_from(&options)?,
        })
    }

    /// A description without the key.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        describe("OpenRouterAdmin", &self.client)
    }

    /// What `JSON.stringify` shows: the base URL, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ baseUrl: string }")]
    pub fn to_json(&self) -> JsValue {
        public_json(&self.client)
    }

    // ---- the calling key ---------------------------------------------------------------

    /// `GET /key`: the key this client uses (answers for any key; says `is_management_key`).
    #[wasm_bindgen(js_name = currentKey, unchecked_return_type = "Promise<CurrentKey>")]
    pub fn current_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CurrentKey, &options)
    }

    // ---- credits and activity -----------------------------------------------------------

    /// `GET /credits`: credits bought (`total_credits`) and used (`total_usage`).
    #[wasm_bindgen(js_name = getCredits, unchecked_return_type = "Promise<Credits>")]
    pub fn get_credits(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Credits, &options)
    }

    /// `GET /activity`: spend per day and model endpoint over the last 30 completed UTC days
    /// (`date`, `apiKeyHash`, `userId`, `workspaceId`, `groupBy: "workspace"`).
    #[wasm_bindgen(js_name = getActivity, unchecked_return_type = "Promise<ActivityItem[]>")]
    pub fn get_activity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ActivityOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Activity, &options)
    }

    // ---- workspaces ---------------------------------------------------------------------

    /// `GET /workspaces`: one page (`offset`, `limit` 1..100).
    #[wasm_bindgen(js_name = listWorkspaces, unchecked_return_type = "Promise<Page<Workspace>>")]
    pub fn list_workspaces(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListWorkspaces, &options)
    }

    /// Every workspace: `for await (const ws of client.iterateWorkspaces())`, or `.pages()`.
    #[wasm_bindgen(js_name = iterateWorkspaces, unchecked_return_type = "Paginator<Workspace>")]
    pub fn iterate_workspaces(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListWorkspaces, &options)
    }

    /// `POST /workspaces`: validated; retried only on 429; otherwise a failure after sending
    /// is `outcome_unknown` (then `reconcileWorkspace(slug)`).
    #[wasm_bindgen(js_name = createWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn create_workspace(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateWorkspaceRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateWorkspace { request: &request }, &options)
    }

    /// `GET /workspaces/{idOrSlug}`.
    #[wasm_bindgen(js_name = getWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn get_workspace(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::GetWorkspace {
            id_or_slug: &id_or_slug,
        };
        self.send(op, &options)
    }

    /// `PATCH /workspaces/{idOrSlug}`: a field left out stays, `null` clears it.
    #[wasm_bindgen(js_name = updateWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn update_workspace(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateWorkspaceRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::UpdateWorkspace {
            id_or_slug: &id_or_slug,
            patch: &patch,
        };
        self.send(op, &options)
    }

    /// `DELETE /workspaces/{idOrSlug}` (refused while it has active keys). The Default
    /// workspace answers 403 unless `options.confirmDefaultWorkspaceDeletion` is `true`.
    #[wasm_bindgen(js_name = deleteWorkspace, unchecked_return_type = "Promise<void>")]
    pub fn delete_workspace(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DeleteWorkspaceOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::DeleteWorkspace {
            id_or_slug: &id_or_slug,
        };
        self.send(op, &options)
    }

    /// After an `outcome_unknown` create: the workspace with this slug, or `null`.
    #[wasm_bindgen(js_name = reconcileWorkspace, unchecked_return_type = "Promise<Workspace | null>")]
    pub fn reconcile_workspace(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::reconcile_workspace(
            self.client.clone(),
            slug,
            options,
        )))
    }

    // ---- members ------------------------------------------------------------------------

    /// `GET /workspaces/{idOrSlug}/members`: one page.
    #[wasm_bindgen(js_name = listMembers, unchecked_return_type = "Promise<Page<WorkspaceMember>>")]
    pub fn list_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::ListMembers {
            id_or_slug: &id_or_slug,
        };
        self.send(op, &options)
    }

    /// Every member of a workspace, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateMembers, unchecked_return_type = "Paginator<WorkspaceMember>")]
    pub fn iterate_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        let op = Op::ListMembers {
            id_or_slug: &id_or_slug,
        };
        self.pages(op, &options)
    }

    /// Adds any number of users (chunks of 100) and reports one outcome per user.
    #[wasm_bindgen(js_name = addMembers, unchecked_return_type = "Promise<MemberResult[]>")]
    pub fn add_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(js_name = userIds, unchecked_param_type = "string[]")] user_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::change_members(
            self.client.clone(),
            id_or_slug,
            user_ids,
            options,
            Change::Add,
        )))
    }

    /// Removes any number of users (chunks of 100) and reports one outcome per user, saying
    /// why those who stayed did (`kept_active_keys`, `kept_scim_managed`).
    #[wasm_bindgen(js_name = removeMembers, unchecked_return_type = "Promise<MemberResult[]>")]
    pub fn remove_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(js_name = userIds, unchecked_param_type = "string[]")] user_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::change_members(
            self.client.clone(),
            id_or_slug,
            user_ids,
            options,
            Change::Remove,
        )))
    }

    // ---- budgets ------------------------------------------------------------------------

    /// `GET /workspaces/{idOrSlug}/budgets`.
    #[wasm_bindgen(js_name = listBudgets, unchecked_return_type = "Promise<BudgetList>")]
    pub fn list_budgets(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::ListBudgets {
            id_or_slug: &id_or_slug,
        };
        self.send(op, &options)
    }

    /// `GET /workspaces/{idOrSlug}/budgets/{interval}`.
    #[wasm_bindgen(js_name = getBudget, unchecked_return_type = "Promise<BudgetResponse>")]
    pub fn get_budget(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BudgetInterval")] interval: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::GetBudget {
            id_or_slug: &id_or_slug,
            interval: &interval,
        };
        self.send(op, &options)
    }

    /// `PUT /workspaces/{idOrSlug}/budgets/{interval}` with `limit_usd` (> 0; budgets must
    /// shrink from lifetime to daily); `options.includeByok` sets the workspace-wide flag.
    #[wasm_bindgen(js_name = putBudget, unchecked_return_type = "Promise<BudgetResponse>")]
    pub fn put_budget(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BudgetInterval")] interval: JsValue,
        #[wasm_bindgen(js_name = limitUsd, unchecked_param_type = "number")] limit_usd: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PutBudgetOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::PutBudget {
            id_or_slug: &id_or_slug,
            interval: &interval,
            limit_usd: &limit_usd,
        };
        self.send(op, &options)
    }

    /// `DELETE /workspaces/{idOrSlug}/budgets/{interval}`.
    #[wasm_bindgen(js_name = deleteBudget, unchecked_return_type = "Promise<void>")]
    pub fn delete_budget(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BudgetInterval")] interval: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::DeleteBudget {
            id_or_slug: &id_or_slug,
            interval: &interval,
        };
        self.send(op, &options)
    }

    // ---- keys ---------------------------------------------------------------------------

    /// `GET /keys`: one page of up to 100 (`offset`, `workspaceId`, `includeDisabled`).
    #[wasm_bindgen(js_name = listKeys, unchecked_return_type = "Promise<Page<ApiKey>>")]
    pub fn list_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListKeys, &options)
    }

    /// Every key (of the Default workspace unless `workspaceId`), as a `Paginator`.
    #[wasm_bindgen(js_name = iterateKeys, unchecked_return_type = "Paginator<ApiKey>")]
    pub fn iterate_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListKeys, &options)
    }

    /// `POST /keys`: answers `{ data, key }`; `key` is the secret, shown this once. Retried
    /// only on 429; otherwise a failure after sending is `outcome_unknown` (then
    /// `reconcileKey(request, sinceMs)`).
    #[wasm_bindgen(js_name = createKey, unchecked_return_type = "Promise<CreatedKey>")]
    pub fn create_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateKeyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateKey { request: &request }, &options)
    }

    /// After an `outcome_unknown` create: the newest key with the request's name and workspace
    /// created at or after `sinceMs` (ms since the epoch, read before the attempt), or `null`.
    #[wasm_bindgen(js_name = reconcileKey, unchecked_return_type = "Promise<ApiKey | null>")]
    pub fn reconcile_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateKeyRequest")] request: JsValue,
        #[wasm_bindgen(js_name = sinceMs, unchecked_param_type = "number")] since_ms: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::reconcile_key(
            self.client.clone(),
            request,
            since_ms,
            options,
        )))
    }

    /// `GET /keys/{hash}`.
    #[wasm_bindgen(js_name = getKey, unchecked_return_type = "Promise<ApiKey>")]
    pub fn get_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetKey { hash: &hash }, &options)
    }

    /// `PATCH /keys/{hash}`: a field left out stays, `null` clears `limit` / `limit_reset`.
    #[wasm_bindgen(js_name = updateKey, unchecked_return_type = "Promise<ApiKey>")]
    pub fn update_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateKeyRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::UpdateKey {
            hash: &hash,
            patch: &patch,
        };
        self.send(op, &options)
    }

    /// `DELETE /keys/{hash}`.
    #[wasm_bindgen(js_name = deleteKey, unchecked_return_type = "Promise<void>")]
    pub fn delete_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteKey { hash: &hash }, &options)
    }

    /// Rotation: creates a successor with the old key's settings (its secret is in
    /// `created.key`, shown once) and disables the old key (`disable_error` if that failed).
    #[wasm_bindgen(js_name = rotateKey, unchecked_return_type = "Promise<Rotation>")]
    pub fn rotate_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::rotate_key(
            self.client.clone(),
            hash,
            options,
        )))
    }

    /// Deletes a rotated-out key once nothing uses it.
    #[wasm_bindgen(js_name = retireKey, unchecked_return_type = "Promise<void>")]
    pub fn retire_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteKey { hash: &hash }, &options)
    }

    /// Applies one patch to many keys (validated once, `concurrency` at a time); one result per
    /// key, in order.
    #[wasm_bindgen(js_name = bulkUpdateKeys, unchecked_return_type = "Promise<BulkResult<ApiKey>[]>")]
    pub fn bulk_update_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] hashes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateKeyRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BulkOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::bulk(
            self.client.clone(),
            hashes,
            Some(patch),
            options,
        )))
    }

    /// Deletes many keys (`concurrency` at a time); one result per key, in order.
    #[wasm_bindgen(js_name = bulkDeleteKeys, unchecked_return_type = "Promise<BulkResult<null>[]>")]
    pub fn bulk_delete_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] hashes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BulkOptions")] options: JsValue,
    ) -> Promise {
        later(Box::pin(composite::bulk(
            self.client.clone(),
            hashes,
            None,
            options,
        )))
    }

    // ---- any other endpoint -------------------------------------------------------------

    /// Any endpoint of the API with this client's key, retries and errors: `path` below the
    /// base URL (`/guardrails`), `options.query` and `options.body` (sent as JSON). A POST is
    /// treated as a create (retried only on 429; a failure after sending is
    /// `outcome_unknown`) unless `options.idempotent` is `true`. Resolves to the parsed answer,
    /// or `undefined` for an empty one.
    #[wasm_bindgen(js_name = request, unchecked_return_type = "Promise<unknown>")]
    pub fn raw_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HttpMethod")] method: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let op = Op::Raw {
            method: &method,
            path: &path,
        };
        self.send(op, &options)
    }

    // ---- organization -------------------------------------------------------------------

    /// `GET /organization/members`: one page; their `id`s are what `addMembers` takes.
    #[wasm_bindgen(js_name = listOrganizationMembers, unchecked_return_type = "Promise<Page<OrganizationMember>>")]
    pub fn list_organization_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListOrganizationMembers, &options)
    }

    /// Every organization member, as a `Paginator`.
    #[wasm_bindgen(js_name = iterateOrganizationMembers, unchecked_return_type = "Paginator<OrganizationMember>")]
    pub fn iterate_organization_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> JsValue {
        self.pages(Op::ListOrganizationMembers, &options)
    }
}

impl OpenRouterAdmin {
    /// Every one-request method: [`dispatch::send`] with this client.
    fn send(&self, op: Op, options: &JsValue) -> Promise {
        dispatch::send(&self.client, &op, options)
    }

    /// Every paginator method: [`dispatch::pages`] with this client and a list's [`Op`].
    fn pages(&self, list: Op, options: &JsValue) -> JsValue {
        dispatch::pages(&self.client, &list, options)
    }
}

/// `true` for a rejection of this package (`e is OpenRouterError` in TypeScript).
#[wasm_bindgen(js_name = isOpenRouterError, unchecked_return_type = "error is OpenRouterError")]
pub fn is_open_router_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] error: JsValue,
) -> bool {
    crate::convert::is_error(&error)
}
