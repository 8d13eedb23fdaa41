//! Hash-based routing: every view has a [`Route`], every link is made from one.
//!
//! Why the hash and not the path: the page must work from any sub-path (`/admin/`, `/tools/or/`)
//! without being told it at build time, and must keep working behind a static server whose SPA
//! fallback returns `index.html` for unknown paths. With the route in the fragment the document is
//! always the sub-path's own `index.html`, its relative asset URLs (`./app-<hash>.wasm`) always
//! resolve, the server never sees the route, and deep links and back/forward come from the browser's
//! own `hashchange`. A path router would need the base at runtime *and* a `<base href>` before the
//! assets load, which means an inline script, which the Content-Security-Policy forbids.

use leptos::prelude::*;
use std::collections::BTreeMap;

/// One tab of a workspace's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Settings form and the danger zone.
    Settings,
    /// Workspace members.
    Members,
    /// API keys in the workspace.
    Keys,
    /// Budgets per interval.
    Budgets,
    /// Guardrails: the workspace's default one and the others, with what each governs.
    Guardrails,
    /// Spend drawn as charts.
    Usage,
    /// Bring-your-own provider keys.
    Byok,
    /// Observability (broadcast) destinations.
    Observability,
}

impl Tab {
    /// Every tab, in display order.
    pub const ALL: [Tab; 8] = [
        Tab::Settings,
        Tab::Members,
        Tab::Keys,
        Tab::Budgets,
        Tab::Guardrails,
        Tab::Usage,
        Tab::Byok,
        Tab::Observability,
    ];

    /// The path segment (and the tab's label in lower case).
    pub fn segment(self) -> &'static str {
        match self {
            Tab::Settings => "settings",
            Tab::Members => "members",
            Tab::Keys => "keys",
            Tab::Budgets => "budgets",
            Tab::Guardrails => "guardrails",
            Tab::Usage => "usage",
            Tab::Byok => "byok",
            Tab::Observability => "observability",
        }
    }

    /// The label shown on the tab.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Settings => "Settings",
            Tab::Members => "Members",
            Tab::Keys => "API keys",
            Tab::Budgets => "Budgets",
            Tab::Guardrails => "Guardrails",
            Tab::Usage => "Usage",
            Tab::Byok => "BYOK",
            Tab::Observability => "Observability",
        }
    }
}

/// Every view of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// What needs attention: credits, spend and findings (the start page).
    Overview,
    /// Every key of every workspace in one table.
    AllKeys,
    /// The workspace list.
    Workspaces,
    /// The create-workspace form.
    NewWorkspace,
    /// One workspace, on one tab; the id is the UUID or the slug.
    Workspace(String, Tab),
    /// One API key, by hash.
    Key(String),
    /// The organization's members.
    OrgMembers,
    /// The organization's activity and credits.
    Activity,
    /// The analytics explorer; its query is in the fragment's query parameters.
    Analytics,
    /// The identity provider: SCIM groups, their workspace mappings, sync.
    Identity,
    /// The organization as a reviewed file: plan and apply.
    Plan,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The route's path inside the fragment, without query.
    pub fn path(&self) -> String {
        match self {
            Route::Overview => "/overview".into(),
            Route::AllKeys => "/keys".into(),
            Route::Workspaces => "/workspaces".into(),
            Route::NewWorkspace => "/workspaces/new".into(),
            Route::Workspace(id, Tab::Settings) => format!("/workspaces/{}", enc(id)),
            Route::Workspace(id, tab) => format!("/workspaces/{}/{}", enc(id), tab.segment()),
            Route::Key(hash) => format!("/keys/{}", enc(hash)),
            Route::OrgMembers => "/members".into(),
            Route::Activity => "/activity".into(),
            Route::Analytics => "/analytics".into(),
            Route::Identity => "/identity".into(),
            Route::Plan => "/plan".into(),
            Route::NotFound => "/not-found".into(),
        }
    }

    /// A link to the route: `#/workspaces/…`, relative to the current document.
    pub fn href(&self) -> String {
        format!("#{}", self.path())
    }

    /// A link to the route with query parameters (empty values are left out).
    pub fn href_with(&self, query: &[(&str, &str)]) -> String {
        let mut href = self.href();
        let mut first = true;
        for (k, v) in query.iter().filter(|(_, v)| !v.is_empty()) {
            href.push(if first { '?' } else { '&' });
            first = false;
            href.push_str(&enc(k));
            href.push('=');
            href.push_str(&enc(v));
        }
        href
    }

    /// Parses the path part of a fragment (`/workspaces/prod/keys`).
    pub fn parse(path: &str) -> Route {
        let parts: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(dec).collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            [] | ["overview"] => Route::Overview,
            ["keys"] => Route::AllKeys,
            ["workspaces"] => Route::Workspaces,
            ["workspaces", "new"] => Route::NewWorkspace,
            ["workspaces", id] => Route::Workspace((*id).to_string(), Tab::Settings),
            ["workspaces", id, tab] => match Tab::ALL.iter().find(|t| t.segment() == *tab) {
                Some(tab) => Route::Workspace((*id).to_string(), *tab),
                None => Route::NotFound,
            },
            ["keys", hash] => Route::Key((*hash).to_string()),
            ["members"] => Route::OrgMembers,
            ["activity"] => Route::Activity,
            ["analytics"] => Route::Analytics,
            ["identity"] => Route::Identity,
            ["plan"] => Route::Plan,
            _ => Route::NotFound,
        }
    }
}

