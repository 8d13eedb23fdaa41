// A property-based test of the whole JavaScript surface (issue 12): generated calls of every
// method with hostile arguments (revoked proxies, throwing getters and lengths, a polluted
// Object.prototype, huge and odd strings, wrong types, `.`/`..` ids), each followed by a
// normal call. The invariant: every call settles with a value or an OpenRouterError (only the
// constructors may throw, and then an OpenRouterError; a paginator's first pull settles like a
// call), the process lives, no request leaves the API root, and the normal call still succeeds.
// PROPERTY_SEED and PROPERTY_RUNS replay or shorten a run; the seed is printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";
import { methods } from "../surface.mjs";

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

// Every method of both classes, read from their prototypes (parameters from the packed
// .d.ts), so a new method is called here without being listed. Each parameter draws from the
// hostile values above and, less often, from a well-formed value of its own (so calls also get
// past validation); a parameter name without one fails the test, naming it.
const UUID = "00000000-0000-4000-8000-000000000000";
const WELL_FORMED = {
  options: fc.constantFrom(undefined, {}, { limit: 2 }, { offset: 1, limit: 1 }),
  request: fc.constantFrom({ name: "prop" }, { name: "prop", slug: "prop" }, { provider: "openai" }),
  patch: fc.constantFrom({}, { description: null }, { name: "prop" }),
  idOrSlug: fc.constantFrom("missing-workspace", UUID),
  slug: fc.constantFrom("missing-workspace"),
  id: fc.constantFrom(UUID),
  hash: fc.constantFrom("f".repeat(64)),
  hashes: fc.constantFrom(["f".repeat(64)], []),
  userIds: fc.constantFrom(["user_missing"], []),
  interval: fc.constantFrom("daily", "weekly", "monthly", "lifetime"),
  limitUsd: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  sinceMs: fc.constantFrom(0, Date.now()),
  method: fc.constantFrom("GET", "HEAD"),
  path: fc.constantFrom("/key", "/credits"),
  keepMembers: fc.constantFrom("keep", "remove"),
  query: fc.constantFrom({ metrics: ["spend"] }, { metrics: ["request_count"], dimensions: ["model"], granularity: "day" }),
};
const argument = (owner, method, name) => {
  const well = WELL_FORMED[name];
  assert.ok(well, `${owner}.${method}: no argument generator for its parameter \`${name}\``);
  return fc.oneof({ arbitrary: hostile, weight: 3 }, { arbitrary: well, weight: 1 });
};
// name -> { target, args }: the classes' methods, their constructors and the one function.
const METHODS = {
  constructor: { target: "new OpenRouterAdmin", args: fc.tuple(hostile) },
  settingsConstructor: { target: "new WorkspaceSettings", args: fc.tuple(hostile) },
  isOpenRouterError: { target: "function", args: fc.tuple(hostile) },
};
for (const { owner, name, params } of methods()) {
  const args = params.map((param) => argument(owner, name, param));
  METHODS[name] = { target: owner, args: fc.tuple(...args) };
}
// Only the constructors may throw (an OpenRouterError); every method returns a promise or a
// paginator, and a paginator's first pull rejects where a call would.
const SYNC = new Set(["constructor", "settingsConstructor"]);

const call = fc
  .constantFrom(...Object.keys(METHODS))
  .chain((method) =>
    fc.record({
      method: fc.constant(method),
      args: METHODS[method].args,
      pollute: fc.option(fc.tuple(fc.constantFrom(...KEYS), hostile), { freq: 4 }),
    }),
  );

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
      const used = args.map(build);
      const target = METHODS[method].target;
      let result;
      let thrown = null;
      try {
        if (pollute) Object.prototype[pollute[0]] = build(pollute[1]);
        if (method === "constructor") result = new OpenRouterAdmin(...used);
        else if (method === "settingsConstructor") result = new WorkspaceSettings(...used);
        else if (method === "isOpenRouterError") result = isOpenRouterError(...used);
        else result = (target === "WorkspaceSettings" ? settings : admin)[method](...used);
      } catch (error) {
        thrown = error;
      } finally {
        if (pollute) delete Object.prototype[pollute[0]];
      }
      if (thrown) {
        assert.ok(SYNC.has(method), `${method} threw synchronously: ${thrown}`);
        assert.ok(isOpenRouterError(thrown), `${method} threw ${thrown}`);
      } else if (!SYNC.has(method) && method !== "isOpenRouterError") {
        // A paginator is pulled once (its first page, or the rejection a call would give),
        // then closed, which stops its walk.
        const pages = result instanceof Promise ? null : result?.[Symbol.asyncIterator]?.();
        const settled = pages ? pages.next() : result;
        assert.ok(settled instanceof Promise, `${method} returned neither a promise nor a paginator`);
        try {
          await settled;
        } catch (error) {
          assert.ok(isOpenRouterError(error), `${method} rejected with ${error}`);
        } finally {
          await pages?.return();
        }
      }
      const key = await admin.currentKey();
      assert.equal(key.is_management_key, true);
      // The settings module lives on too.
      if (target === "WorkspaceSettings" || method === "settingsConstructor") {
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
