//! Server-side helpers for server functions: cookies, the signed-in user,
//! and the services.

use http::HeaderMap;
use http::header::{COOKIE, SET_COOKIE};
use kheo_domain::i18n::{Lang, Problem};
use kheo_service::accounts::auth;
use kheo_service::{Actor, Services};
use leptos::prelude::*;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "kheo_session";

/// A cookie's value from request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether the request reached us over HTTPS (directly or via a proxy).
pub fn is_https(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https")
        || std::env::var("KHEO_SECURE_COOKIES").is_ok_and(|v| v == "1")
}

/// The `Set-Cookie` value that stores a session token.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = auth::SESSION_TTL.as_secs();
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The name of the cookie by which a tablet remembers the pass it signed in
/// with for contest `cid`, to be sent back to that pass's page, not to the
/// password sign-in, once it is signed out.
pub fn pass_cookie_name(cid: i32) -> String {
    format!("kheo_pass_{cid}")
}

/// That cookie: the pass's link token, kept as long as a pass can be
/// redeemed. The token alone opens nothing without the PIN.
pub fn pass_cookie(cid: i32, token: &str, secure: bool) -> String {
    let max_age = kheo_service::judging::PASS_TTL.as_secs();
    let secure = if secure { "; Secure" } else { "" };
    format!("{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}", pass_cookie_name(cid))
}

/// The cookie that marks a browser that has signed in before (see
/// `kheo_service::Throttle`).
pub const DEVICE_COOKIE: &str = "kheo_device";

/// The browser's device cookie for a sign-in: the one it carries, or a new
/// one with the `Set-Cookie` value to send once the sign-in succeeds.
pub fn device_of(headers: &HeaderMap) -> (String, Option<String>) {
    match cookie(headers, DEVICE_COOKIE).filter(|d| (20..=64).contains(&d.len())) {
        Some(d) => (d, None),
        None => {
            let (token, _) = auth::new_token();
            let secure = if is_https(headers) { "; Secure" } else { "" };
            let set = format!("{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}");
            (token, Some(set))
        }
    }
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The services, provided by the server.
pub fn services() -> Result<Services, ServerFnError> {
    use_context::<Services>().ok_or_else(|| ServerFnError::new("services missing"))
}

/// The signed-in user of the current request, if any.
pub async fn actor() -> Result<Option<Actor>, ServerFnError> {
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else { return Ok(None) };
    let svc = services()?;
    auth::authenticate(&svc, &token).await.map_err(|e| problem(e.into_problem()))
}

/// The signed-in user of the current request, or "please sign in".
pub async fn signed_in() -> Result<Actor, ServerFnError> {
    actor().await?.ok_or_else(|| problem(Problem::NotSignedIn))
}

/// The signed-in organiser or admin of the current request: the pages of
/// /manage are theirs, and a judge or a tablet is refused, not shown an
/// empty desk. Each contest is still checked on its own by the service.
pub async fn organiser() -> Result<Actor, ServerFnError> {
    let actor = signed_in().await?;
    if matches!(actor.role, kheo_domain::user::Role::Organiser | kheo_domain::user::Role::Admin) {
        Ok(actor)
    } else {
        Err(problem(Problem::Forbidden))
    }
}

/// An id from a page as a row id; one out of range matches no row, so the
/// service answers "not found".
pub fn row_id(x: i64) -> i32 {
    i32::try_from(x).unwrap_or(-1)
}

/// A problem as a server function error, in the page's language.
pub fn problem(p: Problem) -> ServerFnError {
    // A server function's own request answers with the problem's status, as
    // the API does, so a refusal is a 401/403/404 and not a bare 500. While a
    // page renders, its status is left to the page; and a plain form post
    // (no script yet) keeps the redirect back to its page that Leptos gives
    // it, which a 4xx would replace.
    let serving_function = use_context::<http::request::Parts>().is_some_and(|parts| {
        let form_post = parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        is_server_fn(parts.uri.path()) && !form_post
    });
    if serving_function
        && let (Some(resp), Ok(status)) =
            (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(p.status()))
    {
        resp.set_status(status);
    }
    let message = p.message(crate::i18n::request_lang());
    match p.field() {
        Some(field) => ServerFnError::new(crate::shared::with_field(&message, field)),
        None => ServerFnError::new(message),
    }
}

/// Whether a path is a server function's (`/api/…`) rather than a page or
/// the JSON API (`/api/v1/…`, which has its own errors).
fn is_server_fn(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/v1/")
}

/// A service error as a server function error, in the page's language.
pub fn fail(e: kheo_service::Error) -> ServerFnError {
    problem(e.into_problem())
}

/// Adds a header to the server function's response.
pub fn set_cookie(value: String) {
    if let (Some(resp), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&value)) {
        resp.append_header(SET_COOKIE, v);
    }
}

/// The language of the current request.
pub fn lang() -> Lang {
    crate::i18n::request_lang()
}

