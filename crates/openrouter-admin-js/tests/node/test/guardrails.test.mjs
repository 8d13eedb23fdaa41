// Guardrails through the npm package against the sandbox: every method, a bulk assignment with
// one failing key, bad input named by field, and hostile arguments.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import init, { OpenRouterAdmin } from "openrouter-admin";
import { API, KEY, control } from "../sandbox.mjs";

await init();

const client = () => new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
});

/** Awaits `promise`, expecting an OpenRouterError of `kind`; returns it. */
async function rejects(promise, kind) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, "OpenRouterError");
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  assert.fail(`expected a rejection of kind ${kind}`);
}

/** The first `n` keys of workspace `slug`: its id and their hashes. */
async function keysOf(c, slug, n) {
  const ws = await c.getWorkspace(slug);
  const { data } = await c.listKeys({ workspaceId: ws.id, includeDisabled: true });
  return { ws, hashes: data.slice(0, n).map((k) => k.hash) };
}

test("create, list, get, update and delete a guardrail", async () => {
  const c = client();
  const ws = await c.getWorkspace("staging");
  const g = await c.createGuardrail({
    name: "One model",
    workspace_id: ws.id,
    allowed_models: ["openai/gpt-4o-mini"],
    limit_usd: 25,
    reset_interval: "daily",
    allowed_data_regions: ["europe"],
    content_filter_builtins: [{ slug: "secrets", action: "redact" }],
    content_filters: [{ pattern: "sk-[a-z]+", action: "block", label: null }],
  });
  assert.equal(g.workspace_id, ws.id);
  assert.deepEqual(g.allowed_data_regions, ["europe"]);
  assert.equal(g.content_filter_builtins[0].label, "[SECRETS]");
  assert.deepEqual(g.content_filters, [{ pattern: "sk-[a-z]+", action: "block", label: null }]);

  const listed = await c.listGuardrails({ workspaceId: ws.id }).collectAll();
  assert.deepEqual(listed, [g]);
  const pages = [];
  for await (const page of c.listGuardrails({ workspaceId: ws.id, limit: 1 }).pages()) pages.push(page);
  assert.equal(pages[0].total_count, 1);
  assert.deepEqual(await c.getGuardrail(g.id), g);

  const updated = await c.updateGuardrail(g.id, { description: "tests", allowed_models: null, limit_usd: 40 });
  assert.equal(updated.description, "tests");
  assert.equal(updated.allowed_models, null);
  assert.equal(updated.reset_interval, "daily", "left out, kept");
  assert.equal(await c.deleteGuardrail(g.id), undefined);
  await rejects(c.getGuardrail(g.id), "not_found");

  // The workspace's default guardrail: unknown until an update writes it.
  await rejects(c.getGuardrail(ws.default_guardrail_id), "not_found");
  const written = await c.updateGuardrail(ws.default_guardrail_id, { allowed_providers: ["openai"] });
  assert.equal(written.id, ws.default_guardrail_id);
  assert.equal(written.name, "Staging default guardrail");
});

test("assigning three keys with one of another workspace: that one fails, the two are assigned", async () => {
  const c = client();
  const { ws, hashes } = await keysOf(c, "staging", 2);
  const { hashes: [stranger] } = await keysOf(c, "research", 1);
  const g = await c.createGuardrail({ name: "Two keys", workspace_id: ws.id });
  const results = await c.assignGuardrailKeys(g.id, [hashes[0], stranger, hashes[1]]);
  assert.deepEqual(
    results.map((r) => [r.id, r.outcome]),
    [[hashes[0], "assigned"], [stranger, "failed"], [hashes[1], "assigned"]],
  );
  const failed = results[1].error;
  assert.equal(failed.name, "OpenRouterError");
  assert.equal(failed.kind, "bad_request");
  assert.equal(failed.status, 400);
  assert.match(failed.message, /another workspace/);
  assert.equal(results[0].error, undefined);

  const held = await c.listGuardrailKeys(g.id).collectAll();
  assert.deepEqual(held.map((a) => a.key_hash).sort(), [...hashes].sort());
  assert.ok(held.every((a) => a.guardrail_id === g.id && a.key_label.startsWith("sk-or-v1-")));
  const everywhere = await c.listKeyAssignments({ limit: 100 }).collectAll();
  assert.ok(everywhere.some((a) => a.key_hash === hashes[0] && a.guardrail_id === g.id));

  const again = await c.assignGuardrailKeys(g.id, [hashes[0]]);
  assert.deepEqual(again.map((r) => r.outcome), ["already_assigned"]);
  const removed = await c.unassignGuardrailKeys(g.id, [hashes[0], stranger]);
  assert.deepEqual(removed.map((r) => r.outcome), ["unassigned", "not_assigned"]);
  assert.deepEqual((await c.listGuardrailKeys(g.id).collectAll()).map((a) => a.key_hash), [hashes[1]]);
});

test("members are assigned and unassigned, one outcome each", async () => {
  const c = client();
  const ws = await c.getWorkspace("research");
  const people = (await c.listOrganizationMembers({ limit: 3 })).data.map((m) => m.id);
  const g = await c.createGuardrail({ name: "People", workspace_id: ws.id });
  const added = await c.assignGuardrailMembers(g.id, [people[0], "user_nobody", people[1]]);
  assert.deepEqual(added.map((r) => r.outcome), ["assigned", "failed", "assigned"]);
  assert.equal(added[1].error.status, 400);
  const listed = await c.listGuardrailMembers(g.id).collectAll();
  assert.deepEqual(listed.map((a) => a.user_id).sort(), [people[0], people[1]].sort());
  const everywhere = await c.listMemberAssignments().collectAll();
  assert.ok(everywhere.some((a) => a.user_id === people[0] && a.guardrail_id === g.id));
  const removed = await c.unassignGuardrailMembers(g.id, [people[1], people[2]]);
  assert.deepEqual(removed.map((r) => [r.id, r.outcome]), [[people[1], "unassigned"], [people[2], "not_assigned"]]);
});

