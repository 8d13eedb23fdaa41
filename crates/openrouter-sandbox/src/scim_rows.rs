//! SCIM's stored rows and the one rule that turns mappings into workspace memberships.
//!
//! The identity provider's groups and who is in them live in `scim_groups` and
//! `scim_group_users` (the API lists groups but never their members; the control route
//! `POST /__sandbox/scim` plays the provider). A mapping (group, workspace, role) grants every
//! member of the group a membership of the workspace; [`reconcile`] makes a workspace's
//! memberships agree with its mappings:
//!
//! * a user in several mapped groups gets the highest role (admin over member);
//! * a membership made by hand (`members.scim = 0`) is never touched, whatever the mappings;
//! * a SCIM membership no mapping grants any more is removed, or (a mapping deleted with
//!   `keep_members=true`) kept as a manual one with the role it had;
//! * the Default workspace holds every member implicitly, so mappings to it change nothing.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use crate::store::{name_uuid, now, ORGANIZATION_ID};

/// A group of the identity provider.
#[derive(Debug, Clone)]
pub struct GroupRow {
    /// UUID.
    pub id: String,
    /// The provider's own id for it.
    pub external_id: Option<String>,
    /// Its name.
    pub display_name: String,
    /// When it was provisioned.
    pub created_at: String,
    /// Its last change.
    pub updated_at: String,
}

/// Columns in the order [`GroupRow::from_row`] reads them.
pub const GROUP_COLS: &str = "id, external_id, display_name, created_at, updated_at";

impl GroupRow {
    /// Reads a row selected with [`GROUP_COLS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            external_id: r.get(1)?,
            display_name: r.get(2)?,
            created_at: r.get(3)?,
            updated_at: r.get(4)?,
        })
    }

    /// The API's `ScimGroup`.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "organization_id": ORGANIZATION_ID,
            "external_id": self.external_id,
            "display_name": self.display_name,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }

    /// Stores it (new, or its name and change time).
    pub fn save(&self, db: &Connection) -> rusqlite::Result<()> {
        db.prepare_cached(&format!(
            "INSERT INTO scim_groups ({GROUP_COLS}) VALUES (?1,?2,?3,?4,?5) ON CONFLICT (id) DO UPDATE \
             SET display_name = excluded.display_name, updated_at = excluded.updated_at"
        ))?
        .execute(params![
            self.id,
            self.external_id,
            self.display_name,
            self.created_at,
            self.updated_at
        ])?;
        Ok(())
    }
}

crate::stored!(GroupRow, "scim_groups", GROUP_COLS, "SCIM group");

/// A group-to-workspace mapping.
#[derive(Debug, Clone)]
pub struct MappingRow {
    /// UUID.
    pub id: String,
    /// The group (fixed once made).
    pub scim_group_id: String,
    /// The workspace (fixed once made).
    pub workspace_id: String,
    /// `admin` or `member`.
    pub role: String,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
}

/// Columns in the order [`MappingRow::from_row`] reads them.
pub const MAPPING_COLS: &str = "id, scim_group_id, workspace_id, role, created_at, updated_at";

impl MappingRow {
    /// Reads a row selected with [`MAPPING_COLS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            scim_group_id: r.get(1)?,
            workspace_id: r.get(2)?,
            role: r.get(3)?,
            created_at: r.get(4)?,
            updated_at: r.get(5)?,
        })
    }

    /// The API's `ScimGroupMapping`.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "organization_id": ORGANIZATION_ID,
            "scim_group_id": self.scim_group_id,
            "workspace_id": self.workspace_id,
            "role": self.role,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }

    /// Stores it: new, or its role and change time (group and workspace never change).
    pub fn save(&self, db: &Connection) -> rusqlite::Result<()> {
        db.prepare_cached(&format!(
            "INSERT INTO scim_mappings ({MAPPING_COLS}) VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (id) \
             DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at"
        ))?
        .execute(params![
            self.id,
            self.scim_group_id,
            self.workspace_id,
            self.role,
            self.created_at,
            self.updated_at
        ])?;
        Ok(())
    }

    /// The mapping of this group to this workspace, if there is one.
    pub fn of(db: &Connection, group: &str, workspace: &str) -> rusqlite::Result<Option<Self>> {
        db.prepare_cached(&format!(
            "SELECT {MAPPING_COLS} FROM scim_mappings WHERE scim_group_id = ?1 AND workspace_id = ?2"
        ))?
        .query_row([group, workspace], Self::from_row)
        .optional()
    }
}

