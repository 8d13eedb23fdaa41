// The package's surface, read from the two classes' prototypes and the packed .d.ts rather than
// from a hand list: one naming convention for every list (`listX()` one page, `iterateX()` the
// paginator), no list or paginator method that throws, and a consumer.ts and .d.ts that cover
// every method. Each check names what is missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";
import { API, KEY, control } from "../sandbox.mjs";
import { CLASSES, dtsText, methods } from "../surface.mjs";

await init();

const METHODS = methods();
const LISTS = METHODS.filter((m) => /^(list|iterate)[A-Z]/.test(m.name));
const instance = (owner) =>
  owner === "WorkspaceSettings"
    ? new WorkspaceSettings({ apiKey: KEY, baseUrl: API, maxRetries: 0 })
    : new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });

test("one name for one thing: listX() is one page, iterateX() its paginator", () => {
  assert.ok(LISTS.length >= 20, `only ${LISTS.length} list methods found`);
  for (const m of METHODS) {
    const where = `${m.owner}.${m.name}(): ${m.returns}`;
    if (m.returns.startsWith("Paginator<")) {
      assert.match(m.name, /^iterate[A-Z]/, `${where}: a paginator method is named iterateX`);
      const twin = METHODS.find((o) => o.owner === m.owner && o.name === m.name.replace(/^iterate/, "list"));
      assert.ok(twin, `${where}: has no one-page twin ${m.name.replace(/^iterate/, "list")}`);
      assert.deepEqual(twin.params, m.params, `${where}: its twin takes other parameters`);
      const item = m.returns.slice("Paginator<".length, -1);
      assert.equal(twin.returns, `Promise<Page<${item}>>`, `${twin.owner}.${twin.name}`);
    } else {
      assert.match(m.returns, /^Promise</, `${where}: every other method answers a promise`);
      assert.doesNotMatch(m.name, /^iterate/, `${where}: iterateX returns a paginator`);
    }
  }
});

test("no list or paginator method throws: each rejects with the OpenRouterError", async () => {
  await control("POST", "/__sandbox/reset");
  const before = (await control("GET", "/__sandbox/log")).requests.length;
  const checked = [];
  for (const m of LISTS) {
    const target = instance(m.owner);
    // Bad options (read first), then a bad first argument with good options.
    const cases = [[m.params.map((p) => (p === "options" ? "all" : "x")), "options"]];
    if (m.params[0] !== "options") cases.push([m.params.map((p, i) => (i === 0 ? 7 : undefined)), m.params[0]]);
    for (const [args, field] of cases) {
      const where = `${m.owner}.${m.name}(${args.map(String).join(", ")})`;
      const pulls = [];
      assert.doesNotThrow(() => {
        if (m.returns.startsWith("Paginator<")) {
          pulls.push(target[m.name](...args)[Symbol.asyncIterator]().next());
          pulls.push(target[m.name](...args).pages()[Symbol.asyncIterator]().next());
          pulls.push(target[m.name](...args).collectAll());
        } else {
          pulls.push(target[m.name](...args));
        }
      }, where);
      for (const pull of pulls) {
        assert.ok(pull instanceof Promise, `${where}: no promise`);
        const error = await pull.then(
          (v) => assert.fail(`${where} resolved: ${JSON.stringify(v)}`),
          (e) => e,
        );
        assert.ok(isOpenRouterError(error), `${where}: rejected with ${error}`);
        assert.equal(error.kind, "validation", `${where}: ${error.message}`);
        assert.equal(error.fieldErrors[0]?.field, field, `${where}: ${error.message}`);
      }
    }
    checked.push(m.name);
  }
  const after = (await control("GET", "/__sandbox/log")).requests.length;
  assert.equal(after, before, "nothing was sent");
  console.log(`list methods checked: ${checked.length} (${checked.join(", ")})`);
});

test("consumer.ts calls every method, and the .d.ts declares every type the methods name", () => {
  const consumer = readFileSync(new URL("../consumer.ts", import.meta.url), "utf8");
  const uncalled = METHODS.filter((m) => !consumer.includes(`.${m.name}(`)).map((m) => `${m.owner}.${m.name}`);
  assert.deepEqual(uncalled, [], `consumer.ts does not call: ${uncalled.join(", ")}`);
  for (const { name, dts } of CLASSES) {
    const text = dtsText(dts);
    const declared = new Set([...text.matchAll(/^export (?:interface|type|class) (\w+)/gm)].map((m) => m[1]));
    const body = text.slice(text.indexOf(`export class ${name} {`));
    const named = new Set();
    for (const line of body.slice(0, body.indexOf("\n}\n")).split("\n")) {
      if (!/^ {4}\w+\(/.test(line)) continue;
      for (const [word] of line.matchAll(/\b[A-Z]\w*\b/g)) named.add(word);
    }
    const builtin = new Set(["Promise", "AbortSignal", "Error"]);
    const missing = [...named].filter((t) => !declared.has(t) && !builtin.has(t));
    assert.deepEqual(missing, [], `${dts}: ${name}'s methods name types it does not declare: ${missing}`);
  }
});
