//! SQLite storage: the schema, row shapes as the API renders them, and connection set-up.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::input::JsonObject;

/// Opens (or creates) the database. A file uses WAL with `synchronous=FULL`, so a write
/// is on disk before its commit returns and an acknowledged write survives `kill -9`.
pub fn open(path: Option<&Path>) -> rusqlite::Result<Connection> {
    let conn = match path {
        Some(p) => Connection::open(p)?,
        None => Connection::open_in_memory()?,
    };
    if path.is_some() {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.execute_batch(crate::schema::SCHEMA)?;
    migrate(&conn)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Empties every table of the schema and restarts its row numbers (before a seed is written
/// again): read from the database itself, so a new area's table needs no entry here.
pub fn clear(conn: &Connection) -> rusqlite::Result<()> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    // The schema's first AUTOINCREMENT table created it.
    conn.execute("DELETE FROM sqlite_sequence", [])?;
    Ok(())
}

/// Columns added since the first schema, as (table, column, declaration): a database file
/// written by an older sandbox gains them on open, so `--db` files keep working.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("workspaces", "disabled_server_tools", "TEXT"),
    ("keys", "external_user", "TEXT"),
    ("keys", "external_api_key_sha256", "TEXT"),
    ("keys", "revoked", "INTEGER NOT NULL DEFAULT 0"),
    ("members", "role", "TEXT"),
    ("members", "scim", "INTEGER NOT NULL DEFAULT 0"),
];

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    for (table, column, declaration) in ADDED_COLUMNS {
        let present: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = ?1"),
            [column],
            |r| r.get(0),
        )?;
        if present == 0 {
            conn.execute_batch(&format!(
                "ALTER TABLE {table} ADD COLUMN {column} {declaration}"
            ))?;
        }
    }
    Ok(())
}

/// The organization every key of this sandbox belongs to (`GET /key`'s `organization_id`).
pub const ORGANIZATION_ID: &str = "org_2sandboxDemoOrganization01";

/// The tools `disabled_server_tools` may name: the list in @openrouter/sdk 1.3.19. The API
/// calls it open (it grows), so answers may carry others; the sandbox refuses others on write,
/// as the API validates against the tools it has (a typo would otherwise disable nothing).
pub const SERVER_TOOLS: &[&str] = &[
    "openrouter:advisor",
    "openrouter:apply_patch",
    "openrouter:bash",
    "openrouter:datetime",
    "openrouter:fusion",
    "openrouter:image_generation",
    "openrouter:experimental__search_models",
    "openrouter:shell",
    "openrouter:subagent",
    "openrouter:tool_search",
    "openrouter:web_fetch",
    "openrouter:web_search",
];

/// Lowercase hex of SHA-256.
pub fn sha256_hex(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(input.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
    out
}

/// The masked form OpenRouter shows for a key: `sk-or-v1-0e6...1c96`.
pub fn label_for(secret: &str) -> String {
    let body = secret.strip_prefix("sk-or-v1-").unwrap_or(secret);
    let head: String = body.chars().take(3).collect();
    let tail: String = body
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("sk-or-v1-{head}...{tail}")
}

/// `default_guardrail_id` is derived from the workspace id (api-notes 13): a name-based UUID.
pub fn guardrail_id_for(workspace_id: &str) -> String {
    name_uuid(&format!("guardrail:{workspace_id}"))
}

/// A stable, name-based UUID (version 5 layout) from any text.
pub fn name_uuid(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes).to_string()
}

/// The id of a Default-workspace membership, which is implicit and so never stored.
pub fn implicit_member_id(workspace_id: &str, user_id: &str) -> String {
    name_uuid(&format!("member:{workspace_id}:{user_id}"))
}

/// The current time as the API writes timestamps.
pub fn now() -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    time::OffsetDateTime::now_utc()
        .format(fmt)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_owned())
}

