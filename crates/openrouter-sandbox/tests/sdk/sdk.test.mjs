// The official @openrouter/sdk (pinned in xtask/src/pins.rs and package.json), unmodified,
// against the sandbox: `cargo xtask test` (step `sdk`) starts a fresh sandbox and runs
//
//   SANDBOX_URL=... SANDBOX_API=... SANDBOX_MANAGEMENT_KEY=... node sdk.test.mjs
//
// Every SDK function for an operation the sandbox serves is called and must succeed (the SDK
// validates every answer against its own schemas, so success means it decoded). Every error
// the spec declares for that operation among 400, 401, 403 and 404 is provoked and must
// surface as the SDK's typed error class, carrying the envelope. The table below is the whole
// test: adding an operation is one entry (and its id in tests/schemathesis.sh, which this
// checks against).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { OpenRouter } from "@openrouter/sdk";
import {
  BadRequestResponseError,
  ConflictResponseError,
  ForbiddenResponseError,
  NotFoundResponseError,
  RequestTimeoutResponseError,
  TooManyRequestsResponseError,
  UnauthorizedResponseError,
} from "@openrouter/sdk/models/errors";

const ORIGIN = process.env.SANDBOX_URL;
const API = process.env.SANDBOX_API;
const KEY = process.env.SANDBOX_MANAGEMENT_KEY;
assert.ok(ORIGIN && API && KEY, "SANDBOX_URL, SANDBOX_API and SANDBOX_MANAGEMENT_KEY must be set");

const here = new URL(".", import.meta.url);
const client = (apiKey) => new OpenRouter({ apiKey, serverURL: API });
const management = client(KEY);
const nobody = client("sk-or-v1-" + "0".repeat(64));

