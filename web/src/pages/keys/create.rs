//! The create-key dialog, then the once-only secret.

use crate::components::dialog::Dialog;
use crate::components::field::{FormErrors, LimitResetSelect};
use crate::components::lost::{create_or_look, search, Lost, LostNotice};
use crate::pages::keys::secret::SecretDialog;
use crate::route::Route;
use crate::session::use_client;
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, CreateKey, CreatedKey, LimitReset};
use openrouter_admin::validate::Validate;
use openrouter_admin::FieldError;

/// The create action. The created key goes to `secret`, not into the action's value, so that the
/// secret is dropped from memory when its dialog closes ([`SecretDialog`]).
pub type CreateAction = Action<CreateKey, Result<(), openrouter_admin::Error>>;

/// A create whose answer was lost: where the search for the key stands, and what it searched
/// for (to search again).
#[derive(Clone, Copy)]
pub struct LostKey {
    /// Where the search stands.
    pub state: RwSignal<Lost<ApiKey>, LocalStorage>,
    asked: StoredValue<Option<(CreateKey, f64)>, LocalStorage>,
}

impl LostKey {
    /// No create lost yet.
    pub fn new() -> Self {
        LostKey {
            state: RwSignal::new_local(Lost::Clear),
            asked: StoredValue::new_local(None),
        }
    }

    /// Looks for the key of the last lost create (the core's reconcile: same name and workspace,
    /// created since just before the request was sent).
    pub async fn search(self) {
        let Some((body, since_ms)) = self.asked.get_value() else {
            return;
        };
        search(self.state, async move {
            use_client()?.keys().reconcile(&body, since_ms).send().await
        })
        .await;
    }
}

/// The create action, handing the created key to `secret`; failures show in the dialog. When the
/// answer is lost, the action looks for the key before it ends, so the list behind (which
/// reloads when the action ends so) shows it if it was made.
pub fn create_action(
    secret: RwSignal<Option<CreatedKey>, LocalStorage>,
    lost: LostKey,
) -> CreateAction {
    let writes = use_writes();
    Action::new_local(move |body: &CreateKey| {
        let body = body.clone();
        // The clock before the request is sent: the reconcile's window starts here.
        let since_ms = openrouter_admin::time::now_ms();
        lost.state.set(Lost::Clear);
        lost.asked.set_value(Some((body.clone(), since_ms)));
        let created = writes.run(
            async move { use_client()?.keys().create(body).send().await },
            move |created| {
                secret.set(Some(created.clone()));
                Then::quiet()
            },
            Failure::Shown,
        );
        async move { create_or_look(created, lost.search()).await.map(|_| ()) }
    })
}

/// Whether the keys list should load again after `create` ended this way: it went through, or its
/// answer was lost (the key may be there).
pub fn create_changed_list(r: &Result<(), openrouter_admin::Error>) -> bool {
    r.as_ref()
        .map_or_else(openrouter_admin::Error::is_outcome_unknown, |_| true)
}

