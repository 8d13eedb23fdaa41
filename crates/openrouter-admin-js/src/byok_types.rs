//! The package's TypeScript types of BYOK provider keys and observability destinations (the
//! settings module's `WorkspaceSettings`), kept apart from `types.rs` by area; written and
//! checked the same way (see there).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const BYOK_AND_DESTINATION_TYPES: &'static str = r#"
/** A BYOK credential's upstream provider (today's list). Open: the API adds providers. */
export type ByokProvider =
  | "ai21" | "aion-labs" | "akashml" | "alibaba" | "amazon-bedrock"
  | "amazon-bedrock/claude-on-aws" | "amazon-nova" | "ambient" | "anthropic" | "anthropic/2"
  | "arcee-ai" | "assemblyai" | "atlas-cloud" | "avian" | "azure" | "baidu" | "baseten"
  | "black-forest-labs" | "byteplus" | "cerebras" | "chutes" | "cirrascale" | "clarifai"
  | "claude-on-aws" | "cloudflare" | "cohere" | "coreweave" | "cosine" | "crusoe" | "darkbloom"
  | "databricks" | "decart" | "deepgram" | "deepinfra" | "deepseek" | "dekallm" | "digitalocean"
  | "featherless" | "fireworks" | "fish-audio" | "friendli" | "gmicloud" | "google-ai-studio"
  | "google-vertex" | "groq" | "heygen" | "inception" | "inceptron" | "inferact-vllm"
  | "inference-net" | "infermatic" | "inflection" | "io-net" | "ionstream" | "krea" | "liquid"
  | "makora" | "mancer" | "mara" | "meta" | "minimax" | "mistral" | "modal" | "modelrun"
  | "modular" | "moonshotai" | "morph" | "near-ai" | "nebius" | "nex-agi" | "nextbit" | "novita"
  | "nvidia" | "ollama" | "open-inference" | "openai" | "parasail" | "perceptron" | "perplexity"
  | "phala" | "poolside" | "primeintellect" | "quiver" | "recraft" | "reka" | "relace" | "runway"
  | "sail-research" | "sakana" | "sakana-ai" | "sambanova" | "seed" | "siliconflow" | "sourceful"
  | "stepfun" | "streamlake" | "switchpoint" | "tencent" | "tenstorrent" | "thinkingmachines"
  | "together" | "typesafe" | "unbiased" | "upstage" | "venice" | "voyageai" | "wafer" | "wandb"
  | "wandb-legacy" | "xai" | "xiaomi" | "z-ai"
  | (string & {});
/** Options of `listByokKeys` / `iterateByokKeys`. */
export interface ByokListOptions extends ListOptions {
  /** The workspace's UUID (not its slug); default: the Default workspace. */
  workspaceId?: string;
  /** Only this provider's credentials. */
  provider?: ByokProvider;
}
/** A BYOK provider credential. Its key is never returned: `label` is a masked snippet. */
export interface ByokKey {
  id: string;
  provider: ByokProvider;
  /** `null` when global (usable in every workspace). */
  workspace_id: string | null;
  label: string;
  name?: string | null;
  disabled: boolean;
  /** Used only after the provider's other credentials; never with `is_byok_only`. */
  is_fallback: boolean;
  /** Requests to this provider use BYOK credentials only; never with `is_fallback`. */
  is_byok_only: boolean;
  /** Requests fail without this credential. */
  is_required: boolean;
  /** Declared zero data retention, or `null` when not declared. */
  declared_zdr: boolean | null;
  allowed_models: string[] | null;
  allowed_api_key_hashes: string[] | null;
  allowed_user_ids: string[] | null;
  sort_order: number;
  created_at: string;
}
/**
 * Body of `createByokKey`. `key` is the raw provider key: sent once, never returned; a
 * secret, so don't log it. `is_fallback` and `is_byok_only` cannot both be true.
 * `workspace_id` is a UUID; `allowed_api_key_hashes` 1..100 hashes of this organization's keys.
 */
