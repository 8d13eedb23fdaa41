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

mod budget_rules;
mod credit;
mod key_rules;
mod measure;
mod shapes;

pub use self::budget_rules::needs_budgets;
pub use self::credit::runway;
pub use self::key_rules::needs_activity;
pub use self::measure::PROJECT_FROM;
pub use self::shapes::{
    Finding, Fix, Kind, Levels, Object, OrgSnapshot, Runway, Severity, Thresholds,
};

use self::budget_rules::budget_findings;
use self::key_rules::key_findings;
use self::measure::{at_most, object_name, plural_days, Index};

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
