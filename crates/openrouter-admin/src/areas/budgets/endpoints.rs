//! The budgets area's endpoints: one type per operation and its constructor.

use crate::areas::budgets::models::{BudgetList, BudgetResponse, UpsertBudget};
use crate::endpoint::{seg, with_body, Answered, Endpoint, Request};
use crate::error::Error;
use crate::retry::OpClass;
use crate::shapes::Interval;
use crate::transport::Method;

/// `GET /workspaces/{id}/budgets`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListBudgets {
    /// UUID or slug.
    pub workspace: String,
}

impl Endpoint for ListBudgets {
    type Output = BudgetList;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/budgets", seg(&self.workspace));
        Ok(Request::new(Method::Get, path))
    }
    const ANSWER: Answered = Answered::Whole;
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

/// `GET /workspaces/{id}/budgets/{interval}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetBudget {
    /// UUID or slug.
    pub workspace: String,
    /// Interval.
    pub interval: Interval,
}

impl Endpoint for GetBudget {
    type Output = BudgetResponse;
    fn request(&self) -> Result<Request, Error> {
        let path = budget_path(&self.workspace, &self.interval);
        Ok(Request::new(Method::Get, path))
    }
    const ANSWER: Answered = Answered::Whole;
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

/// `PUT /workspaces/{id}/budgets/{interval}` (safe to retry).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PutBudget {
    /// UUID or slug.
    pub workspace: String,
    /// Interval.
    pub interval: Interval,
    /// Body.
    pub body: UpsertBudget,
}

impl Endpoint for PutBudget {
    type Output = BudgetResponse;
    fn request(&self) -> Result<Request, Error> {
        let path = budget_path(&self.workspace, &self.interval);
        with_body(Method::Put, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Whole;
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

/// `DELETE /workspaces/{id}/budgets/{interval}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteBudget {
    /// UUID or slug.
    pub workspace: String,
    /// Interval.
    pub interval: Interval,
}

impl Endpoint for DeleteBudget {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        let path = budget_path(&self.workspace, &self.interval);
        Ok(Request::new(Method::Delete, path))
    }
    const ANSWER: Answered = Answered::Nothing;
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
