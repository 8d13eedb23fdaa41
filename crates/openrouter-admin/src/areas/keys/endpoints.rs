//! The keys area's endpoints: one type per operation and its constructor.

use crate::areas::keys::models::{ApiKey, CreateKey, CreatedKey, CurrentKey, UpdateKey};
use crate::endpoint::{
    get_data, param, seg, with_body, Answered, Endpoint, PagedEndpoint, Request,
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

/// `GET /keys`: fixed pages of 100, no `total_count`; Default workspace unless `workspace_id`.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListKeys {
    /// Records to skip (multiples of 100).
    pub offset: Option<u64>,
    /// Sent as the string `"true"`/`"false"`.
    pub include_disabled: Option<bool>,
    /// Workspace filter.
    pub workspace_id: Option<WorkspaceId>,
}

/// The fixed page size of `GET /keys`.
pub const KEYS_PAGE_SIZE: u64 = 100;

impl Endpoint for ListKeys {
    type Output = ListResponse<ApiKey>;
    fn request(&self) -> Result<Request, Error> {
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
    const ANSWER: Answered = Answered::Whole;
}

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

/// `POST /keys` (201 with the secret). Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateKeyRequest {
    /// Body.
    pub body: CreateKey,
}

impl Endpoint for CreateKeyRequest {
    type Output = CreatedKey;
    fn request(&self) -> Result<Request, Error> {
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
    const ANSWER: Answered = Answered::Whole;
}

impl CreateKeyRequest {
    /// `POST /keys` with `body`.
    pub fn new(body: CreateKey) -> Self {
        Self { body }
    }
}

/// `GET /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetKey {
    /// Key hash.
    pub hash: KeyHash,
}

impl Endpoint for GetKey {
    type Output = ApiKey;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(
            Method::Get,
            format!("/keys/{}", seg(self.hash.as_str())),
        ))
    }
    const ANSWER: Answered = Answered::Data;
}

impl GetKey {
    /// `GET /keys/{hash}`.
    pub fn new(hash: impl Into<KeyHash>) -> Self {
        Self { hash: hash.into() }
    }
}

/// `PATCH /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateKeyRequest {
    /// Key hash.
    pub hash: KeyHash,
    /// Only set fields are sent.
    pub body: UpdateKey,
}

impl Endpoint for UpdateKeyRequest {
    type Output = ApiKey;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/keys/{}", seg(self.hash.as_str()));
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Data;
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

/// `DELETE /keys/{hash}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteKey {
    /// Key hash.
    pub hash: KeyHash,
}

impl Endpoint for DeleteKey {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/keys/{}", seg(self.hash.as_str()));
        Ok(Request::new(Method::Delete, path))
    }
    const ANSWER: Answered = Answered::Nothing;
}

impl DeleteKey {
    /// `DELETE /keys/{hash}`.
    pub fn new(hash: impl Into<KeyHash>) -> Self {
        Self { hash: hash.into() }
    }
}
