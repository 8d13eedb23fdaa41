// A property-based test of the whole JavaScript surface (issue 12): generated calls of every
// method with hostile arguments (revoked proxies, throwing getters and lengths, a polluted
// Object.prototype, huge and odd strings, wrong types, `.`/`..` ids), each followed by a
// normal call. The invariant: every call settles with a value or an OpenRouterError (only the
// constructor and the paginator methods may throw, and then an OpenRouterError), the process
// lives, no request leaves the API root, and the normal call still succeeds.
// PROPERTY_SEED and PROPERTY_RUNS replay or shorten a run; the seed is printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";

const ORIGIN = process.env.SANDBOX_URL;
const API = process.env.SANDBOX_API;
const KEY = process.env.SANDBOX_MANAGEMENT_KEY;
const ROOT = new URL(API).pathname.replace(/\/$/, "") + "/";
const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100_000);

await init();

const control = async (method, path) => (await fetch(ORIGIN + path, { method })).json();

const revoked = () => {
  const p = Proxy.revocable({}, {});
  p.revoke();
  return p.proxy;
};
const revokedArray = () => {
  const p = Proxy.revocable([], {});
  p.revoke();
  return p.proxy;
};
const boom = () => {
  throw new Error("boom");
};
const getter = (key) => Object.defineProperty({}, key, { enumerable: true, get: boom });
const HUGE = "x".repeat(2 ** 20 + 1);
const KEYS = ["baseUrl", "apiKey", "limit", "disabled", "name", "slug", "query", "body", "signal",
  "offset", "concurrency", "include_byok_in_limit", "limit_reset", "idempotent", "length", "0"];

// The values fast-check must not touch itself (it inspects and clones what it generates):
// generated as a `Make`, built just before the call.
class Make {
  constructor(tag, key) {
    this.tag = tag;
    this.key = key;
  }
}
const MAKE = {
  huge: () => HUGE,
  revoked,
  revokedArray,
  getter: (key) => getter(key),
  badElement: () => Object.defineProperty(["a"], 0, { get: boom }),
  badLength: () => new Proxy(["a"], { get: (t, k) => (k === "length" ? boom() : t[k]) }),
  badSignal: () => new Proxy(new AbortController().signal, { get: boom }),
  revokedSignal: () => ({ signal: revoked() }),
  badQuery: () => ({ query: getter("q") }),
  bigintBody: () => ({ body: { a: 1n } }),
  cycle: () => {
    const cycle = {};
    cycle.self = cycle;
    return cycle;
  },
};
const build = (v) => (v instanceof Make ? MAKE[v.tag](v.key) : v);

// Arguments: mostly hostile, some well-formed, so calls also get past validation.
const hostile = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, -1, NaN, Infinity, 2 ** 64, "", " ", ".", "..",
    "%2e", "%2E%2e", ".%2e", "/", "//", "\\", "a/../b", "/../x", "/keys/..", "daily", "GET",
    "POST", "DELETE"),
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.double(),
  fc.bigInt(),
  fc.constantFrom(...Object.keys(MAKE)).map((tag) => new Make(tag)),
  fc.constantFrom(...KEYS).map((key) => new Make("getter", key)),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.string(), fc.integer(), fc.boolean()), {
    maxKeys: 4,
  }),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
);

