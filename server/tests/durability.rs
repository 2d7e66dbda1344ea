//! No lost scores: the server is killed (SIGKILL) while judges submit;
//! after a restart every sheet that was acknowledged with a 200 is there
//! with its exact values.

mod common;

use common::{Api, TestDb};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// (judge, team) → criterion id → points, as last acknowledged.
type Acked = BTreeMap<(String, i64), BTreeMap<String, String>>;

const JUDGES: usize = 5;
const TEAMS: usize = 30;

on_both!(acknowledged_sheets_survive_a_kill, |db: TestDb| async move {
    db.add_user("btc", "bantochuc-2026", "organiser");
    let names: Vec<String> = (1..=JUDGES).map(|i| format!("gk{i}")).collect();
    for n in &names {
        db.add_user(n, "giamkhao-2026", "judge");
    }
    let mut server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    let def = json!({
        "name": "Hội thi khối cơ quan", "level": "district", "unit": "Huyện Chợ Mới",
        "rounds": [{"name": "Tiểu phẩm", "criteria": [
            {"name": "Nội dung", "max_points": "60"}, {"name": "Dàn dựng", "max_points": "40"}]}],
        "teams": (0..TEAMS).map(|i| json!({"name": format!("Đội {i:02}"), "unit": format!("Xã {i:02}")})).collect::<Vec<_>>(),
        "judges": names,
    });
    let contest: Value = organiser.post("/contests", &def).await.json().await.unwrap();
    let (cid, rid) = (contest["id"].clone(), contest["rounds"][0]["id"].clone());
    let state = format!("/contests/{cid}/rounds/{rid}/state");
    assert_eq!(organiser.put(&state, &json!({"state": "open"})).await.status(), StatusCode::OK);
    let criteria: Vec<String> =
        contest["rounds"][0]["criteria"].as_array().unwrap().iter().map(|c| c["id"].to_string()).collect();

    // (judge, team) → the scores acknowledged last.
    let acked: Arc<Mutex<Acked>> = Arc::default();
    let mut tasks = Vec::new();
    for (j, name) in names.iter().enumerate() {
        let api = server.client();
        api.sign_in(name, "giamkhao-2026").await;
        let (acked, name, criteria, contest) = (acked.clone(), name.clone(), criteria.clone(), contest.clone());
        tasks.push(tokio::spawn(async move {
            let api: Api = api;
            // Each judge goes through the teams twice: sheets, then amendments.
            for pass in 0..2 {
                for t in 0..TEAMS {
                    let team = contest["teams"][t]["id"].as_i64().unwrap();
                    let scores = sheet(&criteria, j, t, pass);
                    let path =
                        format!("/contests/{}/rounds/{}/teams/{team}/sheet", contest["id"], contest["rounds"][0]["id"]);
                    match api.http.put(format!("{}{path}", api.base)).json(&json!({"scores": scores})).send().await {
                        Ok(r) if r.status() == StatusCode::OK => {
                            acked.lock().unwrap().insert((name.clone(), team), scores);
                        }
                        Ok(r) => panic!("unexpected {}", r.status()),
                        Err(_) => return, // the server is gone
                    }
                }
            }
        }));
    }
    // Let some sheets in, then pull the plug mid-stream.
    while acked.lock().unwrap().len() < JUDGES * TEAMS / 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for t in tasks {
        t.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= JUDGES * TEAMS / 2);

    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    let stored: Value = organiser.get(&format!("/contests/{cid}/rounds/{rid}/sheets")).await.json().await.unwrap();
    let stored: BTreeMap<(String, i64), BTreeMap<String, String>> = stored["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let scores: BTreeMap<String, String> = serde_json::from_value(s["scores"].clone()).unwrap();
            ((s["judge_username"].as_str().unwrap().to_string(), s["team_id"].as_i64().unwrap()), scores)
        })
        .collect();
    let team_index = |id: i64| (0..TEAMS).find(|&t| contest["teams"][t]["id"].as_i64() == Some(id)).unwrap();
    for ((judge, team), scores) in &acked {
        let got =
            stored.get(&(judge.clone(), *team)).unwrap_or_else(|| panic!("acknowledged sheet {judge}/{team} is lost"));
        if got == &canonical(scores) {
            continue;
        }
        // The only other allowed state: the amendment was committed but the
        // process died before answering it.
        let (j, t) = (names.iter().position(|n| n == judge).unwrap(), team_index(*team));
        assert_eq!(scores, &sheet(&criteria, j, t, 0), "{judge}/{team}: stored {got:?}, acknowledged {scores:?}");
        assert_eq!(got, &canonical(&sheet(&criteria, j, t, 1)), "{judge}/{team}: an unknown version is stored");
    }
});

/// The scores judge `j` gives team `t` in pass 0 (sheet) or 1 (amendment).
fn sheet(criteria: &[String], j: usize, t: usize, pass: usize) -> BTreeMap<String, String> {
    let a = format!("{}.{}", 30 + (j + t + pass) % 30, (t * 7 + pass * 3) % 100);
    let b = format!("{}.{:02}", 10 + (j * 3 + t) % 30, (t * 13 + j) % 100);
    BTreeMap::from([(criteria[0].clone(), a), (criteria[1].clone(), b)])
}

/// Points as the server writes them back ("30.5", not "30.50").
fn canonical(scores: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    scores.iter().map(|(c, p)| (c.clone(), kheo_domain::Points::parse(p).unwrap().to_string())).collect()
}
