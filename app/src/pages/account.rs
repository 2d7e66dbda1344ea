//! `/account`: who is signed in, and signing out.

use crate::i18n::texts;
use crate::pages::role_name;
use crate::session::{SignOut, whoami};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/account`.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = texts();
    let me = Resource::new(|| (), |_| whoami());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <Title text=t.signed_in_as/>
        <section class="card narrow">
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(u)) => view! {
                            <h1>{u.display_name.clone()}</h1>
                            <p id="signed-in-as">{t.signed_in_as}" "<strong>{u.username.clone()}</strong>" · "{role_name(t, u.role)}</p>
                            <ActionForm action=sign_out>
                                <button type="submit" class="button">{t.nav_sign_out}</button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! {
                            <h1>{t.sign_in_title}</h1>
                            <p><a class="button primary" href="/sign-in?next=/account">{t.nav_sign_in}</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
