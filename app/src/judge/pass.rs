//! `/j/:token`: a judge opens the link (or scans the QR code) the organisers
//! gave him and types his six-digit PIN; no long password on a tablet.

use crate::i18n::texts;
use crate::shared::ErrorLine;
use crate::shared::error_text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Redeems a judge's pass and opens the judge's desk of its contest.
#[server]
pub async fn redeem_pass(token: String, pin: String) -> Result<(), ServerFnError> {
    use crate::ssr;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let svc = ssr::services()?;
    let origin = ssr::origin(&parts);
    let (session, contest_id) =
        kheo_service::judging::redeem(&svc, &token, &pin, origin).await.map_err(|e| ssr::problem(e.into_problem()))?;
    ssr::set_cookie(ssr::session_cookie(&session, ssr::is_https(&parts.headers)));
    ssr::set_cookie(ssr::pass_cookie(contest_id, &token, ssr::is_https(&parts.headers)));
    leptos_axum::redirect(&format!("/judge/{contest_id}"));
    Ok(())
}

/// `/j/:token`.
#[component]
pub fn PassPage() -> impl IntoView {
    let t = texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<RedeemPass>::new();
    let error = move || action.value().get().and_then(|r| r.err()).map(|e| error_text(&e));
    view! {
        <Title text=t.pass_title/>
        <section class="card narrow">
            <h1>{t.pass_title}</h1>
            <p class="muted">{t.pass_intro}</p>
            <ActionForm action=action attr:class="form" attr:id="pass-form">
                <input type="hidden" name="token" value=token/>
                <label>
                    <span>{t.pin}</span>
                    <input class="pin" type="text" name="pin" inputmode="numeric" pattern="[0-9]*" maxlength="6"
                        autocomplete="one-time-code" required/>
                </label>
                <ErrorLine message=Signal::derive(error)/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.sign_in_button}</button>
            </ActionForm>
        </section>
    }
}
