// Interop, one way, from the packed tarball against a demo sandbox of this file's own:
// `exportOrg({ format })` and `openrouter-admin export --format` write the organization as
// Terraform HCL for the official provider (one `import` block per live object, counted here
// through the API) and as Keymaster's TOML (parsed by a TOML parser, naming every workspace and
// key); a format that is neither is refused naming `format`, before any request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse as parseToml } from "smol-toml";
import { exportOrg } from "openrouter-admin/org";
import { ORG_KEY, demoOrg, folder, rejection } from "../org-sandbox.mjs";

const { c, conn, run } = await demoOrg();

/** Every item of a list of the management API, page by page. */
async function all(path) {
  const items = [];
  for (;;) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await c.call("GET", `${path}${sep}limit=100&offset=${items.length}`);
    assert.equal(page.status, 200, `${path}: ${JSON.stringify(page.body)}`);
    items.push(...page.body.data);
    if (page.body.data.length === 0 || items.length >= (page.body.total_count ?? items.length)) return items;
  }
}

/** The demo organization as the API lists it: each object with the import id Terraform takes. */
async function organization() {
  const workspaces = await all("/workspaces");
  const per = (path) =>
    Promise.all(workspaces.map((w) => all(`${path}${path.includes("?") ? "&" : "?"}workspace_id=${w.id}`))).then((l) => l.flat());
  const keys = await per("/keys?include_disabled=true");
  const guardrails = await per("/guardrails");
  const byok = await per("/byok");
  const destinations = await per("/observability/destinations");
  const budgets = (
    await Promise.all(workspaces.map(async (w) => (await c.call("GET", `/workspaces/${w.id}/budgets`)).body.data.map((b) => [w.id, b])))
  ).flat();
  const members = await Promise.all(workspaces.map(async (w) => [w.id, await all(`/workspaces/${w.id}/members`)]));
  const keyAssignments = await all("/guardrails/assignments/keys");
  const mappings = await all("/scim/group-mappings");
  const imports = [
    ...workspaces.map((w) => ["openrouter_workspace", `"${w.id}"`]),
    ...keys.map((k) => ["openrouter_api_key", `"${k.hash}"`]),
    ...guardrails.map((g) => ["openrouter_guardrail", `"${g.id}"`]),
    ...byok.map((b) => ["openrouter_byok_key", `"${b.id}"`]),
    ...destinations.map((d) => ["openrouter_observability_destination", `"${d.id}"`]),
    ...mappings.map((m) => ["openrouter_scim_group_mapping", `"${m.id}"`]),
    ...budgets.map(([ws, b]) => ["openrouter_workspace_budget", `jsonencode({ id = "${ws}", interval = "${b.reset_interval ?? "lifetime"}" })`]),
    ...members.filter(([, m]) => m.length > 0).map(([ws]) => ["openrouter_workspace_member", `"${ws}"`]),
    ...keyAssignments.map((a) => ["openrouter_guardrail_key_assignment", `"${a.guardrail_id}/${a.key_hash}"`]),
  ];
  return { workspaces, keys, imports };
}

/** The HCL's import blocks as [resource type, id expression]. */
function importBlocks(hcl) {
  return [...hcl.matchAll(/^import \{\n {2}to = ([a-z_]+)\.[A-Za-z0-9_-]+\n {2}id = (.+)\n\}$/gm)].map((m) => [m[1], m[2]]);
}

test("the Terraform export has one import block for every live object of the demo org, and no secret", async () => {
  const hcl = await exportOrg({ ...conn, format: "terraform" });
  assert.equal(await exportOrg({ ...conn, format: "terraform" }), hcl, "two exports of an unchanged org differ");
  const { workspaces, keys, imports } = await organization();
  assert.ok(workspaces.length > 2 && keys.length > 5, "the demo organization is there");
  const blocks = importBlocks(hcl);
  assert.equal(hcl.split("\nimport {\n").length - 1, blocks.length, "an import block of another shape");
  // Every object the API lists is imported once, to a resource of its type.
  const count = new Map();
  for (const [type, id] of blocks) count.set(`${type} ${id}`, (count.get(`${type} ${id}`) ?? 0) + 1);
  for (const [type, id] of imports) assert.equal(count.get(`${type} ${id}`), 1, `${type} ${id}: imported ${count.get(`${type} ${id}`) ?? 0} times`);
  // And nothing else but the guardrails' member assignments, which the API lists per guardrail.
  const others = blocks.filter(([type]) => type !== "openrouter_guardrail_member_assignment");
  assert.equal(others.length, imports.length, "an import of an object the API does not list");
  // Each import has its resource, and the management key is a sensitive variable, not a value.
  for (const m of hcl.matchAll(/^ {2}to = ([a-z_]+)\.(\S+)$/gm)) {
    assert.ok(hcl.includes(`\nresource "${m[1]}" "${m[2]}" {\n`), `no resource for ${m[1]}.${m[2]}`);
  }
  assert.match(hcl, /api_key = var\.openrouter_management_key/);
  assert.ok(!hcl.includes(ORG_KEY) && !/sk-or-v1-[0-9a-f]{8}/.test(hcl), "a secret in the HCL");
});

test("the Keymaster export parses as TOML and names every workspace and key, with their import commands", async () => {
  const text = await exportOrg({ ...conn, format: "keymaster" });
  assert.equal(await exportOrg({ ...conn, format: "keymaster" }), text);
  const doc = parseToml(text);
  assert.equal(doc.version, 1);
  const { workspaces, keys } = await organization();
  const names = (table) => Object.values(doc[table] ?? {}).map((e) => e.name).sort();
  assert.deepEqual(names("workspaces"), workspaces.map((w) => w.name).sort());
  assert.deepEqual(names("keys"), keys.map((k) => k.name).sort());
  for (const w of workspaces) assert.equal(text.split(`import workspace `).filter((l) => l.includes(` --id ${w.id}\n`)).length, 1, w.id);
  for (const k of keys) assert.equal(text.split(`import key `).filter((l) => l.includes(` --hash ${k.hash}\n`)).length, 1, k.hash);
  assert.ok(!text.includes(ORG_KEY) && !/sk-or-v1-[0-9a-f]{8}/.test(text), "a secret in the TOML");
});

test("openrouter-admin export --format writes the same texts; any other format is refused naming it, before any request", async () => {
  const dir = folder();
  for (const format of ["jsonc", "terraform", "keymaster"]) {
    const r = await run(dir, ["export", "--format", format]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, await exportOrg({ ...conn, format }), format);
  }
  assert.equal((await run(dir, ["export"])).stdout, await exportOrg(conn), "jsonc is the default");

  const mark = (await c.log()).length;
  for (const format of ["hcl", "JSONC", ""]) {
    const e = await rejection(exportOrg({ ...conn, format }));
    assert.equal(e.kind, "validation");
    assert.deepEqual(e.fieldErrors.map((f) => [f.field, f.rule]), [["options.format", "one_of"]]);
    const r = await run(dir, ["export", "--format", format, "--out", "x.tf"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--format must be "jsonc", "terraform" or "keymaster" \(format: one_of\)/);
    assert.equal(r.stdout, "");
  }
  for (const format of [42, null, { toString: () => "terraform" }]) {
    const e = await rejection(exportOrg({ ...conn, format }));
    assert.ok(e.fieldErrors.some((f) => f.field === "options.format"), JSON.stringify(e.fieldErrors));
  }
  const bare = await run(dir, ["export", "--format"]);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /--format/);
  assert.deepEqual((await c.log()).slice(mark), [], "a refused format sent a request");
});
