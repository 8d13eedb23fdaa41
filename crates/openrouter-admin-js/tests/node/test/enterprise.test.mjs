// OpenRouterAdmin's enterprise methods (issue 21) from the packed package against the sandbox:
// the analytics query read whole, beside the official @openrouter/sdk whose rows arrive as {};
// the count rule beyond 2^53; the query's limits refused before sending; SCIM mappings whose
// delete removes exactly the access that came only from them; and the lost-answer rule of
// each write (a mapping create retried to the same mapping; a sync job and feedback never
// sent twice).
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { API, KEY, control, withoutChunk } from "../sandbox.mjs";

await init();

// The official SDK as the `sdk` step installs it (`cargo xtask setup`), unmodified.
const SDK = new URL("../../../../openrouter-sandbox/tests/sdk/node_modules/@openrouter/sdk/esm/index.js", import.meta.url);
assert.ok(existsSync(fileURLToPath(SDK)), `@openrouter/sdk is not installed at ${SDK.pathname}: run cargo xtask setup`);
const { OpenRouter } = await import(SDK.href);

const admin = (maxRetries = 0) => new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries });
const fault = (method, path, ...faults) => control("POST", "/__sandbox/faults", { method, path, faults });
const sent = async (method, path) =>
  (await control("GET", "/__sandbox/log")).requests.filter((r) => r.method === method && r.path === "/api/v1" + path).length;

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
  await control("DELETE", "/__sandbox/faults");
});

/** Awaits `promise`, expecting an OpenRouterError of `kind`; returns it. */
async function rejects(promise, kind) {
  const error = await promise.then(
    (v) => assert.fail(`resolved: ${JSON.stringify(v).slice(0, 200)}`),
    (e) => e,
  );
  assert.ok(isOpenRouterError(error), String(error));
  assert.equal(error.kind, kind, `${error.kind}: ${error.message}`);
  return error;
}

const COUNTS = ["request_count", "prompt_tokens", "completion_tokens", "reasoning_tokens"];
const BY_MODEL_AND_DAY = { metrics: ["spend", ...COUNTS], dimensions: ["model"], granularity: "day" };

test("a query by model and day: every column back, counts as numbers, where the SDK returns {}", async () => {
  const ours = await admin().queryAnalytics(BY_MODEL_AND_DAY);
  const raw = await fetch(API + "/analytics/query", {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify(BY_MODEL_AND_DAY),
  }).then((r) => r.json());
  const sdk = await new OpenRouter({ apiKey: KEY, serverURL: API }).analytics.queryAnalytics({ requestBody: BY_MODEL_AND_DAY });

  assert.ok(ours.data.length >= 7, `rows: ${ours.data.length}`);
  assert.equal(ours.data.length, raw.data.data.length);
  assert.equal(ours.metadata.row_count, ours.data.length);
  const columns = ["date__day", "model", "spend", ...COUNTS].sort();
  ours.data.forEach((row, i) => {
    assert.deepEqual(Object.keys(row).sort(), columns, `row ${i}: every column`);
    assert.equal(typeof row.model, "string");
    assert.match(row.date__day, /^\d{4}-\d{2}-\d{2}/);
    assert.equal(typeof row.spend, "number");
    for (const c of COUNTS) {
      assert.ok(Number.isSafeInteger(row[c]), `row ${i}.${c} = ${JSON.stringify(row[c])}`);
      // The API's string, read exactly.
      assert.equal(typeof raw.data.data[i][c], "string");
      assert.equal(row[c], Number(raw.data.data[i][c]));
    }
    assert.deepEqual({ ...row, ...Object.fromEntries(COUNTS.map((c) => [c, String(row[c])])) }, raw.data.data[i]);
  });
  assert.ok(ours.data.some((r) => r.request_count > 0), "some traffic counted");

  // The official SDK, same query, same sandbox: the rows, but each one empty.
  assert.equal(sdk.data.data.length, ours.data.length);
  assert.ok(sdk.data.data.every((row) => JSON.stringify(row) === "{}"), JSON.stringify(sdk.data.data.slice(0, 2)));
  assert.equal(sdk.data.metadata.rowCount, ours.metadata.row_count);
  console.log(`queryAnalytics by model and day: ${ours.data.length} rows of ${columns.length} columns; the SDK: ${sdk.data.data.length} rows of {}`);
});

