//! The usage area's shapes.

use crate::shapes::WorkspaceId;
use serde::{Deserialize, Serialize};

/// `GET /credits` data: credits bought and spent, account-wide (USD).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credits {
    /// Total credits purchased.
    pub total_credits: f64,
    /// Total credits used.
    pub total_usage: f64,
}

impl Credits {
    /// What is left to spend: purchased minus used.
    pub fn balance(&self) -> f64 {
        self.total_credits - self.total_usage
    }
}

/// One row of `GET /activity`: a day's traffic on one model endpoint (and, with
/// `group_by=workspace`, in one workspace).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivityItem {
    /// The UTC day, `YYYY-MM-DD`.
    pub date: String,
    /// Model slug (`openai/gpt-4.1`).
    pub model: String,
    /// Model permaslug (`openai/gpt-4.1-2025-04-14`).
    pub model_permaslug: String,
    /// The provider endpoint's id.
    pub endpoint_id: String,
    /// The provider serving that endpoint.
    pub provider_name: String,
    /// OpenRouter credits spent (USD).
    pub usage: f64,
    /// BYOK inference cost (USD, external credits).
    pub byok_usage_inference: f64,
    /// Requests made.
    pub requests: u64,
    /// Prompt tokens.
    pub prompt_tokens: u64,
    /// Completion tokens.
    pub completion_tokens: u64,
    /// Reasoning tokens.
    pub reasoning_tokens: u64,
    /// The workspace, only when grouped by workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<WorkspaceId>,
}
