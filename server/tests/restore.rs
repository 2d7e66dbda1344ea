//! `kheo restore`: a backup is put back only once it is known to be a
//! whole Khéo database, no newer than the program, whose ledgers hold; the
//! database it replaces is kept aside, and a refused file changes nothing.

mod common;

use common::{Backend, TestDb};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const PASSWORD: &str = "mat-khau-dai-2026";

fn sqlite_path(url: &str) -> PathBuf {
    PathBuf::from(url.trim_start_matches("sqlite://").split('?').next().unwrap())
}

async fn contest(organiser: &common::Api, name: &str) -> Value {
    let r = organiser
        .post(
            "/contests",
            &json!({"name": name, "level": "commune", "unit": "Xã Tân Cương",
                    "rounds": [{"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "100"}]}],
                    "teams": [{"name": "Đội thôn Hồng Thái", "unit": "Thôn Hồng Thái"}], "judges": ["gk1"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

/// A copy of `good` changed by `sql`, as someone's hand or a bad disk would.
async fn altered(good: &Path, name: &str, sql: &str) -> PathBuf {
    let path = good.with_file_name(name);
    std::fs::copy(good, &path).unwrap();
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rw", path.display())).await.unwrap();
    db.execute_unprepared(sql).await.unwrap();
    db.close().await.unwrap();
    path
}

fn kept_aside(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("truoc-khoi-phuc"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_checks_before_it_replaces() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    db.add_user("btc", PASSWORD, "organiser");
    db.add_user("gk1", PASSWORD, "judge");
    let mut server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let first = contest(&organiser, "Hội thi trước khi sao lưu").await;
    let (cid, rid) = (first["id"].as_i64().unwrap(), first["rounds"][0]["id"].as_i64().unwrap());
    organiser.put(&format!("/contests/{cid}/rounds/{rid}/state"), &json!({"state": "open"})).await;
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let sheet = format!("/contests/{cid}/rounds/{rid}/teams/{}/sheet", first["teams"][0]["id"]);
    let r = judge.put(&sheet, &json!({"scores": {first["rounds"][0]["criteria"][0]["id"].to_string(): "87.5"}})).await;
    assert_eq!(r.status(), StatusCode::OK);

    let current = sqlite_path(&db.url);
    let dir = current.parent().unwrap().to_path_buf();
    let good = dir.join("sao-luu.db");
    let out = db.kheo(&["backup", good.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    contest(&organiser, "Hội thi sau khi sao lưu").await;
    server.kill();

    // Refused, each with its reason, and nothing changed.
    let text = dir.join("ghi-chu.txt");
    std::fs::write(&text, "Danh sách đội thi — không phải cơ sở dữ liệu").unwrap();
    let newer =
        altered(&good, "moi-hon.db", "INSERT INTO seaql_migrations VALUES ('m20991231_000099_future', 0)").await;
    let tampered = altered(&good, "sua-diem.db", "UPDATE sheet_scores SET points = points + 1000").await;
    let damaged = dir.join("hong.db");
    let mut bytes = std::fs::read(&good).unwrap();
    let page = 4096.min(bytes.len() / 2);
    for b in &mut bytes[page..page * 2] {
        *b = 0xA5;
    }
    std::fs::write(&damaged, bytes).unwrap();
    let before = std::fs::read(&current).unwrap();
    for (file, says) in [
        (&text, "không phải cơ sở dữ liệu Khéo"),
        (&damaged, "bị hỏng"),
        (&newer, "lược đồ mới hơn"),
        (&tampered, "không khớp"),
        (&dir.join("khong-co.db"), "Không thấy tệp"),
    ] {
        let out = db.kheo(&["restore", file.to_str().unwrap()], "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{} refused: {err}", file.display());
        assert!(err.contains(says), "{}: {err}", file.display());
        assert_eq!(std::fs::read(&current).unwrap(), before, "{} changed nothing", file.display());
        assert!(kept_aside(&dir).is_empty());
    }

    // The backup itself goes in; the database it replaces is kept aside.
    let out = db.kheo(&["restore", good.to_str().unwrap()], "");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("1 hội thi") && said.contains("Hội thi trước khi sao lưu"), "{said}");
    let aside = kept_aside(&dir);
    assert!(aside.iter().any(|n| n.ends_with(|c: char| c.is_ascii_digit())), "{aside:?}");
    let server = db.serve().await;
    let list: Value = server.client().get("/contests").await.json().await.unwrap();
    let names: Vec<&str> = list["contests"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Hội thi trước khi sao lưu"], "the backup's contests, not today's");
    drop(server);
    let out = db.kheo(&["verify", &cid.to_string()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
