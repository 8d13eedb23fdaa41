// The organization as a reviewed file from the packed tarball: `exportOrg`, `plan`, `apply` of
// openrouter-admin/org and `openrouter-admin export|plan|apply`, against a demo sandbox of
// this file's own. The round trip writes nothing; exit codes 0/1/2 and the plan's JSON against
// the package's schema; a bad file refused with its path and rule before any request; a stale
// plan refused naming its object; a create whose answer is lost made once, and the journal says
// so; no secret in the file, the plan, the state, the journal or what the CLI prints but the
// new key's secret, once, on stdout.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { exportOrg, plan, apply, settleDrift } from "openrouter-admin/org";
import * as findings from "openrouter-admin/findings";
import { ORG_KEY, demoOrg, folder, rejection, validatePlan, validateFile } from "../org-sandbox.mjs";

const { sb, c, conn, run } = await demoOrg();
beforeEach(() => c.reset());

/** The exported file as JSON, changed by `edit`, as text. */
async function edited(edit) {
  const file = JSON.parse(await exportOrg(conn));
  edit(file);
  return JSON.stringify(file, null, 2);
}

/** A fresh folder holding `org.jsonc`, the export changed by `edit`; its path. */
async function reviewing(edit) {
  const dir = folder();
  writeFileSync(join(dir, "org.jsonc"), await edited(edit));
  return dir;
}

/** `plan org.jsonc --out plan.json` in `dir` (and `more`), which must find changes (exit 1). */
async function planned(dir, more = []) {
  const r = await run(dir, ["plan", "org.jsonc", "--out", "plan.json", ...more]);
  assert.equal(r.code, 1, r.stderr);
  return r;
}

/** The text of `name` in `dir`. */
const read = (dir, name) => readFileSync(join(dir, name), "utf8");

/** JSON Lines as values. */
const jsonLines = (text) => text.trim().split("\n").map((l) => JSON.parse(l));

/** The export's first workspace with a daily budget, and its address. */
function budgeted(file) {
  const [address, ws] = Object.entries(file.workspaces).find(([, w]) => typeof w.budgets?.daily === "number");
  return { address, ws };
}

/** Nothing in these texts holds the management key or any `sk-or-v1-` secret. */
function noSecret(texts, also = []) {
  for (const [name, text] of Object.entries(texts)) {
    assert.ok(!text.includes(ORG_KEY), `the management key is in ${name}`);
    assert.ok(!/sk-or-v1-[0-9a-f]{8}/.test(text), `a key secret is in ${name}`);
    for (const secret of also) assert.ok(!text.includes(secret), `a new key's secret is in ${name}`);
  }
}

test("the organization file is its own entry: openrouter-admin/findings stays without it", () => {
  for (const name of ["exportOrg", "plan", "apply", "settleDrift"]) assert.ok(!(name in findings), `${name} in openrouter-admin/findings`);
  assert.equal(typeof findings.readFindings, "function");
});

