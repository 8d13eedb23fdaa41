//! The machinery of the bulk changes with one outcome per identifier (workspace members'
//! `add_all`/`remove_all`, guardrail assignments): the distinct identifiers asked for, a set
//! to look them up in, and the requests sent chunk after chunk with each chunk's failure kept
//! beside the identifiers it carried.

use crate::client::Client;
use crate::endpoint::Request;
use crate::error::Error;
use crate::transport::{CancelSignal, Transport};

/// A set of identifiers: a sorted vector, searched by halves, grown by insertion. Not a
/// `HashSet` or `BTreeSet`, nor a sort: each brings a sizeable implementation (hashbrown and
/// SipHash, B-tree nodes, or a sorting algorithm) into wasm builds that have no other use for
/// it (~2 KB gzip). Insertion moves at most the ids after the new one, a `memmove` that
/// stays cheap for the thousands of members a workspace holds.
#[derive(Clone)]
pub(crate) struct IdSet<I>(Vec<I>);

impl<I> Default for IdSet<I> {
    fn default() -> Self {
        IdSet(Vec::new())
    }
}

impl<I: Ord> IdSet<I> {
    /// Adds `id`; `false` if it was there already.
    pub(crate) fn insert(&mut self, id: I) -> bool {
        match self.0.binary_search(&id) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, id);
                true
            }
        }
    }
    /// Whether `id` is in the set.
    pub(crate) fn contains(&self, id: &I) -> bool {
        self.0.binary_search(id).is_ok()
    }
}

/// The identifiers asked for, each once, in the order first asked.
pub(crate) fn distinct<I: Ord + Clone>(ids: &[I]) -> Vec<I> {
    let mut seen = IdSet::default();
    ids.iter()
        .filter(|i| seen.insert((*i).clone()))
        .cloned()
        .collect()
}

/// The chunks that failed, each with the identifiers it carried.
pub(crate) type ChunkErrors<I> = Vec<(Vec<I>, Error)>;

/// Sends `todo` in chunks of `size`, one after another, each through `request`; a chunk's
/// failure is kept with its identifiers and the next chunk goes on. Cancellation stops all.
/// The answers' bodies are not decoded: the outcomes come from listing again afterwards.
pub(crate) async fn send_chunks<T, I, F>(
    client: &Client<T>,
    todo: &[I],
    size: usize,
    signal: Option<&CancelSignal>,
    request: F,
) -> Result<ChunkErrors<I>, Error>
where
    T: Transport,
    I: Clone,
    F: Fn(Vec<I>) -> Result<Request, Error>,
{
    let mut errors = Vec::new();
    for chunk in todo.chunks(size.max(1)) {
        if let Err(e) = client
            .execute_prepared(request(chunk.to_vec()), signal)
            .await
        {
            if e.is_cancelled() {
                return Err(e);
            }
            errors.push((chunk.to_vec(), e));
        }
    }
    Ok(errors)
}

/// The error of the chunk that carried `id`, if it failed.
pub(crate) fn failure<I: PartialEq>(errors: &ChunkErrors<I>, id: &I) -> Option<Error> {
    errors
        .iter()
        .find(|(c, _)| c.contains(id))
        .map(|(_, e)| e.clone())
}
