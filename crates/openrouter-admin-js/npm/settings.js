// Browser and bundler entry of `openrouter-admin/settings`: the `WorkspaceSettings` class
// (guardrails, BYOK keys, observability destinations) over the module of the default entry
// `openrouter-admin` (inline.js: the client's main module inside its JavaScript). It shares
// that module, its load and its instance: a page importing both downloads the runtime once.
// Call `await init()` of either entry once; before that the constructor throws an
// `OpenRouterError` saying so. `openrouter-admin/file/settings` (settings-file.js) is the same
// over `openrouter-admin/file`; Node loads it on import (settings-node.js).
import init, { initSync } from "./inline.js";

export { init as default, initSync };
export { WorkspaceSettings } from "./workspace-settings.js";
