//! What needs attention in an organization, computed from the management API alone: keys
//! about to expire, over or heading past their limits, idle, orphaned by their creator or
//! long disabled; workspace budgets near or heading past their limit; and the credit
//! runway. The page's Overview, the npm package's `check` and Rust callers share it.
//!
//! [`findings`] is a pure function of an [`OrgSnapshot`] (what the API answered, and when), so
//! every rule and every threshold's edge is tested without a network;
//! `client.organization().snapshot()` reads the snapshot.
//!
//! Each [`Finding`] has a [`Severity`], the [`Object`]s it concerns, a sentence saying why,
//! and its [`Fix`] as data, for the caller's bulk machinery to apply.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::areas::budgets::models::BudgetList;
use crate::areas::keys::models::ApiKey;
use crate::areas::organization::models::OrganizationMember;
use crate::areas::usage::models::{ActivityItem, Credits};
use crate::areas::workspaces::models::Workspace;
use crate::shapes::{Interval, KeyHash, LimitReset, UserId, WorkspaceId};
use crate::time::{self, Window};

const DAY_MS: f64 = 86_400_000.0;

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

/// The credit runway of a snapshot, when its credits were read.
pub fn runway(org: &OrgSnapshot) -> Option<Runway> {
    let credits = org.credits.as_ref()?;
    let daily = last_week_daily(org.now_ms, org.activity.iter(), false);
    let balance = credits.balance();
    Some(Runway {
        balance_usd: balance,
        daily_usd: daily,
        days: (daily > 0.0).then(|| (balance / daily).max(0.0)),
    })
}

/// Whether [`OrgSnapshot::key_activity`] should hold this key's activity: the idle rule needs
/// it for an enabled key, older than the idle period, used once but with nothing spent in its
/// current windows; the projection rule for an enabled key with a resetting limit that is past
/// [`PROJECT_FROM`] of it but not yet at the `info` threshold (above that, `limit_use` already
/// speaks). Every other key is judged from its own fields, so the read costs one request per
/// such key, not one per key: with 10,000 keys, reading every spending key's activity measured
/// about 4,900 requests (`cargo xtask bench`).
pub fn needs_activity(key: &ApiKey, now_ms: f64, t: &Thresholds) -> bool {
    if key.disabled {
        return false;
    }
    let old = age_days(&key.created_at, now_ms).is_some_and(|d| d >= t.idle_days);
    let quiet = key.usage > 0.0
        && key.usage_daily == 0.0
        && key.usage_weekly == 0.0
        && key.usage_monthly == 0.0;
    let spending = match (key.limit, key.limit_remaining, &key.limit_reset) {
        (Some(limit), Some(remaining), Some(_)) if limit > 0.0 => {
            let ratio = (limit - remaining) / limit;
            ratio >= PROJECT_FROM && ratio < t.limit_use.info - EPSILON
        }
        _ => false,
    };
    (old && quiet) || spending
}

/// The share of its limit a key must have spent before its pace is read to project it: below
/// half, reaching the limit before the reset takes a burst the last week rarely shows, and
/// reading every key's activity costs a request per key.
pub const PROJECT_FROM: f64 = 0.5;

/// Ratios and day counts are compared with this slack, so "exactly 90%" computed as
/// `(100 - 10) / 100` is at 90%.
const EPSILON: f64 = 1e-9;

/// What the rules look up for each key and budget, built once per [`findings`]: searched
/// linearly per finding instead, 1,000 workspaces and 10,000 keys cost ten million comparisons.
struct Index<'a> {
    /// The organization's member ids.
    members: BTreeSet<&'a str>,
    /// Each workspace's name.
    names: BTreeMap<&'a WorkspaceId, &'a str>,
    /// Each workspace's keys.
    keys: BTreeMap<&'a WorkspaceId, Vec<&'a ApiKey>>,
    /// Each workspace's activity rows.
    activity: BTreeMap<&'a WorkspaceId, Vec<&'a ActivityItem>>,
}

