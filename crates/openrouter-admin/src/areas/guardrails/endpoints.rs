//! The guardrails area's endpoints: one type per operation and its constructor.

use crate::areas::guardrails::models::{
    Assigned, CreateGuardrail, Guardrail, KeyAssignment, KeyHashes, MemberAssignment,
    MemberUserIds, Unassigned, UpdateGuardrail,
};
use crate::endpoint::{endpoint, page, param, seg, with_body, Answered, Endpoint, Request};
use crate::error::Error;
use crate::paged::paged;
use crate::retry::OpClass;
use crate::shapes::{GuardrailId, ListResponse, WorkspaceId};
use crate::transport::Method;

/// The path of one guardrail, and of what hangs below it (`tail`: `""`, `"/assignments/keys"`...).
pub(crate) fn guardrail_path(id: &GuardrailId, tail: &str) -> String {
    let mut path = format!("/guardrails/{}", seg(id.as_str()));
    path.push_str(tail);
    path
}

endpoint! {
    /// `GET /guardrails`: one workspace's guardrails (by its UUID), the Default workspace's when
    /// none is named.
    #[derive(Default)]
    ListGuardrails {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100.
        limit: Option<u32>,
        /// The workspace's UUID (a slug is refused before sending: the API filters by UUID only).
        workspace_id: Option<WorkspaceId>,
    }
    answers Whole: ListResponse<Guardrail>;
    request(self) {
        let mut r = page("/guardrails".to_owned(), self.offset, self.limit)?;
        if let Some(w) = &self.workspace_id {
            let mut errors = Vec::new();
            crate::checks::check_workspace_uuid(&mut errors, w.as_str());
            if !errors.is_empty() {
                return Err(Error::validation(errors));
            }
            param(&mut r.query, "workspace_id", Some(w.0.clone()));
        }
        Ok(r)
    }
}
paged!(ListGuardrails, Guardrail);

endpoint! {
    /// `POST /guardrails` (201). Retried only on 429.
    CreateGuardrailRequest {
        /// Body.
        body: CreateGuardrail,
    }
    answers Data: Guardrail;
    request(self) {
        let path = "/guardrails".to_owned();
        with_body(Method::Post, path, &self.body, OpClass::Create)
    }
}

impl CreateGuardrailRequest {
    /// `POST /guardrails` with `body`.
    pub fn new(body: CreateGuardrail) -> Self {
        Self { body }
    }
}

endpoint! {
    /// `GET /guardrails/{id}` (404 also for a workspace's default guardrail never written).
    GetGuardrail {
        /// The guardrail.
        id: GuardrailId,
    }
    answers Data: Guardrail;
    request(self) {
        Ok(Request::new(Method::Get, guardrail_path(&self.id, "")))
    }
}

impl GetGuardrail {
    /// `GET /guardrails/{id}`.
    pub fn new(id: impl Into<GuardrailId>) -> Self {
        Self { id: id.into() }
    }
}

