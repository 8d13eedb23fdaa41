//! The application shell: providers, sign-in gate, navigation and the route switch.

use crate::components::chart::SeriesColours;
use crate::components::identity::Identity;
use crate::pages::activity::{CreditBalance, OrgActivity};
use crate::pages::keys::detail::KeyPage;
use crate::pages::members::org::OrgMembers;
use crate::pages::overview::all_keys::AllKeys;
use crate::pages::overview::page::Overview;
use crate::pages::signin::SignIn;
use crate::pages::workspaces::list::WorkspaceList;
use crate::pages::workspaces::new::NewWorkspace;
use crate::pages::workspaces::page::WorkspacePage;
use crate::route::{use_router, Route, Router};
use crate::services::{Loads, ThemeToggle, ToastProvider};
use crate::session::{load_config, use_session, Handoff, Session, SignedIn, DEFAULT_BASE_URL};
use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App(
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
    provide_context(session);

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
    let nav_current = move |section: &'static str| {
        let active = match route.get() {
            Route::Workspaces | Route::NewWorkspace | Route::Workspace(..) | Route::Key(..) => {
                "workspaces"
            }
            Route::Overview => "overview",
            Route::AllKeys => "keys",
            Route::OrgMembers => "members",
            Route::Activity => "activity",
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
                {move || match route.get() {
                    Route::Overview => view! { <Overview /> }.into_any(),
                    Route::AllKeys => view! { <AllKeys /> }.into_any(),
                    Route::Workspaces => view! { <WorkspaceList /> }.into_any(),
                    Route::NewWorkspace => view! { <NewWorkspace /> }.into_any(),
                    Route::Workspace(id, tab) => view! { <WorkspacePage id=id tab=tab /> }.into_any(),
                    Route::Key(hash) => view! { <KeyPage hash=hash /> }.into_any(),
                    Route::OrgMembers => view! { <OrgMembers /> }.into_any(),
                    Route::Activity => view! { <OrgActivity /> }.into_any(),
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