test("round trip on the demo org: the export plans empty, its apply sends no write, two exports are the same bytes", async () => {
  const text = await exportOrg(conn);
  assert.equal(await exportOrg(conn), text, "two exports of an unchanged organization differ");
  assert.ok(validateFile(JSON.parse(text)), JSON.stringify(validateFile.errors));
  const file = JSON.parse(text);
  for (const section of ["workspaces", "keys", "guardrails"]) {
    assert.ok(Object.keys(file[section]).length > 0, `the demo's ${section} are not in the export`);
  }
  const p = await plan({ ...conn, file: text });
  assert.ok(validatePlan(p), JSON.stringify(validatePlan.errors));
  assert.equal(p.applyable, false);
  assert.deepEqual(
    p.resource_changes.filter((a) => a.action !== "no_op"),
    [],
    "every live object is in the export, unchanged",
  );
  const mark = (await c.log()).length;
  const done = await apply({ ...conn, file: text, plan: p });
  assert.equal(done.writes, 0);
  assert.equal(done.file, text, "nothing was bound, so the file comes back as it was");
  assert.deepEqual(await c.writesSince(mark), [], "the apply of an unchanged export sent a write");
  assert.equal(done.remaining.applyable, false);
  assert.equal(await exportOrg(conn), text, "the export changed after an apply that wrote nothing");

  // The same through the CLI: export twice (byte-identical), plan (exit 0), apply (no write).
  const dir = folder();
  const first = await run(dir, ["export"]);
  const second = await run(dir, ["export", "--out", "org.jsonc"]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(first.stdout, text);
  assert.equal(read(dir, "org.jsonc"), text);
  const unchanged = await run(dir, ["plan", "org.jsonc", "--out", "plan.json"]);
  assert.equal(unchanged.code, 0, unchanged.stderr);
  assert.match(unchanged.stdout, /No changes\./);
  const mark2 = (await c.log()).length;
  const applied = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--journal", "j.jsonl", "--state", "s.json"]);
  assert.equal(applied.code, 0, applied.stderr);
  assert.equal(applied.stdout, "", "no secret to print");
  assert.match(applied.stderr, /^0 writes sent\.$/m);
  assert.deepEqual(await c.writesSince(mark2), []);
  assert.equal(read(dir, "j.jsonl"), "", "a journal line for an action that did nothing");
  const state = JSON.parse(read(dir, "s.json"));
  assert.equal(Object.keys(state.objects).length, Object.values(file).filter((s) => typeof s === "object").reduce((n, s) => n + Object.keys(s).length, 0));
});

test("plan exits 0 without changes, 1 with, 2 on error; --json validates against plan.schema.json", async () => {
  const dir = folder();
  writeFileSync(join(dir, "same.jsonc"), await exportOrg(conn));
  let lowered;
  const changed = await edited((file) => {
    const { ws } = budgeted(file);
    lowered = ws.budgets.daily;
    ws.budgets.daily = lowered - 5;
  });
  writeFileSync(join(dir, "changed.jsonc"), `// a budget lowered, under review\n${changed.replace(/\n}$/, ",\n}")}\n`);
  writeFileSync(join(dir, "bad.jsonc"), '{"version": 1, "keys": {"k": {"limit": "ten"}}}');

  const same = await run(dir, ["plan", "same.jsonc", "--json"]);
  assert.equal(same.code, 0, same.stderr);
  const p0 = JSON.parse(same.stdout);
  assert.ok(validatePlan(p0), JSON.stringify(validatePlan.errors));
  assert.equal(p0.applyable, false);

  const more = await run(dir, ["plan", "changed.jsonc", "--json"]);
  assert.equal(more.code, 1, more.stderr);
  const p1 = JSON.parse(more.stdout);
  assert.ok(validatePlan(p1), JSON.stringify(validatePlan.errors));
  assert.equal(p1.applyable, true);
  const updates = p1.resource_changes.filter((a) => a.action !== "no_op");
  assert.equal(updates.length, 1, JSON.stringify(updates));
  assert.deepEqual(updates[0].actions, ["update"]);
  assert.equal(updates[0].changes[0].field, "budgets.daily");
  assert.equal(updates[0].changes[0].text, `$${lowered.toFixed(2)} → $${(lowered - 5).toFixed(2)} (-$5.00)`);
  assert.equal(updates[0].changes[0].widens, false);
  assert.match(p1.file_digest, /^sha256:[0-9a-f]{64}$/);
  assert.ok(Object.keys(p1.read).length > 10, "the digests of the live objects read");
  const human = await run(dir, ["plan", "changed.jsonc"]);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /~ update\s+workspaces\.\S+\n\s+budgets\.daily: \$/);
  assert.match(human.stdout, /Plan: 0 to create, 1 to update, 0 to replace, 0 to delete/);

  for (const [args, key, said] of [
    [["plan", "bad.jsonc"], ORG_KEY, /keys\.k\.limit: .* \(type\)/],
    [["plan", "missing.jsonc"], ORG_KEY, /cannot read the file missing\.jsonc/],
    [["plan"], ORG_KEY, /plan needs one file/],
    [["plan", "same.jsonc"], null, /set OPENROUTER_MANAGEMENT_KEY/],
    [["plan", "same.jsonc"], "sk-or-v1-wrong", /HTTP 401.*management key of this organization/],
    [["apply", "same.jsonc"], ORG_KEY, /apply needs --plan/],
    [["apply", "same.jsonc", "--plan", "same.jsonc"], ORG_KEY, /options\.plan/],
    [["export", "extra"], ORG_KEY, /export takes no file/],
    [["plan", "same.jsonc", "--frobnicate"], ORG_KEY, /Unknown option '--frobnicate'/],
  ]) {
    const r = await run(dir, args, { key });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, said, args.join(" "));
    noSecret({ stdout: r.stdout, stderr: r.stderr });
  }
  const help = await run(dir, ["plan", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /plan 0 no changes, 1 changes, 2 error/);
});

