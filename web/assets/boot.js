// Loads the admin page. An external module, not Trunk's inline loader, so that the
// Content-Security-Policy can forbid inline script. Trunk writes the whole page's hashed file
// names into the tag.
//
// Two modules, so that a first visit downloads only what its first screen needs:
// - openrouter-admin-signin: the sign-in screen alone, loaded first;
// - the whole page (the names in the tag): fetched in the background once the form is up, and
//   opened with the key the sign-in screen checked. A tab that remembers its key opens it at once.
const tag = document.querySelector('script[data-ora-js]');

// The colour chosen with the page's theme button (localStorage, never anything secret), applied
// before the first screen mounts: the sign-in module has no theme button of its own.
try {
  const theme = localStorage.getItem('ora-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.oraTheme = theme;
} catch {
  // storage blocked: the system's colour scheme applies
}
const base = new URL('.', document.baseURI);
const element = document.getElementById('ora-app');

let page;
// The whole page's module, initialised; one load shared by every caller, retried after a failure.
function loadPage() {
  page ??= (async () => {
    const module = await import(new URL(tag.dataset.oraJs, base).href);
    await module.default({ module_or_path: new URL(tag.dataset.oraWasm, base) });
    return module;
  })();
  page.catch(() => { page = undefined; });
  return page;
}

function remembered() {
  try {
    return sessionStorage.getItem('ora-session') !== null;
  } catch {
    return false; // storage blocked: nothing can have been remembered
  }
}

if (remembered()) {
  (await loadPage()).mount(element, {});
} else {
  // The sign-in module keeps fixed names; the whole page's content hash keeps it fresh after a deploy.
  const version = tag.dataset.oraJs.match(/-([0-9a-f]+)\.js$/)?.[1] ?? '';
  const signIn = await import(new URL(`openrouter-admin-signin.js?v=${version}`, base).href);
  await signIn.default({ module_or_path: new URL(`openrouter-admin-signin_bg.wasm?v=${version}`, base) });
  signIn.mountSignIn(element, async () => {
    const module = await loadPage();
    return (target, key, baseUrl, label) => module.mountSignedIn(target, key, baseUrl, label);
  });
  // The form is up: fetch the rest while the key is being pasted, so that signing in doesn't wait.
  const later = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  later(() => loadPage().catch(() => {}));
}
