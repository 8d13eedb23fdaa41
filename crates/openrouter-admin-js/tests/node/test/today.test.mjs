// The shapes today's API added (api-notes.md, "Changes since this document"), through the
// packed package against the sandbox: the new answer fields, `external` on createKey,
// `expires_at` with seconds, `disabled_server_tools`, and deleteWorkspace's confirmation of
// the Default workspace. Every bad input is a `validation` rejection naming the field, with
// nothing sent; what only the server can judge is a `bad_request` naming it.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { API, KEY, control } from "../sandbox.mjs";


await init();

const admin = () => new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });


/** How many requests the sandbox saw, by method. */
async function sent(method) {
  const log = await control("GET", "/__sandbox/log");
  return log.requests.filter((r) => r.method === method).length;
}

/** Awaits `promise`, expecting an OpenRouterError of `kind`; returns it. */
async function rejects(promise, kind) {
  try {
    await promise;
  } catch (error) {
    assert.ok(isOpenRouterError(error), String(error));
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  assert.fail(`expected a rejection of kind ${kind}`);
}

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
});

test("currentKey answers organization, workspace, regions and free-model requests", async () => {
  const me = await admin().currentKey();
  assert.equal(typeof me.organization_id, "string");
  assert.equal(me.workspace_id, null, "a management key is org-wide");
  assert.ok(me.allowed_data_regions.includes("global"));
  for (const field of ["limit", "remaining", "used"]) {
    assert.equal(typeof me.free_model_daily_requests[field], "number", field);
  }
});

test("createKey with external: external_user everywhere, the api_key nowhere", async () => {
  const c = admin();
  const apiKey = "partner-secret-0123456789abcdef-0123";
  const created = await c.createKey({
    name: "external",
    expires_at: "2099-12-31T23:59:00.250Z",
    external: { user: "end-user-9", api_key: apiKey },
  });
  assert.equal(created.data.external_user, "end-user-9");
  assert.ok(!JSON.stringify(created).includes(apiKey));
  const got = await c.getKey(created.data.hash);
  assert.equal(got.external_user, "end-user-9");
  const page = await c.listKeys();
  assert.ok(page.data.every((k) => "external_user" in k));
  assert.ok(page.data.some((k) => k.external_user === "end-user-9"));
  const plain = await c.createKey({ name: "plain" });
  assert.equal(plain.data.external_user, null);
  const log = JSON.stringify(await control("GET", "/__sandbox/log"));
  assert.ok(!log.includes(apiKey), "the request log never holds it");
});

test("bad new fields are validation errors naming the field; nothing is sent", async () => {
  const c = admin();
  const short = "s".repeat(31);
  const cases = [
    [{ name: "k", expires_at: "2099-12-31T23:59Z" }, "expires_at", "seconds"],
    [{ name: "k", expires_at: 4102444800 }, "request.expires_at", "type"],
    [{ name: "k", external: "end-user" }, "request.external", "type"],
    [{ name: "k", external: ["end-user"] }, "request.external", "type"],
    [{ name: "k", external: {} }, "request.external.user", "required"],
    [{ name: "k", external: { user: null } }, "request.external.user", "required"],
    [{ name: "k", external: { user: 7 } }, "request.external.user", "type"],
    [{ name: "k", external: { user: "" } }, "external.user", "min_length"],
    [{ name: "k", external: { user: "u", api_key: short } }, "external.api_key", "min_length"],
    [{ name: "k", external: { user: "u", api_key: 12345 } }, "request.external.api_key", "type"],
  ];
  for (const [request, field, rule] of cases) {
    const e = await rejects(c.createKey(request), "validation");
    assert.deepEqual(
      e.fieldErrors.map((f) => [f.field, f.rule]),
      [[field, rule]],
      JSON.stringify(request),
    );
    assert.ok(!e.message.includes(short) && !inspect(e).includes(short), "the api_key stays out");
  }
  const ws = await c.createWorkspace({ name: "Tools", slug: "tools-bad" });
  for (const [tools, field] of [
    ["openrouter:bash", "patch.disabled_server_tools"],
    [[1], "patch.disabled_server_tools"],
    [{ 0: "openrouter:bash" }, "patch.disabled_server_tools"],
  ]) {
    const e = await rejects(c.updateWorkspace(ws.id, { disabled_server_tools: tools }), "validation");
    assert.deepEqual(e.fieldErrors.map((f) => [f.field, f.rule]), [[field, "type"]], JSON.stringify(tools));
  }
  assert.equal(await sent("POST"), 1, "only the workspace's create was sent");
  assert.equal(await sent("PATCH"), 0);
  // The list is open: the client sends any names, and the server judges them.
  for (const [tools, field] of [
    [["openrouter:nope"], "disabled_server_tools[0]"],
    [[""], "disabled_server_tools[0]"],
    [["openrouter:bash", "openrouter:bash"], "disabled_server_tools[1]"],
  ]) {
    const e = await rejects(c.updateWorkspace(ws.id, { disabled_server_tools: tools }), "bad_request");
    assert.ok(e.message.includes(field), e.message);
  }
  assert.equal((await c.getWorkspace(ws.id)).disabled_server_tools, null, "nothing changed");
});

