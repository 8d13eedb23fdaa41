// `openrouter-admin check` on a workspace of 100,000 keys (issue 23): 1,000 pages of `GET /keys`,
// where the paginator's old 1,000-page loop guard stopped it with exit 2. It must exit by its
// findings (0 or 1) with every key counted. Its own sandbox, seeded with the large seed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(
  new URL("../node_modules/openrouter-admin/bin/openrouter-admin.js", import.meta.url),
);
const SANDBOX_BIN = fileURLToPath(
  new URL("../../../../../target/sandbox/openrouter-sandbox", import.meta.url),
);
const KEYS = 100_000;
const LARGE_KEY = "sk-or-v1-1a7e000000000000000000000000000000000000000000000000000000000001";

let sandbox;
let api;
let seeded;
before(async () => {
  const start = performance.now();
  sandbox = spawn(
    SANDBOX_BIN,
    ["--addr", "127.0.0.1:0", "--memory", "--seed", "empty", "--seed-scale", `keys=${KEYS}`,
      "--management-key", LARGE_KEY],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  api = await new Promise((resolve, reject) => {
    let text = "";
    sandbox.stdout.on("data", (chunk) => {
      text += chunk;
      const found = text.match(/^api: (\S+)$/m);
      if (found) resolve(found[1]);
    });
    sandbox.on("exit", (code) => reject(new Error(`the large sandbox exited (${code})`)));
  });
  seeded = performance.now() - start;
});
after(() => sandbox?.kill());

test(`check on a workspace of ${KEYS.toLocaleString("en")} keys exits by its findings, not by a loop guard`, async (t) => {
  const start = performance.now();
  const run = await new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, "check", "--json", "--base-url", api, "--fail-on", "critical"],
      { env: { PATH: process.env.PATH, OPENROUTER_MANAGEMENT_KEY: LARGE_KEY }, timeout: 900_000, maxBuffer: 1 << 30 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
  const seconds = (performance.now() - start) / 1000;
  assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr.slice(0, 2000)}`);
  assert.ok(!/loop guard/.test(run.stderr), run.stderr.slice(0, 2000));
  const report = JSON.parse(run.stdout);
  assert.equal(report.organization.keys, KEYS, "every key was read");
  const critical = report.findings.some((f) => f.severity === "critical");
  assert.equal(run.code, critical ? 1 : 0, "the exit code is the findings'");
  const note =
    `check on ${KEYS} keys: exit ${run.code} (${report.counts.critical} critical, ` +
    `${report.counts.warning} warning, ${report.counts.info} info) in ${seconds.toFixed(1)} s ` +
    `(sandbox seeded in ${(seeded / 1000).toFixed(1)} s)`;
  t.diagnostic(note);
  console.log(note);
});
