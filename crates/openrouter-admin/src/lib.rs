//! # openrouter-admin
//!
//! A typed, retry-safe client for OpenRouter's management API — workspaces, their members
//! and budgets, API keys, organization members — for the browser (wasm32, `fetch`) and, with
//! a transport of your choosing, anywhere else. No tokio, no HTTP client of its own.
//!
//! ```no_run
//! use openrouter_admin::{Client, ManagementKey};
//! use openrouter_admin::models::{CreateKey, Interval, LimitReset};
//!
//! # async fn run() -> Result<(), openrouter_admin::Error> {
//! let client = Client::builder()
//!     .api_key("sk-or-v1-...")
//!     .base_url("https://openrouter.ai/api/v1")
//!     .timeout(std::time::Duration::from_secs(30))
//!     .max_retries(2)
//!     .build()?;
//!
//! let me = client.current_key().send().await?;
//! assert!(me.is_management_key);
//!
//! let ws = client.workspace("production").get().send().await?;
//! client.workspace(&ws.id).budgets().put(Interval::Monthly, 100.0).send().await?;
//! let created = client
//!     .keys()
//!     .create(CreateKey::new("ci").limit(10.0).limit_reset(LimitReset::Monthly).workspace_id(&ws.id))
//!     .send()
//!     .await?;
//! println!("shown once: {}", created.key.expose_secret());
//! # Ok(()) }
//! ```
//!
//! * One module per API area ([`areas`]: workspaces, members, budgets, keys, organization,
//!   usage, guardrails, byok, observability), each with its shapes, endpoints, rules and
//!   handler; [`api`], [`models`], [`validate`] and [`handlers`] re-export them by layer.
//! * Requests are data ([`api`]), request bodies declared once ([`body`]); one [`Client`]
//!   and one handler per resource ([`handlers`]: `client.workspaces()`, `client.keys()`, ...).
//! * Lists page by page or item by item ([`pagination`]).
//! * Request bodies are validated before sending ([`validate`]).
//! * One [`Error`] you question; retries by operation class, and the one retry loop
//!   ([`retry`]): creates are retried only on 429 and otherwise end in
//!   [`ErrorKind::OutcomeUnknown`], with reconcile helpers.
//! * Secrets are redacted in `Debug`/`Display` ([`secret`]).
#![warn(missing_docs)]

pub mod api;
pub mod areas;
pub mod body;
mod by_id;
mod checks;
pub mod client;
mod concurrency;
mod endpoint;
pub mod error;
mod fields;
pub mod findings;
pub mod handlers;
mod id_list;
mod json_reader;
mod json_writer;
pub mod jsonpath;
#[cfg(any(test, feature = "mock"))]
pub mod mock;
pub mod models;
pub mod orgfile;
mod paged;
pub mod pagination;
mod patch;
pub mod restrictions;
pub mod retry;
pub mod secret;
mod shapes;
pub mod time;
pub mod transport;
pub mod url;
pub mod validate;
mod views;

pub use client::{Call, Client, ClientBuilder, Config, TextRequest, DEFAULT_BASE_URL};
pub use error::{Error, ErrorKind, FieldError};
pub use models::{Interval, KeyHash, Patch, UserId, WorkspaceId};
pub use pagination::{Paginator, Paging};
pub use retry::{OpClass, RetryPolicy};
pub use secret::{ManagementKey, Secret};
pub use transport::{CancelSignal, FetchTransport, HttpRequest, HttpResponse, Method, Transport};
