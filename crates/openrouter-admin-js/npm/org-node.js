// Node 20+ entry of `openrouter-admin/org`: the same glue and .wasm as browsers, loaded
// from disk on import (Node's fetch cannot read the file: URL the browser `init()` would
// fetch), so `exportOrg`, `plan` and `apply` work right after `import`.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import webInit, { initSync as webInitSync } from "./openrouter_org.js";

export * from "./openrouter_org.js";

const wasm = new URL("./openrouter_org_bg.wasm", import.meta.url);

/** Loads the module synchronously; the bytes default to the package's own .wasm. */
export function initSync(module) {
  return webInitSync({ module: module ?? readFileSync(wasm) });
}

/** Loads the module; the bytes default to the package's own .wasm. */
export default async function init(module) {
  return webInit({ module_or_path: module ?? (await readFile(wasm)) });
}

initSync();
