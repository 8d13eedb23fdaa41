//! The TypeScript declarations of `openrouter-admin/findings`, written by hand (the core's
//! models carry no TypeScript derive) and checked by `tsc --strict` against a consumer file.
//! The package's `findings.schema.json` says the same of the report as JSON Schema.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** How much attention a finding asks for. */
export type Severity = "info" | "warning" | "critical";

/** Three thresholds of one rule, from the most urgent to the least. */
export interface Levels {
  critical?: number;
  warning?: number;
  info?: number;
}

/** The rules' thresholds; each left out keeps its default. */
export interface Thresholds {
  /** Days left before a key expires (default 1 / 7 / 30). */
  expiringDays?: Levels;
  /** Share of a key's limit spent in its window (default 1.0 / 0.9 / 0.8). */
  limitUse?: Levels;
  /** Share of a workspace budget spent in its window (default 1.0 / 0.9 / 0.8). */
  budgetUse?: Levels;
  /** Days without a request before an enabled key is idle (default 30; activity covers 30). */
  idleDays?: number;
  /** Days disabled before a key is a candidate for deletion (default 90). */
  disabledDays?: number;
  /** Days of credit left at the last 7 days' burn (default 7 / 30 / 90). */
  runwayDays?: Levels;
}

/**
 * How far `readFindings` has got. The steps come in this order: "workspaces" (the list, then
 * each one's keys), "organization" (members, credits, activity), "budgets" (of the workspaces
 * that spend), "key activity" (of the keys whose findings need it).
 */
export interface FindingsProgress {
  step: "workspaces" | "organization" | "budgets" | "key activity";
  done: number;
  total: number;
}

/** What `readFindings` reads and how. */
export interface ReadFindingsOptions {
  /** The management key. */
  apiKey: string;
  /** Default `https://openrouter.ai/api/v1`. */
  baseUrl?: string;
  thresholds?: Thresholds;
  /** Reads at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: FindingsProgress) => void;
}

/** An object a finding concerns. */
export type FindingObject =
  | { type: "key"; hash: string; name: string; label: string; workspace_id: string }
  | { type: "workspace"; id: string; name: string }
  | { type: "user"; id: string }
  | { type: "organization" };

/** What would resolve a finding. */
export type FindingFix =
  | { action: "set_limit"; suggested_usd: number }
  | { action: "rotate_with_expiry"; suggested_expires_at: string }
  | { action: "disable" }
  | { action: "delete" }
  | {
      action: "raise_budget";
      interval: "daily" | "weekly" | "monthly" | "lifetime";
      suggested_usd: number;
    };

/** What a finding is about, with its figures. */
export type FindingKind =
  | { kind: "expiring"; days_left: number; expires_at: string }
  | { kind: "expired_not_disabled"; expires_at: string }
  | { kind: "no_limit" }
  | { kind: "no_expiry" }
  | { kind: "limit_use"; used_usd: number; limit_usd: number; ratio: number }
  | {
      kind: "limit_projected";
      used_usd: number;
      limit_usd: number;
      daily_usd: number;
      days_to_limit: number;
      resets_at: string;
    }
  | {
      kind: "budget_use";
      interval: "daily" | "weekly" | "monthly" | "lifetime";
      spent_usd: number;
      limit_usd: number;
      ratio: number;
    }
  | {
      kind: "budget_projected";
      interval: "daily" | "weekly" | "monthly" | "lifetime";
      spent_usd: number;
      limit_usd: number;
      daily_usd: number;
      days_to_limit: number;
      resets_at: string;
    }
  | { kind: "idle"; days: number; never_used: boolean }
  | { kind: "creator_gone"; creator_user_id: string }
  | { kind: "disabled_long"; days: number }
  | { kind: "credit_runway"; balance_usd: number; daily_usd: number; days: number };

/** One thing that needs attention. */
export type Finding = FindingKind & {
  /** Stable across reads: the kind and its objects (`no_limit:<hash>`). */
  id: string;
  severity: Severity;
  /** The objects it concerns, the main one first. */
  objects: FindingObject[];
  /** One sentence for a person. */
  why: string;
  fix: FindingFix | null;
};

/** What `readFindings` resolves to (also `findings.schema.json`). */
export interface FindingsReport {
  generatedAt: string;
  counts: { critical: number; warning: number; info: number };
  runway: { balance_usd: number; daily_usd: number; days: number | null } | null;
  organization: { workspaces: number; keys: number; members: number };
  /** The most severe first. */
  findings: Finding[];
}
"#;
