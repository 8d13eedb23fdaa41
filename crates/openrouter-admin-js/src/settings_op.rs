//! The operations of `WorkspaceSettings`: one variant per one-request
//! method (a list's serves its one-page method and its paginator), each naming its JavaScript
//! arguments, and the one `match` that reads them into the core's request (see
//! [`dispatch`](crate::dispatch)).

use openrouter_admin::api;
use openrouter_admin::models::{
    CreateByokKey, CreateDestination, UpdateByokKey, UpdateDestination,
};
use wasm_bindgen::JsValue;

use crate::body;
use crate::convert::Options;
use crate::dispatch::{id_arg, list, one, paged, Call, Operation};

/// An operation of `WorkspaceSettings` and the JavaScript arguments it was called with, by
/// name (its `options` travel beside it). It owns them: it crosses into the settings chunk,
/// which is loaded after the method has returned its promise.
pub enum SettingsOp {
    /// `GET /guardrails` (`options.workspaceId`: another workspace's, by UUID).
    ListGuardrails,
    /// `POST /guardrails`.
    CreateGuardrail {
        /// A `CreateGuardrailRequest`.
        request: JsValue,
    },
    /// `GET /guardrails/{id}`.
    GetGuardrail {
        /// The guardrail's id.
        id: JsValue,
    },
    /// `PATCH /guardrails/{id}`.
    UpdateGuardrail {
        /// The guardrail's id.
        id: JsValue,
        /// An `UpdateGuardrailRequest`.
        patch: JsValue,
    },
    /// `DELETE /guardrails/{id}`.
    DeleteGuardrail {
        /// The guardrail's id.
        id: JsValue,
    },
    /// `GET /guardrails/{id}/assignments/keys`.
    ListGuardrailKeys {
        /// The guardrail's id.
        id: JsValue,
    },
    /// `GET /guardrails/{id}/assignments/members`.
    ListGuardrailMembers {
        /// The guardrail's id.
        id: JsValue,
    },
    /// `GET /guardrails/assignments/keys`.
    ListKeyAssignments,
    /// `GET /guardrails/assignments/members`.
    ListMemberAssignments,
    /// `GET /byok` (`options` add the workspace's UUID and a provider).
    ListByokKeys,
    /// `POST /byok`.
    CreateByokKey {
        /// A `CreateByokKeyRequest` (its `key` is a secret).
        request: JsValue,
    },
    /// `GET /byok/{id}`.
    GetByokKey {
        /// The credential's id.
        id: JsValue,
    },
    /// `PATCH /byok/{id}`.
    UpdateByokKey {
        /// The credential's id.
        id: JsValue,
        /// An `UpdateByokKeyRequest`.
        patch: JsValue,
    },
    /// `DELETE /byok/{id}`.
    DeleteByokKey {
        /// The credential's id.
        id: JsValue,
    },
    /// `GET /observability/destinations` (`options` add the workspace's UUID).
    ListDestinations,
    /// `POST /observability/destinations`.
    CreateDestination {
        /// A `CreateDestinationRequest`.
        request: JsValue,
    },
    /// `GET /observability/destinations/{id}`.
    GetDestination {
        /// The destination's id.
        id: JsValue,
    },
    /// `PATCH /observability/destinations/{id}`.
    UpdateDestination {
        /// The destination's id.
        id: JsValue,
        /// An `UpdateDestinationRequest`.
        patch: JsValue,
    },
    /// `DELETE /observability/destinations/{id}`.
    DeleteDestination {
        /// The destination's id.
        id: JsValue,
    },
}

impl Operation for SettingsOp {
    fn call(&self, o: &Options) -> Result<Call, JsValue> {
        Ok(match self {
            SettingsOp::ListGuardrails => {
                let mut endpoint = paged!(api::ListGuardrails::default(), o);
                endpoint.workspace_id = o.string("workspaceId")?.map(Into::into);
                list(endpoint)
            }
            SettingsOp::CreateGuardrail { request } => {
                let body = body::read(request, "request")?;
                one(api::CreateGuardrailRequest::new(body))
            }
            SettingsOp::GetGuardrail { id } => one(api::GetGuardrail::new(id_arg(id)?)),
            SettingsOp::UpdateGuardrail { id, patch } => {
                let id = id_arg(id)?;
                let body = body::read(patch, "patch")?;
                one(api::UpdateGuardrailRequest::new(id, body))
            }
            SettingsOp::DeleteGuardrail { id } => one(api::DeleteGuardrail::new(id_arg(id)?)),
            SettingsOp::ListGuardrailKeys { id } => {
                list(paged!(api::ListGuardrailKeys::new(id_arg(id)?), o))
            }
            SettingsOp::ListGuardrailMembers { id } => {
                list(paged!(api::ListGuardrailMembers::new(id_arg(id)?), o))
            }
            SettingsOp::ListKeyAssignments => list(paged!(api::ListKeyAssignments::default(), o)),
            SettingsOp::ListMemberAssignments => {
                list(paged!(api::ListMemberAssignments::default(), o))
            }
            SettingsOp::ListByokKeys => {
                let mut endpoint = paged!(api::ListByokKeys::default(), o);
                endpoint.workspace_id = o.string("workspaceId")?.map(Into::into);
                endpoint.provider = o.string("provider")?.map(Into::into);
                list(endpoint)
            }
            SettingsOp::CreateByokKey { request } => {
                let body = body::read::<CreateByokKey>(request, "request")?;
                one(api::CreateByokKeyRequest::new(body))
            }
            SettingsOp::GetByokKey { id } => one(api::GetByokKey::new(id_arg(id)?)),
            SettingsOp::UpdateByokKey { id, patch } => {
                let id = id_arg(id)?;
                let body = body::read::<UpdateByokKey>(patch, "patch")?;
                one(api::UpdateByokKeyRequest::new(id, body))
            }
            SettingsOp::DeleteByokKey { id } => one(api::DeleteByokKey::new(id_arg(id)?)),
            SettingsOp::ListDestinations => {
                let mut endpoint = paged!(api::ListDestinations::default(), o);
                endpoint.workspace_id = o.string("workspaceId")?.map(Into::into);
                list(endpoint)
            }
            SettingsOp::CreateDestination { request } => {
                let body = body::read::<CreateDestination>(request, "request")?;
                one(api::CreateDestinationRequest::new(body))
            }
            SettingsOp::GetDestination { id } => one(api::GetDestination::new(id_arg(id)?)),
            SettingsOp::UpdateDestination { id, patch } => {
                let id = id_arg(id)?;
                let body = body::read::<UpdateDestination>(patch, "patch")?;
                one(api::UpdateDestinationRequest::new(id, body))
            }
            SettingsOp::DeleteDestination { id } => one(api::DeleteDestination::new(id_arg(id)?)),
        })
    }
}
