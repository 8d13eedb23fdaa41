// Loaded by index.html in headless Chromium (tests/browser/check.sh): shows how real fetch sees
// the injected faults, same-origin and, with ?api=, cross-origin through CORS.
(async () => {
  const out = [];
  const api = new URLSearchParams(location.search).get('api') || '/api/v1';
  const ctl = api.replace('/api/v1', '/__sandbox');
  const H = { Authorization: 'Bearer sk-or-v1-browser', 'Content-Type': 'application/json' };
  const fault = (path, f) => fetch(ctl + '/faults', { method: 'POST', body: JSON.stringify({ method: 'POST', path, faults: [f] }) });
  try {
    await fetch(ctl + '/reset', { method: 'POST' });
    // warm a connection first so a reuse would be possible
    await fetch(api + '/workspaces', { headers: H });
    await fault('/api/v1/workspaces', { drop: true });
    try { const r = await fetch(api + '/workspaces', { method: 'POST', headers: H, body: JSON.stringify({ name: 'B', slug: 'b' }) }); out.push('drop: resolved ' + r.status); }
    catch (e) { out.push('drop: rejected ' + e.name); }
    await fault('/api/v1/keys', { commit_then_drop: true });
    try { const r = await fetch(api + '/keys', { method: 'POST', headers: H, body: JSON.stringify({ name: 'ctd' }) }); out.push('ctd: resolved ' + r.status); }
    catch (e) { out.push('ctd: rejected ' + e.name); }
    await fault('/api/v1/keys', { status: 429, retry_after: 3, retry_after_ms: 150 });
    const r = await fetch(api + '/keys', { method: 'POST', headers: H, body: JSON.stringify({ name: 'x' }) });
    out.push('429: ' + r.status + ' retry-after=' + r.headers.get('retry-after') + ' ms=' + r.headers.get('retry-after-ms') + ' body=' + (await r.text()));
    const log = await (await fetch(ctl + '/log')).json();
    out.push('log: ' + JSON.stringify(log.requests.filter(e => e.method === 'POST')));
  } catch (e) { out.push('error ' + e); }
  document.body.textContent = out.join(' | ');
})();
