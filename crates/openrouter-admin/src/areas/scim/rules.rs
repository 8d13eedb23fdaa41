//! The SCIM area's rules: each body's checks before anything is sent.

use crate::areas::scim::models::{CreateScimGroupMapping, ScimRole, UpdateScimGroupMapping};
use crate::checks::{check_workspace_uuid, is_uuid, Validate};
use crate::error::FieldError;

fn check_role(out: &mut Vec<FieldError>, role: &ScimRole) {
    if !role.is_known() {
        out.push(FieldError::new(
            "role",
            "enum",
            "role must be admin or member",
        ));
    }
}

impl Validate for CreateScimGroupMapping {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if !is_uuid(self.scim_group_id.as_str()) {
            out.push(FieldError::new(
                "scim_group_id",
                "uuid",
                "scim_group_id must be the group's UUID",
            ));
        }
        check_workspace_uuid(&mut out, self.workspace_id.as_str());
        check_role(&mut out, &self.role);
        out
    }
}

impl Validate for UpdateScimGroupMapping {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        check_role(&mut out, &self.role);
        out
    }
}
