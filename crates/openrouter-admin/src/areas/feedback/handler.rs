//! Feedback: `client.feedback(body)`.

use crate::areas::feedback::endpoints::SubmitFeedbackRequest;
use crate::areas::feedback::models::SubmitFeedback;
use crate::client::{Call, Client};
use crate::transport::Transport;

impl<T: Transport> Client<T> {
    /// `POST /generation/feedback`: validated (a generation id, a known category, a comment
    /// of at most 1,000 characters).
    pub fn feedback(&self, body: SubmitFeedback) -> Call<'_, T, SubmitFeedbackRequest> {
        self.call(SubmitFeedbackRequest::new(body))
    }
}
