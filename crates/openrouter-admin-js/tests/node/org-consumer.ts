// The organization file's functions of openrouter-admin/org under `tsc --strict`: options,
// the plan narrowed by action, the apply's result, the state kept for the next plan.
import {
  exportOrg,
  plan,
  apply,
  type ApplyResult,
  type OrgAction,
  type OrgPlan,
  type OrgState,
  type PlanOptions,
} from "openrouter-admin/org";

export async function orgConsumer(apiKey: string, state?: OrgState): Promise<string[]> {
  const file: string = await exportOrg({ apiKey, baseUrl: "http://127.0.0.1:8787/api/v1" });
  const hcl: string = await exportOrg({ apiKey, format: "terraform" });
  const toml: string = await exportOrg({ apiKey, format: "keymaster" });
  // @ts-expect-error: only the three formats
  await exportOrg({ apiKey, format: "hcl" });
  const options: PlanOptions = state ? { apiKey, file, state } : { apiKey, file };
  const reviewed: OrgPlan = await plan(options);
  const lines = reviewed.resource_changes.map((a: OrgAction) => {
    switch (a.action) {
      case "replace":
        return `${a.address}: ${a.action_reason ?? ""} (${a.replace_paths.map((p) => p.join(".")).join(", ")})`;
      case "update":
        return `${a.address}: ${a.changes.map((c) => `${c.field} ${c.text}${c.widens ? " (widens)" : ""}`).join("; ")}`;
      default:
        return `${a.address}: ${a.action} ${a.actions.join("/")}`;
    }
  });
  for (const d of reviewed.drift) lines.push(`${d.address}.${d.field}: ${d.choices[0]}`);
  if (!reviewed.applyable) return lines;
  const credentials = { "destinations.datadog": { apiKey: hcl.length > toml.length ? "dd-1" : "dd-2" } };
  const done: ApplyResult = await apply({ apiKey, file, plan: reviewed, credentials });
  for (const s of done.secrets) lines.push(`${s.address} ${s.hash} ${s.secret.length}`);
  for (const j of done.journal) lines.push(`${j.at} ${j.who} ${j.action} ${j.address}: ${j.result}`);
  if (done.stopped) lines.push(`${done.stopped.address}: ${done.stopped.error.kind}`);
  const next: OrgState | null = done.state;
  lines.push(`${done.writes} writes, ${Object.keys(next?.objects ?? {}).length} in the state`);
  return lines;
}
