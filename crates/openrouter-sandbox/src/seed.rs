//! The demo organization. Everything comes from a fixed-seed PRNG and fixed timestamps,
//! so the same seed gives byte-identical data on every start and every reset.

use rusqlite::{params, Connection};

use crate::key_rows::KeyRow;
use crate::seed_guardrails::seed_guardrails;
use crate::store::{label_for, round_cents, sha256_hex, UserRow, WorkspaceRow};

/// Which organization to start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedKind {
    /// Several workspaces, a dozen members, a few dozen keys with usage, some budgets.
    Demo,
    /// Only the Default workspace and the organization members.
    Empty,
}

/// Extra bulk for performance work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedScale {
    /// Extra workspaces, slugs `scale-00001`...
    pub workspaces: u32,
    /// Keys put in one extra workspace with slug `bulk`.
    pub keys: u32,
}

impl SeedScale {
    /// Parses `workspaces=N,keys=N` (either part optional).
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut out = SeedScale::default();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("expected NAME=N in {part:?}"))?;
            let n: u32 = v
                .trim()
                .parse()
                .map_err(|_| format!("{k}: {v:?} is not a count"))?;
            match k.trim() {
                "workspaces" => out.workspaces = n,
                "keys" => out.keys = n,
                other => return Err(format!("unknown seed-scale part {other:?}")),
            }
        }
        Ok(out)
    }
}

/// SplitMix64: tiny, and fixed forever, unlike a library PRNG whose stream may change.
struct Prng(u64);

impl Prng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
    fn user_id(&mut self) -> String {
        const ALPHA: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let mut s = String::from("user_2");
        for _ in 0..26 {
            s.push(ALPHA[self.below(ALPHA.len() as u64) as usize] as char);
        }
        s
    }
}

/// A fixed timestamp `secs` seconds after 2025-03-03T09:00:00Z.
fn ts(secs: i64) -> String {
    ts_unix(1_740_992_400 + secs) // 2025-03-03T09:00:00Z
}

/// The RFC 3339 form (milliseconds, `Z`) of a Unix time in seconds.
fn ts_unix(secs: i64) -> String {
    let fmt =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].000Z");
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(fmt).ok())
        .unwrap_or_else(|| "2025-03-03T09:00:00.000Z".to_owned())
}

/// A user who created keys and has since left the organization (no `users` row).
pub const DEPARTED_USER: &str = "user_2Departed000000000000000000";

/// The hygiene cases the demo shows on the Overview (each finding of the core's `findings` at
/// least once): a few demo keys get dates relative to `anchor` (the seeding time, Unix
/// seconds) or windows chosen for one finding. They consume no PRNG draws, so every other
/// row stays as it was.
fn hygiene_case(key: &mut KeyRow, slug: &str, k: usize, anchor: i64) {
    const DAY: i64 = 86_400;
    let at = |secs: i64| Some(ts_unix(anchor + secs));
    let spend = |key: &mut KeyRow, limit: f64, reset: &str, usage: [f64; 4]| {
        key.limit = Some(limit);
        key.limit_reset = Some(reset.to_owned());
        key.usage = usage;
        key.byok_usage = [0.0; 4];
        key.include_byok_in_limit = false;
    };
    // Created ten days (and two hours) before the anchor, unchanged since.
    let started = |key: &mut KeyRow, anchor: i64| {
        key.created_at = ts_unix(anchor - 10 * DAY - 7_200);
        key.updated_at = None;
    };
    match (slug, k) {
        // Expiring within a day (critical), a week (warning) and a month (info).
        ("production", 0) => key.expires_at = at(20 * 3_600),
        ("staging", 0) => key.expires_at = at(5 * DAY),
        ("research", 0) => key.expires_at = at(20 * DAY),
        // Expired two days ago and still enabled.
        ("support-bot", 0) => key.expires_at = at(-2 * DAY),
        // Used once, quiet for the last 30 days; and never used at all.
        ("support-bot", 1) => key.usage = [key.usage[0], 0.0, 0.0, 0.0],
        ("support-bot", 2) => {
            key.usage = [0.0; 4];
            key.byok_usage = [0.0; 4];
        }
        // Created by someone who has left.
        ("research", 1) => key.creator_user_id = Some(DEPARTED_USER.to_owned()),
        // A labeling project started ten days ago, each job at a steady pace since: $62 a day
        // and a busy today at 92% of a $100 daily limit; $75 a day, its $500 weekly limit used
        // up; and $230 a day, 74% of a $3,000 monthly limit, which that pace reaches in under
        // four days (before the month ends, unless it ends first). Data Labeling's budgets
        // below follow from these.
        ("data-labeling", 0) => {
            spend(key, 100.0, "daily", [650.0, 92.0, 464.0, 650.0]);
            started(key, anchor);
        }
        ("data-labeling", 1) => {
            spend(key, 500.0, "weekly", [800.0, 50.0, 500.0, 800.0]);
            started(key, anchor);
        }
        ("data-labeling", 2) => {
            spend(key, 3_000.0, "monthly", [2_220.0, 150.0, 1_530.0, 2_220.0]);
            started(key, anchor);
        }
        _ => return,
    }
    key.disabled = false;
}

