//! The demo organization looks like a real one's (issue 23): every key spends only on what its
//! guardrail and its workspace's default guardrail allow; its days add up believably (no day,
//! today included, far above its usual day, and the last week at the pace of the month); each
//! workspace's spend fits its budgets and each key's its limit, but for the cases the findings
//! demo shows on purpose (Data Labeling: 92% of a daily key limit, a weekly limit used up, 92%
//! of the week's budget and a month heading past its budget and a key's limit).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::Sb;

/// No day of a key above this many times its median day.
const PEAK: f64 = 3.0;

/// The last week's daily mean against the rest of the month's, either way, at most.
const DRIFT: f64 = 2.0;

/// The workspace whose budgets and limits are near or past their edge on purpose.
const DELIBERATE: &str = "data-labeling";

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

/// The provider slug of an activity row's provider name (the sandbox's endpoints).
fn slug(provider: &str) -> &'static str {
    match provider {
        "Anthropic" => "anthropic",
        "Amazon Bedrock" => "amazon-bedrock",
        "DeepInfra" => "deepinfra",
        "Google AI Studio" => "google-ai-studio",
        "Together" => "together",
        "OpenAI" => "openai",
        other => panic!("an endpoint this test does not know: {other}"),
    }
}

/// Whether a guardrail document lets `model` through `provider`.
fn allows(doc: &Value, model: &str, provider: &str) -> bool {
    let has = |field: &str, item: &str| {
        doc[field]
            .as_array()
            .map(|l| l.iter().any(|v| v.as_str() == Some(item)))
    };
    has("allowed_models", model) != Some(false)
        && has("allowed_providers", provider) != Some(false)
        && has("ignored_providers", provider) != Some(true)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// One workspace of the demo as the API answers it.
struct Workspace {
    ws: Value,
    keys: Vec<Value>,
    /// Its guardrails by id.
    guardrails: BTreeMap<String, Value>,
    /// Which guardrail each key holds.
    held: BTreeMap<String, String>,
    budgets: Value,
}

async fn read(sb: &Sb) -> Vec<Workspace> {
    let (_, list) = sb.get("/workspaces?limit=100").await;
    let mut workspaces = Vec::new();
    for ws in list["data"].as_array().unwrap() {
        let id = ws["id"].as_str().unwrap();
        let (_, keys) = sb
            .get(&format!("/keys?include_disabled=true&workspace_id={id}"))
            .await;
        let (_, guardrails) = sb
            .get(&format!("/guardrails?workspace_id={id}&limit=100"))
            .await;
        let mut docs = BTreeMap::new();
        let mut held = BTreeMap::new();
        for g in guardrails["data"].as_array().unwrap() {
            let gid = g["id"].as_str().unwrap().to_owned();
            let (_, assigned) = sb
                .get(&format!("/guardrails/{gid}/assignments/keys?limit=100"))
                .await;
            for a in assigned["data"].as_array().unwrap() {
                held.insert(a["key_hash"].as_str().unwrap().to_owned(), gid.clone());
            }
            docs.insert(gid, g.clone());
        }
        let (_, budgets) = sb.get(&format!("/workspaces/{id}/budgets")).await;
        workspaces.push(Workspace {
            ws: ws.clone(),
            keys: keys["data"].as_array().unwrap().clone(),
            guardrails: docs,
            held,
            budgets,
        });
    }
    workspaces
}

#[tokio::test]
async fn the_demo_looks_like_a_real_organization() {
    let sb = Sb::start().await;
    let demo = read(&sb).await;
    let today = time::OffsetDateTime::now_utc().date();
    let week_start = (today - time::Duration::days(6)).to_string();
    let mut problems: Vec<String> = Vec::new();
    let mut keys_seen = 0;
    for Workspace {
        ws,
        keys,
        guardrails,
        held,
        budgets,
    } in &demo
    {
        let slug_ws = ws["slug"].as_str().unwrap();
        let default = guardrails.get(ws["default_guardrail_id"].as_str().unwrap());
        for key in keys {
            keys_seen += 1;
            let hash = key["hash"].as_str().unwrap();
            let name = key["name"].as_str().unwrap();
            let own = held.get(hash).and_then(|g| guardrails.get(g));
            let (_, activity) = sb.get(&format!("/activity?api_key_hash={hash}")).await;
            let mut days: BTreeMap<String, f64> = BTreeMap::new();
            for row in activity["data"].as_array().unwrap() {
                let model = row["model"].as_str().unwrap();
                let provider = slug(row["provider_name"].as_str().unwrap());
                for (which, doc) in [("its guardrail", own), ("the workspace default", default)] {
                    if doc.is_some_and(|d| !allows(d, model, provider)) {
                        problems.push(format!(
                            "{name}: spends on {model} via {provider}, which {which} does not allow"
                        ));
                    }
                }
                *days
                    .entry(row["date"].as_str().unwrap().to_owned())
                    .or_default() += f(&row["usage"]) + f(&row["byok_usage_inference"]);
            }
            let spent: Vec<f64> = days.values().copied().filter(|v| *v > 0.0).collect();
            if spent.is_empty() {
                continue;
            }
            let usual = median(spent);
            let today_spent = f(&key["usage_daily"]) + f(&key["byok_usage_daily"]);
            for (day, v) in days
                .iter()
                .map(|(d, v)| (d.as_str(), *v))
                .chain([("today", today_spent)])
            {
                if v > PEAK * usual + 0.01 {
                    problems.push(format!(
                        "{name}: ${v:.2} on {day}, over {PEAK}x its median day ${usual:.2}"
                    ));
                }
            }
            let mean = |recent: bool| {
                let v: Vec<f64> = days
                    .iter()
                    .filter(|(d, v)| (d.as_str() >= week_start.as_str()) == recent && **v > 0.0)
                    .map(|(_, v)| *v)
                    .collect();
                (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
            };
            if let (Some(week), Some(rest)) = (mean(true), mean(false)) {
                if week > DRIFT * rest || rest > DRIFT * week {
                    problems.push(format!(
                        "{name}: the last week's ${week:.2} a day against the month's ${rest:.2}"
                    ));
                }
            }
            // A key's own limit: well clear of it, unless the findings demo needs it near.
            if let (Some(limit), Some(left)) =
                (key["limit"].as_f64(), key["limit_remaining"].as_f64())
            {
                let used = (limit - left) / limit;
                let ok = if slug_ws == DELIBERATE {
                    used < 1.0 + 1e-9
                } else {
                    used < 0.8
                };
                if !ok {
                    problems.push(format!(
                        "{name}: {:.0}% of its ${limit} limit",
                        used * 100.0
                    ));
                }
            }
        }
        let byok = budgets["include_byok_in_budgets"].as_bool() == Some(true);
        for b in budgets["data"].as_array().unwrap() {
            let interval = b["reset_interval"].as_str().unwrap_or("lifetime");
            let field = match interval {
                "daily" => "usage_daily",
                "weekly" => "usage_weekly",
                "monthly" => "usage_monthly",
                _ => "usage",
            };
            let spent: f64 = keys
                .iter()
                .map(|k| {
                    f(&k[field])
                        + if byok {
                            f(&k[format!("byok_{field}")])
                        } else {
                            0.0
                        }
                })
                .sum();
            let ratio = spent / f(&b["limit_usd"]);
            let (low, high) = match (slug_ws, interval) {
                (DELIBERATE, "weekly") => (0.9, 1.0),
                (DELIBERATE, _) => (0.6, 0.8),
                _ => (0.1, 0.8),
            };
            if !(low..high).contains(&ratio) {
                problems.push(format!(
                    "{slug_ws}: {:.0}% of its {interval} budget (${}), outside {low}..{high}",
                    ratio * 100.0,
                    b["limit_usd"]
                ));
            }
        }
    }
    assert!(keys_seen >= 30, "{keys_seen} keys");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
