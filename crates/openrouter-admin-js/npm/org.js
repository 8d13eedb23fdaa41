// Browser and bundler entry of `openrouter-admin/org`: the organization as a reviewed file,
// `exportOrg`, `plan`, `apply` (and `readFindings`), a wasm module of its own (the findings
// module's crate with the organization file in it, more than twice its download), so neither
// the client nor `openrouter-admin/findings` carries it. Call `await init()` once; before that
// each function rejects with an `OpenRouterError` saying so. Importing it starts fetching and
// compiling its .wasm (load.js). Node loads it on import (org-node.js).
import { fault, loader } from "./load.js";
import webInit, {
  initSync as webInitSync,
  readFindings as loadedFindings,
  exportOrg as loadedExport,
  plan as loadedPlan,
  apply as loadedApply,
} from "./openrouter_org.js";

export * from "./openrouter_org.js";

let ready = false;
const load = loader(new URL("openrouter_org_bg.wasm", import.meta.url), webInit);

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

/** `call(options)` once loaded; before `init()` a rejection with an `OpenRouterError`. */
function whenReady(call, options) {
  if (!ready) {
    return Promise.reject(fault("the org module is not loaded: call `await init()` of openrouter-admin/org first"));
  }
  return call(options);
}

/** The organization's findings (as `openrouter-admin/findings`). */
export function readFindings(options) {
  return whenReady(loadedFindings, options);
}

/** The organization as `openrouter-org.jsonc`'s text, canonical. */
export function exportOrg(options) {
  return whenReady(loadedExport, options);
}

/** The plan of `options.file` against the organization. */
export function plan(options) {
  return whenReady(loadedPlan, options);
}

/** Applies `options.plan`, the approved plan of `options.file`. */
export function apply(options) {
  return whenReady(loadedApply, options);
}
