//! wasm-bindgen bindings of the openrouter-admin core: the npm package `openrouter-admin`.
//!
//! Two thin classes, `OpenRouterAdmin` and `WorkspaceSettings` (one wasm module, split in
//! chunks: [`split`](crate) says which), over [`openrouter_admin::Client`]: every method converts
//! its JavaScript arguments, forwards to the core (which validates, retries, pages, chunks
//! member changes, rotates and bulk-updates) and converts the answer back. Nothing here decides
//! anything the core could decide.
//!
//! Conventions the JavaScript side sees:
//! - method names are camelCase (`js_name`), the Rust names snake_case;
//! - OpenRouter's data (what the API sends or takes in a body) keeps OpenRouter's snake_case
//!   field names; the library's own options (`apiKey`, `signal`, `includeDisabled`) and the
//!   error's own properties (`retryAfterMs`, `fieldErrors`) are camelCase;
//! - every rejection is an `Error` named `OpenRouterError` with a `kind`;
//! - a wrong argument type is a `validation` error naming the argument, never a trap: every
//!   argument arrives as an untyped `JsValue` and is checked here.
//!
//! The TypeScript types are written by hand in [`types`](crate) (a `typescript_custom_section`)
//! and attached with `unchecked_param_type` / `unchecked_return_type`: the core's models carry
//! no tsify derive, and hand-written types add nothing to the wasm. `tsc --strict` checks them
//! against a consumer file in `cargo xtask test`.
//!
//! One job per file, and the path of a call through them:
//! - `class` (`OpenRouterAdmin`) and `settings` (`WorkspaceSettings`): the exported classes; each method names its operation (`client_op`'s
//!   `ClientOp`, `settings_op`'s `SettingsOp`) or calls a `composite`;
//! - `client_op`, `settings_op`: one op enum per class, whose one `match` reads a method's
//!   arguments into the core's endpoint;
//! - `dispatch`: what both op enums share: reads the options, builds the request and sends it,
//!   from one non-generic function (or walks a list from it);
//! - `composite`: the methods the core composes of several requests (reconcile, member
//!   changes, guardrail assignments, rotation, bulk);
//! - `enterprise`, `enterprise_op`: `OpenRouterAdmin`'s SCIM, analytics and feedback methods
//!   and their op enum, whose work is the enterprise chunk;
//! - `paginator`: a list's page stream as a JavaScript async iterator;
//! - `answer`: the answers shaped into the values the methods resolve to;
//! - `convert`: arguments and options read, futures turned into promises;
//! - `body`: request bodies read from JavaScript objects;
//! - `error`: the `OpenRouterError` rejections;
//! - `split`: the split points (what runs in the settings and composite chunks) and their
//!   load failures;
//! - `types`, `byok_types`, `enterprise_types`: the hand-written TypeScript (the second: BYOK
//!   keys and destinations; the third: SCIM, analytics, feedback);
//! - `glue.js`: the JavaScript half (argument copies, paginators), one module for both classes.
//!
//! Natively the crate is empty: everything here needs a JavaScript host.

#![warn(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod answer;
#[cfg(target_arch = "wasm32")]
mod body;
#[cfg(target_arch = "wasm32")]
mod byok_types;
#[cfg(target_arch = "wasm32")]
mod class;
#[cfg(target_arch = "wasm32")]
mod client_op;
#[cfg(target_arch = "wasm32")]
mod composite;
#[cfg(target_arch = "wasm32")]
mod convert;
#[cfg(target_arch = "wasm32")]
mod dispatch;
#[cfg(target_arch = "wasm32")]
mod enterprise;
#[cfg(target_arch = "wasm32")]
mod enterprise_op;
#[cfg(target_arch = "wasm32")]
mod enterprise_types;
#[cfg(target_arch = "wasm32")]
mod error;
#[cfg(target_arch = "wasm32")]
mod paginator;
#[cfg(target_arch = "wasm32")]
mod settings;
#[cfg(target_arch = "wasm32")]
mod settings_op;
#[cfg(target_arch = "wasm32")]
mod split;
#[cfg(target_arch = "wasm32")]
mod types;

#[cfg(target_arch = "wasm32")]
pub use class::OpenRouterAdmin;
#[cfg(target_arch = "wasm32")]
pub use settings::WorkspaceSettings;

// Talc instead of Rust's default dlmalloc: its wasm is about a KB where dlmalloc's is several,
// and the package has a gzip budget. The module has one thread (no `atomics`), which is what
// this allocator assumes.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
