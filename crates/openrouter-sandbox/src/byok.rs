//! BYOK provider credentials (`/byok`, `/byok/{id}`), per workspace.
//!
//! The rules (the crate README says why for each):
//! * the raw provider `key` is write-only: only its SHA-256 and a masked `label` are stored,
//!   no answer carries it, and the request log holds method and path only;
//! * `is_fallback` and `is_byok_only` are exclusive, judged on the credential as it would be
//!   after the request (a PATCH setting one while the other is stored is refused too);
//! * `provider` must be one today's API serves ([`PROVIDERS`]) on create, as its schema's enum
//!   says; a list's `provider` filter is checked the same way. Answers are not limited to it;
//! * `workspace_id` is a UUID (no slug), defaulting to the Default workspace;
//! * `allowed_api_key_hashes` holds 1..100 hashes of keys of this organization.

use axum::response::Response;
use rusqlite::{params, Connection};

use crate::answer;
use crate::auth::Management;
use crate::byok_rows::{ByokRow, COLS};
use crate::error::{ApiError, ApiResult};
use crate::input::{Field, JsonObject, PathParams, QueryParams};
use crate::store::{self, find, mask, now, sha256_hex};

/// The providers today's API takes (@openrouter/sdk 1.3.19: the spec's list with eleven
/// added and `ncompass` gone).
pub const PROVIDERS: &[&str] = &[
    "ai21",
    "aion-labs",
    "akashml",
    "alibaba",
    "amazon-bedrock",
    "amazon-bedrock/claude-on-aws",
    "amazon-nova",
    "ambient",
    "anthropic",
    "anthropic/2",
    "arcee-ai",
    "assemblyai",
    "atlas-cloud",
    "avian",
    "azure",
    "baidu",
    "baseten",
    "black-forest-labs",
    "byteplus",
    "cerebras",
    "chutes",
    "cirrascale",
    "clarifai",
    "claude-on-aws",
    "cloudflare",
    "cohere",
    "coreweave",
    "cosine",
    "crusoe",
    "darkbloom",
    "databricks",
    "decart",
    "deepgram",
    "deepinfra",
    "deepseek",
    "dekallm",
    "digitalocean",
    "featherless",
    "fireworks",
    "fish-audio",
    "friendli",
    "gmicloud",
    "google-ai-studio",
    "google-vertex",
    "groq",
    "heygen",
    "inception",
    "inceptron",
    "inferact-vllm",
    "inference-net",
    "infermatic",
    "inflection",
    "io-net",
    "ionstream",
    "krea",
    "liquid",
    "makora",
    "mancer",
    "mara",
    "meta",
    "minimax",
    "mistral",
    "modal",
    "modelrun",
    "modular",
    "moonshotai",
    "morph",
    "near-ai",
    "nebius",
    "nex-agi",
    "nextbit",
    "novita",
    "nvidia",
    "ollama",
    "open-inference",
    "openai",
    "parasail",
    "perceptron",
    "perplexity",
    "phala",
    "poolside",
    "primeintellect",
    "quiver",
    "recraft",
    "reka",
    "relace",
    "runway",
    "sail-research",
    "sakana",
    "sakana-ai",
    "sambanova",
    "seed",
    "siliconflow",
    "sourceful",
    "stepfun",
    "streamlake",
    "switchpoint",
    "tencent",
    "tenstorrent",
    "thinkingmachines",
    "together",
    "typesafe",
    "unbiased",
    "upstage",
    "venice",
    "voyageai",
    "wafer",
    "wandb",
    "wandb-legacy",
    "xai",
    "xiaomi",
    "z-ai",
];

/// Providers the spec lists that today's API no longer takes on create.
const DROPPED_PROVIDERS: &[&str] = &["ncompass"];

/// Most entries an allow-list holds.
const MAX_LIST: usize = 100;

fn check_provider(p: &str) -> ApiResult<()> {
    if PROVIDERS.contains(&p) {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "provider: {p:?} is not a provider BYOK credentials can be added for"
        )))
    }
}

