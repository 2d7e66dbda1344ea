//! `/account`: who is signed in, and signing out.

use super::session::{SignOut, whoami};
use crate::i18n::texts;
use crate::shared::role_name;
use leptos::prelude::*;
use leptos_meta::Title;

/// The contests the signed-in judge scores.
#[server]
pub async fn my_panels() -> Result<Vec<kheo_domain::api::ContestSummary>, ServerFnError> {
    use crate::ssr;
    let Some(actor) = ssr::actor().await? else { return Ok(vec![]) };
    let svc = ssr::services()?;
    kheo_service::judging::panels_of(&svc.db, &actor).await.map_err(|e| ssr::problem(e.into_problem()))
}

/// `/account`.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = texts();
    let me = Resource::new(|| (), |_| whoami());
    // Made beside `me`, not inside its Suspend: a resource made there is made
    // again when the server re-renders it, and hydration may read the wrong copy.
    let panels = Resource::new(|| (), |_| my_panels());
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
                            {match u.role {
                                kheo_domain::user::Role::Judge => view! { <JudgeLinks panels=panels/> }.into_any(),
                                _ => view! { <p><a class="button primary" href="/manage">{t.nav_manage}</a></p> }.into_any(),
                            }}
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

/// Links to the judge's desks.
#[component]
fn JudgeLinks(panels: Resource<Result<Vec<kheo_domain::api::ContestSummary>, ServerFnError>>) -> impl IntoView {
    let t = texts();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                panels.await.unwrap_or_default().into_iter().map(|c| view! {
                    <p><a class="button primary" href=format!("/judge/{}", c.id)>{t.nav_judging}": "{c.name}</a></p>
                }).collect_view()
            })}
        </Suspense>
    }
}
