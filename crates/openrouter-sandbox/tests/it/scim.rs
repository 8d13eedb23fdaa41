//! SCIM groups, mappings and sync jobs: mappings really change who is in a workspace.

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, send, Sb};

/// The workspace's members: user id -> role.
async fn members(sb: &Sb, ws: &str) -> BTreeMap<String, String> {
    let (s, v) = sb.get(&format!("/workspaces/{ws}/members?limit=100")).await;
    assert_eq!(s, 200, "{v}");
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["user_id"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn group(sb: &Sb, name: &str) -> String {
    let (_, v) = sb.get("/scim/groups?limit=100").await;
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["display_name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn idp(sb: &Sb, body: Value) -> Value {
    let resp = send(sb.control(Method::POST, "/scim").json(&body)).await;
    assert_eq!(resp.status().as_u16(), 200);
    resp.json().await.unwrap()
}

/// The demo's people by first name.
async fn person(sb: &Sb, first: &str) -> String {
    let (_, v) = sb.get("/organization/members?limit=100").await;
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["first_name"] == first)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn map(sb: &Sb, group: &str, ws: &str, role: &str) -> (u16, Value) {
    sb.post(
        "/scim/group-mappings",
        json!({"scim_group_id": group, "workspace_id": ws, "role": role}),
    )
    .await
}

#[tokio::test]
async fn the_demo_identity_provider_has_groups_mapped_to_workspaces() {
    let sb = Sb::start().await;
    let (s, g) = sb.get("/scim/groups").await;
    assert_eq!((s, g["total_count"].clone()), (200, json!(5)));
    let first = &g["data"][0];
    for field in [
        "id",
        "organization_id",
        "display_name",
        "created_at",
        "updated_at",
    ] {
        assert!(first[field].is_string(), "{field}: {first}");
    }
    let (_, m) = sb.get("/scim/group-mappings").await;
    assert_eq!(m["total_count"], 4);
    // Dennis is in Engineering (member) and Platform Admins (admin): admin of Staging.
    let staging = members(&sb, "staging").await;
    let (dennis, katherine) = (person(&sb, "Dennis").await, person(&sb, "Katherine").await);
    assert_eq!(staging[&dennis], "admin");
    assert_eq!(staging[&katherine], "member");
    // Pages of 1 to 100, 50 unless asked.
    let (_, page) = sb.get("/scim/groups?offset=4&limit=2").await;
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    sb.assert_errors(
        400,
        &[
            ("GET /scim/groups?limit=0", None, "limit"),
            ("GET /scim/group-mappings?limit=101", None, "limit"),
            ("GET /scim/group-mappings?offset=-1", None, "offset"),
        ],
    )
    .await;
}

#[tokio::test]
async fn a_mapping_grants_the_highest_role_and_never_touches_manual_members() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Team", "team").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (eng, admins) = (
        group(&sb, "Engineering").await,
        group(&sb, "Platform Admins").await,
    );
    let (katherine, margaret, dennis, barbara) = (
        person(&sb, "Katherine").await,
        person(&sb, "Margaret").await,
        person(&sb, "Dennis").await,
        person(&sb, "Barbara").await,
    );
    // Katherine was added by hand first: a mapping never touches her.
    sb.post(
        "/workspaces/team/members/add",
        json!({"user_ids": [katherine]}),
    )
    .await;
    let (s, made) = map(&sb, &eng, &ws, "member").await;
    assert_eq!(s, 201, "{made}");
    let id = made["data"]["id"].as_str().unwrap().to_owned();
    let m = members(&sb, "team").await;
    assert_eq!(m.len(), 3, "{m:?}");
    assert_eq!(
        (m[&margaret].as_str(), m[&dennis].as_str()),
        ("member", "member")
    );
    // The same mapping again: 201, the same mapping, re-applied; another role: 409.
    let (s, again) = map(&sb, &eng, &ws, "member").await;
    assert_eq!((s, again["data"]["id"].as_str()), (201, Some(id.as_str())));
    assert_error(&map(&sb, &eng, &ws, "admin").await, 409, "role");
    // Platform Admins (Barbara, Dennis) as admin: Dennis takes the higher role.
    assert_eq!(map(&sb, &admins, &ws, "admin").await.0, 201);
    let m = members(&sb, "team").await;
    assert_eq!(
        (
            m[&dennis].as_str(),
            m[&barbara].as_str(),
            m[&margaret].as_str()
        ),
        ("admin", "admin", "member")
    );
    // Raising Engineering raises Margaret; lowering it again leaves Dennis admin.
    let path = format!("/scim/group-mappings/{id}");
    let (s, up) = sb.patch(&path, json!({"role": "admin"})).await;
    assert_eq!((s, up["data"]["role"].as_str()), (200, Some("admin")));
    assert_eq!(members(&sb, "team").await[&margaret], "admin");
    sb.patch(&path, json!({"role": "member"})).await;
    let m = members(&sb, "team").await;
    assert_eq!(
        (m[&margaret].as_str(), m[&dennis].as_str()),
        ("member", "admin")
    );
    // Katherine, manual, kept her organization role throughout.
    assert_eq!(m[&katherine], "member");
    // SCIM-managed memberships cannot be removed by hand.
    let (s, r) = sb
        .post(
            "/workspaces/team/members/remove",
            json!({"user_ids": [margaret]}),
        )
        .await;
    assert_eq!((s, r), (200, json!({"removed_count": 0})));
    assert!(members(&sb, "team").await.contains_key(&margaret));
}

#[tokio::test]
async fn delete_needs_keep_members_and_does_each_thing_it_says() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Team", "team").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (eng, admins) = (
        group(&sb, "Engineering").await,
        group(&sb, "Platform Admins").await,
    );
    // Alan is no SCIM user of his own: a manual membership of his can be removed by hand.
    let (alan, dennis, margaret) = (
        person(&sb, "Alan").await,
        person(&sb, "Dennis").await,
        person(&sb, "Margaret").await,
    );
    idp(
        &sb,
        json!({"event": "join", "group_id": eng, "user_id": alan}),
    )
    .await;
    let eng_map = map(&sb, &eng, &ws, "member").await.1["data"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let admin_map = map(&sb, &admins, &ws, "admin").await.1["data"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(members(&sb, "team").await.len(), 5);
    let path = format!("/scim/group-mappings/{eng_map}");
    let (no_choice, bad_choice) = (
        format!("DELETE {path}"),
        format!("DELETE {path}?keep_members=yes"),
    );
    sb.assert_errors(
        400,
        &[
            (no_choice.as_str(), None, "keep_members: required"),
            (bad_choice.as_str(), None, "keep_members"),
        ],
    )
    .await;
    // false: the access that came only from Engineering goes; Dennis stays (Platform Admins).
    let (s, v) = sb.delete(&format!("{path}?keep_members=false")).await;
    assert_eq!((s, v), (200, json!({"deleted": true})));
    let m = members(&sb, "team").await;
    assert!(
        !m.contains_key(&alan) && !m.contains_key(&margaret),
        "{m:?}"
    );
    assert_eq!(m[&dennis], "admin");
    assert_error(&sb.get(&path).await, 404, "not found");
    // true: the members stay, as manual ones (Alan's now removable by hand).
    idp(
        &sb,
        json!({"event": "join", "group_id": admins, "user_id": alan}),
    )
    .await;
    assert!(members(&sb, "team").await.contains_key(&alan));
    let (s, _) = sb
        .delete(&format!(
            "/scim/group-mappings/{admin_map}?keep_members=true"
        ))
        .await;
    assert_eq!(s, 200);
    let m = members(&sb, "team").await;
    assert_eq!((m[&alan].as_str(), m[&dennis].as_str()), ("admin", "admin"));
    let (_, r) = sb
        .post(
            "/workspaces/team/members/remove",
            json!({"user_ids": [alan]}),
        )
        .await;
    assert_eq!(r, json!({"removed_count": 1}));
    assert_error(
        &sb.delete(&format!("{path}?keep_members=true")).await,
        404,
        "not found",
    );
}

#[tokio::test]
async fn the_identity_provider_drives_access_through_the_mappings() {
    let sb = Sb::start().await;
    let eng = group(&sb, "Engineering").await;
    let (radia, margaret) = (person(&sb, "Radia").await, person(&sb, "Margaret").await);
    assert!(!members(&sb, "staging").await.contains_key(&radia));
    // Radia joins Engineering (mapped to Staging as member): she is in, as a member.
    idp(
        &sb,
        json!({"event": "join", "group_id": eng, "user_id": radia}),
    )
    .await;
    assert_eq!(members(&sb, "staging").await[&radia], "member");
    // Margaret leaves Engineering: her Staging access (only from it) goes.
    assert!(members(&sb, "staging").await.contains_key(&margaret));
    idp(
        &sb,
        json!({"event": "leave", "group_id": eng, "user_id": margaret}),
    )
    .await;
    assert!(!members(&sb, "staging").await.contains_key(&margaret));
    // The group is deleted at the provider: its mappings and their access go.
    let katherine = person(&sb, "Katherine").await;
    idp(&sb, json!({"event": "delete_group", "group_id": eng})).await;
    assert!(!members(&sb, "staging").await.contains_key(&katherine));
    let (_, m) = sb.get("/scim/group-mappings").await;
    assert_eq!(m["total_count"], 3);
    assert_error(
        &map(&sb, &eng, &sb.workspace_id("staging").await, "member").await,
        404,
        "scim_group_id",
    );
}

#[tokio::test]
async fn sync_jobs_go_from_queued_to_done_or_fail_as_told() {
    let sb = Sb::start().await;
    let (s, v) = sb.post("/scim/sync-jobs", json!({})).await;
    assert_eq!((s, v["data"]["status"].as_str()), (202, Some("queued")));
    assert!(v["data"]["started_at"].is_null() && v["data"]["error_message"].is_null());
    let path = format!("/scim/sync-jobs/{}", v["data"]["id"].as_str().unwrap());
    assert_eq!(sb.get(&path).await.1["data"]["status"], "running");
    let (_, done) = sb.get(&path).await;
    assert_eq!(done["data"]["status"], "succeeded");
    assert_eq!(done["data"]["synced_groups"], 5);
    assert_eq!(done["data"]["deleted_groups"], 0);
    assert!(done["data"]["finished_at"].is_string());
    assert_eq!(
        sb.get(&path).await.1,
        done,
        "a finished job stays as it ended"
    );
    // A group deleted at the provider is counted by the next sync.
    let finance = group(&sb, "Finance").await;
    idp(&sb, json!({"event": "delete_group", "group_id": finance})).await;
    let (_, v) = sb.post("/scim/sync-jobs", json!({})).await;
    let path = format!("/scim/sync-jobs/{}", v["data"]["id"].as_str().unwrap());
    sb.get(&path).await;
    let (_, done) = sb.get(&path).await;
    assert_eq!(
        (
            done["data"]["synced_groups"].clone(),
            done["data"]["deleted_groups"].clone()
        ),
        (json!(4), json!(1))
    );
    // The control surface makes the next one fail.
    idp(
        &sb,
        json!({"event": "fail_next_sync", "message": "SCIM token expired"}),
    )
    .await;
    let (_, v) = sb.post("/scim/sync-jobs", json!({})).await;
    let path = format!("/scim/sync-jobs/{}", v["data"]["id"].as_str().unwrap());
    sb.get(&path).await;
    let (_, failed) = sb.get(&path).await;
    assert_eq!(failed["data"]["status"], "failed");
    assert_eq!(failed["data"]["error_message"], "SCIM token expired");
    assert_error(
        &sb.get("/scim/sync-jobs/00000000-0000-4000-8000-000000000000")
            .await,
        404,
        "sync job",
    );
}

#[tokio::test]
async fn bad_mappings_are_refused_naming_the_field() {
    let sb = Sb::start().await;
    let eng = group(&sb, "Engineering").await;
    let ws = sb.workspace_id("production").await;
    let unknown = "00000000-0000-4000-8000-000000000000";
    let body =
        |g: &str, w: &str, r: Value| json!({"scim_group_id": g, "workspace_id": w, "role": r});
    sb.assert_errors(
        400,
        &[
            (
                "POST /scim/group-mappings",
                Some(json!({})),
                "scim_group_id: required",
            ),
            (
                "POST /scim/group-mappings",
                Some(body(&eng, &ws, json!("owner"))),
                "role",
            ),
            (
                "POST /scim/group-mappings",
                Some(body(&eng, &ws, json!(null))),
                "role",
            ),
            (
                "POST /scim/group-mappings",
                Some(body("eng", &ws, json!("member"))),
                "scim_group_id",
            ),
            (
                "POST /scim/group-mappings",
                Some(body(&eng, "production", json!("member"))),
                "workspace_id",
            ),
        ],
    )
    .await;
    sb.assert_errors(
        404,
        &[
            (
                "POST /scim/group-mappings",
                Some(body(unknown, &ws, json!("member"))),
                "scim_group_id",
            ),
            (
                "POST /scim/group-mappings",
                Some(body(&eng, unknown, json!("member"))),
                "workspace_id",
            ),
            (
                &format!("GET /scim/group-mappings/{unknown}"),
                None,
                "not found",
            ),
            ("GET /scim/group-mappings/not-a-uuid", None, "not found"),
            (
                &format!("PATCH /scim/group-mappings/{unknown}"),
                Some(json!({"role": "admin"})),
                "not found",
            ),
        ],
    )
    .await;
    let (_, m) = sb.get("/scim/group-mappings").await;
    let path = format!(
        "/scim/group-mappings/{}",
        m["data"][0]["id"].as_str().unwrap()
    );
    sb.assert_errors(
        400,
        &[
            (&format!("PATCH {path}"), Some(json!({})), "role"),
            (
                &format!("PATCH {path}"),
                Some(json!({"role": "admin", "workspace_id": ws})),
                "workspace_id",
            ),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_default_workspace_and_a_deleted_one() {
    let sb = Sb::start().await;
    let eng = group(&sb, "Engineering").await;
    // Everyone is in the Default workspace already: a mapping to it changes no membership.
    let default = sb.workspace_id("default").await;
    assert_eq!(map(&sb, &eng, &default, "admin").await.0, 201);
    let (_, v) = sb.get("/workspaces/default/members?limit=100").await;
    assert_eq!(v["total_count"], 12);
    // A deleted workspace takes its mappings with it.
    let ws = sb.new_workspace("Gone", "gone").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(map(&sb, &eng, &ws, "member").await.0, 201);
    let (_, before) = sb.get("/scim/group-mappings").await;
    let (s, _) = sb.delete("/workspaces/gone").await;
    assert_eq!(s, 200);
    let (_, after) = sb.get("/scim/group-mappings").await;
    assert_eq!(
        after["total_count"].as_i64().unwrap(),
        before["total_count"].as_i64().unwrap() - 1
    );
    // Bodies that are no object, or fields of the wrong type, name what is wrong.
    sb.assert_errors(
        400,
        &[
            ("POST /scim/group-mappings", Some(json!([1, 2])), ""),
            (
                "POST /scim/group-mappings",
                Some(json!({"scim_group_id": 7, "workspace_id": ws, "role": "member"})),
                "scim_group_id",
            ),
            ("POST /generation/feedback", Some(json!("gen")), ""),
            (
                "POST /analytics/query",
                Some(json!({"metrics": "spend"})),
                "metrics",
            ),
        ],
    )
    .await;
}
