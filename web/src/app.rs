//! The application shell: providers, sign-in gate, navigation and the route switch, and the
//! page's areas (`areas.rs`): the shell with the workspaces list (`app`), the organization's
//! views (`org`: the identity provider's among them), the Plan view (`plan`), and a workspace's,
//! a key's and a new workspace's (`workspace`).

use crate::areas::{split, Area, MakeView};
use crate::components::chart::SeriesColours;
use crate::components::identity::Identity;
use crate::pages::activity::{CreditBalance, OrgActivity};
use crate::pages::analytics::Analytics;
use crate::pages::identity::page::IdentityProvider;
use crate::pages::keys::detail::KeyPage;
use crate::pages::members::org::OrgMembers;
use crate::pages::overview::all_keys::AllKeys;
use crate::pages::overview::page::Overview;
use crate::pages::plan::page::PlanView;
use crate::pages::signin::SignIn;
use crate::pages::workspaces::list::WorkspaceList;
use crate::pages::workspaces::new::NewWorkspace;
use crate::pages::workspaces::page::WorkspacePage;
use crate::route::{use_router, Route, Router, Tab};
use crate::services::{Loads, ThemeToggle, ToastProvider};
use crate::session::{load_config, use_session, Handoff, Session, SignedIn, DEFAULT_BASE_URL};
use leptos::prelude::*;

/// The whole page.
#[component]
fn App(
    /// The API base URL chosen by an embedding page; `None` reads `config.json`.
    base_url: Option<String>,
    /// A key the first-load sign-in screen already checked; `None` starts at sign-in (or with
    /// the session this tab remembered).
    signed_in: Option<SignedIn>,
) -> impl IntoView {
    // A checked key comes with the base URL it was checked against (the sign-in module already
    // read config.json for it), so config.json is not read a second time.
    let base_url = base_url.or_else(|| signed_in.as_ref().map(|s| s.base_url.clone()));
    let session = provide_session(base_url);
    if let Some(signed_in) = signed_in {
        session.accept(signed_in);
    }
    provide_context(Router::new());
    Loads::provide();
    SeriesColours::provide();

    view! {
        <ToastProvider>
            <Show when=move || session.signed_in() fallback=|| view! { <SignIn /> }>
                <Shell />
            </Show>
        </ToastProvider>
    }
}

split!(
    app,
    preload_app,
    /// Mounts the whole page inside `element`, for good: the `app` area (the shell, navigation
    /// and the workspaces list), fetched once the sign-in form is up (or at once for a
    /// remembered key or a portal's `mount`).
    pub fn open_app(
        element: web_sys::HtmlElement,
        base_url: Option<String>,
        signed_in: Option<SignedIn>,
    ) -> () {
        let handle = leptos::mount::mount_to(element, move || {
            view! { <App base_url=base_url.clone() signed_in=signed_in.clone() /> }
        });
        handle.forget();
    }
);

/// The sign-in screen on its own: what the first-load module shows. A checked key goes to
/// `handoff`, which opens the signed-in page.
#[component]
pub fn SignInScreen(
    /// The API base URL chosen by an embedding page; `None` reads `config.json`.
    base_url: Option<String>,
    /// Opens the signed-in page with the checked key.
    handoff: Handoff,
) -> impl IntoView {
    let session = provide_session(base_url);
    session.hand_off_to(handoff);
    view! { <SignIn /> }
}

/// Creates the session and provides it as context; unless the embedder fixed the base URL,
/// reads `config.json` and holds sign-in back until it has.
fn provide_session(base_url: Option<String>) -> Session {
    // -- signals: the session every view shares, provided as context --
    let fixed_base = base_url.is_some();
    let session = Session::new(base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_string()));
    crate::session::provide_session(session);

    // -- tasks: a config.json base URL becomes the sign-in form's default --
    // A plain task rather than a resource: the first-load module then links none of Leptos's
    // async-resource machinery for this one read.
    if fixed_base {
        session.ready().set(true);
    } else {
        leptos::task::spawn_local(async move {
            let config = load_config().await;
            if !session.signed_in() {
                session.base_url().set(config.base_url);
                session.set_timeout_ms(config.timeout_ms);
            }
            session.ready().set(true);
        });
    }
    session
}

