//! The keys area's handler.

use crate::areas::keys::endpoints::GetCurrentKey;
use crate::areas::keys::endpoints::{
    CreateKeyRequest, DeleteKey, GetKey, ListKeys, UpdateKeyRequest,
};
use crate::areas::keys::models::{ApiKey, CreateKey, CreatedKey, UpdateKey};
use crate::by_id::by_id;
use crate::checks::Validate;
use crate::client::{decode, Call, Client};
use crate::endpoint::{decode_str, Endpoint, Request};
use crate::error::Error;
use crate::fields;
use crate::json_reader::Doc;
use crate::secret::Secret;
use crate::shapes::{DataResponse, KeyHash, Timestamp, WorkspaceId};
use crate::transport::{CancelSignal, HttpResponse, Transport};
use crate::views::{KeyRow, KeySettings};

/// `client.keys()`.
///
/// ```no_run
/// use openrouter_admin::models::{CreateKey, LimitReset, UpdateKey};
/// # async fn run(client: openrouter_admin::Client, ws: openrouter_admin::WorkspaceId) -> Result<(), openrouter_admin::Error> {
/// let keys = client.keys().list().workspace(&ws).include_disabled(true).paginate().collect_all().await?;
/// let since = client.now_ms();
/// let req = CreateKey::new("ci").limit(10.0).limit_reset(LimitReset::Monthly).workspace_id(&ws);
/// match client.keys().create(req.clone()).send().await {
///     Ok(created) => println!("copy it now: {}", created.key.expose_secret()),
///     Err(e) if e.is_outcome_unknown() => {
///         let found = client.keys().reconcile(&req, since).send().await?;
///     }
///     Err(e) => return Err(e),
/// }
/// let hashes: Vec<_> = keys.iter().map(|k| k.hash.clone()).collect();
/// let results = client.keys().bulk_update(hashes, UpdateKey::new().disabled(true)).send().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct KeysHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<'a, T: Transport> KeysHandler<'a, T> {
    /// `GET /keys` (pages of 100; Default workspace unless [`workspace`](Call::workspace)).
    pub fn list(&self) -> Call<'a, T, ListKeys> {
        self.client.call(ListKeys::default())
    }
    /// `POST /keys`: validated; retried only on 429; other failures after sending are
    /// `OutcomeUnknown` (then [`reconcile`](Self::reconcile)).
    pub fn create(&self, body: CreateKey) -> Call<'a, T, CreateKeyRequest> {
        self.client.call(CreateKeyRequest { body })
    }
    /// `GET /keys/{hash}`.
    pub fn get(&self, hash: impl Into<KeyHash>) -> Call<'a, T, GetKey> {
        self.client.call(GetKey { hash: hash.into() })
    }
    /// Finds a key created under an unknown outcome: same name and workspace, created at or
    /// after `since_ms` (the transport clock before the attempt, minus a 60 s clock-skew allowance).
    pub fn reconcile(&self, request: &CreateKey, since_ms: f64) -> ReconcileKey<'a, T> {
        ReconcileKey {
            client: self.client,
            name: request.name.clone(),
            workspace: request.workspace_id.clone(),
            since_ms,
            skew_ms: 60_000.0,
            signal: None,
        }
    }
    /// Rotation: creates a successor (same name, limit, limit_reset, include_byok_in_limit,
    /// workspace, expires_at), returns its secret once, and disables the old key.
    pub fn rotate(&self, hash: impl Into<KeyHash>) -> Rotate<'a, T> {
        Rotate {
            client: self.client,
            hash: hash.into(),
            signal: None,
            expires_at: None,
        }
    }
    /// Deletes a rotated-out key (retire it once nothing uses it): `DELETE /keys/{hash}`.
    pub fn retire(&self, hash: impl Into<KeyHash>) -> Retire<'a, T> {
        self.client.call(DeleteKey { hash: hash.into() })
    }
    /// Applies one patch to many keys, `concurrency` at a time, one result per key (in order).
    pub fn bulk_update<I, H>(&self, hashes: I, patch: UpdateKey) -> BulkUpdate<'a, T>
    where
        I: IntoIterator<Item = H>,
        H: Into<KeyHash>,
    {
        BulkUpdate {
            client: self.client,
            hashes: hashes.into_iter().map(Into::into).collect(),
            patch,
            concurrency: self.client.config().concurrency,
            signal: None,
        }
    }
    /// Deletes many keys, `concurrency` at a time, one result per key (in order).
    pub fn bulk_delete<I, H>(&self, hashes: I) -> BulkDelete<'a, T>
    where
        I: IntoIterator<Item = H>,
        H: Into<KeyHash>,
    {
        BulkDelete {
            client: self.client,
            hashes: hashes.into_iter().map(Into::into).collect(),
            concurrency: self.client.config().concurrency,
            signal: None,
        }
    }
}

