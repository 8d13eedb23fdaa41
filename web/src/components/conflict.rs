//! Edits that know about each other: before a save, the form reads the object again and
//! compares, field by field, what the user saw when the form opened with what the API has now.
//!
//! A field only someone else changed takes their value silently (the user did not touch it); a
//! field only the user changed saves silently; a field both changed is a clash, said in plain
//! words ("Limit is now $50.00, changed elsewhere since you opened it"), and the user chooses:
//! overwrite with theirs or keep the other one's. The patch is then made against what the API
//! has now, so a save never reverts what someone else did to a field the user left alone.
//!
//! A form adopts it in three steps (the key's and the workspace's settings forms do):
//! 1. implement [`Edited`] for its form state over the object type: each field as
//!    [`Field`]s, and how to take one field's value from an object;
//! 2. hold an [`EditCheck`] made from the object as loaded, and build the patch against
//!    [`EditCheck::seen`];
//! 3. on submit call [`EditCheck::save`] with the re-read and the save itself, and render
//!    [`ClashNotice`] in the form.

use crate::services::use_loads;
use leptos::prelude::*;
use std::future::Future;

/// One field as the form shows it: compared by `value` (normalised: `20` and `20.0` are one
/// limit), said by `shown` (`$20.00`).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The field's name in the API (`limit`).
    pub key: &'static str,
    /// Its name in the form's words (`Limit`).
    pub label: &'static str,
    /// The normalised value, for comparing.
    pub value: String,
    /// The value as the page says it.
    pub shown: String,
}

impl Field {
    /// A field whose normalised value and words differ.
    pub fn new(key: &'static str, label: &'static str, value: String, shown: String) -> Field {
        Field {
            key,
            label,
            value,
            shown,
        }
    }

    /// A field whose value reads as it is ("" reads as "empty").
    pub fn text(key: &'static str, label: &'static str, value: impl Into<String>) -> Field {
        let value = value.into();
        let shown = if value.is_empty() {
            "empty".to_string()
        } else {
            format!("“{value}”")
        };
        Field::new(key, label, value, shown)
    }

    /// A yes/no field ("on"/"off").
    pub fn flag(key: &'static str, label: &'static str, on: bool) -> Field {
        let v = if on { "on" } else { "off" };
        Field::new(key, label, v.into(), v.into())
    }
}

