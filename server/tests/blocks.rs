//! Blocks (khối), black-box on SQLite and PostgreSQL: a province contest's
//! teams compete within their blocks; each standings line carries its block
//! and its rank within it, a contest without blocks shows lines as before,
//! and the ledger still checks out.

mod common;

use common::TestDb;
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

on_both!(each_block_ranks_its_own_teams, |db: TestDb| async move {
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("gk1", PASSWORD, "judge");
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let team = |name: &str, block: Option<&str>| {
        let mut t = json!({"name": name, "unit": name.replace("Đội ", "")});
        if let Some(b) = block {
            t["block"] = json!(b);
        }
        t
    };
    let r = organiser
        .post(
            "/contests",
            &json!({
                "name": "Hội thi cấp tỉnh", "level": "province", "unit": "Tỉnh Điện Biên",
                "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
                "teams": [team("Đội xã Mường Phăng", Some("Khối xã")), team("Đội Sở Y tế", Some("Khối cơ quan")),
                          team("Đội xã Thanh Nưa", Some("Khối xã")), team("Đội Công an tỉnh", Some("Khối cơ quan"))],
                "judges": ["gk1"]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let cid = contest["id"].as_i64().unwrap();
    assert_eq!(contest["teams"][1]["block"], "Khối cơ quan", "the contest object names each team's block");
    let round = &contest["rounds"][0];
    let (rid, crit) = (round["id"].as_i64().unwrap(), round["criteria"][0]["id"].to_string());
    let state = format!("/contests/{cid}/rounds/{rid}/state");
    assert!(organiser.put(&state, &json!({"state": "open"})).await.status().is_success());
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    for (t, points) in contest["teams"].as_array().unwrap().iter().zip(["90", "80", "85", "88"]) {
        let sheet = format!("/contests/{cid}/rounds/{rid}/teams/{}/sheet", t["id"]);
        let r = judge.put(&sheet, &json!({"scores": {crit.clone(): points}})).await;
        assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    }
    for s in ["locked", "published"] {
        assert!(organiser.put(&state, &json!({"state": s})).await.status().is_success());
    }

    let board: Value = server.client().get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    let line = |name: &str| {
        board["standings"].as_array().unwrap().iter().find(|l| l["team"]["name"] == name).cloned().unwrap()
    };
    // Overall 90, 88, 85, 80; within the blocks each has its own first.
    for (name, rank, block, block_rank) in [
        ("Đội xã Mường Phăng", 1, "Khối xã", 1),
        ("Đội Công an tỉnh", 2, "Khối cơ quan", 1),
        ("Đội xã Thanh Nưa", 3, "Khối xã", 2),
        ("Đội Sở Y tế", 4, "Khối cơ quan", 2),
    ] {
        let l = line(name);
        assert_eq!(
            (l["rank"].as_i64(), l["block"].as_str(), l["block_rank"].as_i64()),
            (Some(rank), Some(block), Some(block_rank)),
            "{name}"
        );
    }
    let out = db.kheo(&["verify", &cid.to_string()], "");
    assert!(out.status.success(), "the ledger holds with blocks: {}", String::from_utf8_lossy(&out.stdout));

    // Prizes are given within each block: a Giải Nhất in each.
    let results: Value = server.client().get(&format!("/contests/{cid}/results")).await.json().await.unwrap();
    let firsts: Vec<(String, String)> = results["awards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["name"] == "Giải Nhất")
        .map(|g| (g["block"].as_str().unwrap().to_string(), g["teams"][0]["name"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        firsts,
        [
            ("Khối cơ quan".to_string(), "Đội Công an tỉnh".to_string()),
            ("Khối xã".to_string(), "Đội xã Mường Phăng".to_string())
        ],
        "{results}"
    );

    // results.xlsx carries each team's block and its rank within it.
    use calamine::Reader;
    let bytes = server.client().get(&format!("/contests/{cid}/results.xlsx")).await.bytes().await.unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let ranking = book.worksheet_range("Xếp hạng").unwrap();
    let rows: Vec<Vec<String>> = ranking.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[3][6..], ["Khối".to_string(), "Hạng trong khối".to_string()]);
    let line = rows.iter().find(|r| r[1] == "Đội xã Thanh Nưa").unwrap();
    assert_eq!((line[5].as_str(), line[6].as_str(), line[7].as_str()), ("Giải Nhì", "Khối xã", "2"));

    // A contest whose teams have no block shows its lines as before.
    let r = organiser
        .post(
            "/contests",
            &json!({"name": "Hội thi xã", "level": "commune", "unit": "Xã Thanh Nưa",
                    "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "10"}]}],
                    "teams": [team("Đội thôn A", None)]}),
        )
        .await;
    let plain: Value = r.json().await.unwrap();
    let board: Value =
        server.client().get(&format!("/contests/{}/leaderboard", plain["id"])).await.json().await.unwrap();
    let l = &board["standings"][0];
    assert!(l.get("block").is_none() && l.get("block_rank").is_none(), "{l}");
    assert!(plain["teams"][0].get("block").is_none());
});
