//! The organization area's endpoints: one type per operation and its constructor.

use crate::areas::organization::models::OrganizationMember;
use crate::endpoint::{page, Answered, Endpoint, Request};
use crate::error::Error;
use crate::paged::paged;
use crate::shapes::ListResponse;

/// `GET /organization/members`.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListOrganizationMembers {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListOrganizationMembers {
    type Output = ListResponse<OrganizationMember>;
    fn request(&self) -> Result<Request, Error> {
        page("/organization/members".to_owned(), self.offset, self.limit)
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListOrganizationMembers, OrganizationMember);
