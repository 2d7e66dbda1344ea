//! Entry point of the browser bundle: hydrates the server-rendered page.

#![recursion_limit = "1024"]

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The field bundle carries few routes: a server function's redirect
    // (signing in leads on to /manage) loads the next page whole, and the
    // server sends it with the bundle it needs. Set before the router,
    // which would otherwise route it here, and the first hook set is kept.
    #[cfg(not(feature = "staff"))]
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_href(to);
        }
    });
    leptos::mount::hydrate_body(kheo_app::App);
    kheo_app::shared::HYDRATED.store(true, std::sync::atomic::Ordering::Relaxed);
    // Lets browser tests wait for interactivity rather than guess a delay.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__kheo_hydrated"), &JsValue::TRUE);
    }
}
