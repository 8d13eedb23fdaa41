// A TypeScript consumer of the package: calls every method with the documented argument and
// answer types and narrows errors by kind. Checked with `tsc --strict --noEmit`, never run.
import init, {
  OpenRouterAdmin,
  isOpenRouterError,
  type ActivityItem,
  type AnalyticsMeta,
  type AnalyticsQuery,
  type AnalyticsResult,
  type AnalyticsRow,
  type FeedbackRecorded,
  type KeepMembers,
  type ScimGroup,
  type ScimGroupMapping,
  type ScimSyncJob,
  type ApiKey,
  type AssignmentResult,
  type BuiltinFilterInput,
  type Guardrail,
  type KeyAssignment,
  type MemberAssignment,
  type BulkResult,
  type ByokKey,
  type ByokProvider,
  type CreateByokKeyRequest,
  type CreateDestinationRequest,
  type Destination,
  type DestinationType,
  type Credits,
  type CurrentKey,
  type DataRegion,
  type DeleteWorkspaceOptions,
  type ExternalKeyUser,
  type ServerTool,
  type ErrorKind,
  type MemberResult,
  type OpenRouterError,
  type Page,
  type Rotation,
  type Workspace,
} from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";
import initInline, {
  OpenRouterAdmin as InlineAdmin,
  isOpenRouterError as isInlineError,
} from "openrouter-admin/inline";
import initFile, { OpenRouterAdmin as FileAdmin } from "openrouter-admin/file";
import { WorkspaceSettings as FileSettings } from "openrouter-admin/file/settings";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

