//! The SCIM area's endpoints: one type per operation and its constructor.

use crate::areas::scim::models::{
    CreateScimGroupMapping, KeepMembers, ScimGroup, ScimGroupMapping, ScimMappingId, ScimSyncJob,
    ScimSyncJobId, UpdateScimGroupMapping,
};
use crate::endpoint::{endpoint, page, seg, with_body, Request};
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::ListResponse;
use crate::transport::Method;

endpoint! {
    /// `GET /scim/groups`: the identity provider's groups (never their members).
    #[derive(Default)]
    ListScimGroups {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100 (server default 50).
        limit: Option<u32>,
    }
    answers Whole: ListResponse<ScimGroup>;
    request(self) {
        page("/scim/groups".to_owned(), self.offset, self.limit)
    }
}
paged!(ListScimGroups, ScimGroup);

endpoint! {
    /// `GET /scim/group-mappings`.
    #[derive(Default)]
    ListScimGroupMappings {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100 (server default 50).
        limit: Option<u32>,
    }
    answers Whole: ListResponse<ScimGroupMapping>;
    request(self) {
        page("/scim/group-mappings".to_owned(), self.offset, self.limit)
    }
}
paged!(ListScimGroupMappings, ScimGroupMapping);

endpoint! {
    /// `POST /scim/group-mappings` (201). Creating a mapping that exists with the same role
    /// answers 201 with it and re-applies it, so a retry after a lost answer makes no second
    /// mapping: safe to retry. Another role for it is a 409.
    CreateScimGroupMappingRequest {
        /// Body.
        body: CreateScimGroupMapping,
    }
    answers Data: ScimGroupMapping;
    request(self) {
        with_body(
            Method::Post,
            "/scim/group-mappings".to_owned(),
            &self.body,
            OpClass::Safe,
        )
    }
}

impl CreateScimGroupMappingRequest {
    /// `POST /scim/group-mappings` with `body`.
    pub fn new(body: CreateScimGroupMapping) -> Self {
        Self { body }
    }
}

/// The path of one mapping.
pub(crate) fn mapping_path(id: &ScimMappingId) -> String {
    format!("/scim/group-mappings/{}", seg(id.as_str()))
}

endpoint! {
    /// `GET /scim/group-mappings/{id}`.
    GetScimGroupMapping {
        /// UUID.
        id: ScimMappingId,
    }
    answers Data: ScimGroupMapping;
    request(self) {
        Ok(Request::new(Method::Get, mapping_path(&self.id)))
    }
}

impl GetScimGroupMapping {
    /// `GET /scim/group-mappings/{id}`.
    pub fn new(id: impl Into<ScimMappingId>) -> Self {
        Self { id: id.into() }
    }
}

endpoint! {
    /// `PATCH /scim/group-mappings/{id}`: the role (safe to retry: an absolute value).
    UpdateScimGroupMappingRequest {
        /// UUID.
        id: ScimMappingId,
        /// The new role.
        body: UpdateScimGroupMapping,
    }
    answers Data: ScimGroupMapping;
    request(self) {
        with_body(Method::Patch, mapping_path(&self.id), &self.body, OpClass::Safe)
    }
}

impl UpdateScimGroupMappingRequest {
    /// `PATCH /scim/group-mappings/{id}` with `body`.
    pub fn new(id: impl Into<ScimMappingId>, body: UpdateScimGroupMapping) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

endpoint! {
    /// `DELETE /scim/group-mappings/{id}?keep_members=...`: what becomes of the access it
    /// granted is a required choice ([`KeepMembers`]); answers `{"deleted": true}`.
    DeleteScimGroupMapping {
        /// UUID.
        id: ScimMappingId,
        /// Keep the members as manual ones, or remove the access that came only from it.
        members: KeepMembers,
    }
    answers Nothing: ();
    request(self) {
        let mut r = Request::new(Method::Delete, mapping_path(&self.id));
        r.query
            .push(("keep_members".to_owned(), self.members.as_str().to_owned()));
        Ok(r)
    }
}

impl DeleteScimGroupMapping {
    /// `DELETE /scim/group-mappings/{id}` with the members' fate.
    pub fn new(id: impl Into<ScimMappingId>, members: KeepMembers) -> Self {
        Self {
            id: id.into(),
            members,
        }
    }
}

endpoint! {
    /// `POST /scim/sync-jobs` (202, queued): reads the identity provider now. Not retried
    /// after a lost answer (a second job would start); poll [`GetScimSyncJob`].
    #[derive(Default)]
    CreateScimSyncJob {}
    answers Data: ScimSyncJob;
    request(self) {
        Ok(Request::new(Method::Post, "/scim/sync-jobs").class(OpClass::Create))
    }
}

impl CreateScimSyncJob {
    /// `POST /scim/sync-jobs`.
    pub fn new() -> Self {
        Self {}
    }
}

endpoint! {
    /// `GET /scim/sync-jobs/{id}`.
    GetScimSyncJob {
        /// The job's id.
        id: ScimSyncJobId,
    }
    answers Data: ScimSyncJob;
    request(self) {
        Ok(Request::new(
            Method::Get,
            format!("/scim/sync-jobs/{}", seg(self.id.as_str())),
        ))
    }
}

impl GetScimSyncJob {
    /// `GET /scim/sync-jobs/{id}`.
    pub fn new(id: impl Into<ScimSyncJobId>) -> Self {
        Self { id: id.into() }
    }
}
