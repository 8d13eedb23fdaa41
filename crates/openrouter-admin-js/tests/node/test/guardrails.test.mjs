// Guardrails through the npm package against the sandbox: every method, a bulk assignment with
// one failing key, bad input named by field, and hostile arguments.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import init, { OpenRouterAdmin } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";
import { API, KEY, control } from "../sandbox.mjs";

await init();

const client = () => new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });
// Guardrails live in the settings module (`openrouter-admin/settings`).
const settings = new WorkspaceSettings({ apiKey: KEY, baseUrl: API, maxRetries: 0 });

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
  const g = await settings.createGuardrail({
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

  const listed = await settings.iterateGuardrails({ workspaceId: ws.id }).collectAll();
  assert.deepEqual(listed, [g]);
  const pages = [];
  for await (const page of settings.iterateGuardrails({ workspaceId: ws.id, limit: 1 }).pages()) pages.push(page);
  assert.equal(pages[0].total_count, 1);
  // `listGuardrails` is that one page; `iterateGuardrails` walks them all.
  assert.deepEqual(await settings.listGuardrails({ workspaceId: ws.id, limit: 1 }), pages[0]);
  assert.deepEqual(await settings.getGuardrail(g.id), g);

  const updated = await settings.updateGuardrail(g.id, { description: "tests", allowed_models: null, limit_usd: 40 });
  assert.equal(updated.description, "tests");
  assert.equal(updated.allowed_models, null);
  assert.equal(updated.reset_interval, "daily", "left out, kept");
  assert.equal(await settings.deleteGuardrail(g.id), undefined);
  await rejects(settings.getGuardrail(g.id), "not_found");

  // The workspace's default guardrail: unknown until an update writes it.
  await rejects(settings.getGuardrail(ws.default_guardrail_id), "not_found");
  const written = await settings.updateGuardrail(ws.default_guardrail_id, { allowed_providers: ["openai"] });
  assert.equal(written.id, ws.default_guardrail_id);
  assert.equal(written.name, "Staging default guardrail");
});

test("assigning three keys with one of another workspace: that one fails, the two are assigned", async () => {
  const c = client();
  const { ws, hashes } = await keysOf(c, "staging", 2);
  const { hashes: [stranger] } = await keysOf(c, "research", 1);
  const g = await settings.createGuardrail({ name: "Two keys", workspace_id: ws.id });
  const results = await settings.assignGuardrailKeys(g.id, [hashes[0], stranger, hashes[1]]);
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

  const held = await settings.iterateGuardrailKeys(g.id).collectAll();
  assert.deepEqual(held.map((a) => a.key_hash).sort(), [...hashes].sort());
  assert.ok(held.every((a) => a.guardrail_id === g.id && a.key_label.startsWith("sk-or-v1-")));
  assert.deepEqual((await settings.listGuardrailKeys(g.id, { limit: 100 })).data, held);
  const everywhere = await settings.iterateKeyAssignments({ limit: 100 }).collectAll();
  assert.ok(everywhere.some((a) => a.key_hash === hashes[0] && a.guardrail_id === g.id));
  assert.deepEqual((await settings.listKeyAssignments({ limit: 100 })).data, everywhere.slice(0, 100));

  const again = await settings.assignGuardrailKeys(g.id, [hashes[0]]);
  assert.deepEqual(again.map((r) => r.outcome), ["already_assigned"]);
  const removed = await settings.unassignGuardrailKeys(g.id, [hashes[0], stranger]);
  assert.deepEqual(removed.map((r) => r.outcome), ["unassigned", "not_assigned"]);
  assert.deepEqual((await settings.iterateGuardrailKeys(g.id).collectAll()).map((a) => a.key_hash), [hashes[1]]);
});

test("members are assigned and unassigned, one outcome each", async () => {
  const c = client();
  const ws = await c.getWorkspace("research");
  const people = (await c.listOrganizationMembers({ limit: 3 })).data.map((m) => m.id);
  const g = await settings.createGuardrail({ name: "People", workspace_id: ws.id });
  const added = await settings.assignGuardrailMembers(g.id, [people[0], "user_nobody", people[1]]);
  assert.deepEqual(added.map((r) => r.outcome), ["assigned", "failed", "assigned"]);
  assert.equal(added[1].error.status, 400);
  const listed = await settings.iterateGuardrailMembers(g.id).collectAll();
  assert.deepEqual(listed.map((a) => a.user_id).sort(), [people[0], people[1]].sort());
  assert.deepEqual((await settings.listGuardrailMembers(g.id)).data, listed);
  const everywhere = await settings.iterateMemberAssignments().collectAll();
  assert.ok(everywhere.some((a) => a.user_id === people[0] && a.guardrail_id === g.id));
  assert.deepEqual((await settings.listMemberAssignments({ limit: 100 })).data, everywhere.slice(0, 100));
  const removed = await settings.unassignGuardrailMembers(g.id, [people[1], people[2]]);
  assert.deepEqual(removed.map((r) => [r.id, r.outcome]), [[people[1], "unassigned"], [people[2], "not_assigned"]]);
});

