//! `slow`: a panel of judges while the hall's Wi-Fi is full of slow
//! clients.
//!
//! ```text
//! kheo-loadgen slow --base URL [--slow 5000] [--stalled 2000] [--server-pid PID] [--hold 40]
//! ```
//! First a panel of 5 judges submits on an idle server (p50/p99). Then
//! `--slow` connections start a request and send its headers one byte a
//! second, and `--stalled` stream viewers ask for the live leaderboard and
//! never read a byte; the same panel submits again, on a fresh contest.
//! Then it waits `--hold` seconds and counts the slow connections the
//! server has closed (its header timeout), and reports the server's
//! resident memory idle, under the slow clients, and after they are gone.

use crate::{arg, client_signed_in, loopback_only, ms, panel, pct};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub async fn run(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let slow: usize = arg(args, "--slow", "5000").parse().unwrap();
    let stalled: usize = arg(args, "--stalled", "2000").parse().unwrap();
    let hold: u64 = arg(args, "--hold", "40").parse().unwrap();
    let pid: Option<u32> = arg(args, "--server-pid", "").parse().ok();
    let admin =
        client_signed_in(&base, &arg(args, "--admin", "admin"), &arg(args, "--admin-password", "kheo-admin-2026"))
            .await;
    let addr = base.split("://").nth(1).unwrap().trim_end_matches('/').to_string();
    let rss = |when: &str| {
        if let Some(kib) = pid.and_then(crate::viewers::rss_kib) {
            println!("slow: server resident memory {when}: {:.1} MB", kib as f64 / 1024.0);
        }
    };

    rss("idle");
    let (idle, _) = panel(&admin, &base, 5, 10, 20).await;
    report("idle server", &idle);

    // The stalled viewers first: they hold their streams from the start,
    // on the contest just measured, whose stream has frames to send.
    let contests: serde_json::Value =
        admin.get(format!("{base}/api/v1/contests")).send().await.unwrap().json().await.unwrap();
    let contest = contests["contests"][0]["id"].as_i64().unwrap_or(1);
    let stop = Arc::new(tokio::sync::Notify::new());
    let mut held = Vec::new();
    for _ in 0..stalled {
        if let Ok(mut s) = TcpStream::connect(&addr).await {
            let req = format!(
                "GET /api/v1/contests/{contest}/leaderboard/stream HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
            );
            if s.write_all(req.as_bytes()).await.is_ok() {
                held.push(s);
            }
        }
    }
    let opened = Instant::now();
    let closed = Arc::new(AtomicUsize::new(0));
    let started = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..slow {
        let (addr, closed, started, stop) = (addr.clone(), closed.clone(), started.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            // Spread over the first second, as phones joining the Wi-Fi.
            tokio::time::sleep(Duration::from_micros((i as u64 * 1_000_000) / slow.max(1) as u64)).await;
            let Ok(mut s) = TcpStream::connect(&addr).await else { return };
            started.fetch_add(1, Ordering::Relaxed);
            let head = format!("GET /contests HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ");
            let mut buf = [0u8; 256];
            for byte in head.bytes().chain(std::iter::repeat(b'a')) {
                tokio::select! {
                    _ = stop.notified() => return,
                    r = s.read(&mut buf) => {
                        // The server closed it (or answered and closed).
                        if matches!(r, Ok(0) | Err(_)) {
                            closed.fetch_add(1, Ordering::Relaxed);
                            return;
                        }
                    }
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {
                        if s.write_all(&[byte]).await.is_err() {
                            closed.fetch_add(1, Ordering::Relaxed);
                            return;
                        }
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    println!(
        "slow: {} connections sending their headers a byte a second, {} stream viewers that never read",
        started.load(Ordering::Relaxed),
        held.len()
    );
    rss("with the slow clients");
    let (loaded, _) = panel(&admin, &base, 5, 10, 20).await;
    report("with the slow clients", &loaded);
    let ratio = pct(&loaded, 99.0).as_secs_f64() / pct(&idle, 99.0).as_secs_f64().max(1e-6);
    println!("slow: p99 with the slow clients / idle = {ratio:.2}");
    let until = opened + Duration::from_secs(hold);
    while Instant::now() < until && closed.load(Ordering::Relaxed) < started.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "slow: {} of {} slow connections closed by the server within {:.0} s of opening",
        closed.load(Ordering::Relaxed),
        started.load(Ordering::Relaxed),
        opened.elapsed().as_secs_f64()
    );
    rss("with the slow connections closed, stalled viewers still open");
    stop.notify_waiters();
    for t in tasks {
        t.abort();
    }
    drop(held);
    tokio::time::sleep(Duration::from_secs(3)).await;
    rss("after they all left");
}

fn report(when: &str, sorted: &[Duration]) {
    println!(
        "slow: panel of 5, {} sheets, {when}: p50 {}, p90 {}, p99 {}, max {}",
        sorted.len(),
        ms(pct(sorted, 50.0)),
        ms(pct(sorted, 90.0)),
        ms(pct(sorted, 99.0)),
        ms(*sorted.last().unwrap())
    );
}
