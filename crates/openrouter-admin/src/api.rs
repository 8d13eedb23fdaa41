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

pub use crate::areas::{
    analytics::endpoints::*, budgets::endpoints::*, byok::endpoints::*, feedback::endpoints::*,
    guardrails::endpoints::*, keys::endpoints::*, members::endpoints::*,
    observability::endpoints::*, organization::endpoints::*, scim::endpoints::*,
    usage::endpoints::*, workspaces::endpoints::*,
};
pub use crate::endpoint::*;
