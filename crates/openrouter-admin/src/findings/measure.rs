//! What the rules share: the snapshot's [`Index`], thresholds compared, days and money
//! written, keys and workspaces as finding objects.

use crate::areas::keys::models::ApiKey;
use crate::areas::usage::models::ActivityItem;
use crate::findings::shapes::{Levels, Object, OrgSnapshot, Severity};
use crate::shapes::{LimitReset, WorkspaceId};
use crate::time::{self, Window};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const DAY_MS: f64 = 86_400_000.0;

/// The share of its limit a key must have spent before its pace is read to project it: below
/// half, reaching the limit before the reset takes a burst the last week rarely shows, and
/// reading every key's activity costs a request per key.
pub const PROJECT_FROM: f64 = 0.5;

/// Ratios and day counts are compared with this slack, so "exactly 90%" computed as
/// `(100 - 10) / 100` is at 90%.
pub(crate) const EPSILON: f64 = 1e-9;

/// What the rules look up for each key and budget, built once per [`findings`]: searched
/// linearly per finding instead, 1,000 workspaces and 10,000 keys cost ten million comparisons.
pub(crate) struct Index<'a> {
    /// The organization's member ids.
    pub(crate) members: BTreeSet<&'a str>,
    /// Each workspace's name.
    pub(crate) names: BTreeMap<&'a WorkspaceId, &'a str>,
    /// Each workspace's keys.
    pub(crate) keys: BTreeMap<&'a WorkspaceId, Vec<&'a ApiKey>>,
    /// Each workspace's activity rows.
    pub(crate) activity: BTreeMap<&'a WorkspaceId, Vec<&'a ActivityItem>>,
}

impl<'a> Index<'a> {
    pub(crate) fn of(org: &'a OrgSnapshot) -> Self {
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
    pub(crate) fn workspace(&self, id: &WorkspaceId) -> Object {
        Object::Workspace {
            id: id.clone(),
            name: self.names.get(id).copied().unwrap_or_default().to_owned(),
        }
    }
}

/// The severity of a value that is bad when high (a share of a limit).
pub(crate) fn at_least(value: f64, l: &Levels<f64>) -> Option<Severity> {
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
pub(crate) fn at_most(value: f64, l: &Levels<f64>) -> Option<Severity> {
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

pub(crate) fn ms_of(t: &crate::shapes::Timestamp) -> Option<f64> {
    time::parse_datetime(t.as_str(), true).map(|ms| ms as f64)
}

pub(crate) fn age_days(t: &crate::shapes::Timestamp, now: f64) -> Option<f64> {
    ms_of(t).map(|ms| (now - ms) / DAY_MS)
}

pub(crate) fn window_of(reset: &LimitReset) -> Option<Window> {
    match reset {
        LimitReset::Daily => Some(Window::Day),
        LimitReset::Weekly => Some(Window::Week),
        LimitReset::Monthly => Some(Window::Month),
        _ => None,
    }
}

pub(crate) fn window_name(reset: Option<&LimitReset>) -> String {
    match reset {
        None => "in total".to_owned(),
        Some(LimitReset::Daily) => "today".to_owned(),
        Some(LimitReset::Weekly) => "this week".to_owned(),
        Some(LimitReset::Monthly) => "this month".to_owned(),
        Some(other) => format!("this {other} window"),
    }
}

pub(crate) fn key_object(key: &ApiKey) -> Object {
    Object::Key {
        hash: key.hash.clone(),
        name: key.name.clone(),
        label: key.label.clone(),
        workspace_id: key.workspace_id.clone(),
    }
}

/// How a key is named in a sentence: its name and label (`"ci" (sk-or-v1-abc...)`).
pub(crate) fn display_name(key: &ApiKey) -> String {
    format!("Key \u{201c}{}\u{201d} ({})", key.name, key.label)
}

pub(crate) fn object_name(objects: &[Object]) -> &str {
    match objects.first() {
        Some(Object::Key { name, .. }) => name,
        Some(Object::Workspace { name, .. }) => name,
        Some(Object::User { id }) => id.as_str(),
        _ => "",
    }
}

pub(crate) fn day_of(ms: f64) -> String {
    time::format_date((ms / DAY_MS).floor() as i64)
}

pub(crate) fn plural_days(days: f64) -> String {
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

pub(crate) fn round_up(usd: f64) -> f64 {
    usd.ceil().max(1.0)
}
