//! What an assignment change did to each key or member, in words: the lines of the results
//! panel, its heading, and a single key's change as a plain result.

use crate::components::results::{counted, ended_by, failed_text, not_done, Ended, ResultLine};
use openrouter_admin::handlers::{AssignmentOutcome, AssignmentReport};
use openrouter_admin::Error;
use std::collections::HashMap;

/// Keys or members.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Who {
    /// API keys, by hash.
    Keys,
    /// Organization members, by user id.
    Members,
}

/// One assignment change: assign (`true`) or unassign these keys or members.
#[derive(Clone, Debug)]
pub struct Change {
    /// Keys or members.
    pub who: Who,
    /// Assign, else unassign.
    pub assign: bool,
    /// The key hashes or user ids.
    pub ids: Vec<String>,
}

/// A report with its ids as text, whatever they identify.
pub type Outcomes = Vec<(String, AssignmentOutcome)>;

/// The outcomes of `report`, ids as text.
pub fn outcomes<I: AsRef<str>>(report: AssignmentReport<I>) -> Outcomes {
    report
        .results
        .into_iter()
        .map(|r| (r.id.as_ref().to_string(), r.outcome))
        .collect()
}

/// An outcome as a plain result: done as asked (or already so), or the error.
pub fn as_result(o: AssignmentOutcome) -> Result<(), Error> {
    match o {
        AssignmentOutcome::Failed(e) => Err(e),
        _ => Ok(()),
    }
}

/// A change of one key or member, as a plain result.
pub fn single<I: AsRef<str>>(report: AssignmentReport<I>) -> Result<(), Error> {
    outcomes(report)
        .into_iter()
        .try_for_each(|(_, o)| as_result(o))
}

/// What the change did to one key or member, in words.
fn text(o: &AssignmentOutcome) -> String {
    match o {
        AssignmentOutcome::Assigned => "assigned".into(),
        AssignmentOutcome::AlreadyAssigned => "assigned already".into(),
        AssignmentOutcome::Unassigned => "unassigned".into(),
        AssignmentOutcome::NotAssigned => "was not assigned".into(),
        AssignmentOutcome::Failed(e) => failed_text(e),
        _ => "unknown outcome".into(),
    }
}

/// One result line per key or member, named from `names` (hash or user id to a name).
pub fn lines(report: &Outcomes, names: &HashMap<String, String>) -> Vec<ResultLine> {
    report
        .iter()
        .map(|(id, o)| ResultLine {
            name: names.get(id).cloned().unwrap_or_else(|| id.clone()),
            text: text(o),
            ended: match o {
                AssignmentOutcome::Failed(e) => ended_by(e),
                _ => Ended::Done,
            },
        })
        .collect()
}

/// The results panel's heading: all done, or how many failed and how many got no answer.
pub fn heading(c: &Change, lines: &[ResultLine]) -> String {
    let verb = if c.assign { "assigned" } else { "unassigned" };
    match (not_done(lines), lines.len()) {
        (0, 1) => format!("{}{}", verb[..1].to_uppercase(), &verb[1..]),
        (0, n) => format!("All {n} {verb}"),
        _ => counted(lines, "failed"),
    }
}