export async function everything(signal: AbortSignal): Promise<void> {
  await init();
  const client = new OpenRouterAdmin({ apiKey: "sk-or-v1-x", baseUrl: "http://127.0.0.1:1/api/v1", timeoutMs: 5000, maxRetries: 2 });

  const me: CurrentKey = await client.currentKey({ signal });
  const management: boolean = me.is_management_key;
  const organization: string | null = me.organization_id;
  const spendsIn: string | null = me.workspace_id;
  const regions: DataRegion[] = me.allowed_data_regions;
  const freeLeft: number = me.free_model_daily_requests.remaining;

  const page: Page<Workspace> = await client.listWorkspaces({ limit: 10, offset: 0, signal });
  const total: number | undefined = page.total_count;
  for await (const ws of client.iterateWorkspaces({ limit: 50 })) {
    const slug: string = ws.slug;
    const description: string | null = ws.description;
  }
  for await (const p of client.iterateWorkspaces().pages()) {
    const items: Workspace[] = p.data;
  }
  const everyWorkspace: Workspace[] = await client.iterateWorkspaces({ limit: 10 }).collectAll({ concurrency: 8 });
  const everyKey: ApiKey[] = await client.iterateKeys().collectAll();
  const ws = await client.createWorkspace({ name: "A", slug: "a", io_logging_sampling_rate: 0.5 }, { signal });
  await client.getWorkspace(ws.id);
  await client.updateWorkspace(ws.slug, { description: null, default_provider_sort: "latency" });
  const again: Workspace | null = await client.reconcileWorkspace("a");
  const gone: void = await client.deleteWorkspace(ws.id, { signal });
  const confirm: DeleteWorkspaceOptions = { confirmDefaultWorkspaceDeletion: true, signal };
  await client.deleteWorkspace("default", confirm);
  const tools: ServerTool[] | null | undefined = ws.disabled_server_tools;
  await client.createWorkspace({ name: "T", slug: "t", disabled_server_tools: ["openrouter:bash", "vendor:new"] });
  await client.updateWorkspace("t", { disabled_server_tools: null });
  await client.updateWorkspace("t", { disabled_server_tools: [] });

  await client.listMembers("a", { limit: 100 });
  for await (const m of client.iterateMembers("a")) {
    const role: string = m.role;
  }
  const added: MemberResult[] = await client.addMembers("a", ["user_1"], { signal });
  for (const r of await client.removeMembers("a", ["user_1"])) {
    if (r.outcome === "failed" && r.error) {
      const k: ErrorKind = r.error.kind;
    }
  }
  const org = await client.listOrganizationMembers({ limit: 5 });
  const email: string | undefined = org.data[0]?.email;
  for await (const person of client.iterateOrganizationMembers()) {
    const first: string | null = person.first_name;
  }

  const budgets = await client.listBudgets("a");
  const limit: number | undefined = budgets.data[0]?.limit_usd;
  await client.getBudget("a", "monthly");
  await client.putBudget("a", "lifetime", 100, { includeByok: false, signal });
  await client.deleteBudget("a", "daily");

  const keys: Page<ApiKey> = await client.listKeys({ workspaceId: ws.id, includeDisabled: true, offset: 100 });
  for await (const key of client.iterateKeys({ includeDisabled: false })) {
    const remaining: number | null = key.limit_remaining;
  }
  const created = await client.createKey({ name: "ci", limit: 5, limit_reset: "monthly", expires_at: "2030-01-01T00:00:00Z" });
  const secret: string = created.key;
  const external: ExternalKeyUser = { user: "end-user", api_key: "x".repeat(32) };
  const attributed = await client.createKey({ name: "p", expires_at: "2030-01-01T00:00:00Z", external });
  const endUser: string | null = attributed.data.external_user;
  const hash: string = created.data.hash;
  await client.getKey(hash);
  await client.updateKey(hash, { limit: null, limit_reset: null, disabled: true });
  const found: ApiKey | null = await client.reconcileKey({ name: "ci" }, Date.now() - 60_000);
  const rotation: Rotation = await client.rotateKey(hash, { signal });
  const disableError: OpenRouterError | null = rotation.disable_error;
  await client.retireKey(rotation.old_hash);
  await client.deleteKey(rotation.created.data.hash);
  const raw: unknown = await client.request("GET", "/guardrails", { query: { limit: 10, enabled: true }, signal });
  await client.request("POST", "/guardrails", { body: { name: "g" }, idempotent: false });
  await client.request("DELETE", "/guardrails/g");
  const bulk: BulkResult<ApiKey>[] = await client.bulkUpdateKeys([hash], { disabled: false }, { concurrency: 4 });
  for (const r of bulk) {
    if (r.ok) {
      const k: ApiKey = r.value;
    } else {
      const e: OpenRouterError = r.error;
    }
  }
  const deleted: BulkResult<null>[] = await client.bulkDeleteKeys([hash]);

  const credits: Credits = await client.getCredits({ signal });
  const balance: number = credits.total_credits - credits.total_usage;
  const rows: ActivityItem[] = await client.getActivity({ date: "2025-08-24", apiKeyHash: hash, userId: "user_1", workspaceId: ws.id, groupBy: "workspace", signal });
  const split: string | undefined = rows[0]?.workspace_id;
  const spent: number = rows.reduce((sum, r) => sum + r.usage + r.byok_usage_inference, 0);

  // SCIM groups, their workspace mappings and sync jobs; analytics; generation feedback.
  const groups: Page<ScimGroup> = await client.listScimGroups({ limit: 10, signal });
  const everyGroup: ScimGroup[] = await client.iterateScimGroups().collectAll();
  const groupName: string | undefined = everyGroup[0]?.display_name ?? groups.data[0]?.display_name;
  const mappings: Page<ScimGroupMapping> = await client.listScimGroupMappings({ offset: 1 });
  const everyMapping: ScimGroupMapping[] = await client.iterateScimGroupMappings({ limit: 100 }).collectAll();
  const mapping: ScimGroupMapping = await client.createScimGroupMapping({ scim_group_id: everyGroup[0]?.id ?? "g", workspace_id: ws.id, role: "member" }, { signal });
  const sameMapping: ScimGroupMapping = await client.getScimGroupMapping(mapping.id);
  const promoted: ScimGroupMapping = await client.updateScimGroupMapping(mapping.id, { role: "admin" });
  const choice: KeepMembers = mappings.total_count === 1 ? "keep" : "remove";
  await client.deleteScimGroupMapping(promoted.id, choice, { signal });
  // @ts-expect-error: keepMembers has no default.
  await client.deleteScimGroupMapping(sameMapping.id);
  // @ts-expect-error: a boolean is not the named choice.
  await client.deleteScimGroupMapping(sameMapping.id, true);
  const job: ScimSyncJob = await client.createScimSyncJob({ signal });
  const polled: ScimSyncJob = await client.getScimSyncJob(job.id);
  const failure: string | null | undefined = polled.error_message;
  const meta: AnalyticsMeta = await client.getAnalyticsMeta();
  const query: AnalyticsQuery = {
    metrics: [meta.metrics[0]?.name ?? "spend", "request_count"],
    dimensions: ["model"],
    granularity: "day",
    filters: [{ field: "workspace", operator: "in", value: [ws.id] }],
    time_range: { start: "2026-01-01T00:00:00Z", end: "2026-01-08T00:00:00Z" },
    order_by: { field: "request_count", direction: "desc" },
    limit: 100,
  };
  const result: AnalyticsResult = await client.queryAnalytics(query, { signal });
  const row: AnalyticsRow | undefined = result.data[0];
  const requests = row?.request_count;
  const exact: bigint | number | null = typeof requests === "string" ? BigInt(requests) : typeof requests === "number" ? requests : null;
  const byModel: string | number | boolean | null | undefined = row?.["model"];
  const truncated: boolean = result.metadata.truncated;
  const recorded: FeedbackRecorded = await client.submitGenerationFeedback({ generation_id: "gen-1", category: "latency", comment: "slow" });
  const thanked: boolean = recorded.success;

  // BYOK keys and observability destinations (a workspace by UUID), from the settings entry.
  const settings = new WorkspaceSettings({ apiKey: "sk-or-v1-x", baseUrl: "http://127.0.0.1:1/api/v1" });
  const byokBody: CreateByokKeyRequest = { provider: "openai", key: "sk-proj-x", workspace_id: ws.id, is_byok_only: true };
  const byok: ByokKey = await settings.createByokKey(byokBody, { signal });
  const provider: ByokProvider = byok.provider;
  const label: string = byok.label;
  const zdr: boolean | null = byok.declared_zdr;
  const byokPage: Page<ByokKey> = await settings.listByokKeys({ workspaceId: ws.id, provider: "anthropic", limit: 10, signal });
  const everyByok: ByokKey[] = await settings.iterateByokKeys({ workspaceId: ws.id }).collectAll();
  await settings.getByokKey(byok.id);
  const rotated: ByokKey = await settings.updateByokKey(byok.id, { key: "sk-proj-y", declared_zdr: null, name: null });
  await settings.deleteByokKey(byok.id, { signal });
  const destBody: CreateDestinationRequest = {
    type: "langfuse", name: "L", workspace_id: ws.id, config: { publicKey: "p", secretKey: "s" }, regions: ["eu", "us"],
  };
  const dest: Destination = await settings.createObservabilityDestination(destBody);
  const kind: DestinationType = dest.type;
  const where: DataRegion[] = dest.regions;
  const destPage: Page<Destination> = await settings.listObservabilityDestinations({ workspaceId: ws.id, offset: 0 });
  for await (const d of settings.iterateObservabilityDestinations({ workspaceId: ws.id })) {
    const on: boolean = d.enabled;
  }
  await settings.getObservabilityDestination(dest.id);
  await settings.updateObservabilityDestination(dest.id, { enabled: false, filter_rules: null, regions: ["global"] });
  await settings.deleteObservabilityDestination(dest.id);
  // @ts-expect-error the provider key is required
  await settings.createByokKey({ provider: "openai" });
  // @ts-expect-error regions cannot be cleared with null
  await settings.updateObservabilityDestination(dest.id, { regions: null });
  // @ts-expect-error a region the API does not know
  await settings.createObservabilityDestination({ ...destBody, regions: ["mars"] });
  const rail: Guardrail = await settings.createGuardrail(
    {
      name: "Two models",
      workspace_id: ws.id,
      allowed_models: ["openai/gpt-4o", "anthropic/claude-sonnet-4"],
      limit_usd: 50,
      reset_interval: "monthly",
      allowed_data_regions: ["europe"],
      content_filter_builtins: [{ slug: "secrets", action: "redact" }, { slug: "regex-prompt-injection", action: "block", scan_scope: "user_only" }],
      content_filters: [{ pattern: "sk-[a-z]+", action: "block", label: "[KEY]" }],
    },
    { signal },
  );
  const railRegions: DataRegion[] | null | undefined = rail.allowed_data_regions;
  const railLimit: number | null | undefined = rail.limit_usd;
  for await (const g of settings.iterateGuardrails({ workspaceId: ws.id, limit: 10, signal })) {
    const name: string = g.name;
  }
  const everyRail: Guardrail[] = await settings.iterateGuardrails().collectAll();
  const railPage: Page<Guardrail> = await settings.listGuardrails({ workspaceId: ws.id, limit: 10, offset: 0, signal });
  await settings.getGuardrail(rail.id, { signal });
  await settings.updateGuardrail(rail.id, { allowed_models: null, description: null, limit_usd: 10, content_filters: null });
  await settings.updateGuardrail(ws.default_guardrail_id, { allowed_providers: ["openai"] });
  const keyResults: AssignmentResult[] = await settings.assignGuardrailKeys(rail.id, [hash], { signal });
  for (const r of keyResults) {
    if (r.outcome === "failed" && r.error) {
      const status: number | null = r.error.status;
    }
  }
  await settings.unassignGuardrailKeys(rail.id, [hash]);
  await settings.assignGuardrailMembers(rail.id, ["user_1"]);
  await settings.unassignGuardrailMembers(rail.id, ["user_1"], { signal });
  const railKeys: KeyAssignment[] = await settings.iterateGuardrailKeys(rail.id, { limit: 100 }).collectAll();
  const railMembers: MemberAssignment[] = await settings.iterateGuardrailMembers(rail.id).collectAll();
  const railKeyPage: Page<KeyAssignment> = await settings.listGuardrailKeys(rail.id, { limit: 100 });
  const railMemberPage: Page<MemberAssignment> = await settings.listGuardrailMembers(rail.id, { signal });
  const keyAssignmentPage: Page<KeyAssignment> = await settings.listKeyAssignments({ offset: 0 });
  const memberAssignmentPage: Page<MemberAssignment> = await settings.listMemberAssignments();
  for await (const a of settings.iterateKeyAssignments()) {
    const label: string = a.key_label;
  }
  for await (const a of settings.iterateMemberAssignments({ offset: 0 })) {
    const by: string | null = a.assigned_by;
  }
  const gone2: void = await settings.deleteGuardrail(rail.id);
  const filter: BuiltinFilterInput = { slug: "email", action: "flag" };

  // Options are optional everywhere.
  await client.currentKey();
  await client.getCredits();
  await client.getActivity();
  // Types reject mistakes a JS caller could still make (those reject at run time).
  // @ts-expect-error an interval that does not exist
  await client.getBudget("a", "yearly");
  // @ts-expect-error limit must be a number
  await client.createKey({ name: "x", limit: "5" });
  // @ts-expect-error external.user is required
  await client.createKey({ name: "x", external: { api_key: "x".repeat(32) } });
  // @ts-expect-error the confirmation is a boolean
  await client.deleteWorkspace("default", { confirmDefaultWorkspaceDeletion: "yes" });
  // @ts-expect-error activity groups by workspace only
  await client.getActivity({ groupBy: "key" });
  // @ts-expect-error a date is a string
  await client.getActivity({ date: new Date() });
  // @ts-expect-error a guardrail's name is required
  await settings.createGuardrail({ limit_usd: 5, reset_interval: "daily" });
  // @ts-expect-error regions are strings
  await settings.createGuardrail({ name: "x", allowed_data_regions: [1] });
  // @ts-expect-error key hashes are strings
  await settings.assignGuardrailKeys("g", [1]);
  // @ts-expect-error a built-in filter needs its action
  const noAction: BuiltinFilterInput = { slug: "email" };
  // @ts-expect-error `listX` is one page; `iterateX` is the paginator
  for await (const g of settings.listGuardrails()) console.log(g);
  // @ts-expect-error `listX` is one page; `iterateX` is the paginator
  await client.listWorkspaces().collectAll();
  // @ts-expect-error apiKey is required
  new OpenRouterAdmin({ baseUrl: "x" });
}

