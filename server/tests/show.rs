//! The show in the hall, black-box on SQLite and PostgreSQL: the MC's quiz
//! keeps its answer on the server until revealed (in no public JSON, page
//! or stream frame), the audience plays along (the first answer counts,
//! none after the countdown), and the audience's vote (one per device,
//! moved not added, a burst limit per address, an address voided, and its
//! side prize once closed) never moves the judges' standings.

mod common;

use common::{EventStream, TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const PASSWORD: &str = "mat-khau-dai-2026";
/// An answer no page or frame may carry before the reveal.
const SECRET: &str = "Nghị quyết số 25-NQ/TW";

async fn contest(db: &TestDb, server: &common::Server) -> (common::Api, Value) {
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("gk1", PASSWORD, "judge");
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let r = organiser
        .post(
            "/contests",
            &json!({
                "name": "Hội thi Dân vận khéo xã Tân Cương", "level": "commune", "unit": "Xã Tân Cương",
                "rounds": [
                    {"name": "Trình bày mô hình", "criteria": [{"name": "Nội dung", "max_points": "100"}]},
                    {"name": "Kiến thức", "kind": "quiz", "questions": [
                        {"prompt": "Văn bản nào về công tác dân vận năm 2013?", "options": ["Chỉ thị 49", SECRET, "Quyết định 23"], "answer": "B", "points": "10"},
                        {"prompt": "Phong trào thi đua Dân vận khéo phát động năm nào?", "answer": "2009", "points": "5"}
                    ]}
                ],
                "teams": [{"name": "Đội thôn Hồng Thái", "unit": "Thôn Hồng Thái"}, {"name": "Đội thôn Nam Đồng", "unit": "Thôn Nam Đồng"}, {"name": "Đội thôn Soi Mít", "unit": "Thôn Soi Mít"}],
                "judges": ["gk1"]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    (organiser, r.json().await.unwrap())
}

async fn text(url: String) -> String {
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

on_both!(the_answer_stays_on_the_server_until_revealed, |db: TestDb| async move {
    let server = db.serve().await;
    let (organiser, c) = contest(&db, &server).await;
    let cid = c["id"].as_i64().unwrap();
    let quiz = &c["rounds"][1];
    let (rid, q1, q2) = (
        quiz["id"].as_i64().unwrap(),
        quiz["questions"][0]["id"].as_i64().unwrap(),
        quiz["questions"][1]["id"].as_i64().unwrap(),
    );
    let cue = format!("/contests/{cid}/rounds/{rid}/quiz");
    assert_error(organiser.put(&cue, &json!({"question_id": q1, "phase": "shown"})).await, 409, "round_not_open").await;
    organiser.put(&format!("/contests/{cid}/rounds/{rid}/state"), &json!({"state": "open"})).await;
    assert_error(organiser.put(&cue, &json!({"question_id": 999_999, "phase": "shown"})).await, 404, "not_found").await;
    assert_error(organiser.put(&cue, &json!({"question_id": q1, "phase": "blink"})).await, 422, "invalid_field").await;
    let judged = format!("/contests/{cid}/rounds/{}/quiz", c["rounds"][0]["id"]);
    assert_error(organiser.put(&judged, &json!({"question_id": q1, "phase": "shown"})).await, 422, "invalid_field")
        .await;
    let anyone = server.client();
    assert_error(anyone.put(&cue, &json!({"question_id": q1, "phase": "shown"})).await, 401, "not_signed_in").await;

    let mut stream = EventStream::open(&server.base, cid, None).await;
    stream.next_board(Duration::from_secs(5)).await.expect("the first frame");
    let r = organiser.put(&cue, &json!({"question_id": q1, "phase": "shown", "seconds": 20})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let shown: Value = r.json().await.unwrap();
    assert_eq!(shown["quiz"]["phase"], "shown");
    assert!(shown["quiz"].get("answer").is_none());
    let frame = stream.next_board(Duration::from_secs(5)).await.expect("a frame for the question");
    assert_eq!(frame["quiz"]["question"]["id"], q1);
    assert_eq!(frame["quiz"]["question"]["number"], 1);
    assert_eq!(frame["quiz"]["question"]["options"][1], SECRET, "the options are on screen");
    assert!(frame["quiz"]["ends_at"].as_str().is_some_and(|e| e.ends_with('Z')));
    // The option's text is public (it is on screen); which option is right
    // is not: no "answer" anywhere, and no page says "B" is right.
    let leak = |body: &str| body.contains("\"answer\"");
    assert!(!leak(&frame.to_string()), "stream frame: {frame}");
    let board: Value = anyone.get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    assert!(!leak(&board.to_string()), "leaderboard JSON");
    let public: Value = anyone.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert!(!leak(&public.to_string()), "the contest as the public sees it: {public}");
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let seen: Value = judge.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert!(!leak(&seen.to_string()), "the contest as a judge sees it");
    for page in ["", "/projector", "/overlay", "/choi", "/binh-chon"] {
        let html = text(format!("{}/contests/{cid}{page}", server.base)).await;
        assert!(
            html.contains("Văn bản nào về công tác dân vận") || page == "/binh-chon",
            "page {page} shows the question"
        );
        assert!(!html.contains("\"answer\"") && !html.contains("&quot;answer&quot;"), "page {page} leaks the answer");
    }

    // The audience plays: the first answer of a device counts.
    let play = format!("/contests/{cid}/play");
    let phone = server.client();
    let r = phone.post(&play, &json!({"question_id": q1, "choice": "b", "nickname": "<b>Cô Lan</b>"})).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    assert!(r.headers().get("set-cookie").is_some_and(|c| c.to_str().unwrap().starts_with("kheo_audience=")));
    let taken: Value = r.json().await.unwrap();
    assert_eq!((taken["choice"].as_str(), taken["first"].as_bool()), (Some("B"), Some(true)));
    let again: Value =
        phone.post(&play, &json!({"question_id": q1, "choice": "A", "nickname": "Cô Lan"})).await.json().await.unwrap();
    assert_eq!(
        (again["choice"].as_str(), again["first"].as_bool()),
        (Some("B"), Some(false)),
        "the first answer counts"
    );
    let wrong = server.client();
    assert_eq!(wrong.post(&play, &json!({"question_id": q1, "choice": "A", "nickname": "Bác Tư"})).await.status(), 202);
    // A forged cookie is a new device, never the phone it imitates.
    let forged = server.client_with_cookie("kheo_audience=AAAAAAAAAAAAAAAAAAAAAA.forged");
    let r = forged.post(&play, &json!({"question_id": q1, "choice": "C", "nickname": "Kẻ giả"})).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    assert!(r.headers().get("set-cookie").is_some(), "a forged cookie gets a new device");
    assert_eq!(r.json::<Value>().await.unwrap()["first"], true);
    assert_error(
        phone.post(&play, &json!({"question_id": q2, "choice": "2009", "nickname": "Cô Lan"})).await,
        409,
        "play_closed",
    )
    .await;
    assert_error(
        phone.post(&play, &json!({"question_id": 999_999, "choice": "A", "nickname": "Cô Lan"})).await,
        404,
        "not_found",
    )
    .await;
    let long = "Ư".repeat(31);
    assert_error(
        server.client().post(&play, &json!({"question_id": q1, "choice": "A", "nickname": long})).await,
        422,
        "invalid_field",
    )
    .await;
    assert_error(
        server.client().post(&play, &json!({"question_id": q1, "choice": "E", "nickname": "An"})).await,
        422,
        "invalid_field",
    )
    .await;
    // Nobody's points show before the reveal: they would tell the answer.
    let lb: Value = phone.get(&format!("/contests/{cid}/play/leaderboard")).await.json().await.unwrap();
    assert_eq!(lb["answers"], 3);
    assert_eq!(lb["players"], json!([]), "{lb}");

    let standings_before: Value = anyone.get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    let r = organiser.put(&cue, &json!({"question_id": q1, "phase": "revealed"})).await;
    assert_eq!(r.json::<Value>().await.unwrap()["quiz"]["answer"], "B");
    let frame = stream.next_board(Duration::from_secs(5)).await.expect("a frame for the reveal");
    assert_eq!(frame["quiz"]["answer"], "B", "the reveal reaches every screen");
    assert_eq!(frame["standings"], standings_before["standings"], "the audience's play never moves the standings");
    assert_error(
        server.client().post(&play, &json!({"question_id": q1, "choice": "B", "nickname": "Muộn"})).await,
        409,
        "play_closed",
    )
    .await;
    let lb: Value = phone.get(&format!("/contests/{cid}/play/leaderboard")).await.json().await.unwrap();
    assert_eq!(lb["players"][0], json!({"nickname": "<b>Cô Lan</b>", "points": "10.00", "rank": 1}));
    assert_eq!(lb["me"]["rank"], 1);
    assert_eq!(lb["last"]["correct"], true);
    let lb: Value = wrong.get(&format!("/contests/{cid}/play/leaderboard")).await.json().await.unwrap();
    assert_eq!((lb["me"]["points"].as_str(), lb["last"]["correct"].as_bool()), (Some("0.00"), Some(false)));
    // Markup in a nickname is text on the pages.
    organiser.put(&cue, &json!({"question_id": q1, "phase": "closed"})).await;
    let html = text(format!("{}/contests/{cid}/choi", server.base)).await;
    assert!(!html.contains("<b>Cô Lan</b>"), "a nickname's markup is escaped");

    // A countdown's end closes the question for everyone.
    organiser.put(&cue, &json!({"question_id": q2, "phase": "shown", "seconds": 1})).await;
    assert_eq!(
        phone.post(&play, &json!({"question_id": q2, "choice": " 2009 ", "nickname": "Cô Lan"})).await.status(),
        202
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_error(
        wrong.post(&play, &json!({"question_id": q2, "choice": "2009", "nickname": "Bác Tư"})).await,
        409,
        "play_closed",
    )
    .await;
    organiser.put(&cue, &json!({"question_id": q2, "phase": "revealed"})).await;
    let lb: Value = phone.get(&format!("/contests/{cid}/play/leaderboard")).await.json().await.unwrap();
    assert_eq!(lb["me"]["points"], "15.00", "{lb}");
});

on_both!(the_audience_votes_honestly, |db: TestDb| async move {
    let server = db.serve().await;
    let (organiser, c) = contest(&db, &server).await;
    let cid = c["id"].as_i64().unwrap();
    let team = |i: usize| c["teams"][i]["id"].as_i64().unwrap();
    let (votes, vote) = (format!("/contests/{cid}/votes"), format!("/contests/{cid}/vote"));
    let phone = server.client();
    assert_error(phone.post(&votes, &json!({"team_id": team(0)})).await, 409, "vote_closed").await;
    assert_error(phone.put(&vote, &json!({"open": true})).await, 401, "not_signed_in").await;
    let r = organiser.put(&vote, &json!({"open": true, "prize_name": "Đội được khán giả yêu thích nhất"})).await;
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"open": true, "prize_name": "Đội được khán giả yêu thích nhất", "state": "open"})
    );
    assert_error(phone.post(&votes, &json!({"team_id": 999_999})).await, 404, "not_found").await;

    // A phone holds one vote: voting again moves it.
    let r = phone.post(&votes, &json!({"team_id": team(0)})).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let moved: Value = phone.post(&votes, &json!({"team_id": team(1)})).await.json().await.unwrap();
    assert_eq!(moved, json!({"team_id": team(1), "moved": true}));
    // Counts are hidden from the public until the vote closes.
    assert_error(phone.get(&votes).await, 403, "votes_hidden").await;
    let tally: Value = organiser.get(&votes).await.json().await.unwrap();
    assert_eq!(tally["total"], 1, "moved, not added: {tally}");
    assert_eq!(tally["teams"][0], json!({"team_id": team(1), "votes": 1, "name": "Đội thôn Nam Đồng"}));
    // Two more phones in the hall, each behind the same router.
    for (i, t) in [(2, team(2)), (3, team(2))] {
        let r = server
            .client()
            .http
            .post(format!("{}/api/v1{votes}", server.base))
            .header("x-forwarded-for", format!("10.0.0.{i}"))
            .json(&json!({"team_id": t}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::ACCEPTED);
    }
    // A script from one address runs into the limit; people never do.
    let script = server.client();
    let mut statuses = Vec::new();
    for _ in 0..330 {
        let r = script
            .http
            .post(format!("{}/api/v1{votes}", server.base))
            .header("x-forwarded-for", "203.0.113.9")
            .header("cookie", "kheo_audience=none")
            .json(&json!({"team_id": team(0)}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().get("retry-after").is_some());
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["error"]["code"], "too_many_votes");
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&429), "a script is slowed");
    let from_script = statuses.iter().filter(|s| **s == 202).count() as u64;
    assert!((300..330).contains(&from_script), "{from_script} votes before the limit");
    let tally: Value = organiser.get(&votes).await.json().await.unwrap();
    assert_eq!(tally["teams"][0]["team_id"], team(0), "the script leads for now");
    let addresses: Value = organiser.get(&format!("/contests/{cid}/votes/addresses")).await.json().await.unwrap();
    let burst = &addresses["addresses"][0];
    assert_eq!((burst["address"].as_str(), burst["votes"].as_u64()), (Some("203.0.113.9"), Some(from_script)));
    assert!(burst["busiest_minute"].as_u64().unwrap() >= 300);
    assert_error(phone.get(&format!("/contests/{cid}/votes/addresses")).await, 401, "not_signed_in").await;
    let void = format!("/contests/{cid}/votes/void");
    assert_error(organiser.post(&void, &json!({"address": "203.0.113.9", "reason": " "})).await, 422, "invalid_field")
        .await;
    let r = organiser
        .post(&void, &json!({"address": "203.0.113.9", "reason": "Một máy gửi hàng trăm phiếu trong một phút"}))
        .await;
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"address": "203.0.113.9", "voided": from_script}));
    let tally: Value = organiser.get(&votes).await.json().await.unwrap();
    assert_eq!(tally["total"], 3);
    assert_eq!(tally["teams"][0], json!({"team_id": team(2), "votes": 2, "name": "Đội thôn Soi Mít"}));

    // Closed: the counts are public and the side prize is given; the
    // judges' standings never change because of votes.
    let before: Value = phone.get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    assert_eq!(organiser.put(&vote, &json!({"open": false})).await.json::<Value>().await.unwrap()["state"], "closed");
    assert_error(phone.post(&votes, &json!({"team_id": team(0)})).await, 409, "vote_closed").await;
    let tally: Value = phone.get(&votes).await.json().await.unwrap();
    assert_eq!((tally["open"].as_bool(), tally["total"].as_u64()), (Some(false), Some(3)));
    let after: Value = phone.get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    assert_eq!(after["standings"], before["standings"]);
    assert_eq!(after["vote"], json!({"state": "closed", "prize_name": "Đội được khán giả yêu thích nhất"}));
    // Score and publish the contest; the vote's prize is among the results.
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let (r0, crit) = (c["rounds"][0]["id"].as_i64().unwrap(), c["rounds"][0]["criteria"][0]["id"].to_string());
    organiser.put(&format!("/contests/{cid}/rounds/{r0}/state"), &json!({"state": "open"})).await;
    for i in 0..3 {
        let r = judge
            .put(
                &format!("/contests/{cid}/rounds/{r0}/teams/{}/sheet", team(i)),
                &json!({"scores": {crit.clone(): "80"}}),
            )
            .await;
        assert!(r.status().is_success());
    }
    for rid in [r0, c["rounds"][1]["id"].as_i64().unwrap()] {
        for s in ["open", "locked", "published"] {
            organiser.put(&format!("/contests/{cid}/rounds/{rid}/state"), &json!({"state": s})).await;
        }
    }
    let results: Value = phone.get(&format!("/contests/{cid}/results")).await.json().await.unwrap();
    let side = results["side_prizes"].as_array().unwrap();
    let prize = side.iter().find(|g| g["name"] == "Đội được khán giả yêu thích nhất").expect("the vote's prize");
    assert_eq!(prize["teams"].as_array().unwrap().len(), 1);
    assert_eq!(prize["teams"][0]["id"], team(2));
});