impl<T: Transport> Call<'_, T, ListKeys> {
    /// Lists this workspace's keys (by UUID) instead of the Default workspace's.
    pub fn workspace(mut self, id: impl Into<WorkspaceId>) -> Self {
        self.endpoint.workspace_id = Some(id.into());
        self
    }
    /// Includes disabled keys.
    pub fn include_disabled(mut self, v: bool) -> Self {
        self.endpoint.include_disabled = Some(v);
        self
    }
    /// Records to skip (multiples of 100).
    pub fn offset(mut self, n: u64) -> Self {
        self.endpoint.offset = Some(n);
        self
    }
}

/// `client.key(&hash)`.
///
/// ```no_run
/// use openrouter_admin::models::UpdateKey;
/// # async fn run(client: openrouter_admin::Client, hash: openrouter_admin::KeyHash) -> Result<(), openrouter_admin::Error> {
/// let key = client.key(&hash).get().send().await?;
/// client.key(&hash).update(UpdateKey::new().limit(None)).send().await?;
/// let rotated = client.key(&hash).rotate().send().await?;
/// client.key(&hash).delete().send().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct KeyHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) hash: KeyHash,
}

by_id!(
    KeyHandler.hash,
    /// `GET /keys/{hash}`.
    get: GetKey,
    /// `PATCH /keys/{hash}` with only the set fields.
    update: UpdateKeyRequest(UpdateKey),
    /// `DELETE /keys/{hash}` (a 404 on a retry counts as done).
    delete: DeleteKey,
);

impl<'a, T: Transport> KeyHandler<'a, T> {
    /// See [`KeysHandler::rotate`].
    pub fn rotate(&self) -> Rotate<'a, T> {
        Rotate {
            client: self.client,
            hash: self.hash.clone(),
            signal: None,
            expires_at: None,
        }
    }
    /// See [`KeysHandler::retire`].
    pub fn retire(&self) -> Retire<'a, T> {
        self.delete()
    }
}

/// Builder of [`KeysHandler::reconcile`].
#[must_use = "does nothing until `.send().await`"]
pub struct ReconcileKey<'a, T> {
    client: &'a Client<T>,
    name: String,
    workspace: Option<WorkspaceId>,
    since_ms: f64,
    skew_ms: f64,
    signal: Option<CancelSignal>,
}

impl<T: Transport> ReconcileKey<'_, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// Clock-skew allowance subtracted from `since_ms` (default 60 s).
    pub fn skew(mut self, d: std::time::Duration) -> Self {
        self.skew_ms = d.as_secs_f64() * 1000.0;
        self
    }
    /// Lists the workspace's keys (disabled included) and returns the newest match, if any.
    pub async fn send(self) -> Result<Option<ApiKey>, Error> {
        match self.send_text().await? {
            Some(text) => decode_str(&text, 200, false).map(Some),
            None => Ok(None),
        }
    }

    /// Like [`send`](Self::send), with the key as its JSON text (an `ApiKey` object),
    /// undecoded: for bindings that parse in JavaScript. Only each key's `name` and
    /// `created_at` are read here, so no `ApiKey` decoder is linked for them.
    pub async fn send_text(self) -> Result<Option<String>, Error> {
        let list = ListKeys {
            offset: None,
            include_disabled: Some(true),
            workspace_id: self.workspace.clone(),
        };
        let keys = self
            .client
            .call(list)
            .paginate()
            .signal_opt(self.signal.clone())
            .collect_values()
            .await?;
        let since = self.since_ms - self.skew_ms;
        let mut best: Option<(f64, Doc)> = None;
        for key in keys {
            let seen = KeyRow::new(&key);
            if seen.name()? != self.name {
                continue;
            }
            let created =
                crate::time::parse_datetime(&seen.created_at()?, true).map(|ms| ms as f64);
            if created.is_some_and(|c| c < since) {
                continue;
            }
            // The newest wins; on a tie the later one in the list, as `max_by` would pick.
            let at = created.unwrap_or(0.0);
            if best.as_ref().is_none_or(|(b, _)| at.total_cmp(b).is_ge()) {
                best = Some((at, key));
            }
        }
        Ok(best.map(|(_, key)| key.to_json()))
    }
}

