//! `/admin/accounts`: accounts without a shell. An admin makes any account
//! (an organiser with his unit); an organiser makes judges for his panels.

use super::units::{load_units, unit_options};
use crate::i18n::{season_texts, texts};
use crate::shared::{error_text, role_name};
use kheo_domain::api::{AccountLine, NewUser, UserView};
use kheo_domain::user::Role;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, services, signed_in};

/// The accounts the signed-in user may see, and his own role.
#[server]
pub async fn load_accounts() -> Result<(Role, Vec<AccountLine>), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let list = kheo_service::accounts::users::list(&svc.db, &actor).await.map_err(fail)?;
    Ok((actor.role, list))
}

/// Makes an account.
#[server(input = Json)]
pub async fn add_account(user: NewUser) -> Result<UserView, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::accounts::users::create_user(&svc.db, Some(&actor), user).await.map_err(fail)
}

/// `/admin/accounts`.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let made = RwSignal::new(0u32);
    let accounts = Resource::new(move || made.get(), |_| load_accounts());
    let units = Resource::new(|| (), |_| load_units());
    view! {
        <Title text=s.accounts_title/>
        <section class="board-head">
            <h1>{s.accounts_title}</h1>
            <p class="links"><a href="/admin/units">{s.units_title}</a></p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (role, list) = match accounts.await {
                    Ok(x) => x,
                    Err(e) => return view! { <p class="error">{error_text(&e)}</p> }.into_any(),
                };
                let units = units.await.map(|u| u.units).unwrap_or_default();
                view! {
                    <NewAccountForm role units made/>
                    <section class="card">
                        <h2>{s.accounts_list}" ("{list.len()}")"</h2>
                        <div class="table-wrap">
                            <table class="plain" id="accounts">
                                <thead><tr><th>{s.display_name}</th><th>{t.username}</th><th>{s.role}</th><th>{t.unit}</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| {
                                        let who = a.user.username.clone();
                                        view! {
                                        <tr data-username=who class:muted=!a.active>
                                            <td>{a.user.display_name}</td>
                                            <td class="muted">{a.user.username}</td>
                                            <td>{role_name(t, a.user.role)}</td>
                                            <td>{a.unit.unwrap_or_default()}</td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn NewAccountForm(role: Role, units: Vec<kheo_domain::api::UnitView>, made: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let roles: Vec<Role> =
        [Role::Judge, Role::Organiser, Role::Admin].into_iter().filter(|r| role.may_create(*r)).collect();
    let (username, display, password, new_role, unit) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(Role::Judge),
        RwSignal::new(None::<i64>),
    );
    let status = RwSignal::new(None::<Result<String, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user = NewUser {
            username: username.get_untracked(),
            password: password.get_untracked(),
            display_name: Some(display.get_untracked()),
            role: new_role.get_untracked().as_str().into(),
            unit: None,
            unit_id: unit.get_untracked().filter(|_| new_role.get_untracked() == Role::Organiser),
        };
        leptos::task::spawn_local(async move {
            match add_account(user).await {
                Ok(u) => {
                    status.set(Some(Ok(format!("{} {}", s.account_made, u.username))));
                    password.set(String::new());
                    made.update(|n| *n += 1);
                }
                Err(e) => status.set(Some(Err(error_text(&e)))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{s.add_account}</h2>
            <form class="form grid-form" id="new-account" on:submit=submit>
                <label><span>{s.display_name}</span>
                    <input type="text" name="display_name" required on:input=move |ev| display.set(event_target_value(&ev))/></label>
                <label><span>{t.username}</span>
                    <input type="text" name="username" required autocapitalize="none" on:input=move |ev| username.set(event_target_value(&ev))/></label>
                <label><span>{t.password}</span>
                    <input type="password" name="password" required minlength="8" autocomplete="new-password"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/></label>
                <label><span>{s.role}</span>
                    <select name="role" on:change=move |ev| new_role.set(Role::parse(&event_target_value(&ev)).unwrap_or(Role::Judge))>
                        {roles.into_iter().map(|r| view! { <option value=r.as_str()>{role_name(t, r)}</option> }).collect_view()}
                    </select></label>
                {move || (new_role.get() == Role::Organiser).then(|| view! {
                    <label><span>{t.unit}</span>
                        <select name="unit_id" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok())>
                            <option value="">{s.no_parent}</option>
                            {unit_options(&units, unit.get_untracked())}
                        </select></label>
                })}
                <div class="row wide">
                    <button type="submit" class="button primary">{s.add_account}</button>
                    {move || status.get().map(|r| match r {
                        Ok(m) => view! { <span class="ok" role="status">{m}</span> }.into_any(),
                        Err(e) => view! { <span class="error" role="alert">{e}</span> }.into_any(),
                    })}
                </div>
            </form>
        </section>
    }
}
