// The sandboxes `cargo xtask test` starts for the end-to-end tests (xtask/src/web.rs), and the
// calls the specs make to them directly: set-up and checks only, the flows go through the UI.
//
// Environment: ORA_URL (demo sandbox with --control), ORA_LARGE_URL (10,000 keys in workspace
// `bulk`), ORA_KEY (their management key).

export const URL_ = process.env.ORA_URL;
export const LARGE = process.env.ORA_LARGE_URL;
export const KEY = process.env.ORA_KEY;
if (!URL_ || !KEY) throw new Error('ORA_URL and ORA_KEY are required');

export async function api(method, path, body, base = URL_, key = KEY) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export async function control(method, path, body) {
  const res = await fetch(`${URL_}/__sandbox/${path}`, {
    method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  return res.json().catch(() => null);
}

export const fault = (method, path, faults) => control('POST', 'faults', { method, path, faults });
export const clearFaults = () => control('DELETE', 'faults');
// Lets go every `hold` fault queued so far; answers `{released}`, how many requests were waiting.
export const release = () => control('POST', 'release');

// How many requests the sandbox's log holds now: where `waitHeld` starts looking.
export const logLength = async () => (await control('GET', 'log')).requests.length;

// Waits until a request `method path` is in the sandbox's log after entry `since`, without its
// answer yet (held). Earlier entries are skipped: a request a closed page gave up on stays
// without an answer in the log.
export async function waitHeld(method, path, since) {
  for (let i = 0; i < 200; i++) {
    const requests = (await control('GET', 'log')).requests.slice(since);
    if (requests.some((r) => r.method === method && r.path === path && r.status === null)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${method} ${path} held`);
}

// The keys named `name` in the workspace `slug`, disabled ones included: how the lost-answer
// specs count what a create made.
export async function keysNamed(slug, name) {
  const ws = (await api('GET', `/workspaces/${slug}`)).json.data;
  const keys = (await api('GET', `/keys?workspace_id=${ws.id}&include_disabled=true`)).json.data;
  return keys.filter((k) => k.name === name);
}

// The workspaces whose slug is `slug`, read through every page.
export async function workspacesWithSlug(slug) {
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await api('GET', `/workspaces?limit=100&offset=${offset}`)).json.data;
    all.push(...page);
    if (page.length < 100) break;
  }
  return all.filter((w) => w.slug === slug);
}

// Waits until every API request in the sandbox's log has its answer and none starts for a
// while; gives back the log's length then (the specs that count requests start from it).
export async function settled() {
  const log = async () => (await control('GET', 'log')).requests;
  for (let i = 0; i < 150; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const entries = await log();
    if (entries.every((r) => r.status !== null)) {
      await new Promise((r) => setTimeout(r, 600));
      const again = await log();
      if (again.length === entries.length && again.every((r) => r.status !== null)) return again.length;
    }
  }
  throw new Error('requests still running');
}