test("a count beyond 2^53 stays the exact string the API sent; below, a number", async () => {
  const big = "9007199254740993"; // 2^53 + 1: as a number it would read 9007199254740992
  const body = {
    data: {
      data: [{ model: "m", request_count: big, prompt_tokens: "9007199254740991", spend: 1.5, date__day: "2026-01-01" }],
      metadata: { query_time_ms: 1, row_count: 1, truncated: false },
      warnings: [],
    },
  };
  await fault("POST", "/api/v1/analytics/query", { status: 200, body: JSON.stringify(body) });
  const result = await admin().queryAnalytics({ metrics: ["request_count", "prompt_tokens", "spend"], dimensions: ["model"] });
  const [row] = result.data;
  assert.equal(row.request_count, big);
  assert.equal(BigInt(row.request_count), 2n ** 53n + 1n);
  assert.equal(row.prompt_tokens, Number.MAX_SAFE_INTEGER);
  assert.equal(row.model, "m");
  assert.equal(row.date__day, "2026-01-01");
});

test("the query's limits are refused before anything is sent, naming the field", async () => {
  const cases = [
    [{ metrics: [] }, "metrics"],
    [{ metrics: ["spend"], dimensions: ["model", "workspace", "api_key"] }, "dimensions"],
    [{ metrics: ["spend"], granularity: "minute", time_range: { start: "2026-01-01T00:00:00Z", end: "2026-01-02T00:00:00Z" } }, "granularity"],
    [{ metrics: ["spend"], limit: 10_001 }, "limit"],
    [{ metrics: ["spend"], time_range: { start: "2026-01-01", end: "2026-01-02T00:00:00Z" } }, "time_range.start"],
    [{ metrics: ["spend"], filters: [{ field: "model", operator: "in", value: "openai/gpt-4.1" }] }, "filters[0].value"],
    [{ metrics: ["spend"], filters: [{ field: "model", operator: "eq", value: ["a", "b"] }] }, "filters[0].value"],
    [{ metrics: ["spend"], filters: [{ field: "model", operator: "eq", value: { a: 1 } }] }, "filters[0].value"],
    [{ metrics: ["spend"], classifier_dimensions: ["not", "an", "object"] }, "query.classifier_dimensions"],
  ];
  for (const [query, field] of cases) {
    const e = await rejects(admin().queryAnalytics(query), "validation");
    assert.ok(e.fieldErrors.some((f) => f.field === field), `${JSON.stringify(query)}: ${e.message}`);
  }
  await rejects(admin().queryAnalytics(undefined), "validation");
  assert.equal(await sent("POST", "/analytics/query"), 0, "nothing was sent");
  // A well-formed filter and classifier object pass the same checks and are sent.
  const ok = await admin().queryAnalytics({
    metrics: ["request_count"],
    dimensions: ["model"],
    filters: [{ field: "model", operator: "in", value: ["openai/gpt-4.1", "anthropic/claude-sonnet-4"] }],
  });
  assert.ok(ok.data.every((r) => ["openai/gpt-4.1", "anthropic/claude-sonnet-4"].includes(r.model)), JSON.stringify(ok.data));
  assert.equal(await sent("POST", "/analytics/query"), 1);
});