const PEOPLE: &[(&str, &str, &str, bool)] = &[
    ("Ada", "Lovelace", "admin", false),
    ("Grace", "Hopper", "admin", false),
    ("Alan", "Turing", "member", false),
    ("Katherine", "Johnson", "member", true),
    ("Edsger", "Dijkstra", "member", false),
    ("Barbara", "Liskov", "admin", true),
    ("Donald", "Knuth", "member", false),
    ("Margaret", "Hamilton", "member", true),
    ("Ken", "Thompson", "member", false),
    ("Frances", "Allen", "member", false),
    ("Dennis", "Ritchie", "member", true),
    ("Radia", "Perlman", "member", false),
];

/// (name, slug, description, member indexes, key count, text model)
type SeedWorkspace = (
    &'static str,
    &'static str,
    &'static str,
    &'static [usize],
    usize,
    &'static str,
);

const WORKSPACES: &[SeedWorkspace] = &[
    (
        "Production",
        "production",
        "Customer-facing traffic",
        &[0, 1, 2, 3, 4, 6],
        9,
        "openai/gpt-4o",
    ),
    (
        "Staging",
        "staging",
        "Pre-release checks",
        &[0, 2, 4, 8, 9],
        6,
        "openai/gpt-4o-mini",
    ),
    (
        "Research",
        "research",
        "Model evaluations and experiments",
        &[1, 5, 6, 7, 11],
        7,
        "anthropic/claude-sonnet-4",
    ),
    (
        "Support Bot",
        "support-bot",
        "The help-desk assistant",
        &[0, 3, 9, 10],
        5,
        "google/gemini-2.5-flash",
    ),
    (
        "Data Labeling",
        "data-labeling",
        "Batch labeling jobs",
        &[7, 8, 11],
        3,
        "meta-llama/llama-3.3-70b-instruct",
    ),
];

const KEY_NAMES: &[&str] = &[
    "api-gateway",
    "web-chat",
    "batch-jobs",
    "ci",
    "nightly-evals",
    "mobile-app",
    "ingest",
    "summarizer",
    "search-rerank",
    "playground",
    "translation",
    "triage",
    "embeddings",
    "notebook",
    "billing-alerts",
    "classifier",
];

fn secret_for(tag: &str) -> String {
    format!(
        "sk-or-v1-{}",
        sha256_hex(&format!("openrouter-sandbox seed key {tag}"))
    )
}