crate::stored!(
    MappingRow,
    "scim_mappings",
    MAPPING_COLS,
    "SCIM group mapping"
);

/// What happens to a SCIM membership no mapping grants any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orphans {
    /// It stays, as a manual membership (`keep_members=true`).
    Keep,
    /// It goes.
    Remove,
}

/// Makes `workspace_id`'s memberships agree with its mappings (the rule in the module's doc);
/// a membership it makes is dated `at` and its id is named from workspace and user (so the
/// demo seed stays byte-identical). Call inside a transaction.
pub fn reconcile(
    db: &Connection,
    workspace_id: &str,
    orphans: Orphans,
    at: &str,
) -> rusqlite::Result<()> {
    let is_default: Option<bool> = db
        .prepare_cached("SELECT is_default FROM workspaces WHERE id = ?1")?
        .query_row([workspace_id], |r| r.get(0))
        .optional()?;
    if is_default != Some(false) {
        return Ok(());
    }
    let grants: HashMap<String, String> = db
        .prepare_cached(
            "SELECT gu.user_id, MAX(CASE m.role WHEN 'admin' THEN 2 ELSE 1 END) \
             FROM scim_mappings m JOIN scim_group_users gu ON gu.group_id = m.scim_group_id \
             JOIN users u ON u.id = gu.user_id WHERE m.workspace_id = ?1 GROUP BY gu.user_id",
        )?
        .query_map([workspace_id], |r| {
            let level: i64 = r.get(1)?;
            Ok((
                r.get(0)?,
                if level == 2 { "admin" } else { "member" }.to_owned(),
            ))
        })?
        .collect::<Result<_, _>>()?;
    let held: HashMap<String, bool> = db
        .prepare_cached("SELECT user_id, scim FROM members WHERE workspace_id = ?1")?
        .query_map([workspace_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut granted: Vec<(&String, &String)> = grants.iter().collect();
    granted.sort();
    for (user, role) in granted {
        match held.get(user) {
            Some(false) => {} // manual: never touched
            Some(true) => {
                db.prepare_cached(
                    "UPDATE members SET role = ?3 WHERE workspace_id = ?1 AND user_id = ?2",
                )?
                .execute(params![workspace_id, user, role])?;
            }
            None => {
                db.prepare_cached(
                    "INSERT INTO members (id, workspace_id, user_id, created_at, role, scim) \
                     VALUES (?1,?2,?3,?4,?5,1)",
                )?
                .execute(params![
                    name_uuid(&format!("scim-member:{workspace_id}:{user}")),
                    workspace_id,
                    user,
                    at,
                    role
                ])?;
            }
        }
    }
    for (user, scim) in &held {
        if !*scim || grants.contains_key(user) {
            continue;
        }
        let sql = match orphans {
            Orphans::Keep => "UPDATE members SET scim = 0 WHERE workspace_id = ?1 AND user_id = ?2",
            Orphans::Remove => "DELETE FROM members WHERE workspace_id = ?1 AND user_id = ?2",
        };
        db.prepare_cached(sql)?.execute([workspace_id, user])?;
    }
    Ok(())
}

/// Reconciles every workspace `group` is mapped to (after its members changed).
pub fn reconcile_group(db: &Connection, group: &str) -> rusqlite::Result<()> {
    let workspaces: Vec<String> = db
        .prepare_cached("SELECT workspace_id FROM scim_mappings WHERE scim_group_id = ?1")?
        .query_map([group], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for ws in workspaces {
        reconcile(db, &ws, Orphans::Remove, &now())?;
    }
    Ok(())
}

/// The identity provider deleted `group`: it and its mappings go, and the access that came
/// only from it with them. Counted for the next sync job's `deleted_groups`.
pub fn delete_group(db: &Connection, group: &str) -> rusqlite::Result<()> {
    let workspaces: Vec<String> = db
        .prepare_cached("SELECT workspace_id FROM scim_mappings WHERE scim_group_id = ?1")?
        .query_map([group], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    db.prepare_cached("DELETE FROM scim_mappings WHERE scim_group_id = ?1")?
        .execute([group])?;
    db.prepare_cached("DELETE FROM scim_group_users WHERE group_id = ?1")?
        .execute([group])?;
    db.prepare_cached("DELETE FROM scim_groups WHERE id = ?1")?
        .execute([group])?;
    for ws in workspaces {
        reconcile(db, &ws, Orphans::Remove, &now())?;
    }
    bump(db, DELETED_SINCE_SYNC, 1)
}

/// Groups deleted at the provider since the last finished sync job.
pub const DELETED_SINCE_SYNC: &str = "scim_deleted_since_sync";

/// The message the next sync job fails with (`POST /__sandbox/scim` `fail_next_sync`).
pub const FAIL_NEXT_SYNC: &str = "scim_fail_next_sync";

/// Adds `n` to the counter `k` of the `meta` table.
pub fn bump(db: &Connection, k: &str, n: i64) -> rusqlite::Result<()> {
    db.prepare_cached(
        "INSERT INTO meta (k, v) VALUES (?1, ?2) \
         ON CONFLICT (k) DO UPDATE SET v = CAST(CAST(v AS INTEGER) + ?2 AS TEXT)",
    )?
    .execute(params![k, n.to_string()])?;
    Ok(())
}

/// Takes (reads and removes) the `meta` value `k`.
pub fn take_meta(db: &Connection, k: &str) -> rusqlite::Result<Option<String>> {
    let v: Option<String> = db
        .prepare_cached("SELECT v FROM meta WHERE k = ?1")?
        .query_row([k], |r| r.get(0))
        .optional()?;
    db.prepare_cached("DELETE FROM meta WHERE k = ?1")?
        .execute([k])?;
    Ok(v)
}

/// A sync job.
#[derive(Debug, Clone)]
pub struct JobRow {
    /// UUID.
    pub id: String,
    /// `queued`, `running`, `succeeded`, `failed`.
    pub status: String,
    /// When it was asked for.
    pub created_at: String,
    /// When it started.
    pub started_at: Option<String>,
    /// When it ended.
    pub finished_at: Option<String>,
    /// Groups it read from the provider.
    pub synced_groups: Option<i64>,
    /// Groups the provider had deleted.
    pub deleted_groups: Option<i64>,
    /// Why it failed.
    pub error_message: Option<String>,
    /// The failure the control surface set for it, shown when it ends.
    pub fail_with: Option<String>,
}

/// Columns in the order [`JobRow::from_row`] reads them.
pub const JOB_COLS: &str = "id, status, created_at, started_at, finished_at, synced_groups, \
    deleted_groups, error_message, fail_with";

impl JobRow {
    /// Reads a row selected with [`JOB_COLS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            status: r.get(1)?,
            created_at: r.get(2)?,
            started_at: r.get(3)?,
            finished_at: r.get(4)?,
            synced_groups: r.get(5)?,
            deleted_groups: r.get(6)?,
            error_message: r.get(7)?,
            fail_with: r.get(8)?,
        })
    }

    /// The SDK's `ScimSyncJob`.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "status": self.status,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "synced_groups": self.synced_groups,
            "deleted_groups": self.deleted_groups,
            "error_message": self.error_message,
        })
    }

    /// Stores it (new, or its progress).
    pub fn save(&self, db: &Connection) -> rusqlite::Result<()> {
        db.prepare_cached(&format!(
            "INSERT INTO scim_sync_jobs ({JOB_COLS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) \
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at, \
             finished_at = excluded.finished_at, synced_groups = excluded.synced_groups, \
             deleted_groups = excluded.deleted_groups, error_message = excluded.error_message"
        ))?
        .execute(params![
            self.id,
            self.status,
            self.created_at,
            self.started_at,
            self.finished_at,
            self.synced_groups,
            self.deleted_groups,
            self.error_message,
            self.fail_with
        ])?;
        Ok(())
    }

    /// One step of progress, taken each time the job is read: queued -> running -> succeeded
    /// (or failed, with the message the control surface set). A read is what moves it, so a
    /// test sees each state in order whatever the machine's speed.
    pub fn advance(&mut self, db: &Connection) -> rusqlite::Result<()> {
        match self.status.as_str() {
            "queued" => {
                self.status = "running".to_owned();
                self.started_at = Some(now());
            }
            "running" => {
                self.finished_at = Some(now());
                if let Some(message) = self.fail_with.clone() {
                    self.status = "failed".to_owned();
                    self.error_message = Some(message);
                } else {
                    self.status = "succeeded".to_owned();
                    let groups: i64 =
                        db.query_row("SELECT COUNT(*) FROM scim_groups", [], |r| r.get(0))?;
                    let deleted = take_meta(db, DELETED_SINCE_SYNC)?
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    self.synced_groups = Some(groups);
                    self.deleted_groups = Some(deleted);
                }
            }
            _ => return Ok(()),
        }
        self.save(db)
    }
}

crate::stored!(JobRow, "scim_sync_jobs", JOB_COLS, "SCIM sync job");
