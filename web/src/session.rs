//! The signed-in session: the management key (in memory), the base URL, and the client.
//!
//! The key lives in this module's signal and in the client built from it. It is written to
//! sessionStorage only when the user ticks "remember in this tab", and never to localStorage,
//! cookies, the URL or the console.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use openrouter_admin::{Client, ManagementKey};

/// Where a remembered session is kept (sessionStorage: this tab only, gone when it closes).
const STORAGE_KEY: &str = "ora-session";

/// OpenRouter's own API, used when no `config.json` names another.
pub const DEFAULT_BASE_URL: &str = "https://openrouter.ai/api/v1";

/// The README's same-origin proxy recipe, which the sign-in offers when the browser refused
/// the API: shipped beside the page (`web/assets/proxy-help.html`, copied into the build as
/// index.html's `copy-file` link says), so the link works wherever the page is served, with no public address. Relative to
/// the document, which always sits at the page's own folder (routes live in the fragment).
pub const PROXY_HELP_URL: &str = "proxy-help.html";

/// A value views share, with the count of writes when it was read.
type Shared = (usize, std::rc::Rc<dyn std::any::Any>);

/// The session service, from context.
#[derive(Clone, Copy)]
pub struct Session {
    client: RwSignal<Option<Client>, LocalStorage>,
    base_url: RwSignal<String>,
    label: RwSignal<String>,
    ready: RwSignal<bool>,
    handoff: StoredValue<Option<Handoff>, LocalStorage>,
    // config.json's `requestTimeoutMs`: the client's per-attempt timeout, when it names one.
    timeout_ms: StoredValue<Option<u32>>,
    // What views share while signed in (the organization's snapshot, for the Overview and All
    // keys), with the count of writes when it was read; forgotten at sign-in and sign-out.
    shared: StoredValue<Option<Shared>, LocalStorage>,
    // Writes that went through since sign-in: a shared read older than the last one is stale.
    writes: StoredValue<usize>,
}

/// A key that `GET /key` accepted as a management key: what the sign-in screen hands to the
/// signed-in page. No `Debug`, although the key's own is redacted.
#[derive(Clone)]
pub struct SignedIn {
    /// The management key, as pasted (trimmed).
    pub key: ManagementKey,
    /// The API base URL it was checked against.
    pub base_url: String,
    /// The key's masked label, for the header.
    pub label: String,
    /// The per-attempt timeout config.json named (`requestTimeoutMs`); the client's 30 s if none.
    pub timeout_ms: Option<u32>,
}

/// What `config.json` beside the page says.
pub struct PageConfig {
    /// The API's base URL (`baseUrl`); OpenRouter's when absent.
    pub base_url: String,
    /// The client's per-attempt timeout (`requestTimeoutMs`): for tests, which shorten it so
    /// that an answer delayed past it costs seconds (`--page-timeout-ms` of the sandbox).
    pub timeout_ms: Option<u32>,
}

/// Who takes over after a sign-in, when the sign-in screen runs on its own (the first-load
/// module). It opens the signed-in page, or says why it could not.
pub type Handoff = Rc<dyn Fn(SignedIn) -> Pin<Box<dyn Future<Output = Result<(), String>>>>>;

/// Why a sign-in did not go through, and which field it is about (so that only that field is
/// marked invalid: a good key is not shown in red because the page failed to download).
#[derive(Clone, Debug, PartialEq)]
pub struct SignInError {
    /// The field at fault, if one is.
    pub field: Option<SignInField>,
    /// What to tell the user.
    pub message: String,
    /// Whether to point to the same-origin proxy recipe ([`PROXY_HELP_URL`]): the browser
    /// refused the call or the network failed, with no answer from the API.
    pub proxy_help: bool,
}

/// A field of the sign-in form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInField {
    /// The management key.
    Key,
    /// The API base URL.
    BaseUrl,
}

impl SignInError {
    fn new(field: Option<SignInField>, message: impl Into<String>) -> SignInError {
        SignInError {
            field,
            message: message.into(),
            proxy_help: false,
        }
    }
}

