// A BYOK credential created from the organization file with its provider key typed in, from the
// packed tarball against a demo sandbox of this file's own: `plan` says the apply needs the key
// (CLI text, `needed` in its JSON); the apply creates exactly one credential, also when the
// create's answer is lost (the journal says it was found); the provider key is in no file, plan,
// state, journal, stdout or stderr; an apply without the key, or with a key for an address the
// plan does not create, is refused before any write, naming the address and the rule; and an
// npm `apply` reads the organization once before it writes.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportOrg, plan, apply } from "openrouter-admin/org";
import { ORG_KEY, demoOrg, folder, rejection, validatePlan } from "../org-sandbox.mjs";

const { c, conn, run } = await demoOrg();
beforeEach(() => c.reset());

/** A provider key no one else would write: found anywhere, it leaked. */
const providerKey = () => `sk-proj-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}-typed-in`;

/** The export with a new BYOK entry `byok.<address>` in a workspace of the demo; its parts. */
async function withNewByok(address) {
  const file = JSON.parse(await exportOrg(conn));
  const [wsAddress, ws] = Object.entries(file.workspaces).find(([, w]) => w.slug !== "default");
  const name = `OpenAI ${address} ${Date.now()}`;
  file.byok ??= {};
  file.byok[address] = { name, provider: "openai", workspace: wsAddress };
  return { file, text: JSON.stringify(file, null, 2), name, workspaceId: ws.id };
}

/** The workspace's BYOK credentials named `name`, as the API lists them. */
async function byokNamed(workspaceId, name) {
  const listed = await c.call("GET", `/byok?workspace_id=${workspaceId}&limit=100`);
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  return listed.body.data.filter((k) => k.name === name);
}

/** A folder with `org.jsonc` holding `text`, planned with `--out plan.json`; the plan's run. */
async function planned(text) {
  const dir = folder();
  writeFileSync(join(dir, "org.jsonc"), text);
  const r = await run(dir, ["plan", "org.jsonc", "--out", "plan.json", "--state", "s.json"]);
  assert.equal(r.code, 1, r.stderr);
  return { dir, r };
}

const read = (dir, name) => readFileSync(join(dir, name), "utf8");

/** The org reads in a slice of the request log: each read lists every workspace's budgets once. */
const reads = (log, workspaceId) =>
  log.filter((r) => r.method === "GET" && r.path.split("?")[0] === `/api/v1/workspaces/${workspaceId}/budgets`).length;