test("meta, groups, mappings and their paginators", async () => {
  const client = admin();
  const meta = await client.getAnalyticsMeta();
  assert.ok(meta.metrics.some((m) => m.name === "request_count" && m.is_rate === false));
  assert.ok(meta.granularities.some((g) => g.name === "day"));
  const groups = await client.listScimGroups();
  assert.equal(groups.total_count, 5);
  const all = await client.iterateScimGroups({ limit: 2 }).collectAll();
  assert.deepEqual(all.map((g) => g.id), groups.data.map((g) => g.id));
  const mappings = await client.iterateScimGroupMappings({ limit: 1 }).collectAll();
  assert.equal(mappings.length, 4);
  assert.equal((await client.listScimGroupMappings({ offset: 1, limit: 2 })).data.length, 2);
  const one = await client.getScimGroupMapping(mappings[0].id);
  assert.deepEqual(one, mappings[0]);
  const other = one.role === "admin" ? "member" : "admin";
  assert.equal((await client.updateScimGroupMapping(one.id, { role: other })).role, other);
  await rejects(client.updateScimGroupMapping(one.id, { role: 7 }), "validation");
  const missing = await rejects(client.getScimGroupMapping("00000000-0000-4000-8000-000000000000"), "not_found");
  assert.equal(missing.status, 404);
});

test("deleteScimGroupMapping: keepMembers is a required choice, refused naming the field", async () => {
  const [mapping] = (await admin().listScimGroupMappings()).data;
  for (const bad of [undefined, null, true, "yes", "Remove"]) {
    const e = await rejects(admin().deleteScimGroupMapping(mapping.id, bad), "validation");
    assert.equal(e.fieldErrors[0].field, "keepMembers", e.message);
    assert.match(e.message, /keep.*remove/s);
  }
  assert.equal(await sent("DELETE", `/scim/group-mappings/${mapping.id}`), 0, "nothing was sent");
  assert.deepEqual(await admin().getScimGroupMapping(mapping.id), mapping);
});

/** The user ids of a workspace's members, counted through the API. */
const members = async (client, ws) => new Set((await client.iterateMembers(ws).collectAll()).map((m) => m.user_id));

test("a mapping deleted with \"remove\" removes exactly the access that came only from it", async () => {
  const client = admin();
  const ws = await client.createWorkspace({ name: "SCIM remove", slug: "scim-remove" });
  const people = (await client.iterateOrganizationMembers().collectAll()).map((m) => m.id);
  assert.ok(people.length >= 4);
  const [onlyA, inBoth, onlyB, manual] = people;
  const group = async (name) => (await control("POST", "/__sandbox/scim", { event: "create_group", display_name: name })).group.id;
  const [a, b] = [await group("Group A"), await group("Group B")];
  for (const [g, u] of [[a, onlyA], [a, inBoth], [b, inBoth], [b, onlyB], [a, manual]]) {
    await control("POST", "/__sandbox/scim", { event: "join", group_id: g, user_id: u });
  }
  // `manual` was a member by hand before any mapping: the mappings never touch them.
  assert.equal((await client.addMembers(ws.id, [manual]))[0].outcome, "added");
  const before = await members(client, ws.id);
  const mapA = await client.createScimGroupMapping({ scim_group_id: a, workspace_id: ws.id, role: "member" });
  const mapB = await client.createScimGroupMapping({ scim_group_id: b, workspace_id: ws.id, role: "admin" });
  const mapped = await members(client, ws.id);
  assert.deepEqual([...mapped].sort(), [...new Set([...before, onlyA, inBoth, onlyB])].sort());

  await client.deleteScimGroupMapping(mapA.id, "remove");
  const after = await members(client, ws.id);
  assert.deepEqual([...mapped].filter((u) => !after.has(u)), [onlyA], "only the access that came only from A went");
  assert.equal(after.size, mapped.size - 1);
  await rejects(client.getScimGroupMapping(mapA.id), "not_found");

  // "keep": the members stay, as manual ones.
  await client.deleteScimGroupMapping(mapB.id, "keep");
  assert.deepEqual([...(await members(client, ws.id))].sort(), [...after].sort());
  console.log(`remove: ${mapped.size} members -> ${after.size}; keep: ${after.size} -> ${(await members(client, ws.id)).size}`);
});