impl Session {
    /// An empty session, restored from sessionStorage when the user asked for that earlier.
    pub fn new(base_url: String) -> Session {
        let session = Session {
            client: RwSignal::new_local(None),
            base_url: RwSignal::new(base_url),
            label: RwSignal::new(String::new()),
            ready: RwSignal::new(false),
            handoff: StoredValue::new_local(None),
            timeout_ms: StoredValue::new(None),
            shared: StoredValue::new_local(None),
            writes: StoredValue::new(0),
        };
        if let Some(signed_in) = restore() {
            session.accept(signed_in);
        }
        session
    }

    /// After a sign-in, hand the key to `handoff` instead of switching this page to the shell.
    pub fn hand_off_to(&self, handoff: Handoff) {
        self.handoff.set_value(Some(handoff));
    }

    /// Starts signed in with a key the sign-in screen already checked (in the other module, or
    /// in an earlier visit of this tab).
    pub fn accept(&self, signed_in: SignedIn) {
        self.timeout_ms.set_value(signed_in.timeout_ms);
        let client = build(signed_in.key, &signed_in.base_url, signed_in.timeout_ms).ok();
        self.start(client, signed_in.base_url, signed_in.label);
    }

    /// Signed in with `client`, which talks to `base_url` with the key labelled `label`.
    fn start(&self, client: Option<Client>, base_url: String, label: String) {
        self.shared.set_value(None);
        self.base_url.set(base_url);
        self.label.set(label);
        self.client.set(client);
    }

    /// The client without tracking.
    pub fn client_untracked(&self) -> Option<Client> {
        self.client.get_untracked()
    }

    /// Whether a key is loaded.
    pub fn signed_in(&self) -> bool {
        self.client.with(Option::is_some)
    }

    /// The base URL the client talks to, or the one the sign-in form starts with.
    pub fn base_url(&self) -> RwSignal<String> {
        self.base_url
    }

    /// Takes config.json's per-attempt timeout for the clients built from now on.
    pub fn set_timeout_ms(&self, timeout_ms: Option<u32>) {
        self.timeout_ms.set_value(timeout_ms);
    }

    /// Whether the base URL is settled (config.json read, or given by the embedder): until then
    /// a sign-in could go to the wrong API.
    pub fn ready(&self) -> RwSignal<bool> {
        self.ready
    }

    /// The masked label of the signed-in key, for the header.
    pub fn label(&self) -> String {
        self.label.get()
    }

    /// Checks the key with `GET /key` and, when it is a management key, keeps the client that
    /// checked it (or hands the key on, when this screen runs on its own).
    pub async fn sign_in(
        &self,
        key: ManagementKey,
        base_url: String,
        remember: bool,
    ) -> Result<(), SignInError> {
        let base_url = base_url.trim().trim_end_matches('/').to_string();
        if key.expose_secret().is_empty() {
            return Err(SignInError::new(
                Some(SignInField::Key),
                "Paste a management key.",
            ));
        }
        // A pasted `…`, `€` or control character: said here, by position and code point,
        // rather than by a request the browser refuses to build.
        if let Err(e) = key.check("key") {
            let why = e
                .validation_errors()
                .first()
                .map_or(e.message(), |f| &f.message);
            return Err(SignInError::new(Some(SignInField::Key), why));
        }
        let timeout_ms = self.timeout_ms.get_value();
        let client = build(key.clone(), &base_url, timeout_ms).map_err(|e| {
            SignInError::new(
                Some(SignInField::BaseUrl),
                format!("Base URL: {}", e.message()),
            )
        })?;
        let current = client.current_key().send().await.map_err(|e| {
            if e.status() == Some(401) {
                SignInError::new(
                    Some(SignInField::Key),
                    "This key was not accepted (401). Check that it was pasted whole and has not been deleted.",
                )
            } else if e.is_network() {
                // fetch rejected without a status: a CORS refusal or a network failure, which
                // a page cannot tell apart. Plain words, and the way out.
                SignInError {
                    proxy_help: true,
                    ..SignInError::new(
                        Some(SignInField::BaseUrl),
                        format!(
                            "The browser could not reach {} from this page. Either that API does \
                             not accept calls from pages on other sites (CORS), or the network \
                             failed. If the API is up, serve this page and the API from one \
                             origin through a proxy.",
                            openrouter_admin::url::origin(&base_url)
                        ),
                    )
                }
            } else if e.status().is_none() {
                SignInError::new(
                    Some(SignInField::BaseUrl),
                    format!("Could not reach {base_url}: {}", e.message()),
                )
            } else {
                SignInError::new(None, e.message())
            }
        })?;
        if !current.is_management_key {
            return Err(SignInError::new(
                Some(SignInField::Key),
                "This is an ordinary API key. The admin page needs a management key: create one in \
                 OpenRouter's settings under Management keys, then paste it here.",
            ));
        }
        let label = current.label.clone();
        forget_stored();
        if remember {
            store(&key, &base_url, &label, timeout_ms);
        }
        match self.handoff.get_value() {
            Some(handoff) => handoff(SignedIn {
                key,
                base_url,
                label,
                timeout_ms,
            })
            .await
            .map_err(|why| {
                SignInError::new(
                    None,
                    format!("The key is good, but the admin page did not open: {why}"),
                )
            }),
            None => {
                self.start(Some(client), base_url, label);
                Ok(())
            }
        }
    }

