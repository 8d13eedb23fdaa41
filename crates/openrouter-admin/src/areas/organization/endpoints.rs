//! The organization area's endpoints: one type per operation and its constructor.

use crate::areas::organization::models::OrganizationMember;
use crate::endpoint::{endpoint, page};
use crate::paged::paged;
use crate::shapes::ListResponse;

endpoint! {
    /// `GET /organization/members`.
    #[derive(Default)]
    ListOrganizationMembers {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100.
        limit: Option<u32>,
    }
    answers Whole: ListResponse<OrganizationMember>;
    request(self) {
        page("/organization/members".to_owned(), self.offset, self.limit)
    }
}
paged!(ListOrganizationMembers, OrganizationMember);
