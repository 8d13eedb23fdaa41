// `cargo xtask bench`'s findings figures: readFindings (the npm package's findings module, as
// `openrouter-admin check` runs it) against a sandbox, timed in Node, and the requests it made,
// counted from the sandbox's own request log. Printed, never asserted.
//
//   node findings.mjs <path to findings-node.js> <label>
//   env: SANDBOX_URL, SANDBOX_API, SANDBOX_MANAGEMENT_KEY (a sandbox with --control)
import { performance } from "node:perf_hooks";

const [entry, label] = process.argv.slice(2);
const { readFindings } = await import(entry);
const { SANDBOX_URL: origin, SANDBOX_API: baseUrl, SANDBOX_MANAGEMENT_KEY: apiKey } = process.env;

const logged = async () => (await (await fetch(`${origin}/__sandbox/log`)).json()).requests.length;

const RUNS = 3;
const times = [];
let report;
let requests = 0;
for (let i = 0; i < RUNS; i++) {
  const before = await logged();
  const start = performance.now();
  report = await readFindings({ apiKey, baseUrl });
  times.push(performance.now() - start);
  requests = (await logged()) - before;
}
times.sort((a, b) => a - b);
const o = report.organization;
const c = report.counts;
console.log(
  `findings, ${label}: ${times[1].toFixed(0)} ms median of ${RUNS} (min ${times[0].toFixed(0)}, max ${times[2].toFixed(0)}); ` +
    `${requests} requests; ${o.workspaces} workspaces, ${o.keys} keys; ` +
    `${c.critical} critical, ${c.warning} warning, ${c.info} info`,
);
