//! What the server answers besides the pages and the API: the site's files
//! when they are embedded in the binary (the packaged program), the proxy's
//! health check, and the first start's set-up page.

use crate::web::AppState;
use axum::Form;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kheo_app::ssr::{is_https, session_cookie};
use kheo_domain::i18n::Lang;
use kheo_service::accounts::{auth, users};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

include!(concat!(env!("OUT_DIR"), "/site.rs"));

/// Whether this binary carries the site's files.
pub fn embedded() -> bool {
    !SITE.is_empty()
}

struct Asset {
    bytes: &'static [u8],
    etag: String,
}

/// The embedded files by path (`/pkg/kheo.wasm`), each with an entity tag
/// from its bytes, so a browser asks again only after an upgrade.
static ASSETS: LazyLock<HashMap<String, Asset>> = LazyLock::new(|| {
    SITE.iter()
        .map(|(name, bytes)| (format!("/{name}"), Asset { bytes, etag: format!("\"{:016x}\"", fnv1a(bytes)) }))
        .collect()
});

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves an embedded file, precompressed when the browser takes it
/// (`--precompress` wrote `.br` and `.gz` beside each); anything else goes
/// on to the pages.
pub async fn embedded_files(req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let path = req.uri().path();
    let Some(plain) = ASSETS.get(path) else { return next.run(req).await };
    let accepts = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (asset, encoding) = [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(name, _)| accepts.split(',').any(|a| a.trim().split(';').next() == Some(*name)))
        .find_map(|(name, ext)| ASSETS.get(&format!("{path}{ext}")).map(|a| (a, Some(name))))
        .unwrap_or((plain, None));
    let mut resp = if req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(&asset.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Body::from(asset.bytes).into_response()
    };
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(path)));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(tag) = HeaderValue::from_str(&asset.etag) {
        h.insert(header::ETAG, tag);
    }
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    resp
}