impl<'a> Index<'a> {
    fn of(org: &'a OrgSnapshot) -> Self {
        let mut keys: BTreeMap<_, Vec<_>> = BTreeMap::new();
        for k in &org.keys {
            keys.entry(&k.workspace_id).or_default().push(k);
        }
        let mut activity: BTreeMap<_, Vec<_>> = BTreeMap::new();
        for r in &org.activity {
            if let Some(ws) = &r.workspace_id {
                activity.entry(ws).or_default().push(r);
            }
        }
        Index {
            members: org.members.iter().map(|m| m.id.as_str()).collect(),
            names: org
                .workspaces
                .iter()
                .map(|w| (&w.id, w.name.as_str()))
                .collect(),
            keys,
            activity,
        }
    }

    /// The workspace as a finding's object (its name empty when it was not read).
    fn workspace(&self, id: &WorkspaceId) -> Object {
        Object::Workspace {
            id: id.clone(),
            name: self.names.get(id).copied().unwrap_or_default().to_owned(),
        }
    }
}

/// Every finding of the snapshot, the most severe first (then by kind and object name).
pub fn findings(org: &OrgSnapshot, t: &Thresholds) -> Vec<Finding> {
    let index = Index::of(org);
    let mut out = Vec::new();
    for key in &org.keys {
        key_findings(org, &index, key, t, &mut out);
    }
    for (ws, list) in &org.budgets {
        budget_findings(org, &index, ws, list, t, &mut out);
    }
    if let Some(r) = runway(org) {
        let found = match r.days {
            _ if r.balance_usd <= 0.0 => Some((
                Severity::Critical,
                format!(
                    "No credit left (${:.2}): every request paid with credits fails",
                    r.balance_usd
                ),
            )),
            Some(days) => at_most(days, &t.runway_days).map(|severity| {
                let why = format!(
                    "${:.2} of credit lasts {} at the last 7 days' ${:.2} a day",
                    r.balance_usd,
                    plural_days(days),
                    r.daily_usd
                );
                (severity, why)
            }),
            None => None,
        };
        if let Some((severity, why)) = found {
            out.push(Finding {
                id: "credit_runway".to_owned(),
                severity,
                kind: Kind::CreditRunway {
                    balance_usd: r.balance_usd,
                    daily_usd: r.daily_usd,
                    days: r.days.unwrap_or(0.0),
                },
                objects: vec![Object::Organization],
                why,
                fix: None,
            });
        }
    }
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.kind.name().cmp(b.kind.name()))
            .then_with(|| object_name(&a.objects).cmp(object_name(&b.objects)))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The findings of one key.
