//! The credit runway: how long the balance lasts at the last week's spend.

use crate::findings::budget_rules::last_week_daily;
use crate::findings::shapes::{OrgSnapshot, Runway};

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
