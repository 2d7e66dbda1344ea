//! `kheo backup`: a copy of the SQLite database taken while fifty judges
//! keep submitting holds every sheet acknowledged before it began, serves,
//! and its ledger verifies; on PostgreSQL it points to pg_dump.

mod common;

use common::{Backend, TestDb};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

const PASSWORD: &str = "mat-khau-dai-2026";
const TEAMS: usize = 6;
const JUDGES: usize = 50;

fn sqlite_path(url: &str) -> String {
    url.trim_start_matches("sqlite://").split('?').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_load_holds_every_acknowledged_sheet() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    db.add_user("btc", PASSWORD, "organiser");
    let judges: Vec<String> = (1..=JUDGES).map(|i| format!("gk{i}")).collect();
    for j in &judges {
        db.add_user(j, PASSWORD, "judge");
    }
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let teams: Vec<Value> =
        (1..=TEAMS).map(|i| json!({"name": format!("Đội {i}"), "unit": format!("Thôn {i}")})).collect();
    let r = organiser
        .post(
            "/contests",
            &json!({"name": "Hội thi sao lưu", "level": "commune", "unit": "Xã A",
                    "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
                    "teams": teams, "judges": judges}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let (cid, rid) = (contest["id"].as_i64().unwrap(), contest["rounds"][0]["id"].as_i64().unwrap());
    let criterion = contest["rounds"][0]["criteria"][0]["id"].to_string();
    let state = format!("/contests/{cid}/rounds/{rid}/state");
    assert_eq!(organiser.put(&state, &json!({"state": "open"})).await.status(), StatusCode::OK);

    // Fifty judges send every team's sheet at once; each acknowledgement is
    // noted.
    let acked: Arc<Mutex<Vec<(i64, i64, String)>>> = Arc::default();
    let mut signed_in = Vec::new();
    for username in &judges {
        let api = server.client();
        let judge: Value = api.sign_in(username, PASSWORD).await;
        signed_in.push((api, judge["user"]["id"].as_i64().unwrap()));
    }
    let mut writers = Vec::new();
    for (j, (api, judge_id)) in signed_in.into_iter().enumerate() {
        let (acked, criterion) = (acked.clone(), criterion.clone());
        let team_ids: Vec<i64> =
            contest["teams"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
        writers.push(tokio::spawn(async move {
            for (k, tid) in team_ids.into_iter().enumerate() {
                let points = format!("{}", 50 + (k * 7 + j * 3) % 50);
                let path = format!("/contests/{cid}/rounds/{rid}/teams/{tid}/sheet");
                let r = api.put(&path, &json!({"scores": {criterion.clone(): points.clone()}})).await;
                assert_eq!(r.status(), StatusCode::OK);
                acked.lock().unwrap().push((tid, judge_id, points));
            }
        }));
    }
    while acked.lock().unwrap().len() < TEAMS * JUDGES / 3 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before: Vec<(i64, i64, String)> = acked.lock().unwrap().clone();
    let copy_db = TestDb::new(Backend::Sqlite).await.unwrap();
    let out = db.kheo(&["backup", &sqlite_path(&copy_db.url)], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let during = acked.lock().unwrap().len();
    for w in writers {
        w.await.unwrap();
    }
    assert!(during < TEAMS * JUDGES, "the backup ran while judges were still sending ({during})");

    // Served from the copy: every sheet acknowledged before it began is there.
    let again = db.kheo(&["backup", &sqlite_path(&copy_db.url)], "");
    assert_eq!(again.status.code(), Some(1), "an existing file is never overwritten");
    let restored = copy_db.serve().await;
    let reader = restored.client();
    reader.sign_in("btc", PASSWORD).await;
    let list: Value = reader.get(&format!("/contests/{cid}/rounds/{rid}/sheets")).await.json().await.unwrap();
    let stored: BTreeMap<(i64, i64), String> = list["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let key = (s["team_id"].as_i64().unwrap(), s["judge_id"].as_i64().unwrap());
            (key, s["scores"][&criterion].as_str().unwrap().to_string())
        })
        .collect();
    for (tid, judge, points) in &before {
        assert_eq!(stored.get(&(*tid, *judge)), Some(points), "sheet of judge {judge} for team {tid}");
    }
    assert!(stored.len() >= before.len() && stored.len() <= TEAMS * JUDGES);
    eprintln!("acknowledged before the backup {}, by its end {during}, in the copy {}", before.len(), stored.len());
    let verify = copy_db.kheo(&["verify", &cid.to_string()], "");
    assert_eq!(verify.status.code(), Some(0), "{}", String::from_utf8_lossy(&verify.stderr));
}

#[tokio::test]
async fn postgres_is_backed_up_with_pg_dump() {
    let Some(db) = TestDb::new(Backend::Postgres).await else { return };
    assert!(db.kheo(&["migrate"], "").status.success());
    let out = db.kheo(&["backup", "/tmp/kheo-never-written.db"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
    assert!(!std::path::Path::new("/tmp/kheo-never-written.db").exists());
}

fn copies(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> =
        std::fs::read_dir(folder).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|x| x == "db"));
    out.sort();
    out
}

async fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..300 {
        if ready() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what} did not happen within 30 s");
}

#[tokio::test]
async fn serve_keeps_rolling_copies_and_an_admin_downloads_one() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    db.add_user("qtv", PASSWORD, "admin");
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("gk1", PASSWORD, "judge");
    let folder = std::path::Path::new(&sqlite_path(&db.url)).parent().unwrap().join("kheo-backups");
    let server = db.serve_with(&[("KHEO_BACKUP_MINUTES", "10"), ("KHEO_BACKUP_KEEP", "1")]).await;
    // A copy as the server starts.
    wait_for("the first rolling copy", || copies(&folder).len() == 1).await;
    let first = copies(&folder)[0].clone();

    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let r = organiser
        .post(
            "/contests",
            &json!({"name": "Hội thi sao lưu", "level": "commune", "unit": "Xã A",
                    "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
                    "teams": [{"name": "Đội 1", "unit": "Thôn 1"}], "judges": ["gk1"]}),
        )
        .await;
    let contest: Value = r.json().await.unwrap();
    let (cid, rid) = (contest["id"].as_i64().unwrap(), contest["rounds"][0]["id"].as_i64().unwrap());
    let (criterion, tid) = (contest["rounds"][0]["criteria"][0]["id"].to_string(), contest["teams"][0]["id"].clone());
    let state = format!("/contests/{cid}/rounds/{rid}/state");
    assert_eq!(organiser.put(&state, &json!({"state": "open"})).await.status(), StatusCode::OK);
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let sheet = format!("/contests/{cid}/rounds/{rid}/teams/{tid}/sheet");
    assert_eq!(judge.put(&sheet, &json!({"scores": {criterion.clone(): "87.5"}})).await.status(), StatusCode::OK);
    // Locking the round takes a copy at once, not ten minutes later; one is kept.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(organiser.put(&state, &json!({"state": "locked"})).await.status(), StatusCode::OK);
    wait_for("the copy at the lock", || copies(&folder).first().is_some_and(|p| *p != first)).await;
    assert_eq!(copies(&folder).len(), 1, "only the newest KHEO_BACKUP_KEEP copies are kept");

    // That copy, served, holds the sheet and the lock.
    let restored = TestDb::new(Backend::Sqlite).await.unwrap();
    std::fs::copy(&copies(&folder)[0], sqlite_path(&restored.url)).unwrap();
    let served = restored.serve_with(&[("KHEO_BACKUP_MINUTES", "0")]).await;
    let reader = served.client();
    reader.sign_in("btc", PASSWORD).await;
    let list: Value = reader.get(&format!("/contests/{cid}/rounds/{rid}/sheets")).await.json().await.unwrap();
    assert_eq!(list["sheets"][0]["scores"][&criterion], "87.5");
    let view: Value = reader.get(&format!("/contests/{cid}")).await.json().await.unwrap();
    assert_eq!(view["rounds"][0]["state"], "locked");

    // "Tải bản sao lưu": a whole SQLite file for an admin, for nobody else.
    let admin = server.client();
    admin.sign_in("qtv", PASSWORD).await;
    let r = admin.get("/backup.db").await;
    assert_eq!(r.status(), StatusCode::OK);
    let disposition = r.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("kheo-") && disposition.contains(".db"), "{disposition}");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    assert_eq!(organiser.get("/backup.db").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(judge.get("/backup.db").await.status(), StatusCode::FORBIDDEN);
    let anon = reqwest::Client::new();
    let r = anon.get(format!("{}/backup.db", admin.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