fn make_key(
    rng: &mut Prng,
    workspace_id: &str,
    name: String,
    tag: &str,
    created: i64,
    creator: Option<String>,
) -> KeyRow {
    let secret = secret_for(tag);
    let usage = steady(rng, 0.5, 9.5);
    let byok = if rng.below(4) == 0 {
        steady(rng, 0.1, 2.9)
    } else {
        [0.0; 4]
    };
    let (limit, limit_reset) = match rng.below(5) {
        0 => (None, None),
        // A lifetime limit half as much again as spent so far.
        1 => (Some((usage[0] * 1.5 / 100.0).ceil() * 100.0), None),
        2 => (
            Some(50.0 + (rng.below(10) * 25) as f64),
            Some("daily".to_owned()),
        ),
        3 => (
            Some(200.0 + (rng.below(8) * 50) as f64),
            Some("weekly".to_owned()),
        ),
        // Above what a month at the highest pace spends plus a month more of it, so that no
        // ordinary key is projected past its limit.
        _ => (
            Some(750.0 + (rng.below(6) * 250) as f64),
            Some("monthly".to_owned()),
        ),
    };
    let disabled = rng.below(7) == 0;
    let expires_at = if rng.below(6) == 0 {
        Some(ts(created + 86_400 * (700 + rng.below(400) as i64)))
    } else {
        None
    };
    let updated_at = if rng.below(2) == 0 {
        Some(ts(created + 3_600 * (1 + rng.below(500) as i64)))
    } else {
        None
    };
    KeyRow {
        hash: sha256_hex(&secret),
        workspace_id: workspace_id.to_owned(),
        name,
        label: label_for(&secret),
        disabled,
        limit,
        limit_reset,
        include_byok_in_limit: byok[0] > 0.0 && rng.below(2) == 0,
        usage,
        byok_usage: byok,
        created_at: ts(created),
        updated_at,
        expires_at,
        creator_user_id: creator,
        external_user: None,
        external_api_key_sha256: None,
        revoked: false,
    }
}

/// Usage windows `[lifetime, daily, weekly, monthly]` of a key that spends about the same
/// every day, `base + spread * u` dollars (four draws, whatever the outcome): today part-way
/// through, each completed day within 15% of that pace, and a lifetime of 30 to 330 days of it.
fn steady(rng: &mut Prng, base: f64, spread: f64) -> [f64; 4] {
    let pace = base + spread * rng.unit();
    let week_jitter = rng.unit();
    let today = pace * (0.2 + 0.8 * rng.unit());
    let days = 30.0 + 300.0 * rng.unit();
    let daily = round_cents(today);
    let weekly = round_cents(today + 6.0 * pace * (0.85 + 0.3 * week_jitter));
    let month_jitter = (week_jitter * 7.0).fract();
    let monthly = round_cents(weekly + 23.0 * pace * (0.85 + 0.3 * month_jitter));
    [round_cents(monthly + pace * days), daily, weekly, monthly]
}

/// A budget with room above `spent`: `headroom` times it, up to two significant digits.
fn budget_above(spent: f64, headroom: f64) -> f64 {
    let want = (spent * headroom).max(10.0);
    let step = 10f64.powf(want.log10().floor() - 1.0);
    (want / step).ceil() * step
}

fn workspace(rng: &mut Prng, name: &str, slug: &str, created: i64, owner: &str) -> WorkspaceRow {
    WorkspaceRow::new(rng.uuid(), name, slug, ts(created), Some(owner.to_owned()))
}

/// Removes everything and writes the seed, in one transaction, its relative dates counted
/// from now.
pub fn reseed(conn: &mut Connection, kind: SeedKind, scale: SeedScale) -> rusqlite::Result<()> {
    reseed_at(
        conn,
        kind,
        scale,
        time::OffsetDateTime::now_utc().unix_timestamp(),
    )
}

