// `openrouter-admin check` and `openrouter-admin/findings`, run from the packed tarball: the
// exit code for each --fail-on, the JSON against the package's own schema, usage and
// connection errors (exit 2, a clear message, never the key), and readFindings' options read
// without trusting them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { readFindings } from "openrouter-admin/findings";
import { API, KEY } from "../sandbox.mjs";

const require = createRequire(import.meta.url);
// Where `npm install` puts the package's bin (its exports map does not list bin/).
const BIN = fileURLToPath(
  new URL("../node_modules/openrouter-admin/bin/openrouter-admin.js", import.meta.url),
);
const SCHEMA = JSON.parse(
  readFileSync(require.resolve("openrouter-admin/findings.schema.json"), "utf8"),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);
const SANDBOX_BIN = fileURLToPath(
  new URL("../../../../../target/sandbox/openrouter-sandbox", import.meta.url),
);
const EMPTY_KEY = "sk-or-v1-e3e3000000000000000000000000000000000000000000000000000000000001";

/** Runs the command as a user would; resolves to { code, stdout, stderr }. */
function check(args, env = {}) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

const demo = (args) => check(["check", "--base-url", API, ...args], { OPENROUTER_MANAGEMENT_KEY: KEY });

/** Nothing the command prints may hold a key. */
function noSecret(run, key) {
  assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key), "the key was printed");
}

