//! Requests as data: one type per operation, whose [`Endpoint::request`] says its method,
//! path, query, body, retry class and whether its answer holds a secret, and whose
//! [`Endpoint::decode`] reads the answer. Testable without any I/O:
//!
//! ```
//! use openrouter_admin::api::{Endpoint, ListKeys};
//! use openrouter_admin::Method;
//! let mut req = ListKeys::default();
//! req.offset = Some(100);
//! req.include_disabled = Some(true);
//! let r = req.request().expect("valid");
//! assert_eq!(r.method, Method::Get);
//! assert_eq!(r.path, "/keys");
//! assert_eq!(r.query, vec![("offset".to_string(), "100".to_string()), ("include_disabled".to_string(), "true".to_string())]);
//! ```

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, IntoDeserializer};

use crate::body::WireBody;
use crate::error::{Error, FieldError};
use crate::models::*;
use crate::retry::OpClass;
use crate::transport::Method;
use crate::url::encode_component;
use crate::validate::Validate;

/// One HTTP request of an operation, as data: all the retry loop needs to send it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Request {
    /// HTTP method.
    pub method: Method,
    /// Path below the base URL, segments percent-encoded.
    pub path: String,
    /// Query parameters, encoded when sent.
    pub query: Vec<(String, String)>,
    /// The body as the JSON text that goes on the wire.
    pub body: Option<String>,
    /// Retry class.
    pub class: OpClass,
    /// Whether the answer holds a secret (then it is kept out of error messages).
    pub secret: bool,
}

impl Request {
    /// A request to `path` with no query and no body; the class by method (DELETE = delete,
    /// else safe: creates say so with [`class`](Self::class)).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let class = if method == Method::Delete {
            OpClass::Delete
        } else {
            OpClass::Safe
        };
        Self::of(method, path.into(), Vec::new(), None, class)
    }

    /// Sets the retry class.
    pub fn class(mut self, class: OpClass) -> Self {
        self.class = class;
        self
    }

    /// Sets the `offset` query parameter, as a list's later page: replaced where it is, or
    /// put first, where every list's request writes it (so each page's query reads alike).
    pub fn set_offset(&mut self, offset: u64) {
        let value = offset.to_string();
        match self.query.iter_mut().find(|(name, _)| name == "offset") {
            Some(param) => param.1 = value,
            None => self.query.insert(0, ("offset".to_owned(), value)),
        }
    }

    /// A request from its parts (the answer holds no secret). Out of line, and the endpoints
    /// call it once each rather than chaining by-value builders: a `Request` is large, and
    /// every move of one is code in a wasm module.
    #[inline(never)]
    fn of(
        method: Method,
        path: String,
        query: Vec<(String, String)>,
        body: Option<String>,
        class: OpClass,
    ) -> Self {
        Request {
            method,
            path,
            query,
            body,
            class,
            secret: false,
        }
    }
}

/// A `GET` of one page of a list: `offset` and `limit` (checked: 1..100).
#[inline(never)]
fn page(path: String, offset: Option<u64>, limit: Option<u32>) -> Result<Request, Error> {
    if limit.is_some_and(|l| !(1..=100).contains(&l)) {
        return Err(Error::validation(vec![FieldError::new(
            "limit",
            "range",
            "limit must be between 1 and 100",
        )]));
    }
    let mut query = Vec::new();
    param(&mut query, "offset", offset.map(|o| o.to_string()));
    param(&mut query, "limit", limit.map(|l| l.to_string()));
    Ok(Request::of(Method::Get, path, query, None, OpClass::Safe))
}

/// Adds a query parameter when `value` is set.
fn param(query: &mut Vec<(String, String)>, key: &str, value: Option<String>) {
    if let Some(v) = value {
        query.push((key.to_owned(), v));
    }
}

/// A request with a body, validated first: nothing is sent if it fails.
fn with_body<B: Validate + WireBody>(
    method: Method,
    path: String,
    body: &B,
    class: OpClass,
) -> Result<Request, Error> {
    body.validate()?;
    Ok(Request::of(
        method,
        path,
        Vec::new(),
        Some(body.wire()),
        class,
    ))
}

/// A 2xx answer, as [`Endpoint::decode`] reads it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Answer<'a> {
    /// Status code.
    pub status: u16,
    /// Body text.
    pub body: &'a str,
    /// Whether it holds a secret: a decode error then does not quote it.
    pub secret: bool,
}

impl<'a> Answer<'a> {
    /// An answer that holds no secret.
    pub fn new(status: u16, body: &'a str) -> Self {
        Answer {
            status,
            body,
            secret: false,
        }
    }

    /// The body decoded as `R`; a failure names the JSON path.
    pub fn json<R: DeserializeOwned>(&self) -> Result<R, Error> {
        decode_str(self.body, self.status, self.secret)
    }

    /// The `data` of a `{"data": ...}` answer.
    pub fn data<R: DeserializeOwned>(&self) -> Result<R, Error> {
        self.json::<DataResponse<R>>().map(|d| d.data)
    }

