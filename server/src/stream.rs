//! The live stream held without hyper. A hall's audience is thousands of
//! phones, each holding the leaderboard's stream open all day and reading
//! a few frames. Held by hyper, each connection keeps a read buffer and a
//! header buffer of 8 KB each for as long as it is open: two thirds of an
//! idle viewer's cost. A connection whose first request is a stream's,
//! complete in its first bytes, is answered here instead: the request is
//! read once, the response head written, and from then on the connection
//! holds only its viewer (the same `Viewer` the router's stream uses, so
//! both send the same bytes). Any other connection, a stream asked for
//! after other requests on a kept-alive connection among them, goes to
//! hyper untouched: nothing is consumed before the request is known to be
//! one this module answers.

use crate::api::leaderboard::Viewer;
use kheo_service::Hub;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How much of a connection's first bytes is looked at. A stream's request
/// is a few hundred bytes; a longer one goes to hyper.
const PEEK: usize = 4096;

/// A live stream's request, read from a connection's first bytes.
#[derive(Debug, PartialEq, Eq)]
struct StreamRequest {
    /// The length of its head (request line and headers), to be consumed.
    head_len: usize,
    contest_id: i32,
    /// What a reconnecting browser last saw.
    last_event_id: Option<i64>,
}

/// The request in `bytes` when it is a complete `GET` of a contest's
/// stream with no body and nothing asked beyond it; else none.
fn stream_request(bytes: &[u8]) -> Option<StreamRequest> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut req = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(head_len) = req.parse(bytes).ok()? else { return None };
    if req.method != Some("GET") {
        return None;
    }
    let cid = req.path?.strip_prefix("/api/v1/contests/")?.strip_suffix("/leaderboard/stream")?;
    if cid.is_empty() || !cid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let contest_id = cid.parse().ok()?;
    let mut last_event_id = None;
    for h in req.headers.iter() {
        let is = |name: &str| h.name.eq_ignore_ascii_case(name);
        if (is("content-length") && h.value != b"0") || is("transfer-encoding") || is("upgrade") || is("expect") {
            return None;
        }
        if is("last-event-id") {
            last_event_id = std::str::from_utf8(h.value).ok().and_then(|v| v.trim().parse().ok());
        }
    }
    Some(StreamRequest { head_len, contest_id, last_event_id })
}

/// Answers the connection here when its first request is a live stream's
/// (and returns once the viewer has gone); otherwise hands it back,
/// unread, for hyper. None: the connection is done with.
pub async fn hold(stream: TcpStream, hub: &Hub, header_timeout: Duration) -> Option<TcpStream> {
    // Waited for without a buffer. A connection silent for as long as a
    // request's headers may take is closed, as hyper closes one.
    match tokio::time::timeout(header_timeout, stream.readable()).await {
        Err(_) => return None,
        Ok(Err(_)) => return Some(stream),
        Ok(Ok(())) => {}
    }
    let mut first = vec![0u8; PEEK];
    let Ok(n) = stream.peek(&mut first).await else { return Some(stream) };
    let Some(req) = stream_request(&first[..n]) else { return Some(stream) };
    // An unknown contest is answered by the router, with its problem JSON.
    // Boxed: the database read's future would otherwise size the task the
    // viewer lives in all day.
    let Ok(rx) = Box::pin(hub.subscribe(req.contest_id)).await else { return Some(stream) };
    let mut stream = stream;
    if stream.read_exact(&mut first[..req.head_len]).await.is_err() {
        return None;
    }
    drop(first);
    serve(stream, Viewer::new(rx, req.last_event_id)).await;
    None
}

/// Writes the response head, then each frame the viewer is given, until
/// either side goes. The body runs to the connection's end, as an event
/// stream may (`connection: close`): no chunk framing to write per frame.
async fn serve(mut stream: TcpStream, mut viewer: Viewer) {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n\
         x-accel-buffering: no\r\nconnection: close\r\ndate: {}\r\n\r\n",
        httpdate::fmt_http_date(std::time::SystemTime::now())
    );
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    loop {
        let bytes = tokio::select! {
            bytes = viewer.next() => bytes,
            ready = stream.readable() => {
                if ready.is_err() || gone(&stream) {
                    return;
                }
                continue;
            }
        };
        let Some(bytes) = bytes else { return };
        if stream.write_all(&bytes).await.is_err() {
            return;
        }
    }
}

/// Whether a stream's client has closed its side (or sent something: a
/// stream's client has nothing more to ask on this connection).
fn gone(stream: &TcpStream) -> bool {
    let mut scratch = [0u8; 64];
    match stream.try_read(&mut scratch) {
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
        Ok(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{StreamRequest, stream_request};

    #[test]
    fn a_browsers_stream_request_is_held_here() {
        let req = b"GET /api/v1/contests/12/leaderboard/stream HTTP/1.1\r\nHost: hall\r\nAccept: text/event-stream\r\n\
                    Last-Event-ID: 40\r\n\r\n";
        assert_eq!(
            stream_request(req),
            Some(StreamRequest { head_len: req.len(), contest_id: 12, last_event_id: Some(40) })
        );
        let plain = b"GET /api/v1/contests/3/leaderboard/stream HTTP/1.1\r\nHost: hall\r\n\r\n";
        assert_eq!(stream_request(plain).map(|r| (r.contest_id, r.last_event_id)), Some((3, None)));
    }

    #[test]
    fn everything_else_goes_to_the_router() {
        for req in [
            // Not complete yet: a slow client, or a long one.
            &b"GET /api/v1/contests/12/leaderboard/stream HTTP/1.1\r\nHost: hall\r\n"[..],
            b"G",
            // Another path, a query, another method, a bad id.
            b"GET /api/v1/contests/12/leaderboard HTTP/1.1\r\n\r\n",
            b"GET /api/v1/contests/12/leaderboard/stream?x=1 HTTP/1.1\r\n\r\n",
            b"POST /api/v1/contests/12/leaderboard/stream HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            b"GET /api/v1/contests/-1/leaderboard/stream HTTP/1.1\r\n\r\n",
            b"GET /api/v1/contests/99999999999/leaderboard/stream HTTP/1.1\r\n\r\n",
            // A body or an upgrade asked for.
            b"GET /api/v1/contests/12/leaderboard/stream HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            b"GET /api/v1/contests/12/leaderboard/stream HTTP/1.1\r\nUpgrade: websocket\r\n\r\n",
            // HTTP/2's preface.
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        ] {
            assert_eq!(stream_request(req), None, "{}", String::from_utf8_lossy(req));
        }
    }
}
