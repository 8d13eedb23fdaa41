//! The guardrails area's endpoints: one type per operation and its constructor.

use crate::areas::guardrails::models::{
    Assigned, CreateGuardrail, Guardrail, KeyAssignment, KeyHashes, MemberAssignment,
    MemberUserIds, Unassigned, UpdateGuardrail,
};
use crate::endpoint::{page, param, seg, with_body, Answered, Endpoint, Request};
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

/// `GET /guardrails`: one workspace's guardrails (by its UUID), the Default workspace's when
/// none is named.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListGuardrails {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
    /// The workspace's UUID (a slug is refused before sending: the API filters by UUID only).
    pub workspace_id: Option<WorkspaceId>,
}

impl Endpoint for ListGuardrails {
    type Output = ListResponse<Guardrail>;
    fn request(&self) -> Result<Request, Error> {
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
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListGuardrails, Guardrail);

/// `POST /guardrails` (201). Retried only on 429.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateGuardrailRequest {
    /// Body.
    pub body: CreateGuardrail,
}

impl Endpoint for CreateGuardrailRequest {
    type Output = Guardrail;
    fn request(&self) -> Result<Request, Error> {
        let path = "/guardrails".to_owned();
        with_body(Method::Post, path, &self.body, OpClass::Create)
    }
    const ANSWER: Answered = Answered::Data;
}

impl CreateGuardrailRequest {
    /// `POST /guardrails` with `body`.
    pub fn new(body: CreateGuardrail) -> Self {
        Self { body }
    }
}

/// `GET /guardrails/{id}` (404 also for a workspace's default guardrail never written).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetGuardrail {
    /// The guardrail.
    pub id: GuardrailId,
}

impl Endpoint for GetGuardrail {
    type Output = Guardrail;
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Get, guardrail_path(&self.id, "")))
    }
    const ANSWER: Answered = Answered::Data;
}

impl GetGuardrail {
    /// `GET /guardrails/{id}`.
    pub fn new(id: impl Into<GuardrailId>) -> Self {
        Self { id: id.into() }
    }
}

/// `PATCH /guardrails/{id}`: also writes a workspace's default guardrail the first time.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateGuardrailRequest {
    /// The guardrail.
    pub id: GuardrailId,
    /// Only set fields are sent.
    pub body: UpdateGuardrail,
}

impl Endpoint for UpdateGuardrailRequest {
    type Output = Guardrail;
    fn request(&self) -> Result<Request, Error> {
        let path = guardrail_path(&self.id, "");
        with_body(Method::Patch, path, &self.body, OpClass::Safe)
    }
    const ANSWER: Answered = Answered::Data;
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

/// `DELETE /guardrails/{id}`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteGuardrail {
    /// The guardrail.
    pub id: GuardrailId,
}

impl Endpoint for DeleteGuardrail {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        Ok(Request::new(Method::Delete, guardrail_path(&self.id, "")))
    }
    const ANSWER: Answered = Answered::Nothing;
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

/// `GET /guardrails/assignments/keys`: every key assignment of the organization.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListKeyAssignments {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListKeyAssignments {
    type Output = ListResponse<KeyAssignment>;
    fn request(&self) -> Result<Request, Error> {
        page(
            "/guardrails/assignments/keys".to_owned(),
            self.offset,
            self.limit,
        )
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListKeyAssignments, KeyAssignment);

/// `GET /guardrails/assignments/members`: every member assignment of the organization.
#[derive(Clone, Debug, PartialEq, Default)]
#[non_exhaustive]
pub struct ListMemberAssignments {
    /// Records to skip.
    pub offset: Option<u64>,
    /// 1..100.
    pub limit: Option<u32>,
}

impl Endpoint for ListMemberAssignments {
    type Output = ListResponse<MemberAssignment>;
    fn request(&self) -> Result<Request, Error> {
        page(
            "/guardrails/assignments/members".to_owned(),
            self.offset,
            self.limit,
        )
    }
    const ANSWER: Answered = Answered::Whole;
}
paged!(ListMemberAssignments, MemberAssignment);
