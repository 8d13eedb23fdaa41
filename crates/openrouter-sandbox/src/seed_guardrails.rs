//! The demo organization's guardrails: what each restricts, and which keys and members it
//! governs (`seed.rs` writes them after the keys and members).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::store::{guardrail_id_for, name_uuid};

/// (workspace slug, name or None for the workspace's default guardrail, settings, how many
/// of the workspace's first keys it governs, which organization members it governs)
type SeedGuardrail = (
    &'static str,
    Option<&'static str>,
    fn() -> Value,
    usize,
    &'static [usize],
);

const GUARDRAILS: &[SeedGuardrail] = &[
    (
        "production",
        None,
        || {
            json!({
                "description": "Applies to every request in Production",
                "allowed_providers": ["openai", "anthropic", "google-ai-studio"],
                "allowed_data_regions": ["global", "europe"],
                "content_filter_builtins": [
                    {"slug": "email", "action": "redact", "label": "[EMAIL]"},
                    {"slug": "regex-prompt-injection", "action": "block", "label": "[REGEX_PROMPT_INJECTION]", "scan_scope": "user_only"}
                ],
            })
        },
        0,
        &[],
    ),
    (
        "production",
        Some("Customer chat: two models"),
        || {
            json!({
                "description": "The chat front end may only call the two models it was tested with",
                "allowed_models": ["openai/gpt-4o", "anthropic/claude-sonnet-4"],
                "limit_usd": 300.0, "reset_interval": "weekly",
            })
        },
        2,
        &[],
    ),
    (
        "production",
        Some("EU data only"),
        || {
            json!({
                "description": "Requests stay in Europe and on zero-data-retention endpoints",
                "allowed_data_regions": ["europe"],
                "enforce_zdr_anthropic": true, "enforce_zdr_google": true, "enforce_zdr_openai": true,
                "enforce_zdr_other": true, "enforce_zdr_xai": true,
            })
        },
        1,
        &[2, 4],
    ),
    (
        "research",
        Some("Evaluation budget"),
        || {
            json!({
                "description": "Daily spend cap for evaluation runs",
                "limit_usd": 150.0, "reset_interval": "daily", "include_byok_in_budgets": true,
                "ignored_providers": ["deepinfra"],
            })
        },
        2,
        &[5],
    ),
    (
        "support-bot",
        Some("PII redaction"),
        || {
            json!({
                "description": "Customer messages are redacted before they reach a model",
                "content_filter_builtins": [
                    {"slug": "email", "action": "redact", "label": "[EMAIL]"},
                    {"slug": "phone", "action": "redact", "label": "[PHONE]"},
                    {"slug": "credit-card", "action": "block", "label": "[CREDIT_CARD]"}
                ],
                "content_filters": [{"pattern": "\\bORDER-[0-9]{8}\\b", "action": "redact", "label": "[ORDER]"}],
                "allowed_models": ["google/gemini-2.5-flash"],
            })
        },
        2,
        &[],
    ),
];

/// The demo organization's guardrails (deterministic: ids from names, the given time), with
/// some keys and members assigned. `users` are the organization's user ids in seed order.
pub fn seed_guardrails(
    db: &Connection,
    users: &[String],
    created_at: &str,
) -> rusqlite::Result<()> {
    for (slug, name, settings, keys, members) in GUARDRAILS {
        let ws: Option<(String, String)> = db
            .query_row(
                "SELECT id, name FROM workspaces WHERE slug = ?1",
                [slug],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((ws_id, ws_name)) = ws else { continue };
        let mut doc = settings();
        let id = match name {
            Some(name) => {
                doc["name"] = (*name).into();
                name_uuid(&format!("demo guardrail {slug} {name}"))
            }
            None => {
                doc["name"] = format!("{ws_name} default guardrail").into();
                guardrail_id_for(&ws_id)
            }
        };
        db.execute(
            "INSERT INTO guardrails (id, workspace_id, doc, created_at, updated_at) VALUES (?1,?2,?3,?4,NULL)",
            params![id, ws_id, doc.to_string(), created_at],
        )?;
        let hashes: Vec<String> = db
            .prepare("SELECT hash FROM keys WHERE workspace_id = ?1 AND hash NOT IN (SELECT key_hash FROM guardrail_keys) ORDER BY seq LIMIT ?2")?
            .query_map(params![ws_id, *keys as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for hash in hashes {
            db.execute(
                "INSERT INTO guardrail_keys (id, guardrail_id, key_hash, assigned_by, created_at) VALUES (?1,?2,?3,?4,?5)",
                params![name_uuid(&format!("demo assignment {id} {hash}")), id, hash, users.first(), created_at],
            )?;
        }
        for &m in *members {
            let Some(user) = users.get(m) else { continue };
            db.execute(
                "INSERT INTO guardrail_members (id, guardrail_id, user_id, assigned_by, created_at) VALUES (?1,?2,?3,?4,?5)",
                params![name_uuid(&format!("demo assignment {id} {user}")), id, user, users.first(), created_at],
            )?;
        }
    }
    Ok(())
}