/** Narrowing an unknown rejection down to what to tell the user. */
export function describe(error: unknown): string {
  if (!isOpenRouterError(error)) return "not ours";
  assertType<Equal<typeof error.name, "OpenRouterError">>();
  const status: number | null = error.status;
  switch (error.kind) {
    case "validation":
      return error.fieldErrors.map((f) => `${f.field}: ${f.message}`).join("; ");
    case "outcome_unknown":
      return `maybe created: reconcile first (${error.cause?.kind ?? "?"})`;
    case "rate_limited":
      return `wait ${error.retryAfterMs ?? 1000} ms`;
    case "unauthorized":
    case "forbidden":
      return "check the management key";
    case "not_found":
      return "gone";
    case "cancelled":
    case "timeout":
    case "network":
      return "try again";
    case "bad_request":
    case "server":
    case "api":
    case "decode":
    case "pagination":
    case "unsupported":
      return `${status ?? "-"} ${error.code ?? "-"} ${JSON.stringify(error.metadata)}`;
    default: {
      const exhaustive: never = error.kind;
      return exhaustive;
    }
  }
}

// The findings entry: its options, its report, and a finding narrowed by kind.
import {
  readFindings,
  type Finding,
  type FindingsReport,
  type ReadFindingsOptions,
} from "openrouter-admin/findings";

