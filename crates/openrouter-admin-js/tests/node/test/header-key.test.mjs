// A management key that cannot be an HTTP header value (issue 23): each of the three modules
// refuses it as a `validation` error naming `apiKey` and the character, at once, and no call is
// left unsettled when the platform's headers or fetch throw anyway. A server that echoes the
// Authorization header in its error body never gets the key into a message. From the packed
// tarball, against the sandbox and a loopback echo server of this file.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";
import { readFindings } from "openrouter-admin/findings";
import { API, KEY } from "../sandbox.mjs";

// What escaped the package's promises while this file ran (an exception thrown inside a call's
// future is uncaught in Node and leaves the promise pending for ever).
const escaped = [];
process.on("uncaughtException", (e) => escaped.push(e));
process.on("unhandledRejection", (e) => escaped.push(e));
after(() => assert.deepEqual(escaped, [], "nothing escaped as an uncaught exception"));

const BAD = [
  ["a line feed", "sk-or-v1-0123\n4567", "character 14 is U+000A"],
  ["a NUL", "sk-or-v1-0123\u00004567", "character 14 is U+0000"],
  ["a pasted ellipsis", "sk-or-v1-0123\u2026", "character 14 is U+2026"],
  ["a euro sign", "\u20acsk-or-v1-0123", "character 1 is U+20AC"],
];

/** Resolves to what `run()` threw or rejected with, failing if it took `limit` ms or more. */
async function refusal(run, limit = 1000) {
  const start = performance.now();
  let error;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - start;
  assert.ok(ms < limit, `settled in ${ms} ms`);
  assert.ok(error !== undefined, "it was refused");
  return error;
}

/** A `validation` error of the package naming `apiKey` and the character, never the key. */
function namesTheCharacter(error, key, at) {
  assert.ok(isOpenRouterError(error), `an OpenRouterError, not ${error}`);
  assert.equal(error.kind, "validation");
  assert.equal(error.status, null);
  assert.equal(error.fieldErrors.length, 1);
  assert.equal(error.fieldErrors[0].field, "options.apiKey");
  assert.equal(error.fieldErrors[0].rule, "header_value");
  assert.ok(error.message.includes(at), error.message);
  assert.ok(!error.message.includes("0123"), "the key is never echoed");
  assert.ok(!JSON.stringify(error.fieldErrors).includes("0123"));
}

for (const [what, key, at] of BAD) {
  test(`a key with ${what}: each module refuses it as validation naming apiKey, in under a second`, async () => {
    const options = { apiKey: key, baseUrl: API, maxRetries: 0 };
    namesTheCharacter(await refusal(() => new OpenRouterAdmin(options)), key, at);
    namesTheCharacter(await refusal(() => new WorkspaceSettings(options)), key, at);
    namesTheCharacter(await refusal(() => readFindings({ apiKey: key, baseUrl: API })), key, at);
  });
}

test("a trailing newline (a secret store's) is trimmed, as fetch would, and the key works", async () => {
  const admin = new OpenRouterAdmin({ apiKey: `${KEY}\n`, baseUrl: API });
  assert.equal((await admin.currentKey()).is_management_key, true);
});

/** Runs `run` with `object[name]` replaced by `value`, restored after. */
async function polluted(object, name, value, run) {
  const saved = Object.getOwnPropertyDescriptor(object, name);
  Object.defineProperty(object, name, { value, configurable: true, writable: true });
  try {
    return await run();
  } finally {
    Object.defineProperty(object, name, saved);
  }
}

const calls = () => {
  const options = { apiKey: KEY, baseUrl: API, maxRetries: 0 };
  return [
    ["client", () => new OpenRouterAdmin(options).currentKey()],
    ["settings", () => new WorkspaceSettings(options).listByokKeys({})],
    ["findings", () => readFindings({ apiKey: KEY, baseUrl: API })],
  ];
};

test("a header set that throws anyway settles every call of each module with an error", async () => {
  const thrower = function () {
    throw new TypeError("Headers.set polluted by the test");
  };
  await polluted(Headers.prototype, "set", thrower, async () => {
    for (const [module, call] of calls()) {
      const error = await refusal(call);
      assert.ok(isOpenRouterError(error), `${module}: an OpenRouterError, not ${error}`);
      assert.equal(error.kind, "validation", `${module}: nothing was sent`);
      assert.ok(!error.message.includes(KEY), `${module}: never the key`);
    }
  });
});

