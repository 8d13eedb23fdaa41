//! One way to page, shared by every list: page by page ([`Paginator::by_page`]), item by item
//! ([`Paginator::by_item`]), or everything at once ([`Paginator::collect_all`], which fetches
//! the remaining pages concurrently when the list reports a `total_count`, keeping order).
//!
//! It stops at an empty page, a short page, or `offset + len >= total_count`. A list that
//! never stops ends in an [`ErrorKind::Pagination`] error, by the walk's [`Guard`]: a page
//! that repeats an earlier one (a server ignoring the offset), or more than the client's
//! [`max_walk`](crate::Config::max_walk) spent waiting on pages. Not a count of pages: a
//! 100,000-key workspace is 1,000 pages of `GET /keys`, and a larger one more.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
//! let mut keys = std::pin::pin!(client.keys().list().include_disabled(true).paginate().by_item());
//! while let Some(key) = keys.next().await {
//!     println!("{}", key?.name);
//! }
//! # Ok(()) }
//! ```

use std::cell::{Cell, RefCell};
use std::time::Duration;

use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};

use crate::client::{Call, Client};
use crate::endpoint::{Answer, PagedEndpoint, Request};
use crate::error::{Error, ErrorKind};
use crate::json_reader::Doc;
use crate::shapes::ListResponse;
use crate::transport::{CancelSignal, HttpResponse, Transport};

/// Walks a list endpoint.
#[must_use = "a paginator does nothing until streamed or collected"]
pub struct Paginator<'a, T, E> {
    client: &'a Client<T>,
    endpoint: E,
    signal: Option<CancelSignal>,
    max_walk: Duration,
    concurrency: usize,
    read_ahead: bool,
}

impl<'a, T: Transport, E: PagedEndpoint> Call<'a, T, E> {
    /// Pages through the list, starting at this call's offset.
    pub fn paginate(self) -> Paginator<'a, T, E> {
        let cfg = self.client.config();
        Paginator {
            client: self.client,
            max_walk: cfg.max_walk,
            concurrency: cfg.concurrency,
            endpoint: self.endpoint,
            signal: self.signal,
            read_ahead: false,
        }
    }
}

/// A list being walked: the request of each page comes from one closure over the list's
/// endpoint (gax's paginator idea), so the one [`walk`] below serves every list, decoded or
/// as text, and exists once per reader in a wasm module rather than once per endpoint. The
/// guard, the stop rules and the offset step live here.
struct Walk<'a> {
    page: Box<dyn FnMut(u64) -> Result<Request, Error> + 'a>,
    offset: u64,
    size: u64,
    fixed: bool,
    guard: Guard,
    done: bool,
}

/// What ends a list that does not: a page that repeats an earlier page of the walk (its body's
/// hash seen before: a server that ignores the offset, or cycles), or more than `limit_ms`
/// spent waiting on the walk's pages (a server inventing pages for ever). Time spent waiting,
/// not since the start: a caller may take its time between the pages of a paginator.
struct Guard {
    limit_ms: f64,
    spent_ms: Cell<f64>,
    /// The hashes of the pages read so far, sorted.
    seen: RefCell<Vec<u64>>,
}

impl Guard {
    fn new(limit: Duration) -> Self {
        Guard {
            limit_ms: limit.as_millis() as f64,
            spent_ms: Cell::new(0.0),
            seen: RefCell::new(Vec::new()),
        }
    }

    /// The answer of the page at `offset`, which took `waited_ms`, and its body's hash (for
    /// [`fresh`](Self::fresh)), or the error that ends the walk.
    fn check(
        &self,
        page: Result<HttpResponse, Error>,
        waited_ms: f64,
        offset: u64,
    ) -> Result<(HttpResponse, u64), Error> {
        let spent = self.spent_ms.get() + waited_ms.max(0.0);
        self.spent_ms.set(spent);
        let page = page?;
        if spent > self.limit_ms {
            return Err(Error::new(
                ErrorKind::Pagination,
                format!(
                    "stopped at offset {offset}: the list's pages took over {} s to read and it \
                     did not end (loop guard)",
                    // Whole seconds: a float's formatting would add kilobytes to the wasm.
                    self.limit_ms as u64 / 1000
                ),
            ));
        }
        // FNV-1a: a byte loop, no hasher linked into the wasm.
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        for b in page.body.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Ok((page, hash))
    }

    /// Whether the page whose body hashed to `hash`, with `n` items, is new to the walk. Empty
    /// pages are all alike and end a walk anyway (a read-ahead wave can fetch several).
    fn fresh(&self, hash: u64, n: u64, offset: u64) -> Result<(), Error> {
        if n == 0 {
            return Ok(());
        }
        let mut seen = self.seen.borrow_mut();
        match seen.binary_search(&hash) {
            Ok(_) => Err(Error::new(
                ErrorKind::Pagination,
                format!(
                    "stopped at offset {offset}: the page repeats an earlier page, so the server \
                     ignores the offset and the list would not end (loop guard)"
                ),
            )),
            Err(at) => {
                seen.insert(at, hash);
                Ok(())
            }
        }
    }
}

