//! Form fields: a labelled text input with its error, and selects (the limit-reset one is shared
//! by the create-key dialog and the key's edit form), and the search box of a list.

use crate::route::use_router;
use leptos::prelude::*;
use openrouter_admin::FieldError;

/// A form's errors as its fields show them: none until the form is touched (a first edit or a
/// submit), then each field's first error. Copy, so every field's closure can hold it.
#[derive(Clone, Copy)]
pub struct FormErrors {
    errors: Signal<Vec<FieldError>>,
    touched: RwSignal<bool>,
}

impl FormErrors {
    /// Over `errors`, everything the form's value breaks (empty when it is valid).
    pub fn new(errors: Signal<Vec<FieldError>>) -> Self {
        FormErrors {
            errors,
            touched: RwSignal::new(false),
        }
    }

    /// Shows the errors from now on.
    pub fn touch(self) {
        self.touched.set(true);
    }

    /// The message to show beside `field`, as the form changes.
    pub fn of(self, field: impl Into<String>) -> impl Fn() -> Option<String> + Clone + 'static {
        let field = field.into();
        move || {
            if !self.touched.get() {
                return None;
            }
            self.errors.with(|e| {
                e.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone())
            })
        }
    }
}

/// One labelled input with its own field's error beside it (from the form's [`FormErrors`]).
#[component]
pub fn TextField(
    /// The element id (also used to name the error).
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The API's name of the field, to pick its errors.
    #[prop(into)]
    field: String,
    /// The value.
    value: RwSignal<String>,
    /// The form's errors, shown once it is touched.
    errors: FormErrors,
    /// A hint under the input.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Multi-line input.
    #[prop(optional)]
    multiline: bool,
    /// A credential: a password field the browser neither shows nor offers to keep.
    #[prop(optional)]
    secret: bool,
    /// The `inputmode` ("decimal" for amounts).
    #[prop(optional, into)]
    inputmode: Option<&'static str>,
    /// Called on each edit.
    #[prop(optional, into)]
    on_edit: Option<Callback<()>>,
    /// The input's `type` when it is not text ("datetime-local").
    #[prop(optional, into)]
    kind: Option<&'static str>,
    /// What an empty input says ("No limit").
    #[prop(optional, into)]
    placeholder: Option<&'static str>,
) -> impl IntoView {
    let message = Signal::derive(errors.of(field));
    let err_id = format!("{id}-error");
    let described = format!("{err_id} {id}-hint");
    let invalid = move || message.get().is_some().then_some("true");
    let edit = move |ev: leptos::ev::Event| {
        value.set(event_target_value(&ev));
        errors.touch();
        if let Some(c) = on_edit {
            c.run(())
        }
    };
    let input = if multiline {
        view! {
            <textarea id=id.clone() class="ora-textarea" aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=edit></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() class=if secret { "ora-input ora-mono" } else { "ora-input" }
                type=if secret { "password" } else { kind.unwrap_or("text") } placeholder=placeholder
                autocomplete=secret.then_some("new-password") spellcheck=secret.then_some("false")
                inputmode=inputmode aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=edit />
        }
        .into_any()
    };
    view! {
        <div class="ora-field">
            <label for=id.clone()>{label}</label>
            {input}
            <span class="ora-hint" id=format!("{id}-hint")>{hint}</span>
            <span class="ora-error" id=err_id>{move || message.get()}</span>
        </div>
    }
}

/// A select's options, value and label in display order: fixed, or read as they change (a
/// list loaded after the dialog opened, a list filtered by another field).
#[derive(Clone, Copy)]
pub enum Choices {
    /// Known when the page is built.
    Fixed(&'static [(&'static str, &'static str)]),
    /// Read again whenever the signal changes.
    Live(Signal<Vec<(String, String)>>),
}

impl From<&'static [(&'static str, &'static str)]> for Choices {
    fn from(options: &'static [(&'static str, &'static str)]) -> Self {
        Choices::Fixed(options)
    }
}

