use serde_json::json;

use crate::common::{assert_error, Sb};

#[tokio::test]
async fn org_members_list_with_roles() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/organization/members").await;
    assert_eq!(s, 200);
    let data = v["data"].as_array().unwrap();
    assert_eq!(v["total_count"], 12);
    assert_eq!(data.len(), 12);
    for m in data {
        assert!(m["id"].as_str().unwrap().starts_with("user_"));
        assert!(m["email"].as_str().unwrap().contains('@'));
        assert!(["org:admin", "org:member"].contains(&m["role"].as_str().unwrap()));
    }
    let (_, page) = sb.get("/organization/members?offset=10&limit=5").await;
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    assert_error(
        &sb.get("/organization/members?limit=500").await,
        400,
        "limit",
    );
}

#[tokio::test]
async fn default_workspace_lists_every_org_member() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/workspaces/default/members?limit=100").await;
    assert_eq!(s, 200);
    assert_eq!(v["total_count"], 12);
    let users = sb.org_user_ids().await;
    let listed: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, users.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(["admin", "member"].contains(&v["data"][0]["role"].as_str().unwrap()));
    // Removing from Default does nothing: membership there is implicit.
    let (s, r) = sb
        .post(
            "/workspaces/default/members/remove",
            json!({"user_ids": [users[2]]}),
        )
        .await;
    assert_eq!((s, r), (200, json!({"removed_count": 0})));
}

#[tokio::test]
async fn add_and_remove_members() {
    let sb = Sb::start().await;
    sb.post("/workspaces", json!({"name": "Team", "slug": "team"}))
        .await;
    let users = sb.org_user_ids().await;
    let (s, v) = sb
        .post(
            "/workspaces/team/members/add",
            json!({"user_ids": [users[2], users[4]]}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["added_count"], 2);
    assert_eq!(v["data"].as_array().unwrap().len(), 2);
    assert_eq!(v["data"][0]["user_id"], users[2].as_str());
    assert_eq!(v["data"][0]["role"], "member");
    // Adding again is "created or updated": nothing new.
    let (_, v) = sb
        .post(
            "/workspaces/team/members/add",
            json!({"user_ids": [users[2]]}),
        )
        .await;
    assert_eq!(v["added_count"], 0);
    let (_, list) = sb.get("/workspaces/team/members").await;
    assert_eq!(list["total_count"], 2);
    let (_, r) = sb
        .post(
            "/workspaces/team/members/remove",
            json!({"user_ids": [users[2], "user_unknown"]}),
        )
        .await;
    assert_eq!(r, json!({"removed_count": 1}));
    let (_, list) = sb.get("/workspaces/team/members").await;
    assert_eq!(list["total_count"], 1);
}

#[tokio::test]
async fn members_with_active_keys_or_scim_stay() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Team", "team").await;
    let ws_id = ws["id"].as_str().unwrap().to_owned();
    let (_, org) = sb.get("/organization/members?limit=100").await;
    // Demo: Katherine Johnson (index 3) is SCIM-managed, Alan Turing (2) is not.
    let scim = org["data"][3]["id"].as_str().unwrap().to_owned();
    let plain = org["data"][2]["id"].as_str().unwrap().to_owned();
    let keyholder = org["data"][4]["id"].as_str().unwrap().to_owned();
    sb.post(
        "/workspaces/team/members/add",
        json!({"user_ids": [scim, plain, keyholder]}),
    )
    .await;
    sb.post(
        "/keys",
        json!({"name": "k", "workspace_id": ws_id, "creator_user_id": keyholder}),
    )
    .await;
    let (s, r) = sb
        .post(
            "/workspaces/team/members/remove",
            json!({"user_ids": [scim, plain, keyholder]}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(r["removed_count"], 1, "only the plain member goes");
    let (_, list) = sb.get("/workspaces/team/members").await;
    let left: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(left, vec![scim.as_str(), keyholder.as_str()]);
}

#[tokio::test]
async fn member_batch_rules() {
    let sb = Sb::start().await;
    assert_error(
        &sb.post(
            "/workspaces/production/members/add",
            json!({"user_ids": []}),
        )
        .await,
        400,
        "1 to 100",
    );
    let many: Vec<String> = (0..101).map(|i| format!("user_{i}")).collect();
    sb.assert_errors(
        400,
        &[
            (
                "POST /workspaces/production/members/add",
                Some(json!({"user_ids": many})),
                "1 to 100",
            ),
            (
                "POST /workspaces/production/members/remove",
                Some(json!({"user_ids": []})),
                "1 to 100",
            ),
            (
                "POST /workspaces/production/members/add",
                Some(json!({})),
                "user_ids: required",
            ),
            (
                "POST /workspaces/production/members/add",
                Some(json!({"user_ids": "x"})),
                "user_ids: must be an array",
            ),
            (
                "POST /workspaces/production/members/add",
                Some(json!({"user_ids": [1]})),
                "user_ids[0]",
            ),
        ],
    )
    .await;
    sb.assert_errors(
        404,
        &[
            (
                "POST /workspaces/production/members/add",
                Some(json!({"user_ids": ["user_nobody"]})),
                "not a member of this organization",
            ),
            ("GET /workspaces/nope/members", None, "not found"),
            (
                "POST /workspaces/nope/members/add",
                Some(json!({"user_ids": ["x"]})),
                "not found",
            ),
        ],
    )
    .await;
}
