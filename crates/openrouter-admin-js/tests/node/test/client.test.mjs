// The npm package in Node 20 against a real sandbox: every method, each error kind,
// iterators, abort, bad input and secrets. `cargo xtask test` unpacks the packed tarball into
// node_modules/openrouter-admin and passes SANDBOX_URL, SANDBOX_API, SANDBOX_MANAGEMENT_KEY.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { API, KEY, control } from "../sandbox.mjs";


await init();

/** A client with fast retries off unless asked: the fault tests count attempts. */
const client = (extra = {}) => new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, ...extra });

const fault = (method, path, ...faults) => control("POST", "/__sandbox/faults", { method, path, faults });

/** Awaits `promise`, expecting an OpenRouterError of `kind`; returns it. */
async function rejects(promise, kind) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, "rejections are Error instances");
    assert.equal(error.name, "OpenRouterError");
    assert.ok(isOpenRouterError(error));
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    assert.ok(Array.isArray(error.fieldErrors));
    assert.ok(!String(error.message).includes(KEY), "the key never appears in a message");
    return error;
  }
  assert.fail(`expected a rejection of kind ${kind}`);
}

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
  await control("DELETE", "/__sandbox/faults");
});

test("the constructor checks its options", () => {
  for (const [options, field] of [
    [undefined, "options.apiKey"],
    [{}, "options.apiKey"],
    [{ apiKey: 42 }, "options.apiKey"],
    [{ apiKey: KEY, baseUrl: 1 }, "options.baseUrl"],
    [{ apiKey: KEY, timeoutMs: "fast" }, "options.timeoutMs"],
    [{ apiKey: KEY, maxRetries: -1 }, "options.maxRetries"],
  ]) {
    assert.throws(
      () => new OpenRouterAdmin(options),
      (e) => e.name === "OpenRouterError" && e.kind === "validation" && e.fieldErrors[0].field === field,
    );
  }
});

test("the management key never shows", () => {
  const c = client();
  for (const shown of [JSON.stringify(c), String(c), `${c}`, inspect(c, { depth: 5 })]) {
    assert.ok(!shown.includes(KEY), shown);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(c)), { baseUrl: API });
});

test("currentKey", async () => {
  const me = await client().currentKey();
  assert.equal(me.is_management_key, true);
  assert.equal(typeof me.label, "string");
});

test("workspaces: create, get, update, list, iterate, reconcile, delete", async () => {
  const c = client();
  const ws = await c.createWorkspace({ name: "Node Tests", slug: "node-tests", description: "from node" });
  assert.equal(ws.slug, "node-tests");
  assert.equal((await c.getWorkspace("node-tests")).id, ws.id);
  const updated = await c.updateWorkspace(ws.id, { description: null, name: "Node Tests 2", default_text_model: undefined });
  assert.equal(updated.description, null);
  assert.equal(updated.name, "Node Tests 2");
  const page = await c.listWorkspaces({ limit: 2 });
  assert.equal(page.data.length, 2);
  assert.ok(page.total_count >= 3);
  const all = [];
  for await (const w of c.iterateWorkspaces({ limit: 2 })) all.push(w.slug);
  assert.equal(all.length, page.total_count);
  assert.ok(all.includes("node-tests"));
  let pages = 0;
  for await (const p of c.iterateWorkspaces({ limit: 2 }).pages()) {
    pages += 1;
    assert.ok(p.data.length <= 2);
  }
  assert.equal(pages, Math.ceil(page.total_count / 2));
  // Leaving a loop early stops the walk.
  for await (const w of c.iterateWorkspaces({ limit: 1 })) {
    assert.ok(w.id);
    break;
  }
  assert.equal((await c.reconcileWorkspace("node-tests"))?.id, ws.id);
  assert.equal(await c.reconcileWorkspace("no-such-slug"), null);
  assert.equal(await c.deleteWorkspace(ws.id), undefined);
  await rejects(c.getWorkspace(ws.id), "not_found");
});

test("members: list, iterate, add and remove with per-user outcomes; organization members", async () => {
  const c = client();
  const org = await c.listOrganizationMembers({ limit: 5 });
  assert.equal(org.data.length, 5);
  const everyone = [];
  for await (const m of c.iterateOrganizationMembers({ limit: 5 })) everyone.push(m.id);
  assert.equal(everyone.length, org.total_count);

  const ws = await c.createWorkspace({ name: "Members", slug: "members-test" });
  const ids = everyone.slice(0, 3);
  const added = await c.addMembers(ws.id, ids);
  assert.deepEqual(added.map((r) => [r.user_id, r.outcome]), ids.map((id) => [id, "added"]));
  const again = await c.addMembers(ws.id, [ids[0]]);
  assert.equal(again[0].outcome, "already_member");
  const listed = await c.listMembers(ws.id, { limit: 2 });
  assert.equal(listed.total_count, 3);
  const walked = [];
  for await (const m of c.iterateMembers(ws.id, { limit: 2 })) walked.push(m.user_id);
  assert.deepEqual(walked.sort(), [...ids].sort());
  const removed = await c.removeMembers(ws.id, [ids[1], everyone[5]]);
  assert.deepEqual(removed.map((r) => r.outcome), ["removed", "not_a_member"]);
});

