//! The findings of one workspace's budgets: near or heading past their limit.

use crate::areas::budgets::models::BudgetList;
use crate::areas::usage::models::ActivityItem;
use crate::findings::measure::{at_least, day_of, plural_days, round_up, Index, DAY_MS};
use crate::findings::shapes::{Finding, Fix, Kind, OrgSnapshot, Severity, Thresholds};
use crate::shapes::{Interval, WorkspaceId};
use crate::time::{self, Window};

/// The workspaces whose budgets [`findings`](crate::findings::findings) could find something
/// in, from the snapshot's keys and activity alone (its budgets not read yet), in the order of
/// [`OrgSnapshot::workspaces`]: a budget is near its limit only if the workspace's keys spent
/// something in its window (`budget_use`), and heading past it only at a daily pace above zero
/// in the workspace's last 7 days of activity (`budget_projected`, which also counts spend of
/// keys deleted since). A workspace with neither cannot have a budget finding, so the snapshot
/// reads no budgets for it: with 1,000 workspaces, most of them idle, that is most of the
/// requests a snapshot made. Every workspace, when the thresholds make an unspent budget a
/// finding (`budget_use.info` at 0).
pub fn needs_budgets(org: &OrgSnapshot, t: &Thresholds) -> Vec<WorkspaceId> {
    if at_least(0.0, &t.budget_use).is_some() {
        return org.workspaces.iter().map(|w| w.id.clone()).collect();
    }
    let index = Index::of(org);
    let today = time::today_of(org.now_ms);
    let spent = |ws: &WorkspaceId| {
        index.keys.get(ws).into_iter().flatten().any(|k| {
            [
                k.usage,
                k.usage_daily,
                k.usage_weekly,
                k.usage_monthly,
                k.byok_usage,
                k.byok_usage_daily,
                k.byok_usage_weekly,
                k.byok_usage_monthly,
            ]
            .iter()
            .any(|&usd| usd > 0.0)
        })
    };
    // BYOK spend counts as pace too: whether the budgets include it is in the list not read.
    let paced = |ws: &WorkspaceId| {
        index.activity.get(ws).into_iter().flatten().any(|r| {
            (r.usage > 0.0 || r.byok_usage_inference > 0.0)
                && time::parse_date(&r.date).is_some_and(|d| d >= today - 7 && d < today)
        })
    };
    org.workspaces
        .iter()
        .map(|w| &w.id)
        .filter(|ws| spent(ws) || paced(ws))
        .cloned()
        .collect()
}

/// The findings of one workspace's budgets: spend in each window is what its keys report for
/// that window (keys deleted during the window are not counted, so it can read low).
pub(crate) fn budget_findings(
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
pub(crate) fn project<'a>(
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
pub(crate) fn last_week_daily<'a>(
    now: f64,
    rows: impl Iterator<Item = &'a ActivityItem>,
    byok: bool,
) -> f64 {
    let today = time::today_of(now);
    // A fold from +0.0: `sum()` of no f64 is -0.0, which would print as "$-0.00".
    let total = rows
        .filter(|r| time::parse_date(&r.date).is_some_and(|d| d >= today - 7 && d < today))
        .fold(0.0, |sum, r| {
            sum + r.usage + if byok { r.byok_usage_inference } else { 0.0 }
        });
    total / 7.0
}