test("lost answers: a mapping create is retried to the same mapping; a sync job and feedback are sent once", async () => {
  const groups = (await admin().listScimGroups()).data;
  const finance = groups.find((g) => g.display_name === "Finance");
  const ws = await admin().createWorkspace({ name: "SCIM lost", slug: "scim-lost" });
  const count = async () => (await admin().listScimGroupMappings()).total_count;
  const start = await count();

  await fault("POST", "/api/v1/scim/group-mappings", { commit_then_drop: true });
  const body = { scim_group_id: finance.id, workspace_id: ws.id, role: "member" };
  const mapping = await admin(2).createScimGroupMapping(body);
  assert.equal(await sent("POST", "/scim/group-mappings"), 2, "retried after the lost answer");
  assert.equal(await count(), start + 1, "one mapping, not two");
  assert.equal(mapping.scim_group_id, finance.id);

  await fault("POST", "/api/v1/scim/sync-jobs", { commit_then_drop: true });
  await rejects(admin(2).createScimSyncJob(), "outcome_unknown");
  assert.equal(await sent("POST", "/scim/sync-jobs"), 1, "a sync job is never sent twice");
  const job = await admin().createScimSyncJob();
  assert.equal(job.status, "queued");
  let seen = job;
  for (let i = 0; i < 5 && !["succeeded", "failed"].includes(seen.status); i += 1) seen = await admin().getScimSyncJob(job.id);
  assert.equal(seen.status, "succeeded");

  const feedback = { generation_id: "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", category: "latency", comment: "slow" };
  await fault("POST", "/api/v1/generation/feedback", { commit_then_drop: true });
  await rejects(admin(2).submitGenerationFeedback(feedback), "outcome_unknown");
  assert.equal(await sent("POST", "/generation/feedback"), 1, "feedback is never sent twice");
  assert.deepEqual(await admin().submitGenerationFeedback(feedback), { success: true });
  const unknown = await rejects(admin().submitGenerationFeedback({ ...feedback, generation_id: "gen-missing" }), "not_found");
  assert.equal(unknown.status, 404);
  const long = await rejects(admin().submitGenerationFeedback({ ...feedback, comment: "x".repeat(1001) }), "validation");
  assert.equal(long.fieldErrors[0].field, "comment");
});

// In a child process over a copy of the installed package whose enterprise chunk is missing
// until the child puts it back: the first call rejects with kind network, the next ones load it.
const CHILD = `
import { renameSync } from "node:fs";
import { OpenRouterAdmin } from "openrouter-admin";
const chunk = new URL("./node_modules/openrouter-admin/openrouter_admin_enterprise_bg.wasm", import.meta.url);
const admin = new OpenRouterAdmin({ apiKey: process.env.KEY, baseUrl: process.env.API, maxRetries: 0 });
const out = { before: (await admin.currentKey()).is_management_key };
out.first = await admin.getAnalyticsMeta().then(() => "resolved", (e) => e.kind);
const paginator = admin.iterateScimGroups();
renameSync(new URL(chunk.href + ".gone"), chunk);
const race = await Promise.allSettled([
  admin.listScimGroups(), admin.queryAnalytics({ metrics: ["spend"] }), paginator.collectAll(),
  admin.deleteScimGroupMapping("x"),
]);
out.race = race.map((r) => r.status === "fulfilled" ? "ok" : r.reason?.kind ?? String(r.reason));
console.log(JSON.stringify(out));
`;

test("an enterprise chunk that does not load rejects with kind network; the client's other calls never need it", () => {
  const out = withoutChunk("openrouter_admin_enterprise_bg.wasm", CHILD);
  assert.deepEqual(out, { before: true, first: "network", race: ["ok", "ok", "ok", "validation"] });
});