async function control(method, path, body) {
  const res = await fetch(ORIGIN + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
}

/** The typed error class the SDK must raise for each status this test provokes. */
const TYPED = {
  400: BadRequestResponseError,
  401: UnauthorizedResponseError,
  403: ForbiddenResponseError,
  404: NotFoundResponseError,
};

/** The classes of the statuses an entry provokes beyond those (its `more`). */
const MORE_TYPED = {
  408: RequestTimeoutResponseError,
  409: ConflictResponseError,
  429: TooManyRequestsResponseError,
};

/** `call()` with the next `method path` answered 404 by the sandbox's faults. */
async function injected404(method, path, call) {
  await control("POST", "/__sandbox/faults", { method, path, faults: [{ status: 404 }] });
  return call();
}

const slug = `sdk-${Date.now().toString(36)}`;
/** A guardrail id nobody made. */
const NO_GUARDRAIL = "00000000-0000-4000-8000-000000000000";

/**
 * The operations, in the order they run (they share `s`, the state the earlier ones made).
 * `call(sdk, s)` is the successful call, `check(result, s)` what it must answer. A declared
 * 401 and 403 are provoked by the same call with a key nobody issued and with an ordinary
 * key; `errors[status]` provokes the other declared statuses (and may add a 403 of its own);
 * `more[status]` a declared 408, 409 or 429. `sdkOnly` lists the statuses of an operation the
 * SDK has and the spec extract does not (the SCIM sync jobs).
 */
const OPERATIONS = [
  {
    op: "getCurrentKey",
    fn: "apiKeys.getCurrentKeyMetadata",
    call: (sdk) => sdk.apiKeys.getCurrentKeyMetadata(),
    check: (r) => {
      assert.equal(r.data.isManagementKey, true);
      assert.equal(typeof r.data.organizationId, "string");
      assert.ok(Array.isArray(r.data.allowedDataRegions));
      assert.equal(typeof r.data.freeModelDailyRequests.remaining, "number");
    },
  },
  {
    op: "listOrganizationMembers",
    fn: "organization.listMembers",
    call: (sdk) => sdk.organization.listMembers({ limit: 100 }),
    check: (r, s) => {
      assert.ok(r.result.data.length > 0);
      s.userId = r.result.data.find((m) => m.email.startsWith("alan.turing"))?.id ?? r.result.data[0].id;
    },
    // The sandbox has one organization, always found: the declared 404 is injected.
    errors: {
      404: async (sdk) => {
        await control("POST", "/__sandbox/faults", {
          method: "GET",
          path: "/api/v1/organization/members",
          faults: [{ status: 404 }],
        });
        return sdk.organization.listMembers({});
      },
    },
  },
  {
    op: "listWorkspaces",
    fn: "workspaces.list",
    call: (sdk) => sdk.workspaces.list({ limit: 5 }),
    check: (r) => {
      assert.ok(r.result.data.some((w) => w.slug === "default"));
      assert.equal(typeof r.result.totalCount, "number");
    },
  },
  {
    op: "createWorkspace",
    fn: "workspaces.create",
    call: (sdk) =>
      sdk.workspaces.create({
        createWorkspaceRequest: {
          name: "SDK",
          slug,
          disabledServerTools: ["openrouter:web_search"],
        },
      }),
    check: (r, s) => {
      assert.equal(r.data.slug, slug);
      assert.deepEqual(r.data.disabledServerTools, ["openrouter:web_search"]);
      s.workspaceId = r.data.id;
    },
    errors: {
      400: (sdk) => sdk.workspaces.create({ createWorkspaceRequest: { name: "Bad", slug: "Not A Slug" } }),
    },
  },
  {
    op: "getWorkspace",
    fn: "workspaces.get",
    call: (sdk) => sdk.workspaces.get({ id: slug }),
    check: (r, s) => assert.equal(r.data.id, s.workspaceId),
    errors: { 404: (sdk) => sdk.workspaces.get({ id: "no-such-workspace" }) },
  },
  {
    op: "updateWorkspace",
    fn: "workspaces.update",
    call: (sdk, s) =>
      sdk.workspaces.update({
        id: s.workspaceId,
        updateWorkspaceRequest: { description: "made by the SDK", disabledServerTools: [] },
      }),
    check: (r) => {
      assert.equal(r.data.description, "made by the SDK");
      assert.equal(r.data.disabledServerTools ?? null, null);
    },
    errors: {
      400: (sdk, s) => sdk.workspaces.update({ id: s.workspaceId, updateWorkspaceRequest: { slug: "Not A Slug" } }),
      404: (sdk) => sdk.workspaces.update({ id: "no-such-workspace", updateWorkspaceRequest: { name: "x" } }),
    },
  },
  {
    op: "bulkAddWorkspaceMembers",
    fn: "workspaces.bulkAddMembers",
    call: (sdk, s) =>
      sdk.workspaces.bulkAddMembers({ id: slug, bulkAddWorkspaceMembersRequest: { userIds: [s.userId] } }),
    check: (r) => assert.equal(r.addedCount, 1),
    errors: {
      400: (sdk) => sdk.workspaces.bulkAddMembers({ id: slug, bulkAddWorkspaceMembersRequest: { userIds: [] } }),
      404: (sdk, s) =>
        sdk.workspaces.bulkAddMembers({ id: "no-such-workspace", bulkAddWorkspaceMembersRequest: { userIds: [s.userId] } }),
    },
  },
  {
    op: "listWorkspaceMembers",
    fn: "workspaces.listMembers",
    call: (sdk) => sdk.workspaces.listMembers({ id: slug }),
    check: (r, s) => assert.ok(r.result.data.some((m) => m.userId === s.userId)),
    errors: { 404: (sdk) => sdk.workspaces.listMembers({ id: "no-such-workspace" }) },
  },
  {
    op: "bulkRemoveWorkspaceMembers",
    fn: "workspaces.bulkRemoveMembers",
    call: (sdk, s) =>
      sdk.workspaces.bulkRemoveMembers({ id: slug, bulkRemoveWorkspaceMembersRequest: { userIds: [s.userId] } }),
    check: (r) => assert.equal(r.removedCount, 1),
    errors: {
      400: (sdk) => sdk.workspaces.bulkRemoveMembers({ id: slug, bulkRemoveWorkspaceMembersRequest: { userIds: [] } }),
      404: (sdk, s) =>
        sdk.workspaces.bulkRemoveMembers({
          id: "no-such-workspace",
          bulkRemoveWorkspaceMembersRequest: { userIds: [s.userId] },
        }),
    },
  },
  {
    op: "upsertWorkspaceBudget",
    fn: "workspaces.setBudget",
    call: (sdk) =>
      sdk.workspaces.setBudget({
        workspaceRef: slug,
        interval: "monthly",
        upsertWorkspaceBudgetRequest: { limitUsd: 250 },
      }),
    check: (r) => assert.equal(r.data.limitUsd, 250),
    errors: {
      400: (sdk) =>
        sdk.workspaces.setBudget({ workspaceRef: slug, interval: "daily", upsertWorkspaceBudgetRequest: { limitUsd: -1 } }),
      404: (sdk) =>
        sdk.workspaces.setBudget({
          workspaceRef: "no-such-workspace",
          interval: "daily",
          upsertWorkspaceBudgetRequest: { limitUsd: 1 },
        }),
    },
  },
  {
    op: "getWorkspaceBudget",
    fn: "workspaces.getBudget",
    call: (sdk) => sdk.workspaces.getBudget({ workspaceRef: slug, interval: "monthly" }),
    check: (r) => assert.equal(r.data.limitUsd, 250),
    errors: {
      400: (sdk) => sdk.workspaces.getBudget({ workspaceRef: slug, interval: "yearly" }),
      404: (sdk) => sdk.workspaces.getBudget({ workspaceRef: slug, interval: "daily" }),
    },
  },
  {
    op: "listWorkspaceBudgets",
    fn: "workspaces.listBudgets",
    call: (sdk) => sdk.workspaces.listBudgets({ workspaceRef: slug }),
    check: (r) => assert.equal(r.data.length, 1),
    errors: { 404: (sdk) => sdk.workspaces.listBudgets({ workspaceRef: "no-such-workspace" }) },
  },
  {
    op: "deleteWorkspaceBudget",
    fn: "workspaces.deleteBudget",
    call: (sdk) => sdk.workspaces.deleteBudget({ workspaceRef: slug, interval: "monthly" }),
    check: (r) => assert.equal(r.deleted, true),
    errors: {
      400: (sdk) => sdk.workspaces.deleteBudget({ workspaceRef: slug, interval: "yearly" }),
      404: (sdk) => sdk.workspaces.deleteBudget({ workspaceRef: slug, interval: "weekly" }),
    },
  },
  {
    op: "createKeys",
    fn: "apiKeys.create",
    call: (sdk, s) =>
      sdk.apiKeys.create({
        requestBody: {
          name: "sdk",
          workspaceId: s.workspaceId,
          limit: 10,
          limitReset: "weekly",
          expiresAt: new Date("2099-12-31T23:59:00Z"),
          external: { user: "end-user-1", apiKey: "partner-".padEnd(40, "k") },
        },
      }),
    check: (r, s) => {
      assert.match(r.key, /^sk-or-v1-[0-9a-f]{64}$/, "the secret is in the result");
      assert.equal(r.data.externalUser, "end-user-1");
      assert.ok(r.data.expiresAt instanceof Date);
      s.hash = r.data.hash;
    },
    errors: { 400: (sdk) => sdk.apiKeys.create({ requestBody: { name: "" } }) },
  },
  {
    op: "getKey",
    fn: "apiKeys.get",
    call: (sdk, s) => sdk.apiKeys.get({ hash: s.hash }),
    check: (r) => assert.equal(r.data.externalUser, "end-user-1"),
    errors: { 404: (sdk) => sdk.apiKeys.get({ hash: "0".repeat(64) }) },
  },
  {
    op: "updateKeys",
    fn: "apiKeys.update",
    call: (sdk, s) => sdk.apiKeys.update({ hash: s.hash, requestBody: { name: "sdk renamed", limit: null } }),
    check: (r) => {
      assert.equal(r.data.name, "sdk renamed");
      assert.equal(r.data.limit, null);
    },
    errors: {
      400: (sdk, s) => sdk.apiKeys.update({ hash: s.hash, requestBody: { name: "" } }),
      404: (sdk) => sdk.apiKeys.update({ hash: "0".repeat(64), requestBody: { name: "x" } }),
    },
  },
  {
    op: "list",
    fn: "apiKeys.list",
    call: (sdk, s) => sdk.apiKeys.list({ workspaceId: s.workspaceId, includeDisabled: true }),
    check: (r, s) => assert.deepEqual(r.data.map((k) => k.hash), [s.hash]),
    errors: { 400: (sdk) => sdk.apiKeys.list({ workspaceId: "not-a-uuid" }) },
  },
  // Guardrails, in the workspace and with the key made above.
  {
    op: "createGuardrail",
    fn: "guardrails.create",
    call: (sdk, s) =>
      sdk.guardrails.create({
        createGuardrailRequest: {
          name: "SDK guardrail",
          workspaceId: s.workspaceId,
          allowedModels: ["openai/gpt-4o-mini"],
          limitUsd: 20,
          resetInterval: "weekly",
          allowedDataRegions: ["europe"],
          contentFilterBuiltins: [{ slug: "secrets", action: "redact" }],
        },
      }),
    check: (r, s) => {
      assert.equal(r.data.workspaceId, s.workspaceId);
      assert.deepEqual(r.data.allowedDataRegions, ["europe"]);
      assert.equal(r.data.contentFilterBuiltins[0].slug, "secrets");
      s.guardrailId = r.data.id;
    },
    // A limit without its reset interval.
    errors: { 400: (sdk, s) => sdk.guardrails.create({ createGuardrailRequest: { name: "x", workspaceId: s.workspaceId, limitUsd: 5 } }) },
  },
  {
    op: "listGuardrails",
    fn: "guardrails.list",
    call: (sdk, s) => sdk.guardrails.list({ workspaceId: s.workspaceId }),
    check: (r, s) => assert.deepEqual(r.result.data.map((g) => g.id), [s.guardrailId]),
    errors: { 400: (sdk) => sdk.guardrails.list({ workspaceId: "not-a-uuid" }) },
  },
  {
    op: "getGuardrail",
    fn: "guardrails.get",
    call: (sdk, s) => sdk.guardrails.get({ id: s.guardrailId }),
    check: (r) => assert.equal(r.data.limitUsd, 20),
    errors: { 404: (sdk) => sdk.guardrails.get({ id: NO_GUARDRAIL }) },
  },
  {
    op: "updateGuardrail",
    fn: "guardrails.update",
    call: (sdk, s) =>
      sdk.guardrails.update({
        id: s.guardrailId,
        updateGuardrailRequest: { description: "made by the SDK", allowedDataRegions: ["europe", "us"] },
      }),
    check: async (r, s) => {
      assert.equal(r.data.description, "made by the SDK");
      assert.deepEqual(r.data.allowedDataRegions, ["europe", "us"]);
      // The workspace's default guardrail exists by id: an update writes it.
      const ws = await management.workspaces.get({ id: s.workspaceId });
      const written = await management.guardrails.update({
        id: ws.data.defaultGuardrailId,
        updateGuardrailRequest: { allowedProviders: ["openai"] },
      });
      assert.equal(written.data.workspaceId, s.workspaceId);
    },
    errors: {
      400: (sdk, s) => sdk.guardrails.update({ id: s.guardrailId, updateGuardrailRequest: { allowedDataRegions: [] } }),
      404: (sdk) => sdk.guardrails.update({ id: NO_GUARDRAIL, updateGuardrailRequest: { description: "x" } }),
    },
  },
  {
    op: "bulkAssignKeysToGuardrail",
    fn: "guardrails.bulkAssignKeys",
    call: (sdk, s) => sdk.guardrails.bulkAssignKeys({ id: s.guardrailId, bulkAssignKeysRequest: { keyHashes: [s.hash] } }),
    check: (r) => assert.equal(r.assignedCount, 1),
    errors: {
      // A key of another workspace (the Default one).
      400: async (sdk, s) => {
        const other = await sdk.apiKeys.create({ requestBody: { name: "elsewhere" } });
        return sdk.guardrails.bulkAssignKeys({ id: s.guardrailId, bulkAssignKeysRequest: { keyHashes: [other.data.hash] } });
      },
      404: (sdk, s) => sdk.guardrails.bulkAssignKeys({ id: NO_GUARDRAIL, bulkAssignKeysRequest: { keyHashes: [s.hash] } }),
    },
  },
  {
    op: "listGuardrailKeyAssignments",
    fn: "guardrails.listGuardrailKeyAssignments",
    call: (sdk, s) => sdk.guardrails.listGuardrailKeyAssignments({ id: s.guardrailId }),
    check: (r, s) => assert.deepEqual(r.result.data.map((a) => a.keyHash), [s.hash]),
    errors: { 404: (sdk) => sdk.guardrails.listGuardrailKeyAssignments({ id: NO_GUARDRAIL }) },
  },
  {
    op: "listKeyAssignments",
    fn: "guardrails.listKeyAssignments",
    call: (sdk) => sdk.guardrails.listKeyAssignments({ limit: 100 }),
    check: (r, s) => assert.equal(r.result.data.find((a) => a.keyHash === s.hash)?.guardrailId, s.guardrailId),
  },
  {
    op: "bulkUnassignKeysFromGuardrail",
    fn: "guardrails.bulkUnassignKeys",
    call: (sdk, s) =>
      sdk.guardrails.bulkUnassignKeys({ id: s.guardrailId, bulkUnassignKeysRequest: { keyHashes: [s.hash] } }),
    check: (r) => assert.equal(r.unassignedCount, 1),
    errors: {
      400: (sdk, s) => sdk.guardrails.bulkUnassignKeys({ id: s.guardrailId, bulkUnassignKeysRequest: { keyHashes: [] } }),
      404: (sdk, s) => sdk.guardrails.bulkUnassignKeys({ id: NO_GUARDRAIL, bulkUnassignKeysRequest: { keyHashes: [s.hash] } }),
    },
  },
  {
    op: "bulkAssignMembersToGuardrail",
    fn: "guardrails.bulkAssignMembers",
    call: (sdk, s) =>
      sdk.guardrails.bulkAssignMembers({ id: s.guardrailId, bulkAssignMembersRequest: { memberUserIds: [s.userId] } }),
    check: (r) => assert.equal(r.assignedCount, 1),
    errors: {
      400: (sdk, s) =>
        sdk.guardrails.bulkAssignMembers({ id: s.guardrailId, bulkAssignMembersRequest: { memberUserIds: ["user_nobody"] } }),
      404: (sdk, s) =>
        sdk.guardrails.bulkAssignMembers({ id: NO_GUARDRAIL, bulkAssignMembersRequest: { memberUserIds: [s.userId] } }),
    },
  },
  {
    op: "listGuardrailMemberAssignments",
    fn: "guardrails.listGuardrailMemberAssignments",
    call: (sdk, s) => sdk.guardrails.listGuardrailMemberAssignments({ id: s.guardrailId }),
    check: (r, s) => assert.deepEqual(r.result.data.map((a) => a.userId), [s.userId]),
    errors: { 404: (sdk) => sdk.guardrails.listGuardrailMemberAssignments({ id: NO_GUARDRAIL }) },
  },
  {
    op: "listMemberAssignments",
    fn: "guardrails.listMemberAssignments",
    call: (sdk) => sdk.guardrails.listMemberAssignments({ limit: 100 }),
    check: (r, s) =>
      assert.ok(r.result.data.some((a) => a.userId === s.userId && a.guardrailId === s.guardrailId)),
  },
  {
    op: "bulkUnassignMembersFromGuardrail",
    fn: "guardrails.bulkUnassignMembers",
    call: (sdk, s) =>
      sdk.guardrails.bulkUnassignMembers({ id: s.guardrailId, bulkUnassignMembersRequest: { memberUserIds: [s.userId] } }),
    check: (r) => assert.equal(r.unassignedCount, 1),
    errors: {
      400: (sdk, s) =>
        sdk.guardrails.bulkUnassignMembers({ id: s.guardrailId, bulkUnassignMembersRequest: { memberUserIds: [] } }),
      404: (sdk, s) =>
        sdk.guardrails.bulkUnassignMembers({ id: NO_GUARDRAIL, bulkUnassignMembersRequest: { memberUserIds: [s.userId] } }),
    },
  },
  {
    op: "deleteGuardrail",
    fn: "guardrails.delete",
    call: (sdk, s) => sdk.guardrails.delete({ id: s.guardrailId }),
    check: (r) => assert.equal(r.deleted, true),
    errors: { 404: (sdk) => sdk.guardrails.delete({ id: NO_GUARDRAIL }) },
  },
  {
    op: "deleteKeys",
    fn: "apiKeys.delete",
    call: (sdk, s) => sdk.apiKeys.delete({ hash: s.hash }),
    check: (r) => assert.equal(r.deleted, true),
    errors: { 404: (sdk) => sdk.apiKeys.delete({ hash: "0".repeat(64) }) },
  },
  {
    op: "getCredits",
    fn: "credits.getCredits",
    call: (sdk) => sdk.credits.getCredits(),
    check: (r) => {
      assert.equal(typeof r.data.totalCredits, "number");
      assert.ok(r.data.totalCredits >= r.data.totalUsage, "the sandbox's balance is never negative");
    },
  },
  {
    op: "getUserActivity",
    fn: "analytics.getUserActivity",
    call: (sdk) => sdk.analytics.getUserActivity({ groupBy: "workspace" }),
    // Every filter at once, taken from the unfiltered answer, must keep only matching rows.
    check: async (r, s) => {
      const row = r.data.find((x) => x.workspaceId);
      assert.ok(row, "grouped by workspace, rows carry workspaceId");
      const keys = await management.apiKeys.list({ workspaceId: row.workspaceId });
      const filtered = await management.analytics.getUserActivity({
        date: row.date, workspaceId: row.workspaceId, apiKeyHash: keys.data[0].hash, groupBy: "workspace",
      });
      assert.ok(filtered.data.every((x) => x.date === row.date && x.workspaceId === row.workspaceId));
      const byUser = await management.analytics.getUserActivity({ userId: s.userId });
      assert.ok(Array.isArray(byUser.data));
    },
    errors: {
      400: (sdk) => sdk.analytics.getUserActivity({ date: "2025-13-40" }),
      404: (sdk) => sdk.analytics.getUserActivity({ workspaceId: "00000000-0000-4000-8000-000000000000" }),
    },
  },
  // BYOK and observability destinations, in the workspace made above (by UUID: no slug).
  {
    op: "createBYOKKey",
    fn: "byok.create",
    call: (sdk, s) =>
      sdk.byok.create({
        createBYOKKeyRequest: {
          provider: "openai",
          key: "sk-proj-sdk-provider-key-0123456789",
          name: "SDK OpenAI",
          workspaceId: s.workspaceId,
          isByokOnly: true,
          declaredZdr: true,
        },
      }),
    check: (r, s) => {
      assert.equal(r.data.label, "sk-...6789", "masked, never the key");
      assert.equal(r.data.isByokOnly, true);
      assert.equal(r.data.declaredZdr, true);
      s.byokId = r.data.id;
    },
    errors: {
      400: (sdk, s) =>
        sdk.byok.create({
          createBYOKKeyRequest: {
            provider: "openai", key: "k", workspaceId: s.workspaceId, isFallback: true, isByokOnly: true,
          },
        }),
    },
  },
  {
    op: "listBYOKKeys",
    fn: "byok.list",
    call: (sdk, s) => sdk.byok.list({ workspaceId: s.workspaceId }),
    check: (r, s) => assert.deepEqual(r.result.data.map((k) => k.id), [s.byokId]),
    errors: { 400: (sdk) => sdk.byok.list({ workspaceId: "not-a-uuid" }) },
  },
  {
    op: "getBYOKKey",
    fn: "byok.get",
    call: (sdk, s) => sdk.byok.get({ id: s.byokId }),
    check: (r, s) => assert.equal(r.data.workspaceId, s.workspaceId),
    errors: { 404: (sdk) => sdk.byok.get({ id: "00000000-0000-4000-8000-000000000000" }) },
  },
  {
    op: "updateBYOKKey",
    fn: "byok.update",
    call: (sdk, s) =>
      sdk.byok.update({ id: s.byokId, updateBYOKKeyRequest: { key: "sk-proj-rotated-key-abcdefghijkl", declaredZdr: null } }),
    check: (r) => {
      assert.equal(r.data.label, "sk-...ijkl");
      assert.equal(r.data.declaredZdr, null);
    },
    errors: {
      400: (sdk, s) => sdk.byok.update({ id: s.byokId, updateBYOKKeyRequest: { isFallback: true } }),
      404: (sdk) =>
        sdk.byok.update({ id: "00000000-0000-4000-8000-000000000000", updateBYOKKeyRequest: { disabled: true } }),
    },
  },
  {
    op: "deleteBYOKKey",
    fn: "byok.delete",
    call: (sdk, s) => sdk.byok.delete({ id: s.byokId }),
    check: (r) => assert.equal(r.deleted, true),
    errors: { 404: (sdk) => sdk.byok.delete({ id: "00000000-0000-4000-8000-000000000000" }) },
  },
  {
    op: "createObservabilityDestination",
    fn: "observability.create",
    call: (sdk, s) =>
      sdk.observability.create({
        createObservabilityDestinationRequest: {
          type: "langfuse",
          name: "SDK Langfuse",
          workspaceId: s.workspaceId,
          config: { publicKey: "pk-lf-sdk", secretKey: "sk-lf-sdk-secret-0123456789" },
          regions: ["eu"],
        },
      }),
    check: (r, s) => {
      assert.equal(r.data.type, "langfuse");
      assert.deepEqual(r.data.regions, ["europe"]);
      assert.equal(r.data.config.secretKey, "sk-...6789");
      s.destinationId = r.data.id;
    },
    errors: {
      400: (sdk, s) =>
        sdk.observability.create({
          createObservabilityDestinationRequest: {
            type: "langfuse", name: "No secret", workspaceId: s.workspaceId, config: { publicKey: "pk" },
          },
        }),
    },
  },
  {
    op: "listObservabilityDestinations",
    fn: "observability.list",
    call: (sdk, s) => sdk.observability.list({ workspaceId: s.workspaceId }),
    check: (r, s) => assert.deepEqual(r.result.data.map((d) => d.id), [s.destinationId]),
    errors: { 400: (sdk) => sdk.observability.list({ workspaceId: "not-a-uuid" }) },
  },
  {
    op: "getObservabilityDestination",
    fn: "observability.get",
    call: (sdk, s) => sdk.observability.get({ id: s.destinationId }),
    check: (r) => assert.deepEqual(r.data.regions, ["europe"]),
    errors: { 404: (sdk) => sdk.observability.get({ id: "00000000-0000-4000-8000-000000000000" }) },
  },
  {
    op: "updateObservabilityDestination",
    fn: "observability.update",
    call: (sdk, s) =>
      sdk.observability.update({
        id: s.destinationId,
        updateObservabilityDestinationRequest: { enabled: false, samplingRate: 0.5 },
      }),
    check: (r) => {
      assert.equal(r.data.enabled, false);
      assert.deepEqual(r.data.regions, ["europe"], "kept when left out");
    },
    errors: {
      400: (sdk, s) =>
        sdk.observability.update({ id: s.destinationId, updateObservabilityDestinationRequest: { samplingRate: 2 } }),
      404: (sdk) =>
        sdk.observability.update({
          id: "00000000-0000-4000-8000-000000000000",
          updateObservabilityDestinationRequest: { enabled: true },
        }),
    },
  },
  {
    op: "deleteObservabilityDestination",
    fn: "observability.delete",
    call: (sdk, s) => sdk.observability.delete({ id: s.destinationId }),
    check: (r) => assert.equal(r.deleted, true),
    errors: { 404: (sdk) => sdk.observability.delete({ id: "00000000-0000-4000-8000-000000000000" }) },
  },
  {
    op: "listScimGroups",
    fn: "scim.listGroups",
    call: (sdk) => sdk.scim.listGroups({ limit: 10 }),
    check: (r, s) => {
      assert.ok(r.result.data.length >= 5);
      assert.equal(typeof r.result.totalCount, "number");
      s.groupId = r.result.data.find((g) => g.displayName === "Engineering").id;
      s.otherGroupId = r.result.data.find((g) => g.displayName === "Finance").id;
    },
    // The sandbox's organization always has its groups: the declared 404 is injected.
    errors: { 404: (sdk) => injected404("GET", "/api/v1/scim/groups", () => sdk.scim.listGroups({})) },
  },
  {
    op: "listScimGroupMappings",
    fn: "scim.listMappings",
    call: (sdk) => sdk.scim.listMappings({ limit: 2, offset: 1 }),
    check: (r) => {
      assert.equal(r.result.data.length, 2);
      assert.ok(r.result.totalCount >= 4);
    },
    errors: {
      404: (sdk) => injected404("GET", "/api/v1/scim/group-mappings", () => sdk.scim.listMappings({})),
    },
  },
  {
    op: "createScimGroupMapping",
    fn: "scim.create",
    call: (sdk, s) =>
      sdk.scim.create({
        createScimGroupMappingRequest: { scimGroupId: s.groupId, workspaceId: s.workspaceId, role: "member" },
      }),
    check: async (r, s) => {
      assert.equal(r.data.role, "member");
      assert.equal(r.data.workspaceId, s.workspaceId);
      s.mappingId = r.data.id;
      // The same mapping again: 201 (the SDK accepts nothing else) with the same mapping.
      const again = await management.scim.create({
        createScimGroupMappingRequest: { scimGroupId: s.groupId, workspaceId: s.workspaceId, role: "member" },
      });
      assert.equal(again.data.id, r.data.id);
    },
    errors: {
      400: (sdk, s) =>
        sdk.scim.create({
          createScimGroupMappingRequest: { scimGroupId: s.groupId, workspaceId: s.workspaceId, role: "owner" },
        }),
      404: (sdk, s) =>
        sdk.scim.create({
          createScimGroupMappingRequest: { scimGroupId: NO_GUARDRAIL, workspaceId: s.workspaceId, role: "member" },
        }),
    },
    // Declared too, beyond the statuses every entry is held to: another role for a mapping
    // that exists (the demo maps Engineering to Staging as member).
    more: {
      409: async (sdk, s) => {
        const ws = (await sdk.workspaces.get({ id: "staging" })).data.id;
        return sdk.scim.create({
          createScimGroupMappingRequest: { scimGroupId: s.groupId, workspaceId: ws, role: "admin" },
        });
      },
    },
  },
  {
    op: "getScimGroupMapping",
    fn: "scim.read",
    call: (sdk, s) => sdk.scim.read({ id: s.mappingId }),
    check: (r, s) => assert.equal(r.data.scimGroupId, s.groupId),
    errors: { 404: (sdk) => sdk.scim.read({ id: NO_GUARDRAIL }) },
  },
  {
    op: "updateScimGroupMapping",
    fn: "scim.update",
    call: (sdk, s) => sdk.scim.update({ id: s.mappingId, updateScimGroupMappingRequest: { role: "admin" } }),
    check: (r) => assert.equal(r.data.role, "admin"),
    errors: {
      400: (sdk, s) => sdk.scim.update({ id: s.mappingId, updateScimGroupMappingRequest: { role: "owner" } }),
      404: (sdk) => sdk.scim.update({ id: NO_GUARDRAIL, updateScimGroupMappingRequest: { role: "admin" } }),
    },
  },
  {
    op: "deleteScimGroupMapping",
    fn: "scim.delete",
    call: (sdk, s) => sdk.scim.delete({ id: s.mappingId, keepMembers: false }),
    check: (r) => assert.equal(r.deleted, true),
    errors: {
      // The SDK takes keep_members as an open enum: a value the API refuses reaches it.
      400: (sdk, s) => sdk.scim.delete({ id: s.mappingId, keepMembers: "maybe" }),
      404: (sdk) => sdk.scim.delete({ id: NO_GUARDRAIL, keepMembers: true }),
    },
  },
  {
    op: "createScimSyncJob",
    fn: "scim.createSyncJob",
    // Not in the spec extract (@openrouter/sdk 1.3.19 has it): its statuses are the SDK's.
    sdkOnly: [401, 404],
    call: (sdk) => sdk.scim.createSyncJob(),
    // A 202 answer: the SDK hands it back with its headers, the body under `result`.
    check: (r, s) => {
      assert.equal(r.result.data.status, "queued");
      assert.equal(r.result.data.startedAt, null);
      s.syncJobId = r.result.data.id;
    },
    errors: {
      404: (sdk) => injected404("POST", "/api/v1/scim/sync-jobs", () => sdk.scim.createSyncJob()),
    },
  },
  {
    op: "getScimSyncJob",
    fn: "scim.getSyncJob",
    sdkOnly: [401, 404],
    call: (sdk, s) => sdk.scim.getSyncJob({ id: s.syncJobId }),
    check: async (r, s) => {
      // Each read moves the job on: the 401 above was not a read, so this is its first.
      assert.equal(r.data.status, "running");
      const done = await management.scim.getSyncJob({ id: s.syncJobId });
      assert.equal(done.data.status, "succeeded");
      assert.equal(typeof done.data.syncedGroups, "number");
      assert.equal(done.data.errorMessage, null);
    },
    errors: { 404: (sdk) => sdk.scim.getSyncJob({ id: NO_GUARDRAIL }) },
  },
  {
    op: "getAnalyticsMeta",
    fn: "analytics.getAnalyticsMeta",
    call: (sdk) => sdk.analytics.getAnalyticsMeta(),
    check: (r) => {
      assert.ok(r.data.metrics.some((m) => m.name === "request_count" && m.isRate === false));
      assert.ok(r.data.granularities.some((g) => g.name === "minute"));
      assert.ok(r.data.operators.some((o) => o.name === "in" && o.valueType === "array"));
    },
  },
  {
    op: "queryAnalytics",
    fn: "analytics.queryAnalytics",
    call: (sdk) =>
      sdk.analytics.queryAnalytics({
        requestBody: { metrics: ["spend", "request_count"], dimensions: ["model"], granularity: "day" },
      }),
    check: async (r) => {
      // The SDK's row schema is an empty object: zod drops every column, so each row arrives
      // as {}. Only the metadata can be checked through it; the raw answer has the columns.
      assert.ok(r.data.data.length > 0);
      assert.ok(r.data.data.every((row) => Object.keys(row).length === 0), "rows arrive as {}");
      assert.equal(r.data.metadata.rowCount, r.data.data.length);
      assert.equal(r.data.metadata.truncated, false);
      const raw = await fetch(API + "/analytics/query", {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ metrics: ["spend", "request_count"], dimensions: ["model"], granularity: "day" }),
      }).then((res) => res.json());
      assert.equal(raw.data.data.length, r.data.data.length);
      assert.equal(typeof raw.data.data[0].request_count, "string", "counts are strings");
      assert.equal(typeof raw.data.data[0].spend, "number");
    },
    errors: {
      400: (sdk) =>
        sdk.analytics.queryAnalytics({
          requestBody: { metrics: ["spend"], dimensions: ["model", "user", "workspace"] },
        }),
    },
    more: {
      408: async (sdk) => {
        await control("POST", "/__sandbox/faults", {
          method: "POST",
          path: "/api/v1/analytics/query",
          faults: [{ status: 408 }],
        });
        return sdk.analytics.queryAnalytics({ requestBody: { metrics: ["spend"] } }, { retries: { strategy: "none" } });
      },
    },
  },
  {
    op: "submitGenerationFeedback",
    fn: "generations.submitFeedback",
    call: (sdk) =>
      sdk.generations.submitFeedback({
        submitGenerationFeedbackRequest: {
          generationId: "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG",
          category: "incorrect_response",
          comment: "x".repeat(1000),
        },
      }),
    check: (r) => assert.equal(r.data.success, true),
    errors: {
      400: (sdk) =>
        sdk.generations.submitFeedback({
          submitGenerationFeedbackRequest: {
            generationId: "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG",
            category: "other",
            comment: "x".repeat(1001),
          },
        }),
      404: (sdk) =>
        sdk.generations.submitFeedback({
          submitGenerationFeedbackRequest: { generationId: "gen-nobody-made", category: "other" },
        }),
    },
    more: {
      // Sent too often on one generation (the sandbox takes 5 a minute on one).
      429: async (sdk) => {
        const body = { generationId: "gen-1733512800-Qb7sKx2LmPzR9dVw4hNc", category: "latency" };
        for (let i = 0; i < 5; i++) await sdk.generations.submitFeedback({ submitGenerationFeedbackRequest: body });
        return sdk.generations.submitFeedback({ submitGenerationFeedbackRequest: body }, { retries: { strategy: "none" } });
      },
    },
  },
  {
    op: "deleteWorkspace",
    fn: "workspaces.delete",
    call: (sdk, s) => sdk.workspaces.delete({ id: s.workspaceId }),
    check: (r) => assert.equal(r.deleted, true),
    errors: {
      // The Default workspace without the confirmation: the 403 a management key gets.
      403: (sdk) => sdk.workspaces.delete({ id: "default" }),
      400: async (sdk, s) => {
        const busy = await sdk.workspaces.create({ createWorkspaceRequest: { name: "Busy", slug: `${slug}-busy` } });
        await sdk.apiKeys.create({ requestBody: { name: "live", workspaceId: busy.data.id } });
        return sdk.workspaces.delete({ id: busy.data.id });
      },
      404: (sdk) => sdk.workspaces.delete({ id: "no-such-workspace" }),
    },
  },
];

