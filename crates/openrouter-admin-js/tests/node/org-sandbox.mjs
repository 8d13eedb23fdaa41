// What the organization file tests share: a demo sandbox of their own (they reset it and change
// it, so they never disturb the shared one), its request log, the CLI from the packed tarball,
// and the package's schemas. Kept outside test/ so `node --test test/` does not run it.
import assert from "node:assert/strict";
import { after } from "node:test";
import { spawn, execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);
const SANDBOX_BIN = fileURLToPath(new URL("../../../../target/sandbox/openrouter-sandbox", import.meta.url));
/** Where `npm install` puts the package's bin. */
export const BIN = fileURLToPath(new URL("node_modules/openrouter-admin/bin/openrouter-admin.js", import.meta.url));
/** This sandbox's management key: it must appear in nothing the tests read back. */
export const ORG_KEY = "sk-or-v1-0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f01";

const schema = (name) => JSON.parse(readFileSync(require.resolve(`openrouter-admin/${name}`), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
/** Validates a plan against the package's `plan.schema.json`. */
export const validatePlan = ajv.compile(schema("plan.schema.json"));
/** Validates a file against the package's `openrouter-org.schema.json`. */
export const validateFile = ajv.compile(schema("openrouter-org.schema.json"));

/** Starts a demo sandbox with its control surface; resolves to `{ api, origin, stop }`. */
export async function demoSandbox() {
  const child = spawn(
    SANDBOX_BIN,
    ["--addr", "127.0.0.1:0", "--memory", "--seed", "demo", "--control", "--management-key", ORG_KEY],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const api = await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
      const found = text.match(/^api: (\S+)$/m);
      if (found) resolve(found[1]);
    });
    child.on("exit", (code) => reject(new Error(`the demo sandbox exited (${code})`)));
  });
  const origin = api.replace(/\/api\/v1$/, "");
  return { api, origin, stop: () => child.kill() };
}

/** The sandbox's control surface and its management API, as the tests need them. */
export function controls({ api, origin }) {
  const control = async (method, path, body) => {
    const res = await fetch(origin + path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(res.ok, `${method} ${path}: ${res.status}`);
    return res.headers.get("content-type")?.includes("json") ? res.json() : null;
  };
  const call = async (method, path, body) => {
    const res = await fetch(api + path, {
      method,
      headers: { authorization: `Bearer ${ORG_KEY}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    control,
    call,
    reset: () => control("POST", "/__sandbox/reset"),
    /** Every request logged so far. */
    log: async () => (await control("GET", "/__sandbox/log")).requests,
    /** The requests logged after `since` (a count from `log()`) that were not reads. */
    writesSince: async (since) => (await control("GET", "/__sandbox/log")).requests.slice(since).filter((r) => r.method !== "GET"),
    fault: (method, path, fault) => control("POST", "/__sandbox/faults", { method, path, faults: [fault] }),
  };
}

/**
 * A demo sandbox for this test file (stopped when the file's tests end) and what the tests use
 * of it: `sb`, `c` (its controls), `conn` (the options of `exportOrg`, `plan`, `apply`) and
 * `run(dir, args, options)`, the CLI against it in `dir` (see `cli`).
 */
export async function demoOrg() {
  const sb = await demoSandbox();
  after(() => sb.stop());
  return {
    sb,
    c: controls(sb),
    conn: { apiKey: ORG_KEY, baseUrl: sb.api },
    run: (dir, args, options = {}) => cli([...args, "--base-url", sb.api], { cwd: dir, ...options }),
  };
}

/** A fresh folder for files. */
export const folder = () => mkdtempSync(join(tmpdir(), "org-file-"));

/**
 * Runs the CLI as a user would, in `cwd`, with `key` in OPENROUTER_MANAGEMENT_KEY (`null`: not
 * set) and the variables of `env`; resolves to `{ code, stdout, stderr }`.
 */
export function cli(args, { cwd, key = ORG_KEY, env: more = {} } = {}) {
  const env = { PATH: process.env.PATH, ...more };
  if (key !== null) env.OPENROUTER_MANAGEMENT_KEY = key;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

/** The rejection of a promise that must reject. */
export const rejection = (promise) =>
  promise.then(
    () => assert.fail("resolved"),
    (e) => e,
  );
