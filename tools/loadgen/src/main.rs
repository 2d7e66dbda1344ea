//! `kheo-loadgen`: measures a running Khéo server from outside, over HTTP,
//! on this machine's loopback only.
//!
//! ```text
//! kheo-loadgen sheets  --base URL [--judges 50] [--teams 10] [--passes 4]
//! kheo-loadgen viewers --base URL [--viewers 10000] [--marks 20] [--server-pid PID]
//! kheo-loadgen pages   --base URL [--connections 64] [--seconds 10] [--path /contests/1]
//! kheo-loadgen statistics --base URL [--contests 100] [--teams 10] [--requests 50]
//! kheo-loadgen play    --base URL [--phones 2000] [--window 10]
//! kheo-loadgen votes   --base URL [--devices 5000] [--window 30] [--routers 100]
//! kheo-loadgen slow    --base URL [--slow 5000] [--stalled 2000] [--server-pid PID]
//! ```
//! `sheets` signs in as the demo admin, makes a contest with a panel of
//! `--judges` fresh judge accounts, opens its round, then has every judge
//! submit a sheet for every team, `--passes` times (later passes amend),
//! all judges at once. It prints the latency of the acknowledgements.
//! `viewers` (with `--show`, the quiz's cues instead of marks), `pages`,
//! `statistics`, `play`, `votes` and `slow` are described in their modules.

mod pages;
mod show;
mod slow;
mod statistics;
mod viewers;

use futures::future::join_all;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

fn loopback_only(base: &str) {
    let host = base.split("://").nth(1).unwrap_or("").split(['/', ':']).next().unwrap_or("");
    assert!(
        matches!(host, "127.0.0.1" | "localhost" | "[::1]"),
        "kheo-loadgen only targets this machine's loopback, not {host}"
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("sheets") => sheets(&args).await,
        Some("viewers") => viewers::run(&args).await,
        Some("pages") => pages::run(&args).await,
        Some("statistics") => statistics::run(&args).await,
        Some("play") => show::play(&args).await,
        Some("votes") => show::votes(&args).await,
        Some("slow") => slow::run(&args).await,
        _ => {
            eprintln!(
                "usage: kheo-loadgen sheets|viewers|pages|statistics|play|votes|slow --base http://127.0.0.1:3100 … (see the source's header)"
            );
            std::process::exit(2);
        }
    }
}

async fn client_signed_in(base: &str, username: &str, password: &str) -> Client {
    let http = Client::builder().cookie_store(true).pool_max_idle_per_host(4).build().unwrap();
    let r = http
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(r.status(), StatusCode::OK, "sign in as {username}");
    http
}

/// Percentile of sorted durations, nearest rank.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// `n` fresh judge accounts, all with the password `bench-password`.
async fn judge_accounts(admin: &Client, api: &str, n: usize) -> Vec<String> {
    // A panel per call: a run may measure more than one.
    static PANELS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let panel = PANELS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let run = std::process::id();
    let names: Vec<String> = (0..n).map(|i| format!("bench{run}-{panel}-{i}")).collect();
    for name in &names {
        let r = admin
            .post(format!("{api}/users"))
            .json(&json!({"username": name, "password": "bench-password", "display_name": name, "role": "judge"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    names
}

/// A contest made for measuring, its one round open.
struct BenchContest {
    id: i64,
    round: i64,
    criteria: Vec<String>,
    teams: Vec<i64>,
}

async fn open_contest(admin: &Client, api: &str, judges: &[String], teams: usize) -> BenchContest {
    let run = std::process::id();
    let def = json!({
        "name": format!("Đo tải {run}"), "level": "district", "unit": "Đo tải",
        "rounds": [{"name": "Tiểu phẩm", "criteria": [
            {"name": "Nội dung", "max_points": "20"}, {"name": "Dàn dựng", "max_points": "10"}, {"name": "Diễn xuất", "max_points": "10"}]}],
        "teams": (0..teams).map(|i| json!({"name": format!("Đội {i}"), "unit": format!("Xã {i}")})).collect::<Vec<_>>(),
        "judges": judges,
    });
    let r = admin.post(format!("{api}/contests")).json(&def).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let (id, round) = (contest["id"].as_i64().unwrap(), contest["rounds"][0]["id"].as_i64().unwrap());
    let r = admin
        .put(format!("{api}/contests/{id}/rounds/{round}/state"))
        .json(&json!({"state": "open"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    BenchContest {
        id,
        round,
        criteria: contest["rounds"][0]["criteria"].as_array().unwrap().iter().map(|c| c["id"].to_string()).collect(),
        teams: contest["teams"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect(),
    }
}

async fn sheets(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let judges: usize = arg(args, "--judges", "50").parse().unwrap();
    let teams: usize = arg(args, "--teams", "10").parse().unwrap();
    let passes: usize = arg(args, "--passes", "4").parse().unwrap();
    let admin =
        client_signed_in(&base, &arg(args, "--admin", "admin"), &arg(args, "--admin-password", "kheo-admin-2026"))
            .await;
    eprintln!("{judges} judges × {teams} teams × {passes} passes against {base} …");
    let (all, wall) = panel(&admin, &base, judges, teams, passes).await;
    println!(
        "sheets: {} acknowledged in {:.1} s ({:.0}/s), {judges} judges at once: p50 {}, p90 {}, p99 {}, max {}",
        all.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64(),
        ms(pct(&all, 50.0)),
        ms(pct(&all, 90.0)),
        ms(pct(&all, 99.0)),
        ms(*all.last().unwrap()),
    );
}

/// A fresh contest with a panel of `judges` new accounts, every judge
/// submitting a sheet for every team `passes` times, all judges at once;
/// the acknowledgements' latencies, sorted, and the time from the first
/// sheet to the last (accounts, contest and sign-ins come before it).
async fn panel(admin: &Client, base: &str, judges: usize, teams: usize, passes: usize) -> (Vec<Duration>, Duration) {
    let api = format!("{base}/api/v1");
    let names = judge_accounts(admin, &api, judges).await;
    let contest = open_contest(admin, &api, &names, teams).await;
    let (cid, rid) = (contest.id, contest.round);
    let (criteria, team_ids) = (contest.criteria, contest.teams);

    let mut clients = Vec::new();
    for n in &names {
        clients.push(client_signed_in(base, n, "bench-password").await);
    }
    let started = Instant::now();
    let per_judge = clients.into_iter().enumerate().map(|(j, http)| {
        let (api, criteria, team_ids) = (api.clone(), criteria.clone(), team_ids.clone());
        async move {
            let mut latencies = Vec::new();
            for pass in 0..passes {
                for (t, team) in team_ids.iter().enumerate() {
                    let scores: serde_json::Map<String, Value> = criteria
                        .iter()
                        .enumerate()
                        .map(|(c, id)| {
                            (id.clone(), json!(format!("{}.{}", 5 + (j + t + c + pass) % 5, (j * 7 + pass) % 4 * 25)))
                        })
                        .collect();
                    let t0 = Instant::now();
                    let r = http
                        .put(format!("{api}/contests/{cid}/rounds/{rid}/teams/{team}/sheet"))
                        .json(&json!({"scores": scores}))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
                    r.bytes().await.unwrap();
                    latencies.push(t0.elapsed());
                }
            }
            latencies
        }
    });
    let mut all: Vec<Duration> = join_all(per_judge).await.into_iter().flatten().collect();
    let wall = started.elapsed();
    all.sort();
    (all, wall)
}