/// Navigation around the routed view.
#[component]
fn Shell() -> impl IntoView {
    let router = use_router();
    let session = use_session();
    // A memo, so that changing a list's query parameters does not re-mount the view.
    let route = Memo::new(move |_| router.route());
    prefetch_when_settled(50);
    let nav_current = move |section: &'static str| {
        let active = match route.get() {
            Route::Workspaces | Route::NewWorkspace | Route::Workspace(..) | Route::Key(..) => {
                "workspaces"
            }
            Route::Overview => "overview",
            Route::AllKeys => "keys",
            Route::OrgMembers => "members",
            Route::Activity => "activity",
            Route::Analytics => "analytics",
            Route::Identity => "identity",
            Route::Plan => "plan",
            Route::NotFound => "",
        };
        (active == section).then_some("page")
    };
    view! {
        <a class="ora-skip" href="#ora-main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("ora-main") {
                use wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                    let _ = main.focus();
                }
            }
        }>"Skip to content"</a>
        <div class="ora-shell">
            <header class="ora-side">
                <div class="ora-brand">
                    <span class="ora-brand-mark" aria-hidden="true"></span>
                    "OpenRouter admin"
                </div>
                <nav class="ora-nav" aria-label="Main">
                    {[
                        (Route::Overview, "overview", "Overview"),
                        (Route::Workspaces, "workspaces", "Workspaces"),
                        (Route::AllKeys, "keys", "All keys"),
                        (Route::OrgMembers, "members", "Organization members"),
                        (Route::Activity, "activity", "Activity"),
                        (Route::Analytics, "analytics", "Analytics"),
                        (Route::Identity, "identity", "Identity provider"),
                        (Route::Plan, "plan", "Plan"),
                    ]
                    .map(|(route, area, label)| view! {
                        <a href=route.href() aria-current=move || nav_current(area)>{label}</a>
                    })}
                </nav>
                <div class="ora-side-foot">
                    <Identity />
                    <CreditBalance />
                    <ThemeToggle />
                    <button class="ora-btn" id="ora-lock" on:click=move |_| session.lock()>
                        "Lock"
                    </button>
                </div>
            </header>
            <main class="ora-main" id="ora-main" tabindex="-1">
                // The workspaces list is the `app` area's, like this shell; the other views are
                // fetched by area when first opened (areas.rs).
                {move || match route.get() {
                    Route::Overview => view! { <Area load=overview_area /> }.into_any(),
                    Route::AllKeys => view! { <Area load=all_keys_area /> }.into_any(),
                    Route::Workspaces => view! { <WorkspaceList /> }.into_any(),
                    Route::NewWorkspace => view! { <Area load=new_workspace_area /> }.into_any(),
                    Route::Workspace(id, tab) => {
                        view! { <Area load=move || workspace_area(id.clone(), tab) /> }.into_any()
                    }
                    Route::Key(hash) => view! { <Area load=move || key_area(hash.clone()) /> }.into_any(),
                    Route::OrgMembers => view! { <Area load=org_members_area /> }.into_any(),
                    Route::Activity => view! { <Area load=activity_area /> }.into_any(),
                    Route::Analytics => view! { <Area load=analytics_area /> }.into_any(),
                    Route::Identity => view! { <Area load=identity_area /> }.into_any(),
                    Route::Plan => view! { <Area load=plan_area /> }.into_any(),
                    Route::NotFound => {
                        view! {
                            <h1>"Not found"</h1>
                            <p>
                                "No such page. " <a href=Route::Workspaces.href()>"Go to workspaces"</a>
                            </p>
                        }
                            .into_any()
                    }
                }}
            </main>
        </div>
    }
}

// The areas' entry points. Few areas, grouped by what a user opens together: each set of
// areas other than `app` that share a function is one more file to fetch (areas.rs; what they
// share with `app` is folded into its module), so a finer split costs requests and bytes more
// than it saves. A new view goes into the area whose views it shares most with: one more
// `split!` line here, naming that area; an area of its own only if every first opening stays
// within 6 files (`specs/areas.test.mjs`, `e2e/measure.mjs`).

