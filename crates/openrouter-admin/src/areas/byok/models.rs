//! The byok area's shapes.

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::json_writer::{to_str_value, ToValue, Value};
use crate::patch::Patch;
use crate::secret::Secret;
use crate::shapes::{id_type, KeyHash, Timestamp, WorkspaceId};
use serde::{Deserialize, Serialize};
use std::fmt;

id_type!(
    /// A BYOK provider credential's UUID.
    ByokKeyId
);
id_type!(
    /// The upstream provider a BYOK credential authenticates against, as a lowercase slug
    /// (`openai`, `amazon-bedrock`, `amazon-bedrock/claude-on-aws`). The list is open: the API
    /// adds providers, so any slug is kept when reading and sent when writing; the server
    /// judges it ([`BYOK_PROVIDERS`] is today's list, for pickers).
    ProviderSlug
);

to_str_value!(ProviderSlug);
string_value!(ProviderSlug => ProviderSlug::from);
crate::body::required_field!(ProviderSlug);

/// The BYOK providers today's API takes (the spec's list as @openrouter/sdk 1.3.19 has it:
/// eleven added, `ncompass` gone). Open: a provider not listed here is still sent as given.
pub const BYOK_PROVIDERS: &[&str] = &[
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

/// A BYOK provider credential (`BYOKKey` schema, with today's fields). The raw provider key
/// is write-only: no answer carries it, only the masked `label`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ByokKey {
    /// UUID.
    pub id: ByokKeyId,
    /// The upstream provider (an open list).
    pub provider: ProviderSlug,
    /// The workspace it is scoped to; `None` = global (usable in every workspace; not the
    /// Default workspace).
    pub workspace_id: Option<WorkspaceId>,
    /// A masked snippet of the provider key (`sk-...AbCd`).
    pub label: String,
    /// Display name (not required by the spec).
    #[serde(default)]
    pub name: Option<String>,
    /// Disabled credentials are not used.
    pub disabled: bool,
    /// Used only after the provider's non-fallback credentials were tried.
    pub is_fallback: bool,
    /// Requests to this provider use only BYOK credentials, never OpenRouter's own (today's
    /// API; `false` from one that predates it). Never together with `is_fallback`.
    #[serde(default)]
    pub is_byok_only: bool,
    /// Requests fail rather than run without this credential (today's API).
    #[serde(default)]
    pub is_required: bool,
    /// Whether the owner declared the provider account zero-data-retention; `None` = not
    /// declared (today's API).
    #[serde(default)]
    pub declared_zdr: Option<bool>,
    /// Model slugs it may serve; `None` = any.
    pub allowed_models: Option<Vec<String>>,
    /// API key hashes that may use it; `None` = any.
    pub allowed_api_key_hashes: Option<Vec<KeyHash>>,
    /// User ids that may use it; `None` = any.
    pub allowed_user_ids: Option<Vec<String>>,
    /// Position within the provider: tried in ascending order.
    pub sort_order: i64,
    /// Creation time.
    pub created_at: Timestamp,
}

body! {
    /// Body of `POST /byok` (`CreateBYOKKeyRequest`, with today's fields).
    pub struct CreateByokKey(provider: ProviderSlug, key: Secret) {
        /// The upstream provider (an open list, see [`BYOK_PROVIDERS`]).
        pub provider: ProviderSlug => new,
        /// The raw provider key: at least 1 character, write-only (never answered back).
        /// A [`Secret`]: redacted in `Debug` and `Display`.
        pub key: Secret => new,
        /// Up to 255 characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String> => into<String>,
        /// The workspace's UUID (a slug is refused before sending); default: the Default
        /// workspace.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<WorkspaceId> => into<WorkspaceId>,
        /// Created disabled.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub disabled: Option<bool> => into<bool>,
        /// A fallback credential; not with `is_byok_only`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_fallback: Option<bool> => into<bool>,
        /// BYOK only for this provider; not with `is_fallback`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_byok_only: Option<bool> => into<bool>,
        /// Requests fail without this credential.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_required: Option<bool> => into<bool>,
        /// Declared zero-data-retention.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub declared_zdr: Option<bool> => into<bool>,
        /// Up to 100 model slugs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_models: Option<Vec<String>> => into<Vec<String>>,
        /// 1..100 key hashes (64 lowercase hex each).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_api_key_hashes: Option<Vec<String>> => into<Vec<String>>,
        /// Up to 100 user ids.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_user_ids: Option<Vec<String>> => into<Vec<String>>,
    }
}

body! {
    /// Body of `PATCH /byok/{id}` (`UpdateBYOKKeyRequest`, with today's fields): only set
    /// fields are sent.
    pub struct UpdateByokKey() {
        /// A new raw provider key, replacing the old one in place; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub key: Patch<Secret> => into<Secret>,
        /// Up to 255 characters; nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => or_null_into<String>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub disabled: Patch<bool> => into<bool>,
        /// Not nullable; not with `is_byok_only`.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_fallback: Patch<bool> => into<bool>,
        /// Not nullable; not with `is_fallback`.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_byok_only: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_required: Patch<bool> => into<bool>,
        /// `Null` clears the declaration.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub declared_zdr: Patch<bool> => or_null<bool>,
        /// Up to 100; `Null` = any model.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_models: Patch<Vec<String>> => or_null<Vec<String>>,
        /// 1..100 hashes; `Null` = any key.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_api_key_hashes: Patch<Vec<String>> => or_null<Vec<String>>,
        /// Up to 100; `Null` = any user.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_user_ids: Patch<Vec<String>> => or_null<Vec<String>>,
    }
}
