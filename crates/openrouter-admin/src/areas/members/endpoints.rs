//! The members area's endpoints: one type per operation and its constructor.

use crate::areas::members::models::{MemberIds, MembersAdded, MembersRemoved, WorkspaceMember};
use crate::endpoint::{endpoint, page, seg, with_body};
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::ListResponse;
use crate::transport::Method;

endpoint! {
    /// `GET /workspaces/{id}/members`.
    ListMembers {
        /// UUID or slug.
        workspace: String,
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100.
        limit: Option<u32>,
    }
    answers Whole: ListResponse<WorkspaceMember>;
    request(self) {
        let path = format!("/workspaces/{}/members", seg(&self.workspace));
        page(path, self.offset, self.limit)
    }
}
paged!(ListMembers, WorkspaceMember);

impl ListMembers {
    /// `GET /workspaces/{workspace}/members`, first page, server page size.
    pub fn new(workspace: impl Into<String>) -> Self {
        Self {
            workspace: workspace.into(),
            offset: None,
            limit: None,
        }
    }
}

endpoint! {
    /// `POST /workspaces/{id}/members/add` (1..100 ids; safe to retry).
    AddMembers {
        /// UUID or slug.
        workspace: String,
        /// Body.
        body: MemberIds,
    }
    answers Whole: MembersAdded;
    request(self) {
        let path = format!("/workspaces/{}/members/add", seg(&self.workspace));
        with_body(Method::Post, path, &self.body, OpClass::Safe)
    }
}

endpoint! {
    /// `POST /workspaces/{id}/members/remove` (1..100 ids; safe to retry).
    RemoveMembers {
        /// UUID or slug.
        workspace: String,
        /// Body.
        body: MemberIds,
    }
    answers Whole: MembersRemoved;
    request(self) {
        let path = format!("/workspaces/{}/members/remove", seg(&self.workspace));
        with_body(Method::Post, path, &self.body, OpClass::Safe)
    }
}
