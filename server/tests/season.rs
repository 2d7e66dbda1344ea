//! The season through the API, black-box, on SQLite and PostgreSQL: units,
//! registration by invitation (each refusal storing nothing), contests that
//! feed each other.

mod common;

use common::{Api, TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

/// A deadline this many seconds from now, RFC 3339.
fn deadline_in(seconds: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    kheo_domain::time::utc(now + seconds)
}

/// An admin, a district with three communes, the district's organiser and
/// a judge; the district contest of one judged round.
struct Season {
    server: common::Server,
    admin: Api,
    organiser: Api,
    judge: Api,
    district: i64,
    communes: Vec<i64>,
    contest: Value,
}

impl Season {
    fn cid(&self) -> i64 {
        self.contest["id"].as_i64().unwrap()
    }

    async fn units(&self) -> Vec<Value> {
        self.admin.get("/units").await.json::<Value>().await.unwrap()["units"].as_array().unwrap().clone()
    }
}

async fn post_ok(api: &Api, path: &str, body: Value) -> Value {
    let r = api.post(path, &body).await;
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(status.is_success(), "POST {path}: {status} {v}");
    v
}

async fn season(db: &TestDb) -> Season {
    db.add_user("admin", PASSWORD, "admin");
    db.add_user("gk1", PASSWORD, "judge");
    let server = db.serve().await;
    let admin = server.client();
    admin.sign_in("admin", PASSWORD).await;
    let province =
        post_ok(&admin, "/units", json!({"name": "Tỉnh Thái Nguyên", "kind": "province"})).await["id"].clone();
    let district =
        post_ok(&admin, "/units", json!({"name": "Thành phố Bắc Kạn", "kind": "district", "parent_id": province}))
            .await["id"]
            .as_i64()
            .unwrap();
    let mut communes = Vec::new();
    for name in ["Xã Nông Thượng", "Phường Đức Xuân", "Phường Sông Cầu"] {
        communes.push(
            post_ok(&admin, "/units", json!({"name": name, "kind": "commune", "parent_id": district})).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    post_ok(
        &admin,
        "/users",
        json!({"username": "bdv.bk", "password": PASSWORD, "display_name": "Ban Dân vận Thành ủy", "role": "organiser", "unit_id": district}),
    )
    .await;
    let organiser = server.client();
    organiser.sign_in("bdv.bk", PASSWORD).await;
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let contest = post_ok(
        &organiser,
        "/contests",
        json!({
            "name": "Hội thi “Dân vận khéo” thành phố Bắc Kạn năm 2026", "level": "district", "unit": "ignored",
            "unit_id": district, "date": "2026-11-20",
            "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "30"}]}],
            "judges": ["gk1"]
        }),
    )
    .await;
    Season { server, admin, organiser, judge, district, communes, contest }
}

on_both!(units_are_a_tree_an_admin_keeps, |db: TestDb| async move {
    let s = season(&db).await;
    let before = s.units().await;
    assert_eq!(before.len(), 5);
    assert_eq!(before[0]["name"], "Tỉnh Thái Nguyên", "parents come first");
    let anyone = s.server.client();
    assert_eq!(anyone.get("/units").await.status(), StatusCode::OK);
    let commune = json!({"name": "Xã Dương Quang", "kind": "commune", "parent_id": s.district});
    assert_error(anyone.post("/units", &commune).await, 401, "not_signed_in").await;
    assert_error(s.organiser.post("/units", &commune).await, 403, "forbidden").await;
    assert_error(s.judge.post("/units", &commune).await, 403, "forbidden").await;
    let twin = json!({"name": "xã nông thượng", "kind": "commune", "parent_id": s.district});
    assert_error(s.admin.post("/units", &twin).await, 409, "unit_exists").await;
    let orphan = json!({"name": "Xã Mới", "kind": "commune", "parent_id": 999_999});
    let body = assert_error(s.admin.post("/units", &orphan).await, 422, "invalid_field").await;
    assert_eq!(body["error"]["field"], "parent_id", "{body}");
    let bad_kind = json!({"name": "Xã Mới", "kind": "hamlet"});
    assert_error(s.admin.post("/units", &bad_kind).await, 422, "invalid_field").await;
    let no_name = json!({"name": "  ", "kind": "commune"});
    assert_error(s.admin.post("/units", &no_name).await, 422, "invalid_field").await;
    assert_eq!(s.units().await, before, "refusals store nothing");
    let made = s.admin.post("/units", &commune).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!((made["kind"].as_str(), made["parent_id"].as_i64()), (Some("commune"), Some(s.district)));
    // The contest belongs to the organiser's unit, by name and in the tree.
    assert_eq!(s.contest["unit"], "Thành phố Bắc Kạn");
    assert_eq!(s.contest["unit_id"], s.district);
});

on_both!(organisers_act_for_their_own_unit_only, |db: TestDb| async move {
    let s = season(&db).await;
    post_ok(
        &s.admin,
        "/users",
        json!({"username": "btc.nt", "password": PASSWORD, "role": "organiser", "unit_id": s.communes[0]}),
    )
    .await;
    let commune_organiser = s.server.client();
    commune_organiser.sign_in("btc.nt", PASSWORD).await;
    let cid = s.cid();
    let invite = json!({"deadline": deadline_in(3600), "unit_ids": [s.communes[0]]});
    assert_error(commune_organiser.post(&format!("/contests/{cid}/invitations"), &invite).await, 403, "forbidden")
        .await;
    assert_error(commune_organiser.get(&format!("/contests/{cid}/invitations")).await, 403, "forbidden").await;
    let other = json!({"name": "Hội thi khác", "level": "commune", "unit": "x", "unit_id": s.district,
                       "rounds": [{"name": "A", "criteria": [{"name": "B", "max_points": "10"}]}]});
    assert_error(commune_organiser.post("/contests", &other).await, 403, "forbidden").await;
    let unknown = json!({"username": "btc.x", "password": PASSWORD, "role": "organiser", "unit_id": 987_654});
    assert_error(s.admin.post("/users", &unknown).await, 422, "invalid_field").await;
});

fn entry() -> Value {
    json!({"team": {"name": "Đội phường Đức Xuân",
                    "members": [{"name": "Ma Thị Hoa", "role": "captain", "birth_year": 1988, "gender": "female",
                                 "ethnicity": "Tày", "position": "Bí thư chi bộ"},
                                {"name": "Hoàng Văn Sáng", "role": "main", "birth_year": 1990, "gender": "male"},
                                {"name": "Nông Thị Hoa", "role": "reserve"}]},
           "model": {"name": "Dân vận khéo trong xây dựng nông thôn mới", "field": "economy",
                     "kind": "collective", "summary": "Vận động nhân dân hiến đất làm đường."}})
}

on_both!(a_unit_registers_by_its_link_and_the_organiser_decides, |db: TestDb| async move {
    let s = season(&db).await;
    let cid = s.cid();
    let path = format!("/contests/{cid}/invitations");
    let anyone = s.server.client();

    // Refusals of the invitation store nothing.
    let good = json!({"deadline": deadline_in(3600), "unit_ids": [s.communes[1], s.communes[2]]});
    assert_error(anyone.post(&path, &good).await, 401, "not_signed_in").await;
    assert_error(s.judge.post(&path, &good).await, 403, "forbidden").await;
    let past = json!({"deadline": deadline_in(-60), "unit_ids": [s.communes[1]]});
    assert_error(s.organiser.post(&path, &past).await, 422, "invalid_field").await;
    let garbled = json!({"deadline": "thứ hai tuần sau", "unit_ids": [s.communes[1]]});
    assert_error(s.organiser.post(&path, &garbled).await, 422, "invalid_field").await;
    let unknown = json!({"deadline": deadline_in(3600), "unit_ids": [s.communes[1], 999_999]});
    let body = assert_error(s.organiser.post(&path, &unknown).await, 422, "invalid_field").await;
    assert_eq!(body["error"]["field"], "unit_ids[1]", "{body}");
    let list: Value = s.organiser.get(&path).await.json().await.unwrap();
    assert_eq!(list["invitations"].as_array().unwrap().len(), 0);

    let made = s.organiser.post(&path, &good).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    let inv = made["invitations"][0].clone();
    assert_eq!(inv["status"], "invited");
    let token = inv["token"].as_str().unwrap().to_string();
    // At least 128 bits: 32 random bytes, base64url.
    assert!(token.len() >= 43, "{token}");
    assert!(inv["url"].as_str().unwrap().ends_with(&format!("/dang-ky/{token}")));
    // Inviting again keeps the link.
    let again: Value = s.organiser.post(&path, &good).await.json().await.unwrap();
    assert_eq!(again["invitations"][0]["token"], inv["token"]);
    let other_token = made["invitations"][1]["token"].as_str().unwrap().to_string();

    // The unit's link, with no account.
    let unit = s.server.client();
    let entry_path = format!("/entries/{token}");
    assert_error(unit.get("/entries/no-such-token").await, 404, "not_found").await;
    let seen: Value = unit.get(&entry_path).await.json().await.unwrap();
    assert_eq!((seen["status"].as_str(), seen["entry"].is_null()), (Some("invited"), true));
    assert_eq!(seen["unit"], "Phường Đức Xuân");
    assert_eq!(seen["contest"]["id"], cid);

    // A bad field is named, in Vietnamese and English, and nothing is kept.
    let mut bad = entry();
    bad["team"]["members"][2]["birth_year"] = json!(1850);
    let body = assert_error(unit.put(&entry_path, &bad).await, 422, "invalid_field").await;
    assert_eq!(body["error"]["field"], "team.members[2].birth_year", "{body}");
    let english = unit
        .http
        .put(format!("{}{entry_path}", unit.base))
        .header("accept-language", "en")
        .json(&bad)
        .send()
        .await
        .unwrap();
    let english = assert_error(english, 422, "invalid_field").await;
    assert!(english["error"]["message"].as_str().unwrap().starts_with("Member 3 › Year of birth:"));
    let mut nameless = entry();
    nameless["team"]["members"][1]["name"] = json!("");
    let body = assert_error(unit.put(&entry_path, &nameless).await, 422, "invalid_field").await;
    assert_eq!(body["error"]["field"], "team.members[1].name", "{body}");
    assert!(unit.get(&entry_path).await.json::<Value>().await.unwrap()["entry"].is_null());

    // A draft may be incomplete, but not a submission.
    let draft = json!({"team": {"name": "Đội phường Đức Xuân", "members": [{"name": "Ma Thị Hoa"}]}});
    let saved: Value = unit.put(&entry_path, &draft).await.json().await.unwrap();
    assert_eq!(saved["status"], "draft");
    let body =
        assert_error(unit.post(&format!("{entry_path}/submit"), &json!({})).await, 422, "entry_incomplete").await;
    assert!(body["error"]["message"].as_str().unwrap().contains("mô hình"), "{body}");
    assert_eq!(unit.get(&entry_path).await.json::<Value>().await.unwrap()["status"], "draft");
    // The organiser cannot decide on what was not sent.
    let decision = format!("{path}/{}/decision", inv["id"]);
    assert_error(s.organiser.post(&decision, &json!({"decision": "approve"})).await, 409, "entry_not_submitted").await;

    let saved: Value = unit.put(&entry_path, &entry()).await.json().await.unwrap();
    assert_eq!(saved["entry"]["team"]["members"][0]["role"], "captain");
    let sent: Value = unit.post(&format!("{entry_path}/submit"), &json!({})).await.json().await.unwrap();
    assert_eq!(sent["status"], "submitted");

    // Returned with a reason the unit reads; refusals change nothing.
    assert_error(s.organiser.post(&decision, &json!({"decision": "return"})).await, 422, "invalid_field").await;
    assert_error(s.organiser.post(&decision, &json!({"decision": "maybe"})).await, 422, "invalid_field").await;
    assert_error(s.judge.post(&decision, &json!({"decision": "approve"})).await, 403, "forbidden").await;
    assert_eq!(unit.get(&entry_path).await.json::<Value>().await.unwrap()["status"], "submitted");
    let back =
        s.organiser.post(&decision, &json!({"decision": "return", "reason": "Thiếu năm sinh đội viên dự bị"})).await;
    assert_eq!(back.status(), StatusCode::OK);
    let seen: Value = unit.get(&entry_path).await.json().await.unwrap();
    assert_eq!(
        (seen["status"].as_str(), seen["reason"].as_str()),
        (Some("returned"), Some("Thiếu năm sinh đội viên dự bị"))
    );

    // Fixed, sent again, approved: the entry is one of the contest's teams.
    let mut fixed = entry();
    fixed["team"]["members"][2]["birth_year"] = json!(1995);
    assert_eq!(unit.put(&entry_path, &fixed).await.json::<Value>().await.unwrap()["status"], "draft");
    unit.post(&format!("{entry_path}/submit"), &json!({})).await;
    let approved: Value = s.organiser.post(&decision, &json!({"decision": "approve"})).await.json().await.unwrap();
    assert_eq!(approved["status"], "approved");
    let contest: Value = anyone.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    let team =
        contest["teams"].as_array().unwrap().iter().find(|t| t["name"] == "Đội phường Đức Xuân").unwrap().clone();
    assert_eq!(team["id"], approved["team_id"]);
    assert_eq!(team["unit"], "Phường Đức Xuân");
    assert_eq!(team["members"], json!(["Ma Thị Hoa", "Hoàng Văn Sáng", "Nông Thị Hoa"]));
    assert_eq!(
        team["model"],
        json!({"name": "Dân vận khéo trong xây dựng nông thôn mới", "field": "economy", "kind": "collective"})
    );
    assert!(contest.to_string().find("1988").is_none(), "members' details stay private");

    // Approved: the link stops taking changes and keeps what was stored.
    assert_error(unit.put(&entry_path, &entry()).await, 409, "registration_closed").await;
    assert_error(unit.post(&format!("{entry_path}/submit"), &json!({})).await, 409, "registration_closed").await;
    // The other unit's link sees only its own entry.
    let theirs: Value = unit.get(&format!("/entries/{other_token}")).await.json().await.unwrap();
    assert_eq!((theirs["unit"].as_str(), theirs["entry"].is_null()), (Some("Phường Sông Cầu"), true));

    // The member list: a title, a heading row, one row per member.
    let xlsx = s.organiser.get(&format!("/contests/{cid}/registrations.xlsx")).await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert_error(anyone.get(&format!("/contests/{cid}/registrations.xlsx")).await, 401, "not_signed_in").await;

    // Once a round opens, no more decisions.
    let mut second = made["invitations"][1].clone();
    let second_entry = format!("/entries/{}", second["token"].as_str().unwrap());
    let mut theirs = entry();
    theirs["team"]["name"] = json!("Đội phường Sông Cầu");
    unit.put(&second_entry, &theirs).await;
    unit.post(&format!("{second_entry}/submit"), &json!({})).await;
    let round = contest["rounds"][0]["id"].clone();
    let opened = s.organiser.put(&format!("/contests/{cid}/rounds/{round}/state"), &json!({"state": "open"})).await;
    assert_eq!(opened.status(), StatusCode::OK);
    second = json!(format!("{path}/{}/decision", second["id"]));
    assert_error(
        s.organiser.post(second.as_str().unwrap(), &json!({"decision": "approve"})).await,
        409,
        "contest_started",
    )
    .await;
});

on_both!(links_close_at_the_deadline_keeping_what_was_stored, |db: TestDb| async move {
    let s = season(&db).await;
    let cid = s.cid();
    let path = format!("/contests/{cid}/invitations");
    let made: Value = s
        .organiser
        .post(&path, &json!({"deadline": deadline_in(2), "unit_ids": [s.communes[0]]}))
        .await
        .json()
        .await
        .unwrap();
    let link = format!("/entries/{}", made["invitations"][0]["token"].as_str().unwrap());
    let unit = s.server.client();
    let draft = json!({"team": {"name": "Đội xã Nông Thượng", "members": [{"name": "Lâm Văn Đức"}]}});
    assert_eq!(unit.put(&link, &draft).await.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2600)).await;
    assert_error(unit.put(&link, &entry()).await, 409, "registration_closed").await;
    assert_error(unit.post(&format!("{link}/submit"), &json!({})).await, 409, "registration_closed").await;
    let seen: Value = unit.get(&link).await.json().await.unwrap();
    assert_eq!(
        (seen["open"].as_bool(), seen["entry"]["team"]["name"].as_str()),
        (Some(false), Some("Đội xã Nông Thượng"))
    );
    // The organiser extends it; the link takes changes again.
    s.organiser.post(&path, &json!({"deadline": deadline_in(3600), "unit_ids": []})).await;
    assert_eq!(unit.put(&link, &entry()).await.status(), StatusCode::OK);
});

/// A commune contest of one round, three teams, scored and published:
/// Đội A 28, Đội B 25, Đội C 20.
async fn finished_commune_contest(s: &Season) -> Value {
    let contest = post_ok(
        &s.organiser,
        "/contests",
        json!({
            "name": "Hội thi xã Nông Thượng", "level": "commune", "unit": "Xã Nông Thượng",
            "parent_id": s.cid(),
            "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "30"}]}],
            "teams": [
                {"name": "Đội A", "unit": "Thôn A", "members": [{"name": "Ma Văn A", "role": "captain"}, "Lý Thị B"],
                 "model_name": "Mô hình A", "model_field": "economy"},
                {"name": "Đội B", "unit": "Thôn B", "members": ["Hà Văn C"]},
                {"name": "Đội C", "unit": "Thôn C", "members": ["Đinh Thị D"]}
            ],
            "judges": ["gk1"]
        }),
    )
    .await;
    let cid = contest["id"].as_i64().unwrap();
    let round = &contest["rounds"][0];
    let state = format!("/contests/{cid}/rounds/{}/state", round["id"]);
    s.organiser.put(&state, &json!({"state": "open"})).await;
    for (i, points) in ["28", "25", "20"].iter().enumerate() {
        let sheet = format!("/contests/{cid}/rounds/{}/teams/{}/sheet", round["id"], contest["teams"][i]["id"]);
        let r = s.judge.put(&sheet, &json!({"scores": {round["criteria"][0]["id"].to_string(): points}})).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    s.organiser.put(&state, &json!({"state": "locked"})).await;
    contest
}

on_both!(winners_are_sent_on_with_their_origin, |db: TestDb| async move {
    let s = season(&db).await;
    let commune = finished_commune_contest(&s).await;
    let from = commune["id"].as_i64().unwrap();
    let winner = commune["teams"][0]["id"].as_i64().unwrap();
    let path = format!("/contests/{}/advance", s.cid());
    let send = json!({"from_contest_id": from, "team_ids": [winner]});
    assert_error(s.organiser.post(&path, &send).await, 409, "results_not_final").await;
    let state = format!("/contests/{from}/rounds/{}/state", commune["rounds"][0]["id"]);
    assert_eq!(s.organiser.put(&state, &json!({"state": "published"})).await.status(), StatusCode::OK);

    let count = || async {
        s.organiser.get(&format!("/contests/{}", s.cid())).await.json::<Value>().await.unwrap()["teams"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_error(s.judge.post(&path, &send).await, 403, "forbidden").await;
    assert_error(s.server.client().post(&path, &send).await, 401, "not_signed_in").await;
    let stranger = json!({"from_contest_id": from, "team_ids": [winner, 999_999]});
    assert_error(s.organiser.post(&path, &stranger).await, 422, "invalid_field").await;
    let nowhere = json!({"from_contest_id": 999_999, "team_ids": [winner]});
    assert_error(s.organiser.post(&path, &nowhere).await, 422, "invalid_field").await;
    assert_eq!(count().await, 0, "refusals add no team");

    let sent = s.organiser.post(&path, &send).await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: Value = sent.json().await.unwrap();
    let team = &sent["teams"][0];
    assert_eq!(team["name"], "Đội A");
    assert_eq!(team["origin"]["contest_id"], from);
    assert_eq!(team["origin"]["team_id"], winner);
    assert_eq!(team["origin"]["award"], "Giải Nhất");
    assert_eq!(team["members"], json!(["Ma Văn A", "Lý Thị B"]));
    assert_eq!(team["model"]["name"], "Mô hình A");
    assert_error(s.organiser.post(&path, &send).await, 409, "already_advanced").await;
    assert_eq!(count().await, 1);

    // A team assembled from members of several.
    let assembled = json!({"from_contest_id": from, "team_ids": [],
        "assembled": {"name": "Đội tuyển xã Nông Thượng", "unit": "Xã Nông Thượng",
                      "members": [{"team_id": commune["teams"][1]["id"], "name": "Hà Văn C"},
                                  {"team_id": commune["teams"][2]["id"], "name": "Đinh Thị D"}]}});
    let made: Value = s.organiser.post(&path, &assembled).await.json().await.unwrap();
    assert_eq!(made["teams"][0]["members"], json!(["Hà Văn C", "Đinh Thị D"]));
    assert!(made["teams"][0]["origin"]["team_id"].is_null());

    // The parent contest, once begun, takes no more teams.
    let round = s.contest["rounds"][0]["id"].clone();
    s.organiser.put(&format!("/contests/{}/rounds/{round}/state", s.cid()), &json!({"state": "open"})).await;
    let late = json!({"from_contest_id": from, "team_ids": [commune["teams"][1]["id"]]});
    assert_error(s.organiser.post(&path, &late).await, 409, "contest_started").await;
});

on_both!(corrections_after_the_start_keep_scores_and_ids, |db: TestDb| async move {
    use kheo_domain::api::{MemberView, TeamCorrection};
    use kheo_domain::contest::MemberRole;
    let s = season(&db).await;
    let commune = finished_commune_contest(&s).await;
    let cid = commune["id"].as_i64().unwrap();
    let team_b = commune["teams"][1]["id"].as_i64().unwrap();
    // Corrections are the organiser's page's: driven through the service,
    // as an organiser signed in.
    let svc = kheo_service::Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    let (token, _) = kheo_service::accounts::auth::sign_in(
        &svc,
        "bdv.bk",
        PASSWORD,
        kheo_service::accounts::auth::Origin::default(),
    )
    .await
    .unwrap();
    let actor = kheo_service::accounts::auth::authenticate(&svc, &token).await.unwrap().unwrap();
    async fn board(api: &Api, cid: i64) -> Value {
        api.get(&format!("/contests/{cid}/leaderboard")).await.json::<Value>().await.unwrap()
    }
    let before = board(&s.judge, cid).await;

    let fix = TeamCorrection {
        name: "Đội thôn B (sửa tên)".into(),
        unit: "Chi bộ thôn B".into(),
        members: vec![
            MemberView { name: "Hà Văn Cường".into(), role: MemberRole::Captain },
            MemberView { name: "Nông Thị Dự".into(), role: MemberRole::Reserve },
        ],
    };
    kheo_service::contests::corrections::correct_team(&svc, &actor, cid as i32, team_b as i32, &fix).await.unwrap();
    let contest: Value = s.judge.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    let team = contest["teams"].as_array().unwrap().iter().find(|t| t["id"] == team_b).unwrap().clone();
    assert_eq!((team["name"].as_str(), team["unit"].as_str()), (Some("Đội thôn B (sửa tên)"), Some("Chi bộ thôn B")));
    assert_eq!(team["members"], json!(["Hà Văn Cường", "Nông Thị Dự"]));
    let after = board(&s.judge, cid).await;
    let total = |b: &Value| {
        b["standings"].as_array().unwrap().iter().find(|r| r["team"]["id"] == team_b).unwrap()["total"].clone()
    };
    assert_eq!(total(&before), total(&after), "scores stay");

    // Withdrawn: out of the standings, kept in the records, no more marks.
    kheo_service::contests::corrections::set_withdrawn(&svc, &actor, cid as i32, team_b as i32, Some("Đội xin rút"))
        .await
        .unwrap();
    let out = board(&s.judge, cid).await;
    assert_eq!(out["standings"].as_array().unwrap().len(), 2);
    let contest: Value = s.judge.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert!(contest["teams"].as_array().unwrap().iter().any(|t| t["id"] == team_b && t["withdrawn"] == true));
    let round = &commune["rounds"][0];
    let reopen = format!("/contests/{cid}/rounds/{}/state", round["id"]);
    assert_eq!(s.organiser.put(&reopen, &json!({"state": "open"})).await.status(), StatusCode::OK);
    let sheet = format!("/contests/{cid}/rounds/{}/teams/{team_b}/sheet", round["id"]);
    let mark = json!({"scores": {round["criteria"][0]["id"].to_string(): "29"}});
    assert_error(s.judge.put(&sheet, &mark).await, 409, "team_withdrawn").await;
    // Brought back with its score.
    kheo_service::contests::corrections::set_withdrawn(&svc, &actor, cid as i32, team_b as i32, None).await.unwrap();
    assert_eq!(total(&board(&s.judge, cid).await), total(&before));
    let log = kheo_service::audit::for_contest(&svc.db, cid as i32).await.unwrap();
    for action in ["team.correct", "team.withdraw", "team.reinstate"] {
        assert!(log.iter().any(|e| e.action == action), "{action} is logged");
    }
    // Another unit's organiser is refused.
    post_ok(
        &s.admin,
        "/users",
        json!({"username": "btc.other", "password": PASSWORD, "role": "organiser", "unit_id": s.communes[2]}),
    )
    .await;
    let (token, _) =
        kheo_service::accounts::auth::sign_in(&svc, "btc.other", PASSWORD, Default::default()).await.unwrap();
    let other = kheo_service::accounts::auth::authenticate(&svc, &token).await.unwrap().unwrap();
    let refused =
        kheo_service::contests::corrections::set_withdrawn(&svc, &other, cid as i32, team_b as i32, Some("x")).await;
    assert_eq!(refused.unwrap_err().into_problem(), kheo_domain::i18n::Problem::Forbidden);
});
