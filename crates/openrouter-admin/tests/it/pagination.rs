//! Paging: by page, by item, keys in fixed pages of 100, the loop guard, concurrent fetch
//! keeping order.

use futures_util::{StreamExt, TryStreamExt};
use openrouter_admin::mock::{MockReply, MockTransport, RecordedRequest};
use openrouter_admin::ErrorKind;
use serde_json::json;

use crate::*;

fn offset_of(r: &RecordedRequest) -> u64 {
    r.query
        .iter()
        .find(|(k, _)| k == "offset")
        .map(|(_, v)| v.parse().expect("offset"))
        .unwrap_or(0)
}

fn limit_of(r: &RecordedRequest) -> u64 {
    r.query
        .iter()
        .find(|(k, _)| k == "limit")
        .map(|(_, v)| v.parse().expect("limit"))
        .unwrap_or(50)
}

/// A server with `total` workspaces named `ws-<n>`.
fn workspaces_server(total: u64) -> MockTransport {
    MockTransport::new().with_handler(move |r| {
        let (o, l) = (offset_of(r), limit_of(r));
        let data: Vec<_> = (o..(o + l).min(total))
            .map(|i| workspace(&format!("id-{i}"), &format!("ws-{i}")))
            .collect();
        ok(json!({"data": data, "total_count": total}))
    })
}

/// A `GET /keys` server with `total` keys, pages of 100, no total_count.
fn keys_server(total: u64) -> MockTransport {
    MockTransport::new().with_handler(move |r| {
        assert!(
            r.query.iter().all(|(k, _)| k != "limit"),
            "GET /keys takes no limit"
        );
        let o = offset_of(r);
        let data: Vec<_> = (o..(o + 100).min(total))
            .map(|i| api_key(&format!("h{i}"), &format!("k{i}")))
            .collect();
        ok(json!({"data": data}))
    })
}

#[test]
fn by_page_walks_until_total_count() {
    let c = client(workspaces_server(120));
    let pages: Vec<_> = block_on(
        c.workspaces()
            .list()
            .limit(50)
            .paginate()
            .by_page()
            .try_collect::<Vec<_>>(),
    )
    .expect("pages");
    assert_eq!(
        pages.iter().map(|p| p.data.len()).collect::<Vec<_>>(),
        vec![50, 50, 20]
    );
    let offsets: Vec<u64> = c.transport().requests().iter().map(offset_of).collect();
    assert_eq!(offsets, vec![0, 50, 100]);
}

#[test]
fn by_item_yields_every_item_in_order() {
    let c = client(workspaces_server(230));
    let items: Vec<_> = block_on(
        c.workspaces()
            .list()
            .limit(100)
            .paginate()
            .by_item()
            .try_collect::<Vec<_>>(),
    )
    .expect("items");
    assert_eq!(items.len(), 230);
    assert!(items
        .iter()
        .enumerate()
        .all(|(i, w)| w.slug == format!("ws-{i}")));
    assert_eq!(c.transport().requests().len(), 3);
}

#[test]
fn exact_multiple_needs_no_extra_request() {
    let c = client(workspaces_server(100));
    let items = block_on(c.workspaces().list().limit(50).paginate().collect_all()).expect("all");
    assert_eq!(items.len(), 100);
    assert_eq!(c.transport().requests().len(), 2);
}

#[test]
fn keys_page_by_100_until_a_short_page() {
    let c = client(keys_server(250));
    let items = block_on(
        c.keys()
            .list()
            .include_disabled(true)
            .paginate()
            .by_item()
            .try_collect::<Vec<_>>(),
    )
    .expect("keys");
    assert_eq!(items.len(), 250);
    let offsets: Vec<u64> = c.transport().requests().iter().map(offset_of).collect();
    assert_eq!(offsets, vec![0, 100, 200]);
    assert!(c.transport().requests().iter().all(|r| r
        .query
        .contains(&("include_disabled".into(), "true".into()))));

    // exactly 200: the third, empty page ends it
    let c = client(keys_server(200));
    let all = block_on(c.keys().list().paginate().collect_all()).expect("keys");
    assert_eq!(all.len(), 200);
    assert_eq!(c.transport().requests().len(), 3);
}

#[test]
fn keys_read_ahead_fetch_pages_in_waves_and_keep_order() {
    // 950 keys, 4 pages at a time: page 0, then waves of 4 from offset 100 until a short page.
    let c = client(keys_server(950));
    let all = block_on(c.keys().list().paginate().read_ahead().collect_all()).expect("keys");
    let hashes: Vec<String> = all.iter().map(|k| k.hash.to_string()).collect();
    let want: Vec<String> = (0..950).map(|i| format!("h{i}")).collect();
    assert_eq!(hashes, want);
    let mut offsets: Vec<u64> = c.transport().requests().iter().map(offset_of).collect();
    offsets.sort_unstable();
    assert_eq!(offsets, (0..=12).map(|p| p * 100).collect::<Vec<_>>());

    // The loop guard still holds: a server that ignores the offset stops at its first
    // repeated page (the first page, then one wave read ahead).
    let mock = MockTransport::new().with_handler(|_| {
        let data: Vec<_> = (0..100).map(|i| api_key(&format!("h{i}"), "k")).collect();
        ok(json!({"data": data}))
    });
    let c = client(mock);
    let e = block_on(c.keys().list().paginate().read_ahead().collect_all()).expect_err("guard");
    assert_eq!(e.kind(), ErrorKind::Pagination);
    assert!(e.message().contains("repeats an earlier page"), "{e}");
    assert!(c.transport().requests().len() <= 5);
}

