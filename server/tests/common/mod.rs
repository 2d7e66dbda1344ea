//! Black-box harness: each test starts the real `kheo` binary on a free
//! port with a fresh database, SQLite or PostgreSQL, and talks HTTP to it.
#![allow(dead_code)]

use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// Which engine a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares a test once and runs it on both engines.
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = common::TestDb::new(common::Backend::Sqlite).await {
                    ($body)(app).await;
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = common::TestDb::new(common::Backend::Postgres).await {
                    ($body)(app).await;
                }
            }
        }
    };
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh, empty database for one test.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    dir: Option<std::path::PathBuf>,
}

impl TestDb {
    /// A new database; `None` (test skipped) only when PostgreSQL is not
    /// configured and not required.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let tag = format!("{}_{}_{}", std::process::id(), n, rand_suffix());
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("kheo-test-{tag}"));
                std::fs::create_dir_all(&dir).unwrap();
                let url = format!("sqlite://{}?mode=rwc", dir.join("kheo.db").display());
                Some(TestDb { backend, url, dir: Some(dir) })
            }
            Backend::Postgres => {
                let Ok(admin) = std::env::var("KHEO_TEST_POSTGRES_URL") else {
                    assert!(
                        std::env::var("KHEO_REQUIRE_POSTGRES").is_err(),
                        "KHEO_REQUIRE_POSTGRES is set but KHEO_TEST_POSTGRES_URL is not"
                    );
                    eprintln!("PostgreSQL not configured (KHEO_TEST_POSTGRES_URL): skipped");
                    return None;
                };
                use sea_orm::ConnectionTrait;
                let db = sea_orm::Database::connect(&admin).await.expect("PostgreSQL reachable");
                let name = format!("kheo_t_{tag}");
                db.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
                let base = admin.rsplit_once('/').unwrap().0;
                Some(TestDb { backend, url: format!("{base}/{name}"), dir: None })
            }
        }
    }

    /// Runs `kheo ARGS…` against this database, with `stdin` as input.
    pub fn kheo(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kheo"))
            .args(args)
            .env("DATABASE_URL", &self.url)
            .env("KHEO_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kheo starts");
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    /// Adds a user through the command line.
    pub fn add_user(&self, username: &str, password: &str, role: &str) {
        let out = self.kheo(&["user", "add", username, "--role", role], &format!("{password}\n"));
        assert!(out.status.success(), "user add failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Starts `kheo serve` on a free port.
    pub async fn serve(&self) -> Server {
        self.serve_with(&[]).await
    }

    /// Starts `kheo serve` with extra environment variables.
    /// `KHEO_ADDR` among them may name another interface (`0.0.0.0`); the
    /// port is always a free one.
    pub async fn serve_with(&self, env: &[(&str, &str)]) -> Server {
        let port = free_port();
        let ip = env.iter().find(|(k, _)| *k == "KHEO_ADDR").map_or("127.0.0.1", |(_, v)| *v);
        let child = Command::new(env!("CARGO_BIN_EXE_kheo"))
            .arg("serve")
            // Dozens of test servers, two at a time, on one PostgreSQL: a
            // production server's 24 idle connections each would be waste.
            .env("KHEO_DB_MIN_CONNECTIONS", "2")
            .envs(env.iter().copied())
            .env("DATABASE_URL", &self.url)
            .env("KHEO_ADDR", format!("{ip}:{port}"))
            .env("KHEO_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("kheo serve starts");
        let server = Server { base: format!("http://127.0.0.1:{port}"), child };
        server.wait_ready().await;
        server
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

fn rand_suffix() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos() % 100_000
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `kheo serve`.
pub struct Server {
    pub base: String,
    child: Child,
}

impl Server {
    async fn wait_ready(&self) {
        let client = Client::new();
        for _ in 0..200 {
            if let Ok(r) = client.get(format!("{}/api/v1/contests", self.base)).send().await
                && r.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("kheo serve did not become ready at {}", self.base);
    }

    /// A client with its own cookie jar: one browser, one person.
    pub fn client(&self) -> Api {
        let http = Client::builder().cookie_store(true).pool_max_idle_per_host(NO_IDLE).build().unwrap();
        Api { base: format!("{}/api/v1", self.base), http }
    }

    /// A client that carries this cookie, as a browser that was given it.
    pub fn client_with_cookie(&self, cookie: &str) -> Api {
        let jar = reqwest::cookie::Jar::default();
        jar.add_cookie_str(cookie, &self.base.parse().unwrap());
        let http = Client::builder()
            .cookie_provider(std::sync::Arc::new(jar))
            .pool_max_idle_per_host(NO_IDLE)
            .build()
            .unwrap();
        Api { base: format!("{}/api/v1", self.base), http }
    }

    /// Kills the process at once, as a power cut would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A person talking to the API.
pub struct Api {
    pub base: String,
    pub http: Client,
}

impl Api {
    pub async fn get(&self, path: &str) -> Response {
        self.http.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.http.post(format!("{}{path}", self.base)).json(body).send().await.unwrap()
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.http.put(format!("{}{path}", self.base)).json(body).send().await.unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.http.delete(format!("{}{path}", self.base)).send().await.unwrap()
    }

    /// Sends `bytes` as the body with this content type.
    pub async fn post_bytes(&self, path: &str, content_type: &str, bytes: Vec<u8>) -> Response {
        let url = format!("{}{path}", self.base);
        self.http.post(url).header("content-type", content_type).body(bytes).send().await.unwrap()
    }

    /// Signs in and asserts success.
    pub async fn sign_in(&self, username: &str, password: &str) -> Value {
        let r = self.post("/session", &json!({"username": username, "password": password})).await;
        assert_eq!(r.status(), StatusCode::OK, "sign in as {username}");
        r.json().await.unwrap()
    }
}

/// Asserts a response is the contract's error shape with this status and code.
pub async fn assert_error(r: Response, status: u16, code: &str) -> Value {
    assert_eq!(r.status().as_u16(), status, "status for {code}");
    let body: Value = r.json().await.expect("a JSON error body");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    body
}

/// One server-sent event, or a comment line.
#[derive(Debug, Clone, Default)]
pub struct SseEvent {
    pub event: Option<String>,
    pub id: Option<String>,
    pub data: Option<String>,
    pub comment: bool,
    pub retry: bool,
}

impl SseEvent {
    pub fn json(&self) -> Value {
        serde_json::from_str(self.data.as_deref().expect("an event with data")).unwrap()
    }
}

/// Test clients open a connection per request. A kept-alive connection
/// can be closed by the server just as the client reuses it — after its
/// 20 s header timeout, or after an answer to a request whose body was
/// not read (a refused upload) — and the client then writes its body into
/// a closed socket: a broken pipe in the authorisation matrix, twice on
/// clean-clone runs, the second time 24 s into the run with 10 s idle
/// connections. Browsers try such a request again; reqwest does not.
const NO_IDLE: usize = 0;

/// A reader of `text/event-stream`.
pub struct EventStream {
    inner: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buf: String,
}

impl EventStream {
    /// Opens a contest's leaderboard stream on `server`.
    pub async fn open(server_base: &str, contest_id: i64, last_event_id: Option<i64>) -> EventStream {
        Self::open_on(&Client::new(), server_base, contest_id, last_event_id).await
    }

    /// Opens the stream with `client`: on a connection it has kept alive
    /// when it has one, else as a new connection's first request.
    pub async fn open_on(
        client: &Client,
        server_base: &str,
        contest_id: i64,
        last_event_id: Option<i64>,
    ) -> EventStream {
        let mut req = client.get(format!("{server_base}/api/v1/contests/{contest_id}/leaderboard/stream"));
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id.to_string());
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "text/event-stream");
        assert_eq!(r.headers()["cache-control"], "no-cache");
        assert_eq!(r.headers()["x-accel-buffering"], "no");
        EventStream { inner: Box::pin(r.bytes_stream()), buf: String::new() }
    }

    /// The next block (event, comment or retry), waiting at most `within`.
    pub async fn next(&mut self, within: Duration) -> Option<SseEvent> {
        use futures::StreamExt;
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut ev = SseEvent::default();
                for line in block.lines() {
                    if let Some(c) = line.strip_prefix(':') {
                        let _ = c;
                        ev.comment = true;
                    } else if let Some((k, v)) = line.split_once(':') {
                        let v = v.strip_prefix(' ').unwrap_or(v).to_string();
                        match k {
                            "event" => ev.event = Some(v),
                            "id" => ev.id = Some(v),
                            "data" => ev.data = Some(v),
                            "retry" => ev.retry = true,
                            _ => {}
                        }
                    }
                }
                return Some(ev);
            }
            let chunk = tokio::time::timeout_at(deadline, self.inner.next()).await.ok()??.ok()?;
            self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    /// The next `leaderboard` event, skipping comments and retry hints.
    pub async fn next_board(&mut self, within: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let ev = self.next(left).await?;
            if ev.event.as_deref() == Some("leaderboard") {
                let board = ev.json();
                assert_eq!(ev.id.as_deref(), Some(board["version"].to_string().as_str()), "id is the version");
                return Some(board);
            }
        }
    }
}

/// A photo as a phone would send it: a JPEG `width` × `height` of colour
/// gradients (so it does not shrink to nothing).
pub fn photo(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}
