//! The dispatcher: every method of one operation, from its arguments and options to the core's
//! request, sent from one place; a list's paginator walks from the same request.
//!
//! Each class has one op enum ([`ClientOp`](crate::client_op::ClientOp) for `OpenRouterAdmin`,
//! [`SettingsOp`](crate::settings_op::SettingsOp) for `WorkspaceSettings`) whose variants name
//! their JavaScript arguments and whose one `match` ([`Operation::call`]) reads each into its
//! Rust type right there (`idOrSlug` into a `String`, `patch` into an `UpdateKey`), so an
//! argument is read once, in the order the method takes them, after the options. Reading them
//! earlier, in the class, into an enum of Rust values, was measured: it copies every body once
//! more on its way and costs about 1.2 KB of the gzip wasm.
//!
//! Size matters here (the package has a gzip budget), which shapes the code:
//! - one non-generic [`send`] serves every one-request method of both classes (the op comes in
//!   as `&dyn Operation`): it builds the endpoint as the data it is (`api`) and sends it as the
//!   core's text request, one future type for all of them, whose answer's JSON text goes to
//!   `JSON.parse` untouched, so no model decoder is linked;
//! - [`pages`] serves every paginator from the same `call`: a list's arm gives its first
//!   request and its [`Paging`] ([`list`]), and the core walks every list with one closure
//!   (`Client::text_pages`), so a list costs its arm and nothing more (each list had a
//!   paging arm of its own, ~400 B of wasm per list, before);
//! - the endpoints are built directly, not through the fluent handlers, whose per-step clones
//!   would be repeated in every arm of the match.

use js_sys::Promise;
use openrouter_admin::api::{Answered, Endpoint, PagedEndpoint, Request};
use openrouter_admin::{CancelSignal, Client, Error, ErrorKind, Paging};
use wasm_bindgen::JsValue;

use crate::answer::parse_answer;
use crate::convert::{promise, segment_arg, Options};
use crate::error::reject;
use crate::paginator::{failed_paginator, make_paginator, paginator_parts, PageAt, Pages};

/// One class's operations: each names its JavaScript arguments, and [`call`](Self::call)
/// reads them (after `options`) into the core's request.
pub trait Operation {
    /// The request this operation sends, read from its arguments and the parsed `options`.
    fn call(&self, o: &Options) -> Result<Call, JsValue>;
}

/// What an operation's arm gives: its request (a validation failure included, which sending
/// then returns), for a list how it pages, and which part of the answer the method resolves to.
pub struct Call {
    request: Result<Request, Error>,
    paging: Option<Paging>,
    answer: Answered,
}

/// An arm of one request, resolving to the part of the answer the endpoint says
/// ([`Endpoint::ANSWER`]).
pub fn one<E: Endpoint>(endpoint: E) -> Call {
    Call {
        request: endpoint.request(),
        paging: None,
        answer: E::ANSWER,
    }
}

/// A list's arm: its first page's request, and how it pages. Generic, but only the request
/// and three numbers per list: the walk itself is shared (`Client::text_pages`). Its one-page
/// method resolves to what the endpoint says: the whole page (`{ data, total_count }`).
pub fn list<E: PagedEndpoint>(list: E) -> Call {
    Call {
        paging: Some(Paging::of(&list)),
        request: list.request(),
        answer: E::ANSWER,
    }
}

/// `options` checked, its signal read, then the operation's arguments.
fn build(op: &dyn Operation, options: &JsValue) -> Result<(Call, Option<CancelSignal>), JsValue> {
    let o = Options::parse(options)?;
    let signal = o.signal()?;
    Ok((op.call(&o)?, signal))
}

/// Every one-request method: checks `options`, then the method's arguments (the first bad
/// one as a rejection value), then sends. One function for all of them, instead of one
/// inlined copy of the option, signal and promise handling per method (~2 KB of the gzip
/// wasm).
#[inline(never)]
pub fn send(client: &Client, op: &dyn Operation, options: &JsValue) -> Promise {
    match build(op, options) {
        Err(e) => Promise::reject(&e),
        Ok((call, signal)) => {
            let request = client.text_request(call.request, signal);
            let answer = call.answer;
            promise(Box::pin(async move {
                let body = request.send().await.map_err(reject)?;
                parse_answer(&body, answer)
            }))
        }
    }
}

/// Every paginator method of `OpenRouterAdmin`: checks `options`, then the list's arguments, and
/// returns a `Paginator` that walks the list page by page as JavaScript iterates. One walk
/// serves every list: the core's, from the first page's request ([`list`]). A bad argument
/// never throws: the paginator's first pull (and `collectAll`) rejects with it.
#[inline(never)]
pub fn pages(client: &Client, op: &dyn Operation, options: &JsValue) -> JsValue {
    match walk(client, op, options) {
        Ok((pages, at)) => make_paginator(pages, at),
        Err(e) => failed_paginator(e),
    }
}

/// The same for `WorkspaceSettings`, whose paginator exists before its chunk does: the
/// paginator's parts, which its first pull waits for (`paginator::later_paginator`).
pub fn page_parts(
    client: &Client,
    op: &dyn Operation,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let (pages, at) = walk(client, op, options)?;
    Ok(paginator_parts(pages, at))
}

/// A list's page stream and, when `collectAll` may fetch ahead, its first page's request.
fn walk(
    client: &Client,
    op: &dyn Operation,
    options: &JsValue,
) -> Result<(Pages<'static>, Option<PageAt>), JsValue> {
    let (call, signal) = build(op, options)?;
    // The classes call this with list operations only.
    let Some(paging) = call.paging else {
        return Err(reject(Error::new(ErrorKind::Unsupported, "not a list")));
    };
    let request = call.request;
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
    Ok((Box::pin(pages), at))
}

/// A list endpoint with its `limit` and `offset` options set (`paged!(endpoint, o)`): every
/// list but `GET /keys` (fixed pages, `offset` alone) takes both.
macro_rules! paged {
    ($endpoint:expr, $o:expr) => {{
        let mut endpoint = $endpoint;
        (endpoint.limit, endpoint.offset) = $crate::dispatch::page_args($o)?;
        endpoint
    }};
}
pub(crate) use paged;

/// The `limit` and `offset` options of a list.
pub fn page_args(o: &Options) -> Result<(Option<u32>, Option<u64>), JsValue> {
    Ok((
        o.integer("limit", 1_000_000_000)?.map(|n| n as u32),
        offset_arg(o)?,
    ))
}

/// The `offset` option of a list.
pub fn offset_arg(o: &Options) -> Result<Option<u64>, JsValue> {
    Ok(o.integer("offset", 9_000_000_000_000_000)?
        .map(|n| n as u64))
}

/// An id argument named `id` (a guardrail's, a BYOK credential's, a destination's: a UUID;
/// any string goes in the path, encoded).
pub fn id_arg(value: &JsValue) -> Result<String, JsValue> {
    segment_arg(value, "id")
}