/// `GET /healthz`: 200 when the database answers and takes writes; 503
/// when it does not answer, or while writes are refused for a full disk.
/// A line after the first tells of a disk running low and of rolling
/// copies paused for want of room.
pub async fn healthz(State(s): State<AppState>) -> Response {
    use kheo_service::{backups, storage};
    if !kheo_service::db::ping(&s.svc.db).await {
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response();
    }
    let disk = storage::status();
    let mut body = String::from(if disk.full { "disk full: writes are refused\n" } else { "ok\n" });
    if let Some(free) = disk.free_bytes.filter(|_| disk.low) {
        body.push_str(&format!("disk low: {} MB free\n", free >> 20));
    }
    if backups::paused() {
        body.push_str("rolling backups paused: no room\n");
    }
    let status = if disk.full { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    (status, body).into_response()
}

/// `/judge/{cid}/pass`: a tablet that was signed out (its pass reissued or
/// revoked, or the contest day over) goes back to the page of the pass it
/// signed in with, to type the new PIN; a browser that never used a pass
/// goes to the sign-in page.
pub async fn judge_pass_again(Path(cid): Path<String>, headers: HeaderMap) -> Response {
    let Ok(cid) = cid.parse::<i32>() else { return StatusCode::NOT_FOUND.into_response() };
    let token = kheo_app::ssr::cookie(&headers, &kheo_app::ssr::pass_cookie_name(cid))
        .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let to = match token {
        Some(t) => format!("/j/{t}"),
        None => format!("/sign-in?next=/judge/{cid}"),
    };
    Redirect::to(&to).into_response()
}

/// Set once an account exists, so the check costs nothing afterwards.
static HAS_ACCOUNT: AtomicBool = AtomicBool::new(false);

/// Whether the installation still has no account (and so offers set-up).
async fn fresh(s: &AppState) -> bool {
    if HAS_ACCOUNT.load(Ordering::Relaxed) {
        return false;
    }
    let none = users::none_yet(&s.svc).await.unwrap_or(false);
    if !none {
        HAS_ACCOUNT.store(true, Ordering::Relaxed);
    }
    none
}

/// The set-up page is for the person at the laptop that runs Khéo: a
/// phone on the hall's Wi-Fi must not be able to make itself admin.
fn from_this_machine(peer: &SocketAddr, headers: &HeaderMap) -> bool {
    // Behind a proxy every request comes from the proxy's own address.
    peer.ip().is_loopback() && !headers.contains_key("x-forwarded-for")
}

/// On a first start, this machine's browser is sent from the home page to
/// the set-up page.
pub async fn first_start(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() == Method::GET
        && req.uri().path() == "/"
        && from_this_machine(&peer, req.headers())
        && fresh(&s).await
    {
        return Redirect::to("/setup").into_response();
    }
    next.run(req).await
}

#[derive(serde::Deserialize)]
pub struct SetupForm {
    username: String,
    display_name: String,
    password: String,
    password2: String,
}

/// `GET /setup`.
pub async fn setup_page(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    match refusal(&s, &peer, &headers).await {
        Some(r) => r,
        None => Html(setup_html(chosen_lang(&headers), None, "admin", "")).into_response(),
    }
}

/// `POST /setup`: makes the admin, signs this browser in, and opens the
/// organiser's page.
pub async fn setup_submit(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Response {
    // Two tabs sending the form at once make one admin, not two.
    static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = ONE_AT_A_TIME.lock().await;
    if let Some(r) = refusal(&s, &peer, &headers).await {
        return r;
    }
    let lang = chosen_lang(&headers);
    let again =
        |message: &str| Html(setup_html(lang, Some(message), &form.username, &form.display_name)).into_response();
    if form.password != form.password2 {
        return (StatusCode::UNPROCESSABLE_ENTITY, again(setup_words(lang).differ)).into_response();
    }
    let name = if form.display_name.trim().is_empty() { "Quản trị" } else { form.display_name.trim() };
    let admin = match users::create_first_admin(&s.svc, form.username.trim(), name, &form.password).await {
        Ok(admin) => admin,
        Err(e) => {
            let p = e.into_problem();
            let message = p.message(lang);
            return (StatusCode::UNPROCESSABLE_ENTITY, again(&message)).into_response();
        }
    };
    HAS_ACCOUNT.store(true, Ordering::Relaxed);
    // The password was just checked against the policy and hashed: the
    // session is opened for the new account, not by hashing it again.
    let origin = auth::Origin { ip: Some(peer.ip().to_string()), ..Default::default() };
    let user_id = i32::try_from(admin.id).unwrap_or_default();
    let signed_in = auth::open_session(&s.svc, user_id, "password", None, auth::SESSION_TTL, origin).await;
    let mut resp = Redirect::to("/manage").into_response();
    if let Ok(token) = signed_in
        && let Ok(v) = HeaderValue::from_str(&session_cookie(&token, is_https(&headers)))
    {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// Why set-up is not offered: an account exists (404, as if there were no
/// such page), or the request came from another machine (403, saying where
/// to open it).
async fn refusal(s: &AppState, peer: &SocketAddr, headers: &HeaderMap) -> Option<Response> {
    let lang = chosen_lang(headers);
    let vi = lang == Lang::Vi;
    if !fresh(s).await {
        let (title, body) = if vi {
            ("Không có trang này", "<p>Khéo đã có tài khoản quản trị. <a href=\"/\">Về trang chủ</a></p>")
        } else {
            ("Not found", "<p>Khéo already has an administrator. <a href=\"/\">Home</a></p>")
        };
        return Some((StatusCode::NOT_FOUND, Html(page(lang, title, body))).into_response());
    }
    if !from_this_machine(peer, headers) {
        let body = if vi {
            "<p>Trang cài đặt lần đầu chỉ mở được trên chính máy tính đang chạy Khéo, \
             tại địa chỉ <b>http://localhost</b>.</p>"
        } else {
            "<p>The first-start page opens only on the computer that runs Khéo, at <b>http://localhost</b>.</p>"
        };
        return Some((StatusCode::FORBIDDEN, Html(page(lang, setup_words(lang).title, body))).into_response());
    }
    None
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title} · Khéo</title>\
         <link rel=\"stylesheet\" href=\"/pkg/kheo.css\"><link rel=\"icon\" href=\"/favicon.svg\"></head>\
         <body><main class=\"page narrow\"><section class=\"card\">{body}</section></main></body></html>",
        code = lang.code()
    )
}

/// The first-start page's words in one language: a commune officer reads
/// Vietnamese only; English is one link away.
struct SetupWords {
    title: &'static str,
    heading: &'static str,
    intro: &'static str,
    username: &'static str,
    display_name: &'static str,
    password: &'static str,
    again: &'static str,
    submit: &'static str,
    other: (&'static str, &'static str),
    differ: &'static str,
}

fn setup_words(lang: Lang) -> SetupWords {
    match lang {
        Lang::Vi => SetupWords {
            title: "Cài đặt lần đầu",
            heading: "Tạo tài khoản quản trị",
            intro: "Đây là lần đầu Khéo chạy trên máy này. Tài khoản quản trị tạo các hội thi, tài khoản \
                    Ban tổ chức và Ban giám khảo. Trang này chỉ mở được trên chính máy này và chỉ một lần.",
            username: "Tên đăng nhập",
            display_name: "Họ và tên",
            password: "Mật khẩu, ít nhất 8 ký tự",
            again: "Nhập lại mật khẩu",
            submit: "Tạo tài khoản và bắt đầu",
            other: ("/lang/en?next=/setup", "English"),
            differ: "Hai mật khẩu không giống nhau.",
        },
        Lang::En => SetupWords {
            title: "First start",
            heading: "Create the administrator account",
            intro: "This is the first time Khéo runs on this computer. The administrator creates contests \
                    and the accounts of organisers and judges. This page opens only on this computer, and only once.",
            username: "Username",
            display_name: "Full name",
            password: "Password, 8 characters or more",
            again: "Password again",
            submit: "Create the account and start",
            other: ("/lang/vi?next=/setup", "Tiếng Việt"),
            differ: "The two passwords differ.",
        },
    }
}

/// The language the visitor chose (the same cookie as the app's pages).
fn chosen_lang(headers: &HeaderMap) -> Lang {
    kheo_app::ssr::cookie(headers, kheo_app::i18n::LANG_COOKIE).and_then(|v| Lang::parse(&v)).unwrap_or_default()
}

fn setup_html(lang: Lang, error: Option<&str>, username: &str, display_name: &str) -> String {
    let w = setup_words(lang);
    let error = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    let body = format!(
        "<p class=\"right small\"><a href=\"{other_href}\">{other}</a></p>\
         <h1>{heading}</h1>\
         <p>{intro}</p>\
         {error}\
         <form method=\"post\" action=\"/setup\" class=\"form\">\
         <label>{lu}<input name=\"username\" required autocomplete=\"username\" maxlength=\"32\" value=\"{u}\"></label>\
         <label>{ld}<input name=\"display_name\" value=\"{d}\" maxlength=\"100\"></label>\
         <label>{lp}<input name=\"password\" type=\"password\" required minlength=\"8\" autocomplete=\"new-password\"></label>\
         <label>{la}<input name=\"password2\" type=\"password\" required minlength=\"8\" autocomplete=\"new-password\"></label>\
         <button class=\"button primary\" type=\"submit\">{submit}</button>\
         </form>",
        other_href = w.other.0,
        other = w.other.1,
        heading = w.heading,
        intro = w.intro,
        lu = w.username,
        ld = w.display_name,
        lp = w.password,
        la = w.again,
        submit = w.submit,
        u = escape(username),
        d = escape(display_name),
    );
    page(lang, w.title, &body)
}