// Every method and how many arguments it takes.
const METHODS = {
  currentKey: 1, listWorkspaces: 1, workspaces: 1, createWorkspace: 2, getWorkspace: 2,
  updateWorkspace: 3, deleteWorkspace: 2, reconcileWorkspace: 2, listMembers: 2, members: 2,
  addMembers: 3, removeMembers: 3, listBudgets: 2, getBudget: 3, putBudget: 4, deleteBudget: 3,
  listKeys: 1, keys: 1, createKey: 2, reconcileKey: 3, getKey: 2, updateKey: 3, deleteKey: 2,
  rotateKey: 2, retireKey: 2, bulkUpdateKeys: 3, bulkDeleteKeys: 2, request: 3,
  listOrganizationMembers: 1, organizationMembers: 1, constructor: 1, isOpenRouterError: 1,
  settingsConstructor: 1,
  listGuardrails: 1, createGuardrail: 2, getGuardrail: 2, updateGuardrail: 3, deleteGuardrail: 2,
  listGuardrailKeys: 2, assignGuardrailKeys: 3, unassignGuardrailKeys: 3, listGuardrailMembers: 2,
  assignGuardrailMembers: 3, unassignGuardrailMembers: 3, listKeyAssignments: 1,
  listMemberAssignments: 1,
  listByokKeys: 1, byokKeys: 1, createByokKey: 2, getByokKey: 2, updateByokKey: 3,
  deleteByokKey: 2, listObservabilityDestinations: 1, observabilityDestinations: 1,
  createObservabilityDestination: 2, getObservabilityDestination: 2,
  updateObservabilityDestination: 3, deleteObservabilityDestination: 2,
};
// The methods of `WorkspaceSettings` (openrouter-admin/settings); the rest are the client's.
const SETTINGS = new Set([
  "listGuardrails", "createGuardrail", "getGuardrail", "updateGuardrail", "deleteGuardrail",
  "listGuardrailKeys", "assignGuardrailKeys", "unassignGuardrailKeys", "listGuardrailMembers",
  "assignGuardrailMembers", "unassignGuardrailMembers", "listKeyAssignments",
  "listMemberAssignments", "listByokKeys", "byokKeys", "createByokKey", "getByokKey",
  "updateByokKey", "deleteByokKey", "listObservabilityDestinations", "observabilityDestinations",
  "createObservabilityDestination", "getObservabilityDestination",
  "updateObservabilityDestination", "deleteObservabilityDestination",
]);
const SYNC = new Set([
  "workspaces", "members", "keys", "organizationMembers", "constructor", "settingsConstructor",
  "listGuardrails", "listGuardrailKeys", "listGuardrailMembers", "listKeyAssignments",
  "listMemberAssignments", "byokKeys", "observabilityDestinations",
]);

const call = fc.record({
  method: fc.constantFrom(...Object.keys(METHODS)),
  args: fc.array(hostile, { minLength: 4, maxLength: 4 }),
  pollute: fc.option(fc.tuple(fc.constantFrom(...KEYS), hostile), { freq: 4 }),
});

test(`property: ${RUNS} hostile calls, each followed by a normal one (seed ${SEED})`, async () => {
  console.log(`property test: seed ${SEED}, ${RUNS} cases (PROPERTY_SEED=${SEED} replays it)`);
  await control("POST", "/__sandbox/reset");
  const admin = new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0, timeoutMs: 5000 });
  const settings = new WorkspaceSettings({ apiKey: KEY, baseUrl: API, maxRetries: 0, timeoutMs: 5000 });
  let cases = 0;

  async function checkLog() {
    const { requests } = await control("GET", "/__sandbox/log");
    for (const r of requests) {
      assert.ok(r.path.startsWith(ROOT), `a request left the API root: ${r.method} ${r.path}`);
    }
    await control("POST", "/__sandbox/reset");
  }

  await fc.assert(
    fc.asyncProperty(call, async ({ method, args, pollute }) => {
      cases += 1;
      const used = args.slice(0, METHODS[method]).map(build);
      let result;
      let thrown = null;
      try {
        if (pollute) Object.prototype[pollute[0]] = build(pollute[1]);
        if (method === "constructor") result = new OpenRouterAdmin(...used);
        else if (method === "settingsConstructor") result = new WorkspaceSettings(...used);
        else if (method === "isOpenRouterError") result = isOpenRouterError(...used);
        else result = (SETTINGS.has(method) ? settings : admin)[method](...used);
      } catch (error) {
        thrown = error;
      } finally {
        if (pollute) delete Object.prototype[pollute[0]];
      }
      if (thrown) {
        assert.ok(SYNC.has(method), `${method} threw synchronously: ${thrown}`);
        assert.ok(isOpenRouterError(thrown), `${method} threw ${thrown}`);
      } else if (!SYNC.has(method) && method !== "isOpenRouterError") {
        assert.ok(result instanceof Promise, `${method} returned no promise`);
        try {
          await result;
        } catch (error) {
          assert.ok(isOpenRouterError(error), `${method} rejected with ${error}`);
        }
      }
      const key = await admin.currentKey();
      assert.equal(key.is_management_key, true);
      // The settings module lives on too.
      if (SETTINGS.has(method) || method === "settingsConstructor") {
        const missing = await settings.getGuardrail("00000000-0000-4000-8000-000000000000").then(
          () => null,
          (error) => error,
        );
        assert.ok(isOpenRouterError(missing) && missing.kind === "not_found", `settings: ${missing}`);
      }
      if (cases % 10_000 === 0) await checkLog();
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  await checkLog();
  console.log(`property test: ${cases} cases passed (seed ${SEED})`);
});