/// [`reseed`] with the relative dates counted from `anchor` (Unix seconds): the same seed and
/// anchor give byte-identical rows.
pub fn reseed_at(
    conn: &mut Connection,
    kind: SeedKind,
    scale: SeedScale,
    anchor: i64,
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    crate::store::clear(&tx)?;
    write_seed(&tx, kind, scale, anchor)?;
    tx.execute("INSERT INTO meta (k, v) VALUES ('seeded', '1')", [])?;
    tx.commit()
}

/// The demo's BYOK credentials and observability destinations, from their own random stream
/// (so the rows before them keep their ids). Production holds a BYOK-only OpenAI key, an
/// Anthropic fallback and a disabled Bedrock key limited to two models; research a Vertex key
/// declared zero-data-retention; production broadcasts to Langfuse in Europe and to Datadog,
/// and staging has five webhooks: a type at its limit, to see the limit explained.
fn write_byok_and_destinations(conn: &Connection) -> rusqlite::Result<()> {
    use crate::byok_rows::ByokRow;
    use crate::observability_rows::DestinationRow;
    use serde_json::{json, Value};
    let mut rng = Prng(0x6279_6f6b_6f62_7331);
    let ws_id = |slug: &str| -> rusqlite::Result<String> {
        conn.query_row("SELECT id FROM workspaces WHERE slug = ?1", [slug], |r| {
            r.get(0)
        })
    };
    let production = ws_id("production")?;
    let research = ws_id("research")?;
    let staging = ws_id("staging")?;
    let mut clock = 90 * 86_400i64;
    let mut byok = |ws: &str, provider: &str, name: &str, order: i64| {
        clock += 5_400;
        // Fake provider keys of a believable shape: only their hash and label are kept.
        let key = format!("sk-demo-{provider}-{:016x}{:016x}", rng.next(), rng.next());
        let mut row = ByokRow::new(
            rng.uuid(),
            ws.to_owned(),
            provider.to_owned(),
            &key,
            ts(clock),
        );
        row.name = Some(name.to_owned());
        row.sort_order = order;
        row
    };
    let mut openai = byok(&production, "openai", "Production OpenAI", 0);
    openai.is_byok_only = true;
    openai.is_required = true;
    openai.declared_zdr = Some(true);
    let mut anthropic = byok(&production, "anthropic", "Anthropic fallback", 0);
    anthropic.is_fallback = true;
    let mut bedrock = byok(&production, "amazon-bedrock", "Bedrock (paused)", 0);
    bedrock.disabled = true;
    bedrock.allowed_models = Some(vec![
        "anthropic/claude-sonnet-4".to_owned(),
        "anthropic/claude-3.5-haiku".to_owned(),
    ]);
    let mut vertex = byok(&research, "google-vertex", "Research Vertex", 0);
    vertex.declared_zdr = Some(true);
    for row in [openai, anthropic, bedrock, vertex] {
        row.save(conn)?;
    }
    let mut dest = |ws: &str, kind: &str, name: &str, config: Value| {
        clock += 3_600;
        let mut row = DestinationRow::new(
            rng.uuid(),
            ws.to_owned(),
            kind.to_owned(),
            name.to_owned(),
            ts(clock),
        );
        if let Value::Object(map) = config {
            row.config = map;
        }
        row
    };
    let mut langfuse = dest(
        &production,
        "langfuse",
        "Langfuse EU",
        json!({"baseUrl": "https://cloud.langfuse.com", "publicKey": "pk-lf-6a1f0c2d",
               "secretKey": "sk-...9c3e"}),
    );
    langfuse.regions = vec!["europe".to_owned()];
    langfuse.sampling_rate = 0.5;
    langfuse.broadcast_generation_cost = true;
    let mut datadog = dest(
        &production,
        "datadog",
        "Datadog LLM Observability",
        json!({"apiKey": "dd-...41b7", "mlApp": "acme-prod", "url": "https://api.us5.datadoghq.com"}),
    );
    datadog.privacy_mode = true;
    let mut rows = vec![langfuse, datadog];
    for (i, team) in ["alerts", "billing", "audit", "qa", "search"]
        .iter()
        .enumerate()
    {
        let mut hook = dest(
            &staging,
            "webhook",
            &format!("Staging {team} hook"),
            json!({"url": format!("https://hooks.acme.example/staging/{team}"), "method": "POST"}),
        );
        hook.enabled = i != 3;
        rows.push(hook);
    }
    for row in rows {
        row.save(conn)?;
    }
    Ok(())
}