// A sandbox of our own with the `empty` seed, so the findings (and exit codes) are ours to set.
let empty;
let emptyApi;
before(async () => {
  empty = spawn(
    SANDBOX_BIN,
    ["--addr", "127.0.0.1:0", "--memory", "--seed", "empty", "--management-key", EMPTY_KEY],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  emptyApi = await new Promise((resolve, reject) => {
    let text = "";
    empty.stdout.on("data", (chunk) => {
      text += chunk;
      const api = text.match(/^api: (\S+)$/m);
      if (api) resolve(api[1]);
    });
    empty.on("exit", (code) => reject(new Error(`the empty sandbox exited (${code})`)));
  });
});
after(() => empty?.kill());

const onEmpty = (args) =>
  check(["check", "--base-url", emptyApi, ...args], { OPENROUTER_MANAGEMENT_KEY: EMPTY_KEY });

async function createKey(body) {
  const res = await fetch(`${emptyApi}/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${EMPTY_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).data;
}

const exitCodes = async () => ({
  info: (await onEmpty(["--fail-on", "info"])).code,
  warning: (await onEmpty(["--fail-on", "warning"])).code,
  critical: (await onEmpty(["--fail-on", "critical"])).code,
});

test("the exit code follows --fail-on as findings of each severity appear", async () => {
  // Nothing to find: 0 at every level.
  assert.deepEqual(await exitCodes(), { info: 0, warning: 0, critical: 0 });
  // A key with a limit and no expiry: an info finding (no_expiry).
  await createKey({ name: "limited", limit: 10 });
  assert.deepEqual(await exitCodes(), { info: 1, warning: 0, critical: 0 });
  // A key with no limit: a warning.
  await createKey({ name: "unlimited", expires_at: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 19) + "Z" });
  assert.deepEqual(await exitCodes(), { info: 1, warning: 1, critical: 0 });
  // A key expiring in 12 hours: critical.
  const soon = new Date(Date.now() + 12 * 3_600_000).toISOString().slice(0, 19) + "Z";
  const key = await createKey({ name: "expiring", limit: 5, expires_at: soon });
  assert.deepEqual(await exitCodes(), { info: 1, warning: 1, critical: 1 });
  // The default is critical; the table names the key and says when.
  const run = await onEmpty([]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^CRITICAL\s+expiring\s+Key “expiring” .* expires in 1[12] hours/m);
  assert.match(run.stdout, /1 critical, 1 warning, 1 info in 1 workspace, 3 keys, 12 members/);
  noSecret(run, EMPTY_KEY);
  assert.ok(key.hash);
});

test("--json prints a report the package's schema accepts, with the demo's findings", async () => {
  const run = await demo(["--json", "--fail-on", "critical"]);
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  const kinds = new Set(report.findings.map((f) => f.kind));
  for (const kind of ["expiring", "expired_not_disabled", "no_limit", "limit_use", "idle", "creator_gone", "disabled_long"]) {
    assert.ok(kinds.has(kind), `no ${kind} in ${[...kinds]}`);
  }
  const { critical, warning, info } = report.counts;
  assert.equal(critical + warning + info, report.findings.length);
  assert.equal(critical, report.findings.filter((f) => f.severity === "critical").length);
  noSecret(run, KEY);
  // The schema is not a rubber stamp: a report with an unknown kind fails it.
  const broken = structuredClone(report);
  broken.findings[0].kind = "made_up";
  assert.equal(validate(broken), false);
});

test("a key the API refuses is exit 2 with a clear message, and never printed", async () => {
  const wrong = "sk-or-v1-0bad000000000000000000000000000000000000000000000000000000000000";
  const run = await check(["check", "--base-url", API], { OPENROUTER_MANAGEMENT_KEY: wrong });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /could not read the organization \(HTTP 401\): is OPENROUTER_MANAGEMENT_KEY a management key/);
  assert.equal(run.stdout, "");
  noSecret(run, wrong);
});

test("--fail-on accepts only its three words: Object.prototype's names are usage errors", async () => {
  for (const level of ["toString", "__proto__", "constructor", "valueOf", "hasOwnProperty", "isPrototypeOf"]) {
    // On the demo, which has findings: a gate that never fails would exit 0.
    const run = await demo(["--fail-on", level]);
    assert.equal(run.code, 2, `--fail-on ${level}: ${run.stderr}`);
    assert.match(run.stderr, /--fail-on must be info, warning or critical/);
    assert.equal(run.stdout, "");
  }
  // The demo has findings: a real level gates on them.
  assert.equal((await demo(["--fail-on", "info"])).code, 1);
});

test("a key that cannot be an HTTP header value is exit 2, naming the variable and the character", async () => {
  // A NUL cannot be put in the environment at all; the others can, and used to crash `check`
  // with a wasm stack trace and exit 1 ("findings found").
  for (const [key, at] of [
    ["sk-or-v1-0123\n4567", "character 14 is U+000A"],
    ["sk-or-v1-0123\r4567", "character 14 is U+000D"],
    ["sk-or-v1-0123\u0001", "character 14 is U+0001"],
    ["sk-or-v1-0123\u2026", "character 14 is U+2026"],
    ["\u20acsk-or-v1-0123", "character 1 is U+20AC"],
  ]) {
    const start = performance.now();
    const run = await check(["check", "--base-url", API], { OPENROUTER_MANAGEMENT_KEY: key });
    const ms = performance.now() - start;
    assert.equal(run.code, 2, `${JSON.stringify(key)}: ${run.stderr}`);
    assert.match(run.stderr, /^openrouter-admin: OPENROUTER_MANAGEMENT_KEY cannot be sent as an HTTP header/);
    assert.ok(run.stderr.includes(at), run.stderr);
    assert.ok(!run.stderr.includes("0123") && !run.stderr.includes("wasm"), run.stderr);
    assert.equal(run.stdout, "");
    assert.ok(ms < 5000, `${ms} ms`);
  }
  // A secret store's trailing newline is trimmed, as fetch would: the key works.
  const trailing = await check(["check", "--base-url", API, "--fail-on", "info"], {
    OPENROUTER_MANAGEMENT_KEY: `${KEY}\n`,
  });
  assert.equal(trailing.code, 1, trailing.stderr);
});

test("a server that echoes Authorization in its error body: check never prints the key", async () => {
  const { createServer } = await import("node:http");
  const server = createServer((req, res) => {
    const auth = req.headers.authorization ?? "";
    if (req.url.startsWith("/html/")) {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><pre>${"bad gateway ".repeat(12)}Authorization: ${auth}</pre></html>`);
    } else {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: 401, message: `refused ${auth}`, metadata: { auth } } }));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const secret = "sk-or-v1-" + "ec40".repeat(16);
  try {
    for (const kind of ["envelope", "html"]) {
      const base = `http://127.0.0.1:${server.address().port}/${kind}/api/v1`;
      const run = await check(["check", "--base-url", base], { OPENROUTER_MANAGEMENT_KEY: secret });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /<redacted>/);
      assert.ok(!run.stderr.includes(secret.slice(9, 17)), `${kind}: ${run.stderr}`);
      noSecret(run, secret);
    }
  } finally {
    server.close();
  }
});