test("plan says the new BYOK credential needs its provider key typed in: the text, and `needed` in the JSON", async () => {
  const { text } = await withNewByok("new-openai");
  const { dir, r } = await planned(text);
  assert.match(r.stdout, /\+ create\s+byok\.new-openai/);
  assert.match(r.stdout, /Typed in at the apply \(OPENROUTER_ORG_CREDENTIALS[^\n]*\n\s+byok\.new-openai: key\n/);
  assert.ok(r.stdout.includes(`OPENROUTER_ORG_CREDENTIALS='{"byok.new-openai":{"key":"..."}}'`), r.stdout);
  const saved = JSON.parse(read(dir, "plan.json"));
  assert.ok(validatePlan(saved), JSON.stringify(validatePlan.errors));
  assert.deepEqual(saved.needed, [{ address: "byok.new-openai", properties: ["key"] }]);
  const viaNpm = await plan({ ...conn, file: text });
  assert.deepEqual(viaNpm.needed, saved.needed);
  // A plan that creates nothing needs nothing.
  const unchanged = await plan({ ...conn, file: await exportOrg(conn) });
  assert.deepEqual(unchanged.needed, []);
});

test("a BYOK create with no provider key typed in is refused before any write, naming byok.<address>.key and the rule", async () => {
  const { text } = await withNewByok("new-openai");
  const { dir } = await planned(text);
  const mark = (await c.log()).length;
  const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json"]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /byok\.new-openai\.key: a new BYOK credential needs key typed in at the apply.*\(credentials\)/);
  assert.match(r.stderr, /OPENROUTER_ORG_CREDENTIALS='\{"byok\.<address>": \{"key"/);
  assert.deepEqual(await c.writesSince(mark), [], "a refused apply wrote");
  // The same through npm: a validation rejection naming the field and the rule.
  const e = await rejection(apply({ ...conn, file: text, plan: JSON.parse(read(dir, "plan.json")) }));
  assert.equal(e.kind, "validation");
  assert.deepEqual(e.fieldErrors.map((f) => `${f.field} ${f.rule}`), ["byok.new-openai.key credentials"]);
  assert.deepEqual(await c.writesSince(mark), [], "a refused apply wrote");
});

test("a provider key typed in for an address the plan does not create is refused before any write, and never printed", async () => {
  const { file, text } = await withNewByok("new-openai");
  const existing = Object.keys(file.byok).find((a) => a !== "new-openai");
  assert.ok(existing, "the demo has a BYOK credential of its own");
  const { dir } = await planned(text);
  const key = providerKey();
  const mark = (await c.log()).length;
  for (const [typed, said] of [
    [{ "byok.new-openai": { key }, [`byok.${existing}`]: { key } }, `byok.${existing}`],
    [{ "byok.new-openai": { key }, "byok.not-in-the-file": { key } }, "byok.not-in-the-file"],
    [{ "byok.new-openai": { key, apiKey: key } }, "byok.new-openai.apiKey"],
  ]) {
    const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json"], { env: { OPENROUTER_ORG_CREDENTIALS: JSON.stringify(typed) } });
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(`${said}: `) && r.stderr.includes("(credentials)"), r.stderr);
    assert.ok(!r.stderr.includes(key) && !r.stdout.includes(key), "the refusal printed the provider key");
  }
  assert.deepEqual(await c.writesSince(mark), [], "a refused apply wrote");
});

test("a BYOK credential whose create answer is lost is made once, the journal says it was found, and its provider key is nowhere", async () => {
  const { text, name, workspaceId } = await withNewByok("lost-openai");
  const { dir, r: first } = await planned(text);
  const key = providerKey();
  await c.fault("POST", "/api/v1/byok", { commit_then_drop: true });
  const r = await run(dir, ["apply", "org.jsonc", "--plan", "plan.json", "--journal", "j.jsonl", "--state", "s.json"], {
    env: { OPENROUTER_ORG_CREDENTIALS: JSON.stringify({ "byok.lost-openai": { key } }) },
  });
  assert.equal(r.code, 0, r.stderr);
  const made = await byokNamed(workspaceId, name);
  assert.equal(made.length, 1, "the lost create was sent again, or not made");
  const posts = (await c.log()).filter((l) => l.method === "POST" && l.path.split("?")[0] === "/api/v1/byok");
  assert.equal(posts.length, 1, "the create was sent more than once");
  const journal = read(dir, "j.jsonl").trim().split("\n").map((l) => JSON.parse(l));
  const line = journal.find((j) => j.address === "byok.lost-openai");
  assert.equal(line.action, "create");
  assert.equal(line.id, made[0].id);
  assert.match(line.result, /^ok: the answer was lost; the BYOK credential was found, made once/);
  assert.equal(JSON.parse(read(dir, "s.json")).objects["byok.lost-openai"]?.id, made[0].id, "the state binds it");
  assert.match(r.stderr, new RegExp(`byok\\.lost-openai is now ${made[0].id}`));
  const texts = {
    "the file": read(dir, "org.jsonc"),
    "the plan JSON": read(dir, "plan.json"),
    "the state": read(dir, "s.json"),
    "the journal": read(dir, "j.jsonl"),
    "the plan's output": first.stdout + first.stderr,
    stdout: r.stdout,
    stderr: r.stderr,
  };
  for (const [where, t] of Object.entries(texts)) {
    assert.ok(!t.includes(key), `the provider key is in ${where}`);
    assert.ok(!t.includes(ORG_KEY), `the management key is in ${where}`);
  }
  assert.equal(r.stdout, "", "apply printed something on stdout for a BYOK credential");
  // Planned again: bound to the credential it made, nothing to do, nothing needed.
  const again = await run(dir, ["plan", "org.jsonc", "--json", "--state", "s.json"]);
  assert.equal(again.code, 0, again.stdout);
  assert.deepEqual(JSON.parse(again.stdout).needed, []);
});

test("npm apply with the provider key typed in creates exactly one credential, reads the organization once before writing, and returns the key nowhere", async () => {
  const { text, name, workspaceId } = await withNewByok("npm-openai");
  const reviewed = await plan({ ...conn, file: text });
  const key = providerKey();
  const mark = (await c.log()).length;
  const done = await apply({ ...conn, file: text, plan: reviewed, credentials: { "byok.npm-openai": { key } } });
  const log = (await c.log()).slice(mark);
  const firstWrite = log.findIndex((l) => l.method !== "GET");
  assert.ok(firstWrite > 0, JSON.stringify(log));
  const lastWrite = log.length - 1 - [...log].reverse().findIndex((l) => l.method !== "GET");
  assert.equal(reads(log.slice(0, firstWrite), workspaceId), 1, "the organization read more than once before the apply's first write");
  assert.equal(reads(log.slice(lastWrite + 1), workspaceId), 1, "what is left is read once after the writes");
  assert.equal(reads(log, workspaceId), 2);
  assert.equal(done.stopped, null, JSON.stringify(done.stopped));
  const made = await byokNamed(workspaceId, name);
  assert.equal(made.length, 1);
  assert.equal(done.bound["byok.npm-openai"], made[0].id);
  assert.deepEqual(done.remaining.needed, [], "once made, nothing left to type in");
  assert.ok(!JSON.stringify(done).includes(key), "the apply's result holds the provider key");
  assert.ok(!JSON.stringify(made).includes(key), "the API answered the provider key unmasked");
});
