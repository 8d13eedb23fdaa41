// A static host for a built page, on 127.0.0.1, that compresses as a production one does
// (gzip -9, the level the size budgets are stated in), for measuring what a browser downloads.
// The sandbox's --serve compresses too, but at the fast levels a server uses per request
// (brotli 4, gzip 6), not at the gzip -9 the budgets are stated in: right for the tests, wrong
// for a byte count.
//
// Beside the files it answers config.json with its own /api/v1, and passes /api/ to the sandbox
// at `api` (uncompressed, as the sandbox answers), so the page's API stays on its own origin as
// its Content-Security-Policy wants.

import { createServer, request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync, constants } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

// Serves `dir`, passing /api/ to `api` (an origin); resolves to `{ origin, close() }`.
export function staticHost(folder, api) {
  const dir = resolve(folder);
  const gzipped = new Map(); // path -> compressed bytes, made once
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://host').pathname;
    if (path.startsWith('/api/')) return pass(req, res, api);
    if (path === '/config.json') {
      res.writeHead(200, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' });
      return res.end(JSON.stringify({ baseUrl: `http://${req.headers.host}/api/v1` }));
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(dir + sep)) return notFound(res);
    let body;
    try {
      body = await readFile(file);
    } catch {
      return notFound(res);
    }
    const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: constants.Z_BEST_COMPRESSION }));
      body = gzipped.get(file);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      done({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    });
  });
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}

// One API request, to the sandbox and back, headers and all (Host aside).
function pass(req, res, api) {
  const target = new URL(req.url, api);
  const { host: _, ...headers } = req.headers;
  const out = request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(out);
}
