// Loads the admin page's wasm. An external module, not Trunk's inline loader, so that the
// Content-Security-Policy can forbid inline script. Trunk writes the hashed names into the tag.
const tag = document.querySelector('script[data-ora-js]');
const base = new URL('.', document.baseURI);
const { default: init } = await import(new URL(tag.dataset.oraJs, base).href);
await init({ module_or_path: new URL(tag.dataset.oraWasm, base) });
