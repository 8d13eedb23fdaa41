//! Connections as a server other tools point at sees them: how many may be open, how long
//! a client may take to send its request, and the envelope on the answers hyper writes by
//! itself when it cannot parse a request (400, 414, 431).
//!
//! A slow-loris client opens connections and never finishes a request head. hyper's header
//! timeout closes each one eventually, but until then they hold file descriptors; once the
//! process runs out, nobody else gets in. So the sandbox caps open connections, and when the
//! cap (or the descriptor limit) is reached, a new client takes the place of the oldest
//! connection that is not in the middle of a request, instead of waiting behind it.

use std::collections::BTreeMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tokio::time::Sleep;

use crate::error::envelope;
use crate::input::BodyTimeout;

/// `Access-Control-Allow-Origin` on every answer, so a page on any origin can read it.
pub const ALLOW_ORIGIN: &str = "*";

/// `Access-Control-Expose-Headers` on every answer: the retry hints a page may read.
pub const EXPOSE_HEADERS: &str = "retry-after, retry-after-ms";

/// Largest request head (request line and headers) read; a bigger one is answered 431.
pub const MAX_HEAD_BYTES: usize = 128 * 1024;

/// Longest URI hyper accepts (its own fixed limit); a longer one is answered 414.
pub const MAX_URI_BYTES: usize = 65_534;

/// Most header fields hyper reads in one request (its default); more is answered 431.
pub const MAX_HEADERS: usize = 100;

/// The open connections, oldest first, each with what it takes to close it.
#[derive(Debug)]
pub struct Connections {
    cap: usize,
    open: Mutex<Registry>,
}

#[derive(Debug, Default)]
struct Registry {
    next: u64,
    slots: BTreeMap<u64, Slot>,
}

#[derive(Debug, Clone)]
struct Slot {
    /// Requests this connection is serving right now.
    busy: Arc<AtomicUsize>,
    /// Signalled to close the connection.
    close: Arc<Notify>,
}

/// One admitted connection; dropping it frees its place.
#[derive(Debug)]
pub struct Ticket {
    id: u64,
    slot: Slot,
    owner: Arc<Connections>,
}

/// Marks a connection busy while a request is served on it; dropping it ends that.
#[derive(Debug)]
pub struct Busy(Arc<AtomicUsize>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Connections {
    /// Room for `cap` connections (at least one).
    pub fn new(cap: usize) -> Arc<Self> {
        Arc::new(Self {
            cap: cap.max(1),
            open: Mutex::new(Registry::default()),
        })
    }

    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Admits a new connection, closing the oldest idle one first when every place is
    /// taken. None when every open connection is serving a request: the new one is refused.
    pub fn admit(self: &Arc<Self>) -> Option<Ticket> {
        let mut reg = self.registry();
        if reg.slots.len() >= self.cap && !evict_oldest_idle(&mut reg) {
            return None;
        }
        let id = reg.next;
        reg.next += 1;
        let slot = Slot {
            busy: Arc::new(AtomicUsize::new(0)),
            close: Arc::new(Notify::new()),
        };
        reg.slots.insert(id, slot.clone());
        Some(Ticket {
            id,
            slot,
            owner: self.clone(),
        })
    }

    /// Closes the oldest connection not serving a request, to free its file descriptor
    /// when accepting fails; false when there is none.
    pub fn evict_oldest_idle(&self) -> bool {
        evict_oldest_idle(&mut self.registry())
    }
}

fn evict_oldest_idle(reg: &mut Registry) -> bool {
    let oldest = reg
        .slots
        .iter()
        .find(|(_, s)| s.busy.load(Ordering::Acquire) == 0)
        .map(|(id, _)| *id);
    match oldest.and_then(|id| reg.slots.remove(&id)) {
        Some(slot) => {
            // notify_one keeps the wake-up if the connection is not waiting for it yet.
            slot.close.notify_one();
            true
        }
        None => false,
    }
}

impl Ticket {
    /// The connection's busy counter, for the service that serves its requests.
    pub fn busy_handle(&self) -> BusyHandle {
        BusyHandle(self.slot.busy.clone())
    }

    /// Resolves when the connection must close to make room for a newer one.
    pub async fn evicted(&self) {
        self.slot.close.notified().await;
    }
}

/// Counts the requests a connection is serving; a busy connection is never evicted.
#[derive(Debug, Clone)]
pub struct BusyHandle(Arc<AtomicUsize>);

impl BusyHandle {
    /// Marks the connection busy until the returned guard is dropped.
    pub fn busy(&self) -> Busy {
        self.0.fetch_add(1, Ordering::AcqRel);
        Busy(self.0.clone())
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.owner.registry().slots.remove(&self.id);
    }
}

/// A request body that fails with [`BodyTimeout`] unless it is complete within a deadline
/// counted from when the request head arrived: a client dripping a byte at a time cannot
/// hold a connection (and its place) busy for longer than that.
pub struct Deadline {
    body: Body,
    timeout: Duration,
    sleep: Pin<Box<Sleep>>,
}

impl Deadline {
    /// Wraps `body`, to be complete within `timeout` from now.
    pub fn new(body: Body, timeout: Duration) -> Self {
        Self {
            body,
            timeout,
            sleep: Box::pin(tokio::time::sleep(timeout)),
        }
    }
}

impl HttpBody for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match this.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(axum::Error::new(BodyTimeout(this.timeout))))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The connection's socket, passed through except for the error answers hyper writes by
/// itself (no body, no CORS headers), which it rewrites into the envelope with the CORS
/// headers, so that a page reading a 431 or 414 sees the same shape as any other failure.
pub struct EnvelopeIo<S> {
    inner: S,
    replacing: Option<Replacement>,
    cors: bool,
}

