// Numbers no double holds or the API refuses (issue 11, point 5): `limit: 1e309` is Infinity by
// the time JavaScript has it. Every number of a key or workspace write is checked before anything
// is sent, as a `validation` error naming the field and the rule; the largest double goes through.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { API, KEY, control } from "../sandbox.mjs";


await init();
const admin = new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });

const writes = async () => (await control("GET", "/__sandbox/log")).requests.filter((r) => r.method !== "GET").length;

beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
});

async function refused(label, call, field, rule) {
  const sent = await writes();
  const e = await call().then(() => null, (e) => e);
  assert.ok(isOpenRouterError(e), `${label}: rejected with ${e}`);
  assert.equal(e.kind, "validation", `${label}: ${e.kind} ${e.message}`);
  assert.deepEqual(e.fieldErrors.map((f) => [f.field, f.rule]), [[field, rule]], label);
  assert.ok(e.message.includes(field) && e.fieldErrors[0].message.includes(field), `${label}: ${e.message}`);
  assert.equal(await writes(), sent, `${label}: nothing is sent`);
  return e;
}

test("non-finite and out-of-range numbers on key writes name the field", async () => {
  const { data } = await admin.createKey({ name: "numbers" });
  for (const bad of [1e309, -1e309, Infinity, NaN, -1]) {
    const e = await refused(`createKey limit ${bad}`, () => admin.createKey({ name: "k", limit: bad }), "limit", "range");
    assert.match(e.fieldErrors[0].message, /finite number ≥ 0/);
    await refused(`updateKey limit ${bad}`, () => admin.updateKey(data.hash, { limit: bad }), "limit", "range");
  }
  // The largest double is a limit like any other, there and back.
  const { data: big } = await admin.createKey({ name: "max", limit: Number.MAX_VALUE });
  assert.equal(big.limit, Number.MAX_VALUE);
  assert.equal(big.limit_remaining, Number.MAX_VALUE);
});

test("non-finite and out-of-range numbers on workspace writes name the field", async () => {
  for (const bad of [1e309, -Infinity, NaN, 0, 2]) {
    await refused(
      `createWorkspace io_logging_sampling_rate ${bad}`,
      () => admin.createWorkspace({ name: "N", slug: "numbers", io_logging_sampling_rate: bad }),
      "io_logging_sampling_rate",
      "range",
    );
    await refused(
      `updateWorkspace io_logging_sampling_rate ${bad}`,
      () => admin.updateWorkspace("staging", { io_logging_sampling_rate: bad }),
      "io_logging_sampling_rate",
      "range",
    );
  }
});
