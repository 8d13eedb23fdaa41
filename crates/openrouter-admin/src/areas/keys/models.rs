//! The keys area's shapes.

use crate::body::{body, BodyValue, Kind, Visitor};
use crate::json_writer::{ToValue, Value};
use crate::patch::Patch;
use crate::secret::Secret;
use crate::shapes::{DataRegion, KeyHash, LimitReset, Timestamp, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

/// An API key as listed, fetched, created or updated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiKey {
    /// Identity (64 hex).
    pub hash: KeyHash,
    /// Name.
    pub name: String,
    /// Masked form (`sk-or-v1-0e6...1c96`).
    pub label: String,
    /// Disabled keys are rejected.
    pub disabled: bool,
    /// USD limit, `None` = unlimited.
    pub limit: Option<f64>,
    /// What is left in the current window.
    pub limit_remaining: Option<f64>,
    /// Window.
    pub limit_reset: Option<LimitReset>,
    /// Whether BYOK usage counts.
    pub include_byok_in_limit: bool,
    /// Lifetime usage (USD).
    pub usage: f64,
    /// Today's usage.
    pub usage_daily: f64,
    /// This week's usage.
    pub usage_weekly: f64,
    /// This month's usage.
    pub usage_monthly: f64,
    /// BYOK lifetime usage.
    pub byok_usage: f64,
    /// BYOK today.
    pub byok_usage_daily: f64,
    /// BYOK this week.
    pub byok_usage_weekly: f64,
    /// BYOK this month.
    pub byok_usage_monthly: f64,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    pub updated_at: Option<Timestamp>,
    /// Creator.
    pub creator_user_id: Option<UserId>,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// Expiry (UTC), if any. Not required by the spec.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// A partner's end-user id the key's spend is attributed to (`external.user` at
    /// creation), or `None`. Not in the spec extract; today's API sends it on every key.
    #[serde(default)]
    pub external_user: Option<String>,
}

/// `free_model_daily_requests` of `GET /key`: today's requests to free models.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FreeModelDailyRequests {
    /// Requests allowed per UTC day.
    pub limit: f64,
    /// Requests left today.
    pub remaining: f64,
    /// Requests made today.
    pub used: f64,
}

/// The deprecated `rate_limit` object of `GET /key`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests.
    pub requests: i64,
    /// Interval.
    pub interval: String,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// The calling key (`GET /key`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CurrentKey {
    /// Masked key.
    pub label: String,
    /// USD limit.
    pub limit: Option<f64>,
    /// Lifetime usage.
    pub usage: f64,
    /// Today.
    pub usage_daily: f64,
    /// This week.
    pub usage_weekly: f64,
    /// This month.
    pub usage_monthly: f64,
    /// BYOK lifetime.
    pub byok_usage: f64,
    /// BYOK today.
    pub byok_usage_daily: f64,
    /// BYOK this week.
    pub byok_usage_weekly: f64,
    /// BYOK this month.
    pub byok_usage_monthly: f64,
    /// Free tier.
    pub is_free_tier: bool,
    /// Whether this key can call the management API.
    pub is_management_key: bool,
    /// Deprecated alias of `is_management_key`.
    #[serde(default)]
    pub is_provisioning_key: bool,
    /// Left in the window.
    pub limit_remaining: Option<f64>,
    /// Window.
    pub limit_reset: Option<LimitReset>,
    /// BYOK counts.
    pub include_byok_in_limit: bool,
    /// Creator.
    pub creator_user_id: Option<UserId>,
    /// Deprecated, safe to ignore (kept as raw JSON: object or -1).
    #[serde(default)]
    pub rate_limit: Option<serde_json::Value>,
    /// Expiry.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The organization the key belongs to (today's API; `None` from one that predates it).
    #[serde(default)]
    pub organization_id: Option<String>,
    /// The workspace the key spends in; `None` for a management key, which is org-wide.
    #[serde(default)]
    pub workspace_id: Option<WorkspaceId>,
    /// Where the key's requests may be served (empty from an API that predates the field).
    #[serde(default)]
    pub allowed_data_regions: Vec<DataRegion>,
    /// Today's free-model requests (today's API; `None` from one that predates it).
    #[serde(default)]
    pub free_model_daily_requests: Option<FreeModelDailyRequests>,
}

body! {
    /// `external` of `POST /keys`: the partner's end user a key is made for.
    pub struct External(user: String) {
        /// The end user's id in the partner's system; at least 1 character. Answered back as
        /// the key's `external_user`.
        pub user: String => new,
        /// The partner's own key for this user: at least 32 characters, stored hashed by the
        /// API and never returned. A [`Secret`]: redacted in `Debug` and `Display`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub api_key: Option<Secret> => into<Secret>,
    }
}

impl ToValue for External {
    fn value(&self) -> Value<'_> {
        Value::Json(self.to_json())
    }
}

impl BodyValue for External {
    const KIND: Kind = Kind::Object;
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.object(name)
    }
}

body! {
    /// Body of `POST /keys`.
    pub struct CreateKey(name: String) {
        /// At least 1 character.
        pub name: String => new,
        /// USD limit (≥ 0, finite); `None` = unlimited.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<f64> => into<f64>,
        /// daily / weekly / monthly; `None` = never.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit_reset: Option<LimitReset> => into<LimitReset>,
        /// BYOK counts toward the limit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_byok_in_limit: Option<bool> => into<bool>,
        /// UTC RFC 3339 date-time with seconds, ending in `Z` (`2027-12-31T23:59:59Z`;
        /// fractions allowed, minute precision refused).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expires_at: Option<Timestamp> => into<Timestamp>,
        /// Workspace (default: the Default workspace).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<WorkspaceId> => into<WorkspaceId>,
        /// Creator.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub creator_user_id: Option<UserId> => into<UserId>,
        /// The partner's end user the key is made for (its `user` comes back as the key's
        /// `external_user`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub external: Option<External> => into<External>,
    }
}

/// The answer to `POST /keys`: the key and its secret (shown once).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedKey {
    /// The key's metadata.
    pub data: ApiKey,
    /// The secret, redacted in `Debug`.
    pub key: Secret,
}

body! {
    /// Body of `PATCH /keys/{hash}`: only set fields are sent.
    pub struct UpdateKey() {
        /// At least 1 character; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => into<String>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub disabled: Patch<bool> => into<bool>,
        /// ≥ 0, finite; `Null` = unlimited.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub limit: Patch<f64> => or_null<f64>,
        /// daily/weekly/monthly; `Null` = never.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub limit_reset: Patch<LimitReset> => or_null<LimitReset>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub include_byok_in_limit: Patch<bool> => into<bool>,
    }
}
