// A portal embedding the admin page through the deployment's loader.js: the sign-in module
// first, the whole page after it, as the standalone page loads them.
const { mount } = await import(new URL('./loader.js', location.href).href);
const html = await (await fetch('./index.html')).text();
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = new DOMParser().parseFromString(html, 'text/html').querySelector('link[rel=stylesheet]').getAttribute('href');
document.head.append(css);
// A wrong option must reject, not be ignored (it would send the key to another API).
try {
  await mount(document.getElementById('portal-slot'), { baseUrl: 42 });
  document.body.dataset.mountError = 'none';
} catch (e) {
  document.body.dataset.mountError = String(e.message);
}
// With a trailing slash, so that the test can tell the portal's URL from config.json's.
await mount(document.getElementById('portal-slot'), { baseUrl: new URL('./api/v1/', location.href).href });
