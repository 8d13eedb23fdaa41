// The JavaScript half of the bindings, one module (one file to fetch, one gzip stream):
// argument copying (`convert.rs`) and the async-iterator paginators (`paginator.rs`).

// Every JavaScript argument that is not a primitive is copied here, in JavaScript, before the
// wasm reads it: a getter that throws, a revoked `Proxy` or a `length` that throws then throws
// inside this `try`, never through wasm frames (which would leak wasm stack until the instance
// dies). The copy holds own enumerable properties only, in objects without a prototype, so a
// polluted `Object.prototype` cannot add an option or a body field; an `AbortSignal` becomes
// one of the platform's own that follows it.
let at;
function copy(v, path, depth) {
  at = path;
  if (typeof v === "string" && v.length > 1048576) throw 0;
  if (typeof v !== "object" || v === null) return v;
  if (depth > 64) throw 0;
  if (v instanceof AbortSignal) {
    // A platform signal that follows `v` (a Proxy of a signal is read here, not in the wasm);
    // `any` holds it weakly, so a long-lived signal reused for many calls does not grow.
    return AbortSignal.any ? AbortSignal.any([v]) : (v.aborted, v);
  }
  if (Array.isArray(v)) {
    const n = v.length;
    if (!(n <= 1048576)) throw 0;
    const out = [];
    for (let i = 0; i < n; i++) {
      at = `${path}[${i}]`;
      out.push(copy(v[i], at, depth + 1));
    }
    return out;
  }
  const out = Object.create(null);
  for (const k of Object.keys(v)) {
    at = `${path}.${k}`;
    out[k] = copy(v[k], at, depth + 1);
  }
  return out;
}
export function own(v, name) {
  try {
    return [copy(v, name, 0)];
  } catch {
    return at;
  }
}
export function isError(v) {
  try {
    return v instanceof Error && v.name === "OpenRouterError";
  } catch {
    return false;
  }
}

// The async-iterator protocol needs `[Symbol.asyncIterator]` and an async generator, which
// wasm-bindgen cannot export; these few lines of JavaScript adapt the core's page stream
// (driven from Rust by `walk`, one page per pull, so nothing is fetched ahead) to
// `for await`. The paging itself (offsets, stop rules, the loop guard) stays in the core.
async function* pull(walk) {
  let handoff, resume = null;
  let next = new Promise((r) => (handoff = r));
  const sink = (page) => new Promise((r) => {
    resume = r;
    const h = handoff;
    next = new Promise((r2) => (handoff = r2));
    h({ page });
  });
  walk(sink).then(() => handoff({ end: true }), (error) => handoff({ error, failed: true }));
  try {
    for (;;) {
      const got = await next;
      if (got.failed) throw got.error;
      if (got.end) return;
      yield got.page;
      const r = resume;
      resume = null;
      r(true);
    }
  } finally {
    if (resume) resume(false);
  }
}
// A paginator whose first pull (and `collectAll`) rejects with `error`: a bad argument of a
// paginator method, which never throws.
export function failed(error) {
  return paginator(() => Promise.reject(error), null, 0);
}
export function paginator(walk, pageAt, offset) {
  return iterable(walk, { pageAt, offset });
}
// A paginator of `WorkspaceSettings`, made before its chunk is loaded: `ready` resolves to
// what `paginator` takes (as `[walk, pageAt, offset]`) once it is, or rejects (a chunk that did
// not load, a bad argument), which the first pull sees.
export function later(ready) {
  ready.catch(() => {});
  const at = { pageAt: null, offset: 0 };
  const walk = (sink) => ready.then(([w, pageAt, offset]) => {
    Object.assign(at, { pageAt, offset });
    return w(sink);
  });
  return iterable(walk, at);
}
// `pageAt` and `offset` are read from `at` once the first page is in.
function iterable(walk, at) {
  let used = false;
  const start = () => {
    if (used) throw new TypeError("this paginator was already iterated; call the list method again");
    used = true;
    return pull(walk);
  };
  return {
    pages() {
      return { [Symbol.asyncIterator]: start };
    },
    async *[Symbol.asyncIterator]() {
      for await (const page of { [Symbol.asyncIterator]: start }) yield* page.data;
    },
    // Every item, in order. When the first page gives a total_count (and the list takes an
    // offset), the other pages are fetched `concurrency` at a time; otherwise page by page.
    async collectAll({ concurrency = 4 } = {}) {
      const width = Math.min(Math.max(Math.floor(Number(concurrency)) || 1, 1), 16);
      const out = [];
      let offsets = null;
      for await (const page of { [Symbol.asyncIterator]: start }) {
        out.push(...page.data);
        if (offsets) continue;
        offsets = [];
        const n = page.data.length, total = page.total_count;
        if (!at.pageAt || typeof total !== "number" || n === 0) continue;
        for (let o = at.offset + n; o < total && offsets.length < 1000; o += n) offsets.push(o);
        // Past 1,000 pages at once, the core's walk reads the rest one after another (its
        // guard: a repeated page or time spent, not a count).
        if (offsets.length < 1000) break;
        offsets = [];
      }
      const pages = new Array(offsets.length);
      let next = 0, failed = false;
      const worker = async () => {
        while (!failed && next < offsets.length) {
          const i = next++;
          try {
            pages[i] = await at.pageAt(offsets[i]);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(width, offsets.length) }, worker));
      for (const page of pages) out.push(...page.data);
      return out;
    },
  };
}
