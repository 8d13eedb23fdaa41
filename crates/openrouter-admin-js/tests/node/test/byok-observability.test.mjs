// BYOK keys and observability destinations from the packed package against the sandbox: every
// method, the provider key never in an error message or the sandbox's log, the 5-per-type 409,
// and hostile arguments (wrong types, throwing getters, revoked proxies) rejected as
// `validation` before anything is sent.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";
import { API, KEY, ORIGIN, control } from "../sandbox.mjs";

await init();

const admin = new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });
// BYOK keys and destinations live in the settings module (`openrouter-admin/settings`).
const settings = new WorkspaceSettings({ apiKey: KEY, baseUrl: API, maxRetries: 0 });
const SECRET = "sk-proj-NODE-PROVIDER-SECRET-0123456789wxyz";

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
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

/** Everything an error shows: message, fields, JSON and its string form. */
const shown = (e) => [e.message, String(e), JSON.stringify(e), JSON.stringify(e.fieldErrors), e.stack].join("\n");

async function workspace(slug) {
  return admin.getWorkspace(slug);
}

async function sandboxLog() {
  const res = await fetch(`${ORIGIN}/__sandbox/log`);
  return res.text();
}

test("byok: create, list, page through, get, update (rotate), delete", async () => {
  const ws = await workspace("support-bot");
  const created = await settings.createByokKey({
    provider: "openai", key: SECRET, name: "Node OpenAI", workspace_id: ws.id, is_byok_only: true, declared_zdr: true,
  });
  assert.equal(created.provider, "openai");
  assert.equal(created.label, "sk-...wxyz");
  assert.equal(created.is_byok_only, true);
  assert.ok(!JSON.stringify(created).includes(SECRET));
  const page = await settings.listByokKeys({ workspaceId: ws.id, limit: 1 });
  assert.deepEqual(page.data, [created]);
  assert.equal(page.total_count, 1);
  const all = await settings.iterateByokKeys({ workspaceId: ws.id, limit: 1 }).collectAll();
  assert.deepEqual(all, [created]);
  const filtered = await settings.listByokKeys({ workspaceId: ws.id, provider: "anthropic" });
  assert.deepEqual(filtered.data, []);
  assert.deepEqual(await settings.getByokKey(created.id), created);
  const rotated = "sk-proj-NODE-ROTATED-9876543210abcd";
  const updated = await settings.updateByokKey(created.id, { key: rotated, declared_zdr: null, name: null });
  assert.equal(updated.label, "sk-...abcd");
  assert.equal(updated.declared_zdr, null);
  assert.equal(updated.name, null);
  assert.equal(await settings.deleteByokKey(created.id), undefined);
  const gone = await rejects(settings.getByokKey(created.id), "not_found");
  assert.equal(gone.status, 404);
  const log = await sandboxLog();
  assert.ok(log.includes("/api/v1/byok"), log.slice(0, 200));
  assert.ok(!log.includes(SECRET) && !log.includes(rotated), "never in the sandbox's log");
});

test("byok: the provider key is in no error message, before sending or from the API", async () => {
  const ws = await workspace("support-bot");
  // The client's rules: nothing sent.
  for (const [body, field] of [
    [{ provider: "openai", key: SECRET, workspace_id: ws.id, is_fallback: true, is_byok_only: true }, "is_byok_only"],
    [{ provider: "openai", key: SECRET, workspace_id: "support-bot" }, "workspace_id"],
    [{ provider: "Open AI", key: SECRET }, "provider"],
    [{ provider: "openai", key: "" }, "key"],
    [{ provider: "openai", key: SECRET, allowed_api_key_hashes: [] }, "allowed_api_key_hashes"],
    [{ provider: "openai", key: SECRET, name: "n".repeat(256) }, "name"],
  ]) {
    const e = await rejects(settings.createByokKey(body), "validation");
    assert.equal(e.fieldErrors[0].field, field, JSON.stringify(e.fieldErrors));
    assert.ok(!shown(e).includes(SECRET), `${field}: the key shows in the error`);
  }
  // Wrong types, named by property.
  for (const [body, field] of [
    [{ provider: "openai", key: 42 }, "request.key"],
    [{ provider: 1, key: SECRET }, "request.provider"],
    [{ provider: "openai", key: SECRET, is_fallback: "yes" }, "request.is_fallback"],
    [{ provider: "openai", key: SECRET, allowed_models: "x" }, "request.allowed_models"],
    [{ provider: "openai" }, "request.key"],
  ]) {
    const e = await rejects(settings.createByokKey(body), "validation");
    assert.equal(e.fieldErrors[0].field, field);
    assert.ok(!shown(e).includes(SECRET));
  }
  const before = await sandboxLog();
  assert.ok(!before.includes("POST"), "nothing was sent");
  // The API's rule: a provider it does not serve (the client keeps the list open).
  const e = await rejects(settings.createByokKey({ provider: "provider-of-2030", key: SECRET, workspace_id: ws.id }), "bad_request");
  assert.match(e.message, /provider/);
  assert.ok(!shown(e).includes(SECRET));
  assert.deepEqual((await settings.listByokKeys({ workspaceId: ws.id })).data, [], "nothing created");
  await rejects(settings.listByokKeys({ workspaceId: "support-bot" }), "validation");
});

