// `openrouter-admin export|plan|apply|drift`: the organization as a reviewed file
// (openrouter-org.jsonc), over `exportOrg`, `plan`, `apply` and `settleDrift` of
// openrouter-admin/org. Loaded by openrouter-admin.js for these commands only.
//
// Exit status:
//   export  0 written, 2 error
//   plan    0 no changes, 1 changes, 2 error (a file refused, the organization not read)
//   apply   0 everything applied, 1 stopped part way (what is left is printed), 2 nothing
//           written (a stale plan, a refused body, a usage or connection error)
//   drift   0 the file edited, 2 error (no such drift: its path is named)
//
// Secrets: the management key comes from OPENROUTER_MANAGEMENT_KEY only; the values an apply
// types in for what it creates (a BYOK credential's provider key, a destination's credentials)
// from OPENROUTER_ORG_CREDENTIALS only. The file, the plan, the
// state and the journal never hold one. The secrets of keys an apply creates are written
// once, at the very end, to stdout and nowhere else, one JSON line each; everything else an apply
// says goes to stderr, so `apply … > new-keys.jsonl` keeps them out of a CI log.
import { parseArgs } from "node:util";
import { readFileSync, writeFileSync, renameSync, appendFileSync, existsSync, statSync } from "node:fs";

export const USAGE = `usage: openrouter-admin export [--format jsonc|terraform|keymaster] [--base-url URL] [--out FILE]
       openrouter-admin plan FILE [--base-url URL] [--json] [--out PLAN.json] [--state STATE.json]
       openrouter-admin apply FILE --plan PLAN.json [--base-url URL] [--state STATE.json]
                              [--journal JOURNAL.jsonl] [--no-write-ids]
       openrouter-admin drift take|stop SECTION.ADDRESS.FIELD FILE --state STATE.json [--base-url URL]

The organization as a reviewed file, openrouter-org.jsonc (its JSON Schema:
openrouter-org.schema.json in this package), with the management key in
OPENROUTER_MANAGEMENT_KEY.

  export             write today's organization as the file, canonical (same org, same bytes)
    --format F       jsonc (default, the file), terraform (HCL for the official provider:
                     a resource and an import block per object) or keymaster (its TOML)
  plan FILE          what an apply of FILE would do, field by field; nothing is written
    --json           print the plan as JSON (plan.schema.json in this package)
    --out PLAN.json  also save the plan as JSON, for apply --plan
    --state FILE     the state the last apply wrote: fields changed by hand since are drift
  apply FILE         apply exactly the approved plan of FILE; refused, naming the object, if
    --plan PLAN.json   anything the plan read changed since
    --state FILE     read the last state, write the new one
    --journal FILE   append one JSON line per action (who, what, before, after, result)
    --no-write-ids   leave FILE alone (by default the ids of the entries the apply created
                     are written into FILE, comments kept, and apply says so)
  drift take P FILE  write the live value of the drifted field P (keys.ci.limit) into FILE
  drift stop P FILE  take the drifted field P out of FILE: it is no longer managed
    --state FILE     the state the last apply wrote (required: drift is measured from it)
  --base-url URL     the management API (default https://openrouter.ai/api/v1)

New key secrets are printed once, at the end of apply, to stdout only (one JSON line each:
address, hash, secret); the rest of what apply says goes to stderr.

A new BYOK credential (its provider key) and a destination whose type needs a credential
(apiKey, password, ...) are created with it typed in for that apply only, from
OPENROUTER_ORG_CREDENTIALS, JSON by address and property (plan says which it needs):
  OPENROUTER_ORG_CREDENTIALS='{"byok.openai": {"key": "..."}, "destinations.datadog": {"apiKey": "..."}}'
It is sent in that create only and written nowhere: not the file, the plan, the state or the
journal. A value the plan needs and was not given, or one it does not need, is refused before
any write.

Exit status: plan 0 no changes, 1 changes, 2 error; apply 0 applied, 1 stopped part way,
2 nothing written; export and drift 0, or 2 on error.`;

/** Ends with status 2 and a message on stderr. */
function fail(message, usage = false) {
  process.stderr.write(`openrouter-admin: ${message}\n${usage ? `\n${USAGE}\n` : ""}`);
  process.exit(2);
}

/** Writes `text` to stdout, then exits with `code` once it is flushed. */
async function finish(text, code) {
  await new Promise((resolve) => process.stdout.write(text, resolve));
  process.exit(code);
}

