// The one module both classes share, from the installed package: one instance for both entries,
// and the settings chunk (`openrouter_admin_settings_bg.wasm`, read from disk on first need)
// failing to load: the call rejects with kind `network`, the next calls load it.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { OpenRouterAdmin } from "openrouter-admin";
import initSettings, { WorkspaceSettings } from "openrouter-admin/settings";
import { API, KEY, withoutChunk } from "../sandbox.mjs";

test("both entries are one instance of one module: the runtime is loaded once", async () => {
  const [client, settings] = [await init(), await initSettings()];
  assert.equal(client, settings, "init() of each entry gives the same instance's exports");
  const options = { apiKey: KEY, baseUrl: API, maxRetries: 0 };
  assert.equal((await new OpenRouterAdmin(options).currentKey()).is_management_key, true);
  assert.ok(Array.isArray((await new WorkspaceSettings(options).listGuardrails()).data));
});

// Runs in a child process over a copy of the installed package whose settings chunk is
// missing until the child puts it back: the first call's load fails, the next ones read it.
const CHILD = `
import { renameSync } from "node:fs";
import { WorkspaceSettings } from "openrouter-admin/settings";
const chunk = new URL("./node_modules/openrouter-admin/openrouter_admin_settings_bg.wasm", import.meta.url);
const settings = new WorkspaceSettings({ apiKey: process.env.KEY, baseUrl: process.env.API, maxRetries: 0 });
const out = {};
try {
  await settings.listGuardrails();
  out.first = "resolved";
} catch (e) {
  out.first = { name: e.name, kind: e.kind, error: e instanceof Error };
}
const paginator = settings.iterateByokKeys();
renameSync(new URL(chunk.href + ".gone"), chunk);
const race = await Promise.allSettled([
  settings.listGuardrails(), settings.listByokKeys(), settings.listKeyAssignments(),
  paginator.collectAll(), settings.getGuardrail(42),
]);
out.race = race.map((r) => r.status === "fulfilled" ? "ok" : r.reason?.kind ?? String(r.reason));
console.log(JSON.stringify(out));
`;

test("a settings chunk that does not load rejects with kind network; the next calls load it", () => {
  const out = withoutChunk("openrouter_admin_settings_bg.wasm", CHILD);
  assert.deepEqual(out.first, { name: "OpenRouterError", kind: "network", error: true });
  // The last is a bad id, answered by the chunk's validation: the chunk ran.
  assert.deepEqual(out.race, ["ok", "ok", "ok", "ok", "validation"]);
});
