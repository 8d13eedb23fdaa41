//! The demo seed's tests: the same seed gives the same bytes, and what it writes holds together.

use super::*;

/// 2026-12-01T12:00:00Z: the seeding time these tests pretend.
const ANCHOR: i64 = 1_796_126_400;

fn dump(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["users", "workspaces", "members", "budgets", "keys"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..n {
                    cells.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(cells.join("|"))
            })
            .unwrap();
        for row in rows {
            out.push(format!("{table}:{}", row.unwrap()));
        }
    }
    out
}

#[test]
fn the_same_seed_gives_byte_identical_rows() {
    let scale = SeedScale {
        workspaces: 3,
        keys: 50,
    };
    let mut a = crate::store::open(None).unwrap();
    let mut b = crate::store::open(None).unwrap();
    reseed_at(&mut a, SeedKind::Demo, scale, ANCHOR).unwrap();
    reseed_at(&mut b, SeedKind::Demo, scale, ANCHOR).unwrap();
    let first = dump(&a);
    assert_eq!(first, dump(&b));
    // And again on the same store, as a reset does.
    reseed_at(&mut a, SeedKind::Demo, scale, ANCHOR).unwrap();
    assert_eq!(first, dump(&a));
    assert_eq!(
        first.iter().filter(|r| r.starts_with("keys:")).count(),
        34 + 50
    );
}

#[test]
fn the_demo_holds_each_hygiene_case_relative_to_its_anchor() {
    let mut conn = crate::store::open(None).unwrap();
    reseed_at(&mut conn, SeedKind::Demo, SeedScale::default(), ANCHOR).unwrap();
    let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // Expiring in 20 hours, 5 days and 20 days from the anchor; expired 2 days before it.
    assert_eq!(
        one("SELECT expires_at FROM keys WHERE name = 'production-api-gateway'"),
        "2026-12-02T08:00:00.000Z"
    );
    assert_eq!(
        one("SELECT expires_at FROM keys WHERE name = 'staging-web-chat'"),
        "2026-12-06T12:00:00.000Z"
    );
    assert_eq!(
        one("SELECT expires_at || disabled FROM keys WHERE name = 'support-bot-ci'"),
        "2026-11-29T12:00:00.000Z0"
    );
    // The departed creator is no member of the organization.
    let members: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM users WHERE id = ?1",
            [DEPARTED_USER],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(members, 0);
    // 92% of a daily limit, and a weekly limit used up.
    let remaining = |name: &str| {
        let key = conn
            .query_row(
                &format!(
                    "SELECT {} FROM keys WHERE name = ?1",
                    crate::key_rows::KEY_COLS
                ),
                [name],
                KeyRow::from_row,
            )
            .unwrap();
        (key.limit.unwrap(), key.limit_remaining().unwrap())
    };
    assert_eq!(remaining("data-labeling-nightly-evals"), (100.0, 8.0));
    assert_eq!(remaining("data-labeling-translation"), (3_000.0, 780.0));
    assert_eq!(remaining("data-labeling-summarizer"), (500.0, 0.0));
}

#[test]
fn scale_rows_do_not_change_the_demo_rows() {
    let mut plain = crate::store::open(None).unwrap();
    let mut scaled = crate::store::open(None).unwrap();
    reseed_at(&mut plain, SeedKind::Demo, SeedScale::default(), ANCHOR).unwrap();
    reseed_at(
        &mut scaled,
        SeedKind::Demo,
        SeedScale {
            workspaces: 2,
            keys: 2,
        },
        ANCHOR,
    )
    .unwrap();
    let plain = dump(&plain);
    let scaled = dump(&scaled);
    assert!(plain.iter().all(|row| scaled.contains(row)));
}

#[test]
fn ten_thousand_keys_seed_in_one_transaction() {
    let mut conn = crate::store::open(None).unwrap();
    let start = std::time::Instant::now();
    reseed(
        &mut conn,
        SeedKind::Empty,
        SeedScale {
            workspaces: 0,
            keys: 10_000,
        },
    )
    .unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 10_000);
    // Generous for unoptimised builds on a busy machine; release takes well under a second.
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}
