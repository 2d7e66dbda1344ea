//! `pages`: how many public leaderboard pages a server renders per second.
//! `--connections` keep-alive connections each ask for `--path` again as
//! soon as the previous page has fully arrived, for `--seconds`.

use crate::{arg, loopback_only, ms, pct};
use std::time::{Duration, Instant};

pub async fn run(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let connections: usize = arg(args, "--connections", "64").parse().unwrap();
    let seconds: u64 = arg(args, "--seconds", "10").parse().unwrap();
    let path = arg(args, "--path", "/contests/1");
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let mut headers = reqwest::header::HeaderMap::new();
    if args.iter().any(|a| a == "--gzip") {
        headers.insert(reqwest::header::ACCEPT_ENCODING, reqwest::header::HeaderValue::from_static("gzip"));
    }
    let http = reqwest::Client::builder().pool_max_idle_per_host(connections).default_headers(headers).build().unwrap();

    // One page first: a wrong path should fail loudly, not be measured.
    let first = http.get(&url).send().await.expect("the server answers");
    assert!(first.status().is_success(), "GET {url}: {}", first.status());
    let encoding = first
        .headers()
        .get(reqwest::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_string();
    let bytes = first.bytes().await.unwrap().len();

    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers = (0..connections).map(|_| {
        let (http, url) = (http.clone(), url.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0usize;
            while Instant::now() < until {
                let t0 = Instant::now();
                let ok = match http.get(&url).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    latencies.push(t0.elapsed());
                } else {
                    failures += 1;
                }
            }
            (latencies, failures)
        })
    });
    let mut all = Vec::new();
    let mut failures = 0;
    for w in workers.collect::<Vec<_>>() {
        let (l, f) = w.await.unwrap();
        all.extend(l);
        failures += f;
    }
    let wall = started.elapsed().as_secs_f64();
    all.sort();
    println!(
        "pages: GET {path} ({bytes} B {encoding}): {} in {wall:.1} s = {:.0} req/s over {connections} connections; p50 {}, p99 {}, max {}; {failures} failed",
        all.len(),
        all.len() as f64 / wall,
        ms(pct(&all, 50.0)),
        ms(pct(&all, 99.0)),
        ms(*all.last().unwrap()),
    );
}