/// The result of a rotation.
///
/// `C` is the successor as [`Rotate::send`] decodes it ([`CreatedKey`]), or, from
/// [`Rotate::send_text`], the create answer's JSON text kept in a [`Secret`] (it holds the
/// new key's secret, so `Debug` must not print it).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Rotation<C = CreatedKey> {
    /// The successor and its secret (shown once).
    pub created: C,
    /// The old key's hash.
    pub old_hash: KeyHash,
    /// `None` if the old key is now disabled; the error if disabling it failed (the successor exists either way).
    pub disable_error: Option<Error>,
}

/// Builder of [`KeysHandler::rotate`].
#[must_use = "does nothing until `.send().await`"]
pub struct Rotate<'a, T> {
    client: &'a Client<T>,
    hash: KeyHash,
    signal: Option<CancelSignal>,
    expires_at: Option<Timestamp>,
}

impl<T: Transport> Rotate<'_, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// The successor expires at `at` instead of when the old key does: `expires_at` is fixed
    /// when a key is created, so rotating is how a key that never expires gets an expiry.
    pub fn expires_at(mut self, at: impl Into<Timestamp>) -> Self {
        self.expires_at = Some(at.into());
        self
    }
    /// Reads the old key, creates the successor, disables the old key.
    pub async fn send(self) -> Result<Rotation, Error> {
        self.run(|resp| decode(&resp, true)).await
    }
    /// Like [`send`](Self::send), with the create answer (`{"data": ApiKey, "key": secret}`)
    /// as JSON text, undecoded: for bindings that parse in JavaScript.
    pub async fn send_text(self) -> Result<Rotation<Secret>, Error> {
        self.run(|resp| Ok(Secret::new(resp.body))).await
    }
    /// The rotation, with the create answer read by `created` (before the old key is
    /// disabled, so an answer that cannot be read leaves the old key working).
    async fn run<C>(
        self,
        created: impl FnOnce(HttpResponse) -> Result<C, Error>,
    ) -> Result<Rotation<C>, Error> {
        let s = self.signal.as_ref();
        let get = GetKey {
            hash: self.hash.clone(),
        };
        // Only the settings the successor inherits are read (see `json`).
        let answer = self.client.execute_prepared(get.request(), s).await?;
        let status = answer.status;
        let data = fields::data(&fields::parse(&answer.body, status, false)?, status)?;
        let mut body = KeySettings::read(&data, ".data", status)?.successor();
        if let Some(at) = self.expires_at.clone() {
            body.expires_at = Some(at);
        }
        let answer = self
            .client
            .execute_prepared(CreateKeyRequest { body }.request(), s)
            .await?;
        let created = created(answer)?;
        let disable = UpdateKeyRequest {
            hash: self.hash.clone(),
            body: UpdateKey::new().disabled(true),
        };
        // The answer (the disabled key) is not needed: only whether the update went through.
        let disable_error = self
            .client
            .execute_prepared(disable.request(), s)
            .await
            .err();
        Ok(Rotation {
            created,
            old_hash: self.hash,
            disable_error,
        })
    }
}

/// What [`KeysHandler::retire`] returns: the `DELETE /keys/{hash}` call itself, so that
/// retiring is the plain delete it is (and bindings can send it as one).
pub type Retire<'a, T> = Call<'a, T, DeleteKey>;

/// One key's result in a bulk operation.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct BulkResult<O> {
    /// The key.
    pub hash: KeyHash,
    /// Its result.
    pub result: Result<O, Error>,
}

/// Builder of [`KeysHandler::bulk_update`].
#[must_use = "does nothing until `.send().await`"]
pub struct BulkUpdate<'a, T> {
    client: &'a Client<T>,
    hashes: Vec<KeyHash>,
    patch: UpdateKey,
    concurrency: usize,
    signal: Option<CancelSignal>,
}