/// Sends the page at `offset` and reads it with `read`, through `guard`.
async fn guarded<T: Transport, P>(
    client: &Client<T>,
    guard: &Guard,
    request: Result<Request, Error>,
    signal: Option<&CancelSignal>,
    offset: u64,
    read: Read<P>,
) -> Result<Counted<P>, Error> {
    let started = client.transport().now_ms();
    let page = client.execute_prepared(request, signal).await;
    let (page, hash) = guard.check(page, client.transport().now_ms() - started, offset)?;
    let page = read(page)?;
    guard.fresh(hash, page.1, offset)?;
    Ok(page)
}

impl<'a> Walk<'a> {
    /// The walk of a list from its first page's request (built once, failure included) and
    /// its [`Paging`]: each later page is that request with its `offset` set, so no code
    /// of the endpoint's type runs after the first (see [`Client::text_pages`]).
    fn from_request(first: Result<Request, Error>, paging: Paging, max_walk: Duration) -> Self {
        let start = paging.offset;
        // A failed first request is the walk's one page: its error is handed over once, not
        // cloned (an `Error` clone is ~0.4 KB of wasm in the npm package).
        let (first, mut failed) = match first {
            Ok(request) => (Some(request), None),
            Err(e) => (None, Some(e)),
        };
        Walk {
            offset: start,
            size: paging.size,
            fixed: paging.fixed,
            page: Box::new(move |offset| {
                let mut request = match (&first, failed.take()) {
                    (Some(request), _) => request.clone(),
                    (None, Some(e)) => return Err(e),
                    (None, None) => {
                        return Err(Error::new(
                            ErrorKind::Pagination,
                            "the list's request failed",
                        ))
                    }
                };
                // The first page is sent as the endpoint built it.
                if offset != start {
                    request.set_offset(offset);
                }
                Ok(request)
            }),
            guard: Guard::new(max_walk),
            done: false,
        }
    }

    fn new<E: PagedEndpoint + 'a>(endpoint: E, max_walk: Duration) -> Self {
        Walk {
            offset: endpoint.offset(),
            size: endpoint.page_size(),
            fixed: endpoint.fixed_pages(),
            page: Box::new(move |offset| {
                let mut e = endpoint.clone();
                e.set_offset(offset);
                e.request()
            }),
            guard: Guard::new(max_walk),
            done: false,
        }
    }

    /// Before fetching a page: `None` when the walk is over, else the page's request.
    fn next_page(&mut self) -> Option<Result<Request, Error>> {
        if self.done {
            return None;
        }
        Some((self.page)(self.offset))
    }

    /// After a page of `n` items (and the answer's `total_count`): steps the offset and
    /// decides whether that was the last page.
    fn page_done(&mut self, n: u64, total: Option<u64>) {
        self.done = is_last(self.fixed, self.size, total, self.offset, n);
        self.offset += n;
    }
}

/// How a list pages, as its endpoint says: the offset it starts at, its page size and whether
/// its pages are fixed (`GET /keys`). With the list's first request, all a walk needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Paging {
    /// The first page's offset.
    pub offset: u64,
    /// The page size the server will use.
    pub size: u64,
    /// Fixed pages without a `total_count`: a short page is the last.
    pub fixed: bool,
}

impl Paging {
    /// The paging of `endpoint`.
    pub fn of<E: PagedEndpoint>(endpoint: &E) -> Self {
        Paging {
            offset: endpoint.offset(),
            size: endpoint.page_size(),
            fixed: endpoint.fixed_pages(),
        }
    }
}

impl<T: Transport + 'static> Client<T> {
    /// A list page by page as JSON text, from its first page's request (an endpoint's
    /// [`request`](crate::endpoint::Endpoint::request), a failure included, which the first page
    /// then is) and its [`Paging`]: the requests, stop rules, loop guard (the client's
    /// `max_walk`) and errors of [`Paginator::by_page_text`], with no code per endpoint type.
    /// For bindings that pick the list in a `match`: each arm builds only the first request,
    /// and every list shares one walk (the npm package's paginators).
    pub fn text_pages(
        &self,
        first: Result<Request, Error>,
        paging: Paging,
        signal: Option<CancelSignal>,
    ) -> impl Stream<Item = Result<String, Error>> + 'static {
        let walk_state = Walk::from_request(first, paging, self.config().max_walk);
        walk(self.clone(), walk_state, signal, read_docs).map_ok(|(text, _)| text)
    }
}

