//! The SQLite schema: every table of the sandbox, in one place (`store.rs` opens it; a column
//! added to a table that old `--db` files already have also goes in `store.rs`'s
//! `ADDED_COLUMNS`).
//!
//! `members.role` is a membership's own role (NULL: the member's organization role);
//! `members.scim` marks a membership a SCIM group mapping made (`scim_rows.rs` keeps it; it
//! cannot be removed by hand).

/// Every table and index, created if missing.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    role TEXT NOT NULL,
    scim INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS workspaces (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT,
    default_text_model TEXT,
    default_image_model TEXT,
    default_provider_sort TEXT,
    include_byok_in_budgets INTEGER NOT NULL DEFAULT 0,
    io_logging_api_key_ids TEXT,
    io_logging_sampling_rate REAL NOT NULL DEFAULT 1,
    is_data_discount_logging_enabled INTEGER NOT NULL DEFAULT 1,
    is_observability_broadcast_enabled INTEGER NOT NULL DEFAULT 0,
    is_observability_io_logging_enabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    created_by TEXT,
    is_default INTEGER NOT NULL DEFAULT 0,
    disabled_server_tools TEXT
);
CREATE TABLE IF NOT EXISTS members (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    role TEXT,
    scim INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, user_id)
);
CREATE TABLE IF NOT EXISTS budgets (
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    interval TEXT NOT NULL,
    limit_usd REAL NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (workspace_id, interval)
);
CREATE TABLE IF NOT EXISTS keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    hash TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    limit_usd REAL,
    limit_reset TEXT,
    include_byok_in_limit INTEGER NOT NULL,
    usage REAL NOT NULL,
    usage_daily REAL NOT NULL,
    usage_weekly REAL NOT NULL,
    usage_monthly REAL NOT NULL,
    byok_usage REAL NOT NULL,
    byok_usage_daily REAL NOT NULL,
    byok_usage_weekly REAL NOT NULL,
    byok_usage_monthly REAL NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    expires_at TEXT,
    creator_user_id TEXT,
    external_user TEXT,
    external_api_key_sha256 TEXT,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS keys_by_workspace ON keys (workspace_id, seq);
CREATE INDEX IF NOT EXISTS keys_by_workspace_enabled ON keys (workspace_id, disabled, seq);
CREATE INDEX IF NOT EXISTS keys_by_creator ON keys (creator_user_id, workspace_id);
CREATE TABLE IF NOT EXISTS byok_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    name TEXT,
    label TEXT NOT NULL,
    key_sha256 TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    is_fallback INTEGER NOT NULL,
    is_byok_only INTEGER NOT NULL,
    is_required INTEGER NOT NULL,
    declared_zdr INTEGER,
    allowed_models TEXT,
    allowed_api_key_hashes TEXT,
    allowed_user_ids TEXT,
    sort_order INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS byok_by_workspace ON byok_keys (workspace_id, seq);
CREATE TABLE IF NOT EXISTS destinations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    privacy_mode INTEGER NOT NULL,
    broadcast_generation_cost INTEGER NOT NULL,
    broadcast_generation_identity INTEGER NOT NULL,
    broadcast_generation_request_context INTEGER NOT NULL,
    sampling_rate REAL NOT NULL,
    api_key_hashes TEXT,
    filter_rules TEXT,
    config TEXT NOT NULL,
    regions TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS destinations_by_workspace ON destinations (workspace_id, type, seq);
-- Guardrails (`guardrails.rs`): the settable fields as one JSON document; a key holds one.
CREATE TABLE IF NOT EXISTS guardrails (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE INDEX IF NOT EXISTS guardrails_by_workspace ON guardrails (workspace_id, seq);
CREATE TABLE IF NOT EXISTS guardrail_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    guardrail_id TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    assigned_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS guardrail_keys_by_guardrail ON guardrail_keys (guardrail_id, seq);
CREATE TABLE IF NOT EXISTS guardrail_members (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    guardrail_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    assigned_by TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (guardrail_id, user_id)
);
-- SCIM (`scim.rs`, `scim_rows.rs`): the identity provider's groups and their members (which
-- the API never shows), the group-to-workspace mappings, the sync jobs.
CREATE TABLE IF NOT EXISTS scim_groups (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    external_id TEXT,
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scim_group_users (
    group_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE TABLE IF NOT EXISTS scim_mappings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    scim_group_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (scim_group_id, workspace_id)
);
CREATE TABLE IF NOT EXISTS scim_sync_jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    synced_groups INTEGER,
    deleted_groups INTEGER,
    error_message TEXT,
    fail_with TEXT
);
-- Generations (`feedback.rs`): the ids the demo made, and the feedback sent on them.
CREATE TABLE IF NOT EXISTS generations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    model TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS generation_feedback (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    generation_id TEXT NOT NULL,
    category TEXT NOT NULL,
    comment TEXT,
    created_at TEXT NOT NULL,
    sent_unix INTEGER NOT NULL
);
"#;
