// Browser and bundler entry of `openrouter-admin/settings`: the `WorkspaceSettings` class
// (guardrails, BYOK keys, observability destinations), a wasm module apart from the client's,
// so importing `OpenRouterAdmin` never downloads it. Importing this entry starts fetching and
// compiling its .wasm (load.js); call `await init()` of this entry once; before that the
// constructor throws an `OpenRouterError` saying so. Node loads it on import (settings-node.js).
import { fault, loader } from "./load.js";
import webInit, {
  initSync as webInitSync,
  WorkspaceSettings as Loaded,
} from "./openrouter_admin_settings.js";

export * from "./openrouter_admin_settings.js";

let ready = false;
const load = loader(new URL("openrouter_admin_settings_bg.wasm", import.meta.url), webInit);

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

/** Guardrails, BYOK keys and destinations; before `init()` it throws an `OpenRouterError`. */
export class WorkspaceSettings extends Loaded {
  constructor(options) {
    if (!ready) {
      throw fault(
        "the settings module is not loaded: call `await init()` of openrouter-admin/settings first",
      );
    }
    super(options);
  }
}
