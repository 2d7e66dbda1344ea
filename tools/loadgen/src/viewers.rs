//! `viewers`: many audiences on one contest's standings stream while a
//! judge marks teams.
//!
//! The contest has one judge, so each acknowledged sheet completes a team
//! and makes exactly one new standings version. Viewers are plain TCP
//! connections speaking HTTP/1.1 (a full HTTP client per viewer would
//! measure the client, not the server). For every mark, the delivery time
//! is from the moment the judge's 200 arrives to the moment each viewer has
//! read a frame of that version or a newer one. A frame read before the 200
//! counts as 0. The server's memory per viewer is the growth of its
//! resident set between half and all of the viewers connected and idle;
//! its resident set is read again once they have all left.

use crate::{arg, client_signed_in, judge_accounts, loopback_only, ms, open_contest, pct};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// What one viewer saw: each version it read and when.
type Seen = Vec<(i64, Instant)>;

pub async fn run(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let viewers: usize = arg(args, "--viewers", "10000").parse().unwrap();
    let marks: usize = arg(args, "--marks", "20").parse().unwrap();
    let gap = Duration::from_millis(arg(args, "--gap-ms", "400").parse().unwrap());
    let server_pid: Option<u32> =
        args.iter().position(|a| a == "--server-pid").and_then(|i| args.get(i + 1)).and_then(|p| p.parse().ok());
    let host = base.split("://").nth(1).unwrap_or("127.0.0.1:3100").trim_end_matches('/').to_string();

    let admin =
        client_signed_in(&base, &arg(args, "--admin", "admin"), &arg(args, "--admin-password", "kheo-admin-2026"))
            .await;
    let api = format!("{base}/api/v1");
    let judge_name = judge_accounts(&admin, &api, 1).await;
    let contest = open_contest(&admin, &api, &judge_name, marks).await;
    let judge = client_signed_in(&base, &judge_name[0], "bench-password").await;
    // With --show the MC's cues (a question shown, then revealed) make the
    // new versions instead of the judge's marks.
    let show = match args.iter().any(|a| a == "--show") {
        true => Some(crate::show::quiz_contest(&admin, &api, marks.div_ceil(2), 3).await),
        false => None,
    };
    let stream_of = show.as_ref().map_or(contest.id, |s| s.0);
    let path = format!("/api/v1/contests/{stream_of}/leaderboard/stream");

    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_before = server_pid.and_then(rss_kib);

    // Connect in waves: a burst of 10,000 SYNs would overflow the listen
    // backlog and measure the kernel's retries instead of the server.
    eprintln!("connecting {viewers} viewers to {host}{path} …");
    let mut greeting = Duration::ZERO;
    let gate = Arc::new(Semaphore::new(256));
    let stop = Arc::new(tokio::sync::Notify::new());
    let mut tasks = Vec::with_capacity(viewers);
    // Memory is read with half the viewers connected and with all of them:
    // the growth between the two is what a viewer costs, free of whatever
    // the allocator kept from before and hands out again first.
    let half = viewers / 2;
    let mut rss_half = None;
    for (from, to) in [(0, half), (half, viewers)] {
        let wave = Instant::now();
        let (ready_tx, mut ready_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
        for _ in from..to {
            let (host, path, gate, ready, stop) =
                (host.clone(), path.clone(), gate.clone(), ready_tx.clone(), stop.clone());
            tasks.push(tokio::spawn(async move {
                let permit = gate.acquire_owned().await.unwrap();
                watch(&host, &path, permit, ready, stop).await
            }));
        }
        drop(ready_tx);
        for n in from..to {
            if ready_rx.recv().await.is_none() {
                panic!("only {n} of {viewers} viewers got their first frame");
            }
        }
        greeting += wave.elapsed();
        tokio::time::sleep(Duration::from_secs(2)).await;
        if from == 0 {
            rss_half = server_pid.and_then(rss_kib);
        }
    }
    eprintln!("{viewers} viewers connected and greeted in {:.1} s", greeting.as_secs_f64());
    let rss_idle = server_pid.and_then(rss_kib);

    let first_version = {
        let v: serde_json::Value =
            admin.get(format!("{api}/contests/{stream_of}/leaderboard")).send().await.unwrap().json().await.unwrap();
        v["version"].as_i64().unwrap()
    };
    let mut acks: Vec<(i64, Instant)> = Vec::with_capacity(marks);
    for (k, team) in contest.teams.iter().enumerate() {
        if let Some((cid, rid, questions, _)) = &show {
            let phase = if k % 2 == 0 { "shown" } else { "revealed" };
            crate::show::cue(&admin, &api, *cid, *rid, questions[k / 2], phase, Some(30)).await;
            acks.push((first_version + 1 + k as i64, Instant::now()));
            tokio::time::sleep(gap).await;
            continue;
        }
        let scores: serde_json::Map<String, serde_json::Value> = contest
            .criteria
            .iter()
            .enumerate()
            .map(|(c, id)| (id.clone(), json!(format!("{}.{}", 5 + (k + c) % 5, (k * 25) % 100))))
            .collect();
        let r = judge
            .put(format!("{api}/contests/{}/rounds/{}/teams/{team}/sheet", contest.id, contest.round))
            .json(&json!({"scores": scores}))
            .send()
            .await
            .unwrap();
        let status = r.status();
        r.bytes().await.unwrap();
        let at = Instant::now();
        assert_eq!(status, StatusCode::OK);
        acks.push((first_version + 1 + k as i64, at));
        tokio::time::sleep(gap).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.notify_waiters();
    let mut seen_all: Vec<Seen> = Vec::with_capacity(viewers);
    for t in tasks {
        seen_all.push(t.await.unwrap());
    }
    // Every viewer has closed its connection: what the server keeps of
    // them once it has noticed (and given memory back, every 5 s).
    tokio::time::sleep(Duration::from_secs(8)).await;
    let rss_left = server_pid.and_then(rss_kib);

    let mut delivery: Vec<Duration> = Vec::with_capacity(viewers * marks);
    let mut missing = 0usize;
    for seen in &seen_all {
        for (version, acked) in &acks {
            match seen.iter().find(|(v, _)| v >= version) {
                Some((_, at)) => delivery.push(at.saturating_duration_since(*acked)),
                None => missing += 1,
            }
        }
    }
    delivery.sort();
    println!(
        "viewers: {viewers} on one stream, {marks} {}: delivery p50 {}, p99 {}, max {}; {missing} deliveries missing",
        if show.is_some() { "quiz cues" } else { "marks" },
        ms(pct(&delivery, 50.0)),
        ms(pct(&delivery, 99.0)),
        ms(*delivery.last().unwrap()),
    );
    if let (Some(before), Some(mid), Some(idle)) = (rss_before, rss_half, rss_idle) {
        let per = (idle.saturating_sub(mid)) as f64 * 1024.0 / (viewers - half) as f64;
        println!(
            "server memory: {:.1} MB before, {:.1} MB with {half} idle viewers, {:.1} MB with {viewers}: {:.1} KB per viewer",
            before as f64 / 1024.0,
            mid as f64 / 1024.0,
            idle as f64 / 1024.0,
            per / 1000.0
        );
    }
    if let Some(left) = rss_left {
        println!("server memory once they had left: {:.1} MB", left as f64 / 1024.0);
    }
    assert_eq!(missing, 0, "every viewer must receive every version");
}

/// One viewer: holds its connection slot only until greeted, then reads
/// frames until told to stop.
async fn watch(
    host: &str,
    path: &str,
    permit: tokio::sync::OwnedSemaphorePermit,
    ready: tokio::sync::mpsc::UnboundedSender<()>,
    stop: Arc<tokio::sync::Notify>,
) -> Seen {
    let mut stream = loop {
        match TcpStream::connect(host).await {
            Ok(s) => break s,
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\nConnection: keep-alive\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut seen = Seen::new();
    let mut pending: Vec<u8> = Vec::with_capacity(4096);
    let mut buf = vec![0u8; 16 * 1024];
    let mut permit = Some(permit);
    let stopped = stop.notified();
    tokio::pin!(stopped);
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            n = stream.read(&mut buf) => {
                let n = match n { Ok(0) | Err(_) => break, Ok(n) => n };
                let at = Instant::now();
                pending.extend_from_slice(&buf[..n]);
                // A frame is complete at its blank line; its `id:` is the version.
                while let Some(end) = find(&pending, b"\n\n") {
                    if let Some(v) = frame_version(&pending[..end]) {
                        seen.push((v, at));
                        if permit.take().is_some() {
                            let _ = ready.send(());
                        }
                    }
                    pending.drain(..end + 2);
                }
            }
        }
    }
    seen
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn frame_version(frame: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(frame).ok()?;
    text.lines().find_map(|l| l.strip_prefix("id: ")).and_then(|v| v.trim().parse().ok())
}

/// The resident set of a process, in KiB.
pub(crate) fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
