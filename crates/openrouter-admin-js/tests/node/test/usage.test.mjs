// getCredits and getActivity from the packed package against the sandbox: answers that match
// the keys, every filter, and bad filters refused before anything is sent.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import init, { OpenRouterAdmin, isOpenRouterError } from "openrouter-admin";
import { API, KEY, control } from "../sandbox.mjs";


await init();

const admin = new OpenRouterAdmin({ apiKey: KEY, baseUrl: API, maxRetries: 0 });


beforeEach(async () => {
  await control("POST", "/__sandbox/reset");
});

/** Awaits `promise`, expecting an OpenRouterError of `kind`; returns it. */
async function rejects(promise, kind) {
  const error = await promise.then(
    (v) => assert.fail(`resolved: ${JSON.stringify(v).slice(0, 200)}`),
    (e) => e,
  );
  assert.ok(isOpenRouterError(error), String(error));
  assert.equal(error.kind, kind, `${error.kind}: ${error.message}`);
  return error;
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const r4 = (v) => Math.round(v * 10_000) / 10_000;
const total = (rows, field = "usage") => r4(rows.reduce((s, r) => s + r[field], 0));

async function everyKey() {
  const keys = [];
  for await (const ws of admin.iterateWorkspaces({ limit: 100 })) {
    keys.push(...(await admin.iterateKeys({ workspaceId: ws.id, includeDisabled: true }).collectAll()));
  }
  return keys;
}

test("getCredits: bought and used, used the sum of every key's usage", async () => {
  const credits = await admin.getCredits();
  assert.deepEqual(Object.keys(credits).sort(), ["total_credits", "total_usage"]);
  const keys = await everyKey();
  assert.equal(credits.total_usage, total(keys));
  assert.ok(credits.total_credits > credits.total_usage);
});

test("getActivity: 30 days, a key's windows, every filter", async () => {
  const all = await admin.getActivity();
  const dates = [...new Set(all.map((r) => r.date))].sort();
  assert.equal(dates.length, 30);
  assert.deepEqual([dates[0], dates.at(-1)], [day(-30), day(-1)]);
  assert.ok(all.every((r) => !("workspace_id" in r)));

  // The windows end now: usage_daily is today's spend, in no completed day's row, so the 29
  // most recent days add up to monthly - daily, the 6 most recent to weekly - daily.
  const keys = await everyKey();
  const recent = (rows, days = 29) => rows.filter((r) => r.date >= day(-days));
  const month = (ks, p = "usage") => r4(ks.reduce((s, k) => s + k[`${p}_monthly`] - k[`${p}_daily`], 0));
  assert.equal(total(recent(all)), month(keys));
  const key = keys.find((k) => k.usage_weekly > k.usage_daily && k.usage_daily > 0);
  const mine = await admin.getActivity({ apiKeyHash: key.hash });
  assert.equal(total(recent(mine, 6)), r4(key.usage_weekly - key.usage_daily));
  assert.equal(total(recent(mine)), month([key]));
  assert.equal(total(recent(mine), "byok_usage_inference"), month([key], "byok_usage"));

  const oneDay = await admin.getActivity({ apiKeyHash: key.hash, date: day(-1) });
  assert.deepEqual(oneDay, mine.filter((r) => r.date === day(-1)));

  const ws = key.workspace_id;
  const grouped = await admin.getActivity({ workspaceId: ws, groupBy: "workspace" });
  assert.ok(grouped.length > 0 && grouped.every((r) => r.workspace_id === ws));
  assert.equal(total(recent(grouped)), month(keys.filter((k) => k.workspace_id === ws)));

  const user = key.creator_user_id;
  const theirs = await admin.getActivity({ userId: user });
  assert.equal(total(recent(theirs)), month(keys.filter((k) => k.creator_user_id === user)));
});

test("bad filters reject as validation naming the option, and nothing is sent", async () => {
  const revoked = () => {
    const p = Proxy.revocable({}, {});
    p.revoke();
    return p.proxy;
  };
  const getter = (key) =>
    Object.defineProperty({}, key, { enumerable: true, get() { throw new Error("boom"); } });
  const cases = [
    [{ date: "2025-8-24" }, "date"],
    [{ date: "yesterday" }, "date"],
    [{ date: day(0) }, "date"],
    [{ date: day(-31) }, "date"],
    [{ date: day(2) }, "date"],
    [{ date: 20250824 }, "options.date"],
    [{ date: "" }, "options.date"],
    [{ apiKeyHash: "" }, "options.apiKeyHash"],
    [{ apiKeyHash: 42 }, "options.apiKeyHash"],
    [{ userId: "" }, "options.userId"],
    [{ workspaceId: "" }, "options.workspaceId"],
    [{ workspaceId: ["a"] }, "options.workspaceId"],
    [{ groupBy: "key" }, "group_by"],
    [{ groupBy: true }, "options.groupBy"],
    [getter("date"), "options.date"],
    [revoked(), "options"],
    ["date=2025-08-24", "options"],
  ];
  for (const [i, [options, field]] of cases.entries()) {
    const error = await rejects(admin.getActivity(options), "validation");
    assert.equal(error.fieldErrors[0]?.field, field, `case ${i}: ${error.message}`);
  }
  await rejects(admin.getCredits(revoked()), "validation");
  const { requests } = await control("GET", "/__sandbox/log");
  assert.deepEqual(requests, [], "nothing was sent");
});

test("what only the server knows: a 400 naming the filter, 404, 403 for an ordinary key", async () => {
  const bad = await rejects(admin.getActivity({ apiKeyHash: "abc" }), "bad_request");
  assert.equal(bad.status, 400);
  assert.match(bad.message, /api_key_hash/);
  const none = await rejects(
    admin.getActivity({ workspaceId: "550e8400-e29b-41d4-a716-446655440000" }),
    "not_found",
  );
  assert.match(none.message, /workspace_id/);

  const { key } = await admin.createKey({ name: "ordinary" });
  const ordinary = new OpenRouterAdmin({ apiKey: key, baseUrl: API, maxRetries: 0 });
  for (const call of [() => ordinary.getCredits(), () => ordinary.getActivity()]) {
    const error = await rejects(call(), "forbidden");
    assert.equal(error.status, 403);
    assert.ok(!error.message.includes(key));
  }
});