test("bad input is a validation error naming the field, and nothing is sent", async () => {
  const c = client();
  const before = (await control("GET", "/__sandbox/log")).requests.length;
  const uuid = "0df9e665-d932-5740-b2c7-b52af166bc11";
  for (const [call, field] of [
    [() => c.createGuardrail({ name: "x", limit_usd: 5 }), "reset_interval"],
    [() => c.createGuardrail({ name: "x", allowed_data_regions: [] }), "allowed_data_regions"],
    [() => c.createGuardrail({ name: "x", workspace_id: "staging" }), "workspace_id"],
    [() => c.createGuardrail({ name: "" }), "name"],
    [() => c.createGuardrail({ name: 5 }), "request.name"],
    [() => c.createGuardrail({}), "request.name"],
    [() => c.createGuardrail("x"), "request"],
    [() => c.createGuardrail({ name: "x", allowed_models: "a/b" }), "request.allowed_models"],
    [() => c.createGuardrail({ name: "x", content_filter_builtins: "email" }), "request.content_filter_builtins"],
    [() => c.createGuardrail({ name: "x", content_filter_builtins: [5] }), "request.content_filter_builtins[0]"],
    [() => c.createGuardrail({ name: "x", content_filter_builtins: [{ slug: "email" }] }), "request.content_filter_builtins[0].action"],
    [() => c.createGuardrail({ name: "x", content_filter_builtins: [{ slug: "passwords", action: "block" }] }), "content_filter_builtins[0].slug"],
    [() => c.createGuardrail({ name: "x", content_filters: [{ pattern: "", action: "block" }] }), "content_filters[0].pattern"],
    [() => c.updateGuardrail(uuid, { name: null }), "name"],
    [() => c.updateGuardrail(uuid, { limit_usd: "5" }), "patch.limit_usd"],
    [() => c.updateGuardrail(uuid, { allowed_providers: [] }), "allowed_providers"],
    [() => c.updateGuardrail(5, {}), "id"],
    [() => c.getGuardrail(undefined), "id"],
    [() => c.deleteGuardrail(""), "id"],
    [() => c.assignGuardrailKeys(uuid, "abc"), "hashes"],
    [() => c.assignGuardrailKeys(uuid, ["a", 2]), "hashes[1]"],
    [() => c.unassignGuardrailKeys(uuid, ["a", ""]), "hashes[1]"],
    [() => c.assignGuardrailMembers(uuid, null), "userIds"],
    [() => c.unassignGuardrailMembers(uuid, [{}]), "userIds[0]"],
    [() => c.listGuardrails({ workspaceId: "staging" }).collectAll(), "workspace_id"],
    [() => c.listGuardrailKeys(uuid, { limit: 0 }).collectAll(), "limit"],
  ]) {
    const error = await rejects(call(), "validation");
    assert.equal(error.fieldErrors[0].field, field, `${call}: ${error.message}`);
  }
  const after = (await control("GET", "/__sandbox/log")).requests.length;
  assert.equal(after, before, "nothing reached the sandbox");
});

test("hostile arguments reject as validation; Node does not exit", () => {
  const source = `
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
await init();
const admin = new OpenRouterAdmin({ apiKey: process.env.SANDBOX_MANAGEMENT_KEY, baseUrl: process.env.SANDBOX_API, maxRetries: 0 });
const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };
const revokedArray = () => { const p = Proxy.revocable([], {}); p.revoke(); return p.proxy; };
const getter = (key) => Object.defineProperty({}, key, { enumerable: true, get() { throw new Error("boom"); } });
const badElement = () => Object.defineProperty(["a"], 0, { get() { throw new Error("boom"); } });
const cases = {
  createGuardrail: () => admin.createGuardrail(getter("name")),
  nestedGetter: () => admin.createGuardrail({ name: "x", content_filter_builtins: [getter("slug")] }),
  nestedProxy: () => admin.createGuardrail({ name: "x", content_filters: [new Proxy({}, { get() { throw new Error("boom"); }, ownKeys() { throw new Error("boom"); } })] }),
  updateGuardrail: () => admin.updateGuardrail("g", revoked()),
  getGuardrail: () => admin.getGuardrail({ toString() { throw new Error("boom"); } }),
  assignGuardrailKeys: () => admin.assignGuardrailKeys("g", revokedArray()),
  unassignGuardrailKeys: () => admin.unassignGuardrailKeys("g", badElement()),
  assignGuardrailMembers: () => admin.assignGuardrailMembers("g", ["u"], getter("signal")),
  listGuardrails: () => admin.listGuardrails(getter("workspaceId")).collectAll(),
  listGuardrailKeys: () => admin.listGuardrailKeys("g", revoked()).collectAll(),
};
for (const [name, call] of Object.entries(cases)) {
  let outcome;
  try { outcome = await call(); console.log("FAIL " + name + ": resolved"); continue; }
  catch (e) { outcome = e; }
  console.log(isOpenRouterError(outcome) && outcome.kind === "validation" ? "ok " + name : "FAIL " + name + ": " + outcome);
}
console.log((await admin.currentKey()).is_management_key ? "ok alive" : "FAIL alive");
`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", source], {
    env: process.env,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `the child exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  assert.doesNotMatch(run.stdout, /FAIL/, run.stdout);
  assert.equal(run.stdout.trim().split("\n").length, 11, run.stdout);
});