    /// Forgets the key: memory and sessionStorage.
    pub fn lock(&self) {
        forget_stored();
        self.client.set(None);
        self.label.set(String::new());
        self.shared.set_value(None);
    }

    /// Counts a write that went through: what views shared before it is read again.
    pub fn wrote(&self) {
        self.writes.try_update_value(|n| *n += 1);
    }

    /// What a view shared with [`share`](Self::share), unless a write went through since.
    pub fn shared<T: 'static>(&self) -> Option<std::rc::Rc<T>> {
        let writes = self.writes.try_get_value()?;
        self.shared
            .try_with_value(|s| match s {
                Some((at, value)) if *at == writes => value.clone().downcast::<T>().ok(),
                _ => None,
            })
            .flatten()
    }

    /// The count of writes so far: taken when a read starts, given to [`share`](Self::share).
    pub fn writes(&self) -> usize {
        self.writes.try_get_value().unwrap_or_default()
    }

    /// Keeps `value`, read when [`writes`](Self::writes) was `at`, for the other views of this
    /// session (one value at a time).
    pub fn share<T: 'static>(&self, at: usize, value: std::rc::Rc<T>) {
        self.shared.try_set_value(Some((at, value)));
    }
}

fn build(
    key: ManagementKey,
    base_url: &str,
    timeout_ms: Option<u32>,
) -> Result<Client, openrouter_admin::Error> {
    let builder = Client::builder()
        .api_key(key)
        .base_url(base_url)
        .max_retries(2);
    match timeout_ms {
        Some(ms) => builder.timeout(std::time::Duration::from_millis(ms.into())),
        None => builder,
    }
    .build()
}

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

// Stored as JSON text through the browser's own JSON: serde_json's `Value` (de)serializer would
// be linked into the first-load module for these three strings.
fn store(key: &ManagementKey, base_url: &str, label: &str, timeout_ms: Option<u32>) {
    let record = js_sys::Object::new();
    let key = key.expose_secret();
    for (name, value) in [("key", key), ("baseUrl", base_url), ("label", label)] {
        let _ = js_sys::Reflect::set(&record, &name.into(), &value.into());
    }
    if let Some(ms) = timeout_ms {
        let _ = js_sys::Reflect::set(&record, &"timeoutMs".into(), &ms.into());
    }
    let Some(value) = js_sys::JSON::stringify(&record)
        .ok()
        .and_then(|v| v.as_string())
    else {
        return;
    };
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &value);
    }
}

fn restore() -> Option<SignedIn> {
    let raw = storage()?.get_item(STORAGE_KEY).ok()??;
    let record = js_sys::JSON::parse(&raw).ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&record, &name.into())
            .ok()?
            .as_string()
    };
    Some(SignedIn {
        key: ManagementKey::new(field("key")?),
        base_url: field("baseUrl")?,
        label: field("label").unwrap_or_default(),
        timeout_ms: timeout_ms(&js_sys::Reflect::get(&record, &"timeoutMs".into()).ok()?),
    })
}

