// `collectAll()` on every paginator (issue 12): every item in order; the pages after the first
// fetched at once when the list gives a `total_count`.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import init, { OpenRouterAdmin } from "openrouter-admin";

const ORIGIN = process.env.SANDBOX_URL;
const API = process.env.SANDBOX_API;
const KEY = process.env.SANDBOX_MANAGEMENT_KEY;

await init();

const control = async (method, path) => (await fetch(ORIGIN + path, { method })).json();

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
});

test("collectAll() on every paginator: every item, in order, pages fetched concurrently", async () => {
  const admin = new OpenRouterAdmin({ apiKey: KEY, baseUrl: API });
  for (let i = 0; i < 7; i++) await admin.createWorkspace({ name: `Many ${i}`, slug: `many-${i}` });
  const iterated = [];
  for await (const ws of admin.iterateWorkspaces({ limit: 2 })) iterated.push(ws.id);
  const { total_count } = await admin.listWorkspaces({ limit: 1 });
  assert.ok(total_count >= 8, `enough workspaces for several pages (${total_count})`);
  const before = (await control("GET", "/__sandbox/log")).requests.length;

  const all = await admin.iterateWorkspaces({ limit: 2 }).collectAll({ concurrency: 3 });
  assert.deepEqual(all.map((ws) => ws.id), iterated);
  const pages = (await control("GET", "/__sandbox/log")).requests
    .slice(before)
    .filter((r) => r.method === "GET" && r.path.startsWith("/api/v1/workspaces"));
  assert.equal(pages.length, Math.ceil(total_count / 2), "one request per page");

  // Every other list, against its own iteration.
  const ws = iterated[0];
  for (const make of [
    () => admin.iterateKeys(),
    () => admin.iterateMembers(ws, { limit: 1 }),
    () => admin.iterateOrganizationMembers({ limit: 1 }),
    () => admin.iterateWorkspaces({ limit: 3, offset: 1 }),
  ]) {
    const one = [];
    for await (const item of make()) one.push(JSON.stringify(item));
    const collected = (await make().collectAll()).map((item) => JSON.stringify(item));
    assert.deepEqual(collected, one);
  }
});
