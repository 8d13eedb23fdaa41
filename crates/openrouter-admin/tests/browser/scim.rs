//! SCIM mappings and sync jobs against the sandbox, in Chromium and Firefox. Each test plays
//! the identity provider with a group of its own (`/__sandbox/scim`), mapped only to a
//! workspace of its own, so the demo's memberships stay as they are.

use super::*;

/// A new group of the identity provider holding these people: its id.
async fn group_of(users: &[&UserId]) -> ScimGroupId {
    let made = ok(
        control()
            .request::<Value>(
                Method::Post,
                "/__sandbox/scim",
                &[],
                Some(json!({"event": "create_group", "display_name": unique("group")})),
            )
            .class(OpClass::Safe)
            .send(),
        "create group",
    )
    .await;
    let id = made["group"]["id"].as_str().expect("group id").to_owned();
    for user in users {
        ok(
            control()
                .request::<Value>(
                    Method::Post,
                    "/__sandbox/scim",
                    &[],
                    Some(json!({"event": "join", "group_id": id, "user_id": user.as_str()})),
                )
                .class(OpClass::Safe)
                .send(),
            "join",
        )
        .await;
    }
    ScimGroupId::new(id)
}

/// The workspace's members: (user, role).
async fn members_of(c: &Client, ws: &Workspace) -> Vec<(String, String)> {
    let all = ok(
        c.workspace(&ws.id)
            .members()
            .list()
            .paginate()
            .collect_all(),
        "members",
    )
    .await;
    let mut out: Vec<(String, String)> = all
        .into_iter()
        .map(|m| (m.user_id.as_str().to_owned(), m.role.as_str().to_owned()))
        .collect();
    out.sort();
    out
}

#[wasm_bindgen_test]
async fn a_mapping_grants_access_and_its_delete_removes_exactly_that() {
    let c = client();
    let ws = new_workspace(&c, "scim").await;
    let (alan, radia, ada) = (
        org_user(&c, "alan.").await,
        org_user(&c, "radia.").await,
        org_user(&c, "ada.").await,
    );
    // Ada is a manual member: no mapping touches her.
    ok(
        c.workspace(&ws.id).members().add([ada.as_str()]).send(),
        "add",
    )
    .await;
    let group = group_of(&[&alan, &radia]).await;
    let body = CreateScimGroupMapping::new(group.clone(), ws.id.clone(), ScimRole::Member);
    let m = ok(c.scim().create_mapping(body.clone()).send(), "map").await;
    assert_eq!(
        (m.role.clone(), m.workspace_id.clone()),
        (ScimRole::Member, ws.id.clone())
    );
    assert_eq!(members_of(&c, &ws).await.len(), 3);
    // The same mapping again is the same mapping; another role for it is a conflict.
    let again = ok(c.scim().create_mapping(body).send(), "again").await;
    assert_eq!(again.id, m.id);
    let e = fails(
        c.scim()
            .create_mapping(CreateScimGroupMapping::new(
                group,
                ws.id.clone(),
                ScimRole::Admin,
            ))
            .send(),
        "409",
    )
    .await;
    assert_eq!(e.status(), Some(409));
    let up = ok(
        c.scim_mapping(m.id.clone())
            .update(UpdateScimGroupMapping::new(ScimRole::Admin))
            .send(),
        "role",
    )
    .await;
    assert_eq!(up.role, ScimRole::Admin);
    let roles = members_of(&c, &ws).await;
    assert!(
        roles.contains(&(alan.as_str().to_owned(), "admin".to_owned())),
        "{roles:?}"
    );
    // Removing: exactly the access that came only from it goes, counted through the API.
    let before = members_of(&c, &ws).await.len();
    ok(
        c.scim_mapping(m.id.clone())
            .delete(KeepMembers::Remove)
            .send(),
        "delete",
    )
    .await;
    let after = members_of(&c, &ws).await;
    assert_eq!((before, after.len()), (3, 1));
    assert_eq!(after[0].0, ada.as_str());
    let e = fails(c.scim_mapping(m.id).get().send(), "gone").await;
    assert!(e.is_not_found());
}

