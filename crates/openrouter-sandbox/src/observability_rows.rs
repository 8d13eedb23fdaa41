//! Observability destinations as stored: the row, its JSON, its queries. Apart from the
//! handlers (`observability.rs`) so that the seed writes rows without depending on the
//! server's state.

use rusqlite::{params, Connection, Row};
use serde_json::{json, Map, Value};

use crate::store::{from_json_column, json_column};

/// A destination as stored (credentials in `config` masked).
#[derive(Debug, Clone)]
pub struct DestinationRow {
    /// UUID.
    pub id: String,
    /// The workspace's UUID.
    pub workspace_id: String,
    /// `type`.
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Flags.
    pub enabled: bool,
    /// Metadata only.
    pub privacy_mode: bool,
    /// Flags.
    pub broadcast_generation_cost: bool,
    /// Flags.
    pub broadcast_generation_identity: bool,
    /// Flags.
    pub broadcast_generation_request_context: bool,
    /// 0.0001..1.
    pub sampling_rate: f64,
    /// Keys whose traffic is forwarded; `None` = all.
    pub api_key_hashes: Option<Vec<String>>,
    /// Filter rules, or `None`.
    pub filter_rules: Option<Value>,
    /// Settings, credentials masked.
    pub config: Map<String, Value>,
    /// Regions (`europe` for `eu`).
    pub regions: Vec<String>,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
}

/// Columns in the order [`DestinationRow::from_row`] reads them.
pub const COLS: &str =
    "id, workspace_id, type, name, enabled, privacy_mode, broadcast_generation_cost, \
    broadcast_generation_identity, broadcast_generation_request_context, sampling_rate, \
    api_key_hashes, filter_rules, config, regions, created_at, updated_at";

impl DestinationRow {
    /// A new enabled destination in the `global` region, sampling everything.
    pub fn new(id: String, workspace_id: String, kind: String, name: String, at: String) -> Self {
        DestinationRow {
            id,
            workspace_id,
            kind,
            name,
            enabled: true,
            privacy_mode: false,
            broadcast_generation_cost: false,
            broadcast_generation_identity: false,
            broadcast_generation_request_context: false,
            sampling_rate: 1.0,
            api_key_hashes: None,
            filter_rules: None,
            config: Map::new(),
            regions: vec!["global".to_owned()],
            created_at: at.clone(),
            updated_at: at,
        }
    }

    pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let text = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
        Ok(DestinationRow {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            kind: r.get(2)?,
            name: r.get(3)?,
            enabled: r.get(4)?,
            privacy_mode: r.get(5)?,
            broadcast_generation_cost: r.get(6)?,
            broadcast_generation_identity: r.get(7)?,
            broadcast_generation_request_context: r.get(8)?,
            sampling_rate: r.get(9)?,
            api_key_hashes: from_json_column(text(10)?),
            filter_rules: text(11)?.and_then(|t| serde_json::from_str(&t).ok()),
            config: text(12)?
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default(),
            regions: from_json_column(text(13)?).unwrap_or_default(),
            created_at: r.get(14)?,
            updated_at: r.get(15)?,
        })
    }

    /// As the API answers it.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "workspace_id": self.workspace_id,
            "type": self.kind,
            "name": self.name,
            "enabled": self.enabled,
            "privacy_mode": self.privacy_mode,
            "broadcast_generation_cost": self.broadcast_generation_cost,
            "broadcast_generation_identity": self.broadcast_generation_identity,
            "broadcast_generation_request_context": self.broadcast_generation_request_context,
            "sampling_rate": self.sampling_rate,
            "api_key_hashes": self.api_key_hashes,
            "filter_rules": self.filter_rules,
            "config": self.config,
            "regions": self.regions,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }

    /// Stores it (new, or replacing the row with its id).
    pub fn save(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.prepare_cached(&format!(
            "INSERT INTO destinations ({COLS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, \
             privacy_mode = excluded.privacy_mode, \
             broadcast_generation_cost = excluded.broadcast_generation_cost, \
             broadcast_generation_identity = excluded.broadcast_generation_identity, \
             broadcast_generation_request_context = excluded.broadcast_generation_request_context, \
             sampling_rate = excluded.sampling_rate, api_key_hashes = excluded.api_key_hashes, \
             filter_rules = excluded.filter_rules, config = excluded.config, \
             regions = excluded.regions, updated_at = excluded.updated_at"
        ))?
        .execute(params![
            self.id,
            self.workspace_id,
            self.kind,
            self.name,
            self.enabled,
            self.privacy_mode,
            self.broadcast_generation_cost,
            self.broadcast_generation_identity,
            self.broadcast_generation_request_context,
            self.sampling_rate,
            json_column(&self.api_key_hashes),
            self.filter_rules.as_ref().map(Value::to_string),
            Value::Object(self.config.clone()).to_string(),
            json_column(&Some(self.regions.clone())),
            self.created_at,
            self.updated_at,
        ])?;
        Ok(())
    }
}

crate::stored!(DestinationRow, "destinations", COLS, "destination");
