//! What the findings read and say: the [`OrgSnapshot`] and [`Thresholds`] going in, each
//! [`Finding`] (its [`Severity`], [`Kind`], [`Object`]s and [`Fix`]) and the [`Runway`] coming out.

use crate::areas::budgets::models::BudgetList;
use crate::areas::keys::models::ApiKey;
use crate::areas::organization::models::OrganizationMember;
use crate::areas::usage::models::{ActivityItem, Credits};
use crate::areas::workspaces::models::Workspace;
use crate::shapes::{Interval, KeyHash, UserId, WorkspaceId};
use serde::Serialize;
use std::collections::BTreeMap;

/// How much attention a finding asks for, least first (so `max()` is the worst).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing breaks.
    Info,
    /// Will cause trouble if left alone.
    Warning,
    /// Broken now or within a day.
    Critical,
}

impl Severity {
    /// `info`, `warning` or `critical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    /// Reads `info`, `warning` or `critical`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

/// Three thresholds of one rule, from the most to the least urgent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levels<T> {
    /// At or past this: [`Severity::Critical`].
    pub critical: T,
    /// At or past this: [`Severity::Warning`].
    pub warning: T,
    /// At or past this: [`Severity::Info`].
    pub info: T,
}

/// The rules' thresholds. The defaults are the ones admins asked for (warnings 30, 7 and 1
/// days before expiry; 80, 90 and 100% of a limit).
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Days left before a key expires.
    pub expiring_days: Levels<f64>,
    /// Share of a key's limit spent in its window (1.0 is the whole limit).
    pub limit_use: Levels<f64>,
    /// Share of a workspace budget spent in its window.
    pub budget_use: Levels<f64>,
    /// Days without any request before a key counts as idle (at most the 30 days activity covers).
    pub idle_days: f64,
    /// Days a key has been disabled before it is a candidate for deletion.
    pub disabled_days: f64,
    /// Days of credit left at the last 7 days' burn.
    pub runway_days: Levels<f64>,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            expiring_days: Levels {
                critical: 1.0,
                warning: 7.0,
                info: 30.0,
            },
            limit_use: Levels {
                critical: 1.0,
                warning: 0.9,
                info: 0.8,
            },
            budget_use: Levels {
                critical: 1.0,
                warning: 0.9,
                info: 0.8,
            },
            idle_days: 30.0,
            disabled_days: 90.0,
            runway_days: Levels {
                critical: 7.0,
                warning: 30.0,
                info: 90.0,
            },
        }
    }
}

/// What the API answered about the organization, and when: the input of [`findings`].
#[derive(Clone, Debug, Default)]
pub struct OrgSnapshot {
    /// When it was read (ms since the epoch, the client's clock).
    pub now_ms: f64,
    /// Every workspace.
    pub workspaces: Vec<Workspace>,
    /// Every key, disabled ones included.
    pub keys: Vec<ApiKey>,
    /// Every organization member. Empty means "not read": no creator rule then.
    pub members: Vec<OrganizationMember>,
    /// Each workspace's budgets.
    pub budgets: BTreeMap<WorkspaceId, BudgetList>,
    /// The organization's credits, when read.
    pub credits: Option<Credits>,
    /// The last 30 completed days of activity, grouped by workspace.
    pub activity: Vec<ActivityItem>,
    /// The last 30 completed days of activity of the keys that needed it (see [`needs_activity`]).
    pub key_activity: BTreeMap<KeyHash, Vec<ActivityItem>>,
}

