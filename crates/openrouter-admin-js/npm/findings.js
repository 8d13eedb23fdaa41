// Browser and bundler entry of `openrouter-admin/findings`: the findings module's glue (a wasm
// module apart from the client's, so importing the client never downloads it). Call
// `await init()` once, then `readFindings(options)`; before that it rejects with an
// `OpenRouterError` saying so (the glue alone would throw a TypeError about a minified name).
// Importing it starts fetching and compiling its .wasm (load.js). Node loads it on import
// (findings-node.js).
import { fault, loader } from "./load.js";
import webInit, {
  initSync as webInitSync,
  readFindings as loaded,
} from "./openrouter_admin_findings.js";

export * from "./openrouter_admin_findings.js";

let ready = false;
const load = loader(new URL("openrouter_admin_findings_bg.wasm", import.meta.url), webInit);

/**
 * Loads the module (the .wasm next to this file, whose download started on import, unless
 * given); harmless when called again; after a failed download it tries again.
 */
export default async function init(module) {
  const out = await load(module);
  ready = true;
  return out;
}

/** Loads the module synchronously from `{ module }` (bytes or a `WebAssembly.Module`). */
export function initSync(module) {
  const out = webInitSync(module);
  ready = true;
  return out;
}

/** The organization's findings; before `init()` it rejects with an `OpenRouterError`. */
export function readFindings(options) {
  if (!ready) {
    return Promise.reject(
      fault("the findings module is not loaded: call `await init()` of openrouter-admin/findings first"),
    );
  }
  return loaded(options);
}
