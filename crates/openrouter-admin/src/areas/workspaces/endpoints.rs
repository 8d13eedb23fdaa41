//! The workspaces area's endpoints: one type per operation and its constructor.

use crate::areas::workspaces::models::{CreateWorkspace, UpdateWorkspace, Workspace};
use crate::endpoint::{page, param, seg, with_body, Answered, Endpoint, Request};
use crate::error::Error;
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::ListResponse;
use crate::transport::Method;

/// `GET /workspaces`.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListWorkspaces {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100 (server default 50).
    pub limit: Option<u32>,
}

impl Endpoint for ListWorkspaces {
    type Output = ListResponse<Workspace>;
    fn request(&self) -> Result<Request, Error> {
        page("/workspaces".to_owned(), self.offset, self.limit)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListWorkspaces, Workspace);

/// `POST /workspaces` (201). Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateWorkspaceRequest {
    /// Body.
    pub body: CreateWorkspace,
}

impl Endpoint for CreateWorkspaceRequest {
    type Output = Workspace;
    fn request(&self) -> Result<Request, Error> {
        with_body(
            Method::Post,
            "/workspaces".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
    const ANSWER: Answered = Answered::Data;
}

impl CreateWorkspaceRequest {
    /// `POST /workspaces` with `body`.
    pub fn new(body: CreateWorkspace) -> Self {
        Self { body }
    }
}

/// `GET /workspaces/{id}` (id or slug).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetWorkspace {
    /// UUID or slug.
    pub id: String,
}

impl Endpoint for GetWorkspace {
    type Output = Workspace;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(
            Method::Get,
            format!("/workspaces/{}", seg(&self.id)),
        ))
    }
    const ANSWER: Answered = Answered::Data;
}

impl GetWorkspace {
    /// `GET /workspaces/{id}` (UUID or slug).
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
    }
}

/// `PATCH /workspaces/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateWorkspaceRequest {
    /// UUID or slug.
    pub id: String,
    /// Only set fields are sent.
    pub body: UpdateWorkspace,
}

impl Endpoint for UpdateWorkspaceRequest {
    type Output = Workspace;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}", seg(&self.id));
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Data;
}

impl UpdateWorkspaceRequest {
    /// `PATCH /workspaces/{id}` with `body`.
    pub fn new(id: impl Into<String>, body: UpdateWorkspace) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

/// `DELETE /workspaces/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteWorkspace {
    /// UUID or slug.
    pub id: String,
    /// Sends `confirm_default_workspace_deletion=true`: without it the Default workspace
    /// answers 403; with it, deleting the Default workspace permanently disables the account's
    /// unscoped inference keys and deletes its budgets, guardrails and broadcast destinations
    /// (management keys are kept). Ignored by the API for other workspaces.
    pub confirm_default_workspace_deletion: bool,
}

impl Endpoint for DeleteWorkspace {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        let mut query = Vec::new();
        param(
            &mut query,
            "confirm_default_workspace_deletion",
            self.confirm_default_workspace_deletion
                .then(|| "true".to_owned()),
        );
        Ok(Request::of(
            Method::Delete,
            format!("/workspaces/{}", seg(&self.id)),
            query,
            None,
            OpClass::Delete,
        ))
    }
    const ANSWER: Answered = Answered::Nothing;
}

impl DeleteWorkspace {
    /// `DELETE /workspaces/{id}`, refused (403) for the Default workspace.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            confirm_default_workspace_deletion: false,
        }
    }

    /// The same, confirming the deletion of the Default workspace should `id` be it (see
    /// [`confirm_default_workspace_deletion`](Self::confirm_default_workspace_deletion) for
    /// what that destroys).
    pub fn confirming_default(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            confirm_default_workspace_deletion: true,
        }
    }
}
