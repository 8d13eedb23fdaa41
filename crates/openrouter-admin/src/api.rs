//! Requests as data: one type per operation, saying its method, path, query, body, retry
//! class and answer type. Testable without any I/O:
//!
//! ```
//! use openrouter_admin::api::{Endpoint, ListKeys};
//! use openrouter_admin::Method;
//! let mut req = ListKeys::default();
//! req.offset = Some(100);
//! req.include_disabled = Some(true);
//! assert_eq!(req.method(), Method::Get);
//! assert_eq!(req.path(), "/keys");
//! assert_eq!(req.query(), vec![("offset".to_string(), "100".to_string()), ("include_disabled".to_string(), "true".to_string())]);
//! ```

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Error;
use crate::models::*;
use crate::retry::OpClass;
use crate::transport::Method;
use crate::url::encode_component;
use crate::validate::Validate;

/// One operation of the API.
pub trait Endpoint {
    /// The wire shape of the 2xx answer.
    type Response: DeserializeOwned;
    /// What the call returns (often the `data` inside `Response`).
    type Output;
    /// HTTP method.
    fn method(&self) -> Method;
    /// Path below the base URL, segments percent-encoded.
    fn path(&self) -> String;
    /// Query parameters.
    fn query(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// JSON body.
    fn body(&self) -> Option<serde_json::Value> {
        None
    }
    /// The JSON body as the text that goes on the wire. Endpoints with a typed body serialize
    /// it straight to text: no `serde_json::Value` in between, whose serializer would
    /// otherwise be linked into every wasm build. The default renders [`body`](Self::body).
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        self.body().map(|v| serde_json::to_string(&v))
    }
    /// Retry class.
    fn class(&self) -> OpClass {
        match self.method() {
            Method::Delete => OpClass::Delete,
            _ => OpClass::Safe,
        }
    }
    /// Checks the body; nothing is sent if this fails.
    fn validate(&self) -> Result<(), Error> {
        Ok(())
    }
    /// Whether the answer must be kept out of error messages (it carries a secret).
    fn redact_response(&self) -> bool {
        false
    }
    /// Turns the wire answer into the output.
    fn output(r: Self::Response) -> Self::Output;
}