    /// The `part` of the answer an endpoint returns, as `R` (see [`Answered`]).
    pub fn read<R: DeserializeOwned>(&self, part: Answered) -> Result<R, Error> {
        match part {
            Answered::Data => self.data(),
            Answered::Whole | Answered::Any => self.json(),
            Answered::Nothing => {
                // The API confirms with `{"deleted": true}`; a body that is not that shape is
                // still a decode error, as it was when each delete read it by hand.
                self.json::<Deleted>()?;
                R::deserialize(().into_deserializer()).map_err(|e: serde::de::value::Error| {
                    Error::decode("$", e.to_string(), self.status, "<no answer expected>")
                })
            }
        }
    }
}

/// Which part of a 2xx answer an endpoint returns: said once per endpoint, in
/// [`Endpoint::ANSWER`], read by the provided [`Endpoint::decode`] and by the npm bindings,
/// which hand the same part to JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// The body's `data` member (`{"data": Workspace}` answers: gets, creates, updates).
    Data,
    /// The whole body (lists with their `total_count`, budgets, member changes, a created key
    /// with its secret beside `data`).
    Whole,
    /// Nothing (`()`): a delete, whose `{"deleted": true}` is checked and dropped.
    Nothing,
    /// Whatever JSON came back ([`RawRequest`]): decoded whole as its `V`; the bindings resolve
    /// an empty body to `undefined`.
    Any,
}

/// Decodes a piece of a 2xx answer (`text`) that came with `status`, naming the JSON path on
/// failure; `redact` keeps the text out of the error (create-key answers carry the secret).
pub(crate) fn decode_str<R: DeserializeOwned>(
    text: &str,
    status: u16,
    redact: bool,
) -> Result<R, Error> {
    if redact {
        // serde's messages quote the values they reject (`invalid type: string "sk-or-..."`)
        // and a path names the answer's own keys, so neither is told: only where it failed.
        return serde_json::from_str(text).map_err(|e| {
            let message = format!(
                "the answer does not fit (details withheld: it holds a secret) at line {} column {}",
                e.line(),
                e.column()
            );
            Error::decode("<redacted>", message, status, "<redacted>")
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            Error::decode(path, e.inner().to_string(), status, text)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        // Same paths, recovered from serde_json's error position (see `jsonpath`): saves the
        // per-type tracking code serde_path_to_error adds to the wasm.
        serde_json::from_str(text).map_err(|e| {
            let path = crate::jsonpath::error_path(text, &e);
            Error::decode(path, e.to_string(), status, text)
        })
    }
}

/// One operation of the API: its request, and which part of its answer it returns.
pub trait Endpoint {
    /// What the call returns.
    type Output: DeserializeOwned;
    /// The part of the 2xx answer the call returns, said once here (see [`Answered`]).
    const ANSWER: Answered;
    /// The request, or the validation error that keeps it from being sent.
    fn request(&self) -> Result<Request, Error>;
    /// Reads the 2xx answer: its [`ANSWER`](Self::ANSWER) part as [`Output`](Self::Output).
    fn decode(answer: Answer<'_>) -> Result<Self::Output, Error> {
        answer.read(Self::ANSWER)
    }
}

/// A list endpoint that pages by `offset`.
pub trait PagedEndpoint: Endpoint<Output = ListResponse<Self::Item>> + Clone {
    /// The list's item.
    type Item;
    /// Current offset.
    fn offset(&self) -> u64;
    /// Moves to `offset`.
    fn set_offset(&mut self, offset: u64);
    /// Page size the server will use.
    fn page_size(&self) -> u64;
    /// `GET /keys`: fixed pages, no `total_count`; a short page is the last.
    fn fixed_pages(&self) -> bool {
        false
    }
    /// Sets the page size (no-op for fixed pages).
    fn set_page_size(&mut self, _n: u64) {}
}

fn seg(s: &str) -> String {
    encode_component(s)
}

macro_rules! paged {
    ($t:ty, $item:ty) => {
        impl PagedEndpoint for $t {
            type Item = $item;
            fn offset(&self) -> u64 {
                self.offset.unwrap_or(0)
            }
            fn set_offset(&mut self, offset: u64) {
                self.offset = Some(offset);
            }
            fn page_size(&self) -> u64 {
                u64::from(self.limit.unwrap_or(50))
            }
            fn set_page_size(&mut self, n: u64) {
                self.limit = Some(n.clamp(1, 100) as u32);
            }
        }
    };
}

// --- workspaces ------------------------------------------------------------------------------

/// `GET /workspaces`.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListWorkspaces {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100 (server default 50).
    pub limit: Option<u32>,
}

impl Endpoint for ListWorkspaces {
    type Output = ListResponse<Workspace>;
    fn request(&self) -> Result<Request, Error> {
        page("/workspaces".to_owned(), self.offset, self.limit)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListWorkspaces, Workspace);

/// `POST /workspaces` (201). Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateWorkspaceRequest {
    /// Body.
    pub body: CreateWorkspace,
}

impl Endpoint for CreateWorkspaceRequest {
    type Output = Workspace;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Post,
            "/workspaces".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
    const ANSWER: Answered = Answered::Data;
}

/// `GET /workspaces/{id}` (id or slug).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetWorkspace {
    /// UUID or slug.
    pub id: String,
}