function args(command, argv) {
  const options = {
    "base-url": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  };
  if (command === "export") Object.assign(options, { out: { type: "string" }, format: { type: "string" } });
  if (command === "plan") {
    Object.assign(options, {
      json: { type: "boolean", default: false },
      out: { type: "string" },
      state: { type: "string" },
    });
  }
  if (command === "apply") {
    Object.assign(options, {
      plan: { type: "string" },
      state: { type: "string" },
      journal: { type: "string" },
      "no-write-ids": { type: "boolean", default: false },
    });
  }
  if (command === "drift") options.state = { type: "string" };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    fail(e.message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (command === "drift") {
    const [choice, path, file, ...more] = positionals;
    if (!["take", "stop"].includes(choice) || !path || !file || more.length) {
      fail("drift needs take or stop, the drifted field (section.address.field) and the file", true);
    }
    if (values.state === undefined) fail("drift needs --state STATE.json, the state the last apply wrote", true);
    return { choice, path, file, ...values };
  }
  const files = command === "export" ? 0 : 1;
  if (positionals.length !== files) {
    fail(files ? `${command} needs one file (openrouter-org.jsonc)` : "export takes no file: use --out", true);
  }
  if (command === "apply" && values.plan === undefined) {
    fail("apply needs --plan PLAN.json, the plan a reviewer approved (plan FILE --out PLAN.json)", true);
  }
  return { file: positionals[0], ...values };
}

function readText(path, what) {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    fail(`cannot read ${what} ${path}: ${e.code ?? e.message}`);
  }
}

function readJson(path, what) {
  try {
    return JSON.parse(readText(path, what));
  } catch (e) {
    fail(`${what} ${path} is not JSON: ${e.message}`);
  }
}

/**
 * The values typed in for what an apply creates (provider keys, credentials):
 * OPENROUTER_ORG_CREDENTIALS, JSON (never a file or an argument, which would be kept); what it
 * holds is never printed.
 */
function readCredentials() {
  const text = process.env.OPENROUTER_ORG_CREDENTIALS;
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: not said.
    fail('OPENROUTER_ORG_CREDENTIALS is not JSON: {"byok.<address>": {"key": "<provider key>"}, "destinations.<address>": {"<property>": "<credential>"}}');
  }
}

/** A state file, or none when it does not exist yet (the first apply writes it). */
function readState(path) {
  return path !== undefined && existsSync(path) ? readJson(path, "the state file") : undefined;
}

/** Writes a file whole or not at all; one that exists keeps its permissions. */
function writeAtomically(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  const mode = existsSync(path) ? statSync(path).mode & 0o777 : 0o600;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

/** The rejection as a message: each field's path, its rule and why. */
function explain(e, doing) {
  if (e && e.kind === "validation" && Array.isArray(e.fieldErrors) && e.fieldErrors.length) {
    const bad = e.fieldErrors.find((f) => f.field === "options.apiKey");
    if (bad) return bad.message.replace("`options.apiKey`", "OPENROUTER_MANAGEMENT_KEY");
    const format = e.fieldErrors.find((f) => f.field === "options.format");
    if (format) return `${format.message.replace("`options.format`", "--format")} (format: ${format.rule})`;
    const env = (t) => t.replaceAll("options.credentials", "OPENROUTER_ORG_CREDENTIALS");
    const lines = e.fieldErrors.map((f) => `  ${env(f.field)}: ${env(f.message)} (${f.rule})`);
    if (e.fieldErrors.some((f) => f.rule === "credentials")) {
      lines.push(`  (typed in: OPENROUTER_ORG_CREDENTIALS='{"byok.<address>": {"key": "..."}, "destinations.<address>": {"apiKey": "..."}}')`);
    }
    const stale = e.fieldErrors.some((f) => f.rule === "stale");
    const head = stale ? "the plan is stale; nothing was written" : `${doing}: refused, nothing was sent`;
    return `${head}\n${lines.join("\n")}`;
  }
  const status = e && typeof e.status === "number" ? ` (HTTP ${e.status})` : "";
  const hint =
    e && (e.status === 401 || e.status === 403)
      ? ": is OPENROUTER_MANAGEMENT_KEY a management key of this organization?"
      : "";
  return `${doing}${status}${hint}\n  ${e && e.message ? e.message : e}`;
}

const GLYPH = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  adopt: "<=",
  missing: "!",
};

/** The plan for a person: drift first, then each action with its changes, then the counts. */
export function describe(plan) {
  const lines = [];
  if (plan.drift.length) {
    lines.push("Drift: changed by hand since the last apply");
    for (const d of plan.drift) {
      lines.push(
        `  ! ${d.address}.${d.field}: applied ${JSON.stringify(d.applied)}, now ${JSON.stringify(d.live)}` +
          ` (${d.choices.join(" | ")})`,
      );
    }
    lines.push("");
  }
  const counts = {};
  for (const a of plan.resource_changes) {
    counts[a.action] = (counts[a.action] ?? 0) + 1;
    if (!Object.hasOwn(GLYPH, a.action)) continue;
    const flags = a.changes.some((c) => c.widens) ? "  [widens]" : "";
    lines.push(`${GLYPH[a.action].padStart(3)} ${a.action.padEnd(8)} ${a.address}${flags}`);
    if (a.action_reason) lines.push(`      ${a.action_reason}`);
    for (const c of a.changes) {
      lines.push(`      ${c.field}: ${c.text}${c.widens ? "  (widens)" : ""}${c.replaces ? "  (forces a new object)" : ""}`);
    }
    if (a.reach.length) lines.push(`      reaches: ${a.reach.join(", ")}`);
  }
  const needed = plan.needed ?? [];
  if (needed.length) {
    lines.push("", "Typed in at the apply (OPENROUTER_ORG_CREDENTIALS, by address and property; never in a file):");
    for (const { address, properties } of needed) lines.push(`  ${address}: ${properties.join(", ")}`);
    const shape = Object.fromEntries(needed.map(({ address, properties }) =>
      [address, Object.fromEntries(properties.map((p) => [p, "..."]))]));
    lines.push(`  OPENROUTER_ORG_CREDENTIALS='${JSON.stringify(shape)}'`);
  }
  const n = (word) => counts[word] ?? 0;
  lines.push(
    `${lines.length ? "\n" : ""}Plan: ${n("create")} to create, ${n("update")} to update, ${n("replace")} to replace, ` +
      `${n("delete")} to delete, ${n("adopt")} to adopt; ${n("missing")} missing, ` +
      `${n("unmanaged")} unmanaged left alone, ${n("no_op")} unchanged.` +
      (plan.applyable ? "" : " No changes."),
  );
  return `${lines.join("\n")}\n`;
}

