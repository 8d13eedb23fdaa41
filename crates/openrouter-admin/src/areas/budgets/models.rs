//! The budgets area's shapes.

use crate::body::body;
use crate::shapes::{BudgetId, Interval, LimitReset, Timestamp, WorkspaceId};
use serde::{Deserialize, Serialize};

/// A workspace budget (`WorkspaceBudget`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkspaceBudget {
    /// UUID.
    pub id: BudgetId,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// USD.
    pub limit_usd: f64,
    /// `null` = lifetime.
    pub reset_interval: Option<LimitReset>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    pub updated_at: Timestamp,
}

impl WorkspaceBudget {
    /// The budget's interval (`reset_interval` null = lifetime); `None` for an unknown value.
    pub fn interval(&self) -> Option<Interval> {
        Interval::from_reset(self.reset_interval.as_ref())
    }
}

/// `GET /workspaces/{id}/budgets`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BudgetList {
    /// The budgets.
    pub data: Vec<WorkspaceBudget>,
    /// Workspace-wide BYOK flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_byok_in_budgets: Option<bool>,
}

/// `GET`/`PUT /workspaces/{id}/budgets/{interval}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BudgetResponse {
    /// The budget.
    pub data: WorkspaceBudget,
    /// Workspace-wide BYOK flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_byok_in_budgets: Option<bool>,
}

body! {
    /// Body of budget PUT (`UpsertWorkspaceBudgetRequest`).
    pub struct UpsertBudget(limit_usd: f64) {
        /// > 0, finite.
        pub limit_usd: f64 => new,
        /// Workspace-wide: applies to every interval. Omit to leave unchanged.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_byok_in_budgets: Option<bool> => into<bool>,
    }
}
