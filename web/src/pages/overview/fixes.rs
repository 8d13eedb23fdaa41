//! The findings' fixes, applied through the keys' bulk action (one result line per key):
//! disable, delete (the typed confirmation of a bulk delete), set a limit (a dialog with the
//! suggested limit), and set an expiry by rotating (one key at a time, because each new
//! secret is shown once). A fix applies to one finding, or to every selected finding that
//! has the same fix.

use crate::components::dialog::Dialog;
use crate::components::secret::{Shown, ShownOnce};
use crate::format::usd;
use crate::pages::keys::bulk::{bulk_action, Bulk, BulkAction, BulkOp, BulkResults, DeleteKeys};
use crate::route::{use_router, Route};
use crate::services::use_toasts;
use crate::session::use_client;
use crate::write::{failure_message, succeeded, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::findings::{Finding, Fix, Object};
use openrouter_admin::models::{CreatedKey, UpdateKey};

/// A fix the page can apply to a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// Disable the key.
    Disable,
    /// Delete the key.
    Delete,
    /// Set its limit.
    SetLimit,
    /// Rotate it into a key that expires.
    Rotate,
}

impl FixKind {
    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            FixKind::Disable => "Disable",
            FixKind::Delete => "Delete…",
            FixKind::SetLimit => "Set a limit…",
            FixKind::Rotate => "Rotate with an expiry…",
        }
    }
}

/// A finding's fix, as the page applies it to its key.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Which fix.
    pub kind: FixKind,
    /// The key's hash.
    pub hash: String,
    /// The key's name.
    pub name: String,
    /// The suggested limit (USD), for [`FixKind::SetLimit`].
    pub limit: f64,
    /// The suggested expiry (`YYYY-MM-DDTHH:MM:SSZ`), for [`FixKind::Rotate`].
    pub expires_at: String,
}

/// What the page can do about `f`: a fix of its key, or nothing (a budget, the credits).
pub fn target(f: &Finding) -> Option<Target> {
    let Some(Object::Key { hash, name, .. }) = f.objects.first() else {
        return None;
    };
    let (kind, limit, expires_at) = match f.fix.as_ref()? {
        Fix::Disable => (FixKind::Disable, 0.0, String::new()),
        Fix::Delete => (FixKind::Delete, 0.0, String::new()),
        Fix::SetLimit { suggested_usd } => (FixKind::SetLimit, *suggested_usd, String::new()),
        Fix::RotateWithExpiry {
            suggested_expires_at,
        } => (FixKind::Rotate, 0.0, suggested_expires_at.clone()),
        _ => return None,
    };
    Some(Target {
        kind,
        hash: hash.as_str().to_string(),
        name: name.clone(),
        limit,
        expires_at,
    })
}

/// Hash and name of each key a fix goes to.
type Keys = Vec<(String, String)>;

/// The one rotation a fix runs: the key's hash and the successor's expiry.
type RotateAction = Action<(String, String), Result<(), openrouter_admin::Error>>;

/// The writes of the fixes and the dialogs they open, shared by the Overview's parts.
#[derive(Clone, Copy)]
pub struct Fixing {
    /// Disable, delete and set a limit, with one result line per key.
    pub bulk: BulkAction,
    rotate: RotateAction,
    /// The new key's secret after a rotation, until its dialog is closed.
    secret: RwSignal<Option<CreatedKey>, LocalStorage>,
    /// The keys a delete waits to be confirmed for.
    deleting: RwSignal<Option<Keys>>,
    /// The keys a limit waits to be entered for, and the suggestion.
    limiting: RwSignal<Option<(Keys, f64)>>,
    /// The key a rotation waits to be confirmed for.
    rotating: RwSignal<Option<Target>>,
    /// Rotations that got no answer, so may or may not have happened.
    unknown: RwSignal<usize>,
}