test("budgets: put, get, list, delete", async () => {
  const c = client();
  const ws = await c.createWorkspace({ name: "Budgets", slug: "budgets-test" });
  const put = await c.putBudget(ws.id, "monthly", 100, { includeByok: true });
  assert.equal(put.data.limit_usd, 100);
  assert.equal((await c.getBudget(ws.id, "monthly")).data.limit_usd, 100);
  await c.putBudget(ws.id, "daily", 10);
  const list = await c.listBudgets(ws.id);
  assert.equal(list.data.length, 2);
  // Budgets must shrink from lifetime to daily: the server refuses (the rule spans budgets).
  const e = await rejects(c.putBudget(ws.id, "weekly", 1000), "bad_request");
  assert.equal(e.status, 400);
  // A non-positive limit is refused before sending.
  await rejects(c.putBudget(ws.id, "weekly", 0), "validation");
  await c.deleteBudget(ws.id, "daily");
  await rejects(c.getBudget(ws.id, "daily"), "not_found");
});

test("keys: create, get, update, list, iterate, rotate, retire, bulk, reconcile, delete", async () => {
  const c = client();
  const ws = await c.createWorkspace({ name: "Keys", slug: "keys-test" });
  const created = await c.createKey({ name: "ci", limit: 5, limit_reset: "monthly", workspace_id: ws.id });
  assert.match(created.key, /^sk-or-v1-/);
  const hash = created.data.hash;
  assert.equal((await c.getKey(hash)).name, "ci");
  const updated = await c.updateKey(hash, { limit: null, name: "ci-2" });
  assert.equal(updated.limit, null);
  assert.equal(updated.name, "ci-2");
  const page = await c.listKeys({ workspaceId: ws.id });
  assert.deepEqual(page.data.map((k) => k.hash), [hash]);
  const defaults = [];
  for await (const k of c.iterateKeys({ includeDisabled: true })) defaults.push(k.hash);
  assert.ok(defaults.length > 0 && !defaults.includes(hash), "keys() lists the Default workspace");

  const rotation = await c.rotateKey(hash);
  assert.equal(rotation.old_hash, hash);
  assert.equal(rotation.disable_error, null);
  assert.match(rotation.created.key, /^sk-or-v1-/);
  assert.equal((await c.getKey(hash)).disabled, true);
  await c.retireKey(hash);
  await rejects(c.getKey(hash), "not_found");

  const more = [];
  for (const name of ["a", "b"]) more.push((await c.createKey({ name, workspace_id: ws.id })).data.hash);
  const bulk = await c.bulkUpdateKeys([...more, "0".repeat(64)], { disabled: true }, { concurrency: 2 });
  assert.deepEqual(bulk.map((r) => r.ok), [true, true, false]);
  assert.equal(bulk[0].value.disabled, true);
  assert.equal(bulk[2].error.kind, "not_found");
  const since = Date.now();
  const found = await c.reconcileKey({ name: "a", workspace_id: ws.id }, since - 120_000);
  assert.equal(found?.hash, more[0]);
  const deleted = await c.bulkDeleteKeys(more);
  assert.deepEqual(deleted.map((r) => [r.hash, r.ok]), more.map((h) => [h, true]));
  await c.deleteKey(rotation.created.data.hash);
  assert.equal((await c.listKeys({ workspaceId: ws.id })).data.length, 0);
});

test("request: any endpoint with the client's key, retries and errors", async () => {
  const c = client();
  const page = await c.request("GET", "/workspaces", { query: { limit: 1, offset: 0 } });
  assert.equal(page.data.length, 1);
  assert.ok(page.total_count > 1, "the query reached the server");
  const created = await c.request("POST", "/workspaces", { body: { name: "Raw \"one\" é", slug: "raw-one" } });
  assert.equal(created.data.name, 'Raw "one" é');
  assert.equal((await c.getWorkspace("raw-one")).id, created.data.id);
  const deleted = await c.request("DELETE", "/workspaces/raw-one");
  assert.equal(deleted.deleted, true);
  assert.equal((await rejects(c.request("GET", "/workspaces/raw-one"), "not_found")).status, 404);

  // A POST is a create: a lost answer is outcome_unknown, sent once. Declared idempotent, the
  // same 503 is retried.
  await fault("POST", "/api/v1/workspaces", { status: 503 });
  await rejects(c.request("POST", "/workspaces", { body: { name: "Raw two", slug: "raw-two" } }), "outcome_unknown");
  await fault("POST", "/api/v1/workspaces", { status: 503 });
  const retried = await client({ maxRetries: 1 }).request("POST", "/workspaces", {
    body: { name: "Raw two", slug: "raw-two" },
    idempotent: true,
  });
  assert.equal(retried.data.slug, "raw-two");
  const log = await control("GET", "/__sandbox/log");
  const posts = log.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/workspaces");
  assert.equal(posts.length, 4, "raw-one once; raw-two once as a create, twice when idempotent");

  const aborted = new AbortController();
  aborted.abort();
  await rejects(c.request("GET", "/workspaces", { signal: aborted.signal }), "cancelled");
});

