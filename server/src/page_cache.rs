//! Rendered audience pages, kept per standings version. When the hall
//! scans the projector's QR code, hundreds of phones ask for the same
//! leaderboard at once; every one of them without a session sees the same
//! HTML until the standings change, so it is rendered once per version.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use kheo_app::PageKind;
use kheo_app::ssr::cookie;
use kheo_service::Services;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Larger pages than this are served but not kept.
const MAX_PAGE: usize = 512 * 1024;

#[derive(Clone, Hash, PartialEq, Eq)]
struct Key {
    host: String,
    path: String,
    lang: Option<String>,
}

struct Page {
    version: i64,
    content_type: HeaderValue,
    body: Bytes,
}

/// The cache, shared by every request of one instance.
#[derive(Clone, Default)]
pub struct PageCache(Arc<Mutex<HashMap<Key, Page>>>);

/// The contest id of an audience page's path, when the page can be kept.
fn contest_page(path: &str) -> Option<i32> {
    match PageKind::of(path) {
        PageKind::Board | PageKind::Projector | PageKind::Overlay | PageKind::Play => {
            path.split('/').nth(2)?.parse().ok()
        }
        _ => None,
    }
}

/// Serves a kept page when the standings have not changed since it was
/// rendered; otherwise renders it and keeps it. Signed-in requests, query
/// strings and other pages pass straight through.
pub async fn serve(State((svc, cache)): State<(Services, PageCache)>, req: Request, next: Next) -> Response {
    let cid = (req.method() == Method::GET && req.uri().query().is_none())
        .then(|| contest_page(req.uri().path()))
        .flatten()
        .filter(|_| cookie(req.headers(), kheo_app::ssr::SESSION_COOKIE).is_none());
    let audience = req.method() == Method::GET && PageKind::of(req.uri().path()) != PageKind::App;
    let Some(cid) = cid else { return pass(req, next, audience).await };
    let Ok(version) = svc.hub.current(cid).await.map(|s| s.version) else { return pass(req, next, audience).await };
    let key = Key {
        host: req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default().to_string(),
        path: req.uri().path().to_string(),
        lang: cookie(req.headers(), kheo_app::i18n::LANG_COOKIE),
    };
    if let Some(hit) = cache.0.lock().expect("page cache").get(&key).filter(|p| p.version == version) {
        return page_response(hit.content_type.clone(), hit.body.clone());
    }
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(body) = to_bytes(body, MAX_PAGE).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response();
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
    cache.0.lock().expect("page cache").insert(key, Page { version, content_type, body: body.clone() });
    Response::from_parts(parts, Body::from(body))
}

/// A request the cache does not keep. An audience page is still handed on
/// whole: it renders completely before its first byte anyway
/// (`SsrMode::Async`), and a whole body can be gzipped for the phones.
async fn pass(req: Request, next: Next, audience: bool) -> Response {
    let resp = next.run(req).await;
    if !audience {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    match to_bytes(body, MAX_PAGE).await {
        Ok(body) => Response::from_parts(parts, Body::from(body)),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response(),
    }
}

fn page_response(content_type: HeaderValue, body: Bytes) -> Response {
    let mut resp = Body::from(body).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, content_type);
    resp
}

#[cfg(test)]
mod tests {
    use super::contest_page;

    #[test]
    fn only_contest_audience_pages_are_kept() {
        assert_eq!(contest_page("/contests/7"), Some(7));
        assert_eq!(contest_page("/contests/7/projector"), Some(7));
        assert_eq!(contest_page("/contests/7/overlay"), Some(7));
        assert_eq!(contest_page("/"), None);
        assert_eq!(contest_page("/manage/7"), None);
        assert_eq!(contest_page("/contests/x"), None);
    }
}