/// `GET /byok`: the Default workspace's credentials unless `workspace_id` names another.
pub async fn list(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let page = q.page()?;
    let provider = q.string("provider");
    // A filter may also name a provider the API dropped (its credentials may still exist).
    if let Some(p) = provider
        .as_deref()
        .filter(|p| !DROPPED_PROVIDERS.contains(p))
    {
        check_provider(p)?;
    }
    let db = state.db();
    let Some(ws) = store::workspace_by_uuid(&db, q.string("workspace_id").as_deref())? else {
        return Ok(answer::list(Vec::<serde_json::Value>::new(), 0));
    };
    let (data, total) = answer::page(
        &db,
        COLS,
        "byok_keys WHERE workspace_id = ?1 AND (?2 IS NULL OR provider = ?2)",
        "provider, sort_order, seq",
        &[&ws.id, &provider],
        page,
        |r| Ok(ByokRow::from_row(r)?.to_json()),
    )?;
    Ok(answer::list(data, total))
}

/// An allow-list field: `null` clears it; an array of 1..=100 (at least `min`) non-empty
/// strings, each a key hash of this organization when `hashes`.
fn allow_list(
    db: &Connection,
    body: &JsonObject,
    name: &str,
    min: usize,
    hashes: bool,
) -> ApiResult<Field<Vec<String>>> {
    let f = body.string_array(name)?;
    if let Field::Value(list) = &f {
        if list.len() < min {
            return Err(ApiError::bad_request(format!(
                "{name}: must hold at least {min} entry, or be null for no restriction"
            )));
        }
        if list.len() > MAX_LIST {
            return Err(ApiError::bad_request(format!(
                "{name}: must hold at most {MAX_LIST} entries, got {}",
                list.len()
            )));
        }
        for (i, item) in list.iter().enumerate() {
            if item.is_empty() {
                return Err(ApiError::bad_request(format!(
                    "{name}[{i}]: must not be empty"
                )));
            }
            if hashes {
                let hex = item.len() == 64
                    && item
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if !hex {
                    return Err(ApiError::bad_request(format!(
                        "{name}[{i}]: must be 64 lowercase hex characters"
                    )));
                }
                if crate::key_rows::find_key(db, item)?.is_none() {
                    return Err(ApiError::bad_request(format!(
                        "{name}[{i}]: no API key of this organization has that hash"
                    )));
                }
            }
        }
    }
    Ok(f)
}

/// A boolean that may not be `null`.
fn flag(body: &JsonObject, name: &str) -> ApiResult<Option<bool>> {
    body.boolean(name)?.not_null(name)
}

/// The key: a non-empty string. Its value is never put in a message.
fn provider_key(body: &JsonObject) -> ApiResult<Option<String>> {
    match body.string("key")?.not_null("key")? {
        Some(k) if k.is_empty() => Err(ApiError::bad_request("key: must not be empty")),
        other => Ok(other),
    }
}

/// `name`: a string of at most 255 characters, or `null`.
fn name_field(body: &JsonObject) -> ApiResult<Field<String>> {
    let f = body.string("name")?;
    if let Field::Value(n) = &f {
        let len = n.chars().count();
        if len > 255 {
            return Err(ApiError::bad_request(format!(
                "name: must be at most 255 characters, got {len}"
            )));
        }
    }
    Ok(f)
}

/// Applies the fields create and update share; `is_fallback` with `is_byok_only` is judged
/// on the result.
fn apply(db: &Connection, row: &mut ByokRow, body: &JsonObject) -> ApiResult<()> {
    name_field(body)?.write(&mut row.name);
    if let Some(v) = flag(body, "disabled")? {
        row.disabled = v;
    }
    if let Some(v) = flag(body, "is_fallback")? {
        row.is_fallback = v;
    }
    if let Some(v) = flag(body, "is_byok_only")? {
        row.is_byok_only = v;
    }
    if let Some(v) = flag(body, "is_required")? {
        row.is_required = v;
    }
    body.boolean("declared_zdr")?.write(&mut row.declared_zdr);
    for (name, min, hashes) in [
        ("allowed_models", 0, false),
        ("allowed_api_key_hashes", 1, true),
        ("allowed_user_ids", 0, false),
    ] {
        let slot = match name {
            "allowed_models" => &mut row.allowed_models,
            "allowed_api_key_hashes" => &mut row.allowed_api_key_hashes,
            _ => &mut row.allowed_user_ids,
        };
        allow_list(db, body, name, min, hashes)?.write(slot);
    }
    if row.is_fallback && row.is_byok_only {
        return Err(ApiError::bad_request(
            "is_byok_only: cannot be combined with is_fallback (a BYOK-only credential is never a fallback)",
        ));
    }
    Ok(())
}

