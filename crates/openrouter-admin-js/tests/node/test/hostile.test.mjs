// The package against hostile JavaScript (issue 12): arguments that throw while read, a
// polluted Object.prototype, `.`/`..` ids and paths, and Node without `init()`. The cases that
// used to kill the process or the wasm instance run in a child process, so that a regression
// fails its own test instead of the whole file.
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

/** Runs `source` (an ES module) in a fresh Node next to the packed package; its stdout. */
function child(source) {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", source], {
    env: process.env,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `the child exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  return run.stdout;
}

// Shared by the child scripts: the client of `entry` loaded, values whose every read throws,
// and a check that a call returned a promise (no synchronous throw) that rejects as `validation`.
const hostile = (entry = "openrouter-admin") => `
import init, { OpenRouterAdmin, isOpenRouterError } from "${entry}";
await init();
const admin = new OpenRouterAdmin({ apiKey: process.env.SANDBOX_MANAGEMENT_KEY, baseUrl: process.env.SANDBOX_API, maxRetries: 0 });
const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };
const revokedArray = () => { const p = Proxy.revocable([], {}); p.revoke(); return p.proxy; };
const getter = (key) => Object.defineProperty({}, key, { enumerable: true, get() { throw new Error("boom"); } });
const badElement = () => Object.defineProperty(["a"], 0, { get() { throw new Error("boom"); } });
const badLength = () => new Proxy(["a"], { get(t, k) { if (k === "length") throw new Error("boom"); return t[k]; } });
async function validation(label, call) {
  let promise;
  try { promise = call(); } catch (e) { throw new Error(label + ": threw synchronously: " + e); }
  if (!(promise instanceof Promise)) throw new Error(label + ": no promise");
  try { await promise; } catch (e) {
    if (!isOpenRouterError(e) || e.kind !== "validation") throw new Error(label + ": rejected with " + e);
    return e;
  }
  throw new Error(label + ": resolved");
}
`;

test("composite methods reject a bad argument; Node does not exit", () => {
  const out = child(`${hostile()}
const cases = {
  addMembers: () => admin.addMembers("ws", revokedArray()),
  removeMembers: () => admin.removeMembers("ws", badElement()),
  bulkUpdateKeys: () => admin.bulkUpdateKeys(["h"], revoked()),
  bulkDeleteKeys: () => admin.bulkDeleteKeys(badLength()),
  reconcileKey: () => admin.reconcileKey(getter("name"), 0),
  reconcileWorkspace: () => admin.reconcileWorkspace("ws", revoked()),
  rotateKey: () => admin.rotateKey("h", getter("signal")),
};
for (const [name, call] of Object.entries(cases)) {
  try { await validation(name, call); } catch (e) { console.log("FAIL " + e.message); continue; }
  console.log("ok " + name);
}
`);
  assert.doesNotMatch(out, /FAIL/, out);
  assert.equal(out.trim().split("\n").length, 7, out);
});

test("5,000 hostile calls reject as validation and leave the instance working", () => {
  const out = child(`${hostile()}
const calls = [
  () => admin.listWorkspaces(revoked()),
  () => admin.request("GET", "/keys", { query: getter("q") }),
  () => admin.request("GET", "/keys", revoked()),
  () => admin.createKey(revoked()),
  () => admin.updateKey("h", getter("limit")),
  () => admin.createWorkspace(getter("name")),
  () => admin.bulkDeleteKeys(badLength()),
  () => admin.addMembers("ws", badElement()),
  () => admin.getKey("h", { signal: revoked() }),
  () => admin.getKey("h", { signal: new Proxy(new AbortController().signal, { get() { throw new Error("boom"); } }) }),
];
const named = await validation("query", calls[1]);
if (named.fieldErrors[0].field !== "options.query.q") console.log("FAIL field " + named.fieldErrors[0].field);
for (let i = 0; i < 5000; i++) {
  try { await validation("call " + (i % calls.length), calls[i % calls.length]); }
  catch (e) { console.log("FAIL " + e.message); break; }
}
try { new OpenRouterAdmin(revoked()); } catch (e) { if (!isOpenRouterError(e)) console.log("FAIL constructor " + e); }
if (isOpenRouterError(revoked())) console.log("FAIL isOpenRouterError");
const key = await admin.currentKey();
console.log(key.is_management_key ? "ok" : "FAIL currentKey");
`);
  assert.doesNotMatch(out, /FAIL/, out);
  assert.match(out, /^ok$/m);
});

// The Node entry, and the inline one (which runs in Node too: its module inflated by
// DecompressionStream), whose `init()` loads the module here before the settings entry is
// imported.
for (const entry of ["openrouter-admin", "openrouter-admin/inline"])
test(`every method of both classes (${entry}), each argument in turn a revoked proxy or a throwing getter: a validation rejection`, () => {
  // The methods come from the prototypes (surface.mjs), so a new one is in this table unasked.
  const surface = new URL("../surface.mjs", import.meta.url).href;
  const out = child(`${hostile(entry)}