impl Fixing {
    /// The fixes' actions and dialog state, for the current view.
    pub fn new() -> Fixing {
        let writes = use_writes();
        let secret = RwSignal::new_local(None::<CreatedKey>);
        let rotating = RwSignal::new(None::<Target>);
        let unknown = RwSignal::new(0usize);
        let toasts = use_toasts();
        let rotate: RotateAction = Action::new_local(move |(hash, at): &(String, String)| {
            let (hash, at) = (hash.clone(), at.clone());
            let rotated = writes.run(
                async move { use_client()?.key(hash).rotate().expires_at(at).send().await },
                move |rotation| {
                    rotating.set(None);
                    secret.set(Some(rotation.created.clone()));
                    match &rotation.disable_error {
                        Some(e) => Then::warning(format!(
                            "New key created, but the old one could not be disabled: {}",
                            e.message()
                        )),
                        None => Then::ok("Key rotated"),
                    }
                },
                Failure::Shown,
            );
            // The new secret lives in `secret` only, not in the action's value.
            async move {
                let rotated = rotated.await;
                // No answer to the create: a successor may exist, whose secret is lost. The
                // dialog closes (a second try could make another), and the organization is
                // read again, so the list shows where the key stands.
                if let Err(e) = &rotated {
                    if e.is_outcome_unknown() {
                        rotating.set(None);
                        unknown.update(|n| *n += 1);
                        toasts.error(
                            "The rotation got no answer: a new key may have been made. Check the key's workspace before rotating again.",
                        );
                    }
                }
                rotated.map(|_| ())
            }
        });
        Fixing {
            bulk: bulk_action(),
            rotate,
            secret,
            deleting: RwSignal::new(None),
            limiting: RwSignal::new(None),
            rotating,
            unknown,
        }
    }

    /// A number that changes after each fix that went through, or may have: what the
    /// organization's read follows, so the findings a fix resolved go away.
    pub fn written(self) -> Signal<usize> {
        let (bulk, rotate, unknown) = (succeeded(self.bulk), succeeded(self.rotate), self.unknown);
        Signal::derive(move || bulk.get() + rotate.get() + unknown.get())
    }

    /// Applies the fix of `targets` (all of one kind): at once for a disable, else through
    /// its dialog.
    pub fn apply(self, targets: Vec<Target>) {
        let Some(kind) = targets.first().map(|t| t.kind) else {
            return;
        };
        let keys: Keys = targets
            .iter()
            .map(|t| (t.hash.clone(), t.name.clone()))
            .collect();
        match kind {
            FixKind::Disable => {
                self.bulk.dispatch(Bulk::new(
                    BulkOp::Update(UpdateKey::new().disabled(true), "disabled".into()),
                    keys,
                ));
            }
            FixKind::Delete => self.deleting.set(Some(keys)),
            FixKind::SetLimit => {
                let most = targets.iter().map(|t| t.limit).fold(0.0, f64::max);
                self.limiting.set(Some((keys, most)));
            }
            FixKind::Rotate => {
                self.rotate.value().set(None);
                self.rotating.set(targets.into_iter().next());
            }
        }
    }
}

/// The last bulk fix's results, one line per key; above the findings, so they outlive the
/// reload that follows the fix.
#[component]
pub fn FixResults(
    /// The fixes.
    fixing: Fixing,
) -> impl IntoView {
    view! { <BulkResults id="ora-fix-results" heading_id="ora-fix-heading" bulk=fixing.bulk /> }
}

/// The fixes' dialogs: delete, limit, rotate, and the rotated key's secret.
#[component]
pub fn FixDialogs(
    /// The fixes.
    fixing: Fixing,
) -> impl IntoView {
    let router = use_router();
    let after_rotation = Callback::new(move |_| {
        let next = fixing
            .secret
            .with_untracked(|s| s.as_ref().map(|c| c.data.hash.as_str().to_string()));
        fixing.secret.set(None);
        if let Some(h) = next {
            router.push(&Route::Key(h).href());
        }
    });
    view! {
        {move || fixing.deleting.get().map(|keys| view! {
            <DeleteKeys chosen=keys bulk=fixing.bulk on_close=move |_| fixing.deleting.set(None) />
        })}
        {move || fixing.limiting.get().map(|(keys, suggested)| view! {
            <LimitDialog keys=keys suggested=suggested fixing=fixing />
        })}
        {move || fixing.rotating.get().map(|t| view! { <RotateDialog target=t fixing=fixing /> })}
        <Show when=move || fixing.secret.with(Option::is_some)>
            <ShownOnce secrets=fixing.secret.with_untracked(|s| s.iter().map(Shown::created).collect()) on_done=after_rotation />
        </Show>
    }
}

