// Node 20+ entry: the same glue and the same .wasm (and chunks) as browsers, loaded from disk, because
// Node's fetch cannot read the file: URL the browser `init()` would fetch. It loads the module
// on import, synchronously, so `import` then `new OpenRouterAdmin(...)` works as in any Node
// package; `init()` and `initSync()` stay, and return the loaded module when called again.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import webInit, { initSync as webInitSync } from "./openrouter_admin.js";
import { readWith } from "./__wasm_split.js";

// The client's names only: the module's `WorkspaceSettings` is `openrouter-admin/settings`'s.
export { OpenRouterAdmin, isOpenRouterError } from "./openrouter_admin.js";

const wasm = new URL("./openrouter_admin_bg.wasm", import.meta.url);

/** Loads the module synchronously; the bytes default to the package's own .wasm. */
export function initSync(module) {
  return webInitSync({ module: module ?? readFileSync(wasm) });
}

/** Loads the module; the bytes default to the package's own .wasm. */
export default async function init(module) {
  return webInit({ module_or_path: module ?? (await readFile(wasm)) });
}

// The chunks (the settings class, the client's composites) come from disk too: Node's fetch
// cannot read a file: URL.
readWith((url) => readFile(url).then((bytes) => WebAssembly.compile(bytes)));
initSync();