impl Endpoint for GetWorkspace {
    type Output = Workspace;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(
            Method::Get,
            format!("/workspaces/{}", seg(&self.id)),
        ))
    }
    const ANSWER: Answered = Answered::Data;
}

/// `PATCH /workspaces/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateWorkspaceRequest {
    /// UUID or slug.
    pub id: String,
    /// Only set fields are sent.
    pub body: UpdateWorkspace,
}

impl Endpoint for UpdateWorkspaceRequest {
    type Output = Workspace;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}", seg(&self.id));
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Data;
}

/// `DELETE /workspaces/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteWorkspace {
    /// UUID or slug.
    pub id: String,
    /// Sends `confirm_default_workspace_deletion=true`: without it the Default workspace
    /// answers 403; with it, deleting the Default workspace permanently disables the account's
    /// unscoped inference keys and deletes its budgets, guardrails and broadcast destinations
    /// (management keys are kept). Ignored by the API for other workspaces.
    pub confirm_default_workspace_deletion: bool,
}

impl Endpoint for DeleteWorkspace {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        let mut query = Vec::new();
        param(
            &mut query,
            "confirm_default_workspace_deletion",
            self.confirm_default_workspace_deletion
                .then(|| "true".to_owned()),
        );
        Ok(Request::of(
            Method::Delete,
            format!("/workspaces/{}", seg(&self.id)),
            query,
            None,
            OpClass::Delete,
        ))
    }
    const ANSWER: Answered = Answered::Nothing;
}

// --- members ---------------------------------------------------------------------------------

/// `GET /workspaces/{id}/members`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListMembers {
    /// UUID or slug.
    pub workspace: String,
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListMembers {
    type Output = ListResponse<WorkspaceMember>;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/members", seg(&self.workspace));
        page(path, self.offset, self.limit)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListMembers, WorkspaceMember);

/// `POST /workspaces/{id}/members/add` (1..100 ids; safe to retry).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AddMembers {
    /// UUID or slug.
    pub workspace: String,
    /// Body.
    pub body: MemberIds,
}

impl Endpoint for AddMembers {
    type Output = MembersAdded;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/members/add", seg(&self.workspace));
        with_body(Method::Post, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Whole;
}

/// `POST /workspaces/{id}/members/remove` (1..100 ids; safe to retry).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RemoveMembers {
    /// UUID or slug.
    pub workspace: String,
    /// Body.
    pub body: MemberIds,
}

impl Endpoint for RemoveMembers {
    type Output = MembersRemoved;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/members/remove", seg(&self.workspace));
        with_body(Method::Post, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Whole;
}

// --- budgets ---------------------------------------------------------------------------------

/// `GET /workspaces/{id}/budgets`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListBudgets {
    /// UUID or slug.
    pub workspace: String,
}

impl Endpoint for ListBudgets {
    type Output = BudgetList;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/budgets", seg(&self.workspace));
        Ok(Request::new(Method::Get, path))
    }
    const ANSWER: Answered = Answered::Whole;
}

/// The path of one budget.
fn budget_path(workspace: &str, interval: &Interval) -> String {
    format!("/workspaces/{}/budgets/{}", seg(workspace), interval)
}

/// `GET /workspaces/{id}/budgets/{interval}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetBudget {
    /// UUID or slug.
    pub workspace: String,
    /// Interval.
    pub interval: Interval,
}

impl Endpoint for GetBudget {
    type Output = BudgetResponse;
    fn request(&self) -> Result<Request, Error> {
        let path = budget_path(&self.workspace, &self.interval);
        Ok(Request::new(Method::Get, path))
    }
    const ANSWER: Answered = Answered::Whole;
}

/// `PUT /workspaces/{id}/budgets/{interval}` (safe to retry).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PutBudget {
    /// UUID or slug.
    pub workspace: String,
    /// Interval.
    pub interval: Interval,
    /// Body.
    pub body: UpsertBudget,
}

impl Endpoint for PutBudget {
    type Output = BudgetResponse;
    fn request(&self) -> Result<Request, Error> {
        let path = budget_path(&self.workspace, &self.interval);
        with_body(Method::Put, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Whole;
}

/// `DELETE /workspaces/{id}/budgets/{interval}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteBudget {
    /// UUID or slug.
    pub workspace: String,
    /// Interval.
    pub interval: Interval,
}

impl Endpoint for DeleteBudget {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        let path = budget_path(&self.workspace, &self.interval);
        Ok(Request::new(Method::Delete, path))
    }
    const ANSWER: Answered = Answered::Nothing;
}

// --- keys ------------------------------------------------------------------------------------

/// A `GET` of a fixed path whose answer is `{"data": ...}`: the type, its doc, path and output.
macro_rules! get_data {
    ($(#[$doc:meta])* $t:ident, $path:literal, $out:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Default)]
        #[non_exhaustive]
        pub struct $t;

        impl Endpoint for $t {
            type Output = $out;
            fn request(&self) -> Result<Request, Error> {
                Ok(Request::new(Method::Get, $path))
            }
            const ANSWER: Answered = Answered::Data;
        }
    };
}

get_data!(
    /// `GET /key`: the calling key (works with any key).
    GetCurrentKey,
    "/key",
    CurrentKey
);

/// `GET /keys`: fixed pages of 100, no `total_count`; Default workspace unless `workspace_id`.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListKeys {
    /// Records to skip (multiples of 100).
    pub offset: Option<u64>,
    /// Sent as the string `"true"`/`"false"`.
    pub include_disabled: Option<bool>,
    /// Workspace filter.
    pub workspace_id: Option<WorkspaceId>,
}