/// Where a request came from, for the session record and the throttle.
pub fn origin(parts: &http::request::Parts) -> auth::Origin {
    auth::Origin {
        ip: parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|s| s.trim().to_string())
            .or_else(|| {
                parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string())
            }),
        user_agent: parts.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string),
        device: cookie(&parts.headers, DEVICE_COOKIE),
    }
}

/// A same-site path to go on to, or `fallback`: an open redirect would
/// make phishing easy.
pub fn safe_next(next: Option<String>, fallback: &str) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//")).unwrap_or_else(|| fallback.into())
}

/// The site's address as people outside this machine reach it, for links
/// printed or shown as QR codes: `KHEO_PUBLIC_URL` when set (a server
/// behind a proxy), else the host the request came to (the proxy's, when
/// it says so).
pub fn public_base(headers: &HeaderMap) -> String {
    if let Ok(url) = std::env::var("KHEO_PUBLIC_URL")
        && !url.trim().is_empty()
    {
        return url.trim().trim_end_matches('/').to_string();
    }
    let header = |name: &str| headers.get(name).and_then(|h| h.to_str().ok()).map(str::to_string);
    let host = header("x-forwarded-host")
        .or_else(|| header(http::header::HOST.as_str()))
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    let scheme = if is_https(headers) { "https" } else { "http" };
    // The laptop's own browser says 127.0.0.1 or localhost; a link or a QR
    // code made from that reaches nobody else in the hall.
    let host = match LAN_ADDRESS.get() {
        Some(lan) if is_loopback_host(&host) => match host.rsplit_once(':') {
            Some((_, port)) if !host.ends_with(']') => format!("{lan}:{port}"),
            _ => lan.clone(),
        },
        _ => host,
    };
    format!("{scheme}://{host}")
}

/// This machine's address on the local network, known when Khéo listens
/// on every interface (see `kheo` run with no arguments).
static LAN_ADDRESS: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the address that links and QR codes use in place of a loopback
/// one.
pub fn set_lan_address(ip: std::net::IpAddr) {
    let text = match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
    };
    let _ = LAN_ADDRESS.set(text);
}

/// Whether a `Host` header names this machine only.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `path` as a full address people outside this machine can open.
pub fn absolute_url(parts: &http::request::Parts, path: &str) -> String {
    format!("{}{path}", public_base(&parts.headers))
}

/// `text` as an SVG QR code at least `size` pixels wide.
pub fn qr_svg(text: &str, size: u32) -> String {
    use qrcode::QrCode;
    use qrcode::render::svg;
    QrCode::new(text.as_bytes())
        .map(|code| code.render::<svg::Color>().min_dimensions(size, size).quiet_zone(true).build())
        .unwrap_or_default()
}

/// A form uploaded with a file: its text fields and the file (field `file`).
pub struct Upload {
    /// Text fields by name.
    pub fields: std::collections::HashMap<String, String>,
    /// The file's name as the browser gave it.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Photos (fields `photos`), each read only up to the register's limit.
    pub photos: Vec<Vec<u8>>,
}

impl Upload {
    /// A text field as an id; `not found` when absent or malformed.
    pub fn id(&self, name: &str, what: &str) -> Result<i32, ServerFnError> {
        self.fields
            .get(name)
            .and_then(|t| t.trim().parse::<i64>().ok())
            .map(row_id)
            .ok_or_else(|| problem(Problem::NotFound { what: what.into() }))
    }
}

/// Reads an uploaded form.
pub async fn upload(data: leptos::server_fn::codec::MultipartData) -> Result<Upload, ServerFnError> {
    let mut form = data.into_inner().ok_or_else(|| ServerFnError::new("multipart"))?;
    let mut up = Upload { fields: Default::default(), file_name: String::new(), bytes: Vec::new(), photos: Vec::new() };
    while let Ok(Some(mut field)) = form.next_field().await {
        match field.name().map(str::to_string) {
            Some(name) if name == "photos" => {
                let mut bytes = Vec::new();
                while let Ok(Some(chunk)) = field.chunk().await {
                    if bytes.len() + chunk.len() > kheo_service::models::photos::MAX_BYTES {
                        return Err(fail(kheo_service::models::photos::too_large()));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A file input left empty still sends an empty part.
                if !bytes.is_empty() {
                    up.photos.push(bytes);
                }
            }
            Some(name) if name == "file" => {
                up.file_name = field.file_name().unwrap_or_default().to_string();
                up.bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
            }
            Some(name) => {
                let value = field.text().await.unwrap_or_default();
                up.fields.insert(name, value);
            }
            None => {}
        }
    }
    Ok(up)
}

/// The file of an uploaded form: its name and bytes.
pub async fn uploaded_file(data: leptos::server_fn::codec::MultipartData) -> Result<(String, Vec<u8>), ServerFnError> {
    let up = upload(data).await?;
    Ok((up.file_name, up.bytes))
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn the_laptops_own_names_are_loopback_and_the_halls_are_not() {
        for host in ["127.0.0.1:3000", "localhost:3001", "LOCALHOST", "[::1]:3000", "127.0.1.1"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["192.168.1.10:3000", "hoithi.example.vn", "[fe80::1]:3000", "10.0.0.5"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
