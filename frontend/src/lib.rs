//! Entry point of the browser bundle: hydrates the server-rendered page.

#![recursion_limit = "1024"]

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(kheo_app::App);
    // Lets browser tests wait for interactivity rather than guess a delay.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__kheo_hydrated"), &JsValue::TRUE);
    }
}
