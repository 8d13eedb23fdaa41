//! The feedback area's endpoint.

use crate::areas::feedback::models::{FeedbackRecorded, SubmitFeedback};
use crate::endpoint::{endpoint, with_body};
use crate::retry::OpClass;
use crate::transport::Method;

endpoint! {
    /// `POST /generation/feedback`: 404 for an unknown generation, 429 when sent too often.
    /// Retried only on 429 (a lost answer may have recorded it).
    SubmitFeedbackRequest {
        /// Body.
        body: SubmitFeedback,
    }
    answers Data: FeedbackRecorded;
    request(self) {
        with_body(
            Method::Post,
            "/generation/feedback".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
}

impl SubmitFeedbackRequest {
    /// `POST /generation/feedback` with `body`.
    pub fn new(body: SubmitFeedback) -> Self {
        Self { body }
    }
}
