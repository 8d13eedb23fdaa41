//! The demo's identity provider and the generations its feedback is about. The provider: a few groups of the organization's SCIM-provisioned people,
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

/// The generations the demo seeds: `(id, model)`.
pub const DEMO_GENERATIONS: &[(&str, &str)] = &[
    ("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", "openai/gpt-4.1"),
    (
        "gen-1733512800-Qb7sKx2LmPzR9dVw4hNc",
        "anthropic/claude-sonnet-4",
    ),
    (
        "gen-1733516400-Hf3TyU8eWqJk6rLp0sAb",
        "google/gemini-2.5-flash",
    ),
    (
        "gen-1733520000-Zm5NcV1xBgRt7yKd2eQo",
        "deepseek/deepseek-r1",
    ),
    (
        "gen-1733523600-Lw9PaS4uIjOh3nMf8cXe",
        "meta-llama/llama-3.3-70b-instruct",
    ),
    ("gen-1733527200-Tr6GbE2kYvDs0qWz5uNi", "openai/gpt-4.1-mini"),
];

/// Writes the demo's generations.
pub fn seed_generations(db: &Connection, created_at: &str) -> rusqlite::Result<()> {
    for (id, model) in DEMO_GENERATIONS {
        db.prepare_cached("INSERT INTO generations (id, model, created_at) VALUES (?1,?2,?3)")?
            .execute(params![id, model, created_at])?;
    }
    Ok(())
}
