//! The sandbox as a server other tools point at: ambiguous credentials, numbers at the edge
//! of what JSON carries, oversized heads and clients that stall (issue 11, point 5).

use std::time::{Duration, Instant};

use openrouter_sandbox::Config;
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, Sb, MGMT};

#[tokio::test]
async fn two_authorization_headers_are_refused_with_400() {
    let sb = Sb::start().await;
    let resp = sb
        .http
        .get(sb.api("/key"))
        .header("authorization", format!("Bearer {MGMT}"))
        .header("authorization", "Bearer sk-or-v1-someone-else")
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    assert_eq!(
        resp.headers()
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes()),
        Some(&b"*"[..])
    );
    let v: Value = resp.json().await.unwrap();
    assert_error(&(status, v), 400, "Authorization");
    // The same pair on a management route, twice the same key: still ambiguous, still 400.
    let resp = sb
        .http
        .get(sb.api("/workspaces"))
        .header("authorization", format!("Bearer {MGMT}"))
        .header("authorization", format!("Bearer {MGMT}"))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let v: Value = resp.json().await.unwrap();
    assert_error(&(status, v), 400, "more than once");
}

/// The largest finite double, one near where `limit_remaining` used to overflow, and a
/// merely huge one: each must come back as itself, with a finite `limit_remaining`.
const EDGES: [f64; 3] = [f64::MAX, 1e304, 1e300];

#[track_caller]
fn assert_remaining_is_finite(key: &Value, limit: f64) {
    assert_eq!(key["limit"].as_f64(), Some(limit), "{key}");
    let remaining = key["limit_remaining"]
        .as_f64()
        .unwrap_or_else(|| panic!("limit_remaining must be a number: {key}"));
    assert!(remaining.is_finite() && remaining > 0.0, "{key}");
    // Spend of a few dollars vanishes at this magnitude: what remains is the limit.
    assert_eq!(remaining, limit, "{key}");
}

