//! The machinery every endpoint shares: a [`Request`] as data, the [`Answer`] it gets and which
//! part of it it returns ([`Answered`]), the [`Endpoint`] and [`PagedEndpoint`] traits, the page
//! and body builders and the macros that declare the common shapes of endpoint; [`RawRequest`],
//! the escape hatch. Each area's endpoints are in `areas/<area>/endpoints.rs`.
//!
//! The endpoint structs are `#[non_exhaustive]`, so that a new optional field is not a breaking
//! change; code outside this crate builds one with the constructor beside it (the lists without
//! a required field have `Default`), then sets the optional fields it wants.

use crate::body::WireBody;
use crate::checks::Validate;
use crate::error::{Error, FieldError};
use crate::retry::OpClass;
use crate::shapes::{DataResponse, Deleted, ListResponse, WorkspaceId};
use crate::transport::Method;
use crate::url::encode_component;
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::marker::PhantomData;

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
    pub(crate) fn of(
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
pub(crate) fn page(
    path: String,
    offset: Option<u64>,
    limit: Option<u32>,
) -> Result<Request, Error> {
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
pub(crate) fn param(query: &mut Vec<(String, String)>, key: &str, value: Option<String>) {
    if let Some(v) = value {
        query.push((key.to_owned(), v));
    }
}

/// A request with a body, validated first: nothing is sent if it fails.
pub(crate) fn with_body<B: Validate + WireBody>(
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

pub(crate) fn seg(s: &str) -> String {
    encode_component(s)
}

/// An operation's type and its [`Endpoint`] impl, declared once: its doc, its fields (each with
/// its doc), which part of the answer it returns and as what (`answers Data: Workspace;`, see
/// [`Answered`]), and the body of its `request`. The struct is `#[non_exhaustive]` (build it with
/// the constructor beside it); add `#[derive(Default)]` among the docs for a list without a
/// required field.
macro_rules! endpoint {
    (
        $(#[$doc:meta])*
        $t:ident { $($(#[$fdoc:meta])* $field:ident: $fty:ty),* $(,)? }
        answers $answer:ident: $out:ty;
        request($s:ident) $body:block
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $t {
            $($(#[$fdoc])* pub $field: $fty,)*
        }

        impl $crate::endpoint::Endpoint for $t {
            type Output = $out;
            fn request(&$s) -> Result<$crate::endpoint::Request, $crate::error::Error> $body
            const ANSWER: $crate::endpoint::Answered = $crate::endpoint::Answered::$answer;
        }
    };
}
pub(crate) use endpoint;

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
pub(crate) use get_data;

/// A list page filtered by workspace: `workspace_id` must be a UUID (these lists take no slug).
#[inline(never)]
pub(crate) fn workspace_page(
    path: &str,
    workspace_id: Option<&WorkspaceId>,
    offset: Option<u64>,
    limit: Option<u32>,
) -> Result<Request, Error> {
    if let Some(w) = workspace_id {
        let mut errors = Vec::new();
        crate::checks::check_workspace_uuid(&mut errors, w.as_str());
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
pub(crate) use get_and_delete;

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
