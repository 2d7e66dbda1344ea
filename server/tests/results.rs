//! Results through the API, black-box, on SQLite and PostgreSQL: prizes by
//! the contract's rule (shared ranks share a prize), hidden from the public
//! until every round is published and, during the ceremony, until each is
//! revealed — in the JSON and in the stream; results.xlsx read back; the
//! season's statistics.

mod common;

use common::{Api, EventStream, TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const PASSWORD: &str = "mat-khau-dai-2026";

/// Seven teams whose totals rank 1, 2, 2, 2, 5, 6, 7; prizes 1/2/3/4.
const TOTALS: [&str; 7] = ["90", "85", "85", "85", "80", "70", "60"];

struct Contest {
    server: common::Server,
    organiser: Api,
    judge: Api,
    contest: Value,
}

impl Contest {
    fn cid(&self) -> i64 {
        self.contest["id"].as_i64().unwrap()
    }

    async fn state(&self, state: &str) {
        let path = format!("/contests/{}/rounds/{}/state", self.cid(), self.contest["rounds"][0]["id"]);
        assert_eq!(self.organiser.put(&path, &json!({"state": state})).await.status(), StatusCode::OK, "{state}");
    }
}

async fn contest(db: &TestDb) -> Contest {
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("gk1", PASSWORD, "judge");
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let teams: Vec<Value> = (1..=7).map(|i| json!({"name": format!("Đội {i}"), "unit": format!("Thôn {i}")})).collect();
    let r = organiser
        .post(
            "/contests",
            &json!({
                "name": "Hội thi xã Hòa Bình", "level": "commune", "unit": "Xã Hòa Bình", "date": "2026-10-01",
                "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
                "teams": teams, "judges": ["gk1"],
                "awards": [{"name": "Giải Nhất", "count": 1}, {"name": "Giải Nhì", "count": 2},
                           {"name": "Giải Ba", "count": 3}, {"name": "Giải Khuyến khích", "count": 4}],
                "side_prizes": [{"name": "Tiểu phẩm hay nhất", "round": 0}, {"name": "Đội được yêu thích nhất"}]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let c = Contest { server, organiser, judge, contest: r.json().await.unwrap() };
    c.state("open").await;
    let round = &c.contest["rounds"][0];
    for (i, total) in TOTALS.iter().enumerate() {
        let path = format!("/contests/{}/rounds/{}/teams/{}/sheet", c.cid(), round["id"], c.contest["teams"][i]["id"]);
        let r = c.judge.put(&path, &json!({"scores": {round["criteria"][0]["id"].to_string(): total}})).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    c.state("locked").await;
    c
}

fn names(group: &Value) -> Vec<String> {
    group["teams"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_string()).collect()
}

on_both!(prizes_follow_the_contracts_rule_and_wait_for_publication, |db: TestDb| async move {
    let c = contest(&db).await;
    let path = format!("/contests/{}/results", c.cid());
    let anyone = c.server.client();
    assert_error(anyone.get(&path).await, 409, "results_not_final").await;
    assert_error(c.judge.get(&path).await, 409, "results_not_final").await;
    assert_error(anyone.get(&format!("/contests/{}/results.xlsx", c.cid())).await, 409, "results_not_final").await;
    // Its organiser sees them at any time.
    let draft: Value = c.organiser.get(&path).await.json().await.unwrap();
    assert_eq!(draft["final"], false);

    c.state("published").await;
    let r: Value = anyone.get(&path).await.json().await.unwrap();
    assert_eq!(r["final"], true);
    let ranks: Vec<i64> = r["standings"].as_array().unwrap().iter().map(|s| s["rank"].as_i64().unwrap()).collect();
    assert_eq!(ranks, [1, 2, 2, 2, 5, 6, 7]);
    let awards = r["awards"].as_array().unwrap();
    assert_eq!(
        awards.iter().map(|a| a["name"].as_str().unwrap()).collect::<Vec<_>>(),
        ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]
    );
    assert_eq!(names(&awards[0]), ["Đội 1"]);
    assert_eq!(names(&awards[1]), ["Đội 2", "Đội 3", "Đội 4"], "a shared second place shares the prize");
    assert_eq!(names(&awards[2]), ["Đội 5", "Đội 6"]);
    assert_eq!(names(&awards[3]), ["Đội 7"]);
    assert_eq!(awards[1]["teams"][0]["total"], "85.00");
    assert_eq!(awards[1]["teams"][0]["rank"], 2);
    assert_eq!(names(&r["side_prizes"][0]), ["Đội 1"], "the best of the round");
    assert!(r["side_prizes"][1]["teams"].as_array().unwrap().is_empty());
});

on_both!(results_xlsx_reads_back_as_the_standings, |db: TestDb| async move {
    use calamine::{Data, Reader};
    let c = contest(&db).await;
    c.state("published").await;
    let r = c.server.client().get(&format!("/contests/{}/results.xlsx", c.cid())).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = r.bytes().await.unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheets = book.sheet_names().to_vec();
    assert_eq!(sheets, ["Xếp hạng", "P1. Tiểu phẩm", "Giải thưởng"]);
    let ranking = book.worksheet_range("Xếp hạng").unwrap();
    let standings: Value =
        c.server.client().get(&format!("/contests/{}/leaderboard", c.cid())).await.json().await.unwrap();
    let text = |d: &Data| match d {
        Data::Float(f) => format!("{f:.2}"),
        other => other.to_string(),
    };
    for (i, row) in standings["standings"].as_array().unwrap().iter().enumerate() {
        let line: Vec<String> = ranking.rows().nth(4 + i).unwrap().iter().map(text).collect();
        assert_eq!(line[0], format!("{:.2}", row["rank"].as_f64().unwrap()));
        assert_eq!(line[1], row["team"]["name"].as_str().unwrap(), "Vietnamese text intact");
        // Rank, team, unit, the round, the total, the prize.
        assert_eq!(line[3], row["rounds"][c.contest["rounds"][0]["id"].to_string()].as_str().unwrap());
        assert_eq!(line[4], row["total"].as_str().unwrap());
    }
    let prize_of = |i: usize| ranking.rows().nth(4 + i).unwrap()[5].to_string();
    assert_eq!(
        (prize_of(0), prize_of(1), prize_of(6)),
        ("Giải Nhất".into(), "Giải Nhì".into(), "Giải Khuyến khích".into())
    );
    // The round's sheet: the judge's criterion and total per team.
    let round = book.worksheet_range("P1. Tiểu phẩm").unwrap();
    assert!(round.rows().nth(2).unwrap()[2].to_string().contains("Nội dung"));
    assert_eq!(text(&round.rows().nth(3).unwrap()[2]), "90.00");
});

on_both!(the_ceremony_reveals_one_prize_at_a_time_and_nothing_before, |db: TestDb| async move {
    let c = contest(&db).await;
    let cid = c.cid();
    // Kept for the ceremony before the last round is published.
    let ceremony = format!("/contests/{cid}/ceremony");
    assert_error(c.judge.put(&ceremony, &json!({"sealed": true})).await, 403, "forbidden").await;
    assert_eq!(c.organiser.put(&ceremony, &json!({"sealed": true})).await.status(), StatusCode::OK);
    let reveal = format!("{ceremony}/reveal");
    assert_error(c.organiser.post(&reveal, &json!({"step": 1})).await, 409, "results_not_final").await;
    c.state("published").await;
    let anyone = c.server.client();
    let board: Value = anyone.get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    assert!(
        board["standings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["total"] == "0.00" && r["rounds"].as_object().unwrap().values().all(Value::is_null))
    );
    assert_eq!(board["ceremony"]["sealed"], true);
    let results: Value = anyone.get(&format!("/contests/{cid}/results")).await.json().await.unwrap();
    assert_eq!(results["final"], false);
    assert!(results["awards"].as_array().unwrap().is_empty());
    assert_error(anyone.get(&format!("/contests/{cid}/results.xlsx")).await, 409, "results_not_final").await;
    let full: Value = c.organiser.get(&format!("/contests/{cid}/results")).await.json().await.unwrap();
    assert_eq!(full["awards"][0]["teams"][0]["name"], "Đội 1", "its organisers see everything");

    // The MC reveals: side prize, then Khuyến khích, Ba (twice), Nhì, Nhất.
    let desk: Value = c.organiser.get(&ceremony).await.json().await.unwrap();
    let steps = desk["steps"].as_array().unwrap().clone();
    let order: Vec<&str> = steps.iter().map(|s| s["prize"].as_str().unwrap()).collect();
    assert_eq!(order, ["Tiểu phẩm hay nhất", "Giải Khuyến khích", "Giải Ba", "Giải Ba", "Giải Nhì", "Giải Nhất"]);
    assert_error(c.organiser.post(&reveal, &json!({"step": 2})).await, 422, "invalid_field").await;
    assert_error(c.judge.post(&reveal, &json!({"step": 1})).await, 403, "forbidden").await;
    assert_error(anyone.get(&ceremony).await, 401, "not_signed_in").await;
    let mut stream = EventStream::open(&c.server.base, cid, None).await;
    stream.next_board(Duration::from_secs(5)).await.unwrap();
    for step in 1..=steps.len() {
        assert_eq!(c.organiser.post(&reveal, &json!({"step": step})).await.status(), StatusCode::OK);
        let frame = loop {
            let f = stream.next_board(Duration::from_secs(5)).await.expect("a frame for the reveal");
            if f["ceremony"]["revealed"].as_array().map(Vec::len) == Some(step) {
                break f;
            }
        };
        let json: Value = anyone.get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
        let public: Value = anyone.get(&format!("/contests/{cid}/results")).await.json().await.unwrap();
        let last = step == steps.len();
        for seen in [&frame, &json] {
            assert_eq!(seen["ceremony"]["revealed"].as_array().unwrap().len(), step);
            assert_eq!(seen.to_string().contains("Giải Nhất"), last, "the first prize only at the last reveal");
            assert_eq!(seen["standings"][0]["total"] != "0.00", last, "scores only after the last reveal");
        }
        let named: usize = public["awards"]
            .as_array()
            .unwrap()
            .iter()
            .chain(public["side_prizes"].as_array().unwrap())
            .map(|g| g["teams"].as_array().unwrap().len())
            .sum();
        let revealed: usize = steps[..step].iter().map(|s| s["teams"].as_array().unwrap().len()).sum();
        assert_eq!(named, revealed, "the results name only the teams revealed");
        assert_eq!(public["final"], last);
    }
});

on_both!(statistics_read_an_empty_unit_as_the_whole_season, |db: TestDb| async move {
    let c = contest(&db).await;
    let anyone = c.server.client();
    let all: Value = anyone.get("/statistics?year=2026").await.json().await.unwrap();
    // A form's "every unit" sends `unit_id=`: the document allows it.
    let empty = anyone.get("/statistics?year=2026&unit_id=").await;
    assert_eq!(empty.status(), StatusCode::OK);
    assert_eq!(empty.json::<Value>().await.unwrap(), all);
    assert_error(anyone.get("/statistics?year=2026&unit_id=x").await, 422, "invalid_field").await;
});

on_both!(statistics_count_a_year_of_a_unit, |db: TestDb| async move {
    let c = contest(&db).await;
    let anyone = c.server.client();
    assert_error(anyone.get("/statistics").await, 422, "invalid_field").await;
    let before: Value = anyone.get("/statistics?year=2026").await.json().await.unwrap();
    assert_eq!((before["contests"]["commune"].as_i64(), before["teams"].as_i64()), (Some(1), Some(7)));
    assert!(before["prizes"].as_object().unwrap().is_empty(), "no prize before the results are final");
    c.state("published").await;
    let s: Value = anyone.get("/statistics?year=2026").await.json().await.unwrap();
    assert_eq!(s["year"], 2026);
    assert_eq!(s["prizes"], json!({"Giải Nhất": 1, "Giải Nhì": 3, "Giải Ba": 2, "Giải Khuyến khích": 1}));
    // Each contest's prizes are kept between requests: a withdrawn
    // publication takes them back at once, publishing again brings them.
    c.state("locked").await;
    let withdrawn: Value = anyone.get("/statistics?year=2026").await.json().await.unwrap();
    assert!(withdrawn["prizes"].as_object().unwrap().is_empty(), "{withdrawn}");
    assert_eq!(withdrawn["teams"], 7);
    c.state("published").await;
    let again: Value = anyone.get("/statistics?year=2026").await.json().await.unwrap();
    assert_eq!(again["prizes"], s["prizes"]);
    let other: Value = anyone.get("/statistics?year=2025").await.json().await.unwrap();
    assert_eq!(other["teams"], 0);
    let xlsx = anyone.get("/statistics.xlsx?year=2026").await;
    assert_eq!(xlsx.status(), StatusCode::OK);
});
