// The admin page's loader, for the standalone page (boot.js) and for portals that embed it:
//
//   import { mount } from 'https://portal.example/admin/loader.js';
//   await mount(element, { baseUrl: 'https://portal.example/api/openrouter/v1' });
//
// One wasm module is loaded first: the sign-in screen and the runtime. The signed-in page is split
// off by area (`cargo xtask page`, xtask/src/wasm_split.rs): its shell with the workspaces list is
// fetched in the background once the form is up, and each other area when first opened. The
// checked key stays inside the wasm module. A tab that remembers its key (sessionStorage) opens
// the page at once. Every file but this one and index.html is named after its content's hash.

// The deployment's folder: every file sits beside this one.
const here = new URL('.', import.meta.url);

/**
 * Starts the admin page in `element`. `files` are the page module's hashed file names, as the
 * build writes them into index.html's loader tag (`{ js, wasm }`); `options` are the page's
 * mount options (`{ baseUrl }`).
 */
export async function start(element, files, options = {}) {
  const module = await import(new URL(files.js, here).href);
  await module.default({ module_or_path: new URL(files.wasm, here) });
  if (remembered()) {
    module.mount(element, options);
    return;
  }
  module.mountSignIn(element, options);
  // Once the form can be submitted, fetch the signed-in page at idle time, while the key is being
  // pasted, so that signing in doesn't wait. Not sooner: the form's own requests (config.json)
  // would share the wire with it.
  const later = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  formReady(element).then(() => later(() => module.prefetchPage()));
}

// Resolves once `element` holds a form whose submit button is enabled: the sign-in screen
// enables it when it has read config.json.
function formReady(element) {
  const ready = () => element.querySelector('form button[type=submit]:not([disabled])') !== null;
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  });
}

/**
 * For portals: starts the admin page in `element` with `options` (`{ baseUrl }`), reading the
 * page module's file names from the deployment's index.html (the manifest the build writes).
 */
export async function mount(element, options = {}) {
  const html = await (await fetch(new URL('index.html', here))).text();
  const tag = new DOMParser().parseFromString(html, 'text/html').querySelector('script[data-ora-js]');
  if (!tag) throw new Error(`no admin page loader tag in ${new URL('index.html', here)}`);
  await start(element, { js: tag.dataset.oraJs, wasm: tag.dataset.oraWasm }, options);
}

function remembered() {
  try {
    return sessionStorage.getItem('ora-session') !== null;
  } catch {
    return false; // storage blocked: nothing can have been remembered
  }
}
