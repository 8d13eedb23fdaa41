//! The byok area's endpoints: one type per operation and its constructor.

use crate::areas::byok::models::{ByokKey, ByokKeyId, CreateByokKey, ProviderSlug, UpdateByokKey};
use crate::endpoint::{
    endpoint, get_and_delete, param, seg, with_body, workspace_page, Answered, Endpoint, Request,
};
use crate::error::Error;
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::{ListResponse, WorkspaceId};
use crate::transport::Method;

endpoint! {
    /// `GET /byok`: the Default workspace's BYOK credentials unless `workspace_id` is given.
    #[derive(Default)]
    ListByokKeys {
        /// The workspace's UUID.
        workspace_id: Option<WorkspaceId>,
        /// Only this provider's credentials.
        provider: Option<ProviderSlug>,
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100 (server default 50).
        limit: Option<u32>,
    }
    answers Whole: ListResponse<ByokKey>;
    request(self) {
        let mut r = workspace_page("/byok", self.workspace_id.as_ref(), self.offset, self.limit)?;
        param(
            &mut r.query,
            "provider",
            self.provider.as_ref().map(|p| p.0.clone()),
        );
        Ok(r)
    }
}
paged!(ListByokKeys, ByokKey);

endpoint! {
    /// `POST /byok` (201). Retried only on 429. The provider key goes in the body only, never in
    /// a URL, an error or `Debug`.
    CreateByokKeyRequest {
        /// Body.
        body: CreateByokKey,
    }
    answers Data: ByokKey;
    request(self) {
        with_body(
            Method::Post,
            "/byok".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
}

impl CreateByokKeyRequest {
    /// `POST /byok` with `body`.
    pub fn new(body: CreateByokKey) -> Self {
        Self { body }
    }
}

/// The path of one BYOK credential.
pub(crate) fn byok_path(id: &ByokKeyId) -> String {
    format!("/byok/{}", seg(id.as_str()))
}

endpoint! {
    /// `PATCH /byok/{id}` (safe to retry: absolute values).
    UpdateByokKeyRequest {
        /// UUID.
        id: ByokKeyId,
        /// Only set fields are sent.
        body: UpdateByokKey,
    }
    answers Data: ByokKey;
    request(self) {
        with_body(
            Method::Patch,
            byok_path(&self.id),
            &self.body,
            OpClass::Safe,
        )
    }
}

impl UpdateByokKeyRequest {
    /// `PATCH /byok/{id}` with `body`.
    pub fn new(id: impl Into<ByokKeyId>, body: UpdateByokKey) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

get_and_delete!(
    GetByokKey,
    DeleteByokKey,
    ByokKeyId,
    ByokKey,
    byok_path,
    "/byok/{id}"
);