/// The fixed page size of `GET /keys`.
pub const KEYS_PAGE_SIZE: u64 = 100;

impl Endpoint for ListKeys {
    type Output = ListResponse<ApiKey>;
    fn request(&self) -> Result<Request, Error> {
        let mut query = Vec::new();
        param(&mut query, "offset", self.offset.map(|o| o.to_string()));
        param(
            &mut query,
            "include_disabled",
            self.include_disabled.map(|d| d.to_string()),
        );
        param(
            &mut query,
            "workspace_id",
            self.workspace_id.as_ref().map(|w| w.0.clone()),
        );
        Ok(Request::of(
            Method::Get,
            "/keys".to_owned(),
            query,
            None,
            OpClass::Safe,
        ))
    }
    const ANSWER: Answered = Answered::Whole;
}

impl PagedEndpoint for ListKeys {
    type Item = ApiKey;
    fn offset(&self) -> u64 {
        self.offset.unwrap_or(0)
    }
    fn set_offset(&mut self, offset: u64) {
        self.offset = Some(offset);
    }
    fn page_size(&self) -> u64 {
        KEYS_PAGE_SIZE
    }
    fn fixed_pages(&self) -> bool {
        true
    }
}

/// `POST /keys` (201 with the secret). Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateKeyRequest {
    /// Body.
    pub body: CreateKey,
}

impl Endpoint for CreateKeyRequest {
    type Output = CreatedKey;
    fn request(&self) -> Result<Request, Error> {
        let mut r = with_body(
            Method::Post,
            "/keys".to_owned(),
            &self.body,
            OpClass::Create,
        );
        if let Ok(r) = &mut r {
            r.secret = true;
        }
        r
    }
    const ANSWER: Answered = Answered::Whole;
}

/// `GET /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetKey {
    /// Key hash.
    pub hash: KeyHash,
}

impl Endpoint for GetKey {
    type Output = ApiKey;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(
            Method::Get,
            format!("/keys/{}", seg(self.hash.as_str())),
        ))
    }
    const ANSWER: Answered = Answered::Data;
}

/// `PATCH /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateKeyRequest {
    /// Key hash.
    pub hash: KeyHash,
    /// Only set fields are sent.
    pub body: UpdateKey,
}

impl Endpoint for UpdateKeyRequest {
    type Output = ApiKey;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/keys/{}", seg(self.hash.as_str()));
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Data;
}

/// `DELETE /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteKey {
    /// Key hash.
    pub hash: KeyHash,
}

impl Endpoint for DeleteKey {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/keys/{}", seg(self.hash.as_str()));
        Ok(Request::new(Method::Delete, path))
    }
    const ANSWER: Answered = Answered::Nothing;
}

// --- organization ----------------------------------------------------------------------------

/// `GET /organization/members`.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListOrganizationMembers {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListOrganizationMembers {
    type Output = ListResponse<OrganizationMember>;
    fn request(&self) -> Result<Request, Error> {
        page("/organization/members".to_owned(), self.offset, self.limit)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListOrganizationMembers, OrganizationMember);

// --- guardrails ------------------------------------------------------------------------------

/// The path of one guardrail, and of what hangs below it (`tail`: `""`, `"/assignments/keys"`...).
fn guardrail_path(id: &GuardrailId, tail: &str) -> String {
    let mut path = format!("/guardrails/{}", seg(id.as_str()));
    path.push_str(tail);
    path
}

/// `GET /guardrails`: one workspace's guardrails (by its UUID), the Default workspace's when
/// none is named.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListGuardrails {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
    /// The workspace's UUID (a slug is refused before sending: the API filters by UUID only).
    pub workspace_id: Option<WorkspaceId>,
}

impl Endpoint for ListGuardrails {
    type Output = ListResponse<Guardrail>;
    fn request(&self) -> Result<Request, Error> {
        let mut r = page("/guardrails".to_owned(), self.offset, self.limit)?;
        if let Some(w) = &self.workspace_id {
            let mut errors = Vec::new();
            crate::validate::check_workspace_uuid(&mut errors, w.as_str());
            if !errors.is_empty() {
                return Err(Error::validation(errors));
            }
            param(&mut r.query, "workspace_id", Some(w.0.clone()));
        }
        Ok(r)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListGuardrails, Guardrail);

/// `POST /guardrails` (201). Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateGuardrailRequest {
    /// Body.
    pub body: CreateGuardrail,
}

impl Endpoint for CreateGuardrailRequest {
    type Output = Guardrail;
    fn request(&self) -> Result<Request, Error> {
        let path = "/guardrails".to_owned();
        with_body(Method::Post, path, &self.body, OpClass::Create)
    }
    const ANSWER: Answered = Answered::Data;
}

