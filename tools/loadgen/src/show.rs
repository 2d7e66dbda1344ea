//! `play` and `votes`: the show in the hall under load.
//!
//! ```text
//! kheo-loadgen play  --base URL [--phones 2000] [--window 10]
//! kheo-loadgen votes --base URL [--devices 5000] [--window 30] [--routers 100]
//! ```
//! `play` makes a contest with a quiz round, shows its question with a
//! countdown longer than the window, and has `--phones` phones (each a new
//! device: no cookie) answer it at moments spread evenly over `--window`
//! seconds. Every answer must be acknowledged (202); after the reveal the
//! audience's leaderboard must count every one. `votes` opens the
//! audience's vote and has `--devices` phones vote within `--window`
//! seconds, behind `--routers` addresses (a hall's phones share a few
//! Wi-Fi routers; the loopback peer is trusted to forward them); the
//! counts must be exact. Both print the latency of the acknowledgements.

use crate::{arg, client_signed_in, loopback_only, ms, pct};
use futures::future::join_all;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A contest with a judged round and an open quiz round of `questions`
/// multiple-choice questions: `(contest, quiz round, question ids, team ids)`.
pub async fn quiz_contest(admin: &Client, api: &str, questions: usize, teams: usize) -> (i64, i64, Vec<i64>, Vec<i64>) {
    let run = std::process::id();
    let def = json!({
        "name": format!("Đo tải phần thi kiến thức {run}"), "level": "commune", "unit": "Đo tải",
        "rounds": [
            {"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "20"}]},
            {"name": "Kiến thức", "kind": "quiz", "questions": (0..questions).map(|i| json!({
                "prompt": format!("Câu hỏi số {i}?"), "options": ["Một", "Hai", "Ba", "Bốn"], "answer": "B", "points": "10"
            })).collect::<Vec<_>>()}
        ],
        "teams": (0..teams).map(|i| json!({"name": format!("Đội {i}"), "unit": format!("Thôn {i}")})).collect::<Vec<_>>(),
    });
    let r = admin.post(format!("{api}/contests")).json(&def).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap_or_default());
    let c: Value = r.json().await.unwrap();
    let cid = c["id"].as_i64().unwrap();
    let rid = c["rounds"][1]["id"].as_i64().unwrap();
    let r = admin
        .put(format!("{api}/contests/{cid}/rounds/{rid}/state"))
        .json(&json!({"state": "open"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let ids =
        |key: &str, list: &Value| list.as_array().unwrap().iter().map(|q| q[key].as_i64().unwrap()).collect::<Vec<_>>();
    (cid, rid, ids("id", &c["rounds"][1]["questions"]), ids("id", &c["teams"]))
}

/// The MC's cue, as the console sends it.
pub async fn cue(admin: &Client, api: &str, cid: i64, rid: i64, question: i64, phase: &str, seconds: Option<u32>) {
    let r = admin
        .put(format!("{api}/contests/{cid}/rounds/{rid}/quiz"))
        .json(&json!({"question_id": question, "phase": phase, "seconds": seconds}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
}

/// `n` requests spread evenly over `window`, each timed from its send.
async fn spread<F, Fut>(n: usize, window: Duration, each: F) -> (Vec<Duration>, usize, Duration)
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = StatusCode>,
{
    let started = Instant::now();
    let tasks = (0..n).map(|i| {
        let at = window.mul_f64(i as f64 / n.max(1) as f64);
        let fut = each(i);
        async move {
            tokio::time::sleep_until(tokio::time::Instant::from_std(started + at)).await;
            let t0 = Instant::now();
            let status = fut.await;
            (t0.elapsed(), status)
        }
    });
    let done = join_all(tasks).await;
    let wall = started.elapsed();
    let refused = done.iter().filter(|(_, s)| *s != StatusCode::ACCEPTED).count();
    let mut lat: Vec<Duration> = done.into_iter().map(|(d, _)| d).collect();
    lat.sort();
    (lat, refused, wall)
}

fn report(what: &str, lat: &[Duration], wall: Duration) {
    println!(
        "{what}: {} acknowledged in {:.1} s: p50 {}, p90 {}, p99 {}, max {}",
        lat.len(),
        wall.as_secs_f64(),
        ms(pct(lat, 50.0)),
        ms(pct(lat, 90.0)),
        ms(pct(lat, 99.0)),
        ms(*lat.last().unwrap()),
    );
}

/// Sends a request and reads its answer whole; its status.
async fn status_of(req: reqwest::RequestBuilder) -> StatusCode {
    let r = req.send().await.unwrap();
    let s = r.status();
    r.bytes().await.unwrap();
    s
}

fn phones_client() -> Client {
    // No cookie store: every request is a phone the server has not seen.
    Client::builder().pool_max_idle_per_host(256).build().unwrap()
}

pub async fn play(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let phones: usize = arg(args, "--phones", "2000").parse().unwrap();
    let window = Duration::from_secs(arg(args, "--window", "10").parse().unwrap());
    let admin =
        client_signed_in(&base, &arg(args, "--admin", "admin"), &arg(args, "--admin-password", "kheo-admin-2026"))
            .await;
    let api = format!("{base}/api/v1");
    let (cid, rid, questions, _) = quiz_contest(&admin, &api, 1, 5).await;
    let q = questions[0];
    cue(&admin, &api, cid, rid, q, "shown", Some(window.as_secs() as u32 + 5)).await;
    eprintln!("{phones} phones answer within {} s against {base} …", window.as_secs());
    let http = phones_client();
    let (lat, refused, wall) = spread(phones, window, |i| {
        let (http, api) = (http.clone(), api.clone());
        async move {
            let choice = ["A", "B", "C", "D"][i % 4];
            let body = json!({"question_id": q, "choice": choice, "nickname": format!("Khán giả {i}")});
            status_of(http.post(format!("{api}/contests/{cid}/play")).json(&body)).await
        }
    })
    .await;
    report("play", &lat, wall);
    cue(&admin, &api, cid, rid, q, "revealed", None).await;
    let board: Value =
        http.get(format!("{api}/contests/{cid}/play/leaderboard")).send().await.unwrap().json().await.unwrap();
    let counted = board["answers"].as_u64().unwrap_or(0) as usize;
    println!("play: {refused} refused, {counted} of {phones} answers counted, {} lost", phones - counted.min(phones));
    assert_eq!((refused, counted), (0, phones), "every answer acknowledged and counted");
}

pub async fn votes(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let devices: usize = arg(args, "--devices", "5000").parse().unwrap();
    let window = Duration::from_secs(arg(args, "--window", "30").parse().unwrap());
    let routers: usize = arg(args, "--routers", "100").parse().unwrap();
    let admin =
        client_signed_in(&base, &arg(args, "--admin", "admin"), &arg(args, "--admin-password", "kheo-admin-2026"))
            .await;
    let api = format!("{base}/api/v1");
    let (cid, _, _, teams) = quiz_contest(&admin, &api, 1, 8).await;
    let r = admin
        .put(format!("{api}/contests/{cid}/vote"))
        .json(&json!({"open": true, "prize_name": "Đo tải"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    eprintln!("{devices} phones vote within {} s behind {routers} routers against {base} …", window.as_secs());
    let http = phones_client();
    let team_of = |i: usize| teams[(i * 7 + i / 3) % teams.len()];
    let (lat, refused, wall) = spread(devices, window, |i| {
        let (http, api, team) = (http.clone(), api.clone(), team_of(i));
        async move {
            let router = format!("10.{}.{}.1", (i % routers) / 250, (i % routers) % 250);
            let req = http.post(format!("{api}/contests/{cid}/votes")).header("x-forwarded-for", router);
            status_of(req.json(&json!({"team_id": team}))).await
        }
    })
    .await;
    report("votes", &lat, wall);
    let tally: Value = admin.get(format!("{api}/contests/{cid}/votes")).send().await.unwrap().json().await.unwrap();
    let mut exact = true;
    for t in &teams {
        let want = (0..devices).filter(|&i| team_of(i) == *t).count() as u64;
        let got = tally["teams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["team_id"] == *t)
            .map_or(0, |x| x["votes"].as_u64().unwrap());
        exact &= want == got;
    }
    println!("votes: {refused} refused, total {} of {devices}, per team exact: {exact}", tally["total"]);
    assert!(refused == 0 && exact && tally["total"].as_u64() == Some(devices as u64), "totals exact");
}
