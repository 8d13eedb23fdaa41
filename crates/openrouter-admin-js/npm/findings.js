// Browser and bundler entry of `openrouter-admin/findings`: the findings module's glue (a wasm
// module apart from the client's, so importing the client never downloads it). Call
// `await init()` once, then `readFindings(options)` (or the organization file's `exportOrg`,
// `plan`, `apply`); before that each rejects with an `OpenRouterError` saying so (the glue alone
// would throw a TypeError about a minified name).
// Importing it starts fetching and compiling its .wasm (load.js). Node loads it on import
// (findings-node.js).
import { fault, loader } from "./load.js";
import webInit, {
  initSync as webInitSync,
  readFindings as loaded,
  exportOrg as loadedExport,
  plan as loadedPlan,
  apply as loadedApply,
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

/** `call(options)` once loaded; before `init()` a rejection with an `OpenRouterError`. */
function whenReady(call, options) {
  if (!ready) {
    return Promise.reject(
      fault("the findings module is not loaded: call `await init()` of openrouter-admin/findings first"),
    );
  }
  return call(options);
}

/** The organization's findings. */
export function readFindings(options) {
  return whenReady(loaded, options);
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