export interface CreateByokKeyRequest {
  provider: ByokProvider;
  key: string;
  name?: string;
  workspace_id?: string;
  disabled?: boolean;
  is_fallback?: boolean;
  is_byok_only?: boolean;
  is_required?: boolean;
  declared_zdr?: boolean;
  allowed_models?: string[];
  allowed_api_key_hashes?: string[];
  allowed_user_ids?: string[];
}
/** Body of `updateByokKey`: leave a field out to keep it; `null` clears a nullable one. A `key` replaces the old one. */
export interface UpdateByokKeyRequest {
  key?: string;
  name?: string | null;
  disabled?: boolean;
  is_fallback?: boolean;
  is_byok_only?: boolean;
  is_required?: boolean;
  declared_zdr?: boolean | null;
  allowed_models?: string[] | null;
  allowed_api_key_hashes?: string[] | null;
  allowed_user_ids?: string[] | null;
}

/** An observability destination's type. Open: new types may appear in answers. */
export type DestinationType =
  | "arize" | "braintrust" | "clickhouse" | "datadog" | "grafana" | "langfuse" | "langsmith"
  | "newrelic" | "opik" | "otel-collector" | "posthog" | "ramp" | "s3" | "sentry" | "snowflake"
  | "weave" | "webhook" | (string & {});
/** A region destinations may be processed in; `"eu"` is accepted on input for `"europe"`. */
export type DestinationRegion = "global" | "europe" | "eu" | "us";
/** Options of `listObservabilityDestinations` / `iterateObservabilityDestinations`. */
export interface DestinationListOptions extends ListOptions {
  /** The workspace's UUID (not its slug); default: the Default workspace. */
  workspaceId?: string;
}
/** A JSON value, as `config` and `filter_rules` hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A destination's settings: the type's own (`publicKey`, `secretKey`, `url`, ...). */
export type DestinationConfig = { [setting: string]: JsonValue };
/** Which events a destination receives. */
export interface DestinationFilterRules {
  enabled?: boolean;
  groups: {
    logic?: "and" | "or";
    rules: { field: string; operator: string; value?: string | number }[];
  }[];
}
/** An observability destination; credentials in `config` come back masked. */
export interface Destination {
  id: string;
  workspace_id: string;
  type: DestinationType;
  name: string | null;
  enabled: boolean;
  privacy_mode: boolean;
  broadcast_generation_cost: boolean;
  broadcast_generation_identity: boolean;
  broadcast_generation_request_context: boolean;
  sampling_rate: number;
  api_key_hashes: string[] | null;
  filter_rules: DestinationFilterRules | null;
  config: DestinationConfig;
  regions: DataRegion[];
  created_at: string;
  updated_at: string;
}
/**
 * Body of `createObservabilityDestination`: `config` holds the type's settings (its
 * credentials are secrets: don't log them). At most 5 destinations of one type per workspace
 * (a sixth rejects with status 409). `regions` defaults to `["global"]` and cannot be empty.
 */
export interface CreateDestinationRequest {
  type: DestinationType;
  name: string;
  config: DestinationConfig;
  workspace_id?: string;
  enabled?: boolean;
  privacy_mode?: boolean;
  broadcast_generation_cost?: boolean;
  broadcast_generation_identity?: boolean;
  broadcast_generation_request_context?: boolean;
  sampling_rate?: number;
  api_key_hashes?: string[];
  filter_rules?: DestinationFilterRules;
  regions?: DestinationRegion[];
}
/** Body of `updateObservabilityDestination`: leave a field out to keep it (`regions` too; it cannot be cleared). */
export interface UpdateDestinationRequest {
  name?: string;
  config?: DestinationConfig;
  enabled?: boolean;
  privacy_mode?: boolean;
  broadcast_generation_cost?: boolean;
  broadcast_generation_identity?: boolean;
  broadcast_generation_request_context?: boolean;
  sampling_rate?: number;
  api_key_hashes?: string[] | null;
  filter_rules?: DestinationFilterRules | null;
  regions?: DestinationRegion[];
}
"#;
