//! The package's TypeScript types of `OpenRouterAdmin`'s enterprise methods (SCIM groups,
//! mappings and sync jobs, analytics, generation feedback), kept apart from `types.rs` by
//! area; written and checked the same way (see there). The request bodies' field lists are
//! compared with the core's and the spec's by the core's field-list test.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const ENTERPRISE_TYPES: &'static str = r#"
/** The role a SCIM group mapping grants in its workspace. Open: new values may appear. */
export type ScimRole = "admin" | "member" | (string & {});
/** A group of the identity provider. The API never lists its members. */
export interface ScimGroup {
  id: string;
  organization_id: string;
  external_id: string | null;
  display_name: string;
  created_at: string;
  updated_at: string;
}
/** A group-to-workspace mapping: group and workspace are fixed, only the role changes. */
export interface ScimGroupMapping {
  id: string;
  organization_id: string;
  scim_group_id: string;
  /** The workspace's UUID. */
  workspace_id: string;
  role: ScimRole;
  created_at: string;
  updated_at: string;
}
/** Body of `createScimGroupMapping`: the group's and the workspace's UUIDs (not a slug) and the role. */
export interface CreateScimGroupMappingRequest {
  scim_group_id: string;
  workspace_id: string;
  role: ScimRole;
}
/** Body of `updateScimGroupMapping`: the role, the only thing a mapping changes. */
export interface UpdateScimGroupMappingRequest {
  role: ScimRole;
}
/**
 * What `deleteScimGroupMapping` does with the access the mapping granted (required; the API has
 * no default): `"keep"` keeps its members as manual members; `"remove"` removes the access that
 * came only from this mapping (members through another mapping, or added by hand, stay).
 */
export type KeepMembers = "keep" | "remove";
/** Where a sync job is. Open: new values may appear. */
export type ScimSyncStatus = "queued" | "running" | "succeeded" | "failed" | (string & {});
/** A SCIM sync job: the identity provider read now. */
export interface ScimSyncJob {
  id: string;
  status: ScimSyncStatus;
  created_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  synced_groups?: number | null;
  deleted_groups?: number | null;
  /** Why it failed. */
  error_message?: string | null;
}

/** One metric of `getAnalyticsMeta`. */
export interface AnalyticsMetricInfo {
  name: string;
  display_label: string;
  /** A rate (averaged, not summed). */
  is_rate: boolean;
  display_format: "number" | "currency" | "percent" | "latency" | "throughput" | (string & {});
}
/** What `queryAnalytics` takes: `getAnalyticsMeta()`. */
export interface AnalyticsMeta {
  metrics: AnalyticsMetricInfo[];
  dimensions: { name: string; display_label: string }[];
  operators: { name: AnalyticsOperator; value_type: "scalar" | "array" | (string & {}) }[];
  granularities: { name: AnalyticsGranularity; display_label: string }[];
}
/** A query's time buckets; `minute` only over windows of 3 hours or less. */
export type AnalyticsGranularity = "minute" | "hour" | "day" | "week" | "month" | (string & {});
/** A filter's operator (`in` / `not_in` take an array). */
export type AnalyticsOperator = "eq" | "neq" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | (string & {});
/** One filter: a dimension, an operator and its value (filters take ids: a workspace's UUID, a key's hash, a user's id). */
export interface AnalyticsFilter {
  field: string;
  operator: AnalyticsOperator;
  value: string | number | (string | number)[];
  include_unset?: boolean;
}
/** A query's window: timestamps with seconds (`2026-01-01T00:00:00Z`), start included, end excluded. */
export interface AnalyticsTimeRange {
  start: string;
  end: string;
}
/** A query's order: a requested metric, `request_count`, a requested dimension or `date`. */
export interface AnalyticsOrderBy {
  field: string;
  direction: "asc" | "desc";
}
/**
 * Body of `queryAnalytics`, checked before sending: at least one metric; at most 2 dimensions
 * and 20 filters; `limit` and `group_limit` 1..10,000; a window of at most 365 days (31 with
 * classifier dimensions), by default the last 7 days; `minute` only over 3 hours or less.
 */
export interface AnalyticsQuery {
  metrics: string[];
  dimensions?: string[];
  filters?: AnalyticsFilter[];
  granularity?: AnalyticsGranularity;
  time_range?: AnalyticsTimeRange;
  limit?: number;
  group_limit?: number;
  order_by?: AnalyticsOrderBy;
  classifier_dimensions?: Record<string, unknown>;
  classifier_filters?: Record<string, unknown>;
}
/**
 * One row of a query: an open record of every column the API sent (the metrics, the dimensions
 * by name, `date__<granularity>` when the query had one). A count column is a `number` when it
 * is exact (at most `Number.MAX_SAFE_INTEGER`, 2^53 - 1) and otherwise the string of digits the
 * API sent, never rounded: `typeof v === "string" ? BigInt(v) : v` reads any count exactly.
 * Costs and rates are numbers; dimensions are strings (or `null`).
 */
export type AnalyticsRow = Record<string, string | number | boolean | null>;
/** What `queryAnalytics` resolves to. */
export interface AnalyticsResult {
  data: AnalyticsRow[];
  metadata: { query_time_ms: number; row_count: number; truncated: boolean };
  /** Filters that matched nothing (the query still ran). */
  warnings?: string[];
  /** When a cached result was computed (milliseconds), if it was. */
  cachedAt?: number;
}

/** What generation feedback is about. Open: new values may appear. */
export type FeedbackCategory =
  | "latency" | "incoherence" | "incorrect_response" | "formatting" | "billing" | "api_error"
  | "other" | (string & {});
/** Body of `submitGenerationFeedback`: a generation id (`gen-...`), a category, a comment of at most 1,000 characters. */
export interface SubmitGenerationFeedbackRequest {
  generation_id: string;
  category: FeedbackCategory;
  comment?: string;
}
/** `submitGenerationFeedback`'s answer. */
export interface FeedbackRecorded {
  success: boolean;
}
"#;
