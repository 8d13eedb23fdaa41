//! The keys area's endpoints: one type per operation and its constructor.

use crate::areas::keys::models::{ApiKey, CreateKey, CreatedKey, CurrentKey, UpdateKey};
use crate::endpoint::{
    endpoint, get_data, param, seg, with_body, Answered, Endpoint, PagedEndpoint, Request,
};
use crate::error::Error;
use crate::retry::OpClass;
use crate::shapes::{KeyHash, ListResponse, WorkspaceId};
use crate::transport::Method;

get_data!(
    /// `GET /key`: the calling key (works with any key).
    GetCurrentKey,
    "/key",
    CurrentKey
);

endpoint! {
    /// `GET /keys`: fixed pages of 100, no `total_count`; Default workspace unless `workspace_id`.
    #[derive(Default)]
    ListKeys {
        /// Records to skip (multiples of 100).
        offset: Option<u64>,
        /// Sent as the string `"true"`/`"false"`.
        include_disabled: Option<bool>,
        /// Workspace filter.
        workspace_id: Option<WorkspaceId>,
    }
    answers Whole: ListResponse<ApiKey>;
    request(self) {
        let mut query = Vec::new();
        param(&mut query, "offset", self.offset.map(|o| o.to_string()));
        param(
            &mut query,
            "include_disabled",
            self.include_disabled.map(|d| d.to_string()),
        );
        param(
            &mut query,
            "workspace_id",
            self.workspace_id.as_ref().map(|w| w.0.clone()),
        );
        Ok(Request::of(
            Method::Get,
            "/keys".to_owned(),
            query,
            None,
            OpClass::Safe,
        ))
    }
}

/// The fixed page size of `GET /keys`.
pub const KEYS_PAGE_SIZE: u64 = 100;

impl PagedEndpoint for ListKeys {
    type Item = ApiKey;
    fn offset(&self) -> u64 {
        self.offset.unwrap_or(0)
    }
    fn set_offset(&mut self, offset: u64) {
        self.offset = Some(offset);
    }
    fn page_size(&self) -> u64 {
        KEYS_PAGE_SIZE
    }
    fn fixed_pages(&self) -> bool {
        true
    }
}

endpoint! {
    /// `POST /keys` (201 with the secret). Retried only on 429.
    CreateKeyRequest {
        /// Body.
        body: CreateKey,
    }
    answers Whole: CreatedKey;
    request(self) {
        let mut r = with_body(
            Method::Post,
            "/keys".to_owned(),
            &self.body,
            OpClass::Create,
        );
        if let Ok(r) = &mut r {
            r.secret = true;
        }
        r
    }
}

impl CreateKeyRequest {
    /// `POST /keys` with `body`.
    pub fn new(body: CreateKey) -> Self {
        Self { body }
    }
}

endpoint! {
    /// `GET /keys/{hash}`.
    GetKey {
        /// Key hash.
        hash: KeyHash,
    }
    answers Data: ApiKey;
    request(self) {
        Ok(Request::new(
            Method::Get,
            format!("/keys/{}", seg(self.hash.as_str())),
        ))
    }
}

impl GetKey {
    /// `GET /keys/{hash}`.
    pub fn new(hash: impl Into<KeyHash>) -> Self {
        Self { hash: hash.into() }
    }
}

endpoint! {
    /// `PATCH /keys/{hash}`.
    UpdateKeyRequest {
        /// Key hash.
        hash: KeyHash,
        /// Only set fields are sent.
        body: UpdateKey,
    }
    answers Data: ApiKey;
    request(self) {
        let path = format!("/keys/{}", seg(self.hash.as_str()));
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
}

impl UpdateKeyRequest {
    /// `PATCH /keys/{hash}` with `body`.
    pub fn new(hash: impl Into<KeyHash>, body: UpdateKey) -> Self {
        Self {
            hash: hash.into(),
            body,
        }
    }
}

endpoint! {
    /// `DELETE /keys/{hash}`.
    DeleteKey {
        /// Key hash.
        hash: KeyHash,
    }
    answers Nothing: ();
    request(self) {
        let path = format!("/keys/{}", seg(self.hash.as_str()));
        Ok(Request::new(Method::Delete, path))
    }
}

impl DeleteKey {
    /// `DELETE /keys/{hash}`.
    pub fn new(hash: impl Into<KeyHash>) -> Self {
        Self { hash: hash.into() }
    }
}
