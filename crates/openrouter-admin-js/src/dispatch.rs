//! The dispatcher: every method of one operation ([`Op`]), from its arguments and options to
//! the core's request, sent from one place; a list's paginator walks from the same request.
//!
//! Each operation names its JavaScript arguments; the one `match` that builds its request
//! ([`build`]) reads each into its Rust type right there (`idOrSlug` into a `String`, `patch`
//! into an `UpdateKey`), so an argument is read once, in the order the method takes them,
//! after the options. Reading them earlier, in the class, into an enum of Rust values, was
//! measured: it copies every body once more on its way and costs about 1.2 KB of the gzip wasm.
//!
//! Size matters here (the package has a gzip budget), which shapes the code:
//! - one non-generic [`send`] serves every one-request method: it builds the endpoint as the
//!   data it is (`api`) and sends it as the core's text request, one future type for all of
//!   them, whose answer's JSON text goes to `JSON.parse` untouched, so no model decoder is
//!   linked;
//! - [`pages`] serves every paginator from the same [`build`]: a list's arm gives its first
//!   request and its [`Paging`], and the core walks every list with one closure
//!   (`Client::text_pages`), so a list costs its arm and nothing more (each list had a
//!   paging arm of its own, ~400 B of wasm per list, before);
//! - the endpoints are built directly, not through the fluent handlers, whose per-step clones
//!   would be repeated in every arm of the match.

use js_sys::Promise;
use openrouter_admin::api::{self, Endpoint, PagedEndpoint, Request};
use openrouter_admin::models::{
    CreateByokKey, CreateDestination, UpdateByokKey, UpdateDestination, UpsertBudget,
};
use openrouter_admin::{CancelSignal, Client, Error, ErrorKind, KeyHash, Method, OpClass, Paging};
use wasm_bindgen::JsValue;

use crate::answer::{parse_answer, Shape};
use crate::body;
use crate::convert::{interval_arg, invalid, method_arg, path_arg, promise, segment_arg, Options};
use crate::error::reject;
use crate::paginator::{make_paginator, PageAt};

