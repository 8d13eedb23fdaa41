//! The budgets area's handler.

use crate::areas::budgets::endpoints::{DeleteBudget, GetBudget, ListBudgets, PutBudget};
use crate::areas::budgets::models::UpsertBudget;
use crate::client::{Call, Client};
use crate::shapes::Interval;
use crate::transport::Transport;

/// `client.workspace(id).budgets()`.
///
/// ```no_run
/// use openrouter_admin::models::Interval;
/// use openrouter_admin::validate::validate_budget_order;
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let budgets = client.workspace("production").budgets();
/// let current = budgets.list().send().await?;
/// if validate_budget_order(&current.data, Interval::Weekly, 20.0).is_ok() {
///     budgets.put(Interval::Weekly, 20.0).include_byok(false).send().await?;
/// }
/// budgets.delete(Interval::Daily).send().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct BudgetsHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) workspace: String,
}

impl<'a, T: Transport> BudgetsHandler<'a, T> {
    /// `GET /workspaces/{id}/budgets`.
    pub fn list(&self) -> Call<'a, T, ListBudgets> {
        self.client.call(ListBudgets::new(self.workspace.clone()))
    }
    /// `GET /workspaces/{id}/budgets/{interval}`.
    pub fn get(&self, interval: Interval) -> Call<'a, T, GetBudget> {
        self.client
            .call(GetBudget::new(self.workspace.clone(), interval))
    }
    /// `PUT /workspaces/{id}/budgets/{interval}` with `limit_usd` (> 0, finite).
    pub fn put(&self, interval: Interval, limit_usd: f64) -> Call<'a, T, PutBudget> {
        self.client.call(PutBudget::new(
            self.workspace.clone(),
            interval,
            UpsertBudget::new(limit_usd),
        ))
    }
    /// `DELETE /workspaces/{id}/budgets/{interval}`.
    pub fn delete(&self, interval: Interval) -> Call<'a, T, DeleteBudget> {
        self.client
            .call(DeleteBudget::new(self.workspace.clone(), interval))
    }
}

impl<T: Transport> Call<'_, T, PutBudget> {
    /// Sets the workspace-wide `include_byok_in_budgets` flag (applies to every interval).
    pub fn include_byok(mut self, v: bool) -> Self {
        self.endpoint.body.include_byok_in_budgets = Some(v);
        self
    }
}
