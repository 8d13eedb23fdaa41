//! BYOK credentials as stored: the row, its JSON, its queries. Apart from the handlers
//! (`byok.rs`) so that the seed writes rows without depending on the server's state.

use rusqlite::{params, Connection, Row};
use serde_json::{json, Value};

use crate::store::{from_json_column, json_column, mask, sha256_hex};

/// A BYOK credential as stored: the key itself never is.
#[derive(Debug, Clone)]
pub struct ByokRow {
    /// UUID.
    pub id: String,
    /// The workspace's UUID.
    pub workspace_id: String,
    /// Provider slug.
    pub provider: String,
    /// Display name.
    pub name: Option<String>,
    /// Masked key.
    pub label: String,
    /// SHA-256 of the key (never answered; kept so a rotation is a real change).
    pub key_sha256: String,
    /// Flags.
    pub disabled: bool,
    /// Used after the provider's other credentials.
    pub is_fallback: bool,
    /// Only BYOK for this provider.
    pub is_byok_only: bool,
    /// Requests fail without it.
    pub is_required: bool,
    /// Declared zero-data-retention, or not declared.
    pub declared_zdr: Option<bool>,
    /// Allow-lists; `None` = no restriction.
    pub allowed_models: Option<Vec<String>>,
    /// Key hashes.
    pub allowed_api_key_hashes: Option<Vec<String>>,
    /// User ids.
    pub allowed_user_ids: Option<Vec<String>>,
    /// Order within the provider.
    pub sort_order: i64,
    /// Creation time.
    pub created_at: String,
}

/// Columns in the order [`ByokRow::from_row`] reads them.
pub const COLS: &str =
    "id, workspace_id, provider, name, label, key_sha256, disabled, is_fallback, \
    is_byok_only, is_required, declared_zdr, allowed_models, allowed_api_key_hashes, \
    allowed_user_ids, sort_order, created_at";

impl ByokRow {
    /// A new credential for `key` (hashed and masked here; the key goes no further).
    pub fn new(id: String, workspace_id: String, provider: String, key: &str, at: String) -> Self {
        ByokRow {
            id,
            workspace_id,
            provider,
            name: None,
            label: mask(key),
            key_sha256: sha256_hex(key),
            disabled: false,
            is_fallback: false,
            is_byok_only: false,
            is_required: false,
            declared_zdr: None,
            allowed_models: None,
            allowed_api_key_hashes: None,
            allowed_user_ids: None,
            sort_order: 0,
            created_at: at,
        }
    }

    pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(ByokRow {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            provider: r.get(2)?,
            name: r.get(3)?,
            label: r.get(4)?,
            key_sha256: r.get(5)?,
            disabled: r.get(6)?,
            is_fallback: r.get(7)?,
            is_byok_only: r.get(8)?,
            is_required: r.get(9)?,
            declared_zdr: r.get(10)?,
            allowed_models: from_json_column(r.get(11)?),
            allowed_api_key_hashes: from_json_column(r.get(12)?),
            allowed_user_ids: from_json_column(r.get(13)?),
            sort_order: r.get(14)?,
            created_at: r.get(15)?,
        })
    }

    /// As the API answers it (`BYOKKey` with today's fields): no key, only its label.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "provider": self.provider,
            "workspace_id": self.workspace_id,
            "name": self.name,
            "label": self.label,
            "disabled": self.disabled,
            "is_fallback": self.is_fallback,
            "is_byok_only": self.is_byok_only,
            "is_required": self.is_required,
            "declared_zdr": self.declared_zdr,
            "allowed_models": self.allowed_models,
            "allowed_api_key_hashes": self.allowed_api_key_hashes,
            "allowed_user_ids": self.allowed_user_ids,
            "sort_order": self.sort_order,
            "created_at": self.created_at,
        })
    }

    /// Stores it: a new credential, or the changed fields of the one with its id (all but its
    /// provider, workspace, order and creation).
    pub fn save(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.prepare_cached(&format!(
            "INSERT INTO byok_keys ({COLS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, label = excluded.label, \
             key_sha256 = excluded.key_sha256, disabled = excluded.disabled, \
             is_fallback = excluded.is_fallback, is_byok_only = excluded.is_byok_only, \
             is_required = excluded.is_required, declared_zdr = excluded.declared_zdr, \
             allowed_models = excluded.allowed_models, \
             allowed_api_key_hashes = excluded.allowed_api_key_hashes, \
             allowed_user_ids = excluded.allowed_user_ids"
        ))?
        .execute(params![
            self.id,
            self.workspace_id,
            self.provider,
            self.name,
            self.label,
            self.key_sha256,
            self.disabled,
            self.is_fallback,
            self.is_byok_only,
            self.is_required,
            self.declared_zdr,
            json_column(&self.allowed_models),
            json_column(&self.allowed_api_key_hashes),
            json_column(&self.allowed_user_ids),
            self.sort_order,
            self.created_at,
        ])?;
        Ok(())
    }
}

crate::stored!(ByokRow, "byok_keys", COLS, "BYOK credential");
