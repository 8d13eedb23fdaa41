//! Findings against the sandbox: the demo organization shows every kind, a key created through
//! the API lands in the right group, and the read asks for what the rules need.

use std::collections::BTreeSet;

use openrouter_admin::findings::{Finding, Severity};
use openrouter_admin::time::{format_datetime, window_bounds, Window};

use super::*;

const DAY: f64 = 86_400_000.0;

async fn read() -> Vec<Finding> {
    let (_, found) = client()
        .organization()
        .snapshot()
        .findings()
        .await
        .expect("findings");
    found
}

/// A key in `production` with a limit, expiring `days` from now (whole seconds, as the API wants).
async fn expiring_key(c: &Client, days: f64) -> ApiKey {
    let ws = ok(c.workspace("production").get().send(), "production").await;
    let at = format_datetime((now() + days * DAY) as i64);
    c.keys()
        .create(
            CreateKey::new(unique("expiring"))
                .workspace_id(&ws.id)
                .limit(10.0)
                .expires_at(at),
        )
        .send()
        .await
        .expect("create")
        .data
}

#[wasm_bindgen_test]
async fn the_demo_organization_shows_every_kind_of_finding() {
    let found = read().await;
    let kinds: BTreeSet<&str> = found.iter().map(|f| f.kind.name()).collect();
    let mut want = vec![
        "expiring",
        "expired_not_disabled",
        "no_limit",
        "no_expiry",
        "limit_use",
        "budget_use",
        "idle",
        "creator_gone",
        "disabled_long",
        "credit_runway",
    ];
    // The demo's projections reach their limits within about four days: near a month's end
    // the month resets first, and then there is rightly nothing to project.
    let (_, month_end) = window_bounds(Window::Month, now() as i64);
    if (month_end as f64 - now()) / DAY > 4.0 {
        want.extend(["limit_projected", "budget_projected"]);
    }
    for kind in want {
        assert!(
            kinds.contains(kind),
            "no {kind} finding in the demo: {kinds:?}"
        );
    }
    // Expiry in each of its three groups.
    let expiring: BTreeSet<Severity> = found
        .iter()
        .filter(|f| f.kind.name() == "expiring")
        .map(|f| f.severity)
        .collect();
    assert_eq!(
        expiring,
        BTreeSet::from([Severity::Info, Severity::Warning, Severity::Critical])
    );
    // Most severe first.
    assert!(found.windows(2).all(|w| w[0].severity >= w[1].severity));
}

#[wasm_bindgen_test]
async fn a_key_created_to_expire_in_three_days_is_a_warning_with_a_rotation_fix() {
    let c = client();
    let key = expiring_key(&c, 3.0).await;
    let found = read().await;
    let mine: Vec<&Finding> = found
        .iter()
        .filter(|f| f.id.ends_with(key.hash.as_str()))
        .collect();
    c.key(&key.hash).delete().send().await.expect("delete");
    assert_eq!(mine.len(), 1, "{mine:#?}");
    assert_eq!(mine[0].id, format!("expiring:{}", key.hash));
    assert_eq!(mine[0].severity, Severity::Warning);
    assert!(
        matches!(
            &mine[0].fix,
            Some(openrouter_admin::findings::Fix::RotateWithExpiry { .. })
        ),
        "{:?}",
        mine[0].fix
    );
}

#[wasm_bindgen_test]
async fn seven_days_is_the_edge_of_the_warning_group() {
    let c = client();
    // Created to expire in exactly 7 days, read a moment later: inside the 7-day group.
    let inside = expiring_key(&c, 7.0).await;
    // An hour past it: the 30-day group.
    let outside = expiring_key(&c, 7.0 + 1.0 / 24.0).await;
    let found = read().await;
    for key in [&inside, &outside] {
        c.key(&key.hash).delete().send().await.expect("delete");
    }
    let severity = |hash: &KeyHash| {
        found
            .iter()
            .find(|f| f.id == format!("expiring:{hash}"))
            .map(|f| f.severity)
    };
    assert_eq!(severity(&inside.hash), Some(Severity::Warning));
    assert_eq!(severity(&outside.hash), Some(Severity::Info));
}

#[wasm_bindgen_test]
async fn budgets_read_only_where_they_can_matter_find_what_reading_every_budget_finds() {
    let c = client();
    let (snapshot, found) = c
        .organization()
        .snapshot()
        .findings()
        .await
        .expect("findings");
    // Every workspace's budgets, as the snapshot read them before it chose.
    let mut whole = snapshot.clone();
    for w in &snapshot.workspaces {
        let list = c.workspace(w.id.as_str()).budgets().list().send().await;
        whole.budgets.insert(w.id.clone(), list.expect("budgets"));
    }
    assert!(whole.budgets.len() >= snapshot.budgets.len());
    let every = openrouter_admin::findings::findings(&whole, &Default::default());
    assert_eq!(found, every);
    assert!(found.iter().any(|f| f.kind.name() == "budget_use"));
}
