// The README's same-origin proxy recipe, run for real: nginx from Debian with the README's own
// `server` block (read from README.md, so the recipe cannot drift from what is tested), in front
// of a sandbox. nginx runs unprivileged (as `nobody` when this process is root) on a free
// loopback port, with its pid, logs, temp folders and a copy of the page in a temp folder.
//
// Environment: ORA_NGINX (nginx binary, default /usr/sbin/nginx).

import { spawn, execFileSync } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = process.env.ORA_NGINX || '/usr/sbin/nginx';
const README = new URL('../../../README.md', import.meta.url);
const NOBODY = 65534;

// The fenced block in `lang` under README.md's "## Same-origin proxy".
export async function readmeRecipe(lang) {
  const readme = await readFile(README, 'utf8');
  const section = readme.split('\n## Same-origin proxy\n')[1]?.split('\n## ')[0] ?? '';
  const block = section.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'))?.[1];
  if (!block) throw new Error(`README.md: no \`\`\`${lang} block under "## Same-origin proxy"`);
  return block;
}

// `text` with the one line matching `pattern` replaced; fails unless there is exactly one, so
// a README change that the test can no longer adapt fails here rather than testing less.
function replaceOnce(text, pattern, replacement) {
  const found = text.match(new RegExp(pattern.source, 'gm')) ?? [];
  if (found.length !== 1) throw new Error(`README nginx block: expected one ${pattern}, found ${found.length}`);
  return text.replace(new RegExp(pattern.source, 'm'), replacement);
}

const freePort = () => new Promise((done, fail) => {
  const probe = createServer();
  probe.once('error', fail);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => done(port));
  });
});

// Starts nginx serving the page in `dist` with the API passed to `upstream` (an origin);
// resolves to `{ origin, close() }`.
export async function nginxProxy(dist, upstream) {
  const dir = await mkdtemp(join(tmpdir(), 'ora-nginx-'));
  await cp(dist, join(dir, 'site'), { recursive: true });
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(dir, 'tmp', sub), { recursive: true });
  const port = await freePort();
  let site = await readmeRecipe('nginx');
  site = replaceOnce(site, /^\s*listen\s+[^;]+;/, `    listen 127.0.0.1:${port};`);
  site = replaceOnce(site, /^\s*root\s+[^;]+;/, `    root ${join(dir, 'site')};`);
  site = replaceOnce(site, /^\s*proxy_pass\s+https:\/\/openrouter\.ai;/, `        proxy_pass ${upstream};`);
  await writeFile(join(dir, 'site.conf'), site);
  // What Debian's /etc/nginx/nginx.conf gives a site, with every path in the temp folder.
  await writeFile(join(dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    include ${dir}/site.conf;
}
`);
  // Never as root: as nobody when we are root, else as ourselves.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
  const args = ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];
  execFileSync(NGINX, [...args, '-t'], { stdio: 'pipe', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
  const child = spawn(NGINX, args, { stdio: 'ignore', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
  let exited = null;
  child.on('exit', (code, signal) => { exited = `nginx exited (${code ?? signal})`; });
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (!exited) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (exited) break;
    const ok = await fetch(`${origin}/config.json`).then((r) => r.ok, () => false);
    if (ok) return { origin, close };
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
  await close();
  throw new Error(`nginx did not start on ${origin}: ${exited ?? 'no answer in 10 s'}\n${log}`);
}
