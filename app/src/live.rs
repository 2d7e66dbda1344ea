//! The browser's side of the live stream: one EventSource per page on the
//! contest's standings stream. The browser reconnects by itself and sends
//! `Last-Event-ID`, so only newer versions arrive.

use kheo_domain::standings::Standings;
use leptos::prelude::*;

/// Opens the stream for the lifetime of the calling component. `on_board`
/// receives every new version; `set_live` says whether the stream is up.
#[cfg(feature = "hydrate")]
pub fn follow(contest_id: i64, on_board: impl Fn(Standings) + 'static, set_live: WriteSignal<Option<bool>>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    let Ok(source) = EventSource::new(&format!("/api/v1/contests/{contest_id}/leaderboard/stream")) else {
        return;
    };
    let board = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        if let Some(next) = ev.data().as_string().and_then(|t| serde_json::from_str::<Standings>(&t).ok()) {
            on_board(next);
            set_live.set(Some(true));
        }
    });
    let error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| set_live.set(Some(false)));
    let open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| set_live.set(Some(true)));
    let _ = source.add_event_listener_with_callback("leaderboard", board.as_ref().unchecked_ref());
    source.set_onerror(Some(error.as_ref().unchecked_ref()));
    source.set_onopen(Some(open.as_ref().unchecked_ref()));
    let held = send_wrapper::SendWrapper::new((source, board, error, open));
    on_cleanup(move || held.0.close());
}

/// On the server there is nothing to follow.
#[cfg(not(feature = "hydrate"))]
pub fn follow(_contest_id: i64, _on_board: impl Fn(Standings) + 'static, _set_live: WriteSignal<Option<bool>>) {}