/// A `GET /keys` server that never ends: every page is 100 new keys.
fn endless_keys() -> MockTransport {
    MockTransport::new().with_handler(|r| {
        let o = offset_of(r);
        let data: Vec<_> = (o..o + 100)
            .map(|i| api_key(&format!("h{i}"), "k"))
            .collect();
        ok(json!({"data": data}))
    })
}

/// A transport whose every answer takes a minute of the mock's virtual clock.
struct Slow(MockTransport);

impl openrouter_admin::Transport for Slow {
    async fn send(
        &self,
        req: openrouter_admin::HttpRequest,
    ) -> Result<openrouter_admin::HttpResponse, openrouter_admin::Error> {
        self.0.advance(std::time::Duration::from_secs(60));
        self.0.send(req).await
    }
    fn now_ms(&self) -> f64 {
        self.0.now()
    }
}

/// A client over [`Slow`] pages of a list that never ends.
fn slow_endless_client() -> Client<Slow> {
    Client::builder()
        .api_key(KEY)
        .base_url("http://sandbox.test/api/v1")
        .transport(Slow(endless_keys()))
        .build()
        .expect("client")
}

#[test]
fn more_than_a_thousand_pages_are_read_and_an_endless_list_stops_by_time() {
    use openrouter_admin::api::{Endpoint, ListKeys};
    use openrouter_admin::Paging;

    // 1,500 pages of keys (150,000): past the count the old guard stopped at.
    let pages = 1500u64;
    let mock = MockTransport::new().with_handler(move |r| {
        let o = offset_of(r);
        let n = if o / 100 + 1 < pages { 100 } else { 7 };
        let data: Vec<_> = (o..o + n)
            .map(|i| json!({"hash": format!("h{i}")}))
            .collect();
        ok(json!({"data": data}))
    });
    let c = client(mock);
    let keys = ListKeys::default();
    let results: Vec<_> = block_on(
        c.text_pages(keys.request(), Paging::of(&keys), None)
            .collect::<Vec<_>>(),
    );
    assert_eq!(results.len() as u64, pages);
    assert!(results.iter().all(Result::is_ok));

    // Distinct pages for ever, a minute each: the walk stops after its hour of waiting.
    let c = slow_endless_client();
    let e = block_on(c.keys().list().paginate().read_ahead().collect_all()).expect_err("time");
    assert_eq!(e.kind(), ErrorKind::Pagination);
    assert!(e.message().contains("took over 3600 s"), "{e}");
    let sent = c.transport().0.requests().len();
    assert!((61..=70).contains(&sent), "{sent} requests");

    // By page, with the paginator's own limit.
    let c = slow_endless_client();
    let results: Vec<_> = block_on(
        c.keys()
            .list()
            .paginate()
            .max_walk(std::time::Duration::from_secs(600))
            .by_page()
            .collect::<Vec<_>>(),
    );
    assert_eq!(results.len(), 11);
    assert!(results[..10].iter().all(Result::is_ok));
    assert_eq!(
        results[10].as_ref().expect_err("time").kind(),
        ErrorKind::Pagination
    );
}

#[test]
fn loop_guard_stops_an_endless_list() {
    // A broken server that always returns a full page and a huge total.
    let mock = MockTransport::new().with_handler(|_| {
        let data: Vec<_> = (0..100).map(|i| api_key(&format!("h{i}"), "k")).collect();
        ok(json!({"data": data}))
    });
    let c = client(mock);
    let results: Vec<_> = block_on(c.keys().list().paginate().by_page().collect::<Vec<_>>());
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let e = results[1].as_ref().expect_err("guard");
    assert_eq!(e.kind(), ErrorKind::Pagination);
    assert_eq!(c.transport().requests().len(), 2);

    let mock = MockTransport::new().with_handler(|_| {
        let data: Vec<_> = (0..100).map(|i| api_key(&format!("h{i}"), "k")).collect();
        ok(json!({"data": data}))
    });
    let c = client(mock);
    let e = block_on(c.keys().list().paginate().collect_all()).expect_err("guard");
    assert_eq!(e.kind(), ErrorKind::Pagination);
}