/// `GET /guardrails/{id}` (404 also for a workspace's default guardrail never written).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetGuardrail {
    /// The guardrail.
    pub id: GuardrailId,
}

impl Endpoint for GetGuardrail {
    type Output = Guardrail;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Get, guardrail_path(&self.id, "")))
    }
    const ANSWER: Answered = Answered::Data;
}

/// `PATCH /guardrails/{id}`: also writes a workspace's default guardrail the first time.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateGuardrailRequest {
    /// The guardrail.
    pub id: GuardrailId,
    /// Only set fields are sent.
    pub body: UpdateGuardrail,
}

impl Endpoint for UpdateGuardrailRequest {
    type Output = Guardrail;
    fn request(&self) -> Result<Request, Error> {
        let path = guardrail_path(&self.id, "");
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Data;
}

/// `DELETE /guardrails/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteGuardrail {
    /// The guardrail.
    pub id: GuardrailId,
}

impl Endpoint for DeleteGuardrail {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Delete, guardrail_path(&self.id, "")))
    }
    const ANSWER: Answered = Answered::Nothing;
}

/// One page of a guardrail's assignments: `GET /guardrails/{id}/assignments/{keys|members}`.
macro_rules! assignment_list {
    ($(#[$doc:meta])* $t:ident, $tail:literal, $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $t {
            /// The guardrail.
            pub id: GuardrailId,
            /// Records to skip.
            pub offset: Option<u64>,
            /// 1..100.
            pub limit: Option<u32>,
        }

        impl $t {
            /// The first page of `id`'s list.
            pub fn new(id: impl Into<GuardrailId>) -> Self {
                Self {
                    id: id.into(),
                    offset: None,
                    limit: None,
                }
            }
        }

        impl Endpoint for $t {
            type Output = ListResponse<$item>;
            fn request(&self) -> Result<Request, Error> {
                page(guardrail_path(&self.id, $tail), self.offset, self.limit)
            }
            const ANSWER: Answered = Answered::Whole;
        }
        paged!($t, $item);
    };
}

assignment_list!(
    /// `GET /guardrails/{id}/assignments/keys`: the keys a guardrail governs.
    ListGuardrailKeys,
    "/assignments/keys",
    KeyAssignment
);
assignment_list!(
    /// `GET /guardrails/{id}/assignments/members`: the members a guardrail governs.
    ListGuardrailMembers,
    "/assignments/members",
    MemberAssignment
);

/// One bulk assignment request: `POST /guardrails/{id}/assignments/{keys|members}[/remove]`.
/// Safe to retry: assigning what is assigned (or removing what is not) changes nothing.
macro_rules! assignment_change {
    ($(#[$doc:meta])* $t:ident, $tail:literal, $body:ty, $out:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $t {
            /// The guardrail.
            pub id: GuardrailId,
            /// The identifiers, at least one.
            pub body: $body,
        }

        impl $t {
            /// The request for `body` on guardrail `id`.
            pub fn new(id: impl Into<GuardrailId>, body: $body) -> Self {
                Self { id: id.into(), body }
            }
        }

        impl Endpoint for $t {
            type Output = $out;
            fn request(&self) -> Result<Request, Error> {
                let path = guardrail_path(&self.id, $tail);
                with_body(Method::Post, path, &self.body, OpClass::Safe)
            }
            const ANSWER: Answered = Answered::Whole;
        }
    };
}

assignment_change!(
    /// `POST /guardrails/{id}/assignments/keys`: a key holds one guardrail, so this replaces
    /// any other the key held.
    AssignGuardrailKeys,
    "/assignments/keys",
    KeyHashes,
    Assigned
);
assignment_change!(
    /// `POST /guardrails/{id}/assignments/keys/remove`.
    UnassignGuardrailKeys,
    "/assignments/keys/remove",
    KeyHashes,
    Unassigned
);
assignment_change!(
    /// `POST /guardrails/{id}/assignments/members`.
    AssignGuardrailMembers,
    "/assignments/members",
    MemberUserIds,
    Assigned
);
assignment_change!(
    /// `POST /guardrails/{id}/assignments/members/remove`.
    UnassignGuardrailMembers,
    "/assignments/members/remove",
    MemberUserIds,
    Unassigned
);

/// `GET /guardrails/assignments/keys`: every key assignment of the organization.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListKeyAssignments {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListKeyAssignments {
    type Output = ListResponse<KeyAssignment>;
    fn request(&self) -> Result<Request, Error> {
        page(
            "/guardrails/assignments/keys".to_owned(),
            self.offset,
            self.limit,
        )
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListKeyAssignments, KeyAssignment);

/// `GET /guardrails/assignments/members`: every member assignment of the organization.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListMemberAssignments {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListMemberAssignments {
    type Output = ListResponse<MemberAssignment>;
    fn request(&self) -> Result<Request, Error> {
        page(
            "/guardrails/assignments/members".to_owned(),
            self.offset,
            self.limit,
        )
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListMemberAssignments, MemberAssignment);

impl CreateGuardrailRequest {
    /// `POST /guardrails` with `body`.
    pub fn new(body: CreateGuardrail) -> Self {
        Self { body }
    }
}