/// A workspace's spend `[lifetime, daily, weekly, monthly]` over its keys, BYOK included
/// when its budgets include it.
fn workspace_spend(conn: &Connection, ws: &str, byok: bool) -> rusqlite::Result<[f64; 4]> {
    let b = if byok { 1.0 } else { 0.0 };
    conn.query_row(
        "SELECT COALESCE(SUM(usage + ?2 * byok_usage), 0), COALESCE(SUM(usage_daily + ?2 * byok_usage_daily), 0), \
         COALESCE(SUM(usage_weekly + ?2 * byok_usage_weekly), 0), COALESCE(SUM(usage_monthly + ?2 * byok_usage_monthly), 0) \
         FROM keys WHERE workspace_id = ?1",
        params![ws, b],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
    )
}

/// Whether the store already holds an organization (a file reopened after a restart).
pub fn is_seeded(conn: &Connection) -> rusqlite::Result<bool> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM meta WHERE k = 'seeded'", [], |r| {
        r.get(0)
    })?;
    Ok(n > 0)
}

fn write_seed(
    conn: &Connection,
    kind: SeedKind,
    scale: SeedScale,
    anchor: i64,
) -> rusqlite::Result<()> {
    let mut rng = Prng(0x6f70_656e_726f_7574);
    let mut users = Vec::new();
    for (i, (first, last, role, scim)) in PEOPLE.iter().enumerate() {
        let user = UserRow {
            id: rng.user_id(),
            email: format!(
                "{}.{}@acme.example",
                first.to_lowercase(),
                last.to_lowercase()
            ),
            first_name: Some((*first).to_owned()),
            last_name: Some((*last).to_owned()),
            role: (*role).to_owned(),
            scim: *scim,
            created_at: ts(i as i64 * 86_400),
        };
        user.insert(conn)?;
        users.push(user.id);
    }
    let owner = users[0].clone();
    let mut default = workspace(&mut rng, "Default", "default", 0, &owner);
    default.is_default = true;
    default.description = Some("Every organization member belongs here".to_owned());
    default.save(conn)?;

    let mut clock = 30 * 86_400i64;
    if kind == SeedKind::Demo {
        for i in 0..4 {
            clock += 7_200;
            let creator = users[(i * 5) % users.len()].clone();
            make_key(
                &mut rng,
                &default.id,
                KEY_NAMES[(i + 9) % KEY_NAMES.len()].to_owned(),
                &format!("default-{i}"),
                clock,
                Some(creator),
            )
            .insert(conn)?;
        }
        for (wi, (name, slug, desc, member_idx, key_count, model)) in WORKSPACES.iter().enumerate()
        {
            clock += 86_400 * 3;
            let mut ws = workspace(&mut rng, name, slug, clock, &owner);
            ws.description = Some((*desc).to_owned());
            ws.default_text_model = Some((*model).to_owned());
            if wi % 2 == 0 {
                ws.default_provider_sort =
                    Some(["price", "throughput", "latency"][wi % 3].to_owned());
                ws.updated_at = Some(ts(clock + 86_400 * 10));
            }
            if *slug == "research" {
                ws.is_observability_io_logging_enabled = true;
                ws.io_logging_sampling_rate = 0.25;
                ws.io_logging_api_key_ids = Some(vec![1041, 1042]);
                ws.include_byok_in_budgets = true;
            }
            ws.save(conn)?;
            for (mi, &u) in member_idx.iter().enumerate() {
                conn.prepare_cached("INSERT INTO members (id, workspace_id, user_id, created_at) VALUES (?1,?2,?3,?4)")?
                    .execute(params![rng.uuid(), ws.id, users[u], ts(clock + 600 * (mi as i64 + 1))])?;
            }
            for k in 0..*key_count {
                clock += 3_600 * (1 + rng.below(48) as i64);
                let creator = users[member_idx[(k + wi) % member_idx.len()]].clone();
                let name = format!("{}-{}", slug, KEY_NAMES[(k * 3 + wi) % KEY_NAMES.len()]);
                let mut key = make_key(
                    &mut rng,
                    &ws.id,
                    name,
                    &format!("{slug}-{k}"),
                    clock,
                    Some(creator),
                );
                hygiene_case(&mut key, slug, k, anchor);
                // Keys a partner made for its end users (`external.user`): the chargeback's
                // spend per end user has some to show. No draw of the PRNG, so nothing else moves.
                if *slug == "production" && k >= 5 {
                    key.external_user = Some(format!("customer-{}", 1000 + 347 * k));
                }
                key.insert(conn)?;
            }
            let budgets: Vec<(&str, f64)> = match *slug {
                // 92% of the week's budget spent; the month's 73%, which the last week's
                // pace reaches in under four days.
                "data-labeling" => vec![("monthly", 5_000.0), ("weekly", 2_700.0)],
                _ => {
                    // Room for a steady pace: today's spend is part of a day, a window's
                    // rest at that pace fits, and the lifetime grows slowly.
                    let spent = workspace_spend(conn, &ws.id, ws.include_byok_in_budgets)?;
                    let room = |interval: &'static str, headroom: f64| {
                        let i = ["lifetime", "daily", "weekly", "monthly"]
                            .iter()
                            .position(|n| *n == interval)
                            .unwrap_or(0);
                        (interval, budget_above(spent[i], headroom))
                    };
                    match *slug {
                        "production" => {
                            vec![
                                room("monthly", 2.2),
                                room("weekly", 2.2),
                                room("daily", 3.0),
                            ]
                        }
                        "research" => vec![room("lifetime", 1.5), room("monthly", 2.2)],
                        "staging" => vec![room("daily", 3.0)],
                        _ => Vec::new(),
                    }
                }
            };
            for (interval, limit) in budgets {
                conn.prepare_cached("INSERT INTO budgets (id, workspace_id, interval, limit_usd, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?5)")?
                    .execute(params![rng.uuid(), ws.id, interval, limit, ts(clock + 1_800)])?;
            }
        }
        seed_guardrails(conn, &users, &ts(clock + 86_400))?;
        crate::seed_scim::seed_identity(conn, &users, &ts(clock + 2 * 86_400))?;
        crate::seed_scim::seed_generations(conn, &ts(clock + 3 * 86_400))?;
    }
    if kind == SeedKind::Demo {
        write_byok_and_destinations(conn)?;
    }
    // Scale data uses its own stream, so adding it never changes the demo rows above.
    let mut srng = Prng(0x7363_616c_6521_0001);
    for i in 0..scale.workspaces {
        let ws = workspace(
            &mut srng,
            &format!("Scale {:05}", i + 1),
            &format!("scale-{:05}", i + 1),
            200 * 86_400 + i as i64,
            &owner,
        );
        ws.save(conn)?;
    }
    if scale.keys > 0 {
        let mut ws = workspace(&mut srng, "Bulk", "bulk", 199 * 86_400, &owner);
        ws.description = Some(format!("{} generated keys for load tests", scale.keys));
        ws.save(conn)?;
        for k in 0..scale.keys {
            let creator = users[k as usize % users.len()].clone();
            make_key(
                &mut srng,
                &ws.id,
                format!("bulk-{:06}", k + 1),
                &format!("bulk-{k}"),
                199 * 86_400 + k as i64,
                Some(creator),
            )
            .insert(conn)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
