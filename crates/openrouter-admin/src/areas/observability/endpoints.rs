//! The observability area's endpoints: one type per operation and its constructor.

use crate::areas::observability::models::{
    CreateDestination, Destination, DestinationId, UpdateDestination,
};
use crate::endpoint::{
    get_and_delete, seg, with_body, workspace_page, Answered, Endpoint, Request,
};
use crate::error::Error;
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::{ListResponse, WorkspaceId};
use crate::transport::Method;

/// `GET /observability/destinations`: the Default workspace's unless `workspace_id` is given.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListDestinations {
    /// The workspace's UUID.
    pub workspace_id: Option<WorkspaceId>,
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100 (server default 50).
    pub limit: Option<u32>,
}

impl Endpoint for ListDestinations {
    type Output = ListResponse<Destination>;
    fn request(&self) -> Result<Request, Error> {
        workspace_page(
            "/observability/destinations",
            self.workspace_id.as_ref(),
            self.offset,
            self.limit,
        )
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListDestinations, Destination);

/// `POST /observability/destinations` (201; a sixth of one type in a workspace is a 409).
/// Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateDestinationRequest {
    /// Body.
    pub body: CreateDestination,
}

impl Endpoint for CreateDestinationRequest {
    type Output = Destination;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Post,
            "/observability/destinations".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
    const ANSWER: Answered = Answered::Data;
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

/// `PATCH /observability/destinations/{id}` (safe to retry: absolute values).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateDestinationRequest {
    /// UUID.
    pub id: DestinationId,
    /// Only set fields are sent.
    pub body: UpdateDestination,
}

impl Endpoint for UpdateDestinationRequest {
    type Output = Destination;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Patch,
            destination_path(&self.id),
            &self.body,
            OpClass::Safe,
        )
    }
    const ANSWER: Answered = Answered::Data;
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