split!(
    org,
    preload_org,
    /// The Overview and its findings.
    fn overview_area() -> MakeView {
        Box::new(move || view! { <Overview /> }.into_any())
    }
);

split!(
    org,
    preload_all_keys,
    /// All keys, over the same organization read as the Overview.
    fn all_keys_area() -> MakeView {
        Box::new(move || view! { <AllKeys /> }.into_any())
    }
);

split!(
    org,
    preload_activity,
    /// The organization's activity.
    fn activity_area() -> MakeView {
        Box::new(move || view! { <OrgActivity /> }.into_any())
    }
);

split!(
    org,
    preload_org_members,
    /// The organization's members.
    fn org_members_area() -> MakeView {
        Box::new(move || view! { <OrgMembers /> }.into_any())
    }
);

split!(
    org,
    preload_identity,
    /// The identity provider (SCIM groups and mappings): an organization view, in the `org` area
    /// (an area of its own made every shared file set that holds `app` split in two, taking
    /// sign-in to the table from 6 files to 8).
    fn identity_area() -> MakeView {
        Box::new(move || view! { <IdentityProvider /> }.into_any())
    }
);

split!(
    plan,
    preload_plan,
    /// The organization as a reviewed file (plan and apply): an area of its own, so that its
    /// code (the core's `orgfile`, about 160 KB) is fetched only by who opens it. What it shares
    /// with the shell is folded into the `app` area's module by the build
    /// (`xtask/src/wasm_fold.rs`), so it adds no file on the way to the workspaces table.
    fn plan_area() -> MakeView {
        Box::new(move || view! { <PlanView /> }.into_any())
    }
);

split!(
    workspace,
    preload_analytics,
    /// The analytics explorer and the chargeback. In the `workspace` area, the one it shares
    /// most code with (charts, tables, forms, key lists). As an area of its own (measured with
    /// the `app` area's chunks folded) its first opening fell from 469 KB to 109 KB, but a
    /// fourth area besides `app` made every other first opening 8 files (the Overview's among
    /// them; 6 at most, areas.rs). Not in `org`, which the start page opens at once.
    fn analytics_area() -> MakeView {
        Box::new(move || view! { <Analytics /> }.into_any())
    }
);

split!(
    workspace,
    preload_workspace,
    /// A workspace's header and tabs.
    fn workspace_area(id: String, tab: Tab) -> MakeView {
        Box::new(move || view! { <WorkspacePage id=id tab=tab /> }.into_any())
    }
);

split!(
    workspace,
    preload_key,
    /// A key's page.
    fn key_area(hash: String) -> MakeView {
        Box::new(move || view! { <KeyPage hash=hash /> }.into_any())
    }
);

split!(
    workspace,
    preload_new_workspace,
    /// The new-workspace form.
    fn new_workspace_area() -> MakeView {
        Box::new(move || view! { <NewWorkspace /> }.into_any())
    }
);

/// Calls [`prefetch_likely_areas`] once the view on screen has loaded (no "Loading…" left in
/// it), checking every 200 ms at most `tries` times: the prefetch must not share the wire with
/// the reads of the first view (the workspaces table).
fn prefetch_when_settled(tries: u32) {
    set_timeout(
        move || {
            let busy = document()
                .query_selector("#ora-main:empty, #ora-main .ora-loading")
                .ok()
                .flatten()
                .is_some();
            if busy && tries > 0 {
                prefetch_when_settled(tries - 1);
            } else {
                prefetch_likely_areas();
            }
        },
        std::time::Duration::from_millis(200),
    );
}

/// Fetches, at idle time once the view on screen has loaded, the areas a user most often opens
/// next (the organization's views, then a workspace's), so that opening them does not wait on
/// the network. A failure is left for the area to show when it is opened, which tries again.
fn prefetch_likely_areas() {
    request_idle_callback(|| {
        leptos::task::spawn_local(async {
            let _ = preload_org().await;
            let _ = preload_workspace().await;
        });
    });
}