fn key_findings(
    org: &OrgSnapshot,
    index: &Index,
    key: &ApiKey,
    t: &Thresholds,
    out: &mut Vec<Finding>,
) {
    let now = org.now_ms;
    let object = key_object(key);
    let name = display_name(key);
    let mut push = |kind: Kind, severity: Severity, why: String, fix: Option<Fix>| {
        let mut objects = vec![object.clone()];
        if let Kind::CreatorGone { creator_user_id } = &kind {
            objects.push(Object::User {
                id: creator_user_id.clone(),
            });
        }
        objects.push(index.workspace(&key.workspace_id));
        out.push(Finding {
            id: format!("{}:{}", kind.name(), key.hash),
            severity,
            kind,
            objects,
            why,
            fix,
        });
    };
    if key.disabled {
        let since = key.updated_at.as_ref().unwrap_or(&key.created_at);
        if let Some(days) = age_days(since, now) {
            if days >= t.disabled_days - EPSILON {
                push(
                    Kind::DisabledLong { days },
                    Severity::Info,
                    format!(
                        "{name} has been disabled for {}: delete it if nobody needs it back",
                        plural_days(days)
                    ),
                    Some(Fix::Delete),
                );
            }
        }
        return;
    }
    let rotate = || Fix::RotateWithExpiry {
        suggested_expires_at: time::format_datetime((now + 90.0 * DAY_MS) as i64),
    };
    match key
        .expires_at
        .as_ref()
        .and_then(|e| ms_of(e).map(|ms| (e, ms)))
    {
        None if key.expires_at.is_none() => push(
            Kind::NoExpiry,
            Severity::Info,
            format!("{name} never expires: a leaked copy works until someone notices"),
            Some(rotate()),
        ),
        None => {}
        Some((at, ms)) if ms <= now => push(
            Kind::ExpiredNotDisabled {
                expires_at: at.0.clone(),
            },
            Severity::Warning,
            format!(
                "{name} expired on {} but is still enabled: whatever uses it is failing",
                day_of(ms)
            ),
            Some(Fix::Disable),
        ),
        Some((at, ms)) => {
            let days_left = (ms - now) / DAY_MS;
            if let Some(severity) = at_most(days_left, &t.expiring_days) {
                push(
                    Kind::Expiring {
                        days_left,
                        expires_at: at.0.clone(),
                    },
                    severity,
                    format!(
                        "{name} expires in {} ({}): rotate it before whatever uses it stops",
                        plural_days(days_left),
                        day_of(ms)
                    ),
                    Some(rotate()),
                );
            }
        }
    }
    match (key.limit, key.limit_remaining) {
        (None, _) => push(
            Kind::NoLimit,
            Severity::Warning,
            format!("{name} has no spending limit: nothing stops a runaway loop or a leak"),
            Some(Fix::SetLimit {
                suggested_usd: round_up((key.usage_monthly * 1.5).max(10.0)),
            }),
        ),
        (Some(limit), Some(remaining)) if limit > 0.0 => {
            let used = (limit - remaining).max(0.0);
            let ratio = used / limit;
            let window = window_name(key.limit_reset.as_ref());
            if let Some(severity) = at_least(ratio, &t.limit_use) {
                push(
                    Kind::LimitUse {
                        used_usd: used,
                        limit_usd: limit,
                        ratio,
                    },
                    severity,
                    format!(
                        "{name} has spent ${used:.2} of its ${limit:.2} limit {window} ({:.0}%)",
                        ratio * 100.0
                    ),
                    Some(Fix::SetLimit {
                        suggested_usd: round_up(limit * 2.0),
                    }),
                );
            } else if let Some(projection) = key
                .limit_reset
                .as_ref()
                .and_then(window_of)
                .zip(org.key_activity.get(&key.hash))
                .and_then(|(w, rows)| {
                    project(now, w, used, limit, rows.iter(), key.include_byok_in_limit)
                })
            {
                let (daily, days_to_limit, resets) = projection;
                push(
                    Kind::LimitProjected {
                        used_usd: used,
                        limit_usd: limit,
                        daily_usd: daily,
                        days_to_limit,
                        resets_at: time::format_datetime(resets),
                    },
                    Severity::Warning,
                    format!(
                        "{name} reaches its ${limit:.2} limit in about {} at ${daily:.2} a day, before it resets on {}",
                        plural_days(days_to_limit),
                        day_of(resets as f64)
                    ),
                    Some(Fix::SetLimit {
                        suggested_usd: round_up(limit * 2.0),
                    }),
                );
            }
        }
        _ => {}
    }
    if let Some(age) = age_days(&key.created_at, now) {
        if age >= t.idle_days - EPSILON {
            let never = key.usage == 0.0;
            let quiet = org.key_activity.get(&key.hash).is_some_and(|rows| {
                let from = time::today_of(now) - t.idle_days.min(30.0).ceil() as i64;
                !rows
                    .iter()
                    .any(|r| r.requests > 0 && time::parse_date(&r.date).is_some_and(|d| d >= from))
            });
            if never || quiet {
                let days = if never { age } else { t.idle_days };
                push(
                    Kind::Idle {
                        days,
                        never_used: never,
                    },
                    Severity::Info,
                    if never {
                        format!(
                            "{name} was created {} ago and has never been used",
                            plural_days(age)
                        )
                    } else {
                        format!("{name} has made no request in {}", plural_days(days))
                    },
                    Some(Fix::Disable),
                );
            }
        }
    }
    if let Some(creator) = &key.creator_user_id {
        if !index.members.is_empty() && !index.members.contains(creator.as_str()) {
            push(
                Kind::CreatorGone {
                    creator_user_id: creator.clone(),
                },
                Severity::Warning,
                format!("{name} was created by {creator}, who is no longer in the organization"),
                Some(Fix::Disable),
            );
        }
    }
}

