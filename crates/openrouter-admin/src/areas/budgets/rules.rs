//! The budgets area's rules: each body's checks before anything is sent.

use crate::areas::budgets::models::{UpsertBudget, WorkspaceBudget};
use crate::checks::Validate;
use crate::error::FieldError;
use crate::shapes::Interval;

impl Validate for UpsertBudget {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if !(self.limit_usd.is_finite() && self.limit_usd > 0.0) {
            out.push(FieldError::new(
                "limit_usd",
                "range",
                "limit_usd must be a finite number > 0",
            ));
        }
        out
    }
}

/// Checks the budget shrink rule (lifetime > monthly > weekly > daily, strictly) for setting
/// `interval` to `limit_usd`, given the workspace's `existing` budgets (the one at `interval`
/// itself is ignored, it is being replaced).
///
/// ```
/// use openrouter_admin::models::Interval;
/// use openrouter_admin::validate::validate_budget_order;
/// assert!(validate_budget_order(&[], Interval::Daily, 5.0).is_ok());
/// ```
pub fn validate_budget_order(
    existing: &[WorkspaceBudget],
    interval: Interval,
    limit_usd: f64,
) -> Result<(), FieldError> {
    for b in existing {
        let Some(other) = b.interval() else { continue };
        if other == interval {
            continue;
        }
        let bad = if other.rank() > interval.rank() {
            limit_usd >= b.limit_usd
        } else {
            limit_usd <= b.limit_usd
        };
        if bad {
            let rel = if other.rank() > interval.rank() {
                "less than"
            } else {
                "greater than"
            };
            return Err(FieldError::new(
                "limit_usd",
                "budget_order",
                format!(
                    "the {interval} budget must be {rel} the {other} budget; budgets shrink from lifetime > monthly > weekly > daily"
                ),
            ));
        }
    }
    Ok(())
}
