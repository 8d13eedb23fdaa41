// What every node test of the package shares: the sandbox `cargo xtask package` starts (its
// origin, API base URL and management key, from the environment) and its control surface.
// Kept outside test/ so that `node --test test/` does not run it as a test file.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The sandbox's origin (`http://127.0.0.1:PORT`), for `/__sandbox/...`. */
export const ORIGIN = process.env.SANDBOX_URL;
/** The API base URL (`ORIGIN/api/v1`). */
export const API = process.env.SANDBOX_API;
/** The sandbox's management key. */
export const KEY = process.env.SANDBOX_MANAGEMENT_KEY;
assert.ok(ORIGIN && API && KEY, "SANDBOX_URL, SANDBOX_API and SANDBOX_MANAGEMENT_KEY must be set");

/** Calls the sandbox's control surface; fails the test on a non-2xx; returns JSON or null. */
export async function control(method, path, body) {
  const res = await fetch(ORIGIN + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return res.headers.get("content-type")?.includes("json") ? res.json() : null;
}

/**
 * Runs the module `child` in a Node process of its own over a copy of the installed package
 * whose wasm chunk `chunk` is missing (kept beside it as `<chunk>.gone`, for the child to put
 * back); resolves to what the child printed last, as JSON. The test fails if the child does.
 */
export function withoutChunk(chunk, child) {
  const dir = mkdtempSync(join(tmpdir(), "ora-chunk-"));
  try {
    const installed = fileURLToPath(new URL("node_modules/openrouter-admin/", import.meta.url));
    const pkg = join(dir, "node_modules/openrouter-admin");
    cpSync(installed, pkg, { recursive: true });
    cpSync(join(pkg, chunk), join(pkg, `${chunk}.gone`));
    rmSync(join(pkg, chunk));
    writeFileSync(join(dir, "child.mjs"), child);
    const run = spawnSync(process.execPath, ["child.mjs"], {
      cwd: dir,
      env: { ...process.env, API, KEY },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout.trim().split("\n").pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