/// The limit for `keys`, the suggestion filled in.
#[component]
fn LimitDialog(keys: Keys, suggested: f64, fixing: Fixing) -> impl IntoView {
    let title = match keys.as_slice() {
        [(_, name)] => format!("Set a limit on {name}"),
        _ => format!("Set a limit on {} keys", keys.len()),
    };
    let keys = StoredValue::new(keys);
    let value = RwSignal::new(crate::decimal::plain(suggested));
    let error = RwSignal::new(None::<String>);
    let close = move || fixing.limiting.set(None);
    let confirm = move |_| {
        let limit = match crate::decimal::parse(value.get_untracked().trim()) {
            Ok(v) if v > 0.0 && v.is_finite() => v,
            _ => {
                error.set(Some("The limit must be a number of dollars above 0".into()));
                return;
            }
        };
        fixing.bulk.dispatch(Bulk::new(
            BulkOp::Update(
                UpdateKey::new().limit(Some(limit)),
                format!("limit set to {}", usd(limit)),
            ),
            keys.get_value(),
        ));
        close();
    };
    view! {
        <Dialog title=title on_close=move |_| close()>
            <div class="ora-dialog-body">
                <p>"The suggestion is half again what the key spends in a month, or twice a limit it has reached. Requests past the limit are refused until its window resets."</p>
                <div class="ora-field">
                    <label for="ora-fix-limit">"Limit in USD"</label>
                    <input id="ora-fix-limit" class="ora-input" inputmode="decimal" bind:value=value aria-describedby="ora-fix-limit-error" />
                    <span class="ora-error" id="ora-fix-limit-error">{move || error.get()}</span>
                </div>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" type="button" on:click=move |_| close()>"Cancel"</button>
                <button class="ora-btn ora-btn-primary" type="button" id="ora-fix-limit-confirm" on:click=confirm>"Set limit"</button>
            </div>
        </Dialog>
    }
}

/// Rotating one key into a successor that expires, the suggested expiry filled in.
#[component]
fn RotateDialog(target: Target, fixing: Fixing) -> impl IntoView {
    let rotate = fixing.rotate;
    // `<input type="datetime-local">` takes minutes: "2027-01-31T12:00".
    let value = RwSignal::new(target.expires_at.get(..16).unwrap_or_default().to_string());
    let error = failure_message(rotate);
    let hash = StoredValue::new(target.hash.clone());
    let close = move || fixing.rotating.set(None);
    let confirm = move |_| {
        let v = value.get_untracked();
        let at = if v.len() == 16 {
            format!("{v}:00Z")
        } else {
            format!("{v}Z")
        };
        rotate.dispatch((hash.get_value(), at));
    };
    view! {
        <Dialog title=format!("Rotate {} with an expiry?", target.name) on_close=move |_| close()>
            <div class="ora-dialog-body">
                <p>"A key's expiry is fixed when it is created, so a new key is created with the same name, limit and workspace and this expiry, and this one is disabled. Applications must switch to the new secret, shown once."</p>
                <div class="ora-field">
                    <label for="ora-fix-expires">"New key expires (UTC)"</label>
                    <input id="ora-fix-expires" class="ora-input" type="datetime-local" bind:value=value aria-describedby="ora-fix-expires-error" />
                    <span class="ora-error" id="ora-fix-expires-error">{move || error.get()}</span>
                </div>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" type="button" on:click=move |_| close()>"Cancel"</button>
                <button class="ora-btn ora-btn-primary" type="button" id="ora-fix-rotate-confirm" disabled=move || rotate.pending().get() on:click=confirm>
                    {move || if rotate.pending().get() { "Rotating…" } else { "Rotate" }}
                </button>
            </div>
        </Dialog>
    }
}
