//! The package's TypeScript types, written by hand beside the Rust they describe.
//!
//! Data types mirror the core's serde models field for field (OpenRouter's snake_case names,
//! nullable fields as `| null`, open enums as `"known" | (string & {})` so new server values
//! still type-check); `tsc --strict` over `tests/node/consumer.ts` keeps them honest. They
//! cost nothing in the wasm: a custom section is text the CLI copies into the `.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options of `new OpenRouterAdmin(...)`. */
export interface ClientOptions {
  /** A management key (`sk-or-v1-...`). Kept inside the wasm module; never logged. */
  apiKey: string;
  /** API base, default `https://openrouter.ai/api/v1`; a same-origin proxy works. */
  baseUrl?: string;
  /** Per-attempt timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt for operations that are safe to retry (default 2). */
  maxRetries?: number;
}

/** Options every call accepts. */
export interface CallOptions {
  /** Cancels the call, also while it waits to retry: it then rejects with kind `cancelled`. */
  signal?: AbortSignal;
}
/** Options of the paged lists. */
export interface ListOptions extends CallOptions {
  /** Records to skip. */
  offset?: number;
  /** Page size, 1..100 (default 50). */
  limit?: number;
}
/** Options of `listKeys` / `iterateKeys` (pages are a fixed 100). */
export interface KeyListOptions extends CallOptions {
  /** Records to skip. */
  offset?: number;
  /** List this workspace's keys (UUID) instead of the Default workspace's. */
  workspaceId?: string;
  /** Include disabled keys. */
  includeDisabled?: boolean;
}
/** Options of `deleteWorkspace`. */
export interface DeleteWorkspaceOptions extends CallOptions {
  /**
   * `true` deletes the workspace even if it is the Default workspace (otherwise a 403). For the
   * Default workspace that permanently disables the account's unscoped inference keys and
   * deletes its budgets, guardrails and broadcast destinations; management keys are kept.
   * Ignored for other workspaces.
   */
  confirmDefaultWorkspaceDeletion?: boolean;
}

/** Options of `putBudget`. */
export interface PutBudgetOptions extends CallOptions {
  /** Whether BYOK usage counts toward the workspace's budgets (workspace-wide). */
  includeByok?: boolean;
}
/** Options of the bulk key operations. */
export interface BulkOptions extends CallOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

/** The methods `request` sends. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** Options of `request`. */
export interface RequestOptions extends CallOptions {
  /** Query parameters, encoded; numbers and booleans are sent as JSON writes them. */
  query?: Record<string, string | number | boolean>;
  /** The body, sent as JSON (`JSON.stringify`). */
  body?: unknown;
  /** `true` lets a POST be retried like a read; without it a POST is a create. */
  idempotent?: boolean;
}

/** One page of a list. `total_count` is absent on `GET /keys`. */
export interface Page<T> {
  data: T[];
  total_count?: number;
}
/** All of a list (what every `iterateX()` returns): items with `for await (const x of paginator)`, or pages with `.pages()`. One use each. */
export interface Paginator<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
  /**
   * Every item, in order. When the list gives a `total_count`, the pages after the first are
   * fetched `concurrency` at a time (default 4, at most 16); otherwise page by page.
   */
  collectAll(options?: { concurrency?: number }): Promise<T[]>;
}

/** How a limit resets; `null` means never. Open: new values may appear. */
export type LimitReset = "daily" | "weekly" | "monthly" | (string & {});
/** A budget interval. */
export type BudgetInterval = "daily" | "weekly" | "monthly" | "lifetime";
/** A workspace's default provider sort. Open. */
export type ProviderSort = "price" | "throughput" | "latency" | "exacto" | (string & {});

/** A server tool a workspace can turn off. Open: the API adds tools. */
export type ServerTool =
  | "openrouter:advisor"
  | "openrouter:apply_patch"
  | "openrouter:bash"
  | "openrouter:datetime"
  | "openrouter:fusion"
  | "openrouter:image_generation"
  | "openrouter:experimental__search_models"
  | "openrouter:shell"
  | "openrouter:subagent"
  | "openrouter:tool_search"
  | "openrouter:web_fetch"
  | "openrouter:web_search"
  | (string & {});

/** A data region. Open. */
export type DataRegion = "global" | "europe" | "us" | (string & {});

export interface Workspace {
  id: string;
  default_guardrail_id: string;
  name: string;
  slug: string;
  description: string | null;
  default_text_model: string | null;
  default_image_model: string | null;
  default_provider_sort: ProviderSort | null;
  is_observability_io_logging_enabled: boolean;
  is_observability_broadcast_enabled: boolean;
  is_data_discount_logging_enabled: boolean;
  io_logging_sampling_rate: number;
  io_logging_api_key_ids: number[] | null;
  created_at: string;
  updated_at: string | null;
  created_by: string | null;
  include_byok_in_budgets?: boolean;
  /** Server tools turned off for this workspace; `null` (or absent) when none are. */
  disabled_server_tools?: ServerTool[] | null;
}

