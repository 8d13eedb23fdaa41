// The admin page's loader, for the standalone page (boot.js) and for portals that embed it:
//
//   import { mount } from 'https://portal.example/admin/loader.js';
//   await mount(element, { baseUrl: 'https://portal.example/api/openrouter/v1' });
//
// Two modules, so that a first visit downloads only what its first screen needs:
// - openrouter-admin-signin: the sign-in screen alone, loaded first;
// - the whole page (the build's hashed main module): fetched in the background once the form is up,
//   and opened with the key the sign-in screen checked, passed as an argument (never stored).
// A tab that remembers its key (sessionStorage) opens the whole page at once.

// The deployment's folder: both modules sit beside this file.
const here = new URL('.', import.meta.url);

/**
 * Starts the admin page in `element`. `files` are the whole page's hashed file names, as
 * the build writes them into index.html's loader tag (`{ js, wasm }`); `options` are the page's
 * mount options (`{ baseUrl }`).
 */
export async function start(element, files, options = {}) {
  let page;
  // The whole page's module, initialised; one load shared by every caller, retried after a failure.
  const loadPage = () => {
    page ??= (async () => {
      const module = await import(new URL(files.js, here).href);
      await module.default({ module_or_path: new URL(files.wasm, here) });
      return module;
    })();
    page.catch(() => { page = undefined; });
    return page;
  };

  if (remembered()) {
    (await loadPage()).mount(element, options);
    return;
  }
  // The sign-in module keeps fixed names; the whole page's hashed name keeps it fresh after a
  // deploy. index.html preloads these same URLs (Trunk.toml's pattern_preload writes them).
  const build = `?for=${files.js.split('/').pop()}`;
  const signIn = await import(new URL(`openrouter-admin-signin.js${build}`, here).href);
  await signIn.default({ module_or_path: new URL(`openrouter-admin-signin_bg.wasm${build}`, here) });
  signIn.mountSignIn(element, async () => {
    const module = await loadPage();
    return (target, key, baseUrl, label, timeoutMs) => module.mountSignedIn(target, key, baseUrl, label, timeoutMs);
  }, options);
  // Once the form can be submitted, fetch the rest at idle time, while the key is being pasted,
  // so that signing in doesn't wait. Not sooner: the form's own requests (config.json) would
  // share the wire with it, and a first visit would download the whole page before its form.
  const later = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  formReady(element).then(() => later(() => loadPage().catch(() => {})));
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
 * whole page's file names from the deployment's index.html (the manifest the build writes).
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
