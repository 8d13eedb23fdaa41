//! The workspaces area's endpoints: one type per operation and its constructor.

use crate::areas::workspaces::models::{CreateWorkspace, UpdateWorkspace, Workspace};
use crate::endpoint::{endpoint, page, param, seg, with_body, Request};
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::ListResponse;
use crate::transport::Method;

endpoint! {
    /// `GET /workspaces`.
    #[derive(Default)]
    ListWorkspaces {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100 (server default 50).
        limit: Option<u32>,
    }
    answers Whole: ListResponse<Workspace>;
    request(self) {
        page("/workspaces".to_owned(), self.offset, self.limit)
    }
}
paged!(ListWorkspaces, Workspace);

endpoint! {
    /// `POST /workspaces` (201). Retried only on 429.
    CreateWorkspaceRequest {
        /// Body.
        body: CreateWorkspace,
    }
    answers Data: Workspace;
    request(self) {
        with_body(
            Method::Post,
            "/workspaces".to_owned(),
            &self.body,
            OpClass::Create,
        )
    }
}

impl CreateWorkspaceRequest {
    /// `POST /workspaces` with `body`.
    pub fn new(body: CreateWorkspace) -> Self {
        Self { body }
    }
}

endpoint! {
    /// `GET /workspaces/{id}` (id or slug).
    GetWorkspace {
        /// UUID or slug.
        id: String,
    }
    answers Data: Workspace;
    request(self) {
        Ok(Request::new(
            Method::Get,
            format!("/workspaces/{}", seg(&self.id)),
        ))
    }
}

impl GetWorkspace {
    /// `GET /workspaces/{id}` (UUID or slug).
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
    }
}

endpoint! {
    /// `PATCH /workspaces/{id}`.
    UpdateWorkspaceRequest {
        /// UUID or slug.
        id: String,
        /// Only set fields are sent.
        body: UpdateWorkspace,
    }
    answers Data: Workspace;
    request(self) {
        let path = format!("/workspaces/{}", seg(&self.id));
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
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

endpoint! {
    /// `DELETE /workspaces/{id}`.
    DeleteWorkspace {
        /// UUID or slug.
        id: String,
        /// Sends `confirm_default_workspace_deletion=true`: without it the Default workspace
        /// answers 403; with it, deleting the Default workspace permanently disables the account's
        /// unscoped inference keys and deletes its budgets, guardrails and broadcast destinations
        /// (management keys are kept). Ignored by the API for other workspaces.
        confirm_default_workspace_deletion: bool,
    }
    answers Nothing: ();
    request(self) {
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
