//! What goes with a deleted workspace, guardrail or key. Every table that points at one of
//! them is named here once, and a test below fails naming any table of the schema with a
//! `workspace_id`, `guardrail_id` or `key_hash` column that is not: a new area's table is
//! added to one list, and every delete that should take its rows does.

use rusqlite::{params, Connection};

use crate::activity::retire_usage;
use crate::store::{now, WorkspaceRow};

/// Tables whose rows belong to one workspace (`workspace_id`) and are deleted with it. The
/// `keys` table is not here: its rows go (or, in the Default workspace, are revoked) apart.
const OF_WORKSPACE: &[&str] = &[
    "budgets",
    "members",
    "byok_keys",
    "destinations",
    "guardrails",
    "scim_mappings",
];

/// Tables whose rows belong to one guardrail (`guardrail_id`): its assignments.
const OF_GUARDRAIL: &[&str] = &["guardrail_keys", "guardrail_members"];

/// Tables whose rows belong to one key (`key_hash`).
const OF_KEY: &[&str] = &["guardrail_keys"];

/// Deletes a workspace and everything of it (call inside a transaction). Another workspace's
/// keys are deleted with their usage kept for `/credits`; the Default workspace's keys (the
/// account's unscoped inference keys) are kept, disabled for good, as the API does.
pub fn workspace(tx: &Connection, ws: &WorkspaceRow) -> rusqlite::Result<()> {
    if ws.is_default {
        tx.execute(
            "UPDATE keys SET disabled = 1, revoked = 1, updated_at = ?2 WHERE workspace_id = ?1",
            params![ws.id, now()],
        )?;
    } else {
        retire_usage(tx, "workspace_id = ?1", &ws.id)?;
        tx.execute("DELETE FROM keys WHERE workspace_id = ?1", [&ws.id])?;
    }
    for table in OF_GUARDRAIL {
        tx.execute(
            &format!(
                "DELETE FROM {table} WHERE guardrail_id IN (SELECT id FROM guardrails WHERE workspace_id = ?1)"
            ),
            [&ws.id],
        )?;
    }
    for table in OF_WORKSPACE {
        tx.execute(
            &format!("DELETE FROM {table} WHERE workspace_id = ?1"),
            [&ws.id],
        )?;
    }
    tx.execute("DELETE FROM workspaces WHERE id = ?1", [&ws.id])?;
    Ok(())
}

/// Deletes a guardrail and its assignments (call inside a transaction).
pub fn guardrail(tx: &Connection, id: &str) -> rusqlite::Result<()> {
    for table in OF_GUARDRAIL {
        tx.execute(
            &format!("DELETE FROM {table} WHERE guardrail_id = ?1"),
            [id],
        )?;
    }
    tx.execute("DELETE FROM guardrails WHERE id = ?1", [id])?;
    Ok(())
}

/// Deletes a key, keeping its lifetime usage for `/credits`, and its assignment.
pub fn key(db: &Connection, hash: &str) -> rusqlite::Result<()> {
    retire_usage(db, "hash = ?1", hash)?;
    db.prepare_cached("DELETE FROM keys WHERE hash = ?1")?
        .execute([hash])?;
    for table in OF_KEY {
        db.prepare_cached(&format!("DELETE FROM {table} WHERE key_hash = ?1"))?
            .execute([hash])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Every table of the schema with one of the columns, and the column.
    fn tables_with(db: &Connection, column: &str) -> Vec<String> {
        db.prepare(
            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND c.name = ?1 ORDER BY m.name",
        )
        .unwrap()
        .query_map([column], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    #[test]
    fn every_table_that_points_at_a_workspace_guardrail_or_key_is_in_its_cascade() {
        let db = crate::store::open(None).unwrap();
        for (column, listed, apart) in [
            ("workspace_id", OF_WORKSPACE, &["keys"][..]),
            ("guardrail_id", OF_GUARDRAIL, &[][..]),
            ("key_hash", OF_KEY, &[][..]),
        ] {
            let missing: Vec<String> = tables_with(&db, column)
                .into_iter()
                .filter(|t| !listed.contains(&t.as_str()) && !apart.contains(&t.as_str()))
                .collect();
            assert!(
                missing.is_empty(),
                "tables with a {column} column that no delete cascades to: {missing:?}; \
                 add them to cascade.rs"
            );
            for t in listed {
                assert!(
                    tables_with(&db, column).contains(&t.to_string()),
                    "{t} is listed for {column} but has no such column"
                );
            }
        }
    }

    /// Rows left anywhere that name `id` in `column`.
    fn left(db: &Connection, column: &str, id: &str) -> Vec<String> {
        tables_with(db, column)
            .into_iter()
            .filter(|t| {
                let n: i64 = db
                    .query_row(
                        &format!("SELECT COUNT(*) FROM {t} WHERE {column} = ?1"),
                        [id],
                        |r| r.get(0),
                    )
                    .unwrap();
                n > 0
            })
            .collect()
    }

    #[test]
    fn a_deleted_workspace_of_the_demo_leaves_no_row_behind() {
        let mut db = crate::store::open(None).unwrap();
        crate::seed::reseed(&mut db, crate::seed::SeedKind::Demo, Default::default()).unwrap();
        let all: Vec<String> = db
            .prepare("SELECT id FROM workspaces")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for id in all {
            let ws = crate::store::find_workspace(&db, &id).unwrap();
            let guardrails: Vec<String> = db
                .prepare("SELECT id FROM guardrails WHERE workspace_id = ?1")
                .unwrap()
                .query_map([&id], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let tx = db.transaction().unwrap();
            workspace(&tx, &ws).unwrap();
            tx.commit().unwrap();
            let mut left_over = left(&db, "workspace_id", &id);
            if ws.is_default {
                // Its keys stay, revoked.
                left_over.retain(|t| t != "keys");
            }
            assert!(
                left_over.is_empty(),
                "{}: rows left in {left_over:?}",
                ws.slug
            );
            for g in guardrails {
                assert!(left(&db, "guardrail_id", &g).is_empty(), "{}", ws.slug);
            }
        }
    }
}
