//! The test control surface's state (`--control`): injected faults and the request log, and
//! the per-key rate limiter that `--rate-limit` turns on. The `/__sandbox` routes that drive
//! them are in `control_api.rs`.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::watch;

use serde_json::{json, Value};

/// One injected misbehaviour.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Answer this status instead of processing.
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After` seconds.
        retry_after: Option<u64>,
        /// `retry-after-ms`.
        retry_after_ms: Option<u64>,
        /// Raw body instead of the envelope.
        body: Option<String>,
    },
    /// Wait, then process normally.
    Delay(u64),
    /// Never answer (capped at 120 s, then the connection is closed).
    Hang,
    /// Close the connection without processing.
    Drop,
    /// Process fully, then close the connection without answering.
    CommitThenDrop,
    /// Process fully (to the end even if the client goes away meanwhile), then wait this many
    /// milliseconds before answering: an answer that arrives after the client's timeout.
    CommitThenDelay(u64),
    /// Wait until `POST /__sandbox/release` (or a clear) lets every hold queued before it go,
    /// then process normally: a request in flight for exactly as long as a test needs, whatever
    /// the machine's speed. The number is the hold's place in the order holds were queued.
    Hold(u64),
}

#[derive(Debug)]
struct Rule {
    method: String,
    path: Vec<String>,
    queue: VecDeque<Fault>,
}

impl Rule {
    fn matches(&self, method: &str, path: &str) -> bool {
        if self.method != "*" && !self.method.eq_ignore_ascii_case(method) {
            return false;
        }
        let segs: Vec<&str> = path.split('/').collect();
        segs.len() == self.path.len()
            && self
                .path
                .iter()
                .zip(segs)
                .all(|(want, got)| want == "*" || want == got)
    }
}

/// One logged API request.
#[derive(Debug, Clone)]
struct Entry {
    method: String,
    path: String,
    status: Option<u16>,
}

/// A handle on a log entry, to fill its status in once the answer is known.
#[derive(Debug, Clone, Copy)]
pub struct LogTicket {
    generation: u64,
    index: usize,
}

#[derive(Debug, Default)]
struct Log {
    generation: u64,
    entries: Vec<Entry>,
}

/// Faults and the request log.
#[derive(Debug)]
pub struct Control {
    rules: Mutex<Vec<Rule>>,
    log: Mutex<Log>,
    // Holds queued so far, and (in the channel) how many of them have been released: a hold is
    // released by number, so a release that comes before its request arrives is not missed.
    holds_queued: Mutex<u64>,
    released: watch::Sender<u64>,
    // The holds taken by a request and not released yet: counted when taken, in the same step
    // as the request's log entry, so a test that saw the entry gets it counted by `release`.
    holds_taken: Mutex<usize>,
}

impl Default for Control {
    fn default() -> Self {
        Self {
            rules: Mutex::default(),
            log: Mutex::default(),
            holds_queued: Mutex::new(0),
            released: watch::Sender::new(0),
            holds_taken: Mutex::new(0),
        }
    }
}

/// How long a held request waits for its release at most; then it goes on as released.
pub const HOLD_CAP: Duration = Duration::from_secs(120);

/// Entries beyond this are not recorded, so a long load test cannot exhaust memory.
const LOG_CAP: usize = 200_000;

impl Control {
    /// Takes the next fault queued for this request, if any.
    pub fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        let fault = rules
            .iter_mut()
            .filter(|r| !r.queue.is_empty())
            .find(|r| r.matches(method, path))
            .and_then(|r| r.queue.pop_front());
        if let Some(Fault::Hold(_)) = fault {
            *self.holds_taken.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        }
        fault
    }

    /// Records a request whose status is not known yet.
    pub fn log_start(&self, method: &str, path: &str) -> Option<LogTicket> {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.entries.len() >= LOG_CAP {
            return None;
        }
        log.entries.push(Entry {
            method: method.to_owned(),
            path: path.to_owned(),
            status: None,
        });
        Some(LogTicket {
            generation: log.generation,
            index: log.entries.len() - 1,
        })
    }

    /// Fills in the status of a logged request (unless a reset came in between).
    pub fn log_finish(&self, ticket: Option<LogTicket>, status: u16) {
        let Some(t) = ticket else { return };
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.generation == t.generation {
            if let Some(e) = log.entries.get_mut(t.index) {
                e.status = Some(status);
            }
        }
    }

    /// Queues `faults` for requests matching `method` (or `*`) and `path` (`*` matches one
    /// segment), after any already queued for the same pair; answers how many are queued now.
    pub fn queue_faults(&self, method: &str, path: &str, mut faults: Vec<Fault>) -> usize {
        let segs: Vec<String> = path.split('/').map(str::to_owned).collect();
        {
            let mut queued = self.holds_queued.lock().unwrap_or_else(|e| e.into_inner());
            for fault in &mut faults {
                if let Fault::Hold(n) = fault {
                    *queued += 1;
                    *n = *queued;
                }
            }
        }
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        match rules
            .iter_mut()
            .find(|r| r.method == method && r.path == segs)
        {
            Some(rule) => {
                rule.queue.extend(faults);
                rule.queue.len()
            }
            None => {
                let n = faults.len();
                rules.push(Rule {
                    method: method.to_owned(),
                    path: segs,
                    queue: faults.into(),
                });
                n
            }
        }
    }

    /// Drops every queued fault and lets every held request go; the log stays.
    pub fn clear_faults(&self) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.release();
    }

    /// Lets go every hold queued so far, whether its request is waiting or still to come;
    /// answers how many requests had taken a hold since the last release.
    pub fn release(&self) -> usize {
        // Both locks held while releasing: every hold taken is numbered at most `queued`.
        let queued = self.holds_queued.lock().unwrap_or_else(|e| e.into_inner());
        let mut taken = self.holds_taken.lock().unwrap_or_else(|e| e.into_inner());
        self.released.send_replace(*queued);
        std::mem::take(&mut *taken)
    }

    /// Waits until hold number `n` is released (or [`HOLD_CAP`] has passed).
    pub async fn held(&self, n: u64) {
        let mut released = self.released.subscribe();
        let _ = tokio::time::timeout(HOLD_CAP, released.wait_for(|r| *r >= n)).await;
    }

    /// The logged requests, oldest first, as `{method, path, status}` (status null while
    /// the answer is pending).
    pub fn log_json(&self) -> Vec<Value> {
        let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.entries
            .iter()
            .map(|e| json!({ "method": e.method, "path": e.path, "status": e.status }))
            .collect()
    }

    /// Clears faults and the log, and lets every held request go.
    pub fn clear(&self) {
        self.clear_faults();
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.generation += 1;
        log.entries.clear();
    }
}

/// Fixed one-second windows per bearer key.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_second` requests per key per second.
    pub fn new(per_second: u32) -> Self {
        Self {
            per_second,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request; `Err(wait)` when the key is over its limit.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(1));
        }
        let slot = map.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(slot.0) >= Duration::from_secs(1) {
            *slot = (now, 0);
        }
        if slot.1 >= self.per_second {
            return Err(Duration::from_secs(1).saturating_sub(now.duration_since(slot.0)));
        }
        slot.1 += 1;
        Ok(())
    }

    /// Forgets all windows.
    pub fn clear(&self) {
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