const { WorkspaceSettings } = await import("openrouter-admin/settings");
const { methods } = await import(${JSON.stringify(surface)});
const settings = new WorkspaceSettings({ apiKey: process.env.SANDBOX_MANAGEMENT_KEY, baseUrl: process.env.SANDBOX_API, maxRetries: 0 });
const makers = { revoked, getter: () => getter("signal"), getterName: () => getter("name") };
let calls = 0;
for (const m of methods()) {
  const target = m.owner === "WorkspaceSettings" ? settings : admin;
  m.params.forEach((param, i) => {
    for (const [how, make] of Object.entries(makers)) {
      // A hostile value in one place, nothing in the others: whichever is read first is refused.
      const args = m.params.map((_, j) => (j === i ? make() : undefined));
      const label = m.owner + "." + m.name + " " + param + "=" + how;
      const call = () => {
        const r = target[m.name](...args);
        return m.returns.startsWith("Paginator<") ? r.collectAll() : r;
      };
      calls += 1;
      globalThis.pending ??= [];
      globalThis.pending.push(validation(label, call).then(() => null, (e) => "FAIL " + e.message));
    }
  });
}
for (const failure of await Promise.all(globalThis.pending)) if (failure) console.log(failure);
console.log("calls " + calls);
console.log((await admin.currentKey()).is_management_key ? "ok" : "FAIL currentKey");
`);
  assert.doesNotMatch(out, /FAIL/, out);
  assert.match(out, /^ok$/m);
  const calls = Number(/^calls (\d+)$/m.exec(out)?.[1]);
  assert.ok(calls >= 200, out);
  console.log(`hostile arguments (${entry}): ${calls} calls over every method's every parameter`);
});

test("a 400 MB string is a validation error, not a trap", () => {
  const out = child(`${hostile()}
const huge = "x".repeat(400 * 1024 * 1024);
const cases = {
  id: () => admin.getKey(huge),
  body: () => admin.createKey({ name: huge }),
  raw: () => admin.request("POST", "/guardrails", { body: { name: huge } }),
};
for (const [name, call] of Object.entries(cases)) {
  try { await validation(name, call); console.log("ok " + name); } catch (e) { console.log("FAIL " + e.message); }
}
console.log((await admin.currentKey()).is_management_key ? "ok" : "FAIL currentKey");
`);
  assert.doesNotMatch(out, /FAIL/, out);
  assert.equal(out.trim().split("\n").length, 4, out);
});

test("a polluted Object.prototype neither redirects the key nor joins a body", async () => {
  const proto = Object.prototype;
  try {
    proto.baseUrl = "http://127.0.0.1:9/steal";
    const plain = new OpenRouterAdmin({ apiKey: KEY });
    assert.notEqual(plain.toJSON().baseUrl, proto.baseUrl);
    delete proto.baseUrl;

    const admin = client();
    const { data } = await admin.listKeys();
    const before = data.find((k) => !k.disabled);
    proto.disabled = true;
    proto.limit = 5;
    await admin.updateKey(before.hash, { name: "renamed" });
    delete proto.disabled;
    delete proto.limit;
    const after = await admin.getKey(before.hash);
    assert.equal(after.name, "renamed");
    assert.equal(after.disabled, false);
    assert.equal(after.limit, before.limit);
  } finally {
    delete proto.baseUrl;
    delete proto.disabled;
    delete proto.limit;
  }
});