test("bad input is a validation error naming the field, and nothing is sent", async () => {
  const c = client();
  const before = (await control("GET", "/__sandbox/log")).requests.length;
  const uuid = "0df9e665-d932-5740-b2c7-b52af166bc11";
  for (const [call, field] of [
    [() => settings.createGuardrail({ name: "x", limit_usd: 5 }), "reset_interval"],
    [() => settings.createGuardrail({ name: "x", allowed_data_regions: [] }), "allowed_data_regions"],
    [() => settings.createGuardrail({ name: "x", workspace_id: "staging" }), "workspace_id"],
    [() => settings.createGuardrail({ name: "" }), "name"],
    [() => settings.createGuardrail({ name: 5 }), "request.name"],
    [() => settings.createGuardrail({}), "request.name"],
    [() => settings.createGuardrail("x"), "request"],
    [() => settings.createGuardrail({ name: "x", allowed_models: "a/b" }), "request.allowed_models"],
    [() => settings.createGuardrail({ name: "x", content_filter_builtins: "email" }), "request.content_filter_builtins"],
    [() => settings.createGuardrail({ name: "x", content_filter_builtins: [5] }), "request.content_filter_builtins[0]"],
    [() => settings.createGuardrail({ name: "x", content_filter_builtins: [{ slug: "email" }] }), "request.content_filter_builtins[0].action"],
    [() => settings.createGuardrail({ name: "x", content_filter_builtins: [{ slug: "passwords", action: "block" }] }), "content_filter_builtins[0].slug"],
    [() => settings.createGuardrail({ name: "x", content_filters: [{ pattern: "", action: "block" }] }), "content_filters[0].pattern"],
    [() => settings.updateGuardrail(uuid, { name: null }), "name"],
    [() => settings.updateGuardrail(uuid, { limit_usd: "5" }), "patch.limit_usd"],
    [() => settings.updateGuardrail(uuid, { allowed_providers: [] }), "allowed_providers"],
    [() => settings.updateGuardrail(5, {}), "id"],
    [() => settings.getGuardrail(undefined), "id"],
    [() => settings.deleteGuardrail(""), "id"],
    [() => settings.assignGuardrailKeys(uuid, "abc"), "hashes"],
    [() => settings.assignGuardrailKeys(uuid, ["a", 2]), "hashes[1]"],
    [() => settings.unassignGuardrailKeys(uuid, ["a", ""]), "hashes[1]"],
    [() => settings.assignGuardrailMembers(uuid, null), "userIds"],
    [() => settings.unassignGuardrailMembers(uuid, [{}]), "userIds[0]"],
    [() => settings.iterateGuardrails({ workspaceId: "staging" }).collectAll(), "workspace_id"],
    [() => settings.iterateGuardrailKeys(uuid, { limit: 0 }).collectAll(), "limit"],
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
import { WorkspaceSettings } from "openrouter-admin/settings";
await init();
const admin = new OpenRouterAdmin({ apiKey: process.env.SANDBOX_MANAGEMENT_KEY, baseUrl: process.env.SANDBOX_API, maxRetries: 0 });
const settings = new WorkspaceSettings({ apiKey: process.env.SANDBOX_MANAGEMENT_KEY, baseUrl: process.env.SANDBOX_API, maxRetries: 0 });
const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };
const revokedArray = () => { const p = Proxy.revocable([], {}); p.revoke(); return p.proxy; };
const getter = (key) => Object.defineProperty({}, key, { enumerable: true, get() { throw new Error("boom"); } });
const badElement = () => Object.defineProperty(["a"], 0, { get() { throw new Error("boom"); } });
const cases = {
  createGuardrail: () => settings.createGuardrail(getter("name")),
  nestedGetter: () => settings.createGuardrail({ name: "x", content_filter_builtins: [getter("slug")] }),
  nestedProxy: () => settings.createGuardrail({ name: "x", content_filters: [new Proxy({}, { get() { throw new Error("boom"); }, ownKeys() { throw new Error("boom"); } })] }),
  updateGuardrail: () => settings.updateGuardrail("g", revoked()),
  getGuardrail: () => settings.getGuardrail({ toString() { throw new Error("boom"); } }),
  assignGuardrailKeys: () => settings.assignGuardrailKeys("g", revokedArray()),
  unassignGuardrailKeys: () => settings.unassignGuardrailKeys("g", badElement()),
  assignGuardrailMembers: () => settings.assignGuardrailMembers("g", ["u"], getter("signal")),
  listGuardrails: () => settings.iterateGuardrails(getter("workspaceId")).collectAll(),
  listGuardrailKeys: () => settings.iterateGuardrailKeys("g", revoked()).collectAll(),
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