impl From<Signal<Vec<(String, String)>>> for Choices {
    fn from(options: Signal<Vec<(String, String)>>) -> Self {
        Choices::Live(options)
    }
}

impl From<Vec<(String, String)>> for Choices {
    fn from(options: Vec<(String, String)>) -> Self {
        Choices::Live(Signal::stored(options))
    }
}

/// A labelled `<select>` over [`Choices`], with its error under it when it can have one.
#[component]
pub fn SelectField(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The chosen option's value.
    value: RwSignal<String>,
    /// The options: value and label, in display order.
    #[prop(into)]
    options: Choices,
    /// An error to show under the select (shown at `{id}-error`), if it can have one.
    #[prop(default = None)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let described = error.is_some().then(|| err_id.clone());
    let invalid = move || error.and_then(|e| e.get()).is_some().then_some("true");
    let message =
        error.map(|e| view! { <span class="ora-error" id=err_id>{move || e.get()}</span> });
    // Each option says whether it is the chosen one: options drawn after the value was set (a
    // list that arrives later) would otherwise show the first option while holding another.
    let option = move |v: String, text: String| {
        let mine = v.clone();
        view! { <option value=v prop:selected=move || value.with(|x| *x == mine)>{text}</option> }
    };
    let list = move || match options {
        Choices::Fixed(all) => all
            .iter()
            .map(|(v, t)| option(v.to_string(), t.to_string()))
            .collect_view(),
        Choices::Live(all) => all
            .get()
            .into_iter()
            .map(|(v, t)| option(v, t))
            .collect_view(),
    };
    view! {
        <div class="ora-field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                class="ora-select"
                aria-describedby=described
                aria-invalid=invalid
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {list}
            </select>
            {message}
        </div>
    }
}

/// An optional flag as a select holds it: "" not set, "yes", "no".
pub fn tri_value(v: Option<bool>) -> &'static str {
    match v {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    }
}

/// The flag a select's value stands for ([`tri_value`] read back).
pub fn tri_parse(v: &str) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// A flag the API may leave unset, allowed or not.
const ALLOWED: &[(&str, &str)] = &[
    ("", "Not set (the API's default)"),
    ("yes", "Allowed"),
    ("no", "Not allowed"),
];

/// A select over an optional flag ([`tri_value`]'s values); `options` words the three states.
#[component]
pub fn TriSelect(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The value: "", "yes" or "no".
    value: RwSignal<String>,
    /// The three states' words, in that order (not set, allowed, not allowed by default).
    #[prop(default = ALLOWED)]
    options: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    view! { <SelectField id=id label=label value=value options=options /> }
}

/// When a key's limit resets: the API's `limit_reset` values, "" for never.
const LIMIT_RESETS: &[(&str, &str)] = &[
    ("", "Never"),
    ("daily", "Daily"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
];

/// The "Limit resets" select of a key's limit.
#[component]
pub fn LimitResetSelect(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The chosen `limit_reset` value ("" for never).
    value: RwSignal<String>,
    /// An error to show under it (a limit without its reset interval), if it can have one.
    #[prop(optional)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    view! { <SelectField id=id label="Limit resets" value=value options=LIMIT_RESETS error=error /> }
}

/// A list's search box, kept in the URL's `q` parameter (the label is for screen readers).
#[component]
pub fn SearchBox(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The accessible name.
    #[prop(into)]
    label: String,
    /// The placeholder.
    #[prop(into)]
    placeholder: String,
) -> impl IntoView {
    let router = use_router();
    view! {
        <label class="ora-sr" for=id.clone()>{label}</label>
        <input
            id=id
            class="ora-input ora-search"
            type="search"
            placeholder=placeholder
            prop:value=move || router.param("q")
            on:input=move |ev| router.set_param("q", &event_target_value(&ev))
        />
    }
}
