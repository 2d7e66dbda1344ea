//! Contests through the API, black-box: a whole contest scored by five
//! judges, the standings checked against totals worked out by hand, every
//! kind of bad definition and bad sheet refused with nothing stored.

mod common;

use common::{Api, TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A change that breaks a contest definition.
type Breakage = Box<dyn Fn(&mut Value)>;

const JUDGES: [&str; 5] = ["gk1", "gk2", "gk3", "gk4", "gk5"];
const PASSWORD: &str = "giamkhao-2026";

fn definition() -> Value {
    json!({
        "name": "Hội thi “Dân vận khéo” xã Nông Thượng năm 2026",
        "level": "commune",
        "unit": "Xã Nông Thượng",
        "date": "2026-10-15",
        "aggregation": "trimmed_mean",
        "tie_break_rounds": [1],
        "rounds": [
            {"name": "Chào hỏi", "time_limit_seconds": 300, "step": "0.25",
             "overtime": {"per_started_minute": "1"},
             "criteria": [{"name": "Nội dung", "max_points": "15"}, {"name": "Hình thức thể hiện", "max_points": "5"}]},
            {"name": "Tiểu phẩm", "criteria": [{"name": "Tiểu phẩm", "max_points": "30"}]}
        ],
        "teams": [
            {"name": "Đội thôn Bản Cậy", "unit": "Chi bộ thôn Bản Cậy", "members": ["Hoàng Văn Sáng", "Nông Thị Hoa"]},
            {"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị", "members": ["Ma Thị Thu"]},
            {"name": "Đội thôn Khuổi Xỏm", "unit": "Chi bộ thôn Khuổi Xỏm", "members": ["Lâm Văn Đức"]},
            {"name": "Đội thôn Tân Thành", "unit": "Chi bộ thôn Tân Thành", "members": ["Vi Văn Hùng"]},
            {"name": "Đội thôn Bản Đăm", "unit": "Chi bộ thôn Bản Đăm", "members": ["Dương Văn Thành"]}
        ],
        "judges": JUDGES
    })
}

struct Setup {
    organiser: Api,
    judges: Vec<Api>,
    contest: Value,
    _server: common::Server,
}

impl Setup {
    fn cid(&self) -> i64 {
        self.contest["id"].as_i64().unwrap()
    }
    fn round(&self, i: usize) -> &Value {
        &self.contest["rounds"][i]
    }
    fn team_id(&self, i: usize) -> i64 {
        self.contest["teams"][i]["id"].as_i64().unwrap()
    }
    fn sheet_path(&self, round: usize, team: usize) -> String {
        format!("/contests/{}/rounds/{}/teams/{}/sheet", self.cid(), self.round(round)["id"], self.team_id(team))
    }
    async fn set_state(&self, round: usize, state: &str) -> reqwest::Response {
        let path = format!("/contests/{}/rounds/{}/state", self.cid(), self.round(round)["id"]);
        self.organiser.put(&path, &json!({"state": state})).await
    }
    async fn leaderboard(&self) -> Value {
        let r = self.organiser.get(&format!("/contests/{}/leaderboard", self.cid())).await;
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.unwrap()
    }
    /// One judge's sheet; for round 0 the total is split 4 points of form
    /// and the rest content (5 and 15 at the top).
    async fn submit(&self, judge: usize, round: usize, team: usize, total: &str) -> reqwest::Response {
        let criteria = self.round(round)["criteria"].as_array().unwrap();
        let scores: Value = if criteria.len() == 1 {
            json!({ criteria[0]["id"].to_string(): total })
        } else {
            let hundredths = kheo_domain::Points::parse(total).unwrap().hundredths();
            let form = if hundredths >= 2000 { 500 } else { 400 };
            let fmt = |h: i64| format!("{}.{:02}", h / 100, h % 100);
            json!({ criteria[0]["id"].to_string(): fmt(hundredths - form), criteria[1]["id"].to_string(): fmt(form) })
        };
        self.judges[judge].put(&self.sheet_path(round, team), &json!({ "scores": scores })).await
    }
}

async fn setup(db: &TestDb) -> Setup {
    db.add_user("btc", "bantochuc-2026", "organiser");
    for j in JUDGES {
        db.add_user(j, PASSWORD, "judge");
    }
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    let r = organiser.post("/contests", &definition()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let mut judges = Vec::new();
    for j in JUDGES {
        let api = server.client();
        api.sign_in(j, PASSWORD).await;
        judges.push(api);
    }
    Setup { organiser, judges, contest, _server: server }
}

on_both!(a_whole_contest_matches_totals_worked_by_hand, |db: TestDb| async move {
    let s = setup(&db).await;
    let c = &s.contest;
    assert_eq!(c["year"], 2026);
    assert_eq!(c["rounds"][0]["state"], "draft");
    assert_eq!(c["rounds"][0]["criteria"][0]["max_points"], "15");
    assert_eq!(c["teams"][0]["order"], 1);
    assert_eq!(c["judges"].as_array().unwrap().len(), 5);
    assert_eq!(c["judges"][0]["username"], "gk1");

    // Marks before the round opens are refused.
    assert_error(s.submit(0, 0, 0, "19").await, 409, "round_not_open").await;
    assert_eq!(s.set_state(0, "open").await.status(), StatusCode::OK);
    assert_eq!(s.set_state(1, "open").await.status(), StatusCode::OK);

    // Sheet totals per team, judges gk1…gk5.
    let round0 = [
        ["19", "17", "16.5", "20", "13"],  // trimmed: 16.5 17 19 → 17.50
        ["18", "18", "18", "18", "18"],    // 18.00, then 70 s over: −2 → 16.00
        ["17", "17.25", "16", "19", "15"], // 16 17 17.25 → 16.75
        ["10", "11", "12", "13", "14"],    // 11 12 13 → 12.00
        ["19", "15", "17.25", "16", "17"], // same marks as team 3 → 16.75
    ];
    let round1 = [
        ["20", "21", "22", "23.5", "24"],    // 21 22 23.5 = 66.5 / 3 = 22.1666… → 22.17
        ["25", "25", "25", "25", "25"],      // 25.00
        ["23", "23", "23", "23", "23"],      // 23.00
        ["27", "28", "27.75", "27.5", "29"], // 27.5 27.75 28 → 27.75
        ["23", "23", "23", "23", "23"],      // 23.00
    ];
    for (round, table) in [round0, round1].iter().enumerate() {
        for (team, totals) in table.iter().enumerate() {
            for (judge, total) in totals.iter().enumerate() {
                if (round, team, judge) == (1, 0, 4) {
                    continue; // the last mark of team 1, below
                }
                let r = s.submit(judge, round, team, total).await;
                assert_eq!(r.status(), StatusCode::OK, "{round}/{team}/{judge}: {}", r.text().await.unwrap());
            }
        }
    }
    let r = s
        .organiser
        .put(
            &format!("/contests/{}/rounds/{}/teams/{}/overtime", s.cid(), s.round(0)["id"], s.team_id(1)),
            &json!({"seconds": 70}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    // Four of five sheets: team 1's sketch score stays hidden.
    let board = s.leaderboard().await;
    let team1 = board["standings"].as_array().unwrap().iter().find(|r| r["team"]["id"] == s.team_id(0)).unwrap();
    assert_eq!(team1["rounds"][s.round(1)["id"].to_string()], Value::Null);
    assert_eq!(team1["total"], "17.50");

    let r = s.submit(4, 1, 0, "24").await;
    assert_eq!(r.status(), StatusCode::OK);
    let sheet: Value = r.json().await.unwrap();
    assert_eq!(sheet["sheet"]["total"], "24");
    assert_eq!(sheet["sheet"]["judge_id"], s.contest["judges"][4]["id"]);
    assert_eq!(s.set_state(0, "locked").await.status(), StatusCode::OK);

    let board = s.leaderboard().await;
    let lines: Vec<(i64, i64, String)> = board["standings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["rank"].as_i64().unwrap(), r["team"]["id"].as_i64().unwrap(), r["total"].as_str().unwrap().to_string())
        })
        .collect();
    let t = |i| s.team_id(i);
    assert_eq!(
        lines,
        vec![
            (1, t(1), "41.00".to_string()), // 16.00 + 25.00
            (2, t(3), "39.75".to_string()), // 12.00 + 27.75, wins the tie on the sketch
            (3, t(2), "39.75".to_string()), // 16.75 + 23.00, shares rank 3…
            (3, t(4), "39.75".to_string()), // …with this team, listed by running order
            (5, t(0), "39.67".to_string()), // 17.50 + 22.17
        ]
    );
    let first = &board["standings"][0];
    assert_eq!(first["rounds"][s.round(0)["id"].to_string()], "16.00");
    assert_eq!(first["rounds"][s.round(1)["id"].to_string()], "25.00");
    assert_eq!(board["rounds"][0]["state"], "locked");
    assert_eq!(board["contest"]["level"], "commune");
    assert!(board["version"].as_i64().unwrap() > 1);
});

on_both!(each_bad_definition_is_refused_and_nothing_stored, |db: TestDb| async move {
    let s = setup(&db).await;
    let count = || async {
        s.organiser.get("/contests").await.json::<Value>().await.unwrap()["contests"].as_array().unwrap().len()
    };
    let before = count().await;
    let cases: Vec<(&str, Breakage)> = vec![
        ("level", Box::new(|d| d["level"] = json!("hamlet"))),
        ("rounds[0].criteria[1].max_points", Box::new(|d| d["rounds"][0]["criteria"][1]["max_points"] = json!("-5"))),
        (
            "rounds[0].criteria[0].max_points",
            Box::new(|d| d["rounds"][0]["criteria"][0]["max_points"] = json!("mười lăm")),
        ),
        (
            "rounds[1].criteria[0].max_points",
            Box::new(|d| d["rounds"][1]["criteria"][0]["max_points"] = json!("7.125")),
        ),
        ("teams[1].name", Box::new(|d| d["teams"][1]["name"] = d["teams"][0]["name"].clone())),
        ("judges[2]", Box::new(|d| d["judges"][2] = json!("khong.co.ai"))),
        ("judges[0]", Box::new(|d| d["judges"][0] = json!("btc"))),
        (
            "aggregation",
            Box::new(|d| {
                d["judges"].as_array_mut().unwrap().pop();
            }),
        ),
        ("tie_break_rounds[0]", Box::new(|d| d["tie_break_rounds"] = json!([5]))),
    ];
    for (field, break_it) in cases {
        let mut def = definition();
        break_it(&mut def);
        let body = assert_error(s.organiser.post("/contests", &def).await, 422, "invalid_field").await;
        assert_eq!(body["error"]["field"], field, "{body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(!message.contains(field) && !message.contains('_'), "the message says the field in words: {message}");
    }
    assert_eq!(count().await, before, "nothing was stored");

    // A judge may not create contests.
    assert_error(s.judges[0].post("/contests", &definition()).await, 403, "forbidden").await;
});

on_both!(round_states_move_only_forward_or_reopen, |db: TestDb| async move {
    let s = setup(&db).await;
    assert_error(s.set_state(0, "locked").await, 409, "invalid_transition").await;
    assert_error(s.set_state(0, "published").await, 409, "invalid_transition").await;
    assert_eq!(s.set_state(0, "open").await.status(), StatusCode::OK);
    assert_error(s.set_state(0, "published").await, 409, "invalid_transition").await;
    assert_eq!(s.set_state(0, "locked").await.status(), StatusCode::OK);
    let reopened = s.set_state(0, "open").await;
    assert_eq!(reopened.status(), StatusCode::OK);
    assert_eq!(reopened.json::<Value>().await.unwrap()["state"], "open");
    assert_error(s.set_state(0, "sideways").await, 422, "invalid_field").await;
    // A judge cannot move rounds; an unknown round is 404.
    let path = format!("/contests/{}/rounds/{}/state", s.cid(), s.round(0)["id"]);
    assert_error(s.judges[0].put(&path, &json!({"state": "locked"})).await, 403, "forbidden").await;
    let path = format!("/contests/{}/rounds/999999/state", s.cid());
    assert_error(s.organiser.put(&path, &json!({"state": "open"})).await, 404, "not_found").await;
});

on_both!(each_bad_sheet_is_refused_and_stores_nothing, |db: TestDb| async move {
    let s = setup(&db).await;
    assert_eq!(s.set_state(0, "open").await.status(), StatusCode::OK);
    assert_eq!(s.submit(0, 0, 0, "18").await.status(), StatusCode::OK);
    let sheets_path = format!("/contests/{}/rounds/{}/sheets", s.cid(), s.round(0)["id"]);
    let stored = || async { s.organiser.get(&sheets_path).await.json::<Value>().await.unwrap() };
    let before = stored().await;
    assert_eq!(before["sheets"].as_array().unwrap().len(), 1);

    let c0 = s.round(0)["criteria"][0]["id"].to_string();
    let c1 = s.round(0)["criteria"][1]["id"].to_string();
    let path = s.sheet_path(0, 0);
    let judge = &s.judges[0];
    for bad in [
        json!({c0.clone(): "16", c1.clone(): "4"}),               // above the maximum
        json!({c0.clone(): "-1", c1.clone(): "4"}),               // negative
        json!({c0.clone(): "8.125", c1.clone(): "4"}),            // three decimals
        json!({c0.clone(): "8.1", c1.clone(): "4"}),              // off the round's 0.25 step
        json!({c0.clone(): "tám", c1.clone(): "4"}),              // not a number
        json!({c0.clone(): 8.5, c1.clone(): "4"}),                // a JSON number, not a string
        json!({c0.clone(): "8"}),                                 // a criterion missing
        json!({c0.clone(): "8", c1.clone(): "4", "999999": "1"}), // an unknown criterion
        json!({c0.clone(): "-0", c1.clone(): "4"}),               // a sign
        json!({c0.clone(): "+8", c1.clone(): "4"}),               // a sign
        json!({c0.clone(): " 8", c1.clone(): "4"}),               // a space
        json!({c0.clone(): "8,5", c1.clone(): "4"}),              // a comma: the tablet sends a dot
    ] {
        assert_error(judge.put(&path, &json!({"scores": bad})).await, 422, "invalid_score").await;
    }
    let good = json!({"scores": {c0.clone(): "10", c1.clone(): "4"}});
    assert_error(s.organiser.put(&path, &good).await, 403, "not_on_panel").await;
    let anon = reqwest::Client::new();
    let r = anon.put(format!("{}{path}", judge.base)).json(&good).send().await.unwrap();
    assert_error(r, 401, "not_signed_in").await;
    let unknown_team = format!("/contests/{}/rounds/{}/teams/999999/sheet", s.cid(), s.round(0)["id"]);
    assert_error(judge.put(&unknown_team, &good).await, 404, "not_found").await;
    let unknown_round = format!("/contests/{}/rounds/999999/teams/{}/sheet", s.cid(), s.team_id(0));
    assert_error(judge.put(&unknown_round, &good).await, 404, "not_found").await;
    assert_error(judge.put("/contests/999999/rounds/1/teams/1/sheet", &good).await, 404, "not_found").await;
    // Authorised, then found, then parsed: a malformed body tells a person
    // refused, or a contest that does not exist, nothing more.
    let malformed = json!({"scores": 5});
    assert_error(judge.put("/contests/999999/rounds/1/teams/1/sheet", &malformed).await, 404, "not_found").await;
    assert_error(s.organiser.put(&path, &malformed).await, 403, "not_on_panel").await;
    let state = format!("/contests/{}/rounds/{}/state", s.cid(), s.round(0)["id"]);
    assert_error(judge.put(&state, &json!({"state": 7})).await, 403, "forbidden").await;
    assert_error(judge.put(&path, &malformed).await, 422, "malformed_body").await;
    assert_error(
        s.judges[1]
            .put(&s.sheet_path(1, 0), &json!({"scores": {s.round(1)["criteria"][0]["id"].to_string(): "20"}}))
            .await,
        409,
        "round_not_open",
    )
    .await;
    assert_eq!(stored().await, before, "the stored sheets are unchanged");

    // The same body again changes nothing; a different one amends.
    let same = judge.put(&path, &json!({"scores": {c0.clone(): "14", c1.clone(): "4"}})).await;
    assert_eq!(same.status(), StatusCode::OK);
    assert_eq!(stored().await, before);
    let amended = judge.put(&path, &json!({"scores": {c0.clone(): "13.5", c1.clone(): "4"}})).await;
    assert_eq!(amended.json::<Value>().await.unwrap()["sheet"]["total"], "17.5");
    // A tablet numbers its versions: a late copy of an older one is
    // acknowledged, and the newer sheet stands.
    let newer = judge.put(&path, &json!({"scores": {c0.clone(): "10", c1.clone(): "4"}, "client_version": 5})).await;
    assert_eq!(newer.json::<Value>().await.unwrap()["sheet"]["total"], "14");
    let late = judge.put(&path, &json!({"scores": {c0.clone(): "12", c1.clone(): "4"}, "client_version": 3})).await;
    assert_eq!(late.status(), StatusCode::OK);
    assert_eq!(late.json::<Value>().await.unwrap()["sheet"]["total"], "14");
    assert_eq!(stored().await["sheets"][0]["total"], "14");
    // A judge sees only his own sheets.
    assert_eq!(s.submit(1, 0, 0, "15").await.status(), StatusCode::OK);
    let own: Value = s.judges[1].get(&sheets_path).await.json().await.unwrap();
    assert_eq!(own["sheets"].as_array().unwrap().len(), 1);
    assert_eq!(own["sheets"][0]["judge_username"], "gk2");
    assert_eq!(stored().await["sheets"].as_array().unwrap().len(), 2);
});

on_both!(openapi_describes_every_contract_endpoint, |db: TestDb| async move {
    let server = db.serve().await;
    let doc: Value = server.client().get("/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (path, method) in [
        ("/session", "post"),
        ("/session", "delete"),
        ("/users", "post"),
        ("/contests", "post"),
        ("/contests", "get"),
        ("/contests/{cid}", "get"),
        ("/contests/{cid}/rounds/{rid}/state", "put"),
        ("/contests/{cid}/rounds/{rid}/teams/{tid}/sheet", "put"),
        ("/contests/{cid}/rounds/{rid}/sheets", "get"),
        ("/contests/{cid}/leaderboard", "get"),
        ("/contests/{cid}/leaderboard/stream", "get"),
        ("/units", "get"),
        ("/units", "post"),
        ("/contests/{cid}/invitations", "post"),
        ("/contests/{cid}/invitations", "get"),
        ("/entries/{token}", "get"),
        ("/entries/{token}", "put"),
        ("/entries/{token}/submit", "post"),
        ("/contests/{cid}/invitations/{iid}/decision", "post"),
        ("/contests/{cid}/results", "get"),
        ("/contests/{cid}/results.xlsx", "get"),
        ("/contests/{cid}/advance", "post"),
        ("/statistics", "get"),
        ("/models", "get"),
        ("/models", "post"),
        ("/models/{mid}", "get"),
        ("/models/{mid}/status", "post"),
        ("/statistics/models", "get"),
        ("/statistics/models.xlsx", "get"),
        ("/models/{mid}/photos", "post"),
        ("/models/{mid}/photos/{pid}", "get"),
        ("/models/{mid}/photos/{pid}", "delete"),
        ("/model-calls", "post"),
        ("/model-calls", "get"),
        ("/model-calls/links/{token}", "get"),
        ("/model-calls/links/{token}/models", "post"),
        ("/model-calls/links/{token}/models/{mid}/photos", "post"),
        ("/contests/{cid}/ledger", "get"),
        ("/backup.db", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} is described");
    }
    // Every write must be JSON (else 415): the document says each one
    // carries a body, even one that reads nothing from it.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["post", "put", "patch"] {
            if let Some(op) = item.get(method) {
                assert_eq!(op["requestBody"]["required"], true, "{method} {path} requires its JSON body");
            }
        }
    }
});

on_both!(an_over_time_deduction_takes_at_most_what_the_round_gave, |db: TestDb| async move {
    let s = setup(&db).await;
    assert_eq!(s.set_state(0, "open").await.status(), StatusCode::OK);
    for judge in 0..5 {
        assert_eq!(s.submit(judge, 0, 0, "12").await.status(), StatusCode::OK);
    }
    assert_eq!(s.set_state(0, "locked").await.status(), StatusCode::OK);
    let overtime = format!("/contests/{}/rounds/{}/teams/{}/overtime", s.cid(), s.round(0)["id"], s.team_id(0));
    // A day over, as the document allows: 1440 points asked, 12 taken.
    assert_eq!(s.organiser.put(&overtime, &json!({"seconds": 86400})).await.status(), StatusCode::NO_CONTENT);
    let board = s.leaderboard().await;
    let team = board["standings"].as_array().unwrap().iter().find(|r| r["team"]["id"] == s.team_id(0)).unwrap();
    assert_eq!(team["rounds"][s.round(0)["id"].to_string()], "0.00");
    assert_eq!(team["total"], "0.00");
    // A second more than the document's maximum is refused, nothing stored.
    let body = assert_error(s.organiser.put(&overtime, &json!({"seconds": 86401})).await, 422, "invalid_field").await;
    assert_eq!(body["error"]["field"], "seconds");
    assert_eq!(s.leaderboard().await["standings"], board["standings"]);
});

on_both!(a_contest_made_for_a_unit_takes_the_units_name, |db: TestDb| async move {
    db.add_user("quantri", "quantri-2026", "admin");
    let server = db.serve().await;
    let admin = server.client();
    admin.sign_in("quantri", "quantri-2026").await;
    let r = admin.post("/units", &json!({"name": "Xã Nà Phặc", "kind": "commune"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let unit: Value = r.json().await.unwrap();
    let mut def = definition();
    def.as_object_mut().unwrap().remove("unit");
    def["unit_id"] = unit["id"].clone();
    def["judges"] = json!([]);
    let r = admin.post("/contests", &def).await;
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
    let c: Value = r.json().await.unwrap();
    assert_eq!(c["unit"], "Xã Nà Phặc");
    // Without either, the unit is named as missing.
    def.as_object_mut().unwrap().remove("unit_id");
    let body = assert_error(admin.post("/contests", &def).await, 422, "invalid_field").await;
    assert_eq!(body["error"]["field"], "unit");
});

on_both!(field_errors_are_english_when_asked, |db: TestDb| async move {
    let s = setup(&db).await;
    let mut def = definition();
    def["level"] = json!("hamlet");
    let r = s
        .organiser
        .http
        .post(format!("{}/contests", s.organiser.base))
        .header("accept-language", "en")
        .json(&def)
        .send()
        .await
        .unwrap();
    let body = assert_error(r, 422, "invalid_field").await;
    assert_eq!(body["error"]["message"], "Level: must be commune, district or province.");
    let r = s.organiser.post("/contests", &def).await;
    let body = assert_error(r, 422, "invalid_field").await;
    assert_eq!(body["error"]["message"], "Cấp hội thi: cần là commune, district hoặc province.");
});
