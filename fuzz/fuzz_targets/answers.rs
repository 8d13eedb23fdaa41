//! Any bytes as the 2xx answer of every operation the client reads: decoding never panics, and
//! a create-key answer that does not decode never quotes its secret.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openrouter_admin::api::{self, Answer, Endpoint};

/// Planted for every `~` of the input: a create-key answer's secret.
const SECRET: &str = "sk-or-v1-fuzzsecretmarker";

fn decode<E: Endpoint>(body: &str) {
    let answer = Answer::new(200, body);
    if let Err(e) = E::decode(answer) {
        assert_eq!(e.status(), Some(200));
        assert!(e.json_path().is_some() || !e.is_decode(), "{e:?}");
        let _ = (e.to_string(), format!("{e:?}"));
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    decode::<api::ListWorkspaces>(body);
    decode::<api::CreateWorkspaceRequest>(body);
    decode::<api::GetWorkspace>(body);
    decode::<api::UpdateWorkspaceRequest>(body);
    decode::<api::DeleteWorkspace>(body);
    decode::<api::ListMembers>(body);
    decode::<api::AddMembers>(body);
    decode::<api::RemoveMembers>(body);
    decode::<api::ListBudgets>(body);
    decode::<api::GetBudget>(body);
    decode::<api::PutBudget>(body);
    decode::<api::DeleteBudget>(body);
    decode::<api::GetCurrentKey>(body);
    decode::<api::ListKeys>(body);
    decode::<api::GetKey>(body);
    decode::<api::UpdateKeyRequest>(body);
    decode::<api::DeleteKey>(body);
    decode::<api::ListOrganizationMembers>(body);

    let planted = body.replace('~', SECRET);
    let mut answer = Answer::new(201, &planted);
    answer.secret = true;
    match api::CreateKeyRequest::decode(answer) {
        Ok(created) => assert!(!format!("{created:?}").contains(SECRET)),
        Err(e) => {
            let told = format!("{e} {e:?} {:?}", e.body_snippet());
            assert!(!told.contains(SECRET), "the secret leaked: {told}");
        }
    }
});
