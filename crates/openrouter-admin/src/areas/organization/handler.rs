//! The organization area's handler.

use crate::areas::organization::endpoints::ListOrganizationMembers;
use crate::client::{Call, Client};
use crate::findings::Thresholds;
use crate::handlers::snapshot::ReadOrganization;
use crate::transport::Transport;

/// `client.organization()`.
///
/// ```no_run
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let everyone = client.organization().members().list().paginate().collect_all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct OrganizationHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<'a, T: Transport> OrganizationHandler<'a, T> {
    /// The organization's members.
    pub fn members(&self) -> OrganizationMembersHandler<'a, T> {
        OrganizationMembersHandler {
            client: self.client,
        }
    }

    /// Reads the whole organization (workspaces, keys, members, budgets, credits, 30 days of
    /// activity) for [`findings`](crate::findings), with concurrent reads and progress; in two
    /// stages when read with [`keys`](ReadOrganization::keys): every key first, then the rest.
    ///
    /// ```no_run
    /// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
    /// let (_, found) = client
    ///     .organization()
    ///     .snapshot()
    ///     .on_progress(|p| eprintln!("{}: {}/{}", p.step, p.done, p.total))
    ///     .findings()
    ///     .await?;
    /// for f in &found {
    ///     println!("{}: {}", f.severity.as_str(), f.why);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn snapshot(&self) -> ReadOrganization<'a, T> {
        ReadOrganization {
            client: self.client,
            signal: None,
            concurrency: self.client.config().concurrency,
            thresholds: Thresholds::default(),
            progress: None,
        }
    }
}

/// `client.organization().members()`.
///
/// ```no_run
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let page = client.organization().members().list().limit(100).send().await?;
/// for m in page.data {
///     println!("{} <{}>", m.id, m.email);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct OrganizationMembersHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<'a, T: Transport> OrganizationMembersHandler<'a, T> {
    /// `GET /organization/members`: the user ids members add takes, with email and names.
    pub fn list(&self) -> Call<'a, T, ListOrganizationMembers> {
        self.client.call(ListOrganizationMembers::default())
    }
}

impl<T: Transport> Client<T> {
    /// The organization.
    pub fn organization(&self) -> OrganizationHandler<'_, T> {
        OrganizationHandler { client: self }
    }
}
