//! The typed analytics query builder, as properties over seeded random sequences of steps:
//! each step is refused exactly when a model of the API's limits says it breaks one, a
//! refusal names the field, and whatever the builder holds is a body the API takes (the
//! endpoint's own check agrees). `PROPERTY_RUNS` and `PROPERTY_SEED` (as the xtask's other
//! property tests) change how many sequences and which.

use openrouter_admin::api::{Endpoint, QueryAnalytics};
use openrouter_admin::models::*;
use openrouter_admin::time::format_datetime;
use openrouter_admin::validate::Validate;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const DAY: i64 = 86_400_000;
const HOUR: i64 = 3_600_000;

/// What the builder should hold, kept by the test's own rules.
#[derive(Default)]
struct Model {
    dims: Vec<String>,
    filters: usize,
    window: Option<i64>,
    minute: bool,
    classifier: bool,
}

impl Model {
    fn window_ok(&self, w: i64, minute: bool, classifier: bool) -> bool {
        w <= if classifier { 31 * DAY } else { 365 * DAY } && (!minute || w <= 3 * HOUR)
    }
}

const GRANULARITIES: [Granularity; 5] = [
    Granularity::Minute,
    Granularity::Hour,
    Granularity::Day,
    Granularity::Week,
    Granularity::Month,
];

#[test]
fn the_builder_refuses_exactly_what_the_api_would() {
    let runs = env_number("PROPERTY_RUNS", 3_000);
    let seed = env_number("PROPERTY_SEED", 0x616e_616c_7974_6963);
    let mut rng = Rng(seed);
    let (mut accepted, mut refused, mut too_many_filters) = (0u64, 0u64, 0u64);
    for run in 0..runs {
        let mut q = AnalyticsQuery::new("spend");
        let mut m = Model::default();
        // One run in four is mostly filters, so that the 21st is tried.
        let filter_heavy = rng.below(4) == 0;
        for _ in 0..rng.below(60) {
            let step = if filter_heavy && rng.below(5) > 0 {
                1
            } else {
                rng.below(7)
            };
            let (next, want_ok, field) = match step {
                0 => {
                    let d = rng
                        .pick(&["model", "workspace", "api_key_id", "user"])
                        .to_string();
                    let ok = m.dims.len() < 2 && !m.dims.contains(&d);
                    if ok {
                        m.dims.push(d.clone());
                    }
                    (q.clone().group_by(d), ok, "dimensions")
                }
                1 => {
                    let op = rng
                        .pick(&[
                            FilterOperator::Eq,
                            FilterOperator::In,
                            FilterOperator::NotIn,
                            FilterOperator::Neq,
                        ])
                        .clone();
                    let list = rng.below(2) == 0;
                    let value = if list {
                        FilterValue::texts(["a", "b"])
                    } else {
                        FilterValue::text("a")
                    };
                    let shape_ok = op.takes_list() == list;
                    let ok = m.filters < 20 && shape_ok;
                    let field = if m.filters >= 20 {
                        "filters"
                    } else {
                        "filters["
                    };
                    too_many_filters += u64::from(m.filters >= 20);
                    if ok {
                        m.filters += 1;
                    }
                    (
                        q.clone().filter(AnalyticsFilter::new("model", op, value)),
                        ok,
                        field,
                    )
                }
                2 => {
                    let start = 1_700_000_000_000i64 + rng.below(1_000) as i64 * DAY;
                    let len = *rng.pick(&[
                        HOUR,
                        3 * HOUR,
                        3 * HOUR + 1_000,
                        DAY,
                        31 * DAY,
                        32 * DAY,
                        365 * DAY,
                        366 * DAY,
                        0,
                        -DAY,
                    ]);
                    let ok = len > 0 && m.window_ok(len, m.minute, m.classifier);
                    if ok {
                        m.window = Some(len);
                    }
                    let field = if len <= 0 {
                        "time_range"
                    } else if m.window_ok(len, false, m.classifier) {
                        "granularity"
                    } else {
                        "time_range"
                    };
                    (
                        q.clone()
                            .window(&format_datetime(start), &format_datetime(start + len)),
                        ok,
                        field,
                    )
                }
                3 => {
                    let g = rng.pick(&GRANULARITIES).clone();
                    let minute = g == Granularity::Minute;
                    let ok = m.window_ok(m.window.unwrap_or(7 * DAY), minute, m.classifier);
                    if ok {
                        m.minute = minute;
                    }
                    (q.clone().granularity(g), ok, "granularity")
                }
                4 => {
                    let n = *rng.pick(&[0u32, 1, 1_000, 10_000, 10_001, u32::MAX]);
                    ((q.clone().limit(n)), (1..=10_000).contains(&n), "limit")
                }
                5 => {
                    let n = *rng.pick(&[0u32, 1, 10_000, 10_001]);
                    (
                        (q.clone().group_limit(n)),
                        (1..=10_000).contains(&n),
                        "group_limit",
                    )
                }
                _ => {
                    let ok = m.window_ok(m.window.unwrap_or(7 * DAY), m.minute, true);
                    if ok {
                        m.classifier = true;
                    }
                    let spec = JsonObject::from_json(
                        r#"{"classifier_id":"550e8400-e29b-41d4-a716-446655440000"}"#,
                    );
                    (q.clone().classifier_dimensions(spec), ok, "time_range")
                }
            };
            match next {
                Ok(n) => {
                    assert!(
                        want_ok,
                        "run {run} (seed {seed}): step {step} accepted, the model refuses it"
                    );
                    accepted += 1;
                    q = n;
                }
                Err(e) => {
                    assert!(
                        !want_ok,
                        "run {run} (seed {seed}): step {step} refused: {e}"
                    );
                    assert!(e.is_validation());
                    let named = &e.validation_errors()[0].field;
                    assert!(
                        named.starts_with(field),
                        "run {run}: {named} for step {step}, want {field}"
                    );
                    refused += 1;
                }
            }
            // Whatever it holds, the API takes.
            let errors = q.body().field_errors();
            assert!(
                errors.is_empty(),
                "run {run} (seed {seed}): holds {errors:?}"
            );
        }
        let body = q.clone().build().expect("a held query builds");
        assert!(body.dimensions.as_ref().map_or(0, Vec::len) <= 2);
        assert!(body.filters.as_ref().map_or(0, Vec::len) <= 20);
        QueryAnalytics::new(body)
            .request()
            .expect("and the endpoint sends it");
    }
    assert!(
        accepted > runs && refused > runs / 4 && too_many_filters > 0,
        "every kind seen: {accepted} accepted, {refused} refused, {too_many_filters} past 20 filters"
    );
    println!("{runs} runs (seed {seed}): {accepted} steps accepted, {refused} refused, {too_many_filters} past 20 filters");
}

