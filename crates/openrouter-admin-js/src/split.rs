//! The split points of the package's one wasm module: what `OpenRouterAdmin` calls on every
//! request stays in the main module (`openrouter_admin_bg.wasm`), with the runtime both classes
//! share; `WorkspaceSettings`'s operations are in the settings chunk, the client's composites
//! (bulk, rotation, reconciles, member changes) in the composite chunk, each fetched and
//! instantiated into the same instance the first time a method needs it (`cargo xtask package`
//! splits the module after `cargo build`: `xtask/src/npm_split.rs`).
//!
//! A split function (`#[wasm_split(chunk, fallible)]`) becomes `async`: it awaits its chunk,
//! then runs in it. The methods stay synchronous and return their promise at once; a chunk
//! that does not load is that promise's `OpenRouterError` of kind `network`, and the next call
//! loads it again (failures are not remembered, neither here nor by the JavaScript loader).
//! Concurrent first calls share one load.

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use openrouter_admin::{Error, ErrorKind};
use wasm_bindgen::JsValue;
use wasm_split_helpers::SplitLoaderError;

use crate::convert::promise;
use crate::error::reject;

/// What a split function gives back: its result as a JavaScript value (a method's promise, a
/// paginator's parts), or the value its promise rejects with.
pub struct Rejection(pub JsValue);

impl From<SplitLoaderError> for Rejection {
    fn from(_: SplitLoaderError) -> Rejection {
        Rejection(reject(Error::new(
            ErrorKind::Network,
            "a part of the openrouter-admin module did not load (the console names the file); try again",
        )))
    }
}

impl From<JsValue> for Rejection {
    fn from(value: JsValue) -> Rejection {
        Rejection(value)
    }
}

/// A split function's future: it loads its chunk, then runs there.
pub type Loading = Pin<Box<dyn Future<Output = Result<JsValue, Rejection>>>>;

/// The promise of a method whose work is in a chunk: it resolves as the chunk's promise does
/// (a promise resolved with a promise follows it), or rejects with the chunk's load failure.
pub fn later(loading: Loading) -> Promise {
    promise(Box::pin(async move { loading.await.map_err(|r| r.0) }))
}
