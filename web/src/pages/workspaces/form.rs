//! A workspace's fields as a form holds them (text while typing), the create and update bodies
//! made from them, and the fields' view shared by the create page and the settings tab.

use crate::components::conflict::{Edited, Field};
use crate::components::field::{FormErrors, SelectField, TextField};
use leptos::prelude::*;
use openrouter_admin::error::FieldError;
use openrouter_admin::models::{
    CreateWorkspace, Patch, ProviderSort, UpdateWorkspace, Workspace, SERVER_TOOLS,
};
use openrouter_admin::validate::Validate;

/// The API's provider sorts, "" for none.
const PROVIDER_SORTS: &[(&str, &str)] = &[
    ("", "None"),
    ("price", "Price"),
    ("throughput", "Throughput"),
    ("latency", "Latency"),
    ("exacto", "Exacto"),
];

/// The editable fields of a workspace, as the form holds them (strings while typing).
#[derive(Clone, Copy)]
pub struct WsForm {
    name: RwSignal<String>,
    slug: RwSignal<String>,
    slug_edited: RwSignal<bool>,
    description: RwSignal<String>,
    text_model: RwSignal<String>,
    image_model: RwSignal<String>,
    provider_sort: RwSignal<String>,
    sampling: RwSignal<String>,
    key_ids: RwSignal<String>,
    discount: RwSignal<bool>,
    broadcast: RwSignal<bool>,
    io_logging: RwSignal<bool>,
    /// The server tools turned off, in the order the user checked them (names the page does
    /// not know are kept, so saving never turns on a tool nobody touched).
    tools: RwSignal<Vec<String>>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A workspace's editable values as the form holds them (text while typing).
#[derive(Clone, Debug, Default, PartialEq)]
struct Values {
    name: String,
    slug: String,
    description: String,
    text_model: String,
    image_model: String,
    provider_sort: String,
    sampling: String,
    key_ids: String,
    discount: bool,
    broadcast: bool,
    io_logging: bool,
    tools: Vec<String>,
}

impl Values {
    fn of(w: &Workspace) -> Values {
        Values {
            name: w.name.clone(),
            slug: w.slug.clone(),
            description: w.description.clone().unwrap_or_default(),
            text_model: w.default_text_model.clone().unwrap_or_default(),
            image_model: w.default_image_model.clone().unwrap_or_default(),
            provider_sort: w
                .default_provider_sort
                .as_ref()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            sampling: crate::decimal::plain(w.io_logging_sampling_rate),
            key_ids: w
                .io_logging_api_key_ids
                .as_ref()
                .map(|ids| {
                    ids.iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            discount: w.is_data_discount_logging_enabled,
            broadcast: w.is_observability_broadcast_enabled,
            io_logging: w.is_observability_io_logging_enabled,
            tools: w.disabled_server_tools.clone().unwrap_or_default(),
        }
    }

    /// The values as fields to compare (`components::conflict`): text trimmed, numbers and id
    /// lists as numbers, tools in name order.
    fn fields(&self) -> Vec<Field> {
        let number = |key, label, raw: &str| match crate::decimal::parse(raw.trim()) {
            Ok(v) => Field::new(
                key,
                label,
                crate::decimal::plain(v),
                crate::decimal::plain(v),
            ),
            Err(_) => Field::text(key, label, raw.trim()),
        };
        let ids: Vec<String> = self
            .key_ids
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let mut tools = self.tools.clone();
        tools.sort();
        let tools = tools.join(", ");
        vec![
            Field::text("name", "The name", self.name.trim()),
            Field::text("slug", "The slug", self.slug.trim()),
            Field::text("description", "The description", self.description.trim()),
            Field::text(
                "default_text_model",
                "The default text model",
                self.text_model.trim(),
            ),
            Field::text(
                "default_image_model",
                "The default image model",
                self.image_model.trim(),
            ),
            Field::text(
                "default_provider_sort",
                "The default provider sort",
                self.provider_sort.clone(),
            ),
            number(
                "io_logging_sampling_rate",
                "The I/O logging sampling rate",
                &self.sampling,
            ),
            Field::text(
                "io_logging_api_key_ids",
                "The I/O logging key ids",
                ids.join(", "),
            ),
            Field::flag(
                "is_observability_io_logging_enabled",
                "I/O logging",
                self.io_logging,
            ),
            Field::flag(
                "is_observability_broadcast_enabled",
                "Broadcast",
                self.broadcast,
            ),
            Field::flag(
                "is_data_discount_logging_enabled",
                "Data discount logging",
                self.discount,
            ),
            Field::text(
                "disabled_server_tools",
                "The server tools turned off",
                tools,
            ),
        ]
    }
}

impl Edited<Workspace> for WsForm {
    fn fields_of(&self, w: &Workspace) -> Vec<Field> {
        Values::of(w).fields()
    }

    fn fields(&self) -> Vec<Field> {
        self.values().fields()
    }

    fn adopt(&self, key: &'static str, w: &Workspace) {
        let v = Values::of(w);
        match key {
            "name" => self.name.set(v.name),
            "slug" => self.slug.set(v.slug),
            "description" => self.description.set(v.description),
            "default_text_model" => self.text_model.set(v.text_model),
            "default_image_model" => self.image_model.set(v.image_model),
            "default_provider_sort" => self.provider_sort.set(v.provider_sort),
            "io_logging_sampling_rate" => self.sampling.set(v.sampling),
            "io_logging_api_key_ids" => self.key_ids.set(v.key_ids),
            "is_observability_io_logging_enabled" => self.io_logging.set(v.io_logging),
            "is_observability_broadcast_enabled" => self.broadcast.set(v.broadcast),
            "is_data_discount_logging_enabled" => self.discount.set(v.discount),
            _ => self.tools.set(v.tools),
        }
    }
}

impl WsForm {
    /// A form holding `ws`'s values, or empty.
    pub fn new(ws: Option<&Workspace>) -> WsForm {
        let v = ws.map(Values::of).unwrap_or_default();
        WsForm {
            name: RwSignal::new(v.name),
            slug: RwSignal::new(v.slug),
            slug_edited: RwSignal::new(ws.is_some()),
            description: RwSignal::new(v.description),
            text_model: RwSignal::new(v.text_model),
            image_model: RwSignal::new(v.image_model),
            provider_sort: RwSignal::new(v.provider_sort),
            sampling: RwSignal::new(if ws.is_some() {
                v.sampling
            } else {
                String::new()
            }),
            key_ids: RwSignal::new(v.key_ids),
            discount: RwSignal::new(v.discount),
            broadcast: RwSignal::new(v.broadcast),
            io_logging: RwSignal::new(v.io_logging),
            tools: RwSignal::new(v.tools),
        }
    }

    /// What the form holds now (untracked).
    fn values(&self) -> Values {
        Values {
            name: self.name.get_untracked(),
            slug: self.slug.get_untracked(),
            description: self.description.get_untracked(),
            text_model: self.text_model.get_untracked(),
            image_model: self.image_model.get_untracked(),
            provider_sort: self.provider_sort.get_untracked(),
            sampling: self.sampling.get_untracked(),
            key_ids: self.key_ids.get_untracked(),
            discount: self.discount.get_untracked(),
            broadcast: self.broadcast.get_untracked(),
            io_logging: self.io_logging.get_untracked(),
            tools: self.tools.get_untracked(),
        }
    }

    /// Problems the form itself finds (numbers that don't parse); the core checks the rest.
    fn parse_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let s = self.sampling.get();
        if !s.trim().is_empty() && crate::decimal::parse(s.trim()).is_err() {
            out.push(FieldError::new(
                "io_logging_sampling_rate",
                "number",
                "Sampling rate must be a number between 0.0001 and 1",
            ));
        }
        if self.ids().is_err() {
            out.push(FieldError::new(
                "io_logging_api_key_ids",
                "number",
                "Key ids must be whole numbers separated by commas",
            ));
        }
        out
    }

    fn ids(&self) -> Result<Option<Vec<i64>>, ()> {
        let raw = self.key_ids.get();
        if raw.trim().is_empty() {
            return Ok(None);
        }
        raw.split(',')
            .map(|p| p.trim().parse::<i64>().map_err(|_| ()))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    fn sampling_value(&self) -> Option<f64> {
        crate::decimal::parse(self.sampling.get().trim()).ok()
    }

    /// The create body, every field the user filled.
    pub fn to_create(self) -> CreateWorkspace {
        let mut body = CreateWorkspace::new(self.name.get().trim(), self.slug.get().trim());
        body.description = opt(&self.description.get());
        body.default_text_model = opt(&self.text_model.get());
        body.default_image_model = opt(&self.image_model.get());
        body.default_provider_sort =
            opt(&self.provider_sort.get()).map(|s| ProviderSort::parse(&s));
        body.io_logging_sampling_rate = self.sampling_value();
        body.io_logging_api_key_ids = self.ids().ok().flatten();
        body.is_data_discount_logging_enabled = Some(self.discount.get());
        body.is_observability_broadcast_enabled = Some(self.broadcast.get());
        body.is_observability_io_logging_enabled = Some(self.io_logging.get());
        let tools = self.tools.get();
        body.disabled_server_tools = (!tools.is_empty()).then_some(tools);
        body
    }

    /// The update body: only the fields that differ from `orig` (cleared text fields become `null`).
    pub fn to_patch(self, orig: &Workspace) -> UpdateWorkspace {
        fn text(now: Option<String>, was: &Option<String>) -> Patch<String> {
            match (now, was) {
                (a, b) if a == *b => Patch::Unset,
                (Some(v), _) => Patch::Value(v),
                (None, _) => Patch::Null,
            }
        }
        let mut p = UpdateWorkspace::new();
        let name = self.name.get().trim().to_string();
        if name != orig.name {
            p.name = Patch::Value(name);
        }
        let slug = self.slug.get().trim().to_string();
        if slug != orig.slug {
            p.slug = Patch::Value(slug);
        }
        p.description = text(opt(&self.description.get()), &orig.description);
        p.default_text_model = text(opt(&self.text_model.get()), &orig.default_text_model);
        p.default_image_model = text(opt(&self.image_model.get()), &orig.default_image_model);
        let sort = opt(&self.provider_sort.get());
        let was = orig
            .default_provider_sort
            .as_ref()
            .map(|s| s.as_str().to_string());
        if sort != was {
            p.default_provider_sort = match sort {
                Some(s) => Patch::Value(ProviderSort::parse(&s)),
                None => Patch::Null,
            };
        }
        if let Some(r) = self.sampling_value() {
            if (r - orig.io_logging_sampling_rate).abs() > f64::EPSILON {
                p.io_logging_sampling_rate = Patch::Value(r);
            }
        }
        if let Ok(ids) = self.ids() {
            if ids != orig.io_logging_api_key_ids {
                p.io_logging_api_key_ids = match ids {
                    Some(v) => Patch::Value(v),
                    None => Patch::Null,
                };
            }
        }
        if self.discount.get() != orig.is_data_discount_logging_enabled {
            p.is_data_discount_logging_enabled = Patch::Value(self.discount.get());
        }
        if self.broadcast.get() != orig.is_observability_broadcast_enabled {
            p.is_observability_broadcast_enabled = Patch::Value(self.broadcast.get());
        }
        if self.io_logging.get() != orig.is_observability_io_logging_enabled {
            p.is_observability_io_logging_enabled = Patch::Value(self.io_logging.get());
        }
        let tools = self.tools.get();
        let was = orig.disabled_server_tools.clone().unwrap_or_default();
        if !same_set(&tools, &was) {
            // The API clears the list with `null` (or `[]`); `null` says "none" plainly.
            p.disabled_server_tools = if tools.is_empty() {
                Patch::Null
            } else {
                Patch::Value(tools)
            };
        }
        p
    }

    /// Every field error of the create body (as the user types).
    pub fn create_errors(&self) -> Vec<FieldError> {
        let mut e = self.parse_errors();
        e.extend(self.to_create().field_errors());
        e
    }

    /// Every field error of the update body against `orig`.
    pub fn patch_errors(&self, orig: &Workspace) -> Vec<FieldError> {
        let mut e = self.parse_errors();
        e.extend(self.to_patch(orig).field_errors());
        e
    }
}

/// Whether `a` and `b` hold the same names, whatever their order.
fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// The names the tools fieldset offers: every tool the page knows, then any other name the
/// workspace already carries (a tool newer than this page), so it can be seen and turned on.
fn tool_names(current: &[String]) -> Vec<String> {
    let mut names: Vec<String> = SERVER_TOOLS.iter().map(|t| t.to_string()).collect();
    for name in current {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// One checkbox per server tool; checked = turned off for the workspace.
fn server_tools(form: WsForm) -> impl IntoView {
    // Built once: rebuilding on every toggle would move the keyboard focus.
    let names = tool_names(&form.tools.get_untracked());
    let boxes = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let id = format!("ora-ws-tool-{i}");
            let shown = name
                .strip_prefix("openrouter:")
                .unwrap_or(&name)
                .to_string();
            let held = name.clone();
            let checked = move || form.tools.with(|t| t.contains(&held));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                form.tools.update(|t| {
                    t.retain(|n| *n != name);
                    if on {
                        t.push(name.clone());
                    }
                });
            };
            view! {
                <label class="ora-check">
                    <input type="checkbox" id=id prop:checked=checked on:change=toggle />
                    <span class="ora-mono">{shown}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ora-fieldset" id="ora-ws-tools">
            <legend>"Server tools turned off"</legend>
            <p class="ora-hint">"Requests made with this workspace's keys cannot use a checked tool. None checked: every tool is available."</p>
            <div class="ora-checks">{boxes}</div>
        </fieldset>
    }
}

/// All workspace fields, for both the create form and the settings form.
pub fn workspace_fields(form: WsForm, errors: FormErrors) -> impl IntoView {
    let derive_slug = Callback::new(move |_| {
        if !form.slug_edited.get_untracked() {
            form.slug
                .set(crate::domain::slugify(&form.name.get_untracked()));
        }
    });
    let slug_edited = Callback::new(move |_| form.slug_edited.set(true));
    view! {
        <div class="ora-grid2">
            <TextField id="ora-ws-name" label="Name" field="name" value=form.name errors=errors on_edit=derive_slug hint="1 to 100 characters." />
            <TextField id="ora-ws-slug" label="Slug" field="slug" value=form.slug errors=errors on_edit=slug_edited hint="Lowercase letters, digits and single hyphens; up to 50." />
        </div>
        <TextField id="ora-ws-description" label="Description" field="description" value=form.description errors=errors multiline=true hint="Up to 500 characters." />
        <div class="ora-grid2">
            <TextField id="ora-ws-text-model" label="Default text model" field="default_text_model" value=form.text_model errors=errors hint="e.g. openai/gpt-4o; empty for none." />
            <TextField id="ora-ws-image-model" label="Default image model" field="default_image_model" value=form.image_model errors=errors hint="Empty for none." />
        </div>
        <div class="ora-grid2">
            <SelectField id="ora-ws-sort" label="Default provider sort" value=form.provider_sort options=PROVIDER_SORTS />
            <TextField id="ora-ws-sampling" label="I/O logging sampling rate" field="io_logging_sampling_rate" value=form.sampling errors=errors hint="0.0001 to 1." />
        </div>
        <TextField id="ora-ws-key-ids" label="I/O logging API key ids" field="io_logging_api_key_ids" value=form.key_ids errors=errors hint="Comma-separated integer ids, as OpenRouter shows them; empty for all." />
        <label class="ora-check"><input type="checkbox" id="ora-ws-io" bind:checked=form.io_logging />"Observability: I/O logging"</label>
        <label class="ora-check"><input type="checkbox" id="ora-ws-broadcast" bind:checked=form.broadcast />"Observability: broadcast"</label>
        <label class="ora-check"><input type="checkbox" id="ora-ws-discount" bind:checked=form.discount />"Data discount logging"</label>
        {server_tools(form)}
    }
}