impl GetGuardrail {
    /// `GET /guardrails/{id}`.
    pub fn new(id: impl Into<GuardrailId>) -> Self {
        Self { id: id.into() }
    }
}

impl UpdateGuardrailRequest {
    /// `PATCH /guardrails/{id}` with `body`.
    pub fn new(id: impl Into<GuardrailId>, body: UpdateGuardrail) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

impl DeleteGuardrail {
    /// `DELETE /guardrails/{id}`.
    pub fn new(id: impl Into<GuardrailId>) -> Self {
        Self { id: id.into() }
    }
}

// --- credits and activity --------------------------------------------------------------------

get_data!(
    /// `GET /credits`: credits bought and used.
    GetCredits,
    "/credits",
    Credits
);

/// How many completed UTC days `GET /activity` covers.
pub const ACTIVITY_DAYS: i64 = 30;

/// `GET /activity`: the last 30 completed UTC days, by endpoint, every filter optional.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct GetActivity {
    /// One UTC day, `YYYY-MM-DD`, among the last 30 completed ones.
    pub date: Option<String>,
    /// One key, by hash.
    pub api_key_hash: Option<KeyHash>,
    /// One organization member.
    pub user_id: Option<UserId>,
    /// One workspace (UUID).
    pub workspace_id: Option<WorkspaceId>,
    /// Only `"workspace"`: split rows per workspace, each naming it.
    pub group_by: Option<String>,
}

impl GetActivity {
    /// Every broken filter, checked against the caller's clock (`today`, days since 1970).
    /// The messages are fixed text: formatting dates or names into them would cost the npm
    /// package's wasm more than it tells.
    pub fn check(&self, today: i64) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(date) = &self.date {
            match crate::time::parse_date(date) {
                None => errors.push(FieldError::new(
                    "date",
                    "format",
                    "date must be a UTC day written YYYY-MM-DD",
                )),
                Some(day) if day >= today || day < today - ACTIVITY_DAYS => {
                    errors.push(FieldError::new(
                        "date",
                        "range",
                        "date must be one of the last 30 completed UTC days",
                    ))
                }
                Some(_) => {}
            }
        }
        for (name, value, message) in [
            (
                "api_key_hash",
                self.api_key_hash.as_ref().map(KeyHash::as_str),
                "api_key_hash must not be empty",
            ),
            (
                "user_id",
                self.user_id.as_ref().map(UserId::as_str),
                "user_id must not be empty",
            ),
            (
                "workspace_id",
                self.workspace_id.as_ref().map(WorkspaceId::as_str),
                "workspace_id must not be empty",
            ),
        ] {
            if value.is_some_and(str::is_empty) {
                errors.push(FieldError::new(name, "required", message));
            }
        }
        if self.group_by.as_deref().is_some_and(|g| g != "workspace") {
            errors.push(FieldError::new(
                "group_by",
                "enum",
                "group_by must be \"workspace\"",
            ));
        }
        errors
    }
}

impl Endpoint for GetActivity {
    type Output = Vec<ActivityItem>;
    fn request(&self) -> Result<Request, Error> {
        let errors = self.check(crate::time::today());
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let mut query = Vec::new();
        param(&mut query, "date", self.date.clone());
        param(
            &mut query,
            "api_key_hash",
            self.api_key_hash.as_ref().map(|h| h.0.clone()),
        );
        param(
            &mut query,
            "user_id",
            self.user_id.as_ref().map(|u| u.0.clone()),
        );
        param(&mut query, "group_by", self.group_by.clone());
        param(
            &mut query,
            "workspace_id",
            self.workspace_id.as_ref().map(|w| w.0.clone()),
        );
        Ok(Request::of(
            Method::Get,
            "/activity".to_owned(),
            query,
            None,
            OpClass::Safe,
        ))
    }
    const ANSWER: Answered = Answered::Data;
}

// --- BYOK provider keys and observability destinations --------------------------------------

/// A list page filtered by workspace: `workspace_id` must be a UUID (these lists take no slug).
#[inline(never)]
fn workspace_page(
    path: &str,
    workspace_id: Option<&WorkspaceId>,
    offset: Option<u64>,
    limit: Option<u32>,
) -> Result<Request, Error> {
    if let Some(w) = workspace_id {
        let mut errors = Vec::new();
        crate::validate::check_workspace_uuid(&mut errors, w.as_str());
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
    }
    let mut r = page(path.to_owned(), offset, limit)?;
    param(
        &mut r.query,
        "workspace_id",
        workspace_id.map(|w| w.0.clone()),
    );
    Ok(r)
}

/// `GET /byok`: the Default workspace's BYOK credentials unless `workspace_id` is given.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListByokKeys {
    /// The workspace's UUID.
    pub workspace_id: Option<WorkspaceId>,
    /// Only this provider's credentials.
    pub provider: Option<ProviderSlug>,
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100 (server default 50).
    pub limit: Option<u32>,
}

