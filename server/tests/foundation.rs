//! The foundation, black-box: the command line, migrations on both
//! engines, sign-in, sessions and account creation.

mod common;

use common::{Backend, TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::json;

on_both!(migrate_creates_the_schema_and_is_idempotent, |db: TestDb| async move {
    for _ in 0..2 {
        let out = db.kheo(&["migrate"], "");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
});

on_both!(user_add_then_sign_in, |db: TestDb| async move {
    db.add_user("btc.nongthuong", "bantochuc-2026", "organiser");

    let taken = db.kheo(&["user", "add", "btc.nongthuong", "--role", "judge"], "another-password\n");
    assert_eq!(taken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("đã có người dùng"));

    let weak = db.kheo(&["user", "add", "gk9", "--role", "judge"], "123\n");
    assert_eq!(weak.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("Mật khẩu quá yếu"));

    let server = db.serve().await;
    let api = server.client();
    let r = api.post("/session", &json!({"username": "btc.nongthuong", "password": "bantochuc-2026"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with("kheo_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["user"]["username"], "btc.nongthuong");
    assert_eq!(body["user"]["role"], "organiser");
    assert!(body["user"]["id"].is_i64());
});

on_both!(wrong_passwords_are_refused_then_throttled, |db: TestDb| async move {
    db.add_user("gk1", "giamkhao-2026", "judge");
    let server = db.serve().await;
    let api = server.client();
    let wrong = json!({"username": "gk1", "password": "wrong-password"});
    let body = assert_error(api.post("/session", &wrong).await, 401, "invalid_credentials").await;
    assert_eq!(body["error"]["message"], "Tên đăng nhập hoặc mật khẩu không đúng.");
    // An unknown user gets the very same answer.
    assert_error(
        api.post("/session", &json!({"username": "nobody", "password": "x"})).await,
        401,
        "invalid_credentials",
    )
    .await;
    // English when the client prefers it.
    let r = api
        .http
        .post(format!("{}/session", api.base))
        .header("accept-language", "en-GB,en;q=0.9")
        .json(&wrong)
        .send()
        .await
        .unwrap();
    let en = assert_error(r, 401, "invalid_credentials").await;
    assert_eq!(en["error"]["message"], "Wrong username or password.");

    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(api.post("/session", &wrong).await.status().as_u16());
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    let r = api.post("/session", &json!({"username": "gk1", "password": "giamkhao-2026"})).await;
    assert!(r.headers().contains_key("retry-after"));
    assert_error(r, 429, "too_many_attempts").await;
});

on_both!(a_stranger_in_the_hall_cannot_lock_a_judge_out, |db: TestDb| async move {
    db.add_user("gk1", "giamkhao-2026", "judge");
    let server = db.serve().await;
    let right = json!({"username": "gk1", "password": "giamkhao-2026"});
    // The judge's tablet signed in before: it carries a device cookie.
    let tablet = server.client();
    assert_eq!(tablet.post("/session", &right).await.status(), StatusCode::OK);
    // A stranger on the same Wi-Fi (one address) tries his name, then sprays others.
    let stranger = server.client();
    let wrong = json!({"username": "gk1", "password": "wrong-password"});
    let mut last = 0;
    for _ in 0..6 {
        last = stranger.post("/session", &wrong).await.status().as_u16();
    }
    assert_eq!(last, 429);
    for i in 0..31 {
        stranger.post("/session", &json!({"username": format!("khach{i}"), "password": "doan-bua"})).await;
    }
    // From an unknown browser even the right password waits…
    assert_error(server.client().post("/session", &right).await, 429, "too_many_attempts").await;
    // …but the judge's own tablet still signs in.
    assert_eq!(tablet.post("/session", &right).await.status(), StatusCode::OK);
});

on_both!(sign_out_ends_the_session_server_side, |db: TestDb| async move {
    db.add_user("admin", "kheo-admin-2026", "admin");
    let server = db.serve().await;
    let api = server.client();
    api.sign_in("admin", "kheo-admin-2026").await;
    let judge =
        json!({"username": "gk1", "password": "giamkhao-2026", "display_name": "Nông Văn Thắng", "role": "judge"});
    let r = api.post("/users", &judge).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: serde_json::Value = r.json().await.unwrap();
    assert_eq!(created["display_name"], "Nông Văn Thắng");

    // Keep the cookie, sign out, then replay it: the server no longer knows it.
    let stolen = reqwest::Client::new();
    let r = stolen
        .post(format!("{}/session", api.base))
        .json(&json!({"username": "admin", "password": "kheo-admin-2026"}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let r = stolen.delete(format!("{}/session", api.base)).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = stolen
        .post(format!("{}/users", api.base))
        .header("cookie", &cookie)
        .json(&json!({"username": "gk2", "password": "giamkhao-2026", "role": "judge"}))
        .send()
        .await
        .unwrap();
    assert_error(r, 401, "not_signed_in").await;
});

on_both!(who_may_create_whom, |db: TestDb| async move {
    db.add_user("btc", "bantochuc-2026", "organiser");
    db.add_user("gk1", "giamkhao-2026", "judge");
    let server = db.serve().await;
    let anon = server.client();
    let judge_body =
        json!({"username": "gk2", "password": "giamkhao-2026", "display_name": "Hà Thị Lụa", "role": "judge"});
    assert_error(anon.post("/users", &judge_body).await, 401, "not_signed_in").await;

    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    assert_eq!(organiser.post("/users", &judge_body).await.status(), StatusCode::CREATED);
    assert_error(organiser.post("/users", &judge_body).await, 409, "username_taken").await;
    let other = json!({"username": "btc2", "password": "bantochuc-2026", "display_name": "X", "role": "organiser"});
    assert_error(organiser.post("/users", &other).await, 403, "forbidden").await;
    let weak = json!({"username": "gk3", "password": "short", "display_name": "X", "role": "judge"});
    assert_error(organiser.post("/users", &weak).await, 422, "weak_password").await;

    let judge = server.client();
    judge.sign_in("gk1", "giamkhao-2026").await;
    let j = json!({"username": "gk4", "password": "giamkhao-2026", "display_name": "X", "role": "judge"});
    assert_error(judge.post("/users", &j).await, 403, "forbidden").await;

    // Writes must be JSON.
    let r = organiser
        .http
        .post(format!("{}/users", organiser.base))
        .body("username=x")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_error(r, 415, "unsupported_media_type").await;

    // A method the path does not list is a 405, body or not.
    let r = organiser.http.delete(format!("{}/users", organiser.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    let r = organiser.http.patch(format!("{}/contests", organiser.base)).body("x").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    // A body larger than the server reads is a 413, not a malformed body.
    let big = format!("{{\"username\": \"{}\"}}", "x".repeat(3 << 20));
    let r = organiser
        .http
        .post(format!("{}/users", organiser.base))
        .body(big)
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_error(r, 413, "payload_too_large").await;
});

on_both!(pages_are_vietnamese_and_cross_site_writes_are_refused, |db: TestDb| async move {
    // With an account: a fresh installation sends this machine to /setup.
    db.add_user("btc", "mat-khau-dai-2026", "organiser");
    let server = db.serve().await;
    let http = reqwest::Client::new();
    let r = http.get(format!("{}/", server.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"vi\""), "{}", &html[..200.min(html.len())]);
    assert!(html.contains("Hội thi"));
    let r = http.get(format!("{}/no-such-page", server.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let r = http
        .post(format!("{}/api/v1/session", server.base))
        .header("origin", "https://evil.example")
        .json(&json!({"username": "a", "password": "b"}))
        .send()
        .await
        .unwrap();
    assert_error(r, 403, "cross_site_request").await;
});

on_both!(pages_and_json_are_gzipped_but_the_stream_is_not, |db: TestDb| async move {
    assert!(db.kheo(&["demo"], "").status.success());
    let server = db.serve().await;
    let http = reqwest::Client::new();
    let get = |path: &str| http.get(format!("{}{path}", server.base)).header("accept-encoding", "gzip").send();
    // Audience pages, field pages (sign-in: a phone's first load) and JSON.
    for path in ["/", "/contests/1", "/sign-in", "/api/v1/contests/1/leaderboard"] {
        let r = get(path).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers().get("content-encoding").map(|v| v.to_str().unwrap()), Some("gzip"), "{path}");
    }
    // An organiser's page, rendered as a stream, keeps streaming; so do
    // server-sent events: neither waits in a gzip buffer.
    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    let r =
        organiser.http.get(format!("{}/manage", server.base)).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("content-encoding").is_none());
    let r = get("/api/v1/contests/1/leaderboard/stream").await.unwrap();
    assert_eq!(r.headers()["content-type"], "text/event-stream");
    assert!(r.headers().get("content-encoding").is_none());
});

/// The data a streamed page hands the browser to hydrate from, one string
/// per resource, as Leptos writes it into the page.
fn hydration_data(html: &str) -> Vec<&str> {
    html.split("__RESOLVED_RESOURCES[")
        .skip(1)
        .filter_map(|part| part.split_once("] = \"").and_then(|(_, rest)| rest.split_once("\";")).map(|(data, _)| data))
        .collect()
}

on_both!(staff_pages_hand_the_browser_one_good_copy_of_their_data, |db: TestDb| async move {
    assert!(db.kheo(&["demo"], "").status.success());
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", "bantochuc-2026").await;
    let judge = server.client();
    judge.sign_in("gk1", "giamkhao-2026").await;
    // The server re-renders a Suspend now and then, depending on timing:
    // each page is read several times.
    let pages = [
        (&organiser, "/manage"),
        (&organiser, "/manage/1"),
        (&organiser, "/manage/1/board"),
        (&organiser, "/manage/1/setup"),
        (&judge, "/account"),
        (&judge, "/judge/1"),
    ];
    for (who, path) in pages {
        for _ in 0..12 {
            let r = who.http.get(format!("{}{path}", server.base)).header("accept", "text/html").send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            let html = r.text().await.unwrap();
            let data = hydration_data(&html);
            assert!(!data.is_empty(), "{path} hands over no data");
            // A failed load would hydrate into an error the server did not show.
            assert!(data.iter().all(|d| !d.starts_with("{\\\"Err\\\"")), "{path}: {data:?}");
            if path.ends_with("/board") {
                // A resource made inside a Suspend was made again when the
                // server re-rendered it, and the browser could hydrate from
                // the copy that failed.
                let logs = data.iter().filter(|d| d.contains("[{\\\"at\\\":")).count();
                assert_eq!(logs, 1, "the change log is handed over once: {data:?}");
            }
        }
    }
});

#[test]
fn a_bad_database_url_is_one_clear_line() {
    for (url, expect) in [
        ("mysql://localhost/kheo", "DATABASE_URL không hợp lệ"),
        ("postgres://kheo:secret@127.0.0.1:1/kheo", "Không kết nối được PostgreSQL"),
        ("sqlite:///proc/no/such/dir/kheo.db?mode=rwc", "Không mở được cơ sở dữ liệu SQLite"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kheo"))
            .arg("migrate")
            .env("DATABASE_URL", url)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{url}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{url}: {err}");
        assert!(!err.contains("panicked"), "{url}: {err}");
        assert!(!err.contains("secret"), "the password is not printed: {err}");
    }
}

#[test]
fn demo_is_idempotent() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(Backend::Sqlite)).unwrap();
    let first = db.kheo(&["demo"], "");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("gk1"));
    let second = db.kheo(&["demo"], "");
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).contains("không thay đổi gì"));
}
