//! The paginator: a list's page stream, from the core, handed to JavaScript as a `Paginator`
//! (`for await` over items, or `.pages()`).
//!
//! The paging itself (offsets, stop rules, the loop guard) stays in the core; this file only
//! moves pages across, one per pull, so nothing is fetched ahead of the consumer. Only
//! `collectAll()` fetches ahead: the pages after the first at once, when their count is known.

use std::pin::Pin;

use futures_util::StreamExt;
use js_sys::{Function, Promise};
use openrouter_admin::api::Request;
use openrouter_admin::{CancelSignal, Client, Error};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use openrouter_admin::api::Answered;

use crate::answer::parse_answer;
use crate::convert::promise;
use crate::error::reject;

// The async-iterator adapter over the core's page stream is JavaScript (`glue.js` says why).
#[wasm_bindgen(module = "/src/glue.js")]
extern "C" {
    /// Wraps a `walk(sink)` function into a `Paginator` (items, `pages()`, `collectAll()`);
    /// `page_at(offset)`, when the list takes offsets, fetches one page for `collectAll`.
    fn paginator(walk: JsValue, page_at: JsValue, offset: f64) -> JsValue;
    /// A `Paginator` that rejects with `error` when first pulled.
    fn failed(error: &JsValue) -> JsValue;
    /// A `Paginator` over the parts `ready` resolves to (`[walk, pageAt, offset]`).
    fn later(ready: &Promise) -> JsValue;
}

/// The boxed page stream every paginator walks.
pub type Pages<'a> = Pin<Box<dyn futures_util::Stream<Item = Result<String, Error>> + 'a>>;

/// Drives one of the core's page streams for the JS `paginator`: hands each page to `sink`
/// and waits for the consumer to ask for the next (`true`) or stop (`false`).
async fn walk(mut pages: Pages<'_>, sink: Function) -> Result<JsValue, JsValue> {
    while let Some(page) = pages.next().await {
        let page = parse_answer(&page.map_err(reject)?, Answered::Whole)?;
        let more = JsFuture::from(Promise::from(sink.call1(&JsValue::UNDEFINED, &page)?)).await?;
        if !more.is_truthy() {
            break;
        }
    }
    Ok(JsValue::UNDEFINED)
}

/// The first page's request of a list that takes an offset, for `collectAll`: it fetches the
/// pages after the first at once when the list gives a `total_count`.
pub struct PageAt {
    /// The client to send with.
    pub client: Client,
    /// The first page's request (its `offset` is replaced for each page).
    pub first: Request,
    /// The call's cancel handle.
    pub signal: Option<CancelSignal>,
    /// The first page's offset.
    pub offset: u64,
}

/// `pageAt(offset)` for the JS `collectAll`: the page at `offset`, parsed.
fn page_at(at: PageAt) -> JsValue {
    let PageAt {
        client,
        first,
        signal,
        ..
    } = at;
    let fetch = move |offset: f64| {
        let mut request = first.clone();
        request.set_offset(offset as u64);
        let call = client.text_request(Ok(request), signal.clone());
        promise(Box::pin(async move {
            parse_answer(&call.send().await.map_err(reject)?, Answered::Whole)
        }))
    };
    Closure::<dyn Fn(f64) -> Promise>::new(fetch).into_js_value()
}

/// Wraps a page stream as a JS `Paginator`, which [`walk`]s it once iterated. Not generic:
/// every list shares one closure and one walk future.
pub fn make_paginator(pages: Pages<'static>, at: Option<PageAt>) -> JsValue {
    let (walk, page_at, offset) = parts(pages, at);
    paginator(walk, page_at, offset)
}

/// What [`make_paginator`] hands the JS `paginator`, as one array `[walk, pageAt, offset]`:
/// what a settings chunk gives back to a paginator that already exists ([`later_paginator`]).
pub fn paginator_parts(pages: Pages<'static>, at: Option<PageAt>) -> JsValue {
    let (walk, page_at, offset) = parts(pages, at);
    js_sys::Array::of3(&walk, &page_at, &JsValue::from_f64(offset)).into()
}

/// The `walk` closure, the `pageAt` closure (or `null`) and the first page's offset.
fn parts(pages: Pages<'static>, at: Option<PageAt>) -> (JsValue, JsValue, f64) {
    let offset = at.as_ref().map_or(0.0, |at| at.offset as f64);
    (
        Closure::once_into_js(move |sink: Function| promise(Box::pin(walk(pages, sink)))),
        at.map_or(JsValue::NULL, page_at),
        offset,
    )
}

/// A `Paginator` at once, whose first pull waits for `ready` (the promise of its
/// [`paginator_parts`]) and rejects with its rejection.
pub fn later_paginator(ready: &Promise) -> JsValue {
    later(ready)
}

/// A `Paginator` whose first pull (and `collectAll`) rejects with `error`: a paginator method
/// never throws, like every other method.
pub fn failed_paginator(error: JsValue) -> JsValue {
    failed(&error)
}
