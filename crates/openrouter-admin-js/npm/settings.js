// Browser and bundler entry of `openrouter-admin/settings`: the `WorkspaceSettings` class
// (guardrails, BYOK keys, observability destinations). It shares the client's module, its load
// and its instance (one download of the runtime for both classes); its operations are a chunk
// of that module, whose download starts when this entry is imported and which is instantiated
// at the first call (`__wasm_split.js`). Call `await init()` of either entry once; before that
// the constructor throws an `OpenRouterError` saying so. Node loads it on import
// (settings-node.js).
import init, { initSync } from "./browser.js";
import { fault, shared } from "./load.js";
import { WorkspaceSettings as Loaded } from "./openrouter_admin.js";
import { prefetch } from "./__wasm_split.js";

export { init as default, initSync };

prefetch("settings");

/** Guardrails, BYOK keys and destinations; before `init()` it throws an `OpenRouterError`. */
export class WorkspaceSettings extends Loaded {
  constructor(options) {
    if (!shared.ready) {
      throw fault(
        "the settings module is not loaded: call `await init()` of openrouter-admin/settings first",
      );
    }
    super(options);
  }
}