/** The statuses among 400, 401, 403 and 404 the spec declares for each operation id. */
function declaredStatuses() {
  const lines = readFileSync(new URL("../../../../openapi/openrouter-management.yaml", here), "utf8").split("\n");
  const out = new Map();
  for (let i = 0; i < lines.length; i++) {
    const id = lines[i].match(/^ {6}operationId: (\S+)$/)?.[1];
    if (!id) continue;
    let start = i;
    while (start > 0 && !/^ {4}\w+:$/.test(lines[start])) start--;
    const statuses = [];
    for (let j = start + 1; j < lines.length && !/^ {0,4}\S/.test(lines[j]); j++) {
      const code = lines[j].match(/^ {8}'?(\d{3})'?:/)?.[1];
      if (code && TYPED[code]) statuses.push(Number(code));
    }
    out.set(id, statuses);
  }
  return out;
}

/** The operation ids the sandbox serves, as tests/schemathesis.sh lists them. */
function servedOperations() {
  const script = readFileSync(new URL("../schemathesis.sh", here), "utf8");
  const list = script.match(/^served=\(([\s\S]*?)^\)/m)?.[1];
  assert.ok(list, "tests/schemathesis.sh lists the served operations");
  return list.split(/\s+/).filter(Boolean);
}

/** Awaits `promise`, which must reject with the SDK's typed error for `status`. */
async function expectTyped(promise, status, label) {
  const Class = TYPED[status] ?? MORE_TYPED[status];
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${label}: expected ${status}, the call succeeded`);
  assert.ok(
    error instanceof Class,
    `${label}: expected ${Class.name}, got ${error?.name} (${error?.statusCode}): ${error?.message}`,
  );
  assert.equal(error.statusCode, status, label);
  assert.equal(error.error?.code, status, `${label}: the envelope's code`);
  assert.ok(error.error?.message, `${label}: the envelope's message`);
}

