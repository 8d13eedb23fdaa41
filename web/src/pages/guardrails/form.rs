//! The guardrail form: a guardrail's fields as the form holds them (text while typing), the
//! create and update bodies made from them (an update sends only what changed), and the dialog
//! that creates a guardrail or edits one, the workspace's default among them.

use crate::components::dialog::Dialog;
use crate::components::field::{LimitResetSelect, TextField};
use crate::pages::guardrails::describe::{zdr_switches, ZDR_PROVIDERS};
use leptos::prelude::*;
use openrouter_admin::error::FieldError;
use openrouter_admin::models::{
    CreateGuardrail, Guardrail, GuardrailId, LimitReset, Patch, UpdateGuardrail,
};
use openrouter_admin::validate::Validate;

/// The data regions a guardrail may allow, as the form offers them: (wire value, label).
const REGIONS: [(&str, &str); 3] = [
    ("global", "Global"),
    ("europe", "Europe"),
    ("us", "United States"),
];

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

/// A guardrail's editable fields, as the form holds them.
#[derive(Clone, Copy)]
pub struct GrForm {
    name: RwSignal<String>,
    description: RwSignal<String>,
    limit: RwSignal<String>,
    reset: RwSignal<String>,
    byok: RwSignal<bool>,
    models: RwSignal<String>,
    providers: RwSignal<String>,
    /// The regions checked, wire values in [`REGIONS`]' order.
    regions: RwSignal<Vec<String>>,
    /// One switch per [`ZDR_PROVIDERS`] entry.
    zdr: RwSignal<[bool; 5]>,
}

/// A list typed one item a line or separated by commas; empty means "no restriction".
fn items(raw: &str) -> Option<Vec<String>> {
    let list: Vec<String> = raw
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    (!list.is_empty()).then_some(list)
}

