//! `/account`: who is signed in, and signing out.

use super::session::{SignOut, whoami};
use crate::i18n::texts;
use crate::shared::ErrorLine;
use crate::shared::role_name;
use leptos::prelude::*;
use leptos_meta::Title;

/// The contests the signed-in judge scores.
#[server]
pub async fn my_panels() -> Result<Vec<kheo_domain::api::ContestSummary>, ServerFnError> {
    use crate::ssr;
    let Some(actor) = ssr::actor().await? else { return Ok(vec![]) };
    let svc = ssr::services()?;
    kheo_service::judging::panels_of(&svc, &actor).await.map_err(|e| ssr::problem(e.into_problem()))
}

/// Changes the signed-in user's own password.
#[server]
pub async fn change_password(current: String, new_password: String) -> Result<(), ServerFnError> {
    use crate::ssr;
    let actor = ssr::signed_in().await?;
    let svc = ssr::services()?;
    kheo_service::accounts::users::change_own_password(&svc, &actor, &current, &new_password).await.map_err(ssr::fail)
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
                            <ChangePassword/>
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

/// The user's own password: the current one, the new one twice.
#[component]
fn ChangePassword() -> impl IntoView {
    let o = crate::i18n::organiser_texts();
    let (current, new, again) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new.get_untracked() != again.get_untracked() {
            crate::shared::mark_field("repeat_password", o.passwords_differ);
            status.set(Some(Err(o.passwords_differ.to_string())));
            return;
        }
        let (c, n) = (current.get_untracked(), new.get_untracked());
        leptos::task::spawn_local(async move {
            match change_password(c, n).await {
                Ok(()) => {
                    crate::shared::clear_refusals();
                    for f in [current, new, again] {
                        f.set(String::new());
                    }
                    status.set(Some(Ok(o.password_changed)));
                }
                Err(e) => status.set(Some(Err(crate::shared::show_refusal(&e)))),
            }
        });
    };
    let field = move |name: &'static str, label: &'static str, value: RwSignal<String>, auto: &'static str| {
        view! {
            <label><span>{label}</span>
                <input type="password" name=name required maxlength="128" autocomplete=auto
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></label>
        }
    };
    view! {
        <details class="change-password">
            <summary>{o.change_password}</summary>
            <form class="form" id="change-password" on:submit=submit>
                {field("current_password", o.current_password, current, "current-password")}
                {field("new_password", o.new_password, new, "new-password")}
                {field("repeat_password", o.repeat_password, again, "new-password")}
                <button type="submit" class="button primary">{o.change_password}</button>
                {move || status.get().map(|r| match r {
                    Ok(m) => view! { <p class="ok" role="status">{m}</p> }.into_any(),
                    Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
                })}
            </form>
        </details>
    }
}