/// The findings of one workspace's budgets: spend in each window is what its keys report for
/// that window (keys deleted during the window are not counted, so it can read low).
fn budget_findings(
    org: &OrgSnapshot,
    index: &Index,
    ws: &WorkspaceId,
    list: &BudgetList,
    t: &Thresholds,
    out: &mut Vec<Finding>,
) {
    let byok = list.include_byok_in_budgets == Some(true);
    let keys = index.keys.get(ws).map_or(&[][..], Vec::as_slice);
    let ws_name = match index.names.get(ws) {
        Some(name) if !name.is_empty() => (*name).to_owned(),
        _ => ws.to_string(),
    };
    for budget in &list.data {
        let limit = budget.limit_usd;
        if limit <= 0.0 {
            continue;
        }
        let interval =
            Interval::from_reset(budget.reset_interval.as_ref()).unwrap_or(Interval::Lifetime);
        let spent: f64 = keys
            .iter()
            .map(|k| {
                let (usage, byok_usage) = match interval {
                    Interval::Daily => (k.usage_daily, k.byok_usage_daily),
                    Interval::Weekly => (k.usage_weekly, k.byok_usage_weekly),
                    Interval::Monthly => (k.usage_monthly, k.byok_usage_monthly),
                    Interval::Lifetime => (k.usage, k.byok_usage),
                };
                usage + if byok { byok_usage } else { 0.0 }
            })
            .sum();
        let ratio = spent / limit;
        let objects = vec![index.workspace(ws)];
        let raise = Fix::RaiseBudget {
            interval,
            suggested_usd: round_up(limit * 1.5),
        };
        if let Some(severity) = at_least(ratio, &t.budget_use) {
            out.push(Finding {
                id: format!("budget_use:{ws}:{}", interval.as_str()),
                severity,
                kind: Kind::BudgetUse {
                    interval,
                    spent_usd: spent,
                    limit_usd: limit,
                    ratio,
                },
                objects,
                why: format!(
                    "{ws_name} has spent ${spent:.2} of its ${limit:.2} {} budget ({:.0}%)",
                    interval.as_str(),
                    ratio * 100.0
                ),
                fix: Some(raise),
            });
            continue;
        }
        let window = match interval {
            Interval::Daily => Window::Day,
            Interval::Weekly => Window::Week,
            Interval::Monthly => Window::Month,
            Interval::Lifetime => continue,
        };
        let rows = index.activity.get(ws).into_iter().flatten().copied();
        if let Some((daily, days_to_limit, resets)) =
            project(org.now_ms, window, spent, limit, rows, byok)
        {
            out.push(Finding {
                id: format!("budget_projected:{ws}:{}", interval.as_str()),
                severity: Severity::Warning,
                kind: Kind::BudgetProjected {
                    interval,
                    spent_usd: spent,
                    limit_usd: limit,
                    daily_usd: daily,
                    days_to_limit,
                    resets_at: time::format_datetime(resets),
                },
                objects,
                why: format!(
                    "{ws_name} reaches its ${limit:.2} {} budget in about {} at ${daily:.2} a day, before it resets on {}",
                    interval.as_str(),
                    plural_days(days_to_limit),
                    day_of(resets as f64)
                ),
                fix: Some(raise),
            });
        }
    }
}

/// At the last 7 completed days' pace, whether `used` reaches `limit` before the window
/// resets: `(daily pace, days to the limit, reset time in ms)`.
fn project<'a>(
    now: f64,
    window: Window,
    used: f64,
    limit: f64,
    rows: impl Iterator<Item = &'a ActivityItem>,
    byok: bool,
) -> Option<(f64, f64, i64)> {
    let daily = last_week_daily(now, rows, byok);
    if daily <= 0.0 || used >= limit {
        return None;
    }
    let (_, resets) = time::window_bounds(window, now as i64);
    let days_left = (resets as f64 - now) / DAY_MS;
    let days_to_limit = (limit - used) / daily;
    (days_to_limit < days_left).then_some((daily, days_to_limit, resets))
}

