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