/// A list endpoint that pages by `offset`.
pub trait PagedEndpoint:
    Endpoint<Response = ListResponse<Self::Item>, Output = ListResponse<Self::Item>> + Clone
{
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

fn to_value<B: Serialize>(b: &B) -> Option<serde_json::Value> {
    serde_json::to_value(b).ok()
}

fn seg(s: &str) -> String {
    encode_component(s)
}

fn offset_limit(offset: Option<u64>, limit: Option<u32>) -> Vec<(String, String)> {
    let mut q = Vec::new();
    if let Some(o) = offset {
        q.push(("offset".to_owned(), o.to_string()));
    }
    if let Some(l) = limit {
        q.push(("limit".to_owned(), l.to_string()));
    }
    q
}

fn check_limit(limit: Option<u32>) -> Result<(), Error> {
    match limit {
        Some(l) if !(1..=100).contains(&l) => {
            Err(Error::validation(vec![crate::error::FieldError::new(
                "limit",
                "range",
                "limit must be between 1 and 100",
            )]))
        }
        _ => Ok(()),
    }
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
    type Response = ListResponse<Workspace>;
    type Output = ListResponse<Workspace>;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        "/workspaces".to_owned()
    }
    fn query(&self) -> Vec<(String, String)> {
        offset_limit(self.offset, self.limit)
    }
    fn validate(&self) -> Result<(), Error> {
        check_limit(self.limit)
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = DataResponse<Workspace>;
    type Output = Workspace;
    fn method(&self) -> Method {
        Method::Post
    }
    fn path(&self) -> String {
        "/workspaces".to_owned()
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn class(&self) -> OpClass {
        OpClass::Create
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn output(r: Self::Response) -> Self::Output {
        r.data
    }
}

/// `GET /workspaces/{id}` (id or slug).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetWorkspace {
    /// UUID or slug.
    pub id: String,
}

impl Endpoint for GetWorkspace {
    type Response = DataResponse<Workspace>;
    type Output = Workspace;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        format!("/workspaces/{}", seg(&self.id))
    }
    fn output(r: Self::Response) -> Self::Output {
        r.data
    }
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
    type Response = DataResponse<Workspace>;
    type Output = Workspace;
    fn method(&self) -> Method {
        Method::Patch
    }
    fn path(&self) -> String {
        format!("/workspaces/{}", seg(&self.id))
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn output(r: Self::Response) -> Self::Output {
        r.data
    }
}

/// `DELETE /workspaces/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteWorkspace {
    /// UUID or slug.
    pub id: String,
}

impl Endpoint for DeleteWorkspace {
    type Response = Deleted;
    type Output = ();
    fn method(&self) -> Method {
        Method::Delete
    }
    fn path(&self) -> String {
        format!("/workspaces/{}", seg(&self.id))
    }
    fn output(_: Self::Response) -> Self::Output {}
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
    type Response = ListResponse<WorkspaceMember>;
    type Output = ListResponse<WorkspaceMember>;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        format!("/workspaces/{}/members", seg(&self.workspace))
    }
    fn query(&self) -> Vec<(String, String)> {
        offset_limit(self.offset, self.limit)
    }
    fn validate(&self) -> Result<(), Error> {
        check_limit(self.limit)
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = MembersAdded;
    type Output = MembersAdded;
    fn method(&self) -> Method {
        Method::Post
    }
    fn path(&self) -> String {
        format!("/workspaces/{}/members/add", seg(&self.workspace))
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = MembersRemoved;
    type Output = MembersRemoved;
    fn method(&self) -> Method {
        Method::Post
    }
    fn path(&self) -> String {
        format!("/workspaces/{}/members/remove", seg(&self.workspace))
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = BudgetList;
    type Output = BudgetList;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        format!("/workspaces/{}/budgets", seg(&self.workspace))
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = BudgetResponse;
    type Output = BudgetResponse;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        format!(
            "/workspaces/{}/budgets/{}",
            seg(&self.workspace),
            self.interval
        )
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = BudgetResponse;
    type Output = BudgetResponse;
    fn method(&self) -> Method {
        Method::Put
    }
    fn path(&self) -> String {
        format!(
            "/workspaces/{}/budgets/{}",
            seg(&self.workspace),
            self.interval
        )
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = Deleted;
    type Output = ();
    fn method(&self) -> Method {
        Method::Delete
    }
    fn path(&self) -> String {
        format!(
            "/workspaces/{}/budgets/{}",
            seg(&self.workspace),
            self.interval
        )
    }
    fn output(_: Self::Response) -> Self::Output {}
}

// --- keys ------------------------------------------------------------------------------------

/// `GET /key`: the calling key (works with any key).
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct GetCurrentKey;

impl Endpoint for GetCurrentKey {
    type Response = DataResponse<CurrentKey>;
    type Output = CurrentKey;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        "/key".to_owned()
    }
    fn output(r: Self::Response) -> Self::Output {
        r.data
    }
}

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
    type Response = ListResponse<ApiKey>;
    type Output = ListResponse<ApiKey>;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        "/keys".to_owned()
    }
    fn query(&self) -> Vec<(String, String)> {
        let mut q = Vec::new();
        if let Some(o) = self.offset {
            q.push(("offset".to_owned(), o.to_string()));
        }
        if let Some(d) = self.include_disabled {
            q.push(("include_disabled".to_owned(), d.to_string()));
        }
        if let Some(w) = &self.workspace_id {
            q.push(("workspace_id".to_owned(), w.0.clone()));
        }
        q
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
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
    type Response = CreatedKey;
    type Output = CreatedKey;
    fn method(&self) -> Method {
        Method::Post
    }
    fn path(&self) -> String {
        "/keys".to_owned()
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn class(&self) -> OpClass {
        OpClass::Create
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn redact_response(&self) -> bool {
        true
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
}

/// `GET /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetKey {
    /// Key hash.
    pub hash: KeyHash,
}

impl Endpoint for GetKey {
    type Response = DataResponse<ApiKey>;
    type Output = ApiKey;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        format!("/keys/{}", seg(self.hash.as_str()))
    }
    fn output(r: Self::Response) -> Self::Output {
        r.data
    }
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
    type Response = DataResponse<ApiKey>;
    type Output = ApiKey;
    fn method(&self) -> Method {
        Method::Patch
    }
    fn path(&self) -> String {
        format!("/keys/{}", seg(self.hash.as_str()))
    }
    fn body(&self) -> Option<serde_json::Value> {
        to_value(&self.body)
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        Some(Ok(self.body.to_json()))
    }
    fn validate(&self) -> Result<(), Error> {
        self.body.validate()
    }
    fn output(r: Self::Response) -> Self::Output {
        r.data
    }
}

/// `DELETE /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteKey {
    /// Key hash.
    pub hash: KeyHash,
}

impl Endpoint for DeleteKey {
    type Response = Deleted;
    type Output = ();
    fn method(&self) -> Method {
        Method::Delete
    }
    fn path(&self) -> String {
        format!("/keys/{}", seg(self.hash.as_str()))
    }
    fn output(_: Self::Response) -> Self::Output {}
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
    type Response = ListResponse<OrganizationMember>;
    type Output = ListResponse<OrganizationMember>;
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        "/organization/members".to_owned()
    }
    fn query(&self) -> Vec<(String, String)> {
        offset_limit(self.offset, self.limit)
    }
    fn validate(&self) -> Result<(), Error> {
        check_limit(self.limit)
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
}
paged!(ListOrganizationMembers, OrganizationMember);

// --- escape hatch ----------------------------------------------------------------------------

/// Any request, typed as the caller likes (see [`Client::request`](crate::Client::request)).
/// POSTs count as creates (retried only on 429) unless [`class`](Self::class) says otherwise.
#[derive(Debug)]
#[non_exhaustive]
pub struct RawRequest<V> {
    /// Method.
    pub method: Method,
    /// Path below the base URL (as given, not re-encoded).
    pub path: String,
    /// Query.
    pub query: Vec<(String, String)>,
    /// Body.
    pub body: Option<serde_json::Value>,
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

impl<V> RawRequest<V> {
    /// A raw request. The class defaults by method (POST = create, DELETE = delete, else safe).
    pub fn new(
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Self {
        let class = match method {
            Method::Post => OpClass::Create,
            Method::Delete => OpClass::Delete,
            _ => OpClass::Safe,
        };
        Self {
            method,
            path: path.to_owned(),
            query: query
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body,
            class,
            _out: PhantomData,
        }
    }
}

impl<V: DeserializeOwned> Endpoint for RawRequest<V> {
    type Response = V;
    type Output = V;
    fn method(&self) -> Method {
        self.method
    }
    fn path(&self) -> String {
        self.path.clone()
    }
    fn query(&self) -> Vec<(String, String)> {
        self.query.clone()
    }
    fn body(&self) -> Option<serde_json::Value> {
        self.body.clone()
    }
    fn class(&self) -> OpClass {
        self.class
    }
    fn output(r: Self::Response) -> Self::Output {
        r
    }
}

/// Any request whose body is already JSON text, answered as JSON text: the escape hatch for
/// bindings, whose callers hold their bodies as text (`JSON.stringify`). Unlike
/// [`RawRequest`] it carries no `serde_json::Value`, so a wasm build that only sends text
/// links no `Value` serializer. Send it with [`Call::send_text`](crate::Call::send_text) or
/// [`Call::into_text_request`](crate::Call::into_text_request); its class defaults by method
/// as [`RawRequest`]'s does.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RawTextRequest {
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
}

impl RawTextRequest {
    /// A request to `path` with no query and no body; the class defaults by method (POST =
    /// create, DELETE = delete, else safe).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let class = match method {
            Method::Post => OpClass::Create,
            Method::Delete => OpClass::Delete,
            _ => OpClass::Safe,
        };
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            class,
        }
    }
}

impl Endpoint for RawTextRequest {
    /// Only for [`Call::send`](crate::Call::send); the text calls never decode it.
    type Response = serde_json::Value;
    type Output = serde_json::Value;
    fn method(&self) -> Method {
        self.method
    }
    fn path(&self) -> String {
        self.path.clone()
    }
    fn query(&self) -> Vec<(String, String)> {
        self.query.clone()
    }
    fn body_text(&self) -> Option<Result<String, serde_json::Error>> {
        self.body.clone().map(Ok)
    }
    fn class(&self) -> OpClass {
        self.class
    }
    fn output(r: Self::Response) -> Self::Output {
        r
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
    /// `DELETE /workspaces/{id}`.
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
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