test("a polluted Object.prototype joins no SCIM, analytics or feedback body", async () => {
  const proto = Object.prototype;
  const admin = client();
  const [group] = (await admin.listScimGroups()).data;
  const { data: [ws] } = await admin.listWorkspaces({ limit: 1 });
  try {
    proto.role = "admin";
    proto.dimensions = ["model", "workspace", "api_key"];
    proto.comment = "x".repeat(2000);
    const e = await admin.createScimGroupMapping({ scim_group_id: group.id, workspace_id: ws.id }).then(
      () => assert.fail("a mapping without its own role was sent"),
      (error) => error,
    );
    assert.equal(e.kind, "validation");
    assert.equal(e.fieldErrors[0].field, "request.role");
    const result = await admin.queryAnalytics({ metrics: ["request_count"] });
    assert.ok(result.data.every((row) => !("model" in row) && typeof row.request_count === "number"));
    const fb = await admin.submitGenerationFeedback({ generation_id: "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", category: "other" });
    assert.deepEqual(fb, { success: true });
  } finally {
    delete proto.role;
    delete proto.dimensions;
    delete proto.comment;
  }
  const { requests } = await control("GET", "/__sandbox/log");
  assert.equal(requests.filter((r) => r.path.endsWith("/scim/group-mappings")).length, 0);
});

test("`.` and `..` ids and climbing paths never leave their endpoint", async () => {
  const admin = client();
  const refused = [
    () => admin.listMembers("."),
    () => admin.getBudget("..", "daily"),
    () => admin.getWorkspace(".."),
    () => admin.getKey("."),
    () => admin.getScimGroupMapping(".."),
    () => admin.deleteScimGroupMapping(".", "remove"),
    () => admin.getScimSyncJob(".."),
    () => admin.request("GET", "/../x"),
    () => admin.request("GET", "/keys/../../x"),
    () => admin.request("GET", "/keys/%2e%2E/x"),
    () => admin.request("GET", "/keys/.%2e"),
    () => admin.request("GET", "/keys\\..\\.."),
    () => admin.request("GET", "//127.0.0.1:9/x"),
    () => admin.request("GET", "/keys", { body: { a: 1 } }),
    () => admin.request("DELETE", "/keys/x", { body: {} }),
  ];
  for (const call of refused) {
    const error = await call().then(
      () => assert.fail(`resolved: ${call}`),
      (e) => e,
    );
    assert.equal(error.kind, "validation", `${call}: ${error.kind} ${error.message}`);
  }
  const { requests } = await control("GET", "/__sandbox/log");
  assert.deepEqual(requests, [], "nothing was sent");
});

test("Node imports the package and calls it without init()", () => {
  const run = spawnSync(
    process.execPath,
    [
      "-e",
      `const apiKey = process.env.SANDBOX_MANAGEMENT_KEY, baseUrl = process.env.SANDBOX_API;
import('openrouter-admin').then(m => new m.OpenRouterAdmin({apiKey, baseUrl}).currentKey()).then(k => console.log(JSON.stringify(k)))`,
    ],
    { env: process.env, encoding: "utf8", timeout: 60_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /"is_management_key":true/, "currentKey answered");
});

test("in browsers, the class before init() throws an OpenRouterError saying to call it", async () => {
  // The browser entries, loaded by path (the `exports` map gives Node its own entry).
  for (const file of ["browser.js", "inline.js"]) {
    const browser = await import(new URL(`../node_modules/openrouter-admin/${file}`, import.meta.url));
    let thrown;
    try {
      new browser.OpenRouterAdmin({ apiKey: KEY, baseUrl: API });
    } catch (error) {
      thrown = error;
    }
    assert.ok(browser.isOpenRouterError(thrown), `${file}: an OpenRouterError, not ${thrown}`);
    assert.match(thrown.message, /await init\(\)/);
    assert.equal(thrown.kind, "validation");
  }
});

test("the inline entry, alone in a fresh Node, loads the module inside it and answers", () => {
  const out = child(`
import init, { OpenRouterAdmin } from "openrouter-admin/inline";
const [a, b] = await Promise.all([init(), init()]);
const admin = new OpenRouterAdmin({ apiKey: process.env.SANDBOX_MANAGEMENT_KEY, baseUrl: process.env.SANDBOX_API });
const key = await admin.currentKey();
console.log(JSON.stringify({ same: a === b, exports: Object.keys(a).length > 0, key: key.is_management_key }));
`);
  assert.deepEqual(JSON.parse(out.trim().split("\n").pop()), { same: true, exports: true, key: true });
});