/// A timeout in milliseconds from JavaScript (config.json, storage): a whole number from 1 up,
/// else none (the client's own).
fn timeout_ms(value: &wasm_bindgen::JsValue) -> Option<u32> {
    let ms = value.as_f64()?;
    (ms >= 1.0 && ms <= f64::from(u32::MAX) && ms.fract() == 0.0).then_some(ms as u32)
}

fn forget_stored() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

thread_local! {
    /// The signed-in page's session, for code that runs where its context is not found: once a
    /// run of the areas spec saw an area's code, arriving after "Try again", read the session
    /// outside its view's owner and panic (`expected context of type Session`), which kills the
    /// page. One page, one thread, one signed-in session.
    static PROVIDED: std::cell::Cell<Option<Session>> = const { std::cell::Cell::new(None) };
}

/// Provides `session` to the views below, and keeps it for [`use_session`]'s fallback.
pub fn provide_session(session: Session) {
    provide_context(session);
    PROVIDED.with(|p| p.set(Some(session)));
}

/// The session from context; where there is none (see `PROVIDED`), the one provided, with a
/// console warning naming the caller, so that the cause can be found without a dead page.
#[track_caller]
pub fn use_session() -> Session {
    if let Some(session) = use_context::<Session>() {
        return session;
    }
    let caller = std::panic::Location::caller();
    web_sys::console::warn_1(&format!("the session was read outside its view, at {caller}").into());
    PROVIDED
        .with(|p| p.get())
        .expect("the session is provided before any view reads it")
}

/// The client of the signed-in session. Views that call it are only rendered while signed in;
/// should the session be locked meanwhile, the call fails like a 401 would.
pub fn use_client() -> Result<Client, openrouter_admin::Error> {
    use_session().client_untracked().ok_or_else(|| {
        openrouter_admin::Error::from_response(
            401,
            &[],
            "{\"error\":{\"code\":401,\"message\":\"Locked\"}}",
        )
    })
}

/// Reads `config.json` beside the page (`{"baseUrl": "...", "requestTimeoutMs": n}`, both
/// optional); falls back to OpenRouter and the client's own timeout.
pub async fn load_config() -> PageConfig {
    // Filled from the file on wasm32 only: natively (unit tests) the defaults stand.
    #[cfg_attr(not(target_arch = "wasm32"), allow(unused_mut))]
    let mut config = PageConfig {
        base_url: DEFAULT_BASE_URL.into(),
        timeout_ms: None,
    };
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Ok(promise) = window()
            .fetch_with_str("./config.json")
            .dyn_into::<js_sys::Promise>()
        else {
            return config;
        };
        let fetched = async {
            let resp: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .ok()?
                .dyn_into()
                .ok()?;
            if !resp.ok() {
                return None;
            }
            wasm_bindgen_futures::JsFuture::from(resp.json().ok()?)
                .await
                .ok()
        };
        if let Some(json) = fetched.await {
            let field = |name: &str| js_sys::Reflect::get(&json, &name.into()).unwrap_or_default();
            if let Some(url) = field("baseUrl").as_string().filter(|s| !s.is_empty()) {
                config.base_url = url;
            }
            config.timeout_ms = timeout_ms(&field("requestTimeoutMs"));
        }
    }
    config
}

#[cfg(test)]
mod tests {
    /// The help page the sign-in links to carries the README's recipe, code blocks included.
    #[test]
    fn the_proxy_help_page_is_the_readme_section() {
        let readme = include_str!("../../README.md");
        let page = include_str!("../assets/proxy-help.html");
        let section = &readme[readme.find("## Same-origin proxy").expect("section")..];
        let section = &section[..section.find("\n## ").expect("next section")];
        let unescape = |s: &str| {
            s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        };
        let page = unescape(page);
        let mut blocks = 0;
        for block in section.split("```").skip(1).step_by(2) {
            let code = block.split_once('\n').map_or("", |(_, c)| c).trim_end();
            assert!(page.contains(code), "the help page lacks:\n{code}");
            blocks += 1;
        }
        assert_eq!(blocks, 2, "the nginx and Caddy blocks");
    }
}
