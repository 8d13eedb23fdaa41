//! Any JSON as each request body: validation never panics, `validate` fails exactly when there
//! are field errors and carries them all, and every error names one of the body's fields.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrouter_admin::body::Body;
use openrouter_admin::models::{
    AnalyticsQueryBody, CreateKey, CreateScimGroupMapping, CreateWorkspace, MemberIds,
    SubmitFeedback, UpdateKey, UpdateScimGroupMapping, UpdateWorkspace, UpsertBudget,
};
use openrouter_admin::validate::Validate;
use serde::de::DeserializeOwned;

fn check<B: Validate + DeserializeOwned>(text: &str, fields: Option<&[&str]>) {
    let Ok(body) = serde_json::from_str::<B>(text) else {
        return;
    };
    let errors = body.field_errors();
    match body.validate() {
        Ok(()) => assert!(errors.is_empty()),
        Err(e) => {
            assert!(e.is_validation());
            assert_eq!(e.validation_errors(), errors.as_slice());
        }
    }
    if let Some(fields) = fields {
        for error in &errors {
            let name = error.field.split(['[', '.']).next().unwrap_or_default();
            assert!(
                fields.contains(&name),
                "{error:?} names no field of {fields:?}"
            );
        }
    }
}

fn names<B: Body>() -> Vec<&'static str> {
    B::FIELDS.iter().map(|f| f.name).collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check::<CreateWorkspace>(text, Some(&names::<CreateWorkspace>()));
    check::<UpdateWorkspace>(text, Some(&names::<UpdateWorkspace>()));
    check::<CreateKey>(text, Some(&names::<CreateKey>()));
    check::<UpdateKey>(text, Some(&names::<UpdateKey>()));
    check::<UpsertBudget>(text, Some(&names::<UpsertBudget>()));
    check::<MemberIds>(text, None);
    // Issue 21's bodies, which the npm package now takes from JavaScript too.
    check::<CreateScimGroupMapping>(text, Some(&names::<CreateScimGroupMapping>()));
    check::<UpdateScimGroupMapping>(text, Some(&names::<UpdateScimGroupMapping>()));
    check::<SubmitFeedback>(text, Some(&names::<SubmitFeedback>()));
    check::<AnalyticsQueryBody>(text, Some(&names::<AnalyticsQueryBody>()));
});
