// Browser and bundler entry of `openrouter-admin/findings`: the findings module's glue (a wasm
// module apart from the client's, so importing the client never downloads it). Call
// `await init()` once, then `readFindings(options)`; before that it rejects with an
// `OpenRouterError` saying so (the glue alone would throw a TypeError about a minified name).
// Node loads it on import (findings-node.js).
import webInit, {
  initSync as webInitSync,
  readFindings as loaded,
} from "./openrouter_admin_findings.js";

export * from "./openrouter_admin_findings.js";

let ready = false;

/** Loads the module (the .wasm next to this file unless given); harmless when called again. */
export default async function init(module) {
  const out = await webInit(module);
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
    const error = new Error(
      "the findings module is not loaded: call `await init()` of openrouter-admin/findings first",
    );
    error.name = "OpenRouterError";
    Object.assign(error, { kind: "validation", status: null, fieldErrors: [] });
    return Promise.reject(error);
  }
  return loaded(options);
}