test("a file with an unknown field, a wrong type, [] the API refuses or an address given twice: refused with the path and the rule, nothing sent", async () => {
  const dir = folder();
  const bad = [
    ['{"version": 1, "workspaces": {"production": {"name": "P", "colour": "red"}}}', "workspaces.production.colour", "unknown_field"],
    ['{"version": 1, "keys": {"ci": {"name": "CI", "limit": "ten"}}}', "keys.ci.limit", "type"],
    ['{"version": 1, "guardrails": {"eu": {"name": "EU", "allowed_data_regions": []}}}', "guardrails.eu.allowed_data_regions", "min_items"],
    ['{"version": 1, "workspaces": {"a": {"name": "A"}, "a": {"name": "B"}}}', "workspaces.a", "duplicate_key"],
    ['{"version": 1, "workspaces": {"a": {"name": "A", "budgets": {"hourly": 5}}}}', "workspaces.a.budgets.hourly", "unknown_field"],
    ['{"version": 2}', "version", "supported"],
    ['{"version": 1, "keys": {"ci": {"name": "CI",}}, /* unterminated', "", "syntax"],
  ];
  const mark = (await c.log()).length;
  for (const [text, path, rule] of bad) {
    const e = await rejection(plan({ ...conn, file: text }));
    assert.equal(e.name, "OpenRouterError");
    assert.equal(e.kind, "validation", e.message);
    const found = e.fieldErrors.find((f) => f.field.startsWith(path) && f.rule === rule);
    assert.ok(found, `${path} (${rule}) not in ${JSON.stringify(e.fieldErrors)}`);
    const refused = await rejection(apply({ ...conn, file: text, plan: { file_digest: "x", read: {}, resource_changes: [] } }));
    assert.ok(refused.fieldErrors.some((f) => f.field === found.field && f.rule === rule), JSON.stringify(refused.fieldErrors));
    writeFileSync(join(dir, "bad.jsonc"), text);
    const r = await run(dir, ["plan", "bad.jsonc", "--json"]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.ok(r.stderr.includes(`${found.field}: `) && r.stderr.includes(`(${rule})`), r.stderr);
    assert.match(r.stderr, /refused, nothing was sent/);
  }
  assert.deepEqual((await c.log()).slice(mark), [], "a refused file sent a request");
});

test("exportOrg, plan and apply read their options without trusting them", async () => {
  const text = await exportOrg(conn);
  const fails = async (promise, field) => {
    const e = await rejection(promise);
    assert.equal(e.kind, "validation", e.message);
    assert.ok(e.fieldErrors.some((f) => f.field === field), `${field} not in ${JSON.stringify(e.fieldErrors)}`);
  };
  await fails(exportOrg(undefined), "options");
  await fails(exportOrg({}), "options.apiKey");
  await fails(plan({ ...conn }), "options.file");
  await fails(plan({ ...conn, file: 42 }), "options.file");
  await fails(plan({ ...conn, file: text, state: { objects: 1 } }), "options.state");
  await fails(plan({ ...conn, file: text, state: "{" }), "options.state");
  await fails(apply({ ...conn, file: text }), "options.plan");
  await fails(apply({ ...conn, file: text, plan: { read: {} } }), "options.plan");
  const cyclic = { file_digest: "x", read: {}, resource_changes: [] };
  cyclic.self = cyclic;
  await fails(apply({ ...conn, file: text, plan: cyclic }), "options.plan");
  const throwing = Object.defineProperty({ ...conn }, "file", {
    get() {
      throw new Error("no");
    },
  });
  await fails(plan(throwing), "options.file");
  await fails(plan(new Proxy({ ...conn, file: text }, { getOwnPropertyDescriptor() { throw new Error("trap"); } })), "options.apiKey");
  const planThrows = { file_digest: "x", read: {}, resource_changes: [], get boom() { throw new Error("no"); } };
  await fails(apply({ ...conn, file: text, plan: planThrows }), "options.plan");

  // A polluted Object.prototype adds no option: no state (so no drift), no base URL.
  const proto = Object.prototype;
  try {
    proto.state = { version: 1, objects: { "workspaces.production": { id: "x", fields: { name: "Elsewhere" } } } };
    proto.baseUrl = "http://127.0.0.1:9/steal";
    proto.file = "{}";
    const p = await plan({ apiKey: ORG_KEY, baseUrl: sb.api, file: text });
    assert.deepEqual(p.drift, []);
    // readFindings reads its options the same way now: an inherited onProgress is not called.
    let called = 0;
    proto.onProgress = () => called++;
    await findings.readFindings({ apiKey: ORG_KEY, baseUrl: sb.api });
    assert.equal(called, 0, "readFindings called an inherited onProgress");
    await fails(plan({ apiKey: ORG_KEY, baseUrl: sb.api }), "options.file");
  } finally {
    delete proto.state;
    delete proto.baseUrl;
    delete proto.file;
    delete proto.onProgress;
  }
});

test("a plan applied after someone changed one of its objects is refused, names it, and writes nothing", async () => {
  let address;
  let hash;
  const dir = await reviewing((file) => {
    budgeted(file).ws.budgets.daily -= 1;
    [address, { hash }] = Object.entries(file.keys)[0];
  });
  await planned(dir);
  // Someone renames a key by hand between the review and the apply.
  const patched = await c.call("PATCH", `/keys/${hash}`, { name: "Renamed by hand" });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const mark = (await c.log()).length;
  const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--journal", "j.jsonl"]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /the plan is stale; nothing was written/);
  assert.ok(r.stderr.includes(`keys.${address}: openrouter_api_key.${hash} changed since the plan was made`), r.stderr);
  assert.deepEqual(await c.writesSince(mark), []);
  assert.ok(!existsSync(join(dir, "j.jsonl")), "a journal for an apply that did nothing");

  // The library says the same, and a plan of another file is refused too.
  const approved = JSON.parse(read(dir, "plan.json"));
  const e = await rejection(apply({ ...conn, file: read(dir, "org.jsonc"), plan: approved }));
  assert.deepEqual(e.fieldErrors.map((f) => [f.field, f.rule]), [[`keys.${address}`, "stale"]]);
  const other = await rejection(apply({ ...conn, file: '{"version": 1}', plan: approved }));
  assert.deepEqual(other.fieldErrors.map((f) => [f.field, f.rule]), [["file_digest", "stale"]]);
  assert.deepEqual(await c.writesSince(mark), []);
});

test("a create whose answer is lost mid-apply ends with exactly one key, and the journal says so", async () => {
  const name = `lost-${Date.now()}`;
  let workspace;
  const dir = await reviewing((file) => {
    const { address, ws } = budgeted(file);
    workspace = ws.id;
    file.keys["lost-one"] = { name, workspace: address, limit: 7 };
  });
  const text = `// reviewed by the platform team\n${read(dir, "org.jsonc")}`;
  writeFileSync(join(dir, "org.jsonc"), text);
  const first = await planned(dir, ["--state", "s.json"]);
  assert.match(first.stdout, /\+ create\s+keys\.lost-one/);
  await c.fault("POST", "/api/v1/keys", { commit_then_drop: true });
  const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--journal", "j.jsonl", "--state", "s.json"]);
  assert.equal(r.code, 0, r.stderr);
  const keys = (await c.call("GET", `/keys?workspace_id=${workspace}&limit=100`)).body.data.filter((k) => k.name === name);
  assert.equal(keys.length, 1, "the lost create was sent again, or not made");
  const journal = jsonLines(read(dir, "j.jsonl"));
  const line = journal.find((j) => j.address === "keys.lost-one");
  assert.equal(line.action, "create");
  assert.equal(line.id, keys[0].hash);
  assert.match(line.result, /^ok: the answer was lost; the key was found, made once/);
  assert.ok(line.who.length > 0 && line.at.endsWith("Z"));
  assert.equal(r.stdout, "", "a secret printed that the lost answer never gave");
  assert.match(r.stderr, /the answer was lost; the key was found, made once/);
  const state = read(dir, "s.json");
  assert.equal(JSON.parse(state).objects["keys.lost-one"].id, keys[0].hash);
  // The key it found is written into its entry, the rest of the file (its comment) as it was.
  const bound = read(dir, "org.jsonc");
  assert.match(r.stderr, new RegExp(`keys\\.lost-one is now ${keys[0].hash}: "hash": "${keys[0].hash}" written into its entry`));
  assert.match(r.stderr, /org\.jsonc: the id of 1 entry written in \(comments kept; --no-write-ids leaves the file alone\)/);
  assert.ok(bound.startsWith("// reviewed by the platform team\n"), bound.slice(0, 80));
  assert.equal(JSON.parse(bound.replace(/^\/\/.*\n/, "")).keys["lost-one"].hash, keys[0].hash);
  assert.equal(bound.replace(`\n      "hash": "${keys[0].hash}",`, ""), text, "the write-back changed more than the one member");
  // Planned again: the entry is bound to the key it made, nothing to do.
  const again = await run(dir, ["plan", "org.jsonc", "--state", "s.json", "--json"]);
  assert.equal(again.code, 0, again.stdout);
  noSecret({ file: text, plan: read(dir, "plan.json"), state, journal: JSON.stringify(journal), stderr: r.stderr });
});

test("a created key's secret is printed once, on stdout, and is in no file, plan, state or journal", async () => {
  const dir = await reviewing((file) => {
    file.keys.fresh = { name: `fresh-${Date.now()}`, workspace: budgeted(file).address, limit: 3 };
  });
  await planned(dir);
  const reviewed = read(dir, "org.jsonc");
  const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--journal", "j.jsonl", "--state", "s.json", "--no-write-ids"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(read(dir, "org.jsonc"), reviewed, "--no-write-ids, yet the file changed");
  assert.match(r.stderr, /keys\.fresh is now [0-9a-f]+: write "hash": "[0-9a-f]+" into its entry\./);
  const printed = jsonLines(r.stdout);
  assert.equal(printed.length, 1, r.stdout);
  assert.equal(printed[0].address, "keys.fresh");
  assert.match(printed[0].secret, /^sk-or-v1-[0-9a-f]{64}$/);
  assert.match(r.stderr, /1 new key secret on stdout, shown this once/);
  // The secret works: it is the key's own.
  const me = await fetch(`${sb.api}/key`, { headers: { authorization: `Bearer ${printed[0].secret}` } });
  assert.equal(me.status, 200);
  const files = Object.fromEntries(["org.jsonc", "plan.json", "s.json", "j.jsonl"].map((f) => [f, read(dir, f)]));
  noSecret({ ...files, stderr: r.stderr }, [printed[0].secret]);
  // Applying the same plan again is refused: the organization changed since (the new key).
  const twice = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json"]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /keys\.fresh: openrouter_api_key\.\S+ appeared since the plan was made/);
});

test("the state apply writes makes a field changed by hand since show as drift, first, with its three choices", async () => {
  let address;
  let hash;
  const dir = await reviewing((file) => {
    budgeted(file).ws.budgets.daily -= 2;
    [address, { hash }] = Object.entries(file.keys).find(([, k]) => typeof k.limit === "number");
  });
  await planned(dir);
  const applied = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--state", "s.json"]);
  assert.equal(applied.code, 0, applied.stderr);
  const state = JSON.parse(read(dir, "s.json"));
  const was = state.objects[`keys.${address}`].fields.limit;
  assert.equal(typeof was, "number");
  // Someone raises the key's limit by hand.
  assert.equal((await c.call("PATCH", `/keys/${hash}`, { limit: was + 100 })).status, 200);
  const r = await run(dir, ["plan", "org.jsonc", "--state", "s.json", "--json"]);
  assert.equal(r.code, 1, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.ok(validatePlan(p), JSON.stringify(validatePlan.errors));
  assert.deepEqual(p.drift, [
    {
      address: `keys.${address}`,
      field: "limit",
      applied: was,
      live: was + 100,
      choices: ["overwrite live", "take into the file", "stop managing"],
    },
  ]);
  const human = await run(dir, ["plan", "org.jsonc", "--state", "s.json"]);
  assert.match(human.stdout, new RegExp(`^Drift: changed by hand since the last apply\\n  ! keys\\.${address}\\.limit: applied ${was}, now ${was + 100}`));
  // Without the state there is no drift, only the update back to the file.
  const bare = JSON.parse((await run(dir, ["plan", "org.jsonc", "--json"])).stdout);
  assert.deepEqual(bare.drift, []);
  assert.equal(bare.resource_changes.find((a) => a.address === `keys.${address}`).action, "update");

  // "take into the file": the live limit is written into the entry; the file plans empty.
  const path = `keys.${address}.limit`;
  const before = read(dir, "org.jsonc");
  const mark = (await c.log()).length;
  const took = await run(dir, ["drift", "take", path, "org.jsonc", "--state", "s.json"]);
  assert.equal(took.code, 0, took.stderr);
  assert.match(took.stderr, new RegExp(`took the live value of ${path.replaceAll(".", "\\.")}: org\\.jsonc edited`));
  assert.equal(JSON.parse(read(dir, "org.jsonc")).keys[address].limit, was + 100);
  assert.equal(read(dir, "org.jsonc").split("\n").length, before.split("\n").length, "more than the one member changed");
  const settled = await run(dir, ["plan", "org.jsonc", "--state", "s.json", "--json"]);
  assert.equal(settled.code, 0, settled.stdout);
  assert.deepEqual(JSON.parse(settled.stdout).drift, []);
  assert.deepEqual(await c.writesSince(mark), [], "settling a drift wrote to the organization");
  // "stop managing": after another change by hand, the field leaves the file; the plan is empty.
  assert.equal((await c.call("PATCH", `/keys/${hash}`, { limit: was + 7 })).status, 200);
  const mark2 = (await c.log()).length;
  const stopped = await run(dir, ["drift", "stop", path, "org.jsonc", "--state", "s.json"]);
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.ok(!("limit" in JSON.parse(read(dir, "org.jsonc")).keys[address]), "the field is still managed");
  const left = await run(dir, ["plan", "org.jsonc", "--state", "s.json", "--json"]);
  assert.equal(left.code, 0, left.stdout);
  assert.deepEqual(JSON.parse(left.stdout).drift, []);
  assert.deepEqual(await c.writesSince(mark2), [], "settling a drift wrote to the organization");
  // No such drift, or no state: exit 2 naming it, the file as it was.
  const now = read(dir, "org.jsonc");
  for (const [args, said] of [
    [["drift", "take", path, "org.jsonc", "--state", "s.json"], new RegExp(`${path.replaceAll(".", "\\.")}: .*has not changed by hand.*\\(no_drift\\)`)],
    [["drift", "take", "keys.nobody.limit", "org.jsonc", "--state", "s.json"], /keys\.nobody\.limit: /],
    [["drift", "take", path, "org.jsonc"], /drift needs --state/],
    [["drift", "keep", path, "org.jsonc", "--state", "s.json"], /drift needs take or stop/],
  ]) {
    const r = await run(dir, args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, said, args.join(" "));
    assert.equal(read(dir, "org.jsonc"), now, "a refused drift edit changed the file");
  }
  // The library says the same.
  const state2 = JSON.parse(read(dir, "s.json"));
  const e = await rejection(settleDrift({ ...conn, file: now, state: state2, drift: path, choice: "take" }));
  assert.deepEqual(e.fieldErrors.map((f) => [f.field, f.rule]), [[path, "no_drift"]]);
  const bad = await rejection(settleDrift({ ...conn, file: now, drift: path, choice: "keep" }));
  assert.deepEqual(bad.fieldErrors.map((f) => f.field).sort(), ["options.choice", "options.state"]);
});

test("an apply that fails part way stops there, exits 1, journals the failure and prints what is left", async () => {
  let first;
  let second;
  const dir = await reviewing((file) => {
    const keys = Object.entries(file.keys).filter(([, k]) => !k.disabled);
    [first, second] = [keys[0], keys[1]];
    first[1].name = `${first[1].name} (renamed)`;
    second[1].name = `${second[1].name} (renamed)`;
  });
  await planned(dir);
  // The first rename (entries go in address order) is refused by the API (a 400 is never retried).
  const failing = first[0] < second[0] ? first : second;
  await c.fault("PATCH", `/api/v1/keys/${failing[1].hash}`, { status: 400, body: '{"error":{"code":400,"message":"refused for the test"}}' });
  const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--journal", "j.jsonl"]);
  assert.equal(r.code, 1, r.stderr);
  const journal = jsonLines(read(dir, "j.jsonl"));
  assert.equal(journal.length, 1, "it went on after the failure");
  assert.equal(journal[0].address, `keys.${failing[0]}`);
  assert.match(journal[0].result, /^failed: .*refused for the test/);
  assert.match(r.stderr, new RegExp(`Stopped at keys\\.${failing[0]}: .*refused for the test`));
  assert.match(r.stderr, /What is left:[\s\S]*~ update\s+keys\./);
  assert.match(r.stderr, /Plan: 0 to create, 2 to update/);
  // Planned again, both renames are still to do; applied again, they are done.
  await planned(dir);
  const again = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json"]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((await run(dir, ["plan", "org.jsonc"])).code, 0);
});

test("a key the plan disables shows its requests of the last 7 days, read for that key alone", async () => {
  const file = JSON.parse(await exportOrg(conn));
  // Of the first enabled keys, the one with the most requests in the last 7 completed UTC days,
  // counted through the API.
  const day = (ago) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const [from, today] = [day(7), day(0)];
  let busiest = { n: -1 };
  for (const [address, key] of Object.entries(file.keys).filter(([, k]) => !k.disabled).slice(0, 8)) {
    const r = await c.call("GET", `/activity?api_key_hash=${key.hash}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const n = r.body.data.filter((row) => row.date >= from && row.date < today).reduce((sum, row) => sum + row.requests, 0);
    if (n > busiest.n) busiest = { address, n };
  }
  assert.ok(busiest.n > 0, "the demo org has a key with requests in the last 7 days");
  file.keys[busiest.address].disabled = true;
  const mark = (await c.log()).length;
  const p = await plan({ ...conn, file: JSON.stringify(file, null, 2) });
  const action = p.resource_changes.find((a) => a.address === `keys.${busiest.address}`);
  assert.deepEqual(action.reach, [`${busiest.n} requests in the last 7 days`]);
  const activity = (await c.log()).slice(mark).filter((r) => r.path.includes("/activity"));
  assert.equal(activity.length, 1, "one read of activity, for the one key the plan disables");
});
