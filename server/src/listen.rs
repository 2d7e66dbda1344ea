//! Accepting connections. `axum::serve` sets no timer, so hyper's header
//! timeout never ran: a connection that sends its headers a byte a second
//! (slowloris, or a phone that has left the hall's Wi-Fi halfway through a
//! request) was held for ever, with its buffers. This loop serves each
//! connection with a header timeout, and on shutdown gives requests in
//! flight a few seconds, since live streams never end by themselves.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use kheo_service::Hub;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send a request's headers, from their
/// first byte: a phone on a crowded Wi-Fi needs a second or two.
const HEADER_TIMEOUT: Duration = Duration::from_secs(20);

/// How long requests in flight get once a shutdown is asked for.
const DRAIN: Duration = Duration::from_secs(5);

/// Serves `app` on `listener` until `stop` completes; a connection whose
/// first request is a live stream is held by `crate::stream` instead.
pub async fn serve(listener: TcpListener, app: Router, hub: Hub, stop: impl Future<Output = ()>) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    let builder = Arc::new(builder);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    spawn_trimmer();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait, never spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let (app, hub, builder, watcher) = (app.clone(), hub.clone(), builder.clone(), graceful.watcher());
        tokio::spawn(async move {
            let _open = Open::new();
            let Some(stream) = crate::stream::hold(stream, &hub, HEADER_TIMEOUT).await else { return };
            let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                let mut app = app.clone();
                tower::Service::call(&mut app, req.map(axum::body::Body::new))
            });
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            // Boxed: held inline, its room would be taken by every task,
            // the streams held without it too. A connection closed by its
            // client or by the timeout is no news.
            let _ = Box::pin(watcher.watch(connection.into_owned())).await;
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
}

/// Connections open now, and the most since memory was last given back.
static OPEN: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Counts a connection while it is open.
struct Open;

impl Open {
    fn new() -> Self {
        let now = OPEN.fetch_add(1, Ordering::Relaxed) + 1;
        PEAK.fetch_max(now, Ordering::Relaxed);
        Open
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        OPEN.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Gives memory back to the system once many connections have closed.
/// glibc's allocator keeps what thousands of departed viewers freed, in
/// pieces among what is still used, until asked (`malloc_trim`): after a
/// contest day's audience had gone, the server kept its peak for good.
fn spawn_trimmer() {
    tokio::spawn(async {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            let (now, peak) = (OPEN.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
            if peak.saturating_sub(now) >= TRIM_AFTER {
                PEAK.store(now, Ordering::Relaxed);
                give_back_memory();
            }
        }
    });
}

/// How many connections must have closed since the peak before memory is
/// given back: a hall's comings and goings are not worth a walk of the heap.
const TRIM_AFTER: usize = 500;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_memory() {
    // SAFETY: malloc_trim only returns free pages of glibc's heaps to the
    // system; it is thread-safe and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_memory() {}
