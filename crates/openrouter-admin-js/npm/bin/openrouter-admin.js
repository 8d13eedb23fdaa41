#!/usr/bin/env node
// `openrouter-admin check`: the organization's findings, for a person (a table) or a machine
// (`--json`), with an exit code a cron job or a CI step can act on.
//
//   0  no finding at or above --fail-on
//   1  at least one finding at or above --fail-on
//   2  a usage error, or the organization could not be read (network, a refused key)
//
// `export`, `plan`, `apply` and `drift` (the organization as a reviewed file) are in org.js.
//
// The management key comes from OPENROUTER_MANAGEMENT_KEY only (never an argument, which
// would land in shell history and `ps`), and is never printed.
import { parseArgs } from "node:util";

const USAGE = `usage: openrouter-admin check [--base-url URL] [--fail-on info|warning|critical] [--json]
                             [--concurrency N]

Reads the organization with the management key in OPENROUTER_MANAGEMENT_KEY and lists what
needs attention: keys expiring or expired, without a limit or an expiry, near or heading past
their limit, idle, created by someone who left, long disabled; workspace budgets near their
limit; the credit runway.

  --base-url URL     the management API (default https://openrouter.ai/api/v1)
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL (default critical)
  --json             print the report as JSON (findings.schema.json in this package)
  --concurrency N    reads at once (default 4)

Exit status: 0 none at or above --fail-on, 1 some, 2 usage or connection error.

The organization as a reviewed file: openrouter-admin export|plan|apply|drift --help`;

// Without a prototype, and asked with `Object.hasOwn`: `--fail-on toString` (or `__proto__`,
// `constructor`, `valueOf`) must be a usage error, not a level no finding ever reaches.
const RANK = Object.freeze(Object.assign(Object.create(null), { info: 0, warning: 1, critical: 2 }));

/** Ends with status 2 and a message on stderr. */
function fail(message, usage = false) {
  process.stderr.write(`openrouter-admin: ${message}\n${usage ? `\n${USAGE}\n` : ""}`);
  process.exit(2);
}

// `export`, `plan`, `apply` and `drift`: their own module, which exits when done.
const ORG = ["export", "plan", "apply", "drift"];
if (ORG.includes(process.argv[2])) {
  const { main } = await import("./org.js");
  await main(process.argv[2], process.argv.slice(3));
}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "base-url": { type: "string" },
        "fail-on": { type: "string", default: "critical" },
        json: { type: "boolean", default: false },
        concurrency: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    fail(e.message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length !== 1 || positionals[0] !== "check") {
    fail(
      positionals.length === 0 ? "which command? (check, export, plan, apply, drift)" : `unknown command: ${positionals.join(" ")}`,
      true,
    );
  }
  if (!Object.hasOwn(RANK, values["fail-on"])) {
    fail(`--fail-on must be info, warning or critical, not ${JSON.stringify(values["fail-on"])}`, true);
  }
  let concurrency;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      fail("--concurrency must be a whole number from 1 to 64", true);
    }
  }
  return { baseUrl: values["base-url"], failOn: values["fail-on"], json: values.json, concurrency };
}

/** The report as a table for a terminal. */
function table(report) {
  const lines = [];
  const width = Math.max(8, ...report.findings.map((f) => f.kind.length));
  for (const f of report.findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)}  ${f.kind.padEnd(width)}  ${f.why}`);
  }
  const c = report.counts;
  const o = report.organization;
  const runway =
    report.runway && report.runway.days !== null
      ? `; credit runway ${Math.floor(report.runway.days)} days at $${report.runway.daily_usd.toFixed(2)}/day`
      : "";
  const n = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
  lines.push(
    `${lines.length ? "\n" : ""}${c.critical} critical, ${c.warning} warning, ${c.info} info` +
      ` in ${n(o.workspaces, "workspace")}, ${n(o.keys, "key")}, ${n(o.members, "member")}${runway}`,
  );
  return lines.join("\n") + "\n";
}

const args = parse(process.argv.slice(2));
const apiKey = process.env.OPENROUTER_MANAGEMENT_KEY;
if (!apiKey || !apiKey.trim()) {
  fail("set OPENROUTER_MANAGEMENT_KEY to a management key (https://openrouter.ai/settings/management-keys)");
}

let readFindings;
try {
  ({ readFindings } = await import("../findings-node.js"));
} catch (e) {
  fail(`the findings module did not load: ${e.message}`);
}

let report;
try {
  report = await readFindings({ apiKey, baseUrl: args.baseUrl, concurrency: args.concurrency });
} catch (e) {
  // A key that cannot be an HTTP header value (a pasted line break, `…`): the core's words
  // (the character's position and code point, never the key), naming the variable.
  const bad = e && e.kind === "validation" && e.fieldErrors?.find((f) => f.field === "options.apiKey");
  if (bad) fail(bad.message.replace("`options.apiKey`", "OPENROUTER_MANAGEMENT_KEY"));
  const status = e && typeof e.status === "number" ? ` (HTTP ${e.status})` : "";
  const hint =
    e && (e.status === 401 || e.status === 403)
      ? ": is OPENROUTER_MANAGEMENT_KEY a management key of this organization?"
      : "";
  fail(`could not read the organization${status}${hint}\n  ${e && e.message ? e.message : e}`);
}

const failing = report.findings.some((f) => RANK[f.severity] >= RANK[args.failOn]);
// Exit once the output is flushed (a pipe may be asynchronous), without waiting for idle
// keep-alive connections to time out.
const text = args.json ? `${JSON.stringify(report, null, 2)}\n` : table(report);
process.stdout.write(text, () => process.exit(failing ? 1 : 0));
