//! The operations of `OpenRouterAdmin`: one variant per one-request method
//! (a list's serves its one-page method and its paginator), each naming its JavaScript
//! arguments, and the one `match` that reads them into the core's request (see
//! [`dispatch`](crate::dispatch)).

use openrouter_admin::api;
use openrouter_admin::models::UpsertBudget;
use openrouter_admin::{KeyHash, Method, OpClass};
use wasm_bindgen::JsValue;

use crate::body;
use crate::convert::{interval_arg, invalid, method_arg, path_arg, segment_arg, Options};
use crate::dispatch::{list, offset_arg, one, paged, Call, Operation};

/// An operation of `OpenRouterAdmin` and the JavaScript arguments it was called with, by name
/// (its `options` travel beside it). Every method hands over the same small shape, which lets
/// `wasm-opt` share the exported methods' glue (~150 B of the gzip wasm).
pub enum ClientOp<'a> {
    /// `GET /key`.
    CurrentKey,
    /// `GET /workspaces`.
    ListWorkspaces,
    /// `GET /workspaces/{idOrSlug}/members`.
    ListMembers {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    /// `GET /keys`.
    ListKeys,
    /// `GET /organization/members`.
    ListOrganizationMembers,
    /// `POST /workspaces`.
    CreateWorkspace {
        /// A `CreateWorkspaceRequest`.
        request: &'a JsValue,
    },
    /// `GET /workspaces/{idOrSlug}`.
    GetWorkspace {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    /// `PATCH /workspaces/{idOrSlug}`.
    UpdateWorkspace {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// An `UpdateWorkspaceRequest`.
        patch: &'a JsValue,
    },
    /// `DELETE /workspaces/{idOrSlug}`.
    DeleteWorkspace {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    /// `GET /workspaces/{idOrSlug}/budgets`.
    ListBudgets {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    /// `GET /workspaces/{idOrSlug}/budgets/{interval}`.
    GetBudget {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// A `BudgetInterval`.
        interval: &'a JsValue,
    },
    /// `PUT /workspaces/{idOrSlug}/budgets/{interval}` (`options.includeByok` joins the body).
    PutBudget {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// A `BudgetInterval`.
        interval: &'a JsValue,
        /// The limit in US dollars, a number.
        limit_usd: &'a JsValue,
    },
    /// `DELETE /workspaces/{idOrSlug}/budgets/{interval}`.
    DeleteBudget {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// A `BudgetInterval`.
        interval: &'a JsValue,
    },
    /// `POST /keys`.
    CreateKey {
        /// A `CreateKeyRequest`.
        request: &'a JsValue,
    },
    /// `GET /keys/{hash}`.
    GetKey {
        /// The key's hash.
        hash: &'a JsValue,
    },
    /// `PATCH /keys/{hash}`.
    UpdateKey {
        /// The key's hash.
        hash: &'a JsValue,
        /// An `UpdateKeyRequest`.
        patch: &'a JsValue,
    },
    /// `DELETE /keys/{hash}`; also `retireKey`, since retiring a rotated-out key is deleting
    /// it (`KeysHandler::retire`).
    DeleteKey {
        /// The key's hash.
        hash: &'a JsValue,
    },
    /// `GET /credits`.
    Credits,
    /// `GET /activity` (`options` add the filters).
    Activity,
    /// `request`: any method and path; `options` add the query, the body and the retry class.
    Raw {
        /// An `HttpMethod`.
        method: &'a JsValue,
        /// The path below the base URL.
        path: &'a JsValue,
    },
}

impl Operation for ClientOp<'_> {
    fn call(&self, o: &Options) -> Result<Call, JsValue> {
        Ok(match *self {
            ClientOp::CurrentKey => one(api::GetCurrentKey::default()),
            ClientOp::ListWorkspaces => list(paged!(api::ListWorkspaces::default(), o)),
            ClientOp::ListMembers { id_or_slug } => {
                list(paged!(api::ListMembers::new(workspace_arg(id_or_slug)?), o))
            }
            ClientOp::ListKeys => {
                // Its page size is fixed.
                let mut endpoint = api::ListKeys::default();
                endpoint.offset = offset_arg(o)?;
                endpoint.include_disabled = o.boolean("includeDisabled")?;
                endpoint.workspace_id = o.string("workspaceId")?.map(Into::into);
                list(endpoint)
            }
            ClientOp::ListOrganizationMembers => {
                list(paged!(api::ListOrganizationMembers::default(), o))
            }
            ClientOp::CreateWorkspace { request } => {
                let body = body::create_workspace(request, "request")?;
                one(api::CreateWorkspaceRequest::new(body))
            }
            ClientOp::GetWorkspace { id_or_slug } => {
                let workspace = workspace_arg(id_or_slug)?;
                one(api::GetWorkspace::new(workspace))
            }
            ClientOp::UpdateWorkspace { id_or_slug, patch } => {
                let workspace = workspace_arg(id_or_slug)?;
                let body = body::update_workspace(patch, "patch")?;
                one(api::UpdateWorkspaceRequest::new(workspace, body))
            }
            ClientOp::DeleteWorkspace { id_or_slug } => {
                let workspace = workspace_arg(id_or_slug)?;
                let mut delete = api::DeleteWorkspace::new(workspace);
                delete.confirm_default_workspace_deletion =
                    o.boolean("confirmDefaultWorkspaceDeletion")? == Some(true);
                one(delete)
            }
            ClientOp::ListBudgets { id_or_slug } => {
                let workspace = workspace_arg(id_or_slug)?;
                one(api::ListBudgets::new(workspace))
            }
            ClientOp::GetBudget {
                id_or_slug,
                interval,
            } => {
                let (workspace, interval) = (workspace_arg(id_or_slug)?, interval_arg(interval)?);
                one(api::GetBudget::new(workspace, interval))
            }
            ClientOp::PutBudget {
                id_or_slug,
                interval,
                limit_usd,
            } => {
                let (workspace, interval) = (workspace_arg(id_or_slug)?, interval_arg(interval)?);
                let usd = limit_usd
                    .as_f64()
                    .ok_or_else(|| invalid("limitUsd", "type", "`limitUsd` must be a number"))?;
                let mut body = UpsertBudget::new(usd);
                body.include_byok_in_budgets = o.boolean("includeByok")?;
                one(api::PutBudget::new(workspace, interval, body))
            }
            ClientOp::DeleteBudget {
                id_or_slug,
                interval,
            } => {
                let (workspace, interval) = (workspace_arg(id_or_slug)?, interval_arg(interval)?);
                one(api::DeleteBudget::new(workspace, interval))
            }
            ClientOp::CreateKey { request } => {
                let body = body::create_key(request, "request")?;
                one(api::CreateKeyRequest::new(body))
            }
            ClientOp::GetKey { hash } => one(api::GetKey::new(hash_arg(hash)?)),
            ClientOp::UpdateKey { hash, patch } => {
                let hash = hash_arg(hash)?;
                let body = body::update_key(patch, "patch")?;
                one(api::UpdateKeyRequest::new(hash, body))
            }
            ClientOp::DeleteKey { hash } => one(api::DeleteKey::new(hash_arg(hash)?)),
            ClientOp::Credits => one(api::GetCredits::default()),
            ClientOp::Activity => {
                let mut activity = api::GetActivity::default();
                // The core checks their values before anything is sent.
                activity.date = o.string("date")?;
                activity.api_key_hash = o.string("apiKeyHash")?.map(Into::into);
                activity.user_id = o.string("userId")?.map(Into::into);
                activity.workspace_id = o.string("workspaceId")?.map(Into::into);
                activity.group_by = o.string("groupBy")?;
                one(activity)
            }
            ClientOp::Raw { method, path } => {
                let method = method_arg(method)?;
                let mut request = api::RawRequest::new(method, path_arg(path)?);
                request.query = o.query("query")?;
                request.body = o.json("body")?;
                // A body on a read or a delete is a mistake the network would only report
                // vaguely.
                if request.body.is_some() && matches!(method, Method::Get | Method::Delete) {
                    return Err(invalid(
                        "options.body",
                        "method",
                        "`options.body` cannot go with GET or DELETE",
                    ));
                }
                // A POST may be retried like a read only when the caller says it is safe to.
                if request.class == OpClass::Create && o.boolean("idempotent")? == Some(true) {
                    request.class = OpClass::Safe;
                }
                one(request)
            }
        })
    }
}

/// A workspace argument (its id or slug).
fn workspace_arg(value: &JsValue) -> Result<String, JsValue> {
    segment_arg(value, "idOrSlug")
}

/// A key argument (its hash).
fn hash_arg(value: &JsValue) -> Result<KeyHash, JsValue> {
    segment_arg(value, "hash").map(KeyHash::from)
}
