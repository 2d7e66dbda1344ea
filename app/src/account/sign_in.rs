//! `/sign-in`: a plain form that works before (and without) WebAssembly.

use super::session::SignIn;
use crate::i18n::texts;
use crate::shared::ErrorLine;
use crate::shared::error_text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/sign-in`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = texts();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = move || action.value().get().and_then(|r| r.err()).map(|e| error_text(&e));
    view! {
        <Title text=t.sign_in_title/>
        <section class="card narrow">
            <h1>{t.sign_in_title}</h1>
            <ActionForm action=action attr:class="form" attr:id="sign-in-form">
                <input type="hidden" name="next" value=next/>
                <label>
                    <span>{t.username}</span>
                    <input type="text" name="username" autocomplete="username" autocapitalize="none" required/>
                </label>
                <label>
                    <span>{t.password}</span>
                    <input type="password" name="password" autocomplete="current-password" required/>
                </label>
                <ErrorLine message=Signal::derive(error)/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {t.sign_in_button}
                </button>
            </ActionForm>
        </section>
    }
}