const declared = declaredStatuses();
assert.deepEqual(
  OPERATIONS.filter((o) => !o.sdkOnly).map((o) => o.op).sort(),
  servedOperations().sort(),
  "one entry per operation the sandbox serves",
);

await control("POST", "/__sandbox/reset");
// An ordinary (non-management) key for the declared 403s, made through the SDK too.
const ordinary = await management.apiKeys.create({ requestBody: { name: "ordinary" } });
const s = { ordinary: client(ordinary.key) };
let calls = 1;
for (const entry of OPERATIONS) {
  const statuses = entry.sdkOnly ?? declared.get(entry.op);
  assert.ok(statuses, `${entry.op} is in the spec`);
  const label = (what) => `${entry.fn} (${entry.op}) ${what}`;
  for (const status of statuses) {
    const provoke = entry.errors?.[status];
    if (status === 401) {
      await expectTyped(entry.call(nobody, s), 401, label("with a key nobody issued"));
      calls += 1;
    }
    if (status === 403) {
      await expectTyped(entry.call(s.ordinary, s), 403, label("with an ordinary key"));
      calls += 1;
    }
    if (provoke) {
      await expectTyped(provoke(management, s), status, label(`provoking ${status}`));
      calls += 1;
    }
    assert.ok(
      provoke || status === 401 || status === 403,
      `${entry.op}: the spec declares ${status}; give the entry errors[${status}]`,
    );
  }
  const more = Object.keys(entry.more ?? {});
  for (const status of more) {
    await expectTyped(entry.more[status](management, s), Number(status), label(`provoking ${status}`));
    calls += 1;
  }
  const result = await entry.call(management, s);
  await entry.check(result, s);
  calls += 1;
  console.log(`ok ${entry.fn} (${entry.op}): 2xx and ${[...statuses, ...more].join(", ")}`);
}

// An ordinary key may ask about itself, and is told it is not a management key.
const self = await s.ordinary.apiKeys.getCurrentKeyMetadata();
assert.equal(self.data.isManagementKey, false);
calls += 1;

console.log(`sdk: ${OPERATIONS.length} operations, ${calls} calls passed`);