/// An operation and the JavaScript arguments it was called with, by name (its `options`
/// travel beside it). A list's variant serves both its methods: one page ([`send`]) and its
/// paginator ([`pages`]). Every method hands over the same small shape, which lets `wasm-opt`
/// share the exported methods' glue (~150 B of the gzip wasm).
#[derive(Clone, Copy)]
pub enum Op<'a> {
    #[cfg(feature = "client")]
    /// `GET /key`.
    CurrentKey,
    #[cfg(feature = "client")]
    /// `GET /workspaces`: one page.
    ListWorkspaces,
    #[cfg(feature = "client")]
    /// `GET /workspaces/{idOrSlug}/members`: one page.
    ListMembers {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `GET /keys`: one page.
    ListKeys,
    #[cfg(feature = "client")]
    /// `GET /organization/members`: one page.
    ListOrganizationMembers,
    #[cfg(feature = "client")]
    /// `POST /workspaces`.
    CreateWorkspace {
        /// A `CreateWorkspaceRequest`.
        request: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `GET /workspaces/{idOrSlug}`.
    GetWorkspace {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `PATCH /workspaces/{idOrSlug}`.
    UpdateWorkspace {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// An `UpdateWorkspaceRequest`.
        patch: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `DELETE /workspaces/{idOrSlug}`.
    DeleteWorkspace {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `GET /workspaces/{idOrSlug}/budgets`.
    ListBudgets {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `GET /workspaces/{idOrSlug}/budgets/{interval}`.
    GetBudget {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// A `BudgetInterval`.
        interval: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `PUT /workspaces/{idOrSlug}/budgets/{interval}` (`options.includeByok` joins the body).
    PutBudget {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// A `BudgetInterval`.
        interval: &'a JsValue,
        /// The limit in US dollars, a number.
        limit_usd: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `DELETE /workspaces/{idOrSlug}/budgets/{interval}`.
    DeleteBudget {
        /// The workspace's id or slug.
        id_or_slug: &'a JsValue,
        /// A `BudgetInterval`.
        interval: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `POST /keys`.
    CreateKey {
        /// A `CreateKeyRequest`.
        request: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `GET /keys/{hash}`.
    GetKey {
        /// The key's hash.
        hash: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `PATCH /keys/{hash}`.
    UpdateKey {
        /// The key's hash.
        hash: &'a JsValue,
        /// An `UpdateKeyRequest`.
        patch: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `DELETE /keys/{hash}`.
    DeleteKey {
        /// The key's hash.
        hash: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `DELETE /keys/{hash}` of a rotated-out key (`KeysHandler::retire`).
    RetireKey {
        /// The key's hash.
        hash: &'a JsValue,
    },
    #[cfg(feature = "client")]
    /// `GET /credits`.
    Credits,
    #[cfg(feature = "client")]
    /// `GET /activity` (`options` add the filters).
    Activity,
    #[cfg(feature = "settings")]
    /// `GET /byok`: one page (`options` add the workspace's UUID and a provider).
    ListByokKeys,
    #[cfg(feature = "settings")]
    /// `POST /byok`.
    CreateByokKey {
        /// A `CreateByokKeyRequest` (its `key` is a secret).
        request: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /byok/{id}`.
    GetByokKey {
        /// The credential's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `PATCH /byok/{id}`.
    UpdateByokKey {
        /// The credential's id.
        id: &'a JsValue,
        /// An `UpdateByokKeyRequest`.
        patch: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `DELETE /byok/{id}`.
    DeleteByokKey {
        /// The credential's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /observability/destinations`: one page (`options` add the workspace's UUID).
    ListDestinations,
    #[cfg(feature = "settings")]
    /// `POST /observability/destinations`.
    CreateDestination {
        /// A `CreateDestinationRequest`.
        request: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /observability/destinations/{id}`.
    GetDestination {
        /// The destination's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `PATCH /observability/destinations/{id}`.
    UpdateDestination {
        /// The destination's id.
        id: &'a JsValue,
        /// An `UpdateDestinationRequest`.
        patch: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `DELETE /observability/destinations/{id}`.
    DeleteDestination {
        /// The destination's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /guardrails` (`options.workspaceId`: another workspace's, by UUID).
    ListGuardrails,
    #[cfg(feature = "settings")]
    /// `POST /guardrails`.
    CreateGuardrail {
        /// A `CreateGuardrailRequest`.
        request: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /guardrails/{id}`.
    GetGuardrail {
        /// The guardrail's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `PATCH /guardrails/{id}`.
    UpdateGuardrail {
        /// The guardrail's id.
        id: &'a JsValue,
        /// An `UpdateGuardrailRequest`.
        patch: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `DELETE /guardrails/{id}`.
    DeleteGuardrail {
        /// The guardrail's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /guardrails/{id}/assignments/keys`.
    ListGuardrailKeys {
        /// The guardrail's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /guardrails/{id}/assignments/members`.
    ListGuardrailMembers {
        /// The guardrail's id.
        id: &'a JsValue,
    },
    #[cfg(feature = "settings")]
    /// `GET /guardrails/assignments/keys`.
    ListKeyAssignments,
    #[cfg(feature = "settings")]
    /// `GET /guardrails/assignments/members`.
    ListMemberAssignments,
    #[cfg(feature = "client")]
    /// `request`: any method and path; `options` add the query, the body and the retry class.
    Raw {
        /// An `HttpMethod`.
        method: &'a JsValue,
        /// The path below the base URL.
        path: &'a JsValue,
    },
}

impl Op<'_> {
    /// The part of the answer the method resolves to.
    fn shape(self) -> Shape {
        match self {
            #[cfg(feature = "client")]
            Op::ListWorkspaces
            | Op::ListMembers { .. }
            | Op::ListKeys
            | Op::ListOrganizationMembers
            | Op::ListBudgets { .. }
            | Op::GetBudget { .. }
            | Op::PutBudget { .. }
            | Op::CreateKey { .. } => Shape::Whole,
            #[cfg(feature = "client")]
            Op::DeleteWorkspace { .. }
            | Op::DeleteBudget { .. }
            | Op::DeleteKey { .. }
            | Op::RetireKey { .. } => Shape::Unit,
            #[cfg(feature = "settings")]
            Op::DeleteGuardrail { .. } => Shape::Unit,
            #[cfg(feature = "client")]
            Op::Raw { .. } => Shape::Any,
            #[cfg(feature = "settings")]
            Op::ListByokKeys
            | Op::ListDestinations
            | Op::ListGuardrails
            | Op::ListGuardrailKeys { .. }
            | Op::ListGuardrailMembers { .. }
            | Op::ListKeyAssignments
            | Op::ListMemberAssignments => Shape::Whole,
            #[cfg(feature = "settings")]
            Op::DeleteByokKey { .. } | Op::DeleteDestination { .. } => Shape::Unit,
            #[cfg(feature = "settings")]
            Op::CreateByokKey { .. }
            | Op::GetByokKey { .. }
            | Op::UpdateByokKey { .. }
            | Op::CreateDestination { .. }
            | Op::GetDestination { .. }
            | Op::UpdateDestination { .. } => Shape::Data,
            #[cfg(feature = "client")]
            Op::CurrentKey
            | Op::CreateWorkspace { .. }
            | Op::GetWorkspace { .. }
            | Op::UpdateWorkspace { .. }
            | Op::GetKey { .. }
            | Op::UpdateKey { .. }
            | Op::Credits
            | Op::Activity => Shape::Data,
            #[cfg(feature = "settings")]
            Op::CreateGuardrail { .. } | Op::GetGuardrail { .. } | Op::UpdateGuardrail { .. } => {
                Shape::Data
            }
        }
    }
}

/// Every one-request method: checks `options`, then the method's arguments (the first bad
/// one as a rejection value), then sends. One function for all of them, instead of one
/// inlined copy of the option, signal and promise handling per method (~2 KB of the gzip
/// wasm).
#[inline(never)]
pub fn send(client: &Client, op: Op, options: &JsValue) -> Promise {
    match build(op, options) {
        Err(e) => Promise::reject(&e),
        Ok(built) => {
            let request = client.text_request(built.request, built.signal);
            let shape = op.shape();
            promise(Box::pin(async move {
                let body = request.send().await.map_err(reject)?;
                parse_answer(&body, shape)
            }))
        }
    }
}

/// What [`build`] makes of an operation: its request (a validation failure included, which
/// sending then returns), the call's cancel handle, and for a list how it pages.
struct Built {
    request: Result<Request, Error>,
    signal: Option<CancelSignal>,
    paging: Option<Paging>,
}

/// The request of an operation, from `options` and then its arguments. Each arm reads the
/// arguments into the endpoint's Rust type right there and builds only its request; a list's
/// arm also says how it pages (see [`list`]), so its paginator needs no code of its own.
fn build(op: Op, options: &JsValue) -> Result<Built, JsValue> {
    let o = Options::parse(options)?;
    let signal = o.signal()?;
    let mut paging = None;
    let request = match op {
        #[cfg(feature = "client")]
        Op::CurrentKey => api::GetCurrentKey::default().request(),
        #[cfg(feature = "client")]
        Op::ListWorkspaces => list(workspace_list(&o)?, &mut paging),
        #[cfg(feature = "client")]
        Op::ListMembers { id_or_slug } => list(member_list(id_or_slug, &o)?, &mut paging),
        #[cfg(feature = "client")]
        Op::ListKeys => list(key_list(&o)?, &mut paging),
        #[cfg(feature = "client")]
        Op::ListOrganizationMembers => list(organization_member_list(&o)?, &mut paging),
        #[cfg(feature = "client")]
        Op::CreateWorkspace { request } => {
            let body = body::create_workspace(request, "request")?;
            api::CreateWorkspaceRequest::new(body).request()
        }
        #[cfg(feature = "client")]
        Op::GetWorkspace { id_or_slug } => {
            let workspace = workspace_arg(id_or_slug)?;
            api::GetWorkspace::new(workspace).request()
        }
        #[cfg(feature = "client")]
        Op::UpdateWorkspace { id_or_slug, patch } => {
            let workspace = workspace_arg(id_or_slug)?;
            let body = body::update_workspace(patch, "patch")?;
            let update = api::UpdateWorkspaceRequest::new(workspace, body);
            update.request()
        }
        #[cfg(feature = "client")]
        Op::DeleteWorkspace { id_or_slug } => {
            let workspace = workspace_arg(id_or_slug)?;
            let mut delete = api::DeleteWorkspace::new(workspace);
            delete.confirm_default_workspace_deletion =
                o.boolean("confirmDefaultWorkspaceDeletion")? == Some(true);
            delete.request()
        }
        #[cfg(feature = "client")]
        Op::ListBudgets { id_or_slug } => {
            let workspace = workspace_arg(id_or_slug)?;
            api::ListBudgets::new(workspace).request()
        }
        #[cfg(feature = "client")]
        Op::GetBudget {
            id_or_slug,
            interval,
        } => {
            let (workspace, interval) = (workspace_arg(id_or_slug)?, interval_arg(interval)?);
            api::GetBudget::new(workspace, interval).request()
        }
        #[cfg(feature = "client")]
        Op::PutBudget {
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
            let put = api::PutBudget::new(workspace, interval, body);
            put.request()
        }
        #[cfg(feature = "client")]
        Op::DeleteBudget {
            id_or_slug,
            interval,
        } => {
            let (workspace, interval) = (workspace_arg(id_or_slug)?, interval_arg(interval)?);
            api::DeleteBudget::new(workspace, interval).request()
        }
        #[cfg(feature = "client")]
        Op::CreateKey { request } => {
            let body = body::create_key(request, "request")?;
            api::CreateKeyRequest::new(body).request()
        }
        #[cfg(feature = "client")]
        Op::GetKey { hash } => api::GetKey::new(hash_arg(hash)?).request(),
        #[cfg(feature = "client")]
        Op::UpdateKey { hash, patch } => {
            let hash = hash_arg(hash)?;
            let body = body::update_key(patch, "patch")?;
            api::UpdateKeyRequest::new(hash, body).request()
        }
        // Retiring is deleting (`KeysHandler::retire`).
        #[cfg(feature = "client")]
        Op::DeleteKey { hash } | Op::RetireKey { hash } => {
            api::DeleteKey::new(hash_arg(hash)?).request()
        }
        #[cfg(feature = "client")]
        Op::Credits => api::GetCredits::default().request(),
        #[cfg(feature = "client")]
        Op::Activity => activity(&o)?.request(),
        #[cfg(feature = "settings")]
        Op::ListByokKeys => list(byok_list(&o)?, &mut paging),
        #[cfg(feature = "settings")]
        Op::CreateByokKey { request } => {
            let body = body::read::<CreateByokKey>(request, "request")?;
            api::CreateByokKeyRequest::new(body).request()
        }
        #[cfg(feature = "settings")]
        Op::GetByokKey { id } => api::GetByokKey::new(id_arg(id)?).request(),
        #[cfg(feature = "settings")]
        Op::UpdateByokKey { id, patch } => {
            let id = id_arg(id)?;
            let body = body::read::<UpdateByokKey>(patch, "patch")?;
            api::UpdateByokKeyRequest::new(id, body).request()
        }
        #[cfg(feature = "settings")]
        Op::DeleteByokKey { id } => api::DeleteByokKey::new(id_arg(id)?).request(),
        #[cfg(feature = "settings")]
        Op::ListDestinations => list(destination_list(&o)?, &mut paging),
        #[cfg(feature = "settings")]
        Op::CreateDestination { request } => {
            let body = body::read::<CreateDestination>(request, "request")?;
            api::CreateDestinationRequest::new(body).request()
        }
        #[cfg(feature = "settings")]
        Op::GetDestination { id } => api::GetDestination::new(id_arg(id)?).request(),
        #[cfg(feature = "settings")]
        Op::UpdateDestination { id, patch } => {
            let id = id_arg(id)?;
            let body = body::read::<UpdateDestination>(patch, "patch")?;
            api::UpdateDestinationRequest::new(id, body).request()
        }
        #[cfg(feature = "settings")]
        Op::DeleteDestination { id } => api::DeleteDestination::new(id_arg(id)?).request(),
        #[cfg(feature = "settings")]
        Op::ListGuardrails => {
            let mut endpoint = api::ListGuardrails::default();
            (endpoint.limit, endpoint.offset) = page_args(&o)?;
            endpoint.workspace_id = o.string("workspaceId")?.map(Into::into);
            list(endpoint, &mut paging)
        }
        #[cfg(feature = "settings")]
        Op::CreateGuardrail { request } => {
            let body = body::read(request, "request")?;
            api::CreateGuardrailRequest::new(body).request()
        }
        #[cfg(feature = "settings")]
        Op::GetGuardrail { id } => api::GetGuardrail::new(guardrail_arg(id)?).request(),
        #[cfg(feature = "settings")]
        Op::UpdateGuardrail { id, patch } => {
            let id = guardrail_arg(id)?;
            let body = body::read(patch, "patch")?;
            api::UpdateGuardrailRequest::new(id, body).request()
        }
        #[cfg(feature = "settings")]
        Op::DeleteGuardrail { id } => api::DeleteGuardrail::new(guardrail_arg(id)?).request(),
        #[cfg(feature = "settings")]
        Op::ListGuardrailKeys { id } => {
            let mut endpoint = api::ListGuardrailKeys::new(guardrail_arg(id)?);
            (endpoint.limit, endpoint.offset) = page_args(&o)?;
            list(endpoint, &mut paging)
        }
        #[cfg(feature = "settings")]
        Op::ListGuardrailMembers { id } => {
            let mut endpoint = api::ListGuardrailMembers::new(guardrail_arg(id)?);
            (endpoint.limit, endpoint.offset) = page_args(&o)?;
            list(endpoint, &mut paging)
        }
        #[cfg(feature = "settings")]
        Op::ListKeyAssignments => {
            let mut endpoint = api::ListKeyAssignments::default();
            (endpoint.limit, endpoint.offset) = page_args(&o)?;
            list(endpoint, &mut paging)
        }
        #[cfg(feature = "settings")]
        Op::ListMemberAssignments => {
            let mut endpoint = api::ListMemberAssignments::default();
            (endpoint.limit, endpoint.offset) = page_args(&o)?;
            list(endpoint, &mut paging)
        }
        #[cfg(feature = "client")]
        Op::Raw { method, path } => {
            let method = method_arg(method)?;
            let mut raw = api::RawRequest::new(method, path_arg(path)?);
            raw.query = o.query("query")?;
            raw.body = o.json("body")?;
            // A body on a read or a delete is a mistake the network would only report vaguely.
            if raw.body.is_some() && matches!(method, Method::Get | Method::Delete) {
                return Err(invalid(
                    "options.body",
                    "method",
                    "`options.body` cannot go with GET or DELETE",
                ));
            }
            // A POST may be retried like a read only when the caller says it is safe to.
            if raw.class == OpClass::Create && o.boolean("idempotent")? == Some(true) {
                raw.class = OpClass::Safe;
            }
            raw.request()
        }
    };
    Ok(Built {
        request,
        signal,
        paging,
    })
}

/// A list's arm of [`build`]: its first page's request, and how it pages. Generic, but only
/// the request and three numbers per list: the walk itself is shared (`Client::text_pages`).
fn list<E: PagedEndpoint>(list: E, paging: &mut Option<Paging>) -> Result<Request, Error> {
    *paging = Some(Paging::of(&list));
    list.request()
}

/// Every paginator method: checks `options`, then the list's arguments, and returns a
/// `Paginator` that walks the list page by page as JavaScript iterates. One walk serves
/// every list: the core's, from the first page's request ([`list`]).
#[inline(never)]
pub fn pages(client: &Client, op: Op, options: &JsValue) -> Result<JsValue, JsValue> {
    let Built {
        request,
        signal,
        paging,
    } = build(op, options)?;
    // The class calls this with list operations only.
    let paging = paging.ok_or_else(|| reject(Error::new(ErrorKind::Unsupported, "not a list")))?;
    // A list with a page size of its choosing (not `GET /keys`) can be fetched ahead by
    // `collectAll`.
    let at = match &request {
        Ok(first) if !paging.fixed => Some(PageAt {
            client: client.clone(),
            first: first.clone(),
            signal: signal.clone(),
            offset: paging.offset,
        }),
        _ => None,
    };
    let pages = client.text_pages(request, paging, signal);
    Ok(make_paginator(Box::pin(pages), at))
}

/// A `GET /workspaces` from `limit` and `offset`.
fn workspace_list(o: &Options) -> Result<api::ListWorkspaces, JsValue> {
    let mut list = api::ListWorkspaces::default();
    (list.limit, list.offset) = page_args(o)?;
    Ok(list)
}

/// A `GET /workspaces/{idOrSlug}/members` from `limit` and `offset`.
fn member_list(id_or_slug: &JsValue, o: &Options) -> Result<api::ListMembers, JsValue> {
    let mut list = api::ListMembers::new(workspace_arg(id_or_slug)?);
    (list.limit, list.offset) = page_args(o)?;
    Ok(list)
}

/// A `GET /keys` from `offset`, `includeDisabled` and `workspaceId` (its page size is fixed).
fn key_list(o: &Options) -> Result<api::ListKeys, JsValue> {
    let mut list = api::ListKeys::default();
    list.offset = offset_arg(o)?;
    list.include_disabled = o.boolean("includeDisabled")?;
    list.workspace_id = o.string("workspaceId")?.map(Into::into);
    Ok(list)
}

/// A `GET /activity` from `date`, `apiKeyHash`, `userId`, `workspaceId` and `groupBy`
/// (the core checks their values before anything is sent).
fn activity(o: &Options) -> Result<api::GetActivity, JsValue> {
    let mut activity = api::GetActivity::default();
    activity.date = o.string("date")?;
    activity.api_key_hash = o.string("apiKeyHash")?.map(Into::into);
    activity.user_id = o.string("userId")?.map(Into::into);
    activity.workspace_id = o.string("workspaceId")?.map(Into::into);
    activity.group_by = o.string("groupBy")?;
    Ok(activity)
}

/// A `GET /organization/members` from `limit` and `offset`.
fn organization_member_list(o: &Options) -> Result<api::ListOrganizationMembers, JsValue> {
    let mut list = api::ListOrganizationMembers::default();
    (list.limit, list.offset) = page_args(o)?;
    Ok(list)
}

/// The `limit` and `offset` options of a list.
fn page_args(o: &Options) -> Result<(Option<u32>, Option<u64>), JsValue> {
    Ok((
        o.integer("limit", 1_000_000_000)?.map(|n| n as u32),
        offset_arg(o)?,
    ))
}

/// The `offset` option of a list.
fn offset_arg(o: &Options) -> Result<Option<u64>, JsValue> {
    Ok(o.integer("offset", 9_000_000_000_000_000)?
        .map(|n| n as u64))
}

/// A `GET /byok` from `limit`, `offset`, `workspaceId` (a UUID) and `provider`.
fn byok_list(o: &Options) -> Result<api::ListByokKeys, JsValue> {
    let mut list = api::ListByokKeys::default();
    (list.limit, list.offset) = page_args(o)?;
    list.workspace_id = o.string("workspaceId")?.map(Into::into);
    list.provider = o.string("provider")?.map(Into::into);
    Ok(list)
}

/// A `GET /observability/destinations` from `limit`, `offset` and `workspaceId` (a UUID).
fn destination_list(o: &Options) -> Result<api::ListDestinations, JsValue> {
    let mut list = api::ListDestinations::default();
    (list.limit, list.offset) = page_args(o)?;
    list.workspace_id = o.string("workspaceId")?.map(Into::into);
    Ok(list)
}

/// A BYOK credential's or a destination's id (a UUID; any string goes in the path, encoded).
fn id_arg(value: &JsValue) -> Result<String, JsValue> {
    segment_arg(value, "id")
}

/// A workspace argument (its id or slug).
fn workspace_arg(value: &JsValue) -> Result<String, JsValue> {
    segment_arg(value, "idOrSlug")
}

/// A key argument (its hash).
fn hash_arg(value: &JsValue) -> Result<KeyHash, JsValue> {
    segment_arg(value, "hash").map(KeyHash::from)
}

/// A guardrail argument (its id).
fn guardrail_arg(value: &JsValue) -> Result<String, JsValue> {
    segment_arg(value, "id")
}
