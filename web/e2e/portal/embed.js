// A portal page embedding the admin page with the library's mount(element, options).
// It finds the build's hashed file names in the page's own index.html, as a portal would read
// them from its deployment manifest.
const html = await (await fetch('./index.html')).text();
const doc = new DOMParser().parseFromString(html, 'text/html');
const tag = doc.querySelector('script[data-ora-js]');
const css = document.createElement('link');
css.rel = 'stylesheet';
css.href = doc.querySelector('link[rel=stylesheet]').getAttribute('href');
document.head.append(css);
const page = await import(new URL(tag.dataset.oraJs, location.href).href);
await page.default({ module_or_path: new URL(tag.dataset.oraWasm, location.href) });
// A wrong option must throw, not be ignored (it would send the key to another API).
try {
  page.mount(document.getElementById('portal-slot'), { baseUrl: 42 });
  document.body.dataset.mountError = 'none';
} catch (e) {
  document.body.dataset.mountError = String(e.message);
}
page.mount(document.getElementById('portal-slot'), { baseUrl: new URL('./api/v1', location.href).href });
