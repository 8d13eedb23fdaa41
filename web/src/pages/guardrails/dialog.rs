//! The dialog that creates a guardrail or edits one (the workspace's default among them), over
//! the form of `form.rs`. A create whose answer was lost is searched for before another can start.

use crate::components::conflict::{sends_nothing, EditCheck};
use crate::components::dialog::Dialog;
use crate::components::field::{FormErrors, LimitResetSelect, TextField, TriSelect};
use crate::components::form::{DialogFoot, RegionChecks};
use crate::components::lost::{refusal, FoundNotice, LostCreate, LostNotice};
use crate::pages::guardrails::describe::ZDR_PROVIDERS;
use crate::pages::guardrails::form::{GrForm, BUILTINS};
use crate::services::use_toasts;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{CreateGuardrail, Guardrail, GuardrailId, UpdateGuardrail};

/// What the dialog does.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    /// Creates a guardrail in the workspace.
    New,
    /// Edits this guardrail.
    Existing(Guardrail),
    /// Edits the workspace's default guardrail, or sets it up: it has an id before it is ever
    /// written (`written` is then `None`), and the update writes it. Its name comes from the
    /// workspace and cannot be set.
    Default {
        /// The workspace's `default_guardrail_id`.
        id: GuardrailId,
        /// The guardrail, once written.
        written: Option<Guardrail>,
    },
}

/// A save of the guardrail form: a create, or an update of one guardrail.
#[derive(Clone, Debug)]
pub enum Save {
    /// Creates a guardrail.
    Create(CreateGuardrail),
    /// Updates the guardrail with this id.
    Update(GuardrailId, UpdateGuardrail),
}

/// The save action; its value is the saved guardrail.
pub type SaveAction = Action<Save, Result<Guardrail, openrouter_admin::Error>>;

/// A guardrail create whose answer may be lost.
pub type LostGuardrail = LostCreate<CreateGuardrail, Guardrail>;

/// Looks for the guardrail a lost create of `lost` made (the core's reconcile: same name in the
/// workspace, created since just before the request was sent).
pub async fn look_for(lost: LostGuardrail, ws_id: String) {
    lost.search(|body, since_ms| async move {
        use_client()?
            .workspace(&ws_id)
            .guardrails()
            .reconcile(&body, since_ms)
            .send()
            .await
    })
    .await;
}

/// What a found guardrail is, in words.
fn found_text(g: &Guardrail) -> String {
    format!("It is “{}”.", g.name)
}

/// The select options of a built-in filter: off, or what it does on a match.
const FILTER_ACTIONS: &[(&str, &str)] = &[
    ("", "Off"),
    ("redact", "Redact"),
    ("block", "Block"),
    ("flag", "Flag"),
];

