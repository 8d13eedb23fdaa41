//! The workspaces area's rules: each body's checks before anything is sent.

use crate::areas::workspaces::models::{CreateWorkspace, UpdateWorkspace};
use crate::checks::{
    check_description, check_name, check_sampling, check_slug, not_null, Rule, Validate,
};
use crate::error::FieldError;
use crate::patch::Patch;

pub(crate) const IO_LOGGING_SAMPLING: Rule = (
    "io_logging_sampling_rate",
    "io_logging_sampling_rate must be between 0.0001 and 1",
);

impl Validate for CreateWorkspace {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        check_name(&mut out, &self.name);
        check_slug(&mut out, &self.slug);
        if let Some(d) = &self.description {
            check_description(&mut out, d);
        }
        if let Some(r) = self.io_logging_sampling_rate {
            check_sampling(&mut out, IO_LOGGING_SAMPLING, r);
        }
        out
    }
}

impl Validate for UpdateWorkspace {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        match &self.name {
            Patch::Value(n) => check_name(&mut out, n),
            Patch::Null => not_null(&mut out, "name"),
            Patch::Unset => {}
        }
        match &self.slug {
            Patch::Value(s) => check_slug(&mut out, s),
            Patch::Null => not_null(&mut out, "slug"),
            Patch::Unset => {}
        }
        if let Patch::Value(d) = &self.description {
            check_description(&mut out, d);
        }
        match self.io_logging_sampling_rate {
            Patch::Value(r) => check_sampling(&mut out, IO_LOGGING_SAMPLING, r),
            Patch::Null => not_null(&mut out, "io_logging_sampling_rate"),
            Patch::Unset => {}
        }
        for (f, p) in [
            (
                "is_data_discount_logging_enabled",
                &self.is_data_discount_logging_enabled,
            ),
            (
                "is_observability_broadcast_enabled",
                &self.is_observability_broadcast_enabled,
            ),
            (
                "is_observability_io_logging_enabled",
                &self.is_observability_io_logging_enabled,
            ),
        ] {
            if matches!(p, Patch::Null) {
                not_null(&mut out, f);
            }
        }
        out
    }
}