impl Endpoint for ListByokKeys {
    type Output = ListResponse<ByokKey>;
    fn request(&self) -> Result<Request, Error> {
        let mut r = workspace_page("/byok", self.workspace_id.as_ref(), self.offset, self.limit)?;
        param(
            &mut r.query,
            "provider",
            self.provider.as_ref().map(|p| p.0.clone()),
        );
        Ok(r)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListByokKeys, ByokKey);

/// `POST /byok` (201). Retried only on 429. The provider key goes in the body only, never in
/// a URL, an error or `Debug`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateByokKeyRequest {
    /// Body.
    pub body: CreateByokKey,
}

impl Endpoint for CreateByokKeyRequest {
    type Output = ByokKey;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Post,
            "/byok".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
    const ANSWER: Answered = Answered::Data;
}

/// The path of one BYOK credential.
fn byok_path(id: &ByokKeyId) -> String {
    format!("/byok/{}", seg(id.as_str()))
}

/// `PATCH /byok/{id}` (safe to retry: absolute values).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateByokKeyRequest {
    /// UUID.
    pub id: ByokKeyId,
    /// Only set fields are sent.
    pub body: UpdateByokKey,
}

impl Endpoint for UpdateByokKeyRequest {
    type Output = ByokKey;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Patch,
            byok_path(&self.id),
            &self.body,
            OpClass::Safe,
        )
    }
    const ANSWER: Answered = Answered::Data;
}

/// `GET /observability/destinations`: the Default workspace's unless `workspace_id` is given.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListDestinations {
    /// The workspace's UUID.
    pub workspace_id: Option<WorkspaceId>,
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100 (server default 50).
    pub limit: Option<u32>,
}

impl Endpoint for ListDestinations {
    type Output = ListResponse<Destination>;
    fn request(&self) -> Result<Request, Error> {
        workspace_page(
            "/observability/destinations",
            self.workspace_id.as_ref(),
            self.offset,
            self.limit,
        )
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListDestinations, Destination);

/// `POST /observability/destinations` (201; a sixth of one type in a workspace is a 409).
/// Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateDestinationRequest {
    /// Body.
    pub body: CreateDestination,
}

impl Endpoint for CreateDestinationRequest {
    type Output = Destination;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Post,
            "/observability/destinations".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
    const ANSWER: Answered = Answered::Data;
}

/// The path of one destination.
fn destination_path(id: &DestinationId) -> String {
    format!("/observability/destinations/{}", seg(id.as_str()))
}

/// `GET` and `DELETE` of one resource by its id: both types, their constructors, and what
/// they answer (`{"data": ...}`, `{"deleted": true}`).
macro_rules! get_and_delete {
    ($get:ident, $delete:ident, $id:ty, $out:ty, $path:ident, $route:literal) => {
        #[doc = concat!("`GET ", $route, "`.")]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $get {
            /// UUID.
            pub id: $id,
        }

        impl $get {
            #[doc = concat!("`GET ", $route, "`.")]
            pub fn new(id: impl Into<$id>) -> Self {
                Self { id: id.into() }
            }
        }

        impl Endpoint for $get {
            type Output = $out;
            fn request(&self) -> Result<Request, Error> {
                Ok(Request::new(Method::Get, $path(&self.id)))
            }
            const ANSWER: Answered = Answered::Data;
        }

        #[doc = concat!("`DELETE ", $route, "`.")]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $delete {
            /// UUID.
            pub id: $id,
        }

        impl $delete {
            #[doc = concat!("`DELETE ", $route, "`.")]
            pub fn new(id: impl Into<$id>) -> Self {
                Self { id: id.into() }
            }
        }

        impl Endpoint for $delete {
            type Output = ();
            fn request(&self) -> Result<Request, Error> {
                Ok(Request::new(Method::Delete, $path(&self.id)))
            }
            const ANSWER: Answered = Answered::Nothing;
        }
    };
}

get_and_delete!(
    GetByokKey,
    DeleteByokKey,
    ByokKeyId,
    ByokKey,
    byok_path,
    "/byok/{id}"
);
get_and_delete!(
    GetDestination,
    DeleteDestination,
    DestinationId,
    Destination,
    destination_path,
    "/observability/destinations/{id}"
);

/// `PATCH /observability/destinations/{id}` (safe to retry: absolute values).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateDestinationRequest {
    /// UUID.
    pub id: DestinationId,
    /// Only set fields are sent.
    pub body: UpdateDestination,
}

impl Endpoint for UpdateDestinationRequest {
    type Output = Destination;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Patch,
            destination_path(&self.id),
            &self.body,
            OpClass::Safe,
        )
    }
    const ANSWER: Answered = Answered::Data;
}

impl CreateByokKeyRequest {
    /// `POST /byok` with `body`.
    pub fn new(body: CreateByokKey) -> Self {
        Self { body }
    }
}