/// `POST /byok` (201).
pub async fn create(Management(state): Management, body: JsonObject) -> ApiResult<Response> {
    let provider = body
        .string("provider")?
        .into_option()
        .ok_or_else(|| ApiError::bad_request("provider: required"))?;
    check_provider(&provider)?;
    let key = provider_key(&body)?.ok_or_else(|| ApiError::bad_request("key: required"))?;
    let db = state.db();
    let ws = store::body_workspace(&db, &body)?;
    let mut row = ByokRow::new(
        uuid::Uuid::new_v4().to_string(),
        ws.id,
        provider,
        &key,
        now(),
    );
    drop(key);
    apply(&db, &mut row, &body)?;
    row.sort_order = db
        .prepare_cached("SELECT COUNT(*) FROM byok_keys WHERE workspace_id = ?1 AND provider = ?2")?
        .query_row(params![row.workspace_id, row.provider], |r| r.get(0))?;
    row.save(&db)?;
    Ok(answer::created(row.to_json()))
}

/// `GET /byok/{id}`.
pub async fn get(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let row: ByokRow = find(&state.db(), path.at(0))?;
    Ok(answer::data(row.to_json()))
}

/// `PATCH /byok/{id}`: a `key` rotates the credential in place (new hash and label).
pub async fn update(
    path: PathParams,
    Management(state): Management,
    body: JsonObject,
) -> ApiResult<Response> {
    let db = state.db();
    let mut row: ByokRow = find(&db, path.at(0))?;
    if let Some(key) = provider_key(&body)? {
        row.label = mask(&key);
        row.key_sha256 = sha256_hex(&key);
    }
    apply(&db, &mut row, &body)?;
    row.save(&db)?;
    Ok(answer::data(row.to_json()))
}

/// `DELETE /byok/{id}`.
pub async fn delete(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    store::delete::<ByokRow>(&state.db(), path.at(0))?;
    Ok(answer::deleted())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::{DROPPED_PROVIDERS, PROVIDERS};

    /// The spec's `BYOKProviderSlug` enum. The sandbox keeps its own list on purpose (it must
    /// not depend on the core), so this test is what ties it to the spec.
    fn spec_providers() -> Vec<String> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../openapi/openrouter-management.yaml"
        ))
        .expect("read the spec");
        let spec: serde_json::Value = serde_norway::from_str(&text).expect("parse the spec");
        spec["components"]["schemas"]["BYOKProviderSlug"]["enum"]
            .as_array()
            .expect("BYOKProviderSlug.enum")
            .iter()
            .map(|p| p.as_str().expect("a slug").to_owned())
            .collect()
    }

    #[test]
    fn every_provider_of_the_spec_is_taken_or_named_as_dropped() {
        let spec = spec_providers();
        let missing: Vec<&String> = spec
            .iter()
            .filter(|p| {
                !PROVIDERS.contains(&p.as_str()) && !DROPPED_PROVIDERS.contains(&p.as_str())
            })
            .collect();
        assert!(
            missing.is_empty(),
            "spec providers the sandbox refuses: {missing:?}"
        );
        for p in DROPPED_PROVIDERS {
            assert!(
                spec.contains(&p.to_string()),
                "{p} is named dropped but not in the spec"
            );
            assert!(!PROVIDERS.contains(p), "{p} is both taken and dropped");
        }
        // The providers beyond the spec's are the ones @openrouter/sdk 1.3.19 added.
        let added = PROVIDERS
            .iter()
            .filter(|p| !spec.contains(&p.to_string()))
            .count();
        assert_eq!(
            PROVIDERS.len(),
            spec.len() - DROPPED_PROVIDERS.len() + added,
            "PROVIDERS holds a slug twice"
        );
    }
}
