//! The TypeScript declarations of `exportOrg`, `plan` and `apply`, written by hand like the
//! findings' (`types.rs`) and checked by `tsc --strict` against the consumer file. The package's
//! `plan.schema.json` says the same of a plan as JSON Schema, `openrouter-org.schema.json` of the
//! file.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** How the organization file calls reach the management API. */
export interface OrgOptions {
  /** The management key (never written into a file, plan, state or journal). */
  apiKey: string;
  /** Default `https://openrouter.ai/api/v1`. */
  baseUrl?: string;
  /** Cancels the reads. */
  signal?: AbortSignal;
}

/** What `exportOrg` reads. */
export interface ExportOptions extends OrgOptions {
  /**
   * `"jsonc"` (default): `openrouter-org.jsonc`; `"terraform"`: HCL for the official provider,
   * a `resource` and an `import` block per live object; `"keymaster"`: Keymaster's TOML.
   */
  format?: "jsonc" | "terraform" | "keymaster";
}

/** A managed field's value: `null` clears, a list is a set. */
export type OrgValue = null | boolean | number | string | string[];

/** What the last apply left (the `--state` file): fields changed by hand since are drift. */
export interface OrgState {
  version: number;
  objects: Record<string, { id: string; fields: Record<string, OrgValue> }>;
}

/** What `plan` reads. */
export interface PlanOptions extends OrgOptions {
  /** The text of `openrouter-org.jsonc`. */
  file: string;
  /** The state the last apply returned, for drift. */
  state?: OrgState;
}

/** What `apply` reads. */
export interface ApplyOptions extends PlanOptions {
  /** The approved plan of `file`, as `plan` resolved to it (or its JSON text). */
  plan: OrgPlan | string;
  /**
   * Values typed in for what the plan creates (`needed` of the plan says which), by address,
   * then property: a BYOK credential's provider key, `{ "byok.openai": { key: "…" } }`, a
   * destination's credentials, `{ "destinations.dd": { apiKey: "…" } }`. Write-only: sent in
   * that create's body, never in the file, the plan, the state or the journal. A value the plan
   * needs and was not given, or one it does not need, is refused before any write.
   */
  credentials?: Record<string, Record<string, string>>;
}

/** What `settleDrift` reads. */
export interface SettleDriftOptions extends OrgOptions {
  /** The text of `openrouter-org.jsonc`. */
  file: string;
  /** The state the last apply returned: drift is measured from it. */
  state: OrgState;
  /** The drifted field, `section.address.field` (`"keys.ci.limit"`). */
  drift: string;
  /** `"take"`: the live value into the file; `"stop"`: the field out of the file. */
  choice: "take" | "stop";
}

/** One field that changes. */
export interface OrgChange {
  field: string;
  before: OrgValue | undefined | null;
  after: OrgValue;
  added?: string[];
  removed?: string[];
  /** `$10.00 → $5.00 (-$5.00)`, `+ anthropic, - openai`. */
  text: string;
  /** Gives more than before (a raised limit, more models, a later expiry). */
  widens: boolean;
  /** Needs a new object. */
  replaces: boolean;
}

/** What the apply does to one resource. */
export interface OrgAction {
  /** `keys.ci`, or `keys.(id …)` for a live object the file leaves out. */
  address: string;
  /** `openrouter_workspace`, `openrouter_api_key`, … */
  type: string;
  id: string | null;
  action: "create" | "update" | "replace" | "delete" | "adopt" | "missing" | "no_op" | "unmanaged";
  /** Terraform's words: `["create", "delete"]` for a replacement. */
  actions: Array<"create" | "update" | "delete" | "no-op">;
  before: Record<string, OrgValue> | null;
  after: Record<string, OrgValue>;
  changes: OrgChange[];
  /** Why, in one sentence (a replacement, a missing object, a create that needs a secret). */
  action_reason?: string;
  replace_paths: string[][];
  /** What the change reaches, from live data. */
  reach: string[];
}

/** A managed field changed by hand since the last apply. */
export interface OrgDrift {
  address: string;
  field: string;
  applied: OrgValue;
  live: OrgValue;
  choices: ["overwrite live", "take into the file", "stop managing"];
}

/** What `plan` resolves to (`plan.schema.json`). */
export interface OrgPlan {
  format_version: string;
  /** `sha256:` of the file's text. */
  file_digest: string;
  /** Whether applying it would write. */
  applyable: boolean;
  drift: OrgDrift[];
  resource_changes: OrgAction[];
  /** `sha256:` of every live object read, by `type.id`. */
  read: Record<string, string>;
  /**
   * What its apply must be given in `credentials`, in the plan's order: a new BYOK credential's
   * `key`, a new destination's credential properties (`plan` always says; a plan from elsewhere
   * may leave it out).
   */
  needed?: Array<{ address: string; properties: string[] }>;
}

/** One line of the journal (JSON Lines). */
export interface OrgJournalEntry {
  at: string;
  /** The management key's label. */
  who: string;
  address: string;
  action: OrgAction["action"];
  id: string | null;
  before: Record<string, OrgValue> | null;
  after: Record<string, OrgValue>;
  /** `ok`, `ok: <what happened>`, `failed: …` or `unknown outcome: …`. */
  result: string;
}

/** What `apply` resolves to. */
export interface ApplyResult {
  journal: OrgJournalEntry[];
  /** The created keys' secrets, here only: show them once. */
  secrets: Array<{ address: string; hash: string; secret: string }>;
  /** Requests that wrote. */
  writes: number;
  /** Where it stopped, if it did (plan again: `remaining`). */
  stopped: {
    address: string;
    error: {
      kind: string;
      status: number | null;
      message: string;
      fieldErrors: Array<{ field: string; rule: string; message: string }>;
    };
  } | null;
  /** The id each created or replaced entry is now bound to. */
  bound: Record<string, string>;
  /** The file's text with those ids written into their entries, comments kept (null if it could not be edited). */
  file: string | null;
  /** The file planned again after the apply (null if the organization could not be read). */
  remaining: OrgPlan | null;
  /** The state to keep for the next plan's drift (null with `remaining`). */
  state: OrgState | null;
}
"#;
