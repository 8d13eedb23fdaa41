//! The reads of a workspace's guardrails: the list (the Guardrails tab's), and which guardrail
//! each key holds, the list and the organization's key assignments read together for the keys
//! table and a key's page.

use crate::services::every;
use crate::session::use_client;
use openrouter_admin::models::{Guardrail, GuardrailId};
use std::collections::HashMap;
use std::sync::Arc;

/// Every guardrail of a workspace, all pages.
pub async fn load_guardrails(
    ws_id: String,
    signal: openrouter_admin::CancelSignal,
) -> Result<Arc<Vec<Guardrail>>, openrouter_admin::Error> {
    let list = every(use_client()?.workspace(&ws_id).guardrails().list(), signal).await?;
    Ok(Arc::new(list))
}

/// The workspace's guardrails, and the guardrail each key holds (a key holds at most one).
#[derive(Clone, Default)]
pub struct KeyGuardrails {
    /// The workspace's guardrails.
    pub list: Arc<Vec<Guardrail>>,
    /// Key hash to the id of the guardrail it holds.
    by_key: Arc<HashMap<String, GuardrailId>>,
}

impl KeyGuardrails {
    /// The guardrail the key `hash` holds, if any.
    pub fn of(&self, hash: &str) -> Option<&Guardrail> {
        let id = self.by_key.get(hash)?;
        self.list.iter().find(|g| g.id == *id)
    }

    /// The name of the guardrail the key `hash` holds, or "none".
    pub fn name_of(&self, hash: &str) -> String {
        self.of(hash)
            .map(|g| g.name.clone())
            .unwrap_or_else(|| "none".into())
    }
}

/// Reads the guardrails of the workspace `ws_id` (its UUID) and every key assignment.
pub async fn load_key_guardrails(
    ws_id: String,
    signal: openrouter_admin::CancelSignal,
) -> Result<KeyGuardrails, openrouter_admin::Error> {
    let list = load_guardrails(ws_id, signal.clone()).await?;
    let assignments = use_client()?
        .guardrails()
        .key_assignments()
        .paginate()
        .signal(signal)
        .collect_all()
        .await?;
    let by_key = assignments
        .into_iter()
        .map(|a| (a.key_hash.as_str().to_string(), a.guardrail_id))
        .collect();
    Ok(KeyGuardrails {
        list,
        by_key: Arc::new(by_key),
    })
}
