//! The feedback area's shapes.

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::json_writer::{to_str_value, ToValue, Value};
use crate::patch::Patch;
use crate::shapes::open_enum;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

to_str_value!(FeedbackCategory);
string_value!(FeedbackCategory => |s: String| FeedbackCategory::parse(&s));
crate::body::required_field!(FeedbackCategory);

open_enum!(
    /// What the feedback is about.
    FeedbackCategory {
        /// Too slow.
        Latency = "latency",
        /// The answer does not hold together.
        Incoherence = "incoherence",
        /// The answer is wrong.
        IncorrectResponse = "incorrect_response",
        /// The answer's form is wrong.
        Formatting = "formatting",
        /// The charge.
        Billing = "billing",
        /// The API failed.
        ApiError = "api_error",
        /// Anything else (`other` on the wire; `Other(_)` is a value this version does not know).
        Unlisted = "other",
    }
);

impl Default for FeedbackCategory {
    /// `other`.
    fn default() -> Self {
        FeedbackCategory::Unlisted
    }
}

/// A comment's most characters.
pub const MAX_FEEDBACK_COMMENT: usize = 1_000;

body! {
    /// Body of `POST /generation/feedback` (`SubmitGenerationFeedbackRequest`).
    pub struct SubmitFeedback(generation_id: String, category: FeedbackCategory) {
        /// The generation (`gen-...`), at least 1 character.
        pub generation_id: String => new,
        /// What it is about.
        pub category: FeedbackCategory => new,
        /// Free text, at most [`MAX_FEEDBACK_COMMENT`] characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub comment: Option<String> => into<String>,
    }
}

/// `{"success": true}`: the feedback was recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FeedbackRecorded {
    /// Always true on success.
    pub success: bool,
}