export async function findingsConsumer(apiKey: string): Promise<string[]> {
  const options: ReadFindingsOptions = {
    apiKey,
    thresholds: { expiringDays: { warning: 14 }, idleDays: 45 },
    onProgress: (p) => console.error(p.step, p.done, p.total),
  };
  const report: FindingsReport = await readFindings(options);
  const critical: number = report.counts.critical;
  const days: number | null = report.runway ? report.runway.days : null;
  return report.findings.map((f: Finding) => {
    const key = f.objects.find((o) => o.type === "key");
    const name = key && key.type === "key" ? key.name : "";
    switch (f.kind) {
      case "expiring":
        return `${name} in ${f.days_left.toFixed(1)} days (${critical}, ${days})`;
      case "limit_use":
        return `${name} at ${(f.ratio * 100).toFixed(0)}%`;
      default:
        return f.fix ? `${f.why} -> ${f.fix.action}` : f.why;
    }
  });
}

// The inline entry (the module inside its JavaScript) has the client's types.
export async function inline(signal: AbortSignal): Promise<boolean> {
  await initInline();
  const client = new InlineAdmin({ apiKey: "sk-or-v1-x", maxRetries: 0 });
  try {
    const page: Page<ApiKey> = await client.listKeys({ signal });
    return page.data.length > 0;
  } catch (error) {
    if (isInlineError(error)) {
      const kind: ErrorKind = error.kind;
      return kind === "network";
    }
    throw error;
  }
}

// The file form (`openrouter-admin/file`, the .wasm beside the JavaScript) and its settings
// entry have the default entries' types.
export async function fileForm(signal: AbortSignal): Promise<number> {
  await initFile();
  const client = new FileAdmin({ apiKey: "sk-or-v1-x", maxRetries: 0 });
  const settings = new FileSettings({ apiKey: "sk-or-v1-x", maxRetries: 0 });
  assertType<Equal<typeof client, OpenRouterAdmin>>();
  assertType<Equal<typeof settings, WorkspaceSettings>>();
  const page: Page<ApiKey> = await client.listKeys({ signal });
  return page.data.length + (await settings.listGuardrails({ signal })).data.length;
}