test("error kinds from the server: unauthorized, forbidden, not_found, bad_request, api", async () => {
  await rejects(new OpenRouterAdmin({ apiKey: "sk-or-v1-nope", baseUrl: API }).listWorkspaces(), "unauthorized");
  const { key } = await client().createKey({ name: "ordinary" });
  const ordinary = new OpenRouterAdmin({ apiKey: key, baseUrl: API });
  const forbidden = await rejects(ordinary.listWorkspaces(), "forbidden");
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.code, 403);
  assert.ok(!forbidden.message.includes(key), "a created secret never appears in a message");
  const missing = await rejects(client().getKey("f".repeat(64)), "not_found");
  assert.equal(missing.status, 404);
  await fault("GET", "/api/v1/workspaces", { status: 400 });
  assert.equal((await rejects(client().listWorkspaces(), "bad_request")).status, 400);
  await fault("GET", "/api/v1/workspaces", { status: 418 });
  assert.equal((await rejects(client().listWorkspaces(), "api")).status, 418);
});

test("error kinds from the wire: rate_limited, server, network, timeout, outcome_unknown", async () => {
  const once = client({ maxRetries: 0 });
  await fault("GET", "/api/v1/workspaces", { status: 429, retry_after: 2 });
  const limited = await rejects(once.listWorkspaces(), "rate_limited");
  assert.equal(limited.retryAfterMs, 2000);
  await fault("GET", "/api/v1/workspaces", { status: 503 });
  assert.equal((await rejects(once.listWorkspaces(), "server")).status, 503);
  await fault("GET", "/api/v1/workspaces", { drop: true });
  await rejects(once.listWorkspaces(), "network");
  await fault("GET", "/api/v1/workspaces", { hang: true });
  await rejects(client({ maxRetries: 0, timeoutMs: 300 }).listWorkspaces(), "timeout");

  // A safe call is retried: one 503, then the real answer.
  await fault("GET", "/api/v1/workspaces", { status: 503 });
  assert.ok((await client({ maxRetries: 1 }).listWorkspaces()).data.length > 0);

  // A create whose answer was lost after the write: never retried, outcome unknown, then found.
  const since = Date.now();
  await fault("POST", "/api/v1/keys", { commit_then_drop: true });
  const unknown = await rejects(client().createKey({ name: "lost-answer" }), "outcome_unknown");
  assert.ok(isOpenRouterError(unknown.cause));
  const found = await client().reconcileKey({ name: "lost-answer" }, since);
  assert.equal(found?.name, "lost-answer");
  const log = await control("GET", "/__sandbox/log");
  const creates = log.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/keys");
  assert.equal(creates.length, 1, "the create was sent once");
});

test("client-side validation names the field and sends nothing", async () => {
  const e = await rejects(client().createWorkspace({ name: "Bad", slug: "Not A Slug" }), "validation");
  assert.ok(e.fieldErrors.some((f) => f.field === "slug"));
  const log = await control("GET", "/__sandbox/log");
  assert.equal(log.requests.filter((r) => r.method === "POST").length, 0);
});

test("abort: before the call, during the call, during the retry wait, and mid-iteration", async () => {
  const c = client();
  await rejects(c.listWorkspaces({ signal: AbortSignal.abort() }), "cancelled");

  await fault("GET", "/api/v1/workspaces", { delay_ms: 2000 });
  const during = new AbortController();
  setTimeout(() => during.abort(), 100);
  const started = Date.now();
  await rejects(c.listWorkspaces({ signal: during.signal }), "cancelled");
  assert.ok(Date.now() - started < 1500, "the abort ended the call early");

  await fault("GET", "/api/v1/workspaces", { status: 503, retry_after: 5 });
  const backoff = new AbortController();
  setTimeout(() => backoff.abort(), 200);
  const t0 = Date.now();
  await rejects(client({ maxRetries: 3 }).listWorkspaces({ signal: backoff.signal }), "cancelled");
  assert.ok(Date.now() - t0 < 3000, "the abort ended the retry wait");

  const walk = new AbortController();
  let seen = 0;
  await rejects(
    (async () => {
      for await (const w of c.iterateWorkspaces({ limit: 1, signal: walk.signal })) {
        assert.ok(w.id);
        seen += 1;
        walk.abort();
      }
    })(),
    "cancelled",
  );
  assert.equal(seen, 1);
});

