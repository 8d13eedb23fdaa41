//! The findings of one key: expiry, limits and their projection, idle, departed creator, long
//! disabled.

use crate::areas::keys::models::ApiKey;
use crate::findings::budget_rules::project;
use crate::findings::measure::{
    age_days, at_least, at_most, day_of, display_name, key_object, ms_of, plural_days, round_up,
    window_name, window_of, Index, DAY_MS, EPSILON, PROJECT_FROM,
};
use crate::findings::shapes::{Finding, Fix, Kind, Object, OrgSnapshot, Severity, Thresholds};
use crate::time::{self};

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

/// The findings of one key.
pub(crate) fn key_findings(
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