/// What a finding is about, with the figures behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// An enabled key expires within the thresholds.
    Expiring {
        /// Days until it expires.
        days_left: f64,
        /// When it expires.
        expires_at: String,
    },
    /// An enabled key whose expiry has passed: it no longer works, but still looks active.
    ExpiredNotDisabled {
        /// When it expired.
        expires_at: String,
    },
    /// An enabled key with no spending limit.
    NoLimit,
    /// An enabled key that never expires.
    NoExpiry,
    /// An enabled key has spent this share of its limit in the current window.
    LimitUse {
        /// Spent in the window (USD).
        used_usd: f64,
        /// The limit (USD).
        limit_usd: f64,
        /// `used_usd / limit_usd`.
        ratio: f64,
    },
    /// At its last 7 days' pace, an enabled key reaches its limit before the window resets.
    LimitProjected {
        /// Spent in the window so far (USD).
        used_usd: f64,
        /// The limit (USD).
        limit_usd: f64,
        /// Average spend per day over the last 7 completed days (USD).
        daily_usd: f64,
        /// Days until the limit is reached at that pace.
        days_to_limit: f64,
        /// When the window resets.
        resets_at: String,
    },
    /// A workspace budget is this far spent in its window.
    BudgetUse {
        /// The budget's window.
        interval: Interval,
        /// Spent in the window by the workspace's keys (USD).
        spent_usd: f64,
        /// The budget (USD).
        limit_usd: f64,
        /// `spent_usd / limit_usd`.
        ratio: f64,
    },
    /// At its last 7 days' pace, a workspace reaches a budget before the window resets.
    BudgetProjected {
        /// The budget's window.
        interval: Interval,
        /// Spent in the window so far (USD).
        spent_usd: f64,
        /// The budget (USD).
        limit_usd: f64,
        /// Average spend per day over the last 7 completed days (USD).
        daily_usd: f64,
        /// Days until the budget is reached at that pace.
        days_to_limit: f64,
        /// When the window resets.
        resets_at: String,
    },
    /// An enabled key with no request in the idle period.
    Idle {
        /// Days since it was created, when it was never used; else the idle period itself.
        days: f64,
        /// Whether it has never been used at all.
        never_used: bool,
    },
    /// An enabled key created by someone no longer in the organization.
    CreatorGone {
        /// The creator's user id.
        creator_user_id: UserId,
    },
    /// A key disabled for a long time: a candidate for deletion.
    DisabledLong {
        /// Days since it last changed (disabling it is a change).
        days: f64,
    },
    /// Days of credit left at the last 7 days' burn.
    CreditRunway {
        /// Credits left (USD).
        balance_usd: f64,
        /// Average spend per day over the last 7 completed days (USD).
        daily_usd: f64,
        /// Days left at that pace.
        days: f64,
    },
}

impl Kind {
    /// The kind's name, as in JSON (`expiring`, `no_limit`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Expiring { .. } => "expiring",
            Kind::ExpiredNotDisabled { .. } => "expired_not_disabled",
            Kind::NoLimit => "no_limit",
            Kind::NoExpiry => "no_expiry",
            Kind::LimitUse { .. } => "limit_use",
            Kind::LimitProjected { .. } => "limit_projected",
            Kind::BudgetUse { .. } => "budget_use",
            Kind::BudgetProjected { .. } => "budget_projected",
            Kind::Idle { .. } => "idle",
            Kind::CreatorGone { .. } => "creator_gone",
            Kind::DisabledLong { .. } => "disabled_long",
            Kind::CreditRunway { .. } => "credit_runway",
        }
    }
}

/// An object a finding concerns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Object {
    /// An API key.
    Key {
        /// Its hash.
        hash: KeyHash,
        /// Its name.
        name: String,
        /// Its label (the redacted key).
        label: String,
        /// Its workspace.
        workspace_id: WorkspaceId,
    },
    /// A workspace.
    Workspace {
        /// Its id.
        id: WorkspaceId,
        /// Its name (empty when the workspace was not read).
        name: String,
    },
    /// A user, by id (no longer a member, so no name is known).
    User {
        /// The user id.
        id: UserId,
    },
    /// The organization as a whole.
    Organization,
}

/// A finding's fix, as data: what to change, for the caller to apply (the page through its
/// bulk actions, with per-item results).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fix {
    /// Set (or raise) the key's limit.
    SetLimit {
        /// A suggestion (USD): half again what it spends per window, or its current limit
        /// doubled; rounded up to whole dollars.
        suggested_usd: f64,
    },
    /// Rotate the key into one that expires (`expires_at` is fixed at creation).
    RotateWithExpiry {
        /// A suggested expiry: 90 days from now.
        suggested_expires_at: String,
    },
    /// Disable the key.
    Disable,
    /// Delete the key.
    Delete,
    /// Raise the workspace budget.
    RaiseBudget {
        /// The budget's window.
        interval: Interval,
        /// A suggestion (USD), rounded up to whole dollars.
        suggested_usd: f64,
    },
}

/// One thing that needs attention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable across reads of the same organization: the kind and its objects (`no_limit:<hash>`),
    /// so a caller can keep a selection or dismiss one.
    pub id: String,
    /// How urgent.
    pub severity: Severity,
    /// What, with its figures (flattened: `kind` names it).
    #[serde(flatten)]
    pub kind: Kind,
    /// The objects it concerns, the main one first.
    pub objects: Vec<Object>,
    /// One sentence for a person.
    pub why: String,
    /// What would resolve it, when something can.
    pub fix: Option<Fix>,
}

/// The credit runway: balance, burn and days left.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Runway {
    /// Credits left (USD).
    pub balance_usd: f64,
    /// Average spend per day over the last 7 completed days (USD).
    pub daily_usd: f64,
    /// Days left at that pace; `None` when nothing was spent.
    pub days: Option<f64>,
}