/// A workspace as stored.
#[derive(Debug, Clone)]
pub struct WorkspaceRow {
    /// UUID.
    pub id: String,
    /// Unique slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// Model defaults.
    pub default_text_model: Option<String>,
    /// Model defaults.
    pub default_image_model: Option<String>,
    /// Open enum.
    pub default_provider_sort: Option<String>,
    /// Whether BYOK spend counts against budgets.
    pub include_byok_in_budgets: bool,
    /// JSON array text, or None.
    pub io_logging_api_key_ids: Option<Vec<i64>>,
    /// 0.0001..1.
    pub io_logging_sampling_rate: f64,
    /// Flags.
    pub is_data_discount_logging_enabled: bool,
    /// Flags.
    pub is_observability_broadcast_enabled: bool,
    /// Flags.
    pub is_observability_io_logging_enabled: bool,
    /// Creation time.
    pub created_at: String,
    /// Last change, or None if never changed.
    pub updated_at: Option<String>,
    /// Creating user.
    pub created_by: Option<String>,
    /// The Default workspace: deleted only with `confirm_default_workspace_deletion=true`,
    /// all org members implicitly in it.
    pub is_default: bool,
    /// Server tools turned off for the workspace's requests; `None` when none are.
    pub disabled_server_tools: Option<Vec<String>>,
}

/// Columns in the order [`WorkspaceRow::from_row`] reads them.
pub const WORKSPACE_COLS: &str = "id, slug, name, description, default_text_model, default_image_model, \
    default_provider_sort, include_byok_in_budgets, io_logging_api_key_ids, io_logging_sampling_rate, \
    is_data_discount_logging_enabled, is_observability_broadcast_enabled, \
    is_observability_io_logging_enabled, created_at, updated_at, created_by, is_default, \
    disabled_server_tools";

impl WorkspaceRow {
    /// A workspace as a create makes one: the API's defaults for every setting.
    pub fn new(
        id: String,
        name: &str,
        slug: &str,
        created_at: String,
        created_by: Option<String>,
    ) -> Self {
        WorkspaceRow {
            id,
            slug: slug.to_owned(),
            name: name.to_owned(),
            description: None,
            default_text_model: None,
            default_image_model: None,
            default_provider_sort: None,
            include_byok_in_budgets: false,
            io_logging_api_key_ids: None,
            io_logging_sampling_rate: 1.0,
            is_data_discount_logging_enabled: true,
            is_observability_broadcast_enabled: false,
            is_observability_io_logging_enabled: false,
            created_at,
            updated_at: None,
            created_by,
            is_default: false,
            disabled_server_tools: None,
        }
    }

    /// Reads a row selected with [`WORKSPACE_COLS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let ids: Option<String> = r.get(8)?;
        Ok(Self {
            id: r.get(0)?,
            slug: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            default_text_model: r.get(4)?,
            default_image_model: r.get(5)?,
            default_provider_sort: r.get(6)?,
            include_byok_in_budgets: r.get(7)?,
            io_logging_api_key_ids: ids.and_then(|s| serde_json::from_str(&s).ok()),
            io_logging_sampling_rate: r.get(9)?,
            is_data_discount_logging_enabled: r.get(10)?,
            is_observability_broadcast_enabled: r.get(11)?,
            is_observability_io_logging_enabled: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
            created_by: r.get(15)?,
            is_default: r.get(16)?,
            disabled_server_tools: r
                .get::<_, Option<String>>(17)?
                .and_then(|s| serde_json::from_str(&s).ok()),
        })
    }

    /// The API's `Workspace` object.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "default_guardrail_id": guardrail_id_for(&self.id),
            "name": self.name,
            "slug": self.slug,
            "description": self.description,
            "default_text_model": self.default_text_model,
            "default_image_model": self.default_image_model,
            "default_provider_sort": self.default_provider_sort,
            "include_byok_in_budgets": self.include_byok_in_budgets,
            "is_observability_io_logging_enabled": self.is_observability_io_logging_enabled,
            "is_observability_broadcast_enabled": self.is_observability_broadcast_enabled,
            "is_data_discount_logging_enabled": self.is_data_discount_logging_enabled,
            "io_logging_sampling_rate": self.io_logging_sampling_rate,
            "io_logging_api_key_ids": self.io_logging_api_key_ids,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "created_by": self.created_by,
            "disabled_server_tools": self.disabled_server_tools,
        })
    }

    /// Stores it: a new row, or every mutable column of the row with its id (its id, creation,
    /// creator and Default flag stay as first stored).
    pub fn save(&self, conn: &Connection) -> rusqlite::Result<()> {
        let ids = self
            .io_logging_api_key_ids
            .as_ref()
            .map(|v| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned()));
        conn.prepare_cached(&format!(
            "INSERT INTO workspaces ({WORKSPACE_COLS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18) \
             ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, name = excluded.name, \
             description = excluded.description, default_text_model = excluded.default_text_model, \
             default_image_model = excluded.default_image_model, \
             default_provider_sort = excluded.default_provider_sort, \
             include_byok_in_budgets = excluded.include_byok_in_budgets, \
             io_logging_api_key_ids = excluded.io_logging_api_key_ids, \
             io_logging_sampling_rate = excluded.io_logging_sampling_rate, \
             is_data_discount_logging_enabled = excluded.is_data_discount_logging_enabled, \
             is_observability_broadcast_enabled = excluded.is_observability_broadcast_enabled, \
             is_observability_io_logging_enabled = excluded.is_observability_io_logging_enabled, \
             updated_at = excluded.updated_at, disabled_server_tools = excluded.disabled_server_tools"
        ))?
        .execute(params![
            self.id,
            self.slug,
            self.name,
            self.description,
            self.default_text_model,
            self.default_image_model,
            self.default_provider_sort,
            self.include_byok_in_budgets,
            ids,
            self.io_logging_sampling_rate,
            self.is_data_discount_logging_enabled,
            self.is_observability_broadcast_enabled,
            self.is_observability_io_logging_enabled,
            self.created_at,
            self.updated_at,
            self.created_by,
            self.is_default,
            self.tools_json(),
        ])?;
        Ok(())
    }

    fn tools_json(&self) -> Option<String> {
        self.disabled_server_tools
            .as_ref()
            .map(|v| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned()))
    }
}

