// What the client's two browser entries share: inline.js (`openrouter-admin`), which carries
// the main module, and browser.js (`openrouter-admin/file`), which fetches the .wasm next to
// it. Importing this module loads nothing; each entry makes its `init()` from its own loader
// (load.js).
import { fault, shared } from "./load.js";
import { initSync as webInitSync, OpenRouterAdmin as Loaded } from "./openrouter_admin.js";

/**
 * The entry's `init()` over `load` (a `loader` of load.js): loads the module; harmless when
 * called again; after a failed load it tries again.
 */
export function initWith(load) {
  return async function init(module) {
    const out = await load(module);
    shared.ready = true;
    return out;
  };
}

/** Loads the module synchronously from `{ module }` (bytes or a `WebAssembly.Module`). */
export function initSync(module) {
  const out = webInitSync(module);
  shared.ready = true;
  return out;
}

/** `true` for a rejection of this package; needs no loaded module. */
export function isOpenRouterError(error) {
  try {
    return error instanceof Error && error.name === "OpenRouterError";
  } catch {
    return false;
  }
}

/** The client; before `init()` it throws an `OpenRouterError` saying so. */
export class OpenRouterAdmin extends Loaded {
  constructor(options) {
    if (!shared.ready) throw fault("the module is not loaded: call `await init()` first");
    super(options);
  }
}