#[test]
fn a_body_built_by_hand_is_checked_by_the_endpoint_before_sending() {
    let mut body = AnalyticsQueryBody::new(Vec::<String>::new());
    body.dimensions = Some(vec!["model".into(), "user".into(), "workspace".into()]);
    body.filters = Some(
        (0..21)
            .map(|_| AnalyticsFilter::new("model", FilterOperator::In, FilterValue::text("x")))
            .collect(),
    );
    body.limit = Some(10_000.5);
    body.granularity = Some(Granularity::Minute);
    let e = QueryAnalytics::new(body).request().expect_err("refused");
    let fields: Vec<&str> = e
        .validation_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        &fields[..4],
        ["metrics", "dimensions", "filters", "filters[0].value"],
        "{fields:?}"
    );
    assert!(
        fields.contains(&"granularity") && fields.contains(&"limit"),
        "{fields:?}"
    );
}

#[test]
fn counts_beyond_two_to_the_53_stay_exact() {
    let row: AnalyticsRow = serde_json::from_str(
        r#"{"a": "9007199254740993", "b": 12, "c": "x", "d": 1.5, "e": null}"#,
    )
    .expect("a row");
    let a = row.count("a").expect("digits");
    assert_eq!(a.as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(a.as_str(), "9007199254740993");
    assert_eq!(
        a.as_f64(),
        9_007_199_254_740_992.0,
        "the lossy reading says so"
    );
    assert_eq!(row.count("b").map(|c| c.as_u64()), Some(Some(12)));
    assert_eq!(row.count("c"), None);
    assert_eq!(row.count("d"), None, "a fraction is no count");
    assert_eq!(row.count("e"), None);
    assert_eq!(Count::parse("-1"), None);
}
