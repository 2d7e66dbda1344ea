//! The live leaderboard stream, black-box: versions, no partial scores,
//! reconnection with Last-Event-ID, heartbeats, and two instances sharing
//! changes through PostgreSQL.

mod common;

use common::{Api, Backend, EventStream, TestDb};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(5);

/// A contest with one round of one criterion, three judges and two teams;
/// returns the organiser, the judges and the contest object.
async fn small_contest(db: &TestDb, server: &common::Server) -> (Api, Vec<Api>, Value) {
    db.add_user("btc", "bantochuc-2026", "organiser");
    for j in ["gk1", "gk2", "gk3"] {
        db.add_user(j, "giamkhao-2026", "judge");
    }
    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    let def = json!({
        "name": "Hội thi cụm xã", "level": "commune", "unit": "Xã Nông Thượng",
        "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]}],
        "teams": [{"name": "Đội A", "unit": "Thôn A"}, {"name": "Đội B", "unit": "Thôn B"}],
        "judges": ["gk1", "gk2", "gk3"]
    });
    let contest: Value = organiser.post("/contests", &def).await.json().await.unwrap();
    let path = format!("/contests/{}/rounds/{}/state", contest["id"], contest["rounds"][0]["id"]);
    assert_eq!(organiser.put(&path, &json!({"state": "open"})).await.status(), StatusCode::OK);
    let mut judges = Vec::new();
    for j in ["gk1", "gk2", "gk3"] {
        let api = server.client();
        api.sign_in(j, "giamkhao-2026").await;
        judges.push(api);
    }
    (organiser, judges, contest)
}

async fn mark(judge: &Api, contest: &Value, team: usize, points: &str) {
    let path = format!(
        "/contests/{}/rounds/{}/teams/{}/sheet",
        contest["id"], contest["rounds"][0]["id"], contest["teams"][team]["id"]
    );
    let criterion = contest["rounds"][0]["criteria"][0]["id"].to_string();
    let r = judge.put(&path, &json!({"scores": {criterion: points}})).await;
    assert_eq!(r.status(), StatusCode::OK);
}

fn round_score(board: &Value, contest: &Value, team: usize) -> Value {
    let tid = &contest["teams"][team]["id"];
    let row = board["standings"].as_array().unwrap().iter().find(|r| &r["team"]["id"] == tid).unwrap();
    row["rounds"][contest["rounds"][0]["id"].to_string()].clone()
}

on_both!(the_stream_never_carries_a_partial_round_score, |db: TestDb| async move {
    let server = db.serve().await;
    let (_organiser, judges, contest) = small_contest(&db, &server).await;
    let cid = contest["id"].as_i64().unwrap();
    let mut stream = EventStream::open(&server.base, cid, None).await;
    let first = stream.next_board(WAIT).await.expect("the standings at once on connect");
    assert_eq!(round_score(&first, &contest, 0), Value::Null);

    let marks = [(0, 0, "18"), (1, 0, "17"), (0, 1, "12"), (2, 0, "16.5"), (1, 1, "13"), (2, 1, "14")];
    let mut last_version = first["version"].as_i64().unwrap();
    for (n, (judge, team, points)) in marks.iter().enumerate() {
        mark(&judges[*judge], &contest, *team, points).await;
        let board = stream.next_board(WAIT).await.expect("an event after each mark");
        let version = board["version"].as_i64().unwrap();
        assert!(version > last_version, "versions grow");
        last_version = version;
        let a = round_score(&board, &contest, 0);
        let b = round_score(&board, &contest, 1);
        // Team A is complete after the 4th mark, team B after the 6th.
        assert_eq!(a, if n >= 3 { json!("17.17") } else { Value::Null }, "after mark {n}");
        assert_eq!(b, if n >= 5 { json!("13.00") } else { Value::Null }, "after mark {n}");
    }
});

on_both!(a_reconnecting_viewer_gets_only_newer_versions, |db: TestDb| async move {
    let server = db.serve_with(&[("KHEO_SSE_HEARTBEAT_SECS", "1")]).await;
    let (_organiser, judges, contest) = small_contest(&db, &server).await;
    let cid = contest["id"].as_i64().unwrap();
    let board: Value = server.client().get(&format!("/contests/{cid}/leaderboard")).await.json().await.unwrap();
    let current = board["version"].as_i64().unwrap();

    let mut stream = EventStream::open(&server.base, cid, Some(current)).await;
    // The first blocks are the retry hint and heartbeats, not a repeat.
    let mut saw_heartbeat = false;
    for _ in 0..3 {
        let ev = stream.next(Duration::from_millis(2500)).await.expect("the stream stays open");
        assert_ne!(ev.event.as_deref(), Some("leaderboard"), "nothing already seen is resent");
        saw_heartbeat |= ev.comment;
    }
    assert!(saw_heartbeat, "comment lines keep the stream alive");
    mark(&judges[0], &contest, 0, "10").await;
    let next = stream.next_board(WAIT).await.unwrap();
    assert!(next["version"].as_i64().unwrap() > current);
});