impl UpdateByokKeyRequest {
    /// `PATCH /byok/{id}` with `body`.
    pub fn new(id: impl Into<ByokKeyId>, body: UpdateByokKey) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

impl CreateDestinationRequest {
    /// `POST /observability/destinations` with `body`.
    pub fn new(body: CreateDestination) -> Self {
        Self { body }
    }
}

impl UpdateDestinationRequest {
    /// `PATCH /observability/destinations/{id}` with `body`.
    pub fn new(id: impl Into<DestinationId>, body: UpdateDestination) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

// --- escape hatch ----------------------------------------------------------------------------

/// Any request: the escape hatch for operations this crate does not type (see
/// [`Client::request`](crate::Client::request)). Its body is JSON text, so bindings whose
/// callers hold bodies as text (`JSON.stringify`) link no `serde_json::Value` serializer.
/// Send it with `.send()` (decoded as `V`), [`Call::send_text`](crate::Call::send_text) or
/// [`Call::into_text_request`](crate::Call::into_text_request). Its class defaults by method
/// (POST = create, retried only on 429; DELETE = delete; else safe).
#[derive(Debug)]
#[non_exhaustive]
pub struct RawRequest<V = serde_json::Value> {
    /// Method.
    pub method: Method,
    /// Path below the base URL (as given, not re-encoded).
    pub path: String,
    /// Query, encoded when sent.
    pub query: Vec<(String, String)>,
    /// The body: JSON text, sent as `application/json`.
    pub body: Option<String>,
    /// Retry class.
    pub class: OpClass,
    _out: PhantomData<fn() -> V>,
}

impl<V> Clone for RawRequest<V> {
    fn clone(&self) -> Self {
        Self {
            method: self.method,
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            class: self.class,
            _out: PhantomData,
        }
    }
}

impl RawRequest {
    /// A request to `path` with no query and no body, answered as a `serde_json::Value`.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self::typed(method, path)
    }
}

impl<V> RawRequest<V> {
    /// [`new`](RawRequest::new), answered as `V`.
    pub fn typed(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            class: match method {
                Method::Post => OpClass::Create,
                Method::Delete => OpClass::Delete,
                _ => OpClass::Safe,
            },
            _out: PhantomData,
        }
    }
}

impl<V: DeserializeOwned> Endpoint for RawRequest<V> {
    type Output = V;
    const ANSWER: Answered = Answered::Any;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::of(
            self.method,
            self.path.clone(),
            self.query.clone(),
            self.body.clone(),
            self.class,
        ))
    }
}

// --- constructors ----------------------------------------------------------------------------
// The endpoint structs are `#[non_exhaustive]`, so that a new optional field is not a breaking
// change; code outside this crate builds them here (the lists without a required field have
// `Default`), then sets the optional fields it wants.

impl CreateWorkspaceRequest {
    /// `POST /workspaces` with `body`.
    pub fn new(body: CreateWorkspace) -> Self {
        Self { body }
    }
}

impl GetWorkspace {
    /// `GET /workspaces/{id}` (UUID or slug).
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
    }
}

impl UpdateWorkspaceRequest {
    /// `PATCH /workspaces/{id}` with `body`.
    pub fn new(id: impl Into<String>, body: UpdateWorkspace) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

impl DeleteWorkspace {
    /// `DELETE /workspaces/{id}`, refused (403) for the Default workspace.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            confirm_default_workspace_deletion: false,
        }
    }

    /// The same, confirming the deletion of the Default workspace should `id` be it (see
    /// [`confirm_default_workspace_deletion`](Self::confirm_default_workspace_deletion) for
    /// what that destroys).
    pub fn confirming_default(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            confirm_default_workspace_deletion: true,
        }
    }
}

impl ListMembers {
    /// `GET /workspaces/{workspace}/members`, first page, server page size.
    pub fn new(workspace: impl Into<String>) -> Self {
        Self {
            workspace: workspace.into(),
            offset: None,
            limit: None,
        }
    }
}

impl ListBudgets {
    /// `GET /workspaces/{workspace}/budgets`.
    pub fn new(workspace: impl Into<String>) -> Self {
        Self {
            workspace: workspace.into(),
        }
    }
}

impl GetBudget {
    /// `GET /workspaces/{workspace}/budgets/{interval}`.
    pub fn new(workspace: impl Into<String>, interval: Interval) -> Self {
        Self {
            workspace: workspace.into(),
            interval,
        }
    }
}

impl PutBudget {
    /// `PUT /workspaces/{workspace}/budgets/{interval}` with `body`.
    pub fn new(workspace: impl Into<String>, interval: Interval, body: UpsertBudget) -> Self {
        Self {
            workspace: workspace.into(),
            interval,
            body,
        }
    }
}

impl DeleteBudget {
    /// `DELETE /workspaces/{workspace}/budgets/{interval}`.
    pub fn new(workspace: impl Into<String>, interval: Interval) -> Self {
        Self {
            workspace: workspace.into(),
            interval,
        }
    }
}

impl CreateKeyRequest {
    /// `POST /keys` with `body`.
    pub fn new(body: CreateKey) -> Self {
        Self { body }
    }
}

impl GetKey {
    /// `GET /keys/{hash}`.
    pub fn new(hash: impl Into<KeyHash>) -> Self {
        Self { hash: hash.into() }
    }
}

impl UpdateKeyRequest {
    /// `PATCH /keys/{hash}` with `body`.
    pub fn new(hash: impl Into<KeyHash>, body: UpdateKey) -> Self {
        Self {
            hash: hash.into(),
            body,
        }
    }
}

impl DeleteKey {
    /// `DELETE /keys/{hash}`.
    pub fn new(hash: impl Into<KeyHash>) -> Self {
        Self { hash: hash.into() }
    }
}