test("one-request methods and paginators check options first, then their arguments in order", async () => {
  // The order the dispatcher reads them in: `options` and its `signal`, then the method's
  // arguments left to right, then the options only that operation takes.
  const c = client();
  for (const [call, field] of [
    [() => c.getWorkspace(42, "all"), "options"],
    [() => c.updateKey(Symbol("k"), { disabled: "no" }, { signal: {} }), "options.signal"],
    [() => c.putBudget(7, "yearly", "5", { includeByok: "yes" }), "idOrSlug"],
    [() => c.putBudget("production", "yearly", "5"), "interval"],
    [() => c.putBudget("production", "daily", "5", { includeByok: "yes" }), "limitUsd"],
    [() => c.listMembers(7, { limit: "x" }), "idOrSlug"],
    [() => c.request("get", "workspaces", { query: "q" }), "method"],
    [() => c.request("GET", "workspaces", { query: "q" }), "path"],
  ]) {
    const e = await rejects(call(), "validation");
    assert.equal(e.fieldErrors[0]?.field, field, `${call}: ${e.message}`);
  }
  // A paginator method does not throw either: its first pull rejects.
  for (const [call, field] of [
    [() => c.iterateMembers(7, "all"), "options"],
    [() => c.iterateMembers(7, { limit: "x" }), "idOrSlug"],
  ]) {
    const e = await rejects(call()[Symbol.asyncIterator]().next(), "validation");
    assert.equal(e.fieldErrors[0]?.field, field, `${call}: ${e.message}`);
  }
});

test("wrong argument types are validation errors naming the argument, never a trap", async () => {
  const c = client();
  const cases = [
    [() => c.getWorkspace(42), "idOrSlug"],
    [() => c.getWorkspace(""), "idOrSlug"],
    [() => c.createWorkspace("prod"), "request"],
    [() => c.createWorkspace({ name: 5, slug: "x" }), "request.name"],
    [() => c.updateWorkspace("production", null), "patch"],
    [() => c.listWorkspaces("all"), "options"],
    [() => c.listWorkspaces({ limit: "10" }), "options.limit"],
    [() => c.listWorkspaces({ offset: -1 }), "options.offset"],
    [() => c.listWorkspaces({ signal: {} }), "options.signal"],
    [() => c.addMembers("production", "user_1"), "userIds"],
    [() => c.removeMembers("production", [1]), "userIds[0]"],
    [() => c.getBudget("production", "yearly"), "interval"],
    [() => c.putBudget("production", "daily", "5"), "limitUsd"],
    [() => c.putBudget("production", "daily", 5, { includeByok: "yes" }), "options.includeByok"],
    [() => c.createKey({ name: "k", limit: "5" }), "request.limit"],
    [() => c.createKey({ name: "k", limit: 10n }), "request"],
    [() => c.updateKey(Symbol("k"), {}), "hash"],
    [() => c.updateKey("a".repeat(64), { disabled: "no" }), "patch.disabled"],
    [() => c.reconcileKey({ name: "k" }, "yesterday"), "sinceMs"],
    [() => c.bulkUpdateKeys("abc", {}), "hashes"],
    [() => c.bulkDeleteKeys(["a", 2]), "hashes[1]"],
    [() => c.bulkDeleteKeys(["a"], { concurrency: 0.5 }), "options.concurrency"],
    [() => c.listKeys({ includeDisabled: 1 }), "options.includeDisabled"],
    [() => c.request("get", "/workspaces"), "method"],
    [() => c.request("GET", "workspaces"), "path"],
    [() => c.request("GET", "/workspaces?limit=1"), "path"],
    [() => c.request("GET", "/workspaces", { query: { limit: {} } }), "options.query.limit"],
    [() => c.request("GET", "/workspaces", { query: "limit=1" }), "options.query"],
    [() => c.request("POST", "/workspaces", { body: { n: 1n } }), "options.body"],
  ];
  for (const [call, field] of cases) {
    const e = await rejects(call(), "validation");
    assert.equal(e.fieldErrors[0]?.field, field, `${call}: ${e.message}`);
  }
  for (const [call, field] of [
    [() => c.iterateWorkspaces({ limit: "x" }), "options.limit"],
    [() => c.iterateMembers(7), "idOrSlug"],
    [() => c.iterateKeys({ workspaceId: 3 }), "options.workspaceId"],
  ]) {
    const e = await rejects(call().collectAll(), "validation");
    assert.equal(e.fieldErrors[0]?.field, field, `${call}: ${e.message}`);
  }
  // The module is still alive after all of that.
  assert.equal((await c.currentKey()).is_management_key, true);
});
