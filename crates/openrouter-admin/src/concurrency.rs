//! Runs futures a bounded number at a time and keeps their results in order: what
//! `futures_util`'s `buffered` does for the bulk helpers and `collect_all`, in a few lines.
//!
//! Written out because `buffered` brings `FuturesOrdered`/`FuturesUnordered` (task arcs, a
//! ready-to-run queue, per-task wakers) into every wasm build; with a handful of requests in
//! flight, polling each running future on every wake costs nothing noticeable.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

/// Runs `futures` at most `concurrency` at a time, started in order; returns every output in
/// the order of `futures`. With `stop`, returns early (dropping what still runs) as soon as an
/// output satisfies it: then only the outputs finished so far are returned, still in order.
pub(crate) async fn buffered<F: Future>(
    futures: impl IntoIterator<Item = F>,
    concurrency: usize,
    stop: Option<fn(&F::Output) -> bool>,
) -> Vec<F::Output> {
    let mut queue = futures.into_iter();
    // (index in the input, the future); kept in start order so requests go out in order.
    let mut running: Vec<(usize, Pin<Box<F>>)> = Vec::new();
    let mut results: Vec<Option<F::Output>> = Vec::new();
    let concurrency = concurrency.max(1);
    poll_fn(|cx| {
        loop {
            while running.len() < concurrency {
                match queue.next() {
                    Some(f) => {
                        running.push((results.len(), Box::pin(f)));
                        results.push(None);
                    }
                    None => break,
                }
            }
            if running.is_empty() {
                return Poll::Ready(());
            }
            let mut finished = false;
            let mut i = 0;
            while i < running.len() {
                if let Poll::Ready(out) = running[i].1.as_mut().poll(cx) {
                    let halt = stop.is_some_and(|s| s(&out));
                    results[running[i].0] = Some(out);
                    running.remove(i);
                    finished = true;
                    if halt {
                        return Poll::Ready(());
                    }
                } else {
                    i += 1;
                }
            }
            if !finished {
                return Poll::Pending;
            }
            // Something finished: start the next ones now, so they are polled in this turn.
        }
    })
    .await;
    results.into_iter().flatten().collect()
}