/** Body of `createWorkspace`: name 1..100 chars, slug 1..50 of `[a-z0-9-]`. */
export interface CreateWorkspaceRequest {
  name: string;
  slug: string;
  description?: string;
  default_text_model?: string;
  default_image_model?: string;
  default_provider_sort?: ProviderSort;
  io_logging_api_key_ids?: number[];
  io_logging_sampling_rate?: number;
  is_data_discount_logging_enabled?: boolean;
  is_observability_broadcast_enabled?: boolean;
  is_observability_io_logging_enabled?: boolean;
  disabled_server_tools?: ServerTool[];
}

/**
 * Body of `updateWorkspace`: leave a field out to keep it, `null` clears a nullable one
 * (`disabled_server_tools`: `[]` or `null` turns every server tool back on).
 */
export interface UpdateWorkspaceRequest {
  name?: string;
  slug?: string;
  description?: string | null;
  default_text_model?: string | null;
  default_image_model?: string | null;
  default_provider_sort?: ProviderSort | null;
  io_logging_api_key_ids?: number[] | null;
  io_logging_sampling_rate?: number;
  is_data_discount_logging_enabled?: boolean;
  is_observability_broadcast_enabled?: boolean;
  is_observability_io_logging_enabled?: boolean;
  disabled_server_tools?: ServerTool[] | null;
}

export interface WorkspaceMember {
  id: string;
  workspace_id: string;
  user_id: string;
  role: "admin" | "member" | (string & {});
  created_at: string;
}
/** What happened to one user in `addMembers` / `removeMembers`. */
export type MemberOutcome =
  | "added"
  | "already_member"
  | "removed"
  | "kept_active_keys"
  | "kept_scim_managed"
  | "not_a_member"
  | "failed";
export interface MemberResult {
  user_id: string;
  outcome: MemberOutcome;
  /** Why, when `outcome` is `"failed"`. */
  error?: OpenRouterError;
}
export interface OrganizationMember {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  role: "org:admin" | "org:member" | (string & {});
}

export interface WorkspaceBudget {
  id: string;
  workspace_id: string;
  limit_usd: number;
  /** `null` = lifetime. */
  reset_interval: LimitReset | null;
  created_at: string;
  updated_at: string;
}
export interface BudgetList {
  data: WorkspaceBudget[];
  include_byok_in_budgets?: boolean;
}
export interface BudgetResponse {
  data: WorkspaceBudget;
  include_byok_in_budgets?: boolean;
}

export interface ApiKey {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  limit_remaining: number | null;
  limit_reset: LimitReset | null;
  include_byok_in_limit: boolean;
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
  byok_usage: number;
  byok_usage_daily: number;
  byok_usage_weekly: number;
  byok_usage_monthly: number;
  created_at: string;
  updated_at: string | null;
  creator_user_id: string | null;
  workspace_id: string;
  expires_at: string | null;
  /** The partner's end user the key was made for (`external.user`), or `null`. */
  external_user: string | null;
}
/** The answer of `createKey`: `key` is the secret, returned this once. */
export interface CreatedKey {
  data: ApiKey;
  key: string;
}
/**
 * `external` of `createKey`: the partner's end user the key is made for. `user`: at least 1
 * character, answered back as the key's `external_user`. `api_key`: at least 32 characters,
 * stored hashed by the API and never returned; a secret, so don't log it.
 */
export interface ExternalKeyUser {
  user: string;
  api_key?: string;
}

/** Body of `createKey`. `expires_at` must be UTC with seconds (`2027-12-31T23:59:00Z`). */
export interface CreateKeyRequest {
  name: string;
  limit?: number;
  limit_reset?: "daily" | "weekly" | "monthly";
  include_byok_in_limit?: boolean;
  expires_at?: string;
  workspace_id?: string;
  creator_user_id?: string;
  external?: ExternalKeyUser;
}

