//! `kheo-loadgen statistics`: a province's season, then the statistics page.
//!
//! ```text
//! kheo-loadgen statistics --base URL [--contests 100] [--teams 10] [--requests 50] [--models 0]
//! ```
//! Signs in as the demo admin and makes `--contests` contests of the year
//! 2027 under one province's units (a district, its communes), each with
//! `--teams` teams of five members and a model each, a judged
//! round scored by three judges, locked and published — a season of
//! 1,000 teams by default, made through the API as organisers would. Then it
//! asks for `/statistics?year=2027` (the whole HTML page, rendered on the
//! server) `--requests` times one after another, and the JSON as often,
//! and prints the latency of each.
//!
//! With `--models N` it also registers N models a year for the three years
//! up to 2027 (a province's register: 7,000 a year is 21,000), spread over
//! the communes, fields and kinds, half of them recognised by the
//! province, and a photo on one model in four (5,250 photos at 7,000 a
//! year); then times the public register (`/mo-hinh`, filtered), a search
//! typed without accents (the page and `GET /models?q=`), a model's page
//! with its photo, and `GET /statistics/models`.

use super::{arg, client_signed_in, judge_accounts, loopback_only, ms, pct};
use futures::future::join_all;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const YEAR: i32 = 2027;

async fn post(http: &Client, url: String, body: Value) -> Value {
    let r = http.post(&url).json(&body).send().await.expect("the server answers");
    let status = r.status();
    let v: Value = r.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "POST {url}: {status} {v}");
    v
}

async fn put(http: &Client, url: String, body: Value) {
    let r = http.put(&url).json(&body).send().await.expect("the server answers");
    assert_eq!(r.status(), StatusCode::OK, "PUT {url}");
}

/// Units: a province, a district under it, and `n` communes under that.
async fn units(admin: &Client, api: &str, n: usize) -> (i64, Vec<i64>) {
    let run = std::process::id();
    let province = post(admin, format!("{api}/units"), json!({"name": format!("Tỉnh Thử {run}"), "kind": "province"}))
        .await["id"]
        .clone();
    let district = post(
        admin,
        format!("{api}/units"),
        json!({"name": format!("Huyện Thử {run}"), "kind": "district", "parent_id": province}),
    )
    .await["id"]
        .clone();
    let mut communes = Vec::with_capacity(n);
    for i in 0..n {
        let c = post(
            admin,
            format!("{api}/units"),
            json!({"name": format!("Xã Thử {run}-{i}"), "kind": "commune", "parent_id": district}),
        )
        .await;
        communes.push(c["id"].as_i64().unwrap());
    }
    (province.as_i64().unwrap(), communes)
}

/// One finished contest: teams, a round scored by every judge, published.
async fn contest(admin: &Client, judges: &[(String, Client)], api: &str, unit: i64, k: usize, teams: usize) {
    let fields = ["economy", "culture_society", "defence_security", "political_system"];
    let team_defs: Vec<Value> = (0..teams)
        .map(|t| {
            json!({
                "name": format!("Đội {t}"), "unit": format!("Thôn {t}"),
                "model_name": format!("Mô hình {k}-{t}"), "model_field": fields[(k + t) % 4],
                "model_kind": if t % 3 == 0 { "individual" } else { "collective" },
                "members": (0..5).map(|m| json!({"name": format!("Thành viên {m}"), "role": if m == 0 { "captain" } else { "main" }})).collect::<Vec<_>>()
            })
        })
        .collect();
    let c = post(
        admin,
        format!("{api}/contests"),
        json!({
            "name": format!("Hội thi thử {k}"), "level": if k.is_multiple_of(10) { "district" } else { "commune" },
            "unit": "x", "unit_id": unit, "date": format!("{YEAR}-10-{:02}", 1 + k % 28),
            "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
            "teams": team_defs,
            "judges": judges.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
        }),
    )
    .await;
    let cid = c["id"].as_i64().unwrap();
    let round = &c["rounds"][0];
    let state = format!("{api}/contests/{cid}/rounds/{}/state", round["id"]);
    put(admin, state.clone(), json!({"state": "open"})).await;
    let criterion = round["criteria"][0]["id"].to_string();
    let criterion = &criterion;
    let sheets = c["teams"].as_array().unwrap().iter().enumerate().flat_map(|(t, team)| {
        judges.iter().enumerate().map(move |(j, (_, http))| {
            let url = format!("{api}/contests/{cid}/rounds/{}/teams/{}/sheet", round["id"], team["id"]);
            let points = 40 + ((k * 7 + t * 13 + j * 5) % 60);
            let body = json!({"scores": {criterion.clone(): points.to_string()}});
            async move { put(http, url, body).await }
        })
    });
    join_all(sheets).await;
    put(admin, state.clone(), json!({"state": "locked"})).await;
    put(admin, state, json!({"state": "published"})).await;
}

/// A small photo (320 × 240 PNG) as a unit would send; the server reads,
/// resizes and stores each.
const PHOTO: &[u8] = include_bytes!("photo.png");