#[tokio::test]
async fn limit_remaining_stays_a_number_up_to_the_largest_double() {
    let sb = Sb::start().await;
    for limit in EDGES {
        let (s, v) = sb
            .post(
                "/keys",
                json!({"name": format!("edge {limit:e}"), "limit": limit}),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        assert_remaining_is_finite(&v["data"], limit);
        let hash = v["data"]["hash"].as_str().unwrap().to_owned();
        // Read back from the store, and through GET /key as the key itself.
        let (s, g) = sb.get(&format!("/keys/{hash}")).await;
        assert_eq!(s, 200, "{g}");
        assert_remaining_is_finite(&g["data"], limit);
        let secret = v["key"].as_str().unwrap();
        let (s, me) = sb.call_as(Some(secret), Method::GET, "/key", None).await;
        assert_eq!(s, 200, "{me}");
        assert_remaining_is_finite(&me["data"], limit);
        // Update: a small limit, then the edge again, in each window.
        for reset in ["daily", "weekly", "monthly"] {
            let (s, p) = sb
                .patch(
                    &format!("/keys/{hash}"),
                    json!({"limit": 1, "limit_reset": reset}),
                )
                .await;
            assert_eq!(s, 200, "{p}");
            assert_eq!(p["data"]["limit_remaining"], 1.0, "{p}");
            let (s, p) = sb
                .patch(&format!("/keys/{hash}"), json!({"limit": limit}))
                .await;
            assert_eq!(s, 200, "{p}");
            assert_remaining_is_finite(&p["data"], limit);
        }
    }
    // A spent seeded key with a huge limit: the subtraction stays finite too.
    let (_, list) = sb.get("/keys?include_disabled=true").await;
    let spent = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["usage"].as_f64().is_some_and(|u| u > 0.0))
        .expect("the demo seed has a key with usage")
        .clone();
    let hash = spent["hash"].as_str().unwrap();
    let (s, p) = sb
        .patch(
            &format!("/keys/{hash}"),
            json!({"limit": f64::MAX, "limit_reset": null}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert_remaining_is_finite(&p["data"], f64::MAX);
    // Past the largest double is not a number JSON can carry as one: refused, naming `limit`.
    let resp = sb
        .raw(
            Method::POST,
            &sb.api("/keys"),
            Some(r#"{"name":"too big","limit":1e309}"#.to_owned()),
        )
        .await;
    let status = resp.status().as_u16();
    let v: Value = resp.json().await.unwrap();
    assert_eq!(status, 400, "{v}");
}

#[tokio::test]
async fn budgets_keep_limits_up_to_the_largest_double() {
    let sb = Sb::start().await;
    // Budgets must strictly shrink lifetime > monthly > weekly > daily.
    let intervals = ["lifetime", "monthly", "weekly"];
    for (interval, limit) in intervals.into_iter().zip(EDGES) {
        let path = format!("/workspaces/staging/budgets/{interval}");
        let (s, v) = sb.put(&path, json!({ "limit_usd": limit })).await;
        assert_eq!(s, 200, "{interval}: {v}");
        assert_eq!(v["data"]["limit_usd"].as_f64(), Some(limit), "{v}");
        let (s, g) = sb.get(&path).await;
        assert_eq!(s, 200, "{g}");
        assert_eq!(g["data"]["limit_usd"].as_f64(), Some(limit), "{g}");
    }
}

/// One raw HTTP/1.1 answer: status, lower-cased head, body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    #[track_caller]
    fn assert_envelope_with_cors(&self, status: u16, needle: &str) {
        assert_eq!(self.status, status, "{}{}", self.head, self.body);
        assert!(
            self.head.contains("\r\naccess-control-allow-origin: *\r\n"),
            "{}",
            self.head
        );
        assert!(
            self.head.contains("\r\ncontent-type: application/json\r\n"),
            "{}",
            self.head
        );
        let v: Value = serde_json::from_str(&self.body).unwrap();
        assert_error(&(self.status, v), status, needle);
    }
}

/// Sends `request` as is on a new connection and reads one answer, within 5 s.
async fn raw_exchange(addr: std::net::SocketAddr, request: &[u8]) -> Answer {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    tokio::time::timeout(Duration::from_secs(5), read_answer(&mut stream))
        .await
        .expect("an answer within 5 s")
}

async fn read_answer(stream: &mut tokio::net::TcpStream) -> Answer {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end + 4]).to_ascii_lowercase();
            let len: usize = head
                .split("\r\n")
                .find_map(|l| l.strip_prefix("content-length: "))
                .map_or(0, |v| v.trim().parse().unwrap());
            if buf.len() >= end + 4 + len {
                let status = head[9..12].parse().unwrap();
                let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).into_owned();
                return Answer { status, head, body };
            }
        }
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(
            n > 0,
            "closed before a full answer: {:?}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[tokio::test]
async fn oversized_uri_is_414_with_the_envelope_and_cors() {
    let sb = Sb::start().await;
    let long = "a".repeat(70_000);
    let request = format!("GET /api/v1/key?x={long} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n");
    raw_exchange(sb.running.addr, request.as_bytes())
        .await
        .assert_envelope_with_cors(414, "request URI");
}

#[tokio::test]
async fn oversized_headers_are_431_with_the_envelope_and_cors() {
    let sb = Sb::start().await;
    let many: String = (0..150).map(|i| format!("x-h{i}: v\r\n")).collect();
    let request = format!("GET /api/v1/key HTTP/1.1\r\nhost: 127.0.0.1\r\n{many}\r\n");
    raw_exchange(sb.running.addr, request.as_bytes())
        .await
        .assert_envelope_with_cors(431, "request head");
    // One header larger than the head allows: the same answer.
    let big = "b".repeat(openrouter_sandbox::conn::MAX_HEAD_BYTES);
    let request = format!("GET /api/v1/key HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: {big}\r\n\r\n");
    raw_exchange(sb.running.addr, request.as_bytes())
        .await
        .assert_envelope_with_cors(431, "request head");
    // A malformed request line is hyper's 400, in the envelope too.
    raw_exchange(sb.running.addr, b"GET\x01 / HTTP/1.1\r\n\r\n")
        .await
        .assert_envelope_with_cors(400, "well-formed");
}

#[tokio::test]
async fn a_stalled_body_is_408_with_the_envelope() {
    let sb = Sb::with(Config {
        management_key: Some(MGMT.to_owned()),
        body_timeout: Duration::from_secs(1),
        ..Config::default()
    })
    .await;
    let request = format!(
        "POST /api/v1/workspaces HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer {MGMT}\r\n\
         content-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"name\":"
    );
    let (_, before) = sb.get("/workspaces?limit=100").await;
    let started = Instant::now();
    let answer = raw_exchange(sb.running.addr, request.as_bytes()).await;
    assert!(started.elapsed() >= Duration::from_millis(900));
    answer.assert_envelope_with_cors(408, "request body: not received within");
    // Nothing was created.
    let (_, after) = sb.get("/workspaces?limit=100").await;
    assert_eq!(before["data"], after["data"]);
}

/// A slow-loris run, bounded: a few hundred connections that send part of a request head
/// and stall, five times the connection cap. Another client must still get its answer at
/// once, and the stalled connections must be closed: the oldest to make room, the rest by
/// the header timeout.
#[tokio::test]
async fn stalled_clients_do_not_keep_others_out() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    const CAP: usize = 60;
    const STALLED: usize = 300;
    let header_timeout = Duration::from_secs(3);
    let sb = Sb::with(Config {
        management_key: Some(MGMT.to_owned()),
        header_timeout,
        max_connections: CAP,
        ..Config::default()
    })
    .await;
    let mut stalled = Vec::with_capacity(STALLED);
    for _ in 0..STALLED {
        let mut s = tokio::net::TcpStream::connect(sb.running.addr)
            .await
            .unwrap();
        s.write_all(b"GET /api/v1/key HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bea")
            .await
            .unwrap();
        stalled.push((s, Instant::now()));
    }
    // Let the server accept them all.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let (s, v) = tokio::time::timeout(Duration::from_secs(2), sb.get("/key"))
        .await
        .expect("a normal request is answered while stalled clients hold the cap");
    assert_eq!(s, 200, "{v}");
    assert!(
        started.elapsed() < header_timeout,
        "{:?}",
        started.elapsed()
    );

    // The oldest stalled connections were closed to make room, well before the timeout.
    let mut byte = [0u8; 1];
    for (s, _) in stalled.iter_mut().take(STALLED - CAP) {
        let n = tokio::time::timeout(Duration::from_millis(500), s.read(&mut byte))
            .await
            .expect("an evicted connection is closed");
        assert!(matches!(n, Ok(0) | Err(_)), "{n:?}");
    }
    // The newest is closed by the header timeout: not before it, and soon after.
    let (last, opened) = stalled.last_mut().unwrap();
    let n = tokio::time::timeout(
        header_timeout + Duration::from_secs(2),
        last.read(&mut byte),
    )
    .await
    .expect("a stalled connection is closed after the header timeout");
    assert!(matches!(n, Ok(0) | Err(_)), "{n:?}");
    assert!(
        opened.elapsed() >= header_timeout - Duration::from_millis(100),
        "closed after {:?}",
        opened.elapsed()
    );
}

/// The cap closes idle connections only: a request being served when stalled clients pile
/// up past the cap still gets its answer.
#[tokio::test]
async fn a_request_in_flight_is_never_evicted() {
    use tokio::io::AsyncWriteExt;
    let sb = Sb::with(Config {
        control: true,
        management_key: Some(MGMT.to_owned()),
        max_connections: 4,
        ..Config::default()
    })
    .await;
    sb.fault("GET", "/api/v1/key", json!([{"delay_ms": 800}]))
        .await;
    let slow = tokio::spawn({
        let http = sb.http.clone();
        let url = sb.api("/key");
        async move {
            http.get(url)
                .bearer_auth(MGMT)
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut stalled = Vec::new();
    for _ in 0..20 {
        let mut s = tokio::net::TcpStream::connect(sb.running.addr)
            .await
            .unwrap();
        s.write_all(b"GET /api/v1/key HTTP/1.1\r\n").await.unwrap();
        stalled.push(s);
    }
    let status = tokio::time::timeout(Duration::from_secs(5), slow)
        .await
        .expect("the slow request finishes")
        .unwrap();
    assert_eq!(status.map_err(|e| e.to_string()), Ok(200));
}