/// A row kept in a table of its own under a UUID `id`: what [`find`] and [`delete`] need.
pub trait Stored: Sized {
    /// Its table.
    const TABLE: &'static str;
    /// The columns `read` takes, in its order.
    const COLS: &'static str;
    /// What a 404 calls it ("destination").
    const NOUN: &'static str;
    /// Reads a row selected with `COLS`.
    fn read(r: &Row<'_>) -> rusqlite::Result<Self>;
}

/// Declares a row type [`Stored`]: `stored!(Type, "table", COLS, "noun")`, read by the type's
/// own `from_row`.
#[macro_export]
macro_rules! stored {
    ($row:ty, $table:literal, $cols:expr, $noun:literal) => {
        impl $crate::store::Stored for $row {
            const TABLE: &'static str = $table;
            const COLS: &'static str = $cols;
            const NOUN: &'static str = $noun;
            fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                <$row>::from_row(r)
            }
        }
    };
}

/// The row with `id`, if there is one.
pub fn lookup<T: Stored>(db: &Connection, id: &str) -> Result<Option<T>, ApiError> {
    let sql = format!("SELECT {} FROM {} WHERE id = ?1", T::COLS, T::TABLE);
    Ok(db
        .prepare_cached(&sql)?
        .query_row([id], T::read)
        .optional()?)
}

/// The row with `id`, or a 404 naming it.
pub fn find<T: Stored>(db: &Connection, id: &str) -> Result<T, ApiError> {
    lookup(db, id)?.ok_or_else(|| ApiError::not_found(format!("{} {id:?} not found", T::NOUN)))
}

/// Deletes the row with `id` (nothing points at it), or answers a 404 naming it.
pub fn delete<T: Stored>(db: &Connection, id: &str) -> Result<(), ApiError> {
    let n = db
        .prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", T::TABLE))?
        .execute([id])?;
    if n == 0 {
        return Err(ApiError::not_found(format!("{} {id:?} not found", T::NOUN)));
    }
    Ok(())
}

crate::stored!(WorkspaceRow, "workspaces", WORKSPACE_COLS, "workspace");

/// Finds a workspace by UUID or slug (api-notes: `id` is either).
pub fn find_workspace(conn: &Connection, id_or_slug: &str) -> Result<WorkspaceRow, ApiError> {
    conn.prepare_cached(&format!(
        "SELECT {WORKSPACE_COLS} FROM workspaces WHERE id = ?1 OR slug = ?1 ORDER BY id = ?1 DESC LIMIT 1"
    ))?
    .query_row([id_or_slug], WorkspaceRow::from_row)
    .optional()?
    .ok_or_else(|| ApiError::not_found(format!("workspace {id_or_slug:?} not found")))
}