/** Runs `export`, `plan` or `apply` with the rest of the command line; never returns. */
export async function main(command, argv) {
  const a = args(command, argv);
  const apiKey = process.env.OPENROUTER_MANAGEMENT_KEY;
  if (!apiKey || !apiKey.trim()) {
    fail("set OPENROUTER_MANAGEMENT_KEY to a management key (https://openrouter.ai/settings/management-keys)");
  }
  let org;
  try {
    org = await import("../org-node.js");
  } catch (e) {
    fail(`the org module did not load: ${e.message}`);
  }
  const connection = { apiKey, baseUrl: a["base-url"] };

  if (command === "export") {
    let text;
    try {
      text = await org.exportOrg({ ...connection, format: a.format });
    } catch (e) {
      fail(explain(e, "could not read the organization"));
    }
    if (a.out !== undefined) {
      writeAtomically(a.out, text);
      return finish("", 0);
    }
    return finish(text, 0);
  }

  const file = readText(a.file, "the file");
  if (command === "drift") {
    let edited;
    try {
      edited = await org.settleDrift({ ...connection, file, state: readState(a.state), drift: a.path, choice: a.choice });
    } catch (e) {
      fail(explain(e, `could not settle ${a.path}`));
    }
    writeAtomically(a.file, edited);
    const what = a.choice === "take" ? "took the live value of" : "stopped managing";
    process.stderr.write(`${what} ${a.path}: ${a.file} edited (the next plan has nothing to do for it)\n`);
    return finish("", 0);
  }
  if (command === "plan") {
    let plan;
    try {
      plan = await org.plan({ ...connection, file, state: readState(a.state) });
    } catch (e) {
      fail(explain(e, `could not plan ${a.file}`));
    }
    const json = `${JSON.stringify(plan, null, 2)}\n`;
    if (a.out !== undefined) writeAtomically(a.out, json);
    return finish(a.json ? json : describe(plan), plan.applyable ? 1 : 0);
  }

  const approved = readJson(a.plan, "the plan");
  const previous = readState(a.state);
  const credentials = readCredentials();
  let result;
  try {
    result = await org.apply({ ...connection, file, plan: approved, state: previous, credentials });
  } catch (e) {
    fail(explain(e, `could not apply ${a.plan}`));
  }
  if (a.journal !== undefined) {
    const lines = result.journal.map((entry) => `${JSON.stringify(entry)}\n`).join("");
    appendFileSync(a.journal, lines, { mode: 0o600 });
  }
  if (a.state !== undefined && result.state) {
    writeAtomically(a.state, `${JSON.stringify(result.state, null, 2)}\n`);
  }
  const said = result.journal.map((j) => `${j.result.startsWith("ok") ? "done" : "FAILED"}  ${j.action.padEnd(8)} ${j.address}: ${j.result}`);
  said.push(`${result.writes} write${result.writes === 1 ? "" : "s"} sent.`);
  const bound = Object.entries(result.bound);
  const writeIds = !a["no-write-ids"] && result.file !== null && bound.length > 0;
  for (const [address, id] of bound) {
    const member = `"${address.startsWith("keys.") ? "hash" : "id"}": "${id}"`;
    said.push(`${address} is now ${id}: ${writeIds ? `${member} written into its entry` : `write ${member} into its entry`}.`);
  }
  if (writeIds) {
    writeAtomically(a.file, result.file);
    said.push(`${a.file}: the id${bound.length === 1 ? "" : "s"} of ${bound.length} entr${bound.length === 1 ? "y" : "ies"} written in (comments kept; --no-write-ids leaves the file alone).`);
  }
  if (result.stopped) {
    said.push(`Stopped at ${result.stopped.address}: ${result.stopped.error.message}`);
    if (result.remaining) said.push("What is left:", describe(result.remaining));
  }
  process.stderr.write(`${said.join("\n")}\n`);
  const secrets = result.secrets.map((s) => `${JSON.stringify(s)}\n`).join("");
  if (secrets) {
    process.stderr.write(
      `${result.secrets.length} new key secret${result.secrets.length === 1 ? "" : "s"} on stdout, shown this once: store them now.\n`,
    );
  }
  return finish(secrets, result.stopped ? 1 : 0);
}