// A fetch that fails rejects its promise (the platform's fetch never throws): the transport
// sends through gloo-net (one of the project's fixed points), whose `fetch` binding has no
// `catch`, so a polluted fetch that throws synchronously is outside this promise.
test("a fetch that fails, and a body that cannot be read, settle every call with an error", async () => {
  const failing = () => Promise.reject(new TypeError("fetch failed (made to fail by the test)"));
  await polluted(globalThis, "fetch", failing, async () => {
    for (const [module, call] of calls()) {
      // readFindings has no maxRetries: its first read (the workspaces list, alone since the
      // snapshot reads the keys first) is retried twice, full jitter up to 0.5 s then 1 s.
      const error = await refusal(call, module === "findings" ? 2000 : 1000);
      assert.ok(isOpenRouterError(error), `${module}: an OpenRouterError, not ${error}`);
      assert.equal(error.kind, "network", module);
    }
  });
  const notText = function () {
    throw new TypeError("Response.text polluted by the test");
  };
  await polluted(Response.prototype, "text", notText, async () => {
    for (const [module, call] of calls()) {
      // readFindings has no maxRetries: its first read (the workspaces list, alone since the
      // snapshot reads the keys first) is retried twice, full jitter up to 0.5 s then 1 s.
      const error = await refusal(call, module === "findings" ? 2000 : 1000);
      assert.ok(isOpenRouterError(error), `${module}: an OpenRouterError, not ${error}`);
      assert.equal(error.kind, "network", module);
    }
  });
  // And the modules are still healthy after.
  for (const [, call] of calls()) await call();
});

// A server (or a proxy) that echoes the Authorization header in its error bodies: as the
// envelope's message and metadata under /envelope, as an HTML page under /html.
const echo = createServer((req, res) => {
  const auth = req.headers.authorization ?? "";
  if (req.url.startsWith("/html/")) {
    res.writeHead(403, { "content-type": "text/html" });
    res.end(`<html><body><pre>Forbidden. You sent: Authorization: ${auth}</pre></body></html>`);
    return;
  }
  res.writeHead(401, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: 401, message: `key refused: ${auth}`, metadata: { authorization: auth } } }));
});
await new Promise((resolve) => echo.listen(0, "127.0.0.1", resolve));
after(() => echo.close());
/** The echo server's API base for a kind of echo. */
const echoed = (kind) => `http://127.0.0.1:${echo.address().port}/${kind}/api/v1`;
const SECRET_KEY = "sk-or-v1-" + "5ec2e7".repeat(10) + "abcd";

test("a server that echoes Authorization in its error body: the key is in no error of any module", async () => {
  for (const kind of ["envelope", "html"]) {
    const options = { apiKey: SECRET_KEY, baseUrl: echoed(kind), maxRetries: 0 };
    for (const run of [
      () => new OpenRouterAdmin(options).currentKey(),
      () => new WorkspaceSettings(options).listByokKeys({}),
      () => readFindings({ apiKey: SECRET_KEY, baseUrl: echoed(kind) }),
    ]) {
      const error = await refusal(run);
      assert.ok(isOpenRouterError(error), `${error}`);
      const told = JSON.stringify({ ...error, message: error.message, stack: error.stack });
      assert.ok(!told.includes(SECRET_KEY.slice(9, 20)), `${kind}: the key leaked: ${told}`);
      assert.ok(error.message.includes("<redacted>"), `${kind}: ${error.message}`);
    }
  }
});

test("in browsers, readFindings before init() rejects with the OpenRouterError the other entries give", async () => {
  const browser = await import(new URL("../node_modules/openrouter-admin/findings.js", import.meta.url));
  let result;
  assert.doesNotThrow(() => {
    result = browser.readFindings({ apiKey: KEY, baseUrl: API });
  });
  const error = await refusal(() => result);
  assert.ok(isOpenRouterError(error), `an OpenRouterError, not ${error}`);
  assert.equal(error.kind, "validation");
  assert.match(error.message, /await init\(\)/);
});