/// The create-key dialog, then the once-only secret.
#[component]
pub fn CreateKeyDialog(
    /// The workspace the key goes in.
    ws_id: String,
    /// The create action.
    create: CreateAction,
    /// The created key, once there is one.
    secret: RwSignal<Option<CreatedKey>, LocalStorage>,
    /// A create whose answer was lost, and the search for its key.
    lost: LostKey,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let name = RwSignal::new(String::new());
    let limit = RwSignal::new(String::new());
    let reset = RwSignal::new(String::new());
    let byok = RwSignal::new(false);
    let expires = RwSignal::new(String::new());
    let ws_id = StoredValue::new(ws_id);
    let body = move || -> Result<CreateKey, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut k = CreateKey::new(name.get().trim()).workspace_id(ws_id.get_value());
        let l = limit.get();
        if !l.trim().is_empty() {
            match crate::decimal::parse(l.trim()) {
                Ok(v) => k = k.limit(v),
                Err(_) => errs.push(FieldError::new(
                    "limit",
                    "number",
                    "The limit must be a number of dollars",
                )),
            }
        }
        if !reset.get().is_empty() {
            k = k.limit_reset(LimitReset::parse(&reset.get()));
        }
        if byok.get() {
            k = k.include_byok_in_limit(true);
        }
        let e = expires.get();
        if !e.is_empty() {
            // <input type="datetime-local"> gives "2027-01-31T12:00"; the label says UTC.
            let full = if e.len() == 16 {
                format!("{e}:00Z")
            } else {
                format!("{e}Z")
            };
            k = k.expires_at(full);
        }
        errs.extend(k.field_errors());
        if errs.is_empty() {
            Ok(k)
        } else {
            Err(errs)
        }
    };
    let errors = FormErrors::new(Signal::derive(move || body().err().unwrap_or_default()));
    let err_for = move |field: &'static str| errors.of(field);

    // -- callbacks --
    // The action outlives the dialog: its last failure goes with the dialog.
    // A search still running, failed or found stays, so the form opened again cannot create a
    // second key unless the user says so ("Create another key").
    let close = Callback::new(move |()| {
        create.value().set(None);
        if lost.state.with_untracked(|l| *l == Lost::NotFound) {
            lost.state.set(Lost::Clear);
        }
        on_close.run(());
    });
    let blocked = move || create.pending().get() || lost.state.with(Lost::blocks_create);
    // The secret is held only until the user closes its dialog; then it is dropped.
    let close_secret = move |_| {
        secret.set(None);
        close.run(());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        // A second click before the button shows it is disabled must not create a second key.
        if create.pending().get_untracked() || lost.state.with_untracked(Lost::blocks_create) {
            return;
        }
        if let Ok(b) = body() {
            create.dispatch(b);
        }
    };
    // A lost answer is told by the search's notice, not as an error.
    let server_error = move || {
        create
            .value()
            .with(|r| match r {
                Some(Err(e)) if !e.is_outcome_unknown() => Some(e.message().to_string()),
                _ => None,
            })
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert">{text}</div> })
    };
    let again = move |()| leptos::task::spawn_local_scoped(lost.search());
    let create_label = move || {
        if create.pending().get() && !lost.state.with(Lost::is_lost) {
            "Creating…"
        } else if lost.state.with(|l| *l == Lost::NotFound) {
            "Create again"
        } else {
            "Create key"
        }
    };

    view! {
        <Show
            when=move || secret.with(Option::is_some)
            fallback=move || view! {
                <Dialog title="Create API key" on_close=close>
                    <form on:submit=submit novalidate>
                        <div class="ora-dialog-body">
                            {server_error}
                            <LostNotice lost=lost.state what="key" again=again />
                            <FoundKey lost=lost.state />
                            <div class="ora-field">
                                <label for="ora-key-name">"Name"</label>
                                <input id="ora-key-name" class="ora-input" bind:value=name aria-describedby="ora-key-name-error" on:input=move |_| errors.touch() />
                                <span class="ora-error" id="ora-key-name-error">{err_for("name")}</span>
                            </div>
                            <div class="ora-grid2">
                                <div class="ora-field">
                                    <label for="ora-key-limit">"Limit (USD)"</label>
                                    <input id="ora-key-limit" class="ora-input" inputmode="decimal" placeholder="No limit" bind:value=limit aria-describedby="ora-key-limit-error" />
                                    <span class="ora-error" id="ora-key-limit-error">{err_for("limit")}</span>
                                </div>
                                <LimitResetSelect id="ora-key-reset" value=reset />
                            </div>
                            <label class="ora-check"><input type="checkbox" id="ora-key-byok" bind:checked=byok />"Count BYOK usage toward the limit"</label>
                            <div class="ora-field">
                                <label for="ora-key-expires">"Expires (UTC)"</label>
                                <input id="ora-key-expires" class="ora-input" type="datetime-local" bind:value=expires aria-describedby="ora-key-expires-error" />
                                <span class="ora-error" id="ora-key-expires-error">{err_for("expires_at")}</span>
                            </div>
                        </div>
                        <div class="ora-dialog-foot">
                            <button class="ora-btn" type="button" on:click=move |_| close.run(())>"Cancel"</button>
                            <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-create" disabled=blocked>
                                {create_label}
                            </button>
                        </div>
                    </form>
                </Dialog>
            }
        >
            <SecretDialog secret=secret on_done=close_secret />
        </Show>
    }
}

/// The key a lost create made, found by the search: it exists, its secret is gone, and rotating
/// it gives a new one.
#[component]
fn FoundKey(
    /// Where the search stands.
    lost: RwSignal<Lost<ApiKey>, LocalStorage>,
) -> impl IntoView {
    move || {
        lost.with(|l| match l {
            Lost::Found(k) => {
                let open = Route::Key(k.hash.as_str().to_string());
                let rotate = open.href_with(&[("rotate", "1")]);
                Some(view! {
                    <div class="ora-alert ora-alert-ok ora-lost" role="status" aria-live="polite" id="ora-lost-found">
                        <p><strong>{format!("The key “{}” was created", k.name)}</strong>
                            {format!(" ({}), although its answer was lost on the way back. It is in the list now.", k.label)}</p>
                        <p>"Its secret was only in that lost answer and cannot be shown again. To use this key, rotate it: that makes a new secret and disables this one."</p>
                        <div class="ora-row">
                            <a class="ora-btn ora-btn-primary" id="ora-lost-rotate" href=rotate>"Rotate it for a new secret"</a>
                            <a class="ora-btn" id="ora-lost-open" href=open.href()>"Open key"</a>
                            <button type="button" class="ora-btn" id="ora-lost-another" on:click=move |_| lost.set(Lost::Clear)>
                                "Create another key"
                            </button>
                        </div>
                    </div>
                })
            }
            _ => None,
        })
    }
}
