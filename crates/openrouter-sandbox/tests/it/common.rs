use openrouter_sandbox::{serve, Config, Running};
use reqwest::Method;
use serde_json::Value;

pub const MGMT: &str = "sk-or-v1-0000000000000000000000000000000000000000000000000000000000000abc";

pub struct Sb {
    pub running: Running,
    pub http: reqwest::Client,
}

impl Drop for Sb {
    fn drop(&mut self) {
        self.running.shutdown();
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

impl Sb {
    /// Demo seed, in memory, control surface on.
    pub async fn start() -> Self {
        Self::with(Config {
            control: true,
            management_key: Some(MGMT.to_owned()),
            ..Config::default()
        })
        .await
    }

    pub async fn with(config: Config) -> Self {
        let running = serve(config).await.unwrap();
        Sb {
            running,
            http: client(),
        }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.running.addr)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{}", self.base(), path)
    }

    pub async fn call_as(
        &self,
        key: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self.http.request(method, self.api(path));
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, value)
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_as(Some(MGMT), method, path, body).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// A table of bad requests, each refused with `status`: `("PUT /path", body, needle)` is
    /// sent with the management key (`None`: no body) and its answer must be the error
    /// envelope with a message containing `needle`, as [`assert_error`] checks.
    pub async fn assert_errors(&self, status: u16, cases: &[(&str, Option<Value>, &str)]) {
        for (request, body, needle) in cases {
            let (method, path) = request.split_once(' ').unwrap();
            let got = self.call(method.parse().unwrap(), path, body.clone()).await;
            let (s, v) = &got;
            assert!(
                *s == status && v["error"]["code"] == status,
                "{} answered {s} {v}, not {status}",
                request
            );
            assert_error(&got, status, needle);
        }
    }

    /// A request to the API (`/api/v1{path}`) with the management key, for a test that sets
    /// headers or a body of its own; [`send`] it.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, self.api(path)).bearer_auth(MGMT)
    }

    /// `GET {base}{path}` without a key: a served file, the control surface, a path off the API.
    pub async fn fetch(&self, path: &str) -> reqwest::Response {
        send(self.http.get(format!("{}{path}", self.base()))).await
    }

    /// A request to the control surface (`/__sandbox{path}`), which takes no key; [`send`] it.
    pub fn control(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}/__sandbox{path}", self.base()))
    }

    /// Raw body text and status for a full URL.
    pub async fn raw(&self, method: Method, url: &str, body: Option<String>) -> reqwest::Response {
        let mut req = self.http.request(method, url).bearer_auth(MGMT);
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b);
        }
        req.send().await.unwrap()
    }

    /// A new workspace (asserted created): its `Workspace` object.
    pub async fn new_workspace(&self, name: &str, slug: &str) -> Value {
        let (s, v) = self
            .post(
                "/workspaces",
                serde_json::json!({ "name": name, "slug": slug }),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        v["data"].clone()
    }

    pub async fn workspace_id(&self, slug: &str) -> String {
        let (s, v) = self.get(&format!("/workspaces/{slug}")).await;
        assert_eq!(s, 200, "{v}");
        v["data"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn org_user_ids(&self) -> Vec<String> {
        let (_, v) = self.get("/organization/members?limit=100").await;
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect()
    }

    pub async fn log(&self) -> Vec<Value> {
        let v: Value = send(self.control(Method::GET, "/log"))
            .await
            .json()
            .await
            .unwrap();
        v["requests"].as_array().unwrap().clone()
    }

    pub async fn fault(&self, method: &str, path: &str, faults: Value) {
        let resp = send(
            self.control(Method::POST, "/faults")
                .json(&serde_json::json!({ "method": method, "path": path, "faults": faults })),
        )
        .await;
        assert_eq!(resp.status().as_u16(), 200);
    }
}

/// Sends a request built by hand; no answer at all fails the test here.
pub async fn send(req: reqwest::RequestBuilder) -> reqwest::Response {
    req.send().await.unwrap()
}

/// Asserts that `resp` is an error envelope with `status` as its status and its `code`, and
/// hands back its body.
pub async fn error_body(resp: reqwest::Response, status: u16) -> Value {
    assert_eq!(resp.status().as_u16(), status);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], status, "body: {v}");
    v
}

/// Asserts an error answer: the status, the envelope with `code` equal to it, and a
/// message containing `needle`.
#[track_caller]
pub fn assert_error(got: &(u16, Value), status: u16, needle: &str) {
    let (s, v) = got;
    assert_eq!(*s, status, "body: {v}");
    assert_eq!(
        v["error"]["code"].as_u64(),
        Some(u64::from(status)),
        "body: {v}"
    );
    let msg = v["error"]["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains(needle),
        "message {msg:?} should contain {needle:?}"
    );
}

pub fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How many keys of the Default workspace are named `name`: what a lost create made.
pub async fn keys_named(sb: &Sb, name: &str) -> usize {
    let (s, keys) = sb.get("/keys").await;
    assert_eq!(s, 200, "{keys}");
    keys["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["name"] == name)
        .count()
}

/// Every key of the organization, disabled ones too, workspace by workspace.
pub async fn all_keys(sb: &Sb) -> Vec<Value> {
    let (_, ws) = sb.get("/workspaces?limit=100").await;
    let mut keys = Vec::new();
    for w in ws["data"].as_array().unwrap() {
        let id = w["id"].as_str().unwrap();
        let (s, v) = sb
            .get(&format!("/keys?workspace_id={id}&include_disabled=true"))
            .await;
        assert_eq!(s, 200, "{v}");
        keys.extend(v["data"].as_array().unwrap().iter().cloned());
    }
    keys
}
