//! `--serve` compresses as a static host does: brotli or gzip per Accept-Encoding, with
//! `Vary: Accept-Encoding`, and the bytes decode to the file (issue 11, point 5). The API's
//! answers beside it are unchanged.

use std::io::Read;

use serde_json::Value;

use reqwest::Method;

use crate::common::{error_body, send, Sb, MGMT};

/// A page whose files are worth compressing (tiny files go as they are).
fn site() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let index = format!(
        "<!doctype html><title>admin</title>{}",
        "<p>the admin page</p>".repeat(200)
    )
    .into_bytes();
    // Not text: every byte value, repeated, as a wasm module has.
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..40_000u32).map(|i| (i * 7 % 251) as u8))
        .collect();
    std::fs::write(dir.path().join("index.html"), &index).unwrap();
    std::fs::write(dir.path().join("app.wasm"), &wasm).unwrap();
    (dir, index, wasm)
}

async fn serving(dir: &tempfile::TempDir) -> Sb {
    Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        serve_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await
}

/// GET `url` accepting `encoding`: the answer's Content-Encoding (if any), Vary, and body.
async fn fetch(sb: &Sb, url: &str, encoding: &str) -> (Option<String>, String, Vec<u8>) {
    let resp = sb
        .http
        .get(url)
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{url}");
    let header = |name: &str| {
        resp.headers()
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let coding = Some(header("content-encoding")).filter(|c| !c.is_empty());
    let vary = header("vary");
    (coding, vary, resp.bytes().await.unwrap().to_vec())
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn files_are_sent_in_the_encoding_asked_for_and_decode_to_the_file() {
    let (dir, index, wasm) = site();
    let sb = serving(&dir).await;
    let base = sb.base();
    // The SPA fallback (a deep link answered with index.html) is compressed the same way.
    for (path, file) in [
        ("/app.wasm", &wasm),
        ("/", &index),
        ("/workspaces/production", &index),
    ] {
        let url = format!("{base}{path}");
        let (coding, vary, body) = fetch(&sb, &url, "br").await;
        assert_eq!(coding.as_deref(), Some("br"), "{path}");
        assert!(vary.contains("accept-encoding"), "{path}: vary {vary:?}");
        assert!(body.len() < file.len() / 2, "{path}: {} bytes", body.len());
        assert_eq!(&unbrotli(&body), file, "{path}");

        let (coding, vary, body) = fetch(&sb, &url, "gzip").await;
        assert_eq!(coding.as_deref(), Some("gzip"), "{path}");
        assert!(vary.contains("accept-encoding"), "{path}: vary {vary:?}");
        assert!(body.len() < file.len() / 2, "{path}: {} bytes", body.len());
        assert_eq!(&gunzip(&body), file, "{path}");

        // Brotli where both are welcome, as browsers send it.
        let (coding, _, body) = fetch(&sb, &url, "gzip, deflate, br, zstd").await;
        assert_eq!(coding.as_deref(), Some("br"), "{path}");
        assert_eq!(&unbrotli(&body), file, "{path}");

        // Neither: the file as it is, still marked as varying.
        let (coding, vary, body) = fetch(&sb, &url, "identity").await;
        assert_eq!(coding, None, "{path}");
        assert!(vary.contains("accept-encoding"), "{path}: vary {vary:?}");
        assert_eq!(&body, file, "{path}");
    }
    // Refused codings are not sent.
    let (coding, _, body) = fetch(&sb, &format!("{base}/app.wasm"), "br;q=0, gzip").await;
    assert_eq!(coding.as_deref(), Some("gzip"));
    assert_eq!(gunzip(&body), wasm);
}

#[tokio::test]
async fn a_range_is_sent_as_the_bytes_of_the_file() {
    let (dir, _, wasm) = site();
    let sb = serving(&dir).await;
    let resp = sb
        .http
        .get(format!("{}/app.wasm", sb.base()))
        .header("accept-encoding", "gzip, br")
        .header("range", "bytes=0-99")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 206);
    assert!(resp.headers().get("content-encoding").is_none());
    assert_eq!(resp.bytes().await.unwrap().to_vec(), wasm[..100].to_vec());
}

#[tokio::test]
async fn api_answers_beside_the_page_are_unchanged() {
    let (dir, _, _) = site();
    let sb = serving(&dir).await;
    for encoding in ["gzip, deflate, br, zstd", "br", "gzip"] {
        let resp = send(
            sb.request(Method::GET, "/workspaces")
                .header("accept-encoding", encoding)
                .header("origin", "https://admin.example"),
        )
        .await;
        assert_eq!(resp.status().as_u16(), 200);
        assert!(resp.headers().get("content-encoding").is_none());
        assert_eq!(resp.headers()["access-control-allow-origin"], "*");
        let v: Value = resp.json().await.unwrap();
        assert!(v["data"].as_array().is_some_and(|d| !d.is_empty()), "{v}");
        // Errors too: the envelope as JSON, readable.
        let resp = send(
            sb.request(Method::GET, "/workspaces/nope")
                .header("accept-encoding", encoding),
        )
        .await;
        error_body(resp, 404).await;
    }
    // And config.json, which a page reads first.
    let resp = sb
        .http
        .get(format!("{}/config.json", sb.base()))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    let v: Value = resp.json().await.unwrap();
    assert!(v["baseUrl"]
        .as_str()
        .is_some_and(|u| u.ends_with("/api/v1")));
}
