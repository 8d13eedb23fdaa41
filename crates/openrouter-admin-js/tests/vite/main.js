// A browser app built by Vite 7 from the packed tarball: the default entry carries the client's
// main module inside its JavaScript (no .wasm of it in the build); the chunks are the .wasm
// assets Vite emitted. The e2e script calls window.runChecks with the sandbox's address.
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
// The settings class is a chunk of the client's module, which it takes from the default entry:
// Vite must emit the chunk (and those the two share) as assets the chunk loader finds.
import { WorkspaceSettings } from "openrouter-admin/settings";

const ready = init().then(() => {
  document.querySelector("#status").textContent = "ready";
});

window.runChecks = async ({ api, key: managementKey }) => {
  await ready;
  const client = new OpenRouterAdmin({ apiKey: managementKey, baseUrl: api, maxRetries: 0 });
  const out = {};
  out.management = (await client.currentKey()).is_management_key;
  const page = await client.listWorkspaces({ limit: 2 });
  out.total = page.total_count;
  out.iterated = 0;
  for await (const ws of client.iterateWorkspaces({ limit: 2 })) out.iterated += ws.id ? 1 : 0;
  const ws = await client.createWorkspace({ name: "From Chromium", slug: "from-chromium" });
  out.created = (await client.getWorkspace("from-chromium")).id === ws.id;
  const key = await client.createKey({ name: "browser", workspace_id: ws.id });
  out.secret = key.key.startsWith("sk-or-v1-");
  out.rotated = (await client.rotateKey(key.data.hash)).old_hash === key.data.hash;
  const settings = new WorkspaceSettings({ apiKey: managementKey, baseUrl: api, maxRetries: 0 });
  out.settings = Array.isArray((await settings.listGuardrails({ limit: 1 })).data);
  try {
    await client.getKey("0".repeat(64));
  } catch (e) {
    out.notFound = isOpenRouterError(e) && e instanceof Error && e.kind === "not_found" && e.status === 404;
  }
  try {
    await client.getWorkspace(42);
  } catch (e) {
    out.validation = e.kind === "validation" && e.fieldErrors[0].field === "idOrSlug";
  }
  try {
    await client.listWorkspaces({ signal: AbortSignal.abort() });
  } catch (e) {
    out.cancelled = e.kind === "cancelled";
  }
  out.keyHidden = !JSON.stringify(client).includes(managementKey) && !String(client).includes(managementKey);
  document.querySelector("#status").textContent = "done";
  return out;
};