// A stream that is its connection's first request is held without hyper
// (`stream.rs`); one asked for on a kept-alive connection goes through the
// router. Both carry the same frames, and the router answers what the
// first cannot: an unknown contest.
on_both!(a_stream_is_the_same_on_a_new_or_a_kept_alive_connection, |db: TestDb| async move {
    let server = db.serve().await;
    let (_organiser, judges, contest) = small_contest(&db, &server).await;
    let cid = contest["id"].as_i64().unwrap();
    let mut fresh = EventStream::open(&server.base, cid, None).await;
    let kept = reqwest::Client::new();
    let page = kept.get(format!("{}/api/v1/contests/{cid}/leaderboard", server.base)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let board: Value = page.json().await.unwrap();
    let mut routed = EventStream::open_on(&kept, &server.base, cid, None).await;
    for stream in [&mut fresh, &mut routed] {
        let first = stream.next_board(WAIT).await.expect("the standings at once on connect");
        assert_eq!(first["version"], board["version"]);
    }
    mark(&judges[0], &contest, 0, "15").await;
    let (a, b) = (fresh.next_board(WAIT).await.unwrap(), routed.next_board(WAIT).await.unwrap());
    assert_eq!(a, b, "the same frame either way");
    assert!(a["version"].as_i64().unwrap() > board["version"].as_i64().unwrap());

    let unknown = reqwest::Client::new()
        .get(format!("{}/api/v1/contests/987654/leaderboard/stream", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let problem: Value = unknown.json().await.unwrap();
    assert!(problem["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{problem}");
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_changes_through_postgres() {
    let Some(db) = TestDb::new(Backend::Postgres).await else { return };
    let a = db.serve().await;
    let b = db.serve().await;
    let (_organiser, judges, contest) = small_contest(&db, &a).await;
    let cid = contest["id"].as_i64().unwrap();
    let mut on_b = EventStream::open(&b.base, cid, None).await;
    let first = on_b.next_board(WAIT).await.unwrap();

    for (judge, points) in [(0, "18"), (1, "17"), (2, "16.5")] {
        mark(&judges[judge], &contest, 0, points).await; // submitted on instance A
    }
    // B's viewer sees every change made on A, ending with the complete score.
    let mut board = on_b.next_board(WAIT).await.expect("instance B hears of a mark made on A");
    assert!(board["version"].as_i64() > first["version"].as_i64());
    while round_score(&board, &contest, 0).is_null() {
        board = on_b.next_board(WAIT).await.expect("the last mark arrives on B");
    }
    assert_eq!(round_score(&board, &contest, 0), "17.17");
}

// The audience's page is kept once rendered (`page_cache.rs`) and answered
// without the database while nothing changes; a change committed here shows
// on the very next request, plain or gzipped, in either language.
on_both!(a_kept_leaderboard_page_shows_a_change_at_once, |db: TestDb| async move {
    use std::io::Read;
    let server = db.serve().await;
    let (_organiser, judges, contest) = small_contest(&db, &server).await;
    let cid = contest["id"].as_i64().unwrap();
    let http = reqwest::Client::new();
    let page = |gzip: bool, lang: Option<&'static str>| {
        let mut req = http.get(format!("{}/contests/{cid}", server.base));
        if gzip {
            req = req.header("accept-encoding", "gzip");
        }
        if let Some(l) = lang {
            req = req.header("cookie", format!("kheo_lang={l}"));
        }
        async move {
            let r = req.send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let gzipped = r.headers().get("content-encoding").is_some_and(|v| v == "gzip");
            assert_eq!(gzipped, gzip);
            let body = r.bytes().await.unwrap();
            if gzipped {
                let mut html = String::new();
                flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut html).unwrap();
                html
            } else {
                String::from_utf8(body.to_vec()).unwrap()
            }
        }
    };
    let shows = |html: &str| html.contains("17,17") || html.contains("17.17");
    let before = page(false, None).await;
    assert!(!shows(&before));
    assert_eq!(page(false, None).await, before, "kept: the same page again");
    assert_eq!(page(true, None).await, before, "gzipped, the same page");
    for (judge, points) in [(0, "18"), (1, "17"), (2, "16.5")] {
        mark(&judges[judge], &contest, 0, points).await;
    }
    let after = page(false, None).await;
    assert!(shows(&after), "the new score on the next request");
    assert_eq!(page(true, None).await, after);
    let english = page(false, Some("en")).await;
    assert!(shows(&english));
    assert_ne!(english, after, "each language its own page");
});