/// Average spend per day over the 7 completed UTC days before `now` (BYOK spend too when
/// `byok`).
fn last_week_daily<'a>(now: f64, rows: impl Iterator<Item = &'a ActivityItem>, byok: bool) -> f64 {
    let today = time::today_of(now);
    // A fold from +0.0: `sum()` of no f64 is -0.0, which would print as "$-0.00".
    let total = rows
        .filter(|r| time::parse_date(&r.date).is_some_and(|d| d >= today - 7 && d < today))
        .fold(0.0, |sum, r| {
            sum + r.usage + if byok { r.byok_usage_inference } else { 0.0 }
        });
    total / 7.0
}

/// The severity of a value that is bad when high (a share of a limit).
fn at_least(value: f64, l: &Levels<f64>) -> Option<Severity> {
    if value >= l.critical - EPSILON {
        Some(Severity::Critical)
    } else if value >= l.warning - EPSILON {
        Some(Severity::Warning)
    } else if value >= l.info - EPSILON {
        Some(Severity::Info)
    } else {
        None
    }
}

/// The severity of a value that is bad when low (days left).
fn at_most(value: f64, l: &Levels<f64>) -> Option<Severity> {
    if value <= l.critical + EPSILON {
        Some(Severity::Critical)
    } else if value <= l.warning + EPSILON {
        Some(Severity::Warning)
    } else if value <= l.info + EPSILON {
        Some(Severity::Info)
    } else {
        None
    }
}

fn ms_of(t: &crate::shapes::Timestamp) -> Option<f64> {
    time::parse_datetime(t.as_str(), true).map(|ms| ms as f64)
}

fn age_days(t: &crate::shapes::Timestamp, now: f64) -> Option<f64> {
    ms_of(t).map(|ms| (now - ms) / DAY_MS)
}

fn window_of(reset: &LimitReset) -> Option<Window> {
    match reset {
        LimitReset::Daily => Some(Window::Day),
        LimitReset::Weekly => Some(Window::Week),
        LimitReset::Monthly => Some(Window::Month),
        _ => None,
    }
}

fn window_name(reset: Option<&LimitReset>) -> String {
    match reset {
        None => "in total".to_owned(),
        Some(LimitReset::Daily) => "today".to_owned(),
        Some(LimitReset::Weekly) => "this week".to_owned(),
        Some(LimitReset::Monthly) => "this month".to_owned(),
        Some(other) => format!("this {other} window"),
    }
}

fn key_object(key: &ApiKey) -> Object {
    Object::Key {
        hash: key.hash.clone(),
        name: key.name.clone(),
        label: key.label.clone(),
        workspace_id: key.workspace_id.clone(),
    }
}

/// How a key is named in a sentence: its name and label (`"ci" (sk-or-v1-abc...)`).
fn display_name(key: &ApiKey) -> String {
    format!("Key \u{201c}{}\u{201d} ({})", key.name, key.label)
}

fn object_name(objects: &[Object]) -> &str {
    match objects.first() {
        Some(Object::Key { name, .. }) => name,
        Some(Object::Workspace { name, .. }) => name,
        Some(Object::User { id }) => id.as_str(),
        _ => "",
    }
}

fn day_of(ms: f64) -> String {
    time::format_date((ms / DAY_MS).floor() as i64)
}

fn plural_days(days: f64) -> String {
    if days < 1.0 {
        let hours = (days * 24.0).round().max(1.0);
        if hours == 1.0 {
            "1 hour".to_owned()
        } else {
            format!("{hours:.0} hours")
        }
    } else {
        // Rounded: a key that expires in 4.99 days "expires in 5 days".
        let d = days.round();
        if d == 1.0 {
            "1 day".to_owned()
        } else {
            format!("{d:.0} days")
        }
    }
}

fn round_up(usd: f64) -> f64 {
    usd.ceil().max(1.0)
}
