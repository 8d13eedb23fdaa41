//! The members area's rules: each body's checks before anything is sent.

use crate::areas::members::models::MemberIds;
use crate::checks::Validate;
use crate::error::FieldError;

/// Most ids one members add/remove request takes.
pub const MAX_MEMBER_BATCH: usize = 100;

impl Validate for MemberIds {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let n = self.user_ids.len();
        if n == 0 {
            out.push(FieldError::new(
                "user_ids",
                "min_items",
                "user_ids must hold at least 1 id",
            ));
        }
        if n > MAX_MEMBER_BATCH {
            out.push(FieldError::new(
                "user_ids",
                "max_items",
                format!("user_ids must hold at most {MAX_MEMBER_BATCH} ids (got {n}); use add_all/remove_all to chunk"),
            ));
        }
        for (i, id) in self.user_ids.iter().enumerate() {
            if id.as_str().is_empty() {
                out.push(FieldError::new(
                    format!("user_ids[{i}]"),
                    "min_length",
                    "a user id cannot be empty",
                ));
            }
        }
        out
    }
}
