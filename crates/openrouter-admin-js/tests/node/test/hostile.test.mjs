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

// Shared by the child scripts: values whose every read throws, and a check that a call
// returned a promise (no synchronous throw) that rejects as `validation`.
const HOSTILE = `
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
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
  const out = child(`${HOSTILE}
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
  const out = child(`${HOSTILE}
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

test("a 400 MB string is a validation error, not a trap", () => {
  const out = child(`${HOSTILE}
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

test("`.` and `..` ids and climbing paths never leave their endpoint", async () => {
  const admin = client();
  const refused = [
    () => admin.listMembers("."),
    () => admin.getBudget("..", "daily"),
    () => admin.getWorkspace(".."),
    () => admin.getKey("."),
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
  // The browser entry, loaded by path (the `exports` map gives Node its own entry).
  const browser = await import(new URL("../node_modules/openrouter-admin/browser.js", import.meta.url));
  let thrown;
  try {
    new browser.OpenRouterAdmin({ apiKey: KEY, baseUrl: API });
  } catch (error) {
    thrown = error;
  }
  assert.ok(browser.isOpenRouterError(thrown), `an OpenRouterError, not ${thrown}`);
  assert.match(thrown.message, /await init\(\)/);
  assert.equal(thrown.kind, "validation");
});
