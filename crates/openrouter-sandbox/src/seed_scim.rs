//! The demo's identity provider: a few groups of the organization's SCIM-provisioned people,
//! mapped to workspaces so that each rule shows (`scim_rows.rs`): Dennis is in Engineering
//! (member) and Platform Admins (admin) and so is an admin of Staging; the Support group maps
//! people who were already members of Support Bot by hand, which stay manual; Finance is
//! mapped nowhere.

use rusqlite::{params, Connection};

use crate::scim_rows::{reconcile, GroupRow, MappingRow, Orphans};
use crate::store::name_uuid;

/// (name, external id, member indexes into the demo's people)
const GROUPS: &[(&str, &str, &[usize])] = &[
    ("Engineering", "okta-00g1engineering", &[3, 7, 10]),
    ("Platform Admins", "okta-00g2platformadm", &[5, 10]),
    ("Research Scientists", "okta-00g3researchsci", &[5, 7]),
    ("Support", "okta-00g4supportteam", &[3, 10]),
    ("Finance", "okta-00g5financeteam", &[5]),
];

/// (group, workspace slug, role)
const MAPPINGS: &[(&str, &str, &str)] = &[
    ("Engineering", "staging", "member"),
    ("Platform Admins", "staging", "admin"),
    ("Research Scientists", "research", "member"),
    ("Support", "support-bot", "member"),
];

/// A demo group's id.
pub fn group_id(name: &str) -> String {
    name_uuid(&format!("scim-group:{name}"))
}

/// Writes the groups, their members and the mappings, and applies the mappings.
pub fn seed_identity(db: &Connection, users: &[String], at: &str) -> rusqlite::Result<()> {
    for (name, external, members) in GROUPS {
        let id = group_id(name);
        GroupRow {
            id: id.clone(),
            external_id: Some((*external).to_owned()),
            display_name: (*name).to_owned(),
            created_at: at.to_owned(),
            updated_at: at.to_owned(),
        }
        .save(db)?;
        for &m in *members {
            db.prepare_cached("INSERT INTO scim_group_users (group_id, user_id) VALUES (?1, ?2)")?
                .execute(params![id, users[m]])?;
        }
    }
    for (group, slug, role) in MAPPINGS {
        let workspace_id: String =
            db.query_row("SELECT id FROM workspaces WHERE slug = ?1", [slug], |r| {
                r.get(0)
            })?;
        MappingRow {
            id: name_uuid(&format!("scim-mapping:{group}:{slug}")),
            scim_group_id: group_id(group),
            workspace_id: workspace_id.clone(),
            role: (*role).to_owned(),
            created_at: at.to_owned(),
            updated_at: at.to_owned(),
        }
        .save(db)?;
        reconcile(db, &workspace_id, Orphans::Remove, at)?;
    }
    Ok(())
}
