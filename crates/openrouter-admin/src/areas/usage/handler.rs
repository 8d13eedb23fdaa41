//! Credits and activity: `client.credits()`, `client.activity()`.

use crate::areas::usage::endpoints::{GetActivity, GetCredits};
use crate::client::{Call, Client};
use crate::shapes::{KeyHash, UserId, WorkspaceId};
use crate::transport::Transport;

impl<T: Transport> Client<T> {
    /// `GET /credits`: credits bought and used; [`Credits::balance`](crate::areas::usage::models::Credits::balance)
    /// is what is left.
    ///
    /// ```no_run
    /// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
    /// let credits = client.credits().send().await?;
    /// println!("${:.2} left", credits.balance());
    /// # Ok(()) }
    /// ```
    pub fn credits(&self) -> Call<'_, T, GetCredits> {
        self.call(GetCredits)
    }

    /// `GET /activity`: spend per day, model endpoint (and workspace, when asked) over the last
    /// 30 completed UTC days. Filters are checked before sending (`date` a `YYYY-MM-DD` day
    /// in that range on this machine's clock, ids not empty).
    ///
    /// ```no_run
    /// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
    /// let rows = client.activity().workspace("550e8400-e29b-41d4-a716-446655440000").by_workspace().send().await?;
    /// let spent: f64 = rows.iter().map(|r| r.usage).sum();
    /// # Ok(()) }
    /// ```
    pub fn activity(&self) -> Call<'_, T, GetActivity> {
        self.call(GetActivity::default())
    }
}

impl<T: Transport> Call<'_, T, GetActivity> {
    /// Only this UTC day (`YYYY-MM-DD`, one of the last 30 completed days).
    pub fn date(mut self, day: impl Into<String>) -> Self {
        self.endpoint.date = Some(day.into());
        self
    }
    /// Only this key's activity.
    pub fn key(mut self, hash: impl Into<KeyHash>) -> Self {
        self.endpoint.api_key_hash = Some(hash.into());
        self
    }
    /// Only this organization member's activity.
    pub fn user(mut self, id: impl Into<UserId>) -> Self {
        self.endpoint.user_id = Some(id.into());
        self
    }
    /// Only this workspace's activity (its UUID).
    pub fn workspace(mut self, id: impl Into<WorkspaceId>) -> Self {
        self.endpoint.workspace_id = Some(id.into());
        self
    }
    /// Splits rows per workspace (`group_by=workspace`); each then names its `workspace_id`.
    pub fn by_workspace(mut self) -> Self {
        self.endpoint.group_by = Some("workspace".to_owned());
        self
    }
}