test("destinations: create with regions, a sixth of one type is a 409, update keeps regions, delete", async () => {
  const ws = await workspace("research");
  const secret = "sk-lf-NODE-LANGFUSE-SECRET-000111";
  const made = await settings.createObservabilityDestination({
    type: "langfuse", name: "Node Langfuse", workspace_id: ws.id,
    config: { publicKey: "pk-lf-node", secretKey: secret }, regions: ["eu"],
  });
  assert.deepEqual(made.regions, ["europe"]);
  assert.equal(made.config.secretKey, "sk-...0111");
  assert.ok(!JSON.stringify(made).includes(secret));
  const updated = await settings.updateObservabilityDestination(made.id, { enabled: false });
  assert.deepEqual(updated.regions, ["europe"], "kept when left out");
  assert.equal(updated.enabled, false);
  assert.deepEqual(await settings.getObservabilityDestination(made.id), updated);
  for (let i = 0; i < 4; i++) {
    await settings.createObservabilityDestination({
      type: "langfuse", name: `More ${i}`, workspace_id: ws.id, config: { publicKey: "p", secretKey: "s" },
    });
  }
  const sixth = await rejects(settings.createObservabilityDestination({
    type: "langfuse", name: "Sixth", workspace_id: ws.id, config: { publicKey: "p", secretKey: "s" },
  }), "api");
  assert.equal(sixth.status, 409);
  const all = await settings.iterateObservabilityDestinations({ workspaceId: ws.id, limit: 2 }).collectAll();
  assert.equal(all.length, 5);
  const first = await settings.listObservabilityDestinations({ workspaceId: ws.id, limit: 2 });
  assert.equal(first.total_count, 5);
  assert.equal(first.data.length, 2);
  await settings.deleteObservabilityDestination(made.id);
  await rejects(settings.getObservabilityDestination(made.id), "not_found");
  assert.ok(!(await sandboxLog()).includes(secret));
});

test("destinations: bad input is refused before sending, naming the field", async () => {
  for (const [body, field] of [
    [{ type: "langfuse", name: "x", config: { publicKey: "p" } }, "config.secretKey"],
    [{ type: "webhook", name: "x", config: { url: "u" }, regions: [] }, "regions"],
    [{ type: "webhook", name: "x", config: { url: "u" }, regions: ["mars"] }, "regions[0]"],
    [{ type: "webhook", name: "x", config: { url: "u" }, sampling_rate: 0 }, "sampling_rate"],
    [{ type: "webhook", name: "x", config: { url: "u" }, workspace_id: "research" }, "workspace_id"],
    [{ type: "webhook", name: "x", config: [] }, "request.config"],
    [{ type: "webhook", name: "x", config: "u" }, "request.config"],
    [{ type: "webhook", name: "x" }, "request.config"],
    [{ type: 3, name: "x", config: {} }, "request.type"],
  ]) {
    const e = await rejects(settings.createObservabilityDestination(body), "validation");
    assert.equal(e.fieldErrors[0].field, field, JSON.stringify(e.fieldErrors));
  }
  for (const [patch, field] of [
    [{ regions: null }, "regions"],
    [{ regions: [] }, "regions"],
    [{ name: null }, "name"],
    [{ config: null }, "config"],
  ]) {
    const e = await rejects(settings.updateObservabilityDestination("00000000-0000-4000-8000-000000000000", patch), "validation");
    assert.equal(e.fieldErrors[0].field, field);
  }
  assert.ok(!(await sandboxLog()).includes("destinations"), "nothing was sent");
});

test("hostile arguments reject as validation; the instance keeps working", async () => {
  const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };
  const getter = (key) => Object.defineProperty({}, key, { enumerable: true, get() { throw new Error("boom"); } });
  const cyclic = () => { const o = { type: "webhook", name: "x" }; o.config = o; return o; };
  const calls = {
    createByokKey: () => settings.createByokKey(revoked()),
    createByokKeyGetter: () => settings.createByokKey(getter("key")),
    updateByokKey: () => settings.updateByokKey("id", getter("key")),
    getByokKey: () => settings.getByokKey(revoked()),
    getByokKeyNumber: () => settings.getByokKey(42),
    deleteByokKey: () => settings.deleteByokKey({ toString() { throw new Error("boom"); } }),
    listByokKeys: () => settings.listByokKeys(getter("workspaceId")),
    listByokKeysProvider: () => settings.listByokKeys({ provider: 7 }),
    byokKeys: () => settings.iterateByokKeys(revoked()).collectAll(),
    createDestination: () => settings.createObservabilityDestination(cyclic()),
    createDestinationConfig: () => settings.createObservabilityDestination({ type: "webhook", name: "x", config: getter("url") }),
    updateDestination: () => settings.updateObservabilityDestination("id", revoked()),
    getDestination: () => settings.getObservabilityDestination(undefined),
    deleteDestination: () => settings.deleteObservabilityDestination(null),
    listDestinations: () => settings.listObservabilityDestinations({ workspaceId: 5 }),
    destinations: () => settings.iterateObservabilityDestinations(getter("limit")).collectAll(),
  };
  for (const [name, call] of Object.entries(calls)) {
    // No method throws, a paginator's included: its `collectAll` rejects.
    await rejects(call(), "validation");
  }
  assert.ok((await admin.currentKey()).is_management_key);
});