fn text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl GrForm {
    /// A form holding `g`'s values, or empty.
    pub fn new(g: Option<&Guardrail>) -> GrForm {
        let joined = |l: Option<&Vec<String>>| l.map(|l| l.join("\n")).unwrap_or_default();
        GrForm {
            name: RwSignal::new(g.map(|g| g.name.clone()).unwrap_or_default()),
            description: RwSignal::new(g.and_then(|g| g.description.clone()).unwrap_or_default()),
            limit: RwSignal::new(
                g.and_then(|g| g.limit_usd)
                    .map(crate::num::plain)
                    .unwrap_or_default(),
            ),
            reset: RwSignal::new(
                g.and_then(|g| g.reset_interval.as_ref())
                    .map(|r| r.as_str().to_string())
                    .unwrap_or_default(),
            ),
            byok: RwSignal::new(g.is_some_and(|g| g.include_byok_in_budgets)),
            models: RwSignal::new(joined(g.and_then(|g| g.allowed_models.as_ref()))),
            providers: RwSignal::new(joined(g.and_then(|g| g.allowed_providers.as_ref()))),
            regions: RwSignal::new(
                g.and_then(|g| g.allowed_data_regions.as_ref())
                    .map(|r| r.iter().map(|r| r.as_str().to_string()).collect())
                    .unwrap_or_default(),
            ),
            zdr: RwSignal::new(g.map(zdr_switches).unwrap_or_default()),
        }
    }

    /// Problems the form itself finds (a limit that is not a number); the core checks the rest.
    fn parse_errors(&self) -> Vec<FieldError> {
        match self.limit_value() {
            Err(()) => vec![FieldError::new(
                "limit_usd",
                "number",
                "The spend limit must be a number of dollars",
            )],
            Ok(_) => Vec::new(),
        }
    }

    fn limit_value(&self) -> Result<Option<f64>, ()> {
        let raw = self.limit.get();
        if raw.trim().is_empty() {
            return Ok(None);
        }
        crate::num::parse(raw.trim()).map(Some).map_err(|_| ())
    }

    fn reset_value(&self) -> Option<LimitReset> {
        let r = self.reset.get();
        (!r.is_empty()).then(|| LimitReset::parse(&r))
    }

    fn regions_value(&self) -> Option<Vec<String>> {
        let r = self.regions.get();
        // None checked means any region: `null`, since the API refuses an empty list.
        (!r.is_empty()).then_some(r)
    }

    /// The create body, every field the user filled, in the workspace `workspace_id`.
    pub fn to_create(self, workspace_id: &str) -> CreateGuardrail {
        let mut b = CreateGuardrail::new(self.name.get().trim());
        b.workspace_id = Some(workspace_id.into());
        b.description = text(&self.description.get());
        b.limit_usd = self.limit_value().ok().flatten();
        b.reset_interval = self.reset_value();
        b.include_byok_in_budgets = self.byok.get().then_some(true);
        b.allowed_models = items(&self.models.get());
        b.allowed_providers = items(&self.providers.get());
        b.allowed_data_regions = self.regions_value();
        let [anthropic, openai, google, xai, other] = self.zdr.get();
        b.enforce_zdr_anthropic = Some(anthropic);
        b.enforce_zdr_openai = Some(openai);
        b.enforce_zdr_google = Some(google);
        b.enforce_zdr_xai = Some(xai);
        b.enforce_zdr_other = Some(other);
        b
    }

    /// The update body: only the fields that differ from `orig` (everything the user set, for
    /// a default guardrail never written). The name is left out when `named` is false: a default
    /// guardrail's name is the API's.
    pub fn to_patch(self, orig: Option<&Guardrail>, named: bool) -> UpdateGuardrail {
        fn set<T: PartialEq>(now: Option<T>, was: Option<T>) -> Patch<T> {
            match (now, was) {
                (a, b) if a == b => Patch::Unset,
                (Some(v), _) => Patch::Value(v),
                (None, _) => Patch::Null,
            }
        }
        let mut p = UpdateGuardrail::new();
        let name = self.name.get().trim().to_string();
        if named && orig.map(|o| o.name.as_str()) != Some(name.as_str()) {
            p.name = Patch::Value(name);
        }
        p.description = set(
            text(&self.description.get()),
            orig.and_then(|o| o.description.clone()),
        );
        if let Ok(limit) = self.limit_value() {
            p.limit_usd = set(limit, orig.and_then(|o| o.limit_usd));
        }
        p.reset_interval = set(
            self.reset_value(),
            orig.and_then(|o| o.reset_interval.clone()),
        );
        if self.byok.get() != orig.is_some_and(|o| o.include_byok_in_budgets) {
            p.include_byok_in_budgets = Patch::Value(self.byok.get());
        }
        p.allowed_models = set(
            items(&self.models.get()),
            orig.and_then(|o| o.allowed_models.clone()),
        );
        p.allowed_providers = set(
            items(&self.providers.get()),
            orig.and_then(|o| o.allowed_providers.clone()),
        );
        p.allowed_data_regions = set(
            self.regions_value(),
            orig.and_then(|o| o.allowed_data_regions.as_ref())
                .map(|r| r.iter().map(|r| r.as_str().to_string()).collect()),
        );
        let now = self.zdr.get();
        let was = orig.map(zdr_switches).unwrap_or_default();
        let fields = [
            &mut p.enforce_zdr_anthropic,
            &mut p.enforce_zdr_openai,
            &mut p.enforce_zdr_google,
            &mut p.enforce_zdr_xai,
            &mut p.enforce_zdr_other,
        ];
        for ((field, now), was) in fields.into_iter().zip(now).zip(was) {
            if now != was {
                *field = Patch::Value(now);
            }
        }
        p
    }
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
    let named = !matches!(editing, Editing::Default { .. });
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
    let touched = RwSignal::new(false);
    let editing = StoredValue::new(editing);
    let orig = StoredValue::new(orig);
    let ws_id = StoredValue::new(ws_id);
    let body = move || match editing.get_value() {
        Editing::New => Save::Create(form.to_create(&ws_id.get_value())),
        Editing::Existing(g) => Save::Update(g.id, form.to_patch(orig.get_value().as_ref(), true)),
        Editing::Default { id, .. } => {
            Save::Update(id, form.to_patch(orig.get_value().as_ref(), false))
        }
    };
    let errors = Signal::derive(move || {
        let mut e = form.parse_errors();
        e.extend(match body() {
            Save::Create(b) => b.field_errors(),
            Save::Update(_, p) => p.field_errors(),
        });
        e
    });

    // -- callbacks --
    // The action outlives the dialog: its last failure goes with the dialog.
    let close = Callback::new(move |()| {
        save.value().set(None);
        on_close.run(());
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        // A second click before the button shows it is disabled must not save twice.
        if save.pending().get_untracked() || !errors.get_untracked().is_empty() {
            return;
        }
        save.dispatch(body());
    };
    // An answer lost on the way back may hide a guardrail that was made: the list behind reads
    // again, and the message says to look there before saving again.
    let server_error = move || {
        save.value()
            .with(|r| match r {
                Some(Err(e)) if e.is_outcome_unknown() => Some(format!(
                    "No answer: the guardrail may have been saved all the same. The list behind this dialog shows it if so; look there before saving again. ({})",
                    e.message()
                )),
                Some(Err(e)) => Some(format!("Not saved: {} Your input is still in the form.", e.message())),
                _ => None,
            })
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-gr-error">{text}</div> })
    };
    let show = Signal::from(touched);
    let region_boxes = REGIONS
        .iter()
        .map(|(value, label)| {
            let value = value.to_string();
            let id = format!("ora-gr-region-{value}");
            let held = value.clone();
            let checked = move || form.regions.with(|r| r.contains(&held));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                form.regions.update(|r| {
                    r.retain(|v| *v != value);
                    if on {
                        r.push(value.clone());
                    }
                });
            };
            view! {
                <label class="ora-check">
                    <input type="checkbox" id=id prop:checked=checked on:change=toggle />
                    {*label}
                </label>
            }
        })
        .collect_view();
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
    let reset_error = Signal::derive(move || {
        touched
            .get()
            .then(|| {
                errors.with(|e| {
                    e.iter()
                        .find(|e| e.field == "reset_interval")
                        .map(|e| e.message.clone())
                })
            })
            .flatten()
    });

    view! {
        <Dialog title=title on_close=close>
            <form on:submit=submit on:input=move |_| touched.set(true) novalidate>
                <div class="ora-dialog-body">
                    {server_error}
                    {named.then(|| view! {
                        <TextField id="ora-gr-name" label="Name" field="name" value=form.name errors=errors show=show hint="1 to 200 characters." />
                    })}
                    <TextField id="ora-gr-description" label="Description" field="description" value=form.description errors=errors show=show hint="Optional." />
                    <div class="ora-grid2">
                        <TextField id="ora-gr-limit" label="Spend limit (USD)" field="limit_usd" value=form.limit errors=errors show=show hint="Empty for no limit; a limit needs a reset interval." />
                        <LimitResetSelect id="ora-gr-reset" value=form.reset error=reset_error />
                    </div>
                    <label class="ora-check"><input type="checkbox" id="ora-gr-byok" bind:checked=form.byok />"Count BYOK spend toward the limit"</label>
                    <TextField id="ora-gr-models" label="Allowed models" field="allowed_models" value=form.models errors=errors show=show multiline=true hint="One model a line, e.g. openai/gpt-4o; empty allows every model." />
                    <TextField id="ora-gr-providers" label="Allowed providers" field="allowed_providers" value=form.providers errors=errors show=show multiline=true hint="One provider a line, e.g. openai; empty allows every provider." />
                    <fieldset class="ora-fieldset" id="ora-gr-regions">
                        <legend>"Allowed data regions"</legend>
                        <p class="ora-hint">"None checked: any region."</p>
                        <div class="ora-checks">{region_boxes}</div>
                    </fieldset>
                    <fieldset class="ora-fieldset" id="ora-gr-zdr">
                        <legend>"Require zero data retention for"</legend>
                        <div class="ora-checks">{zdr_boxes}</div>
                    </fieldset>
                </div>
                <div class="ora-dialog-foot">
                    <button class="ora-btn" type="button" on:click=move |_| close.run(())>"Cancel"</button>
                    <button class="ora-btn ora-btn-primary" type="submit" id="ora-gr-save" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { "Saving…" } else { "Save guardrail" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guardrail(extra: serde_json::Value) -> Guardrail {
        let mut g = serde_json::json!({
            "id": "g1", "name": "Prod", "include_byok_in_budgets": false,
            "created_at": "2026-01-01T00:00:00Z", "workspace_id": "w1",
            "allowed_models": ["openai/gpt-4o"], "allowed_data_regions": ["europe"],
            "limit_usd": 10, "reset_interval": "weekly",
        });
        if let (Some(g), Some(extra)) = (g.as_object_mut(), extra.as_object()) {
            g.extend(extra.clone());
        }
        serde_json::from_value(g).expect("a guardrail")
    }

    fn json(p: &UpdateGuardrail) -> serde_json::Value {
        serde_json::to_value(p).expect("json")
    }

    #[test]
    fn an_untouched_form_sends_nothing_and_each_edit_only_its_field() {
        let g = guardrail(serde_json::json!({}));
        let form = GrForm::new(Some(&g));
        assert_eq!(json(&form.to_patch(Some(&g), true)), serde_json::json!({}));
        form.models
            .set("openai/gpt-4o, anthropic/claude-3.5-sonnet\n".into());
        form.zdr.update(|z| z[1] = true);
        assert_eq!(
            json(&form.to_patch(Some(&g), true)),
            serde_json::json!({
                "allowed_models": ["openai/gpt-4o", "anthropic/claude-3.5-sonnet"],
                "enforce_zdr_openai": true,
            })
        );
    }

    #[test]
    fn emptied_lists_and_limits_become_null_never_an_empty_list() {
        let g = guardrail(serde_json::json!({}));
        let form = GrForm::new(Some(&g));
        form.models.set(" , \n".into());
        form.regions.set(Vec::new());
        form.limit.set(String::new());
        form.reset.set(String::new());
        assert_eq!(
            json(&form.to_patch(Some(&g), true)),
            serde_json::json!({
                "allowed_models": null, "allowed_data_regions": null,
                "limit_usd": null, "reset_interval": null,
            })
        );
    }

    #[test]
    fn a_default_guardrail_never_sends_its_name_and_a_new_one_sends_what_was_filled() {
        let form = GrForm::new(None);
        form.name.set("Renamed".into());
        form.models.set("openai/gpt-4o".into());
        assert_eq!(
            json(&form.to_patch(None, false)),
            serde_json::json!({"allowed_models": ["openai/gpt-4o"]})
        );
        let create = serde_json::to_value(form.to_create("w1")).expect("json");
        assert_eq!(create["name"], "Renamed");
        assert_eq!(create["workspace_id"], "w1");
        assert_eq!(
            create["allowed_models"],
            serde_json::json!(["openai/gpt-4o"])
        );
        assert!(create.get("allowed_data_regions").is_none());
        assert!(create.get("limit_usd").is_none());
    }

    #[test]
    fn a_limit_that_is_not_a_number_or_lacks_its_interval_is_named() {
        let form = GrForm::new(None);
        form.name.set("Capped".into());
        form.limit.set("ten".into());
        assert_eq!(form.parse_errors()[0].field, "limit_usd");
        form.limit.set("10".into());
        let errors = form.to_create("w1").field_errors();
        assert!(
            errors.iter().any(|e| e.field == "reset_interval"),
            "{errors:?}"
        );
    }
}
