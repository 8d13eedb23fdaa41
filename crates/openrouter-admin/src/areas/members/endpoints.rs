//! The members area's endpoints: one type per operation and its constructor.

use crate::areas::members::models::{MemberIds, MembersAdded, MembersRemoved, WorkspaceMember};
use crate::endpoint::{page, seg, with_body, Answered, Endpoint, Request};
use crate::error::Error;
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::ListResponse;
use crate::transport::Method;

/// `GET /workspaces/{id}/members`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListMembers {
    /// UUID or slug.
    pub workspace: String,
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListMembers {
    type Output = ListResponse<WorkspaceMember>;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/members", seg(&self.workspace));
        page(path, self.offset, self.limit)
    }
    const ANSWER: Answered = Answered::Whole;
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

/// `POST /workspaces/{id}/members/add` (1..100 ids; safe to retry).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AddMembers {
    /// UUID or slug.
    pub workspace: String,
    /// Body.
    pub body: MemberIds,
}

impl Endpoint for AddMembers {
    type Output = MembersAdded;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/members/add", seg(&self.workspace));
        with_body(Method::Post, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Whole;
}

/// `POST /workspaces/{id}/members/remove` (1..100 ids; safe to retry).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RemoveMembers {
    /// UUID or slug.
    pub workspace: String,
    /// Body.
    pub body: MemberIds,
}

impl Endpoint for RemoveMembers {
    type Output = MembersRemoved;
    fn request(&self) -> Result<Request, Error> {
        let path = format!("/workspaces/{}/members/remove", seg(&self.workspace));
        with_body(Method::Post, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Whole;
}
