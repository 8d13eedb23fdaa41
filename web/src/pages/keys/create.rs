//! The create-key dialog, then the once-only secret.

use crate::components::dialog::Dialog;
use crate::components::field::{FormErrors, LimitResetSelect, TextField};
use crate::components::form::DialogFoot;
use crate::components::lost::{create_or_look, search, Lost, LostNotice};
use crate::components::secret::{Shown, ShownOnce};
use crate::pages::keys::form::NewKeyForm;
use crate::route::Route;
use crate::session::use_client;
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, CreateKey, CreatedKey};

/// The create action. The created key goes to `secret`, not into the action's value, so that the
/// secret is dropped from memory when its dialog closes ([`ShownOnce`]).
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
    let form = NewKeyForm::new();
    let ws_id = StoredValue::new(ws_id);
    let all_errors = Signal::derive(move || form.errors(&ws_id.get_value()));
    let errors = FormErrors::new(all_errors);

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
    let blocked =
        Signal::derive(move || create.pending().get() || lost.state.with(Lost::blocks_create));
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
        if all_errors.get_untracked().is_empty() {
            create.dispatch(form.to_create(&ws_id.get_value()));
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
    let create_label = Signal::derive(move || {
        if create.pending().get() && !lost.state.with(Lost::is_lost) {
            "Creating…"
        } else if lost.state.with(|l| *l == Lost::NotFound) {
            "Create again"
        } else {
            "Create key"
        }
        .to_string()
    });

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
                            <TextField id="ora-key-name" label="Name" field="name" value=form.name errors=errors />
                            <div class="ora-grid2">
                                <TextField id="ora-key-limit" label="Limit (USD)" field="limit" value=form.limit errors=errors
                                    inputmode="decimal" placeholder="No limit" />
                                <LimitResetSelect id="ora-key-reset" value=form.reset error=Signal::derive(errors.of("limit_reset")) />
                            </div>
                            <label class="ora-check"><input type="checkbox" id="ora-key-byok" bind:checked=form.byok />"Count BYOK usage toward the limit"</label>
                            <TextField id="ora-key-expires" label="Expires (UTC)" field="expires_at" value=form.expires errors=errors
                                kind="datetime-local" />
                        </div>
                        <DialogFoot id="ora-key-create" label=create_label blocked=blocked on_cancel=close />
                    </form>
                </Dialog>
            }
        >
            <ShownOnce secrets=secret.with_untracked(|s| s.iter().map(Shown::created).collect()) on_done=close_secret />
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