#[test]
fn collect_all_fetches_concurrently_and_keeps_order() {
    let c = client(workspaces_server(1000));
    let all = block_on(
        c.workspaces()
            .list()
            .limit(100)
            .paginate()
            .concurrency(4)
            .collect_all(),
    )
    .expect("all");
    assert_eq!(all.len(), 1000);
    assert!(
        all.iter()
            .enumerate()
            .all(|(i, w)| w.slug == format!("ws-{i}")),
        "order kept"
    );
    let mut offsets: Vec<u64> = c.transport().requests().iter().map(offset_of).collect();
    assert_eq!(offsets.len(), 10);
    offsets.sort_unstable();
    assert_eq!(offsets, (0..10).map(|i| i * 100).collect::<Vec<_>>());
}

#[test]
fn an_error_ends_the_walk() {
    let mock = MockTransport::new();
    mock.push(ok(json!({"data": [member("a")], "total_count": 3})));
    mock.push(err(403, "Only management keys can perform this operation"));
    let c = client(mock);
    let results: Vec<_> = block_on(
        c.workspace("w")
            .members()
            .list()
            .limit(1)
            .paginate()
            .by_page()
            .collect::<Vec<_>>(),
    );
    assert_eq!(results.len(), 2);
    assert!(results[1].as_ref().is_err_and(|e| e.is_forbidden()));
}

#[test]
fn empty_list() {
    let c = client_of([ok(json!({"data": [], "total_count": 0}))]);
    let all = block_on(c.organization().members().list().paginate().collect_all()).expect("empty");
    assert!(all.is_empty());
    let _ = MockReply::network();
}

/// The text walk the npm package's paginators use: from the first page's request and its
/// `Paging`, the same pages, queries and stop rules as the typed walk.
#[test]
fn text_pages_walk_from_the_first_request() {
    use openrouter_admin::api::{Endpoint, ListKeys, ListWorkspaces};
    use openrouter_admin::Paging;

    // A list with a total_count: later pages set the offset, the rest of the query stays.
    let c = client(workspaces_server(120));
    let mut list = ListWorkspaces::default();
    list.limit = Some(50);
    let pages: Vec<String> = block_on(
        c.text_pages(list.request(), Paging::of(&list), None)
            .try_collect::<Vec<_>>(),
    )
    .expect("pages");
    assert_eq!(pages.len(), 3);
    let queries: Vec<_> = c
        .transport()
        .requests()
        .iter()
        .map(|r| r.query.clone())
        .collect();
    assert_eq!(
        queries,
        vec![
            vec![("limit".into(), "50".into())],
            vec![
                ("offset".into(), "50".into()),
                ("limit".into(), "50".into())
            ],
            vec![
                ("offset".into(), "100".into()),
                ("limit".into(), "50".into())
            ],
        ]
    );

    // Fixed pages of 100 from an offset: a short page ends it, and a given offset is replaced.
    let c = client(keys_server(250));
    let mut keys = ListKeys::default();
    keys.offset = Some(100);
    keys.include_disabled = Some(true);
    let pages: Vec<String> = block_on(
        c.text_pages(keys.request(), Paging::of(&keys), None)
            .try_collect::<Vec<_>>(),
    )
    .expect("pages");
    assert_eq!(pages.len(), 2);
    let offsets: Vec<u64> = c.transport().requests().iter().map(offset_of).collect();
    assert_eq!(offsets, vec![100, 200]);
    assert!(c.transport().requests().iter().all(|r| r
        .query
        .contains(&("include_disabled".into(), "true".into()))));
}

#[test]
fn text_pages_of_an_invalid_list_fail_before_sending() {
    use openrouter_admin::api::{Endpoint, ListWorkspaces};
    use openrouter_admin::Paging;

    let c = client(workspaces_server(10));
    let mut list = ListWorkspaces::default();
    list.limit = Some(500);
    let results: Vec<_> = block_on(
        c.text_pages(list.request(), Paging::of(&list), None)
            .collect::<Vec<_>>(),
    );
    assert_eq!(results.len(), 1);
    let error = results[0].as_ref().expect_err("limit out of range");
    assert!(error.is_validation(), "{error:?}");
    assert!(c.transport().requests().is_empty());
}

#[test]
fn text_pages_stop_at_the_loop_guard() {
    use openrouter_admin::api::{Endpoint, ListKeys};
    use openrouter_admin::Paging;

    let mock = MockTransport::new().with_handler(|_| {
        let data: Vec<_> = (0..100).map(|i| api_key(&format!("h{i}"), "k")).collect();
        ok(json!({"data": data}))
    });
    let c = client(mock);
    let keys = ListKeys::default();
    let results: Vec<_> = block_on(
        c.text_pages(keys.request(), Paging::of(&keys), None)
            .collect::<Vec<_>>(),
    );
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let error = results[1].as_ref().expect_err("loop guard");
    assert_eq!(error.kind(), ErrorKind::Pagination);
    assert_eq!(c.transport().requests().len(), 2);
}