test("disabled_server_tools: set on create, kept, cleared by [] and by null", async () => {
  const c = admin();
  const tools = ["openrouter:web_search", "openrouter:bash"];
  const ws = await c.createWorkspace({ name: "Tools", slug: "tools", disabled_server_tools: tools });
  assert.deepEqual(ws.disabled_server_tools, tools);
  const kept = await c.updateWorkspace("tools", { description: "d" });
  assert.deepEqual(kept.disabled_server_tools, tools);
  assert.equal((await c.updateWorkspace("tools", { disabled_server_tools: [] })).disabled_server_tools, null);
  const set = await c.updateWorkspace("tools", { disabled_server_tools: ["openrouter:shell"] });
  assert.deepEqual(set.disabled_server_tools, ["openrouter:shell"]);
  assert.equal((await c.updateWorkspace("tools", { disabled_server_tools: null })).disabled_server_tools, null);
});

test("deleteWorkspace deletes the Default workspace only with confirmDefaultWorkspaceDeletion", async () => {
  const c = admin();
  const inference = await c.createKey({ name: "inference" });
  for (const options of [undefined, {}, { confirmDefaultWorkspaceDeletion: false }]) {
    const e = await rejects(c.deleteWorkspace("default", options), "forbidden");
    assert.equal(e.status, 403);
  }
  await rejects(c.deleteWorkspace("default", { confirmDefaultWorkspaceDeletion: "yes" }), "validation");
  assert.equal((await c.getWorkspace("default")).slug, "default", "still there");
  // Ignored for other workspaces.
  const other = await c.createWorkspace({ name: "Other", slug: "other" });
  await c.deleteWorkspace(other.id, { confirmDefaultWorkspaceDeletion: true });
  await rejects(c.getWorkspace("other"), "not_found");

  const ac = new AbortController();
  const done = await c.deleteWorkspace("default", { confirmDefaultWorkspaceDeletion: true, signal: ac.signal });
  assert.equal(done, undefined);
  await rejects(c.getWorkspace("default"), "not_found");
  const key = await c.getKey(inference.data.hash);
  assert.equal(key.disabled, true, "its inference keys are disabled for good");
  await rejects(c.updateKey(inference.data.hash, { disabled: false }), "bad_request");
  assert.equal((await c.currentKey()).is_management_key, true, "the management key is kept");
});

test("deleteWorkspace's options are read through the hostile-argument copier", async () => {
  const c = admin();
  const throwing = Object.defineProperty({}, "confirmDefaultWorkspaceDeletion", {
    enumerable: true,
    get() {
      throw new Error("boom");
    },
  });
  const e = await rejects(c.deleteWorkspace("default", throwing), "validation");
  assert.match(e.fieldErrors[0].field, /^options/);
  // An inherited flag is not an own property: it confirms nothing.
  const inherited = Object.create({ confirmDefaultWorkspaceDeletion: true });
  await rejects(c.deleteWorkspace("default", inherited), "forbidden");
  assert.equal((await c.getWorkspace("default")).slug, "default");
  // A getter that answers `true` once and something else afterwards is read once.
  let reads = 0;
  const flaky = Object.defineProperty({}, "confirmDefaultWorkspaceDeletion", {
    enumerable: true,
    get() {
      reads += 1;
      return reads === 1 ? false : true;
    },
  });
  await rejects(c.deleteWorkspace("default", flaky), "forbidden");
  assert.equal(reads, 1);
});