/// What a walk reads of each page's answer: the page as the caller wants it, its item count
/// and its `total_count`.
type Read<P> = fn(HttpResponse) -> Result<Counted<P>, Error>;

/// A page as read, its item count and its `total_count`.
type Counted<P> = (P, u64, Option<u64>);

/// The one page walk: fetches page after page until the list ends, a page fails (which ends
/// the walk) or the loop guard trips.
fn walk<'a, T: Transport + 'a, P: 'a>(
    client: Client<T>,
    walk: Walk<'a>,
    signal: Option<CancelSignal>,
    read: Read<P>,
) -> impl Stream<Item = Result<P, Error>> + 'a {
    stream::unfold(walk, move |mut st| {
        let (client, signal) = (client.clone(), signal.clone());
        async move {
            let request = st.next_page()?;
            let page = guarded(
                &client,
                &st.guard,
                request,
                signal.as_ref(),
                st.offset,
                read,
            )
            .await;
            match page {
                Ok((page, n, total)) => {
                    st.page_done(n, total);
                    Some((Ok(page), st))
                }
                Err(e) => {
                    st.done = true;
                    Some((Err(e), st))
                }
            }
        }
    })
}

/// Every item of a walk, undecoded, in order: [`Paginator::collect_values`]'s loop.
async fn collect_docs<T: Transport>(
    client: Client<T>,
    walk_state: Walk<'_>,
    signal: Option<CancelSignal>,
) -> Result<Vec<Doc>, Error> {
    let mut pages = std::pin::pin!(walk(client, walk_state, signal, read_docs));
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        out.extend(page?.1);
    }
    Ok(out)
}

/// A page decoded as `E`'s answer.
fn read_typed<E: PagedEndpoint>(
    resp: HttpResponse,
) -> Result<Counted<ListResponse<E::Item>>, Error> {
    let page = E::decode(Answer::new(resp.status, &resp.body))?;
    let (n, total) = (page.data.len() as u64, page.total_count);
    Ok((page, n, total))
}

/// A page as its text and its items, undecoded.
fn read_docs(resp: HttpResponse) -> Result<Counted<(String, Vec<Doc>)>, Error> {
    let (items, total) = page_items(&resp)?;
    let n = items.len() as u64;
    Ok(((resp.body, items), n, total))
}

