//! The budgets area's endpoints: one type per operation and its constructor.

use crate::areas::budgets::models::{BudgetList, BudgetResponse, UpsertBudget};
use crate::endpoint::{endpoint, seg, with_body, Request};
use crate::retry::OpClass;
use crate::shapes::Interval;
use crate::transport::Method;

endpoint! {
    /// `GET /workspaces/{id}/budgets`.
    ListBudgets {
        /// UUID or slug.
        workspace: String,
    }
    answers Whole: BudgetList;
    request(self) {
        let path = format!("/workspaces/{}/budgets", seg(&self.workspace));
        Ok(Request::new(Method::Get, path))
    }
}

impl ListBudgets {
    /// `GET /workspaces/{workspace}/budgets`.
    pub fn new(workspace: impl Into<String>) -> Self {
        Self {
            workspace: workspace.into(),
        }
    }
}

/// The path of one budget.
pub(crate) fn budget_path(workspace: &str, interval: &Interval) -> String {
    format!("/workspaces/{}/budgets/{}", seg(workspace), interval)
}

endpoint! {
    /// `GET /workspaces/{id}/budgets/{interval}`.
    GetBudget {
        /// UUID or slug.
        workspace: String,
        /// Interval.
        interval: Interval,
    }
    answers Whole: BudgetResponse;
    request(self) {
        let path = budget_path(&self.workspace, &self.interval);
        Ok(Request::new(Method::Get, path))
    }
}

impl GetBudget {
    /// `GET /workspaces/{workspace}/budgets/{interval}`.
    pub fn new(workspace: impl Into<String>, interval: Interval) -> Self {
        Self {
            workspace: workspace.into(),
            interval,
        }
    }
}

endpoint! {
    /// `PUT /workspaces/{id}/budgets/{interval}` (safe to retry).
    PutBudget {
        /// UUID or slug.
        workspace: String,
        /// Interval.
        interval: Interval,
        /// Body.
        body: UpsertBudget,
    }
    answers Whole: BudgetResponse;
    request(self) {
        let path = budget_path(&self.workspace, &self.interval);
        with_body(Method::Put, path, &self.body, OpClass::Safe)
    }
}

impl PutBudget {
    /// `PUT /workspaces/{workspace}/budgets/{interval}` with `body`.
    pub fn new(workspace: impl Into<String>, interval: Interval, body: UpsertBudget) -> Self {
        Self {
            workspace: workspace.into(),
            interval,
            body,
        }
    }
}

endpoint! {
    /// `DELETE /workspaces/{id}/budgets/{interval}`.
    DeleteBudget {
        /// UUID or slug.
        workspace: String,
        /// Interval.
        interval: Interval,
    }
    answers Nothing: ();
    request(self) {
        let path = budget_path(&self.workspace, &self.interval);
        Ok(Request::new(Method::Delete, path))
    }
}

impl DeleteBudget {
    /// `DELETE /workspaces/{workspace}/budgets/{interval}`.
    pub fn new(workspace: impl Into<String>, interval: Interval) -> Self {
        Self {
            workspace: workspace.into(),
            interval,
        }
    }
}