/** Body of `updateKey` / `bulkUpdateKeys`: `null` clears `limit` (unlimited) or `limit_reset` (never). */
export interface UpdateKeyRequest {
  name?: string;
  disabled?: boolean;
  limit?: number | null;
  limit_reset?: "daily" | "weekly" | "monthly" | null;
  include_byok_in_limit?: boolean;
}
/** The calling key (`GET /key`). */
export interface CurrentKey {
  label: string;
  limit: number | null;
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
  byok_usage: number;
  byok_usage_daily: number;
  byok_usage_weekly: number;
  byok_usage_monthly: number;
  is_free_tier: boolean;
  is_management_key: boolean;
  /** Deprecated alias of `is_management_key`. */
  is_provisioning_key: boolean;
  limit_remaining: number | null;
  limit_reset: LimitReset | null;
  include_byok_in_limit: boolean;
  creator_user_id: string | null;
  /** Deprecated, always -1 or a legacy object. */
  rate_limit: unknown;
  expires_at: string | null;
  organization_id: string | null;
  /** The workspace the key spends in; `null` for a management key. */
  workspace_id: string | null;
  allowed_data_regions: DataRegion[];
  /** Today's requests to free models. */
  free_model_daily_requests: { limit: number; remaining: number; used: number };
}
/** `GET /credits`: credits bought and used, in USD. */
export interface Credits {
  total_credits: number;
  total_usage: number;
}
/** Filters of `getActivity` (the last 30 completed UTC days). */
export interface ActivityOptions extends CallOptions {
  /** One UTC day among them, `YYYY-MM-DD`. */
  date?: string;
  apiKeyHash?: string;
  userId?: string;
  /** A workspace's UUID. */
  workspaceId?: string;
  /** Split rows per workspace, each with `workspace_id`. */
  groupBy?: "workspace";
}
/** One day's traffic on one model endpoint (`GET /activity`). */
export interface ActivityItem {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  model: string;
  model_permaslug: string;
  endpoint_id: string;
  provider_name: string;
  /** USD of OpenRouter credits. */
  usage: number;
  /** USD of BYOK inference. */
  byok_usage_inference: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  /** Only with `groupBy: "workspace"`. */
  workspace_id?: string;
}
/** A rotation: the successor (secret in `created.key`) and whether disabling the old key failed. */
export interface Rotation {
  created: CreatedKey;
  old_hash: string;
  disable_error: OpenRouterError | null;
}
/** One key's result in a bulk operation. */
export type BulkResult<T> =
  | { hash: string; ok: true; value: T }
  | { hash: string; ok: false; error: OpenRouterError };

/** What a content filter does when it matches. Open. */
export type ContentFilterAction = "redact" | "block" | "flag" | (string & {});
/** A built-in content filter. Open when read; a create or update takes the known ones. */
export type ContentFilterSlug =
  | "email"
  | "phone"
  | "ssn"
  | "credit-card"
  | "ip-address"
  | "person-name"
  | "address"
  | "regex-prompt-injection"
  | "secrets"
  | (string & {});
/** Which messages the prompt injection detector scans. */
export type ScanScope = "user_only" | "all_messages" | (string & {});
/** A built-in content filter as a create or update sends it (the API assigns the label). */
export interface BuiltinFilterInput {
  slug: ContentFilterSlug;
  action: ContentFilterAction;
  scan_scope?: ScanScope;
}
/** A built-in content filter as the API answers it. */
export interface BuiltinFilter {
  slug: ContentFilterSlug;
  action: ContentFilterAction;
  /** The placeholder the API assigned (`[EMAIL]`). */
  label?: string;
  scan_scope?: ScanScope;
}
/** A custom regex content filter: `pattern` at least 1 character, `label` at most 100. */
export interface ContentFilter {
  pattern: string;
  action: ContentFilterAction;
  label?: string | null;
}
/**
 * A guardrail: restrictions on the keys and members assigned to it. A workspace's default
 * guardrail (its `default_guardrail_id`) applies to all of the workspace's traffic first.
 */
export interface Guardrail {
  id: string;
  name: string;
  description?: string | null;
  workspace_id: string | null;
  /** USD per `reset_interval`; `null` = no limit. */
  limit_usd?: number | null;
  reset_interval?: "daily" | "weekly" | "monthly" | (string & {}) | null;
  include_byok_in_budgets: boolean;
  /** `null` = any. */
  allowed_models?: string[] | null;
  /** `null` = any. */
  allowed_providers?: string[] | null;
  ignored_models?: string[] | null;
  ignored_providers?: string[] | null;
  /** `null` = anywhere. */
  allowed_data_regions?: DataRegion[] | null;
  content_filter_builtins?: BuiltinFilter[] | null;
  content_filters?: ContentFilter[] | null;
  /** Deprecated: the per-provider fields win. */
  enforce_zdr?: boolean | null;
  enforce_zdr_anthropic?: boolean | null;
  enforce_zdr_google?: boolean | null;
  enforce_zdr_openai?: boolean | null;
  enforce_zdr_xai?: boolean | null;
  enforce_zdr_other?: boolean | null;
  enable_free_model_publication?: boolean | null;
  enable_free_model_training?: boolean | null;
  enable_paid_model_training?: boolean | null;
  created_at: string;
  updated_at?: string | null;
}
/**
 * Body of `createGuardrail`: name 1..200 characters, description at most 1000; `limit_usd`
 * (≥ 0) and `reset_interval` together or neither; every list at least one entry;
 * `allowed_data_regions` never empty; `workspace_id` a workspace's UUID (not its slug).
 */
