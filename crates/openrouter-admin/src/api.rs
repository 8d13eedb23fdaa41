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

pub use crate::areas::budgets::endpoints::*;
pub use crate::areas::byok::endpoints::*;
pub use crate::areas::guardrails::endpoints::*;
pub use crate::areas::keys::endpoints::*;
pub use crate::areas::members::endpoints::*;
pub use crate::areas::observability::endpoints::*;
pub use crate::areas::organization::endpoints::*;
pub use crate::areas::usage::endpoints::*;
pub use crate::areas::workspaces::endpoints::*;
pub use crate::endpoint::*;
