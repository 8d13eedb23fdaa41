// Browser and bundler entry of `openrouter-admin/file/settings`: `openrouter-admin/settings`
// over the module of `openrouter-admin/file` (browser.js: the client's .wasm as a file), which
// it shares, with its load and instance: a page importing both downloads the runtime once.
// With the default entry instead, take `openrouter-admin/settings` (settings.js), or the main
// module downloads twice.
import init, { initSync } from "./browser.js";

export { init as default, initSync };
export { WorkspaceSettings } from "./workspace-settings.js";