test("an unreachable API is exit 2", async () => {
  const run = await check(["check", "--base-url", "http://127.0.0.1:9/api/v1"], {
    OPENROUTER_MANAGEMENT_KEY: KEY,
  });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /could not read the organization/);
  noSecret(run, KEY);
});

test("usage errors are exit 2 with the usage", async () => {
  for (const [args, env, said] of [
    [["check", "--fail-on", "severe"], { OPENROUTER_MANAGEMENT_KEY: KEY }, /--fail-on must be info, warning or critical/],
    [["check", "--frobnicate"], { OPENROUTER_MANAGEMENT_KEY: KEY }, /Unknown option '--frobnicate'/],
    [["audit"], { OPENROUTER_MANAGEMENT_KEY: KEY }, /unknown command: audit/],
    [[], { OPENROUTER_MANAGEMENT_KEY: KEY }, /which command\?/],
    [["check", "--concurrency", "0"], { OPENROUTER_MANAGEMENT_KEY: KEY }, /--concurrency must be a whole number/],
    [["check", "--base-url", API], {}, /set OPENROUTER_MANAGEMENT_KEY/],
  ]) {
    const run = await check(args, env);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, said);
  }
  const help = await check(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /usage: openrouter-admin check/);
});

test("readFindings reads its options without trusting them", async () => {
  const fails = async (options, field) => {
    const error = await readFindings(options).then(
      () => assert.fail("resolved"),
      (e) => e,
    );
    assert.equal(error.name, "OpenRouterError");
    assert.equal(error.kind, "validation", error.message);
    assert.ok(
      error.fieldErrors.some((f) => f.field === field),
      `${field} not in ${JSON.stringify(error.fieldErrors)}`,
    );
  };
  await fails(undefined, "options");
  await fails({}, "options.apiKey");
  await fails(
    Object.defineProperty({}, "apiKey", {
      get() {
        throw new Error("no");
      },
    }),
    "options.apiKey",
  );
  await fails(
    new Proxy({ apiKey: KEY }, { get() { throw new Error("trap"); } }),
    "options.apiKey",
  );
  await fails({ apiKey: KEY, baseUrl: API, signal: {} }, "options.signal");
  await fails({ apiKey: KEY, baseUrl: API, onProgress: 1 }, "options.onProgress");
  await fails({ apiKey: KEY, baseUrl: API, thresholds: { limitUse: { warning: 0.5, info: 0.9 } } }, "options.thresholds.limitUse");
  await fails({ apiKey: KEY, baseUrl: API, thresholds: { expiringDays: { critical: Number.NaN } } }, "options.thresholds.expiringDays.critical");
  await fails({ apiKey: KEY, baseUrl: API, thresholds: { idleDays: "30" } }, "options.thresholds.idleDays");

  // Well formed: progress arrives, a throwing callback does not stop the read, and a tighter
  // threshold finds more.
  const steps = [];
  const report = await readFindings({
    apiKey: KEY,
    baseUrl: API,
    onProgress(p) {
      steps.push(p.step);
      throw new Error("the caller's own bug");
    },
  });
  assert.ok(validate(report), JSON.stringify(validate.errors));
  assert.deepEqual([...new Set(steps)], ["workspaces", "organization", "budgets", "key activity"]);
  const wider = await readFindings({
    apiKey: KEY,
    baseUrl: API,
    thresholds: { expiringDays: { critical: 1, warning: 7, info: 3650 } },
  });
  const expiring = (r) => r.findings.filter((f) => f.kind === "expiring").length;
  assert.ok(expiring(wider) > expiring(report), `${expiring(wider)} <= ${expiring(report)}`);

  // Cancelled: rejects as cancelled.
  const controller = new AbortController();
  controller.abort();
  const cancelled = await readFindings({ apiKey: KEY, baseUrl: API, signal: controller.signal }).then(
    () => assert.fail("resolved"),
    (e) => e,
  );
  assert.equal(cancelled.kind, "cancelled");
});
