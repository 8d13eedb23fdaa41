//! `readFindings`'s one argument (and the client part of the organization file's), read without
//! trusting it: own properties only (a polluted `Object.prototype` adds no option), each through
//! `Reflect` (a getter or proxy trap that throws becomes a `validation` error naming the option,
//! never an exception unwinding through wasm), every value checked for its type and range, the
//! first problems reported together by name.

use js_sys::{Function, Reflect};
use openrouter_admin::findings::{Levels, Thresholds};
use openrouter_admin::{CancelSignal, Client, Error, FieldError, ManagementKey};
use wasm_bindgen::{JsCast, JsValue};

/// What `readFindings` was asked to do.
pub struct Options {
    /// The client, from `apiKey` and `baseUrl`.
    pub client: Client,
    /// The rules' thresholds, the defaults overridden by `thresholds`.
    pub thresholds: Thresholds,
    /// `signal`, an `AbortSignal`.
    pub signal: Option<CancelSignal>,
    /// `concurrency`, reads at once.
    pub concurrency: Option<usize>,
    /// `onProgress`, called with `{ step, done, total }`.
    pub on_progress: Option<Function>,
}

/// Collects the problems found while reading, each naming its option.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, rule: &str, message: String) {
        self.0.push(FieldError::new(field, rule, message));
    }

    /// `object[name]` if it is the object's own property (an inherited one, such as a polluted
    /// `Object.prototype.baseUrl`, is `undefined`), or `undefined` after noting that reading it
    /// threw.
    pub(crate) fn get(&mut self, object: &JsValue, name: &str, path: &str) -> JsValue {
        let name = JsValue::from_str(name);
        let read =
            Reflect::get_own_property_descriptor(object.unchecked_ref::<js_sys::Object>(), &name)
                .and_then(|d| match d.is_undefined() {
                    true => Ok(JsValue::UNDEFINED),
                    false => Reflect::get(object, &name),
                });
        match read {
            Ok(v) => v,
            Err(_) => {
                self.add(path, "readable", format!("reading `{path}` threw"));
                JsValue::UNDEFINED
            }
        }
    }

    /// An optional finite number, at least `min`.
    fn number(&mut self, value: &JsValue, path: &str, min: f64) -> Option<f64> {
        if value.is_undefined() {
            return None;
        }
        match value.as_f64() {
            Some(n) if n.is_finite() && n >= min => Some(n),
            _ => {
                self.add(
                    path,
                    "type",
                    format!("`{path}` must be a finite number, at least {min}"),
                );
                None
            }
        }
    }

    /// An optional `{ critical, warning, info }` over `defaults`; `rising` when a higher value
    /// is worse (a share of a limit), else lower is worse (days left).
    fn levels(
        &mut self,
        parent: &JsValue,
        name: &str,
        defaults: Levels<f64>,
        rising: bool,
    ) -> Levels<f64> {
        let path = format!("options.thresholds.{name}");
        let value = self.get(parent, name, &path);
        if value.is_undefined() {
            return defaults;
        }
        if !value.is_object() {
            self.add(
                &path,
                "type",
                format!("`{path}` must be an object {{ critical, warning, info }}"),
            );
            return defaults;
        }
        let mut read = |level: &str, default: f64| {
            let p = format!("{path}.{level}");
            let v = self.get(&value, level, &p);
            self.number(&v, &p, 0.0).unwrap_or(default)
        };
        let l = Levels {
            critical: read("critical", defaults.critical),
            warning: read("warning", defaults.warning),
            info: read("info", defaults.info),
        };
        let ordered = if rising {
            l.critical >= l.warning && l.warning >= l.info
        } else {
            l.critical <= l.warning && l.warning <= l.info
        };
        if !ordered {
            let order = if rising { ">=" } else { "<=" };
            self.add(
                &path,
                "order",
                format!("`{path}` must have critical {order} warning {order} info"),
            );
        }
        l
    }
}

/// What every entry reads first: the management key, the base URL and the signal.
pub(crate) struct Connection {
    key: Option<ManagementKey>,
    base_url: Option<String>,
    signal: Option<CancelSignal>,
}

impl Connection {
    /// The client and `options.signal`, once every option is read: a `validation` error naming
    /// each problem of `p` if there is any.
    pub(crate) fn finish(self, p: Problems) -> Result<(Client, Option<CancelSignal>), Error> {
        if !p.0.is_empty() {
            return Err(Error::validation(p.0));
        }
        Ok((client(self.key, self.base_url)?, self.signal))
    }
}

