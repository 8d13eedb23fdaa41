// Loads the admin page. An external module, not Trunk's inline loader, so that the
// Content-Security-Policy can forbid inline script. The build (xtask/src/page_build.rs; Trunk
// in development) writes the page module's hashed file names into the tag; loader.js (shared
// with portals) does the loading.
import { start } from './loader.js';

const tag = document.querySelector('script[data-ora-js]');

// The colour chosen with the page's theme button (localStorage, never anything secret), applied
// before the first screen mounts: the sign-in screen has no theme button of its own.
try {
  const theme = localStorage.getItem('ora-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.oraTheme = theme;
} catch {
  // storage blocked: the system's colour scheme applies
}

await start(document.getElementById('ora-app'), { js: tag.dataset.oraJs, wasm: tag.dataset.oraWasm });
