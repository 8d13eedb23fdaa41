//! The observability area's endpoints: one type per operation and its constructor.

use crate::areas::observability::models::{
    CreateDestination, Destination, DestinationId, UpdateDestination,
};
use crate::endpoint::{
    endpoint, get_and_delete, seg, with_body, workspace_page, Answered, Endpoint, Request,
};
use crate::error::Error;
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::{ListResponse, WorkspaceId};
use crate::transport::Method;

endpoint! {
    /// `GET /observability/destinations`: the Default workspace's unless `workspace_id` is given.
    #[derive(Default)]
    ListDestinations {
        /// The workspace's UUID.
        workspace_id: Option<WorkspaceId>,
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100 (server default 50).
        limit: Option<u32>,
    }
    answers Whole: ListResponse<Destination>;
    request(self) {
        workspace_page(
            "/observability/destinations",
            self.workspace_id.as_ref(),
            self.offset,
            self.limit,
        )
    }
}
paged!(ListDestinations, Destination);

endpoint! {
    /// `POST /observability/destinations` (201; a sixth of one type in a workspace is a 409).
    /// Retried only on 429.
    CreateDestinationRequest {
        /// Body.
        body: CreateDestination,
    }
    answers Data: Destination;
    request(self) {
        with_body(
            Method::Post,
            "/observability/destinations".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
}

impl CreateDestinationRequest {
    /// `POST /observability/destinations` with `body`.
    pub fn new(body: CreateDestination) -> Self {
        Self { body }
    }
}

/// The path of one destination.
pub(crate) fn destination_path(id: &DestinationId) -> String {
    format!("/observability/destinations/{}", seg(id.as_str()))
}
get_and_delete!(
    GetDestination,
    DeleteDestination,
    DestinationId,
    Destination,
    destination_path,
    "/observability/destinations/{id}"
);

endpoint! {
    /// `PATCH /observability/destinations/{id}` (safe to retry: absolute values).
    UpdateDestinationRequest {
        /// UUID.
        id: DestinationId,
        /// Only set fields are sent.
        body: UpdateDestination,
    }
    answers Data: Destination;
    request(self) {
        with_body(
            Method::Patch,
            destination_path(&self.id),
            &self.body,
            OpClass::Safe,
        )
    }
}

impl UpdateDestinationRequest {
    /// `PATCH /observability/destinations/{id}` with `body`.
    pub fn new(id: impl Into<DestinationId>, body: UpdateDestination) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}