/// The Default workspace, or None once it was deleted (with the confirmation).
pub fn default_workspace(conn: &Connection) -> Result<Option<WorkspaceRow>, ApiError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {WORKSPACE_COLS} FROM workspaces WHERE is_default = 1 LIMIT 1"
        ))?
        .query_row([], WorkspaceRow::from_row)
        .optional()?)
}

/// The workspace a BYOK or destination call names by `workspace_id` (a UUID, not a slug), or
/// the Default workspace when it names none. `None` for a UUID no workspace has: a list then
/// lists nothing, a create refuses it.
pub fn workspace_by_uuid(
    conn: &Connection,
    workspace_id: Option<&str>,
) -> Result<Option<WorkspaceRow>, ApiError> {
    let Some(id) = workspace_id else {
        return match default_workspace(conn)? {
            Some(ws) => Ok(Some(ws)),
            None => Err(ApiError::bad_request(
                "workspace_id: the default workspace was deleted; pass workspace_id explicitly",
            )),
        };
    };
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(ApiError::bad_request(format!(
            "workspace_id: {id:?} is not a UUID (this call does not take a slug)"
        )));
    }
    lookup(conn, id)
}

/// The workspace a create body's `workspace_id` names (a UUID; the Default workspace when
/// absent), or a 400 naming the field.
pub fn body_workspace(conn: &Connection, body: &JsonObject) -> Result<WorkspaceRow, ApiError> {
    let id = body.string("workspace_id")?.not_null("workspace_id")?;
    workspace_by_uuid(conn, id.as_deref())?.ok_or_else(|| {
        ApiError::bad_request("workspace_id: no workspace of this organization has that id")
    })
}

/// A credential masked as OpenRouter shows one (`sk-...AbCd`): its first three and last four
/// characters, and nothing of one shorter than 16 characters (where those seven would be most
/// of it).
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    if n < 16 {
        return "...".to_owned();
    }
    let head: String = secret.chars().take(3).collect();
    let tail: String = secret.chars().skip(n - 4).collect();
    format!("{head}...{tail}")
}

/// An array column, stored as JSON text; `None` is SQL NULL.
pub fn json_column(list: &Option<Vec<String>>) -> Option<String> {
    list.as_ref().map(|l| Value::from(l.clone()).to_string())
}

/// An array column read back (NULL or unreadable text is `None`).
pub fn from_json_column(text: Option<String>) -> Option<Vec<String>> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// Rounds to 1/10000 of a dollar so sums of seeded floats print cleanly.
pub fn round_cents(v: f64) -> f64 {
    // Only below 1e11 do four decimals fit in a double's 53 bits once scaled; above it there
    // is nothing to round, and scaling would cost exactness or, past ~1.8e304, overflow to
    // infinity (serialized as `null`, which reads as "no limit").
    if v.abs() < 1e11 {
        (v * 10_000.0).round() / 10_000.0
    } else {
        v
    }
}

/// The organization's first admin: who the management key acts as (a workspace's
/// `created_by`, an assignment's `assigned_by`).
pub fn first_admin(db: &Connection) -> Result<Option<String>, ApiError> {
    Ok(db
        .prepare_cached("SELECT id FROM users WHERE role = 'admin' ORDER BY seq LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

/// Whether `id` is a member of the organization.
pub fn user_exists(db: &Connection, id: &str) -> Result<bool, ApiError> {
    Ok(db
        .prepare_cached("SELECT seq FROM users WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// An organization member.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// `user_...`.
    pub id: String,
    /// Email.
    pub email: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// `admin` or `member` (the org list prefixes `org:`).
    pub role: String,
    /// Managed by SCIM: cannot be removed from workspaces by hand.
    pub scim: bool,
    /// When they joined the organization.
    pub created_at: String,
}

impl UserRow {
    /// Inserts this user.
    pub fn insert(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.prepare_cached(
            "INSERT INTO users (id, email, first_name, last_name, role, scim, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7)",
        )?
        .execute(params![
            self.id,
            self.email,
            self.first_name,
            self.last_name,
            self.role,
            self.scim,
            self.created_at
        ])?;
        Ok(())
    }
}