/// A form's state over objects of type `T`.
pub trait Edited<T> {
    /// The fields of `obj`, in the form's order.
    fn fields_of(&self, obj: &T) -> Vec<Field>;
    /// The fields as the user has them now (same keys and order).
    fn fields(&self) -> Vec<Field>;
    /// Sets the form's field `key` to `obj`'s value.
    fn adopt(&self, key: &'static str, obj: &T);
}

/// One field of a form as its signal: a form that lists its fields once as slots
/// ([`Slotted`]) gets [`Edited`] from that list, with no comparison code of its own.
#[derive(Clone, Copy)]
pub enum Slot {
    /// Text as typed, compared trimmed (a list typed one item a line among them).
    Text(RwSignal<String>),
    /// A tri-state select's value: "" (not set), "yes" or "no".
    Tri(RwSignal<String>),
    /// A switch.
    Flag(RwSignal<bool>),
    /// A choice of words, in any order (regions).
    Set(RwSignal<Vec<String>>),
    /// The value of one key in a keyed list of choices ("" off): a content filter's action.
    Entry(RwSignal<Vec<(String, String)>>, &'static str),
    /// One of a row of switches, by its place.
    Switch(RwSignal<[bool; 5]>, usize),
}

impl Slot {
    /// The value, normalised for comparing, and as the page says it.
    fn read(self) -> (String, String) {
        let words = |v: String| {
            if v.is_empty() {
                ("".to_string(), "empty".to_string())
            } else {
                let shown = format!("“{}”", v.replace('\n', ", "));
                (v, shown)
            }
        };
        let flag = |on: bool| {
            let v = if on { "on" } else { "off" };
            (v.to_string(), v.to_string())
        };
        match self {
            Slot::Text(s) => words(s.get_untracked().trim().to_string()),
            Slot::Tri(s) => {
                let v = s.get_untracked();
                let shown = match v.as_str() {
                    "" => "not set",
                    "yes" => "yes",
                    _ => "no",
                };
                (v, shown.to_string())
            }
            Slot::Flag(b) => flag(b.get_untracked()),
            Slot::Set(s) => {
                let mut v = s.get_untracked();
                v.sort();
                words(v.join(", "))
            }
            Slot::Entry(list, key) => {
                let v = list
                    .with_untracked(|l| l.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
                    .unwrap_or_default();
                let shown = if v.is_empty() {
                    "off".to_string()
                } else {
                    v.clone()
                };
                (v, shown)
            }
            Slot::Switch(row, i) => flag(row.with_untracked(|r| r[i])),
        }
    }

    /// Sets this slot to the value of `theirs`, the same slot of another form.
    fn take(self, theirs: Slot) {
        match (self, theirs) {
            (Slot::Text(a), Slot::Text(b)) | (Slot::Tri(a), Slot::Tri(b)) => {
                a.set(b.get_untracked())
            }
            (Slot::Flag(a), Slot::Flag(b)) => a.set(b.get_untracked()),
            (Slot::Set(a), Slot::Set(b)) => a.set(b.get_untracked()),
            (Slot::Entry(a, key), Slot::Entry(b, _)) => {
                let v = b
                    .with_untracked(|l| l.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
                    .unwrap_or_default();
                a.update(|l| match l.iter_mut().find(|(k, _)| k == key) {
                    Some(slot) => slot.1 = v,
                    None => l.push((key.to_string(), v)),
                });
            }
            (Slot::Switch(a, i), Slot::Switch(b, _)) => {
                let on = b.with_untracked(|r| r[i]);
                a.update(|r| r[i] = on);
            }
            _ => {}
        }
    }
}

/// A form over objects of type `T` that lists its fields as [`Slot`]s.
pub trait Slotted<T> {
    /// A form holding `obj`'s values.
    fn holding(obj: &T) -> Self;
    /// Its compared fields, in its order: the API's name, the form's words, the signal. A
    /// secret the form never shows (a provider key) is not among them.
    fn slots(&self) -> Vec<(&'static str, &'static str, Slot)>;
}

/// Runs `f` under an owner of its own, dropped after: the signals of a form made only to read
/// an object's values do not outlive the read.
fn scratch<R>(f: impl FnOnce() -> R) -> R {
    let owner = Owner::new();
    let out = owner.with(f);
    owner.cleanup();
    out
}

fn slot_fields(slots: Vec<(&'static str, &'static str, Slot)>) -> Vec<Field> {
    slots
        .into_iter()
        .map(|(key, label, slot)| {
            let (value, shown) = slot.read();
            Field::new(key, label, value, shown)
        })
        .collect()
}

impl<T, F: Slotted<T>> Edited<T> for F {
    fn fields_of(&self, obj: &T) -> Vec<Field> {
        scratch(|| slot_fields(F::holding(obj).slots()))
    }

    fn fields(&self) -> Vec<Field> {
        slot_fields(self.slots())
    }

    fn adopt(&self, key: &'static str, obj: &T) {
        scratch(|| {
            let theirs = F::holding(obj).slots();
            for ((k, _, mine), (_, _, from)) in self.slots().into_iter().zip(theirs) {
                if k == key {
                    mine.take(from);
                }
            }
        });
    }
}

/// A field both the user and someone else changed since the form opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    /// The field's name in the API.
    pub key: &'static str,
    /// Its name in the form's words.
    pub label: &'static str,
    /// What the user saw when the form opened.
    pub seen: String,
    /// What the API has now.
    pub theirs: String,
    /// What the user is saving.
    pub mine: String,
}

impl Clash {
    /// The clash in plain words.
    pub fn sentence(&self) -> String {
        format!(
            "{} is now {}, changed elsewhere since you opened it (it was {}; you are saving {}).",
            self.label, self.theirs, self.seen, self.mine
        )
    }
}

/// Whether a patch sends nothing (every field the user changed someone else set the same
/// meanwhile): the form says so rather than send an empty update.
pub fn sends_nothing(patch: &impl serde::Serialize) -> bool {
    serde_json::to_value(patch).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
}

/// Compares what the user saw, what the API has now and what the user has: the fields to take
/// from the API silently (only someone else changed them), and the clashes (both did, to
/// different values).
pub fn compare(seen: &[Field], now: &[Field], mine: &[Field]) -> (Vec<&'static str>, Vec<Clash>) {
    let mut adopt = Vec::new();
    let mut clashes = Vec::new();
    for ((s, n), m) in seen.iter().zip(now).zip(mine) {
        if s.value == n.value || m.value == n.value {
            continue;
        }
        if m.value == s.value {
            adopt.push(s.key);
        } else {
            clashes.push(Clash {
                key: s.key,
                label: s.label,
                seen: s.shown.clone(),
                theirs: n.shown.clone(),
                mine: m.shown.clone(),
            });
        }
    }
    (adopt, clashes)
}

/// What a form with an [`EditCheck`] is doing about other edits.
#[derive(Clone, Debug, PartialEq)]
pub enum Checking {
    /// Nothing: the form is as the user left it.
    Idle,
    /// Reading the object again before saving.
    Reading,
    /// Both changed these fields: the user chooses.
    Clashes(Vec<Clash>),
}

/// The object a form was opened over (rebased on what the API had at each save), and the check
/// before each save.
pub struct EditCheck<T: 'static> {
    seen: StoredValue<T>,
    state: RwSignal<Checking>,
    save: StoredValue<Option<Box<dyn Fn()>>, LocalStorage>,
    // The form's owner: the re-read runs under it, so it finds the session in context.
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl<T: 'static> Clone for EditCheck<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for EditCheck<T> {}

impl<T: Clone + Send + Sync + 'static> EditCheck<T> {
    /// A check over `loaded`, the object as the form opened it, for `form`. While the user has
    /// changes, the page does not refresh its views when the tab comes back (see
    /// [`Loads::hold`](crate::services::Loads::hold)): the check at save tells them what changed.
    pub fn new(loaded: T, form: impl Edited<T> + 'static) -> EditCheck<T> {
        let seen = StoredValue::new(loaded);
        if let Some(loads) = use_loads() {
            loads.hold(move || {
                seen.try_with_value(|s| form.fields() != form.fields_of(s))
                    .unwrap_or(false)
            });
        }
        EditCheck {
            seen,
            state: RwSignal::new(Checking::Idle),
            save: StoredValue::new_local(None),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    /// The object the form's patch is made against.
    pub fn seen(self) -> T {
        self.seen.get_value()
    }

    /// Whether the object is being read again (tracked: a form's Save is off meanwhile).
    pub fn reading(self) -> bool {
        self.state.with(|s| *s == Checking::Reading)
    }

    /// The clashes a save found and the choice, for `form` ([`ClashNotice`]).
    pub fn notice(self, form: impl Edited<T> + Copy + Send + Sync + 'static) -> impl IntoView {
        view! { <ClashNotice state=self.state choose=move |overwrite| self.resolve(&form, overwrite) /> }
    }

    /// Where the check stands.
    pub fn state(self) -> RwSignal<Checking> {
        self.state
    }

    /// Reads the object again (`reread`); takes what only someone else changed; then runs `save`
    /// (which makes its patch against [`seen`](Self::seen), now the object as re-read), or, when
    /// both changed a field, asks first. A failed re-read saves all the same: the save meets the
    /// same problem and says so.
    pub fn save<F, R>(self, form: F, reread: R, save: impl Fn() + 'static)
    where
        F: Edited<T> + 'static,
        R: Future<Output = Result<T, openrouter_admin::Error>> + 'static,
    {
        if self.state.get_untracked() == Checking::Reading {
            return;
        }
        self.state.set(Checking::Reading);
        let task = async move {
            let Ok(now) = reread.await else {
                self.state.try_set(Checking::Idle);
                save();
                return;
            };
            let Some(seen) = self.seen.try_get_value() else {
                return;
            };
            let (adopt, clashes) = compare(
                &form.fields_of(&seen),
                &form.fields_of(&now),
                &form.fields(),
            );
            for key in adopt {
                form.adopt(key, &now);
            }
            self.seen.set_value(now);
            if clashes.is_empty() {
                self.state.set(Checking::Idle);
                save();
            } else {
                let _ = self.save.try_set_value(Some(Box::new(save)));
                self.state.set(Checking::Clashes(clashes));
            }
        };
        match self.owner.get_value() {
            Some(owner) => owner.with(|| leptos::task::spawn_local_scoped(task)),
            None => leptos::task::spawn_local(task),
        }
    }

    /// The user's answer to the clashes: `overwrite` saves theirs over the other edit; otherwise
    /// the other edit's values are taken into the form and the rest of the user's changes saved.
    pub fn resolve(self, form: &impl Edited<T>, overwrite: bool) {
        let Checking::Clashes(clashes) = self.state.get_untracked() else {
            return;
        };
        if !overwrite {
            let now = self.seen.get_value();
            for c in &clashes {
                form.adopt(c.key, &now);
            }
        }
        self.state.set(Checking::Idle);
        self.save.with_value(|save| {
            if let Some(save) = save {
                save();
            }
        });
    }
}

/// The clashes a save found, and the choice: `#ora-conflict` with `#ora-conflict-overwrite` and
/// `#ora-conflict-keep`.
#[component]
pub fn ClashNotice(
    /// Where the check stands.
    state: RwSignal<Checking>,
    /// The user's choice: `true` to overwrite.
    #[prop(into)]
    choose: Callback<bool>,
) -> impl IntoView {
    move || {
        state.with(|s| match s {
            Checking::Clashes(clashes) => {
                let lines = clashes
                    .iter()
                    .map(|c| view! { <li>{c.sentence()}</li> })
                    .collect_view();
                Some(view! {
                    <div class="ora-alert ora-alert-warn" role="alert" id="ora-conflict">
                        <p><strong>"Changed elsewhere while you were editing."</strong></p>
                        <ul class="ora-conflict-list">{lines}</ul>
                        <p>"Overwrite their change with yours, or keep theirs? Your other changes save either way."</p>
                        <div class="ora-row">
                            <button class="ora-btn ora-btn-primary" type="button" id="ora-conflict-overwrite" on:click=move |_| choose.run(true)>"Overwrite with mine"</button>
                            <button class="ora-btn" type="button" id="ora-conflict-keep" on:click=move |_| choose.run(false)>"Keep theirs"</button>
                        </div>
                    </div>
                })
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(key: &'static str, v: &str) -> Field {
        Field::new(key, "Limit", v.into(), format!("${v}"))
    }

    #[test]
    fn only_a_field_both_changed_is_a_clash() {
        let seen = [f("limit", "20"), f("name", "a"), f("reset", "daily")];
        // Someone else: limit 50 and reset weekly. The user: limit 30, name b; reset untouched.
        let now = [f("limit", "50"), f("name", "a"), f("reset", "weekly")];
        let mine = [f("limit", "30"), f("name", "b"), f("reset", "daily")];
        let (adopt, clashes) = compare(&seen, &now, &mine);
        assert_eq!(
            adopt,
            vec!["reset"],
            "theirs is taken where the user did not touch"
        );
        assert_eq!(clashes.len(), 1);
        assert_eq!(
            clashes[0].sentence(),
            "Limit is now $50, changed elsewhere since you opened it (it was $20; you are saving $30)."
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_clash() {
        let seen = [f("limit", "20")];
        let (adopt, clashes) = compare(&seen, &[f("limit", "50")], &[f("limit", "50")]);
        assert!(adopt.is_empty() && clashes.is_empty());
        let (adopt, clashes) = compare(&seen, &seen, &[f("limit", "30")]);
        assert!(
            adopt.is_empty() && clashes.is_empty(),
            "nobody else changed it"
        );
    }
}
