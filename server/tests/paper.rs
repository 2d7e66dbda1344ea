//! Paper sheets typed twice, black-box on SQLite and PostgreSQL: a typing
//! waits for a second person, agreeing typings make the judge's sheet, a
//! slip names its criteria and counts nothing, a tablet's sheet is never
//! overwritten from paper, and the ledger checks out with both typings.

mod common;

use common::{TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

on_both!(two_agreeing_typings_make_the_judges_sheet, |db: TestDb| async move {
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("quantri", PASSWORD, "admin");
    db.add_user("gk1", PASSWORD, "judge");
    db.add_user("gk2", PASSWORD, "judge");
    let server = db.serve().await;
    let secretary = server.client();
    secretary.sign_in("btc", PASSWORD).await;
    let r = secretary
        .post(
            "/contests",
            &json!({
                "name": "Hội thi Dân vận khéo xã Mỹ Hội", "level": "commune", "unit": "Xã Mỹ Hội",
                "rounds": [{"name": "Trình bày mô hình", "criteria": [
                    {"name": "Nội dung", "max_points": "60"}, {"name": "Hình thức", "max_points": "40"}]}],
                "teams": [{"name": "Đội Ấp 1", "unit": "Ấp 1"}, {"name": "Đội Ấp 2", "unit": "Ấp 2"}],
                "judges": ["gk1", "gk2"]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let cid = contest["id"].as_i64().unwrap();
    let round = &contest["rounds"][0];
    let rid = round["id"].as_i64().unwrap();
    let (content, form) = (round["criteria"][0]["id"].to_string(), round["criteria"][1]["id"].to_string());
    let judge_id = |name: &str| {
        contest["judges"].as_array().unwrap().iter().find(|j| j["username"] == name).unwrap()["id"].as_i64().unwrap()
    };
    let (gk1, gk2) = (judge_id("gk1"), judge_id("gk2"));
    let team = |i: usize| contest["teams"][i]["id"].as_i64().unwrap();
    let paper = |t: i64, j: i64| format!("/contests/{cid}/rounds/{rid}/teams/{t}/paper/{j}");
    let marks = |a: &str, b: &str| json!({"scores": {content.clone(): a, form.clone(): b}});
    let state = format!("/contests/{cid}/rounds/{rid}/state");

    assert_error(secretary.put(&paper(team(0), gk1), &marks("50", "30")).await, 409, "round_not_open").await;
    assert!(secretary.put(&state, &json!({"state": "open"})).await.status().is_success());

    // The first typing waits; the same person again replaces his own.
    let r = secretary.put(&paper(team(0), gk1), &marks("50", "3")).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let waiting: Value = r.json().await.unwrap();
    assert_eq!(waiting["paper"]["status"], "awaiting_confirmation", "{waiting}");
    assert_eq!(waiting["paper"]["entered_by"], "btc");
    assert_eq!(waiting["paper"]["judge_id"], gk1);
    assert_eq!(secretary.put(&paper(team(0), gk1), &marks("50", "30")).await.status(), StatusCode::ACCEPTED);
    let sheets = format!("/contests/{cid}/rounds/{rid}/sheets");
    let listed: Value = secretary.get(&sheets).await.json().await.unwrap();
    assert_eq!(listed["sheets"], json!([]), "a typing alone counts nothing");

    // A second person's slip names the criterion; nothing counts.
    let second = server.client();
    second.sign_in("quantri", PASSWORD).await;
    let body = assert_error(second.put(&paper(team(0), gk1), &marks("50", "35")).await, 409, "entries_differ").await;
    assert_eq!(body["error"]["criteria"], json!([form.parse::<i64>().unwrap()]), "{body}");
    let listed: Value = secretary.get(&sheets).await.json().await.unwrap();
    assert_eq!(listed["sheets"], json!([]));

    // Agreeing: the sheet counts as the judge's.
    let r = second.put(&paper(team(0), gk1), &marks("50", "30")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let sheet: Value = r.json().await.unwrap();
    assert_eq!(
        (
            &sheet["sheet"]["total"],
            &sheet["sheet"]["source"],
            &sheet["sheet"]["entered_by"],
            &sheet["sheet"]["confirmed_by"]
        ),
        (&json!("80"), &json!("paper"), &json!("btc"), &json!("quantri")),
        "{sheet}"
    );
    assert_eq!(sheet["sheet"]["judge_id"], gk1);

    // Refusals: a judge not on the panel, a bad score, a judge typing.
    assert_error(secretary.put(&paper(team(1), 999_999), &marks("1", "1")).await, 404, "not_found").await;
    assert_error(secretary.put(&paper(team(1), gk1), &marks("61", "1")).await, 422, "invalid_score").await;
    let judge = server.client();
    judge.sign_in("gk2", PASSWORD).await;
    assert_error(judge.put(&paper(team(1), gk2), &marks("1", "1")).await, 403, "forbidden").await;

    // A tablet's sheet is never overwritten from paper.
    let tablet = format!("/contests/{cid}/rounds/{rid}/teams/{}/sheet", team(0));
    assert!(judge.put(&tablet, &marks("40", "20")).await.status().is_success());
    assert_error(secretary.put(&paper(team(0), gk2), &marks("40", "20")).await, 409, "sheet_exists").await;

    // A confirmed paper sheet is amended by a new pair of typings.
    assert_eq!(second.put(&paper(team(0), gk1), &marks("55", "30")).await.status(), StatusCode::ACCEPTED);
    let r = secretary.put(&paper(team(0), gk1), &marks("55", "30")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let sheet: Value = r.json().await.unwrap();
    assert_eq!((&sheet["sheet"]["total"], &sheet["sheet"]["entered_by"]), (&json!("85"), &json!("quantri")));

    let listed: Value = secretary.get(&sheets).await.json().await.unwrap();
    let of = |j: i64| listed["sheets"].as_array().unwrap().iter().find(|s| s["judge_id"] == j).cloned().unwrap();
    assert_eq!((&of(gk1)["source"], &of(gk1)["confirmed_by"]), (&json!("paper"), &json!("btc")), "{listed}");
    assert_eq!(of(gk2)["source"], "tablet");
    assert!(of(gk2).get("entered_by").is_none(), "a tablet sheet names no typist");

    // The paper sheet counts in the standings exactly as a tablet's.
    for s in ["locked", "published"] {
        assert!(secretary.put(&state, &json!({"state": s})).await.status().is_success());
    }
    let board: Value = server.client().get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    let first = &board["standings"][0];
    assert_eq!((&first["team"]["name"], &first["total"]), (&json!("Đội Ấp 1"), &json!("72.50")), "{board}");

    let ledger: Value = secretary.get(&format!("/contests/{cid}/ledger")).await.json().await.unwrap();
    let actions: Vec<&str> =
        ledger["entries"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    for a in ["paper.type", "paper.differ", "sheet.submit", "sheet.amend"] {
        assert!(actions.contains(&a), "the ledger keeps {a}: {actions:?}");
    }
    let out = db.kheo(&["verify", &cid.to_string()], "");
    assert!(out.status.success(), "the ledger holds with paper sheets: {}", String::from_utf8_lossy(&out.stdout));
});
