//! A stored word the code does not know (a round kind, a role, a status
//! edited behind Khéo's back) is an error that names the table and the row,
//! on SQLite and PostgreSQL, never a silent default such as "judged, draft".

mod common;

use common::TestDb;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

on_both!(a_bad_word_in_a_row_is_an_error_naming_table_and_row, |db: TestDb| async move {
    db.add_user("btc", PASSWORD, "organiser");
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    let r = organiser
        .post(
            "/contests",
            &json!({
                "name": "Hội thi xã Yên Lạc", "level": "commune", "unit": "Xã Yên Lạc",
                "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]},
                           {"name": "Tiểu phẩm", "criteria": [{"name": "Nội dung", "max_points": "30"}]}],
                "teams": [{"name": "Đội thôn A", "unit": "Thôn A"}]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let contest: Value = r.json().await.unwrap();
    let cid = contest["id"].as_i64().unwrap();
    let rid = contest["rounds"][1]["id"].as_i64().unwrap();

    let raw = sea_orm::Database::connect(&db.url).await.unwrap();
    raw.execute_unprepared(&format!("UPDATE rounds SET kind = 'giam_khao' WHERE id = {rid}")).await.unwrap();

    // The page does not show a "judged" round in its place: it fails.
    let r = organiser.get(&format!("/contests/{cid}")).await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    // And the one who repairs the database is told where to look.
    let out = db.kheo(&["verify", &cid.to_string()], "");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("bảng rounds")
            && said.contains(&format!("dòng id {rid}"))
            && said.contains("cột kind = “giam_khao”"),
        "{said}"
    );

    // So is the rule that turns the judges' totals into a round score.
    raw.execute_unprepared(&format!("UPDATE rounds SET kind = 'judged' WHERE id = {rid}")).await.unwrap();
    raw.execute_unprepared(&format!("UPDATE contests SET aggregation = 'median' WHERE id = {cid}")).await.unwrap();
    let out = db.kheo(&["verify", &cid.to_string()], "");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("bảng contests") && said.contains(&format!("dòng id {cid}")) && said.contains("“median”"),
        "{said}"
    );

    // A role is read as strictly as a round kind.
    raw.execute_unprepared("UPDATE users SET role = 'superuser' WHERE username = 'btc'").await.unwrap();
    let btc = raw
        .query_one_raw(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            "SELECT id FROM users WHERE username = 'btc'",
        ))
        .await
        .unwrap()
        .unwrap();
    let btc: i32 = btc.try_get("", "id").unwrap();
    let r =
        organiser.post("/contests", &json!({"name": "Hội thi thử", "level": "commune", "unit": "Xã Yên Lạc"})).await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR, "an account whose role is unknown acts as nobody");
    let out = db.kheo(&["user", "add", "btc", "--role", "judge"], &format!("{PASSWORD}\n"));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("bảng users") && said.contains(&format!("dòng id {btc}")), "{said}");
});