/// Starts reading `options`: anything but an object is refused at once; then `apiKey`,
/// `baseUrl` and `signal`, whose problems are in the returned [`Problems`] with the rest.
pub(crate) fn open(options: &JsValue) -> Result<(Problems, Connection), Error> {
    let mut p = Problems::default();
    if !options.is_object() {
        p.add(
            "options",
            "type",
            "`options` must be an object with at least `apiKey`".to_owned(),
        );
        return Err(Error::validation(p.0));
    }
    let (key, base_url) = connection(&mut p, options);
    let signal = signal(&mut p, options);
    Ok((
        p,
        Connection {
            key,
            base_url,
            signal,
        },
    ))
}

/// Reads `readFindings`'s options.
pub fn read(options: &JsValue) -> Result<Options, Error> {
    let (mut p, connection) = open(options)?;
    let concurrency = {
        let v = p.get(options, "concurrency", "options.concurrency");
        p.number(&v, "options.concurrency", 1.0)
            .map(|n| n.min(64.0) as usize)
    };
    let on_progress = {
        let v = p.get(options, "onProgress", "options.onProgress");
        if v.is_undefined() {
            None
        } else if let Ok(f) = v.dyn_into::<Function>() {
            Some(f)
        } else {
            p.add(
                "options.onProgress",
                "type",
                "`options.onProgress` must be a function".to_owned(),
            );
            None
        }
    };
    let thresholds = thresholds(&mut p, options);
    let (client, signal) = connection.finish(p)?;
    Ok(Options {
        client,
        thresholds,
        signal,
        concurrency,
        on_progress,
    })
}

/// `options.apiKey` (checked) and `options.baseUrl`.
fn connection(p: &mut Problems, options: &JsValue) -> (Option<ManagementKey>, Option<String>) {
    let key = p.get(options, "apiKey", "options.apiKey").as_string();
    let key = key.filter(|k| !k.trim().is_empty()).map(ManagementKey::new);
    match &key {
        None => p.add(
            "options.apiKey",
            "required",
            "`options.apiKey` must be the management key, a non-empty string".to_owned(),
        ),
        Some(key) => {
            if let Err(e) = key.check("options.apiKey") {
                p.0.extend_from_slice(e.validation_errors());
            }
        }
    }
    let base = p.get(options, "baseUrl", "options.baseUrl");
    let base_url = if base.is_undefined() {
        None
    } else if let Some(url) = base.as_string() {
        Some(url)
    } else {
        p.add(
            "options.baseUrl",
            "type",
            "`options.baseUrl` must be a string".to_owned(),
        );
        None
    };
    (key, base_url)
}

/// The client of a key and base URL [`connection`] read without problems.
fn client(key: Option<ManagementKey>, base_url: Option<String>) -> Result<Client, Error> {
    let mut builder = Client::builder().api_key(key.unwrap_or_else(|| ManagementKey::new("")));
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    builder.build()
}

/// `options.signal`, an `AbortSignal`.
fn signal(p: &mut Problems, options: &JsValue) -> Option<CancelSignal> {
    let v = p.get(options, "signal", "options.signal");
    if v.is_undefined() {
        None
    } else if let Ok(s) = v.dyn_into::<web_sys::AbortSignal>() {
        Some(CancelSignal::from(s))
    } else {
        p.add(
            "options.signal",
            "type",
            "`options.signal` must be an AbortSignal".to_owned(),
        );
        None
    }
}

/// `options.thresholds` over the defaults.
fn thresholds(p: &mut Problems, options: &JsValue) -> Thresholds {
    let d = Thresholds::default();
    let t = p.get(options, "thresholds", "options.thresholds");
    if t.is_undefined() {
        return d;
    }
    if !t.is_object() {
        p.add(
            "options.thresholds",
            "type",
            "`options.thresholds` must be an object".to_owned(),
        );
        return d;
    }
    let mut days = |name: &str, default: f64| {
        let path = format!("options.thresholds.{name}");
        let v = p.get(&t, name, &path);
        p.number(&v, &path, 1.0).unwrap_or(default)
    };
    let idle_days = days("idleDays", d.idle_days);
    let disabled_days = days("disabledDays", d.disabled_days);
    Thresholds {
        expiring_days: p.levels(&t, "expiringDays", d.expiring_days, false),
        limit_use: p.levels(&t, "limitUse", d.limit_use, true),
        budget_use: p.levels(&t, "budgetUse", d.budget_use, true),
        idle_days,
        disabled_days,
        runway_days: p.levels(&t, "runwayDays", d.runway_days, false),
    }
}
