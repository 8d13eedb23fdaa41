//! The state an apply leaves, kept between applies (the page in IndexedDB, the CLI in a state
//! file) so that the next plan can show drift: fields changed by hand since.

use super::action::ActionKind;
use super::file::OrgFile;
use super::plan::Plan;

pub use super::applied::{drift, Applied, AppliedState, Drift, CHOICES};

/// The state after an apply of `text`, from `after`, the plan made once it ended: each entry
/// whose object now matches the file, with the live values of the fields the file manages. An
/// entry still to change (the apply stopped before it) keeps what `previous` said of it; an entry
/// no longer in the file, or deleted, is dropped.
pub fn record(text: &str, after: &Plan, previous: Option<AppliedState>) -> AppliedState {
    let previous = previous.unwrap_or_default();
    let mut state = AppliedState {
        version: 1,
        ..AppliedState::default()
    };
    let Ok(file) = OrgFile::parse(text) else {
        return state;
    };
    for (section, entries) in &file.sections {
        for (address, entry) in &entries.entries {
            let path = format!("{section}.{address}");
            if entry.delete {
                continue;
            }
            let done = after.resource_changes.iter().find(|a| {
                a.address == path
                    && (a.action == ActionKind::NoOp
                        || (a.action == ActionKind::Adopt && a.changes.is_empty()))
            });
            let applied = done.and_then(|a| {
                let before = a.before.as_ref()?;
                let fields = entry
                    .fields
                    .keys()
                    .filter_map(|k| Some((k.to_string(), before.get(k)?.clone())))
                    .collect();
                Some(Applied {
                    id: a.id.clone()?,
                    fields,
                })
            });
            if let Some(applied) = applied.or_else(|| previous.objects.get(&path).cloned()) {
                state.objects.insert(path, applied);
            }
        }
    }
    state
}
