//! What every handler shares: the database, the management key's hash, the seed to reset to,
//! and the optional control surface and rate limiter.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use crate::control::{Control, RateLimiter};
use crate::seed::{SeedKind, SeedScale};

/// Everything the handlers share.
pub struct AppState {
    /// One connection behind a mutex: SQLite serializes writers anyway, and queries here
    /// take microseconds, so a pool would add nothing but contention on the WAL.
    pub db: Mutex<Connection>,
    /// SHA-256 of the management key; the key itself is not kept around.
    pub management_hash: String,
    /// The management key's masked label, for `GET /key`.
    pub management_label: String,
    /// The seed to return to on reset.
    pub seed: (SeedKind, SeedScale),
    /// The control surface, when `--control` is on.
    pub control: Option<Control>,
    /// The per-key limiter, when `--rate-limit` is on.
    pub rate_limit: Option<RateLimiter>,
    /// `--serve DIR`.
    pub serve_dir: Option<PathBuf>,
    /// CORS on (the default) or off (`--no-cors`).
    pub cors: bool,
}

/// Shared state handle.
pub type Shared = Arc<AppState>;

impl AppState {
    /// Locks the database; a poisoned lock is still usable because every write is a
    /// transaction that either committed or rolled back.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }
}