/// A province's register: `per_year` models in each of the three years up
/// to [`YEAR`], half of them moved on to recognised, one in four with a
/// photo, 64 requests at a time. Answers a model with a photo.
async fn register(admin: &Client, api: &str, communes: &[i64], per_year: usize) -> i64 {
    use futures::StreamExt;
    let fields = ["economy", "culture_society", "defence_security", "political_system"];
    let words =
        ["hiến đất làm đường", "camera an ninh", "hũ gạo tình thương", "tổ hòa giải", "chè hàng hóa", "đường hoa"];
    let jobs = (0..3 * per_year).map(|i| {
        let year = YEAR - (i / per_year) as i32;
        let body = json!({
            "unit_id": communes[i % communes.len()], "year": year,
            "name": format!("Dân vận khéo trong {} số {i}", words[i % words.len()]),
            "field": fields[i % 4], "kind": if i % 3 == 0 { "individual" } else { "collective" },
            "owner": format!("Chi bộ thôn {}", i % 97), "summary": "Vận động nhân dân cùng làm, cùng hưởng.",
            "details": {"situation": "Thực trạng của địa bàn.", "outputs": "Sản phẩm đầu ra."}
        });
        async move {
            let m = post(admin, format!("{api}/models"), body).await;
            if i % 2 == 0 {
                let url = format!("{api}/models/{}/status", m["id"]);
                for to in ["implementing", "recognised"] {
                    post(admin, url.clone(), json!({"status": to, "decision": "Quyết định số 1"})).await;
                }
            }
            if i % 4 == 0 {
                let url = format!("{api}/models/{}/photos", m["id"]);
                let r = admin.post(&url).header("content-type", "image/png").body(PHOTO).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::CREATED, "POST {url}");
            }
            (m["id"].as_i64().unwrap_or(0), i % 4 == 0)
        }
    });
    let ids: Vec<(i64, bool)> = futures::stream::iter(jobs).buffer_unordered(64).collect().await;
    ids.into_iter().find(|(_, photo)| *photo).map_or(0, |(id, _)| id)
}

async fn time(http: &Client, url: &str, n: usize) -> Vec<Duration> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let r = http.get(url).send().await.expect("the server answers");
        assert_eq!(r.status(), StatusCode::OK, "GET {url}");
        let _ = r.bytes().await;
        out.push(started.elapsed());
    }
    out.sort();
    out
}

pub async fn run(args: &[String]) {
    let base = arg(args, "--base", "http://127.0.0.1:3100");
    loopback_only(&base);
    let n: usize = arg(args, "--contests", "100").parse().unwrap();
    let teams: usize = arg(args, "--teams", "10").parse().unwrap();
    let requests: usize = arg(args, "--requests", "50").parse().unwrap();
    let models: usize = arg(args, "--models", "0").parse().unwrap();
    let api = format!("{base}/api/v1");
    let anyone = Client::new();
    // `--province ID`: the season is there already (made by an earlier
    // run, kept in the database); only the requests are timed, so two
    // builds can be timed on the same data.
    if let Some(province) = args.iter().position(|a| a == "--province").and_then(|i| args.get(i + 1)) {
        let province: i64 = province.parse().expect("--province takes the province's unit id");
        return measure(&anyone, &base, &api, province, None, requests).await;
    }
    let admin = client_signed_in(&base, "admin", "kheo-admin-2026").await;
    let started = Instant::now();
    let (province, communes) = units(&admin, &api, n).await;
    let names = judge_accounts(&admin, &api, 3).await;
    let mut judges = Vec::new();
    for name in names {
        let http = client_signed_in(&base, &name, "bench-password").await;
        judges.push((name, http));
    }
    for (k, unit) in communes.iter().enumerate() {
        contest(&admin, &judges, &api, *unit, k, teams).await;
    }
    eprintln!("seeded {n} contests × {teams} teams in {:.1} s", started.elapsed().as_secs_f64());
    let mut with_photo = 0;
    if models > 0 {
        let started = Instant::now();
        with_photo = register(&admin, &api, &communes, models).await;
        eprintln!("registered {} models in {:.1} s", 3 * models, started.elapsed().as_secs_f64());
    }
    eprintln!("the province's unit id (for --province): {province}");
    let photo = (models > 0).then_some(with_photo);
    measure(&anyone, &base, &api, province, photo, requests).await;
}

/// Times the statistics (and, with a model that has a photo, the
/// register) `requests` times each.
async fn measure(anyone: &Client, base: &str, api: &str, province: i64, with_photo: Option<i64>, requests: usize) {
    let stats: Value = anyone.get(format!("{api}/statistics?year={YEAR}")).send().await.unwrap().json().await.unwrap();
    println!(
        "season {YEAR}: {} contests, {} teams, {} members, prizes {}",
        stats["contests"]["commune"].as_i64().unwrap_or(0) + stats["contests"]["district"].as_i64().unwrap_or(0),
        stats["teams"],
        stats["members"],
        stats["prizes"]
    );
    let mut urls = vec![
        ("statistics page (HTML)", format!("{base}/statistics?year={YEAR}")),
        ("statistics page for the province", format!("{base}/statistics?year={YEAR}&unit_id={province}")),
        ("GET /statistics (JSON)", format!("{api}/statistics?year={YEAR}")),
        ("GET /statistics for the province", format!("{api}/statistics?year={YEAR}&unit_id={province}")),
    ];
    if let Some(with_photo) = with_photo {
        urls.extend([
            ("register page, a year and a field", format!("{base}/mo-hinh?year={YEAR}&field=economy")),
            ("register page, the province", format!("{base}/mo-hinh?unit_id={province}&year={YEAR}")),
            ("register page, a search", format!("{base}/mo-hinh?q=hu%20gao%20tinh%20thuong%20so%2012")),
            ("GET /models?q= (search)", format!("{api}/models?q=hu%20gao%20tinh%20thuong%20so%2012")),
            ("a model's page with a photo", format!("{base}/mo-hinh/{with_photo}")),
            ("GET /statistics/models", format!("{api}/statistics/models?year={YEAR}&unit_id={province}")),
        ]);
    }
    for (what, url) in urls {
        let d = time(anyone, &url, requests).await;
        println!(
            "{what:<34} p50 {}  p90 {}  p99 {}  max {}",
            ms(pct(&d, 50.0)),
            ms(pct(&d, 90.0)),
            ms(pct(&d, 99.0)),
            ms(*d.last().unwrap())
        );
    }
}
