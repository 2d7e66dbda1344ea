//! The score ledger, black-box, on SQLite and PostgreSQL: every sheet,
//! amendment, deduction and round state change is in the chain; the chain
//! is public once the results are final; `kheo verify` holds on an
//! untouched database and names the entry of a sheet edited behind Khéo's
//! back.

mod common;

use common::{Api, TestDb, assert_error};
use kheo_domain::ledger::{Entry, verify_chain};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

async fn put_ok(api: &Api, path: &str, body: Value) {
    let r = api.put(path, &body).await;
    assert!(r.status().is_success(), "{path}: {}", r.text().await.unwrap());
}

on_both!(the_ledger_holds_and_names_a_sheet_changed_behind_its_back, |db: TestDb| async move {
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("gk1", PASSWORD, "judge");
    db.add_user("gk2", PASSWORD, "judge");
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let r = organiser
        .post(
            "/contests",
            &json!({
                "name": "Hội thi xã Yên Lạc", "level": "commune", "unit": "Xã Yên Lạc", "date": "2026-10-01",
                "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"},
                                                            {"name": "Trình bày", "max_points": "10"}],
                            "time_limit_seconds": 300, "overtime": {"per_started_minute": "1"}}],
                "teams": [{"name": "Đội thôn A", "unit": "Thôn A"}, {"name": "Đội thôn B", "unit": "Thôn B"}],
                "judges": ["gk1", "gk2"]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let cid = contest["id"].as_i64().unwrap();
    let round = &contest["rounds"][0];
    let rid = round["id"].as_i64().unwrap();
    let (c1, c2) = (round["criteria"][0]["id"].to_string(), round["criteria"][1]["id"].to_string());
    let state = format!("/contests/{cid}/rounds/{rid}/state");
    put_ok(&organiser, &state, json!({"state": "open"})).await;
    let judges = [server.client(), server.client()];
    judges[0].sign_in("gk1", PASSWORD).await;
    judges[1].sign_in("gk2", PASSWORD).await;
    for (k, team) in contest["teams"].as_array().unwrap().iter().enumerate() {
        let sheet = format!("/contests/{cid}/rounds/{rid}/teams/{}/sheet", team["id"]);
        for (j, judge) in judges.iter().enumerate() {
            let a = format!("{}", 15 + k + j);
            put_ok(judge, &sheet, json!({"scores": {c1.clone(): a, c2.clone(): "8.5"}})).await;
        }
    }
    // An amendment and an over-time deduction.
    let team_a = contest["teams"][0]["id"].as_i64().unwrap();
    let sheet_a = format!("/contests/{cid}/rounds/{rid}/teams/{team_a}/sheet");
    put_ok(&judges[1], &sheet_a, json!({"scores": {c1.clone(): "19.75", c2.clone(): "9"}})).await;
    put_ok(&organiser, &format!("/contests/{cid}/rounds/{rid}/teams/{team_a}/overtime"), json!({"seconds": 75})).await;
    put_ok(&organiser, &state, json!({"state": "locked"})).await;

    // Not public before the results are final; the organiser reads it.
    let public = server.client();
    assert_error(public.get(&format!("/contests/{cid}/ledger")).await, 409, "results_not_final").await;
    put_ok(&organiser, &state, json!({"state": "published"})).await;
    let ledger: Value = public.get(&format!("/contests/{cid}/ledger")).await.json().await.unwrap();
    let entries: Vec<Entry> = serde_json::from_value(ledger["entries"].clone()).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "contest.begin",
            "round.state",
            "sheet.submit",
            "sheet.submit",
            "sheet.submit",
            "sheet.submit",
            "sheet.amend",
            "team.overtime",
            "round.state",
            "round.state"
        ]
    );
    // Anyone can check the chain with the published rules.
    let head = verify_chain(&entries).unwrap();
    assert_eq!(ledger["head"], json!(head));

    let out = db.kheo(&["verify", &cid.to_string()], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&head), "verify prints the head hash: {stdout}");

    // A sheet's points edited behind Khéo's back: verify names its entry.
    let conn = sea_orm::Database::connect(&db.url).await.unwrap();
    let judge_b: i64 = entries[6].data["judge_id"].as_i64().unwrap();
    conn.execute_unprepared(&format!(
        "UPDATE sheet_scores SET points = points + 100 WHERE criterion_id = {c1} AND sheet_id = \
         (SELECT id FROM sheets WHERE team_id = {team_a} AND judge_id = {judge_b})"
    ))
    .await
    .unwrap();
    let out = db.kheo(&["verify", &cid.to_string()], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("entry 7:"), "the amendment's entry is named: {stderr}");
    assert!(stderr.contains(&format!("team {team_a}")), "{stderr}");

    // The same edit made to the total as well now moves the standings.
    conn.execute_unprepared(&format!(
        "UPDATE sheet_scores SET points = points - 100 WHERE criterion_id = {c1} AND sheet_id = \
         (SELECT id FROM sheets WHERE team_id = {team_a} AND judge_id = {judge_b})"
    ))
    .await
    .unwrap();
    assert_eq!(db.kheo(&["verify", &cid.to_string()], "").status.code(), Some(0), "put back, it holds again");
    conn.execute_unprepared("UPDATE ledger_entries SET data = replace(data, '\"19.75\"', '\"20\"') WHERE seq = 7")
        .await
        .unwrap();
    let out = db.kheo(&["verify", &cid.to_string()], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("entry 7:"), "an entry edited in the ledger breaks the chain there: {stderr}");
    assert_eq!(db.kheo(&["verify", "999"], "").status.code(), Some(1), "an unknown contest");
});