/// Where the page is: its route and the query parameters of the fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The view.
    pub route: Route,
    /// Offsets, filters and sort orders of lists.
    pub query: BTreeMap<String, String>,
}

impl Location {
    /// Parses a fragment such as `#/workspaces?q=prod&offset=50`.
    pub fn parse(hash: &str) -> Location {
        let hash = hash.trim_start_matches('#');
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (dec(k), dec(v))
            })
            .collect();
        Location {
            route: Route::parse(path),
            query,
        }
    }

    /// One query parameter, or "".
    pub fn param(&self, name: &str) -> String {
        self.query.get(name).cloned().unwrap_or_default()
    }

    /// The fragment for this location.
    pub fn href(&self) -> String {
        let pairs: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.route.href_with(&pairs)
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as the client encodes a
/// path segment (one spelling, in the core's `url`).
fn enc(s: &str) -> String {
    openrouter_admin::url::encode_component(s)
}

/// Reverses [`enc`]; malformed escapes are kept as they are.
fn dec(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The router, shared as context: the current location, kept in step with the address bar.
#[derive(Clone, Copy)]
pub struct Router {
    location: RwSignal<Location>,
}

impl Router {
    /// Reads the current fragment and follows `hashchange` (links, back and forward).
    pub fn new() -> Router {
        let location = RwSignal::new(Location::parse(&current_hash()));
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            location.set(Location::parse(&current_hash()));
        });
        on_cleanup(move || handle.remove());
        Router { location }
    }

    /// The current route (reactive).
    pub fn route(&self) -> Route {
        self.location.with(|l| l.route.clone())
    }

    /// One query parameter of the current location (reactive).
    pub fn param(&self, name: &str) -> String {
        self.location.with(|l| l.param(name))
    }

    /// Goes to a fragment and adds a history entry.
    pub fn push(&self, href: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        self.location.set(Location::parse(href));
    }

    /// Sets one query parameter without a new history entry (typing in a search box should not
    /// fill the back button), leaving the route alone.
    pub fn set_param(&self, name: &str, value: &str) {
        let mut next = self.location.get_untracked();
        if value.is_empty() {
            next.query.remove(name);
        } else {
            next.query.insert(name.to_string(), value.to_string());
        }
        if name != "offset" {
            next.query.remove("offset");
        }
        let href = next.href();
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        self.location.set(next);
    }
}

impl Default for Router {
    fn default() -> Self {
        Router::new()
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The router from context.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_without_encoding() {
        for route in [
            Route::Overview,
            Route::AllKeys,
            Route::Workspaces,
            Route::NewWorkspace,
            Route::Workspace("prod".into(), Tab::Settings),
            Route::Workspace("prod".into(), Tab::Keys),
            Route::OrgMembers,
            Route::Analytics,
            Route::Identity,
            Route::Plan,
        ] {
            assert_eq!(Route::parse(&route.path()), route);
        }
        assert_eq!(Route::parse("/nope/x/y/z"), Route::NotFound);
        assert_eq!(Route::parse(""), Route::Overview, "the start page");
        assert_eq!(Route::parse("/"), Route::Overview);
        assert_eq!(Route::parse("/keys/abc"), Route::Key("abc".into()));
        let loc = Location::parse("#/workspaces/a%20b/keys?q=x%26y&disabled=1");
        assert_eq!(loc.route, Route::Workspace("a b".into(), Tab::Keys));
        assert_eq!(loc.param("q"), "x&y");
        assert_eq!(Location::parse(&loc.href()), loc);
    }
}