/// The guardrail dialog: creates one, or edits one (the default's name stays as the API made it).
#[component]
pub fn GuardrailDialog(
    /// What the dialog does.
    editing: Editing,
    /// The workspace's UUID (a new guardrail goes there).
    #[prop(into)]
    ws_id: String,
    /// Saves the form.
    save: SaveAction,
    /// A create whose answer was lost, and the search for it.
    lost: LostGuardrail,
    /// Opens a guardrail a lost create made.
    #[prop(into)]
    on_open: Callback<Guardrail>,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let orig = match &editing {
        Editing::Existing(g) => Some(g.clone()),
        Editing::Default { written, .. } => written.clone(),
        Editing::New => None,
    };
    let form = GrForm::new(orig.as_ref());
    // An edit of a written guardrail compares what the user saw with it as the API has it at save.
    let check = orig.clone().map(|g| EditCheck::new(g, form));
    let toasts = use_toasts();
    let named = !matches!(editing, Editing::Default { .. });
    let creating = matches!(editing, Editing::New);
    let title = match &editing {
        Editing::New => "New guardrail".to_string(),
        Editing::Existing(g) => format!("Edit “{}”", g.name),
        Editing::Default {
            written: Some(_), ..
        } => "Edit the workspace's default guardrail".to_string(),
        Editing::Default { written: None, .. } => {
            "Set up the workspace's default guardrail".to_string()
        }
    };
    let editing = StoredValue::new(editing);
    let orig = StoredValue::new(orig);
    let ws_id = StoredValue::new(ws_id);
    // The patch is made against the guardrail as last read (at save, when it is re-read).
    let seen = move || check.map_or_else(|| orig.get_value(), |c| Some(c.seen()));
    let body = move || match editing.get_value() {
        Editing::New => Save::Create(form.to_create(&ws_id.get_value())),
        Editing::Existing(g) => Save::Update(g.id, form.to_patch(seen().as_ref(), true)),
        Editing::Default { id, .. } => Save::Update(id, form.to_patch(seen().as_ref(), false)),
    };
    let all_errors = Signal::derive(move || match body() {
        Save::Create(b) => form.errors(&b),
        Save::Update(_, p) => form.errors(&p),
    });
    let errors = FormErrors::new(all_errors);
    // Only a create can be lost and searched for; an edit sent twice writes the same fields.
    let blocked = Signal::derive(move || {
        if creating {
            lost.blocks(save.pending().get())
        } else {
            save.pending().get() || check.is_some_and(EditCheck::reading)
        }
    });

    // -- callbacks --
    // The action outlives the dialog: its last failure goes with the dialog.
    let close = Callback::new(move |()| {
        save.value().set(None);
        lost.closed();
        on_close.run(());
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        // A second click or Enter before the button shows it is off must not save twice.
        if blocked.get_untracked() || !all_errors.get_untracked().is_empty() {
            return;
        }
        let Some(check) = check else {
            save.dispatch(body());
            return;
        };
        let id = check.seen().id;
        let reread = async move { use_client()?.guardrail(id).get().send().await };
        check.save(form, reread, move || match body() {
            Save::Update(_, patch) if sends_nothing(&patch) => {
                toasts.ok("Nothing left to save: the guardrail already has these values");
                close.run(());
            }
            body => {
                save.dispatch(body);
            }
        });
    };
    let server_error = move || {
        save.value()
            .with(|r| r.as_ref().and_then(|r| r.as_ref().err()).and_then(refusal))
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-gr-error">{text}</div> })
    };
    let label = Signal::derive(move || {
        let pending = save.pending().get();
        if creating {
            lost.label(pending, "Create guardrail", "Creating…")
        } else if pending {
            "Saving…".to_string()
        } else {
            "Save guardrail".to_string()
        }
    });
    let again = move |()| leptos::task::spawn_local_scoped(look_for(lost, ws_id.get_value()));
    let lost_notices = creating.then(|| {
        view! {
            <LostNotice lost=lost.state what="guardrail" again=again />
            <FoundNotice lost=lost.state what="guardrail" said=found_text on_open=on_open />
        }
    });
    let zdr_boxes = ZDR_PROVIDERS
        .iter()
        .enumerate()
        .map(|(i, (wire, label))| {
            view! {
                <label class="ora-check">
                    <input
                        type="checkbox"
                        id=format!("ora-gr-zdr-{wire}")
                        prop:checked=move || form.zdr.with(|z| z[i])
                        on:change=move |ev| { let on = event_target_checked(&ev); form.zdr.update(|z| z[i] = on); }
                    />
                    {*label}
                </label>
            }
        })
        .collect_view();
    let reset_error = Signal::derive(errors.of("reset_interval"));

    view! {
        <Dialog title=title on_close=close>
            <form on:submit=submit on:input=move |_| errors.touch() novalidate>
                <div class="ora-dialog-body">
                    {server_error}
                    {check.map(|c| c.notice(form))}
                    {lost_notices}
                    {named.then(|| view! {
                        <TextField id="ora-gr-name" label="Name" field="name" value=form.name errors=errors hint="1 to 200 characters." />
                    })}
                    <TextField id="ora-gr-description" label="Description" field="description" value=form.description errors=errors hint="Optional." />
                    <div class="ora-grid2">
                        <TextField id="ora-gr-limit" label="Spend limit (USD)" field="limit_usd" value=form.limit errors=errors inputmode="decimal" hint="Empty for no limit; a limit needs a reset interval." />
                        <LimitResetSelect id="ora-gr-reset" value=form.reset error=reset_error />
                    </div>
                    <label class="ora-check"><input type="checkbox" id="ora-gr-byok" bind:checked=form.byok />"Count BYOK spend toward the limit"</label>
                    <div class="ora-grid2">
                        <TextField id="ora-gr-models" label="Allowed models" field="allowed_models" value=form.models errors=errors multiline=true hint="One model a line, e.g. openai/gpt-4o; empty allows every model." />
                        <TextField id="ora-gr-providers" label="Allowed providers" field="allowed_providers" value=form.providers errors=errors multiline=true hint="One provider a line, e.g. openai; empty allows every provider." />
                        <TextField id="ora-gr-ignored-models" label="Ignored models" field="ignored_models" value=form.ignored_models errors=errors multiline=true hint="Never used, whatever is allowed; one a line." />
                        <TextField id="ora-gr-ignored-providers" label="Ignored providers" field="ignored_providers" value=form.ignored_providers errors=errors multiline=true hint="Never routed to; one a line." />
                    </div>
                    <RegionChecks id_base="ora-gr-region" legend="Allowed data regions" hint="None checked: any region." picked=form.regions
                        error=Signal::derive(errors.of("allowed_data_regions")) />
                    <fieldset class="ora-fieldset" id="ora-gr-zdr">
                        <legend>"Require zero data retention for"</legend>
                        <div class="ora-checks">{zdr_boxes}</div>
                    </fieldset>
                    {filters(form, errors)}
                    <fieldset class="ora-fieldset" id="ora-gr-training">
                        <legend>"Endpoints that keep or publish data"</legend>
                        <div class="ora-grid2">
                            <TriSelect id="ora-gr-free-publication" label="Free endpoints that publish prompts" value=form.free_publication />
                            <TriSelect id="ora-gr-free-training" label="Free endpoints that train on requests" value=form.free_training />
                            <TriSelect id="ora-gr-paid-training" label="Paid endpoints that train on requests" value=form.paid_training />
                        </div>
                    </fieldset>
                </div>
                <DialogFoot id="ora-gr-save" label=label blocked=blocked on_cancel=close />
            </form>
        </Dialog>
    }
}

/// The content filters: a select per built-in filter, the prompt injection detector's scope, and
/// the custom patterns.
fn filters(form: GrForm, errors: FormErrors) -> impl IntoView {
    // Built once: rebuilding on every choice would move the keyboard focus.
    let slugs: Vec<(String, String)> = form.builtins.get_untracked();
    let selects = slugs
        .into_iter()
        .map(|(slug, _)| {
            let label = BUILTINS
                .iter()
                .find(|(s, _)| *s == slug)
                .map_or_else(|| slug.clone(), |(_, l)| (*l).to_string());
            let id = format!("ora-gr-filter-{slug}");
            let held = slug.clone();
            let value = move || {
                form.builtins
                    .with(|b| b.iter().find(|(s, _)| *s == held).map(|(_, a)| a.clone()))
                    .unwrap_or_default()
            };
            let pick = move |ev: leptos::ev::Event| {
                let action = event_target_value(&ev);
                form.builtins.update(|b| {
                    if let Some(slot) = b.iter_mut().find(|(s, _)| *s == slug) {
                        slot.1 = action;
                    }
                });
            };
            view! {
                <div class="ora-field">
                    <label for=id.clone()>{label}</label>
                    <select id=id class="ora-select" prop:value=value on:change=pick>
                        {FILTER_ACTIONS.iter().map(|(v, t)| view! { <option value=*v>{*t}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ora-fieldset" id="ora-gr-filters">
            <legend>"Content filters"</legend>
            <p class="ora-hint">"What each built-in filter does when a request matches: redact the match, block the request, or flag it."</p>
            <div class="ora-grid2">{selects}</div>
            <div class="ora-field">
                <label for="ora-gr-scan-scope">"Prompt injection: messages scanned"</label>
                <select id="ora-gr-scan-scope" class="ora-select" bind:value=form.scan_scope>
                    <option value="">"The API's default (every message)"</option>
                    <option value="user_only">"Only the user's messages"</option>
                    <option value="all_messages">"Every message"</option>
                </select>
            </div>
            <TextField id="ora-gr-custom-filters" label="Custom filters" field="content_filters" value=form.custom errors=errors multiline=true
                hint="One a line: redact, block or flag, a space, then a regular expression. E.g. block (?i)project-zeus" />
        </fieldset>
    }
}
