// What every node test of the package shares: the sandbox `cargo xtask package` starts (its
// origin, API base URL and management key, from the environment) and its control surface.
// Kept outside test/ so that `node --test test/` does not run it as a test file.
import assert from "node:assert/strict";

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