export interface CreateGuardrailRequest {
  name: string;
  description?: string;
  workspace_id?: string;
  limit_usd?: number;
  reset_interval?: "daily" | "weekly" | "monthly";
  include_byok_in_budgets?: boolean;
  allowed_models?: string[];
  allowed_providers?: string[];
  ignored_models?: string[];
  ignored_providers?: string[];
  allowed_data_regions?: DataRegion[];
  content_filter_builtins?: BuiltinFilterInput[];
  content_filters?: ContentFilter[];
  enforce_zdr?: boolean;
  enforce_zdr_anthropic?: boolean;
  enforce_zdr_google?: boolean;
  enforce_zdr_openai?: boolean;
  enforce_zdr_xai?: boolean;
  enforce_zdr_other?: boolean;
  enable_free_model_publication?: boolean;
  enable_free_model_training?: boolean;
  enable_paid_model_training?: boolean;
}
/**
 * Body of `updateGuardrail`: leave a field out to keep it, `null` clears it; lists are
 * replaced whole. A workspace's default guardrail is written by its first update (its name
 * cannot be set).
 */
export interface UpdateGuardrailRequest {
  name?: string;
  description?: string | null;
  limit_usd?: number | null;
  reset_interval?: "daily" | "weekly" | "monthly" | null;
  include_byok_in_budgets?: boolean;
  allowed_models?: string[] | null;
  allowed_providers?: string[] | null;
  ignored_models?: string[] | null;
  ignored_providers?: string[] | null;
  allowed_data_regions?: DataRegion[] | null;
  content_filter_builtins?: BuiltinFilterInput[] | null;
  content_filters?: ContentFilter[] | null;
  enforce_zdr?: boolean | null;
  enforce_zdr_anthropic?: boolean | null;
  enforce_zdr_google?: boolean | null;
  enforce_zdr_openai?: boolean | null;
  enforce_zdr_xai?: boolean | null;
  enforce_zdr_other?: boolean | null;
  enable_free_model_publication?: boolean | null;
  enable_free_model_training?: boolean | null;
  enable_paid_model_training?: boolean | null;
}
/** Options of `listGuardrails` / `iterateGuardrails`. */
export interface GuardrailListOptions extends ListOptions {
  /** This workspace's guardrails (its UUID; a slug is a `validation` error), not the Default workspace's. */
  workspaceId?: string;
}
/** A key's assignment to a guardrail (a key holds one). */
export interface KeyAssignment {
  id: string;
  key_hash: string;
  guardrail_id: string;
  key_name: string;
  key_label: string;
  assigned_by: string | null;
  created_at: string;
}
/** An organization member's assignment to a guardrail. */
export interface MemberAssignment {
  id: string;
  user_id: string;
  organization_id: string;
  guardrail_id: string;
  assigned_by: string | null;
  created_at: string;
}
/** What happened to one key or member in an assignment change. */
export type AssignmentOutcome =
  | "assigned"
  | "already_assigned"
  | "unassigned"
  | "not_assigned"
  | "failed";
/** One key's (its hash) or member's (their user id) outcome, in the order asked. */
export interface AssignmentResult {
  id: string;
  outcome: AssignmentOutcome;
  /** Why, when `outcome` is `"failed"`. */
  error?: OpenRouterError;
}

/** The classes of failure; branch on these. */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "server"
  | "api"
  | "validation"
  | "timeout"
  | "cancelled"
  | "network"
  | "decode"
  | "outcome_unknown"
  | "pagination"
  | "unsupported";
/** One failed rule on one field (client-side validation, or a bad argument). */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}
/** Every rejection of this package: an `Error` with `name === "OpenRouterError"`. */
export interface OpenRouterError extends Error {
  name: "OpenRouterError";
  kind: ErrorKind;
  /** HTTP status, when an answer came back. */
  status: number | null;
  /** The API's `error.code` (equals the status on OpenRouter). */
  code: number | null;
  /** The API's `error.metadata`, as sent. */
  metadata: Record<string, unknown> | null;
  /** How long the server asked to wait, in milliseconds. */
  retryAfterMs: number | null;
  /** For kind `validation`: every failed field (empty otherwise). */
  fieldErrors: FieldError[];
  /** For kind `outcome_unknown`: the failure behind it. */
  cause?: OpenRouterError;
}
"#;
