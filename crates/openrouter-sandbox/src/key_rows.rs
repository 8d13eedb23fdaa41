//! The stored API key: its row, the API's JSON of it (`KeyView`, `GET /key`'s shape) and its
//! queries.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::store::{round_cents, ORGANIZATION_ID};

/// An API key as stored (never its secret).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    /// SHA-256 of the secret, 64 hex.
    pub hash: String,
    /// Owning workspace UUID.
    pub workspace_id: String,
    /// Display name.
    pub name: String,
    /// Masked secret.
    pub label: String,
    /// Disabled keys authenticate nothing.
    pub disabled: bool,
    /// Spend limit in USD.
    pub limit: Option<f64>,
    /// daily/weekly/monthly or None.
    pub limit_reset: Option<String>,
    /// Whether BYOK spend counts against the limit.
    pub include_byok_in_limit: bool,
    /// usage, daily, weekly, monthly.
    pub usage: [f64; 4],
    /// byok_usage, daily, weekly, monthly.
    pub byok_usage: [f64; 4],
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: Option<String>,
    /// Expiry (UTC).
    pub expires_at: Option<String>,
    /// Creating user.
    pub creator_user_id: Option<String>,
    /// A partner's end-user id for attribution (`external.user` at creation).
    pub external_user: Option<String>,
    /// SHA-256 of `external.api_key`: kept only hashed, never answered.
    pub external_api_key_sha256: Option<String>,
    /// Disabled for good (its Default workspace was deleted): `disabled: false` is refused.
    pub revoked: bool,
}

/// Columns in the order [`KeyRow::from_row`] reads them.
pub const KEY_COLS: &str = "hash, workspace_id, name, label, disabled, limit_usd, limit_reset, \
    include_byok_in_limit, usage, usage_daily, usage_weekly, usage_monthly, byok_usage, \
    byok_usage_daily, byok_usage_weekly, byok_usage_monthly, created_at, updated_at, expires_at, \
    creator_user_id, external_user, external_api_key_sha256, revoked";

impl KeyRow {
    /// Reads a row selected with [`KEY_COLS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            hash: r.get(0)?,
            workspace_id: r.get(1)?,
            name: r.get(2)?,
            label: r.get(3)?,
            disabled: r.get(4)?,
            limit: r.get(5)?,
            limit_reset: r.get(6)?,
            include_byok_in_limit: r.get(7)?,
            usage: [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
            byok_usage: [r.get(12)?, r.get(13)?, r.get(14)?, r.get(15)?],
            created_at: r.get(16)?,
            updated_at: r.get(17)?,
            expires_at: r.get(18)?,
            creator_user_id: r.get(19)?,
            external_user: r.get(20)?,
            external_api_key_sha256: r.get(21)?,
            revoked: r.get(22)?,
        })
    }

    /// What is left of the limit in the current window: `limit` minus the window's spend
    /// (api-notes 12), never below zero; None without a limit.
    pub fn limit_remaining(&self) -> Option<f64> {
        let limit = self.limit?;
        let idx = match self.limit_reset.as_deref() {
            Some("daily") => 1,
            Some("weekly") => 2,
            Some("monthly") => 3,
            _ => 0,
        };
        let mut spent = self.usage[idx];
        if self.include_byok_in_limit {
            spent += self.byok_usage[idx];
        }
        Some(round_cents((limit - spent).max(0.0)))
    }

    /// The API's key object as lists, get, create and update return it, borrowed so that a
    /// page of 100 keys serializes straight to bytes without building a `Value` tree.
    pub fn view(&self) -> KeyView<'_> {
        KeyView {
            hash: &self.hash,
            name: &self.name,
            label: &self.label,
            disabled: self.disabled,
            limit: self.limit,
            limit_remaining: self.limit_remaining(),
            limit_reset: self.limit_reset.as_deref(),
            include_byok_in_limit: self.include_byok_in_limit,
            usage: self.usage[0],
            usage_daily: self.usage[1],
            usage_weekly: self.usage[2],
            usage_monthly: self.usage[3],
            byok_usage: self.byok_usage[0],
            byok_usage_daily: self.byok_usage[1],
            byok_usage_weekly: self.byok_usage[2],
            byok_usage_monthly: self.byok_usage[3],
            created_at: &self.created_at,
            updated_at: self.updated_at.as_deref(),
            expires_at: self.expires_at.as_deref(),
            creator_user_id: self.creator_user_id.as_deref(),
            workspace_id: &self.workspace_id,
            external_user: self.external_user.as_deref(),
        }
    }

    /// [`KeyRow::view`] as a JSON value.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.view()).unwrap_or(Value::Null)
    }

    /// The `GET /key` view of this key, for the key itself.
    pub fn to_current_key_json(&self) -> Value {
        json!({
            "label": self.label,
            "limit": self.limit,
            "usage": self.usage[0],
            "usage_daily": self.usage[1],
            "usage_weekly": self.usage[2],
            "usage_monthly": self.usage[3],
            "byok_usage": self.byok_usage[0],
            "byok_usage_daily": self.byok_usage[1],
            "byok_usage_weekly": self.byok_usage[2],
            "byok_usage_monthly": self.byok_usage[3],
            "is_free_tier": false,
            "is_management_key": false,
            "is_provisioning_key": false,
            "limit_remaining": self.limit_remaining(),
            "limit_reset": self.limit_reset,
            "include_byok_in_limit": self.include_byok_in_limit,
            "creator_user_id": self.creator_user_id,
            "expires_at": self.expires_at,
            "rate_limit": deprecated_rate_limit(),
            "organization_id": ORGANIZATION_ID,
            "workspace_id": self.workspace_id,
            "allowed_data_regions": ALLOWED_DATA_REGIONS,
            "free_model_daily_requests": free_model_daily_requests(),
        })
    }

    /// Inserts this row.
    pub fn insert(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.prepare_cached(&format!(
            "INSERT INTO keys ({KEY_COLS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23)"
        ))?
        .execute(params![
            self.hash,
            self.workspace_id,
            self.name,
            self.label,
            self.disabled,
            self.limit,
            self.limit_reset,
            self.include_byok_in_limit,
            self.usage[0],
            self.usage[1],
            self.usage[2],
            self.usage[3],
            self.byok_usage[0],
            self.byok_usage[1],
            self.byok_usage[2],
            self.byok_usage[3],
            self.created_at,
            self.updated_at,
            self.expires_at,
            self.creator_user_id,
            self.external_user,
            self.external_api_key_sha256,
            self.revoked,
        ])?;
        Ok(())
    }
}