impl<T: Transport> BulkUpdate<'_, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// Requests in flight at once (default: the client's, 4).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }
    /// Validates the patch once (nothing is sent if it fails), then updates every key.
    pub async fn send(self) -> Result<Vec<BulkResult<ApiKey>>, Error> {
        self.run(|resp| decode::<DataResponse<ApiKey>>(&resp, false).map(|d| d.data))
            .await
    }
    /// Like [`send`](Self::send), with each key's answer (`{"data": ApiKey}`) as JSON text,
    /// undecoded: for bindings that parse in JavaScript.
    pub async fn send_text(self) -> Result<Vec<BulkResult<String>>, Error> {
        self.run(|resp| Ok(resp.body)).await
    }
    /// The bulk update, with each answer read by `read`.
    async fn run<O>(
        self,
        read: impl Fn(HttpResponse) -> Result<O, Error>,
    ) -> Result<Vec<BulkResult<O>>, Error> {
        self.patch.validate()?;
        let patch = self.patch;
        let requests = self.hashes.into_iter().map(|hash| {
            let ep = UpdateKeyRequest {
                hash: hash.clone(),
                body: patch.clone(),
            };
            (hash, ep.request())
        });
        let results = bulk(
            self.client,
            requests.collect(),
            self.concurrency,
            self.signal,
        )
        .await;
        Ok(results
            .into_iter()
            .map(|r| BulkResult {
                hash: r.hash,
                result: r.result.and_then(&read),
            })
            .collect())
    }
}

/// Sends prepared requests, `concurrency` at a time, one result per key in order: the one
/// runner of both bulk operations (not generic over the endpoint, so it exists once).
async fn bulk<T: Transport>(
    client: &Client<T>,
    requests: Vec<(KeyHash, Result<Request, Error>)>,
    concurrency: usize,
    signal: Option<CancelSignal>,
) -> Vec<BulkResult<HttpResponse>> {
    crate::concurrency::buffered(
        requests.into_iter().map(|(hash, prepared)| {
            let signal = signal.clone();
            async move {
                let result = client.execute_prepared(prepared, signal.as_ref()).await;
                BulkResult { hash, result }
            }
        }),
        concurrency,
        None,
    )
    .await
}

/// Builder of [`KeysHandler::bulk_delete`].
#[must_use = "does nothing until `.send().await`"]
pub struct BulkDelete<'a, T> {
    client: &'a Client<T>,
    hashes: Vec<KeyHash>,
    concurrency: usize,
    signal: Option<CancelSignal>,
}

impl<T: Transport> BulkDelete<'_, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// Requests in flight at once.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }
    /// Deletes every key.
    pub async fn send(self) -> Result<Vec<BulkResult<()>>, Error> {
        // A 2xx is the whole answer: its `{"deleted": true}` body says nothing more.
        self.run(drop).await
    }
    /// Like [`send`](Self::send), with each key's answer as JSON text, undecoded: for
    /// bindings that handle both bulk operations' results alike.
    pub async fn send_text(self) -> Result<Vec<BulkResult<String>>, Error> {
        self.run(|resp| resp.body).await
    }
    /// The bulk delete, with each answer read by `read`.
    async fn run<O>(self, read: impl Fn(HttpResponse) -> O) -> Result<Vec<BulkResult<O>>, Error> {
        let requests = self.hashes.into_iter().map(|hash| {
            let ep = DeleteKey { hash: hash.clone() };
            (hash, ep.request())
        });
        let results = bulk(
            self.client,
            requests.collect(),
            self.concurrency,
            self.signal,
        )
        .await;
        Ok(results
            .into_iter()
            .map(|r| BulkResult {
                hash: r.hash,
                result: r.result.map(&read),
            })
            .collect())
    }
}

impl<T: Transport> Client<T> {
    /// API keys as a collection: list, create, rotate, bulk, reconcile.
    pub fn keys(&self) -> KeysHandler<'_, T> {
        KeysHandler { client: self }
    }
    /// One API key, by hash.
    pub fn key(&self, hash: impl Into<KeyHash>) -> KeyHandler<'_, T> {
        KeyHandler {
            client: self,
            hash: hash.into(),
        }
    }
    /// `GET /key`: the key the client was built with (any key works here).
    ///
    /// ```no_run
    /// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
    /// let me = client.current_key().send().await?;
    /// if !me.is_management_key {
    ///     eprintln!("this is not a management key");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn current_key(&self) -> Call<'_, T, GetCurrentKey> {
        self.call(GetCurrentKey)
    }
}