endpoint! {
    /// `PATCH /guardrails/{id}`: also writes a workspace's default guardrail the first time.
    UpdateGuardrailRequest {
        /// The guardrail.
        id: GuardrailId,
        /// Only set fields are sent.
        body: UpdateGuardrail,
    }
    answers Data: Guardrail;
    request(self) {
        let path = guardrail_path(&self.id, "");
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
}

impl UpdateGuardrailRequest {
    /// `PATCH /guardrails/{id}` with `body`.
    pub fn new(id: impl Into<GuardrailId>, body: UpdateGuardrail) -> Self {
        Self {
            id: id.into(),
            body,
        }
    }
}

endpoint! {
    /// `DELETE /guardrails/{id}`.
    DeleteGuardrail {
        /// The guardrail.
        id: GuardrailId,
    }
    answers Nothing: ();
    request(self) {
        Ok(Request::new(Method::Delete, guardrail_path(&self.id, "")))
    }
}

impl DeleteGuardrail {
    /// `DELETE /guardrails/{id}`.
    pub fn new(id: impl Into<GuardrailId>) -> Self {
        Self { id: id.into() }
    }
}

/// One page of a guardrail's assignments: `GET /guardrails/{id}/assignments/{keys|members}`.
macro_rules! assignment_list {
    ($(#[$doc:meta])* $t:ident, $tail:literal, $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $t {
            /// The guardrail.
            pub id: GuardrailId,
            /// Records to skip.
            pub offset: Option<u64>,
            /// 1..100.
            pub limit: Option<u32>,
        }

        impl $t {
            /// The first page of `id`'s list.
            pub fn new(id: impl Into<GuardrailId>) -> Self {
                Self {
                    id: id.into(),
                    offset: None,
                    limit: None,
                }
            }
        }

        impl Endpoint for $t {
            type Output = ListResponse<$item>;
            fn request(&self) -> Result<Request, Error> {
                page(guardrail_path(&self.id, $tail), self.offset, self.limit)
            }
            const ANSWER: Answered = Answered::Whole;
        }
        paged!($t, $item);
    };
}

assignment_list!(
    /// `GET /guardrails/{id}/assignments/keys`: the keys a guardrail governs.
    ListGuardrailKeys,
    "/assignments/keys",
    KeyAssignment
);
assignment_list!(
    /// `GET /guardrails/{id}/assignments/members`: the members a guardrail governs.
    ListGuardrailMembers,
    "/assignments/members",
    MemberAssignment
);

/// One bulk assignment request: `POST /guardrails/{id}/assignments/{keys|members}[/remove]`.
/// Safe to retry: assigning what is assigned (or removing what is not) changes nothing.
macro_rules! assignment_change {
    ($(#[$doc:meta])* $t:ident, $tail:literal, $body:ty, $out:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct $t {
            /// The guardrail.
            pub id: GuardrailId,
            /// The identifiers, at least one.
            pub body: $body,
        }

        impl $t {
            /// The request for `body` on guardrail `id`.
            pub fn new(id: impl Into<GuardrailId>, body: $body) -> Self {
                Self { id: id.into(), body }
            }
        }

        impl Endpoint for $t {
            type Output = $out;
            fn request(&self) -> Result<Request, Error> {
                let path = guardrail_path(&self.id, $tail);
                with_body(Method::Post, path, &self.body, OpClass::Safe)
            }
            const ANSWER: Answered = Answered::Whole;
        }
    };
}

assignment_change!(
    /// `POST /guardrails/{id}/assignments/keys`: a key holds one guardrail, so this replaces
    /// any other the key held.
    AssignGuardrailKeys,
    "/assignments/keys",
    KeyHashes,
    Assigned
);
assignment_change!(
    /// `POST /guardrails/{id}/assignments/keys/remove`.
    UnassignGuardrailKeys,
    "/assignments/keys/remove",
    KeyHashes,
    Unassigned
);
assignment_change!(
    /// `POST /guardrails/{id}/assignments/members`.
    AssignGuardrailMembers,
    "/assignments/members",
    MemberUserIds,
    Assigned
);
assignment_change!(
    /// `POST /guardrails/{id}/assignments/members/remove`.
    UnassignGuardrailMembers,
    "/assignments/members/remove",
    MemberUserIds,
    Unassigned
);

endpoint! {
    /// `GET /guardrails/assignments/keys`: every key assignment of the organization.
    #[derive(Default)]
    ListKeyAssignments {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100.
        limit: Option<u32>,
    }
    answers Whole: ListResponse<KeyAssignment>;
    request(self) {
        page(
            "/guardrails/assignments/keys".to_owned(),
            self.offset,
            self.limit,
        )
    }
}
paged!(ListKeyAssignments, KeyAssignment);

endpoint! {
    /// `GET /guardrails/assignments/members`: every member assignment of the organization.
    #[derive(Default)]
    ListMemberAssignments {
        /// Records to skip.
        offset: Option<u64>,
        /// 1..100.
        limit: Option<u32>,
    }
    answers Whole: ListResponse<MemberAssignment>;
    request(self) {
        page(
            "/guardrails/assignments/members".to_owned(),
            self.offset,
            self.limit,
        )
    }
}
paged!(ListMemberAssignments, MemberAssignment);
