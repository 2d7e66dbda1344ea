//! Khéo on a fresh installation and behind a proxy, on both databases: the
//! one-time set-up page (from this machine only), the health check a proxy
//! asks, and the hall's address in links when Khéo listens on every
//! interface.

mod common;

use common::TestDb;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap()
}

fn form(username: &str, password: &str, again: &str) -> Vec<(&'static str, String)> {
    vec![
        ("username", username.into()),
        ("display_name", "Ban tổ chức xã Nà Phặc".into()),
        ("password", password.into()),
        ("password2", again.into()),
    ]
}

on_both!(a_fresh_installation_makes_its_admin_once_from_this_machine_only, |db: TestDb| async move {
    let server = db.serve().await;
    let b = browser();
    let at = |p: &str| format!("{}{p}", server.base);

    // From another machine (through a proxy, as nginx forwards it), the
    // page is refused and the home page is not diverted.
    let remote = b.get(at("/setup")).header("x-forwarded-for", "192.168.1.23").send().await.unwrap();
    assert_eq!(remote.status(), StatusCode::FORBIDDEN);
    assert!(remote.text().await.unwrap().contains("chính máy tính đang chạy Khéo"));
    let posted =
        b.post(at("/setup")).header("x-forwarded-for", "192.168.1.23").form(&form("ke-la", PASSWORD, PASSWORD));
    assert_eq!(posted.send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let home = b.get(at("/")).header("x-forwarded-for", "192.168.1.23").send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);

    // This machine's browser is sent to the page.
    let home = b.get(at("/")).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    assert_eq!(home.headers()["location"], "/setup");
    let page = b.get(at("/setup")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Tạo tài khoản quản trị"), "{page}");
    // One language at a time: Vietnamese, or English once chosen.
    assert!(!page.contains("Create the administrator"), "{page}");
    let english = b.get(at("/setup")).header("cookie", "kheo_lang=en").send().await.unwrap().text().await.unwrap();
    assert!(english.contains("Create the administrator account") && !english.contains("Tạo tài khoản"), "{english}");

    // Refusals say why and make nothing.
    for (fields, why) in [
        (form("admin", PASSWORD, "mat-khau-khac-2026"), "không giống nhau"),
        (form("admin", "ngan", "ngan"), "Mật khẩu quá yếu"),
        (form("Tên Có Dấu", PASSWORD, PASSWORD), "Tên đăng nhập: 3–32 ký tự"),
    ] {
        let r = b.post(at("/setup")).form(&fields).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(why), "{why}");
    }

    let made = b.post(at("/setup")).form(&form("admin", PASSWORD, PASSWORD)).send().await.unwrap();
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    assert_eq!(made.headers()["location"], "/manage");
    // The browser is signed in as the new admin.
    let me = b.post(format!("{}/api/v1/units", server.base)).json(&json!({"name": "Xã Nà Phặc", "kind": "commune"}));
    assert_eq!(me.send().await.unwrap().status(), StatusCode::CREATED);

    // Once an account exists the page is gone, for everyone.
    assert_eq!(b.get(at("/setup")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let again = b.post(at("/setup")).form(&form("admin2", PASSWORD, PASSWORD)).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(browser().get(at("/")).send().await.unwrap().status(), StatusCode::OK);
    let api = server.client();
    api.sign_in("admin", PASSWORD).await;
    let r = api.http.post(format!("{}/session", api.base)).json(&json!({"username": "admin2", "password": PASSWORD}));
    assert_eq!(r.send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
});

on_both!(the_health_check_follows_the_database, |db: TestDb| async move {
    let server = db.serve().await;
    let health = format!("{}/healthz", server.base);
    let r = reqwest::get(&health).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    if db.backend == common::Backend::Postgres {
        // The database goes away under the running server.
        use sea_orm::ConnectionTrait;
        let admin = std::env::var("KHEO_TEST_POSTGRES_URL").unwrap();
        let pg = sea_orm::Database::connect(&admin).await.unwrap();
        let name = db.url.rsplit('/').next().unwrap();
        pg.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")).await.unwrap();
        let r = reqwest::get(&health).await.unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        pg.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    }
});

/// Invites a new unit to a new contest, asking as `host`; the
/// registration link and the server's port.
async fn invite(server: &common::Server, host: &str) -> (String, String) {
    let api = server.client();
    api.sign_in("admin", PASSWORD).await;
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let unit = json!({"name": format!("Xã {host} {port}"), "kind": "commune"});
    let unit: Value = api.post("/units", &unit).await.json().await.unwrap();
    let contest = json!({"name": format!("Hội thi {host}"), "level": "commune", "unit": "Xã Nà Phặc",
        "aggregation": "mean", "teams": [], "judges": [],
        "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]}]});
    let c: Value = api.post("/contests", &contest).await.json().await.unwrap();
    let r = api
        .http
        .post(format!("{}/contests/{}/invitations", api.base, c["id"]))
        .header("host", format!("{host}:{port}"))
        .json(&json!({"deadline": "2099-01-01T00:00:00+07:00", "unit_ids": [unit["id"]]}))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let list: Value = r.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{list} {unit} {c}");
    (list["invitations"][0]["url"].as_str().unwrap().to_string(), port)
}

// The links the organiser hands out (a unit's registration link) carry
// the hall's address, even when the laptop's own browser asked as
// 127.0.0.1 or localhost; `KHEO_PUBLIC_URL` overrides both.
on_both!(links_carry_the_halls_address_not_the_laptops, |db: TestDb| async move {
    db.add_user("admin", PASSWORD, "admin");
    let everywhere = db.serve_with(&[("KHEO_ADDR", "0.0.0.0")]).await;
    for host in ["127.0.0.1", "localhost"] {
        let (url, port) = invite(&everywhere, host).await;
        assert!(url.starts_with("http://") && url.contains(&format!(":{port}/")), "{url}");
        assert!(!url.contains("127.0.0.1") && !url.contains("localhost"), "a link for the hall: {url}");
    }
    drop(everywhere);

    let behind_proxy =
        db.serve_with(&[("KHEO_ADDR", "0.0.0.0"), ("KHEO_PUBLIC_URL", "https://hoithi.example.vn/")]).await;
    let (url, _) = invite(&behind_proxy, "10.0.0.5").await;
    assert!(url.starts_with("https://hoithi.example.vn/"), "{url}");
    drop(behind_proxy);

    // Listening on 127.0.0.1 only, as `kheo serve` does by default, the
    // request's own host is kept.
    let local = db.serve().await;
    let (url, _) = invite(&local, "127.0.0.1").await;
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
});
