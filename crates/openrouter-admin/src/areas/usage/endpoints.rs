//! The usage area's endpoints: one type per operation and its constructor.

use crate::areas::usage::models::{ActivityItem, Credits};
use crate::endpoint::{endpoint, get_data, param, Answered, Endpoint, Request};
use crate::error::{Error, FieldError};
use crate::retry::OpClass;
use crate::shapes::{KeyHash, UserId, WorkspaceId};
use crate::transport::Method;

get_data!(
    /// `GET /credits`: credits bought and used.
    GetCredits,
    "/credits",
    Credits
);

/// How many completed UTC days `GET /activity` covers.
pub const ACTIVITY_DAYS: i64 = 30;

endpoint! {
    /// `GET /activity`: the last 30 completed UTC days, by endpoint, every filter optional.
    #[derive(Default)]
    GetActivity {
        /// One UTC day, `YYYY-MM-DD`, among the last 30 completed ones.
        date: Option<String>,
        /// One key, by hash.
        api_key_hash: Option<KeyHash>,
        /// One organization member.
        user_id: Option<UserId>,
        /// One workspace (UUID).
        workspace_id: Option<WorkspaceId>,
        /// Only `"workspace"`: split rows per workspace, each naming it.
        group_by: Option<String>,
    }
    answers Data: Vec<ActivityItem>;
    request(self) {
        let errors = self.check(crate::time::today());
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let mut query = Vec::new();
        param(&mut query, "date", self.date.clone());
        param(
            &mut query,
            "api_key_hash",
            self.api_key_hash.as_ref().map(|h| h.0.clone()),
        );
        param(
            &mut query,
            "user_id",
            self.user_id.as_ref().map(|u| u.0.clone()),
        );
        param(&mut query, "group_by", self.group_by.clone());
        param(
            &mut query,
            "workspace_id",
            self.workspace_id.as_ref().map(|w| w.0.clone()),
        );
        Ok(Request::of(
            Method::Get,
            "/activity".to_owned(),
            query,
            None,
            OpClass::Safe,
        ))
    }
}

impl GetActivity {
    /// Every broken filter, checked against the caller's clock (`today`, days since 1970).
    /// The messages are fixed text: formatting dates or names into them would cost the npm
    /// package's wasm more than it tells.
    pub fn check(&self, today: i64) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Some(date) = &self.date {
            match crate::time::parse_date(date) {
                None => errors.push(FieldError::new(
                    "date",
                    "format",
                    "date must be a UTC day written YYYY-MM-DD",
                )),
                Some(day) if day >= today || day < today - ACTIVITY_DAYS => {
                    errors.push(FieldError::new(
                        "date",
                        "range",
                        "date must be one of the last 30 completed UTC days",
                    ))
                }
                Some(_) => {}
            }
        }
        for (name, value, message) in [
            (
                "api_key_hash",
                self.api_key_hash.as_ref().map(KeyHash::as_str),
                "api_key_hash must not be empty",
            ),
            (
                "user_id",
                self.user_id.as_ref().map(UserId::as_str),
                "user_id must not be empty",
            ),
            (
                "workspace_id",
                self.workspace_id.as_ref().map(WorkspaceId::as_str),
                "workspace_id must not be empty",
            ),
        ] {
            if value.is_some_and(str::is_empty) {
                errors.push(FieldError::new(name, "required", message));
            }
        }
        if self.group_by.as_deref().is_some_and(|g| g != "workspace") {
            errors.push(FieldError::new(
                "group_by",
                "enum",
                "group_by must be \"workspace\"",
            ));
        }
        errors
    }
}
