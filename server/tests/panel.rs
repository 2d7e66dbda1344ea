//! Conflicts of interest and trainee judges, black-box on SQLite and
//! PostgreSQL: a judge in conflict cannot score the team, whose score waits
//! only for the other judges; a trainee scores beside the panel and never
//! counts; the ledger still checks out.

mod common;

use common::{TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

on_both!(conflicts_and_trainees_shape_who_counts, |db: TestDb| async move {
    db.add_user("btc", PASSWORD, "organiser");
    for j in ["gk1", "gk2", "gk3"] {
        db.add_user(j, PASSWORD, "judge");
    }
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let r = organiser
        .post(
            "/contests",
            &json!({
                "name": "Hội thi Dân vận khéo xã Định Hóa", "level": "commune", "unit": "Xã Định Hóa",
                "rounds": [{"name": "Trình bày mô hình", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
                "teams": [{"name": "Đội thôn Bản Héo", "unit": "Thôn Bản Héo"}, {"name": "Đội thôn Khuôn Tát", "unit": "Thôn Khuôn Tát"}],
                "judges": ["gk1", "gk2"],
                "trainees": ["gk3"]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let cid = contest["id"].as_i64().unwrap();
    let names =
        |list: &str| contest[list].as_array().unwrap().iter().map(|j| j["username"].clone()).collect::<Vec<_>>();
    assert_eq!((names("judges"), names("trainees")), (vec![json!("gk1"), json!("gk2")], vec![json!("gk3")]));
    let id_of = |name: &str| {
        contest["judges"]
            .as_array()
            .unwrap()
            .iter()
            .chain(contest["trainees"].as_array().unwrap())
            .find(|j| j["username"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (rid, crit) =
        (contest["rounds"][0]["id"].as_i64().unwrap(), contest["rounds"][0]["criteria"][0]["id"].to_string());
    let (bh, kt) = (contest["teams"][0]["id"].as_i64().unwrap(), contest["teams"][1]["id"].as_i64().unwrap());
    let state = format!("/contests/{cid}/rounds/{rid}/state");
    assert!(organiser.put(&state, &json!({"state": "open"})).await.status().is_success());
    let judge = |name: &'static str| {
        let c = server.client();
        async move {
            c.sign_in(name, PASSWORD).await;
            c
        }
    };
    let (gk1, gk2, gk3) = (judge("gk1").await, judge("gk2").await, judge("gk3").await);
    let sheet = |team: i64| format!("/contests/{cid}/rounds/{rid}/teams/{team}/sheet");
    let marks = |p: &str| json!({"scores": {crit.clone(): p}});

    // gk2 comes from Bản Héo: he does not score it.
    let conflicts = format!("/contests/{cid}/conflicts");
    let r = organiser
        .put(
            &conflicts,
            &json!({"conflicts": [{"judge_id": id_of("gk2"), "team_id": bh, "reason": "Cùng thôn Bản Héo"}]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let seen: Value = organiser.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert_eq!(seen["conflicts"][0]["reason"], "Cùng thôn Bản Héo", "the organiser sees the conflicts");
    let public: Value = server.client().get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert!(public.get("conflicts").is_none(), "the public does not");
    assert_error(gk2.put(&sheet(bh), &marks("90")).await, 403, "conflict_of_interest").await;
    assert_error(
        organiser.put(&conflicts, &json!({"conflicts": [{"judge_id": 999_999, "team_id": bh}]})).await,
        404,
        "not_found",
    )
    .await;

    // Bản Héo's score shows once gk1 has scored it; the trainee's sheet is
    // taken and never counts. Khuôn Tát waits for gk2.
    assert!(gk3.put(&sheet(bh), &marks("10")).await.status().is_success(), "a trainee's tablet works");
    assert!(gk1.put(&sheet(bh), &marks("80")).await.status().is_success());
    assert!(gk1.put(&sheet(kt), &marks("70")).await.status().is_success());
    let board: Value = server.client().get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    let round_of = |board: &Value, team: i64| {
        board["standings"].as_array().unwrap().iter().find(|l| l["team"]["id"] == team).unwrap()["rounds"]
            [rid.to_string()]
        .clone()
    };
    assert_eq!(round_of(&board, bh), json!("80.00"), "{board}");
    assert_eq!(round_of(&board, kt), Value::Null);
    // The ledger alone gives the same: it carries the conflicts too.
    let out = db.kheo(&["verify", &cid.to_string()], "");
    assert!(out.status.success(), "the ledger holds mid-round: {}", String::from_utf8_lossy(&out.stdout));
    let sheets: Value = organiser.get(&format!("/contests/{cid}/rounds/{rid}/sheets")).await.json().await.unwrap();
    let trainee = sheets["sheets"].as_array().unwrap().iter().find(|s| s["judge_id"] == id_of("gk3")).unwrap();
    assert_eq!(trainee["trainee"], true);

    // Too late for a conflict once the judge has scored the team.
    assert!(gk2.put(&sheet(kt), &marks("72")).await.status().is_success());
    let late = json!({"conflicts": [{"judge_id": id_of("gk2"), "team_id": kt}]});
    assert_error(organiser.put(&conflicts, &late).await, 409, "sheet_exists").await;
    let seen: Value = organiser.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert_eq!(seen["conflicts"].as_array().unwrap().len(), 1, "nothing changed");

    let board: Value = server.client().get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    assert_eq!(round_of(&board, kt), json!("71.00"));
    for s in ["locked", "published"] {
        assert!(organiser.put(&state, &json!({"state": s})).await.status().is_success());
    }
    let out = db.kheo(&["verify", &cid.to_string()], "");
    assert!(out.status.success(), "the ledger holds: {}", String::from_utf8_lossy(&out.stdout));
});
