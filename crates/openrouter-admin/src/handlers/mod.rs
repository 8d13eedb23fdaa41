//! One handler per resource (octocrab style), each in its area's `handler.rs` (re-exported here):
//! `client.workspaces()`, `client.workspace(id)`, `client.workspace(id).members()`,
//! `client.workspace(id).budgets()`, `client.keys()`, `client.key(&hash)`,
//! `client.current_key()`, `client.organization()`, `client.credits()`, `client.activity()`,
//! `client.guardrails()`, `client.guardrail(id)`, `client.workspace(uuid).guardrails()`,
//! `client.workspace(uuid).byok()`, `client.byok_key(id)`,
//! `client.workspace(uuid).destinations()`, `client.destination(id)`, `client.scim()`,
//! `client.scim_mapping(id)`, `client.scim_sync_job(id)`, `client.analytics()`,
//! `client.feedback(body)`. The composites the
//! handlers share live here: `batch` (member changes and guardrail assignments in chunks),
//! `reconcile` (the settings' lost-answer search), `snapshot` (the whole organization read).

pub(crate) mod batch;
pub(crate) mod reconcile;
pub(crate) mod snapshot;

pub use crate::areas::{
    analytics::handler::*, budgets::handler::*, byok::handler::*, guardrails::handler::*,
    keys::handler::*, members::handler::*, observability::handler::*, organization::handler::*,
    scim::handler::*, workspaces::handler::*,
};
pub use reconcile::ReconcileCreated;
pub use snapshot::{Progress, ReadOrganization, ReadRest};