/// The API's key object (see [`KeyRow::view`]).
#[derive(Debug, serde::Serialize)]
pub struct KeyView<'a> {
    /// SHA-256 of the secret.
    pub hash: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Masked secret.
    pub label: &'a str,
    /// Disabled flag.
    pub disabled: bool,
    /// Spend limit.
    pub limit: Option<f64>,
    /// What is left in the current window.
    pub limit_remaining: Option<f64>,
    /// Window.
    pub limit_reset: Option<&'a str>,
    /// BYOK counted in the limit.
    pub include_byok_in_limit: bool,
    /// Lifetime spend.
    pub usage: f64,
    /// Spend today (UTC).
    pub usage_daily: f64,
    /// Spend this week (Monday..Sunday UTC).
    pub usage_weekly: f64,
    /// Spend this month.
    pub usage_monthly: f64,
    /// Lifetime BYOK spend.
    pub byok_usage: f64,
    /// BYOK today.
    pub byok_usage_daily: f64,
    /// BYOK this week.
    pub byok_usage_weekly: f64,
    /// BYOK this month.
    pub byok_usage_monthly: f64,
    /// Creation time.
    pub created_at: &'a str,
    /// Last change.
    pub updated_at: Option<&'a str>,
    /// Expiry.
    pub expires_at: Option<&'a str>,
    /// Creating user.
    pub creator_user_id: Option<&'a str>,
    /// Owning workspace.
    pub workspace_id: &'a str,
    /// A partner's end-user id, or null.
    pub external_user: Option<&'a str>,
}

/// `rate_limit` in `GET /key` is deprecated and always -1 (api-notes 2).
pub fn deprecated_rate_limit() -> Value {
    json!({
        "requests": -1,
        "interval": "10s",
        "note": "This field is deprecated and safe to ignore."
    })
}

/// `GET /key`'s `allowed_data_regions`: the sandbox's organization has no region guardrail.
pub const ALLOWED_DATA_REGIONS: [&str; 3] = ["global", "europe", "us"];

/// `GET /key`'s `free_model_daily_requests`: the sandbox serves no inference, so none are used.
pub fn free_model_daily_requests() -> Value {
    json!({ "limit": 1000, "remaining": 1000, "used": 0 })
}

/// Finds a key by hash.
pub fn find_key(conn: &Connection, hash: &str) -> Result<Option<KeyRow>, ApiError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {KEY_COLS} FROM keys WHERE hash = ?1"))?
        .query_row([hash], KeyRow::from_row)
        .optional()?)
}