#[wasm_bindgen_test]
async fn keep_members_keeps_them_as_manual_members() {
    let c = client();
    let ws = new_workspace(&c, "scim-keep").await;
    let alan = org_user(&c, "alan.").await;
    let group = group_of(&[&alan]).await;
    let m = ok(
        c.scim()
            .create_mapping(CreateScimGroupMapping::new(
                group,
                ws.id.clone(),
                ScimRole::Admin,
            ))
            .send(),
        "map",
    )
    .await;
    // A SCIM membership is the provider's: removing it by hand removes nothing.
    let removed = ok(
        c.workspace(&ws.id).members().remove([alan.as_str()]).send(),
        "remove",
    )
    .await;
    assert_eq!(removed.removed_count, 0);
    ok(
        c.scim_mapping(m.id).delete(KeepMembers::Keep).send(),
        "delete",
    )
    .await;
    assert_eq!(
        members_of(&c, &ws).await,
        vec![(alan.as_str().to_owned(), "admin".to_owned())]
    );
    // Kept as manual: now a hand removal takes it.
    let removed = ok(
        c.workspace(&ws.id).members().remove([alan.as_str()]).send(),
        "remove",
    )
    .await;
    assert_eq!(removed.removed_count, 1);
}

#[wasm_bindgen_test]
async fn groups_page_and_a_sync_job_runs_to_its_end() {
    let c = client();
    let groups = ok(
        c.scim().groups().limit(2).paginate().collect_all(),
        "groups",
    )
    .await;
    assert!(
        groups.iter().any(|g| g.display_name == "Engineering"),
        "{groups:?}"
    );
    let mappings = ok(c.scim().mappings().paginate().collect_all(), "mappings").await;
    assert!(mappings.len() >= 4);
    let job = ok(c.scim().sync().send(), "sync").await;
    assert_eq!(job.status, ScimSyncStatus::Queued);
    let mut seen = vec![job.status];
    while !seen.last().is_some_and(ScimSyncStatus::is_finished) {
        let now = ok(c.scim_sync_job(job.id.clone()).send(), "poll").await;
        seen.push(now.status);
        assert!(seen.len() < 5, "{seen:?}");
    }
    assert_eq!(
        seen,
        [
            ScimSyncStatus::Queued,
            ScimSyncStatus::Running,
            ScimSyncStatus::Succeeded
        ]
    );
}

#[wasm_bindgen_test]
async fn a_bad_mapping_never_leaves_the_browser() {
    let c = client();
    let before = log_count("POST", "/api/v1/scim/group-mappings").await;
    let e = fails(
        c.scim()
            .create_mapping(CreateScimGroupMapping::new(
                "engineering",
                "production",
                ScimRole::Member,
            ))
            .send(),
        "invalid",
    )
    .await;
    assert!(e.is_validation());
    let fields: Vec<&str> = e
        .validation_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["scim_group_id", "workspace_id"]);
    assert_eq!(
        log_count("POST", "/api/v1/scim/group-mappings").await,
        before
    );
}

#[wasm_bindgen_test]
async fn a_lost_mapping_answer_is_retried_into_the_one_same_mapping() {
    let c = client();
    let ws = new_workspace(&c, "scim-lost").await;
    let alan = org_user(&c, "alan.").await;
    let group = group_of(&[&alan]).await;
    let path = "/api/v1/scim/group-mappings";
    faults("POST", path, json!([{"commit_then_drop": true}])).await;
    let before = log_count("POST", path).await;
    // Creating the same mapping again answers it: safe to retry, and retried.
    let m = ok(
        c.scim()
            .create_mapping(CreateScimGroupMapping::new(
                group,
                ws.id.clone(),
                ScimRole::Member,
            ))
            .send(),
        "retried",
    )
    .await;
    assert_eq!(
        log_count("POST", path).await - before,
        2,
        "lost, then retried"
    );
    let all = ok(c.scim().mappings().paginate().collect_all(), "mappings").await;
    let of_ws: Vec<&ScimGroupMapping> = all.iter().filter(|x| x.workspace_id == ws.id).collect();
    assert_eq!(of_ws.len(), 1, "never a second mapping");
    assert_eq!(of_ws[0].id, m.id);
    assert_eq!(
        members_of(&c, &ws).await,
        vec![(alan.as_str().to_owned(), "member".to_owned())]
    );
}

#[wasm_bindgen_test]
async fn a_lost_sync_job_or_feedback_answer_is_not_sent_twice() {
    let c = client();
    for (path, what) in [
        ("/api/v1/scim/sync-jobs", "sync"),
        ("/api/v1/generation/feedback", "feedback"),
    ] {
        faults("POST", path, json!([{"commit_then_drop": true}])).await;
        let before = log_count("POST", path).await;
        let e = if what == "sync" {
            fails(c.scim().sync().send(), what).await
        } else {
            let body = SubmitFeedback::new(
                "gen-1733520000-Zm5NcV1xBgRt7yKd2eQo",
                FeedbackCategory::Formatting,
            );
            fails(c.feedback(body).send(), what).await
        };
        assert!(e.is_outcome_unknown(), "{what}: {e:?}");
        assert_eq!(
            log_count("POST", path).await - before,
            1,
            "{what}: sent once"
        );
    }
}
