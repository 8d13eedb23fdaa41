//! The paginator: a list's page stream, from the core, handed to JavaScript as a `Paginator`
//! (`for await` over items, or `.pages()`).
//!
//! The paging itself (offsets, stop rules, the loop guard) stays in the core; this file only
//! moves pages across, one per pull, so nothing is fetched ahead of the consumer.

use std::pin::Pin;

use futures_util::StreamExt;
use js_sys::{Function, Promise};
use openrouter_admin::Error;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::answer::{parse_answer, Shape};
use crate::convert::promise;
use crate::error::reject;

// The async-iterator protocol needs `[Symbol.asyncIterator]` and an async generator, which
// wasm-bindgen cannot export; these few lines of JavaScript adapt the core's page stream
// (driven from Rust by `walk`, one page per pull, so nothing is fetched ahead) to
// `for await`. The paging itself (offsets, stop rules, the loop guard) stays in the core.
#[wasm_bindgen(inline_js = r#"
async function* pull(walk) {
  let handoff, resume = null;
  let next = new Promise((r) => (handoff = r));
  const sink = (page) => new Promise((r) => {
    resume = r;
    const h = handoff;
    next = new Promise((r2) => (handoff = r2));
    h({ page });
  });
  walk(sink).then(() => handoff({ end: true }), (error) => handoff({ error, failed: true }));
  try {
    for (;;) {
      const got = await next;
      if (got.failed) throw got.error;
      if (got.end) return;
      yield got.page;
      const r = resume;
      resume = null;
      r(true);
    }
  } finally {
    if (resume) resume(false);
  }
}
export function paginator(walk) {
  let used = false;
  const start = () => {
    if (used) throw new TypeError("this paginator was already iterated; call the list method again");
    used = true;
    return pull(walk);
  };
  return {
    pages() {
      return { [Symbol.asyncIterator]: start };
    },
    async *[Symbol.asyncIterator]() {
      for await (const page of { [Symbol.asyncIterator]: start }) yield* page.data;
    },
  };
}
"#)]
extern "C" {
    /// Wraps a `walk(sink)` function into a `Paginator` (items and `pages()`).
    fn paginator(walk: JsValue) -> JsValue;
}

/// The boxed page stream every paginator walks.
pub type Pages<'a> = Pin<Box<dyn futures_util::Stream<Item = Result<String, Error>> + 'a>>;

/// Drives one of the core's page streams for the JS `paginator`: hands each page to `sink`
/// and waits for the consumer to ask for the next (`true`) or stop (`false`).
async fn walk(mut pages: Pages<'_>, sink: Function) -> Result<JsValue, JsValue> {
    while let Some(page) = pages.next().await {
        let page = parse_answer(&page.map_err(reject)?, Shape::Whole)?;
        let more = JsFuture::from(Promise::from(sink.call1(&JsValue::UNDEFINED, &page)?)).await?;
        if !more.is_truthy() {
            break;
        }
    }
    Ok(JsValue::UNDEFINED)
}

/// Wraps a page stream as a JS `Paginator`, which [`walk`]s it once iterated. Not generic:
/// every list shares one closure and one walk future.
pub fn make_paginator(pages: Pages<'static>) -> JsValue {
    paginator(Closure::once_into_js(move |sink: Function| {
        promise(Box::pin(walk(pages, sink)))
    }))
}
