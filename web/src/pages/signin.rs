//! Sign-in: paste a management key, checked with `GET /key` before anything else is shown.

use crate::session::{use_session, SignInError, SignInField, PROXY_HELP_URL};
use leptos::prelude::*;
use openrouter_admin::ManagementKey;

/// The sign-in form.
#[component]
pub fn SignIn() -> impl IntoView {
    // -- signals --
    let session = use_session();
    let key = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let base_url = session.base_url();

    // -- signals: the check in flight and its refusal --
    // Plain signals and a task rather than an `Action`: this screen is the first-load module, and
    // an action links Leptos's async machinery into it.
    let pending = RwSignal::new(false);
    let refusal = RwSignal::new(None::<SignInError>);
    let error = move || refusal.get().map(|e| e.message);
    let proxy_help = move || refusal.with(|r| r.as_ref().is_some_and(|e| e.proxy_help));
    let at_fault =
        move |field: SignInField| refusal.with(|r| r.as_ref().and_then(|e| e.field) == Some(field));

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        refusal.set(None);
        // The key is a `ManagementKey` (redacted in Debug and Display) from here on.
        let (typed, base, remember) = (
            ManagementKey::new(key.get_untracked().trim()),
            base_url.get_untracked(),
            remember.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            let result = session.sign_in(typed, base, remember).await;
            pending.set(false);
            match result {
                // The key leaves the form's own signal once it is accepted: nothing but the
                // client keeps it.
                Ok(()) => key.set(String::new()),
                Err(e) => refusal.set(Some(e)),
            }
        });
    };

    view! {
        <main class="ora-signin">
            <div class="ora-card">
                <div class="ora-brand">
                    <span class="ora-brand-mark" aria-hidden="true"></span>
                    "OpenRouter admin"
                </div>
                <h1>"Sign in"</h1>
                <p class="ora-muted">
                    "Paste a management key. It stays in this tab's memory and is sent only to the API below."
                </p>
                <form on:submit=submit>
                    // A username field (hidden from view) lets password managers file the key
                    // under a recognisable account name.
                    <input type="text" name="username" autocomplete="username" value="openrouter-management-key" hidden />
                    <div class="ora-field">
                        <label for="ora-key">"Management key"</label>
                        <input
                            id="ora-key"
                            name="password"
                            class="ora-input ora-mono"
                            type="password"
                            autocomplete="current-password"
                            spellcheck="false"
                            placeholder="sk-or-v1-…"
                            aria-invalid=move || at_fault(SignInField::Key).then_some("true")
                            aria-describedby="ora-key-error"
                            bind:value=key
                        />
                    </div>
                    <div class="ora-field">
                        <label for="ora-base">"API base URL"</label>
                        <input
                            id="ora-base"
                            class="ora-input ora-mono"
                            type="url"
                            aria-invalid=move || at_fault(SignInField::BaseUrl).then_some("true")
                            aria-describedby="ora-key-error"
                            bind:value=base_url
                        />
                    </div>
                    <label class="ora-check">
                        <input type="checkbox" id="ora-remember" bind:checked=remember />
                        "Remember in this tab"
                    </label>
                    <Show when=move || remember.get()>
                        <p class="ora-alert ora-alert-warn" id="ora-remember-warning">
                            "The key will be kept in this tab's sessionStorage until you lock or close the tab. "
                            "Anything running on this page could read it; don't use this on a shared computer."
                        </p>
                    </Show>
                    <p id="ora-key-error" class="ora-error" role="alert">
                        {error}
                        // Always there, shown only when it helps: a `Show` here cost the first
                        // load about 0.7 KB more.
                        <a
                            id="ora-proxy-help"
                            href=PROXY_HELP_URL
                            target="_blank"
                            rel="noopener noreferrer"
                            hidden=move || !proxy_help()
                        >
                            "How to serve the page and the API from one origin"
                        </a>
                    </p>
                    <button class="ora-btn ora-btn-primary" type="submit" disabled=move || pending.get() || !session.ready().get()>
                        {move || if pending.get() { "Checking…" } else if !session.ready().get() { "Loading settings…" } else { "Sign in" }}
                    </button>
                </form>
            </div>
        </main>
    }
}