struct Replacement {
    bytes: Vec<u8>,
    written: usize,
    /// How many of hyper's bytes the replacement stands for, reported once it is written.
    stands_for: usize,
}

impl<S> EnvelopeIo<S> {
    /// Wraps a socket.
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            replacing: None,
            cors: true,
        }
    }

    /// Whether the rewritten answers carry the CORS headers (off with `--no-cors`).
    pub fn cors(mut self, cors: bool) -> Self {
        self.cors = cors;
        self
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for EnvelopeIo<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for EnvelopeIo<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.replacing.is_none() {
            if let Some(bytes) = enveloped(buf, this.cors) {
                this.replacing = Some(Replacement {
                    bytes,
                    written: 0,
                    stands_for: buf.len(),
                });
            }
        }
        let Some(rep) = this.replacing.as_mut() else {
            return Pin::new(&mut this.inner).poll_write(cx, buf);
        };
        while rep.written < rep.bytes.len() {
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &rep.bytes[rep.written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            rep.written += n;
        }
        let done = rep.stands_for;
        this.replacing = None;
        Poll::Ready(Ok(done))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    // Not vectored on purpose: hyper then hands each response over as one buffer, so a
    // whole response head is seen in a single write.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// The envelope answer for `buf` when it is one of hyper's own error answers: a complete
/// 4xx head with `content-length: 0` and no CORS header (every answer the router makes
/// carries one).
fn enveloped(buf: &[u8], cors: bool) -> Option<Vec<u8>> {
    let rest = buf
        .strip_prefix(b"HTTP/1.1 ")
        .or_else(|| buf.strip_prefix(b"HTTP/1.0 "))?;
    let head_len = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    if head_len != buf.len() {
        return None;
    }
    let head = String::from_utf8_lossy(buf).to_ascii_lowercase();
    if head.contains("access-control-allow-origin") || !head.contains("\r\ncontent-length: 0\r\n") {
        return None;
    }
    let code: u16 = std::str::from_utf8(rest.get(..3)?).ok()?.parse().ok()?;
    let status = StatusCode::from_u16(code).ok()?;
    if !status.is_client_error() {
        return None;
    }
    let message = match status {
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => format!(
            "request head: larger than the {MAX_HEAD_BYTES} bytes or {MAX_HEADERS} header fields allowed"
        ),
        StatusCode::URI_TOO_LONG => {
            format!("request URI: longer than the {MAX_URI_BYTES} bytes allowed")
        }
        _ => "request: not a well-formed HTTP/1.1 request".to_owned(),
    };
    let body = envelope(code, &message);
    let cors = if cors {
        format!(
            "access-control-allow-origin: {ALLOW_ORIGIN}\r\naccess-control-expose-headers: {EXPOSE_HEADERS}\r\n"
        )
    } else {
        String::new()
    };
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\ncontent-type: application/json\r\ncontent-length: {len}\r\n\
         {cors}connection: close\r\n\r\n",
        reason = status.canonical_reason().unwrap_or(""),
        len = body.len(),
    );
    Some([head.into_bytes(), body.into_bytes()].concat())
}

#[cfg(test)]
mod tests {
    use super::enveloped;

    #[test]
    fn only_hyper_own_error_heads_are_rewritten() {
        let own =
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        let out = enveloped(own, true).expect("hyper's own 431 is rewritten");
        let out = String::from_utf8(out).expect("the rewrite is text");
        assert!(out.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(out.contains("access-control-allow-origin: *\r\n"));
        assert!(out.contains("connection: close\r\n"));
        assert!(out.ends_with(r#"{"error":{"code":431,"message":"request head: larger than the 131072 bytes or 100 header fields allowed"}}"#), "{out}");
        // The router's own answers carry CORS, or a body, or are not errors.
        let router = b"HTTP/1.1 414 URI Too Long\r\naccess-control-allow-origin: *\r\ncontent-length: 0\r\n\r\n";
        assert!(enveloped(router, true).is_none());
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert!(enveloped(with_body, true).is_none());
        let ok = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n";
        assert!(enveloped(ok, true).is_none());
    }
}