impl<'a, T: Transport, E: PagedEndpoint + 'a> Paginator<'a, T, E> {
    /// Cancels the walk when `signal` fires.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    pub(crate) fn signal_opt(mut self, signal: Option<CancelSignal>) -> Self {
        self.signal = signal;
        self
    }
    /// Loop guard: at most this long spent waiting on pages (default from the client, 1 h).
    pub fn max_walk(mut self, d: Duration) -> Self {
        self.max_walk = d;
        self
    }
    /// Pages fetched at once by [`collect_all`](Self::collect_all) (default 4).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// For [`collect_all`](Self::collect_all) of a list without a `total_count` (`GET /keys`):
    /// fetch `concurrency` pages at once instead of one after another. A whole organization's
    /// keys then take a tenth of the round trips, for at most `concurrency - 1` requests past
    /// the end (answered with empty pages). Off by default, so a walk asks for nothing it does
    /// not need.
    pub fn read_ahead(mut self) -> Self {
        self.read_ahead = true;
        self
    }

    /// One page at a time.
    pub fn by_page(self) -> impl Stream<Item = Result<ListResponse<E::Item>, Error>> + 'a {
        let client = self.client.clone();
        walk(
            client,
            Walk::new(self.endpoint, self.max_walk),
            self.signal,
            read_typed::<E>,
        )
    }

    /// One page at a time as the answer's JSON text, undecoded (same requests, stop rules,
    /// loop guard and errors as [`by_page`](Self::by_page)). For bindings that parse in
    /// JavaScript: only the item count and `total_count` are read here, so no item decoder
    /// is linked. The stream holds its own handle to the client, so it can outlive this
    /// borrow (bindings hand it to JavaScript).
    pub fn by_page_text(self) -> impl Stream<Item = Result<String, Error>> + 'static
    where
        T: 'static,
        E: 'static,
    {
        let client = self.client.clone();
        walk(
            client,
            Walk::new(self.endpoint, self.max_walk),
            self.signal,
            read_docs,
        )
        .map_ok(|(text, _)| text)
    }

    /// Every item, undecoded, page after page: for composite operations that read a few
    /// fields of each item and link no model decoder (see `json`). Only the walk's first step
    /// knows the endpoint's type: the future is [`collect_docs`]'s, one for every list, so a
    /// composite that reads two kinds of list does not carry two copies of the loop (~1 KB of
    /// wasm each in the npm package).
    pub(crate) fn collect_values(
        self,
    ) -> impl std::future::Future<Output = Result<Vec<Doc>, Error>> + 'a {
        let walk_state = Walk::new(self.endpoint, self.max_walk);
        collect_docs(self.client.clone(), walk_state, self.signal)
    }

    /// One item at a time.
    pub fn by_item(self) -> impl Stream<Item = Result<E::Item, Error>> + 'a {
        self.by_page()
            .map_ok(|p| stream::iter(p.data.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Everything, in order. With a `total_count`, the pages after the first are fetched
    /// `concurrency` at a time; otherwise page by page.
    pub async fn collect_all(self) -> Result<Vec<E::Item>, Error> {
        let Paginator {
            client,
            mut endpoint,
            signal,
            max_walk,
            concurrency,
            read_ahead,
        } = self;
        let guard = Guard::new(max_walk);
        let start = endpoint.offset();
        let read = read_typed::<E>;
        let first = guarded(
            client,
            &guard,
            endpoint.request(),
            signal.as_ref(),
            start,
            read,
        );
        let first = first.await?.0;
        let n = first.data.len() as u64;
        let total = first.total_count;
        let fixed = endpoint.fixed_pages();
        let mut out = first.data;
        if is_last(fixed, endpoint.page_size(), total, start, n) {
            return Ok(out);
        }
        endpoint.set_offset(start + n);
        match total {
            Some(total) if !fixed => {
                let size = n.max(1);
                // Lazily: a `total_count` is the server's word, and may be absurd.
                let offsets = (0..)
                    .map(move |i| start + n + i * size)
                    .take_while(move |o| *o < total);
                let pages = pages_at(client, &guard, &endpoint, offsets, &signal, concurrency);
                for p in pages.await? {
                    out.extend(p.data);
                }
                Ok(out)
            }
            None if fixed && read_ahead => {
                let size = endpoint.page_size();
                let wave = concurrency as u64;
                loop {
                    let from = endpoint.offset();
                    let offsets = (0..wave).map(|i| from + i * size);
                    let pages = pages_at(client, &guard, &endpoint, offsets, &signal, concurrency);
                    for p in pages.await? {
                        let short = (p.data.len() as u64) < size;
                        out.extend(p.data);
                        if short {
                            return Ok(out);
                        }
                    }
                    endpoint.set_offset(from + wave * size);
                }
            }
            _ => {
                let mut rest = Walk::new(endpoint, max_walk);
                rest.guard = guard;
                let mut pages = std::pin::pin!(walk(client.clone(), rest, signal, read_typed::<E>));
                while let Some(page) = pages.next().await {
                    out.extend(page?.data);
                }
                Ok(out)
            }
        }
    }

    /// Alias of [`collect_all`](Self::collect_all).
    pub async fn all(self) -> Result<Vec<E::Item>, Error> {
        self.collect_all().await
    }
}

/// The pages of `endpoint` at `offsets`, `concurrency` at a time, in order, each through
/// `guard`; the first failure ends the walk, as `try_collect` would.
async fn pages_at<T: Transport, E: PagedEndpoint>(
    client: &Client<T>,
    guard: &Guard,
    endpoint: &E,
    offsets: impl Iterator<Item = u64>,
    signal: &Option<CancelSignal>,
    concurrency: usize,
) -> Result<Vec<ListResponse<E::Item>>, Error> {
    crate::concurrency::buffered(
        offsets.map(|o| {
            let mut e = endpoint.clone();
            e.set_offset(o);
            let signal = signal.clone();
            async move {
                let page = guarded(
                    client,
                    guard,
                    e.request(),
                    signal.as_ref(),
                    o,
                    read_typed::<E>,
                );
                page.await.map(|(page, _, _)| page)
            }
        }),
        concurrency,
        Some(|page: &Result<_, Error>| page.is_err()),
    )
    .await
    .into_iter()
    .collect()
}

/// What paging reads of a page it does not decode into models: its items and `total_count`
/// (see `json` for why not a derived struct).
fn page_items(resp: &HttpResponse) -> Result<(Vec<Doc>, Option<u64>), Error> {
    let page = crate::fields::parse(&resp.body, resp.status, false)?;
    let total = page.get("total_count").and_then(|t| t.as_u64());
    match page.get("data").and_then(Doc::into_items) {
        Some(items) => Ok((items, total)),
        None => Err(Error::decode(
            ".data",
            "expected an array",
            resp.status,
            &resp.body,
        )),
    }
}

/// The stop rule: an empty page ends every walk; `GET /keys` (fixed pages, no total) ends on
/// a short page; lists with a `total_count` end when it is reached.
fn is_last(fixed: bool, size: u64, total: Option<u64>, offset: u64, n: u64) -> bool {
    if n == 0 {
        return true;
    }
    if fixed {
        return n < size;
    }
    match total {
        Some(t) => offset + n >= t,
        None => n < size,
    }
}
