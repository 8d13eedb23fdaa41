//! The feedback area's rules.

use crate::areas::feedback::models::{SubmitFeedback, MAX_FEEDBACK_COMMENT};
use crate::checks::Validate;
use crate::error::FieldError;

impl Validate for SubmitFeedback {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.generation_id.is_empty() {
            out.push(FieldError::new(
                "generation_id",
                "min_length",
                "generation_id must name the generation",
            ));
        }
        if !self.category.is_known() {
            out.push(FieldError::new(
                "category",
                "enum",
                "category must be one of latency, incoherence, incorrect_response, formatting, billing, api_error, other",
            ));
        }
        if self
            .comment
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_FEEDBACK_COMMENT)
        {
            out.push(FieldError::new(
                "comment",
                "max_length",
                "comment must be at most 1000 characters",
            ));
        }
        out
    }
}
