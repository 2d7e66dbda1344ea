//! `/admin/accounts`: accounts without a shell. An admin makes any account
//! (an organiser with his unit); an organiser makes judges for his panels.

use super::units::{load_units, unit_options};
use crate::i18n::{organiser_texts, season_texts, texts};
use crate::shared::{Ask, Question, role_name, show_refusal};
use crate::shared::{ErrorLine, LoadFailed};
use kheo_domain::api::{AccountEdit, AccountLine, NewUser, UserView};
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
    let list = kheo_service::accounts::users::list(&svc, &actor).await.map_err(fail)?;
    Ok((actor.role, list))
}

/// Makes an account.
#[server(input = Json)]
pub async fn add_account(user: NewUser) -> Result<UserView, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::accounts::users::create_user(&svc, Some(&actor), user).await.map_err(fail)
}

/// Changes an account (an admin any, an organiser his judges).
#[server(input = Json)]
pub async fn update_account(user_id: i64, edit: AccountEdit) -> Result<AccountLine, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::accounts::users::update(&svc, &actor, crate::ssr::row_id(user_id), &edit).await.map_err(fail)
}

/// Sets a new password for an account; its sessions end.
#[server]
pub async fn reset_account_password(user_id: i64, password: String) -> Result<(), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::accounts::users::reset_password(&svc, &actor, crate::ssr::row_id(user_id), &password)
        .await
        .map_err(fail)
}

/// `/admin/accounts`.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let o = organiser_texts();
    let question = RwSignal::new(None::<Question>);
    let made = RwSignal::new(0u32);
    let accounts = Resource::new(move || made.get(), |_| load_accounts());
    // The form needs only who is signing in, read once: a new account
    // reloads the list below it, not the form, which keeps saying what it
    // made.
    let me = Resource::new(|| (), |_| crate::account::session::whoami());
    let units = Resource::new(|| (), |_| load_units());
    view! {
        <Title text=s.units.accounts_title/>
        <section class="board-head">
            <h1>{s.units.accounts_title}</h1>
            <p class="links"><a href="/admin/units">{s.units.units_title}</a></p>
        </section>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let role = me.await.ok().flatten().map(|u| u.role).filter(|r| matches!(r, Role::Organiser | Role::Admin));
                let units = units.await.map(|u| u.units).unwrap_or_default();
                role.map(|role| view! { <NewAccountForm role units made/> })
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (role, list) = match accounts.await {
                    Ok(x) => x,
                    Err(e) => return view! { <LoadFailed error=e bare=true/> }.into_any(),
                };
                let units = units.await.map(|u| u.units).unwrap_or_default();
                let editing = RwSignal::new(None::<i64>);
                let units_for_rows = StoredValue::new(units.clone());
                view! {
                    <Ask question/>
                    <section class="card">
                        <h2>{s.units.accounts_list}" ("{list.len()}")"</h2>
                        <div class="table-wrap">
                            <table class="plain" id="accounts">
                                <thead><tr><th>{s.units.display_name}</th><th>{t.username}</th><th>{s.units.role}</th><th>{t.unit}</th><th>{t.state}</th><th></th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| {
                                        let who = a.user.username.clone();
                                        let id = a.user.id;
                                        let line = a.clone();
                                        view! {
                                        <tr data-username=who class:muted=!a.active>
                                            <td>{a.user.display_name}</td>
                                            <td class="muted">{a.user.username}</td>
                                            <td>{role_name(t, a.user.role)}</td>
                                            <td>{a.unit.unwrap_or_default()}</td>
                                            <td>{if a.active { o.account_active } else { o.account_disabled }}</td>
                                            <td><button type="button" class="button small edit-account"
                                                on:click=move |_| editing.set(if editing.get_untracked() == Some(id) { None } else { Some(id) })>{o.edit}</button></td>
                                        </tr>
                                        {move || (editing.get() == Some(id)).then(|| {
                                            let line = line.clone();
                                            view! {
                                                <tr class="edit-row"><td colspan="6">
                                                    <EditAccount line role units=units_for_rows.get_value() made editing question/>
                                                </td></tr>
                                            }
                                        })}
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

/// One account opened for change: name, role and unit (an admin's), whether
/// it may sign in, and a new password.
#[component]
fn EditAccount(
    line: AccountLine,
    role: Role,
    units: Vec<kheo_domain::api::UnitView>,
    made: RwSignal<u32>,
    editing: RwSignal<Option<i64>>,
    question: RwSignal<Option<Question>>,
) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let o = organiser_texts();
    let id = line.user.id;
    let admin = role == Role::Admin;
    let display = RwSignal::new(line.user.display_name.clone());
    let new_role = RwSignal::new(line.user.role);
    let unit = RwSignal::new(line.unit_id);
    let password = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let username = line.user.username.clone();
    // Saved, disabled or enabled: the list of accounts is loaded again.
    let (saving, switching) = (ServerAction::<UpdateAccount>::new(), ServerAction::<UpdateAccount>::new());
    for (action, said) in [(saving, Some(o.account_saved)), (switching, None)] {
        Effect::new(move |_| match action.value().get() {
            Some(Ok(_)) => {
                if let Some(said) = said {
                    status.set(Some(Ok(said)));
                }
                made.update(|n| *n += 1);
            }
            Some(Err(e)) => status.set(Some(Err(show_refusal(&e)))),
            None => {}
        });
    }
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edit = AccountEdit {
            display_name: Some(display.get_untracked()),
            role: admin.then(|| new_role.get_untracked().as_str().to_string()),
            unit_id: admin.then(|| unit.get_untracked()),
            active: None,
        };
        saving.dispatch(UpdateAccount { user_id: id, edit });
    };
    let set_active = move |active: bool| {
        let edit = AccountEdit { active: Some(active), ..AccountEdit::default() };
        switching.dispatch(UpdateAccount { user_id: id, edit });
    };
    let ask_disable = {
        let username = username.clone();
        move |_| {
            question.set(Some(Question {
                title: o.ask_disable_title.replace("{user}", &username),
                lines: vec![o.ask_disable_body.to_string()],
                yes: o.disable_account.to_string(),
                on_yes: Callback::new(move |_| set_active(false)),
            }))
        }
    };
    let reset = move |_| {
        let p = password.get_untracked();
        leptos::task::spawn_local(async move {
            match reset_account_password(id, p).await {
                Ok(()) => {
                    password.set(String::new());
                    status.set(Some(Ok(o.password_reset_done)));
                }
                Err(e) => status.set(Some(Err(show_refusal(&e)))),
            }
        });
    };
    let active = line.active;
    let roles: Vec<Role> =
        [Role::Judge, Role::Organiser, Role::Admin].into_iter().filter(|r| admin || *r == Role::Judge).collect();
    view! {
        <div class="edit-account" data-user=username.clone()>
            <h3>{o.edit_account_title.replace("{user}", &username)}</h3>
            <form class="grid-form" on:submit=save>
                <label><span>{s.units.display_name}</span>
                    <input type="text" name="display_name" maxlength="100" required prop:value=move || display.get()
                        on:input=move |ev| display.set(event_target_value(&ev))/></label>
                {admin.then(|| view! {
                    <label><span>{s.units.role}</span>
                        <select name="role" on:change=move |ev| new_role.set(Role::parse(&event_target_value(&ev)).unwrap_or(Role::Judge))>
                            {roles.iter().map(|r| view! { <option value=r.as_str() selected=*r == line.user.role>{role_name(t, *r)}</option> }).collect_view()}
                        </select></label>
                    <label><span>{t.unit}</span>
                        <select name="unit_id" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok())>
                            <option value="">{s.no_parent}</option>
                            {unit_options(&units, line.unit_id)}
                        </select></label>
                })}
                <div class="row wide">
                    <button type="submit" class="button primary">{o.save}</button>
                    {if active {
                        view! { <button type="button" class="button danger disable-account" on:click=ask_disable>{o.disable_account}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button enable-account" on:click=move |_| set_active(true)>{o.enable_account}</button> }.into_any()
                    }}
                    <button type="button" class="button" on:click=move |_| editing.set(None)>{o.close}</button>
                </div>
            </form>
            <div class="row reset-password">
                <label class="grow"><span class="label">{o.new_password}</span>
                    <input type="password" name="password" minlength="8" maxlength="128" autocomplete="new-password"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/></label>
                <button type="button" class="button" on:click=reset>{o.reset_password}</button>
            </div>
            {move || status.get().map(|r| match r {
                Ok(m) => view! { <p class="ok" role="status">{m}</p> }.into_any(),
                Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
            })}
        </div>
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
    // Made: the list of accounts is loaded again, the form ready for the
    // next one, of the same role.
    let adding = ServerAction::<AddAccount>::new();
    Effect::new(move |_| match adding.value().get() {
        Some(Ok(u)) => {
            status.set(Some(Ok(format!("{} {}", s.units.account_made, u.username))));
            display.set(String::new());
            username.set(String::new());
            password.set(String::new());
            made.update(|n| *n += 1);
        }
        Some(Err(e)) => status.set(Some(Err(show_refusal(&e)))),
        None => {}
    });
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
        adding.dispatch(AddAccount { user });
    };
    view! {
        <section class="card">
            <h2>{s.units.add_account}</h2>
            <form class="form grid-form" id="new-account" on:submit=submit>
                <label><span>{s.units.display_name}</span>
                    <input type="text" name="display_name" required maxlength="100" prop:value=move || display.get()
                        on:input=move |ev| display.set(event_target_value(&ev))/></label>
                <label><span>{t.username}</span>
                    <input type="text" name="username" required maxlength="32" autocapitalize="none" prop:value=move || username.get()
                        on:input=move |ev| username.set(event_target_value(&ev))/></label>
                <label><span>{t.password}</span>
                    <input type="password" name="password" required minlength="8" maxlength="128" autocomplete="new-password"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/></label>
                <label><span>{s.units.role}</span>
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
                    <button type="submit" class="button primary">{s.units.add_account}</button>
                    {move || status.get().map(|r| match r {
                        Ok(m) => view! { <span class="ok" role="status">{m}</span> }.into_any(),
                        Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                    })}
                </div>
            </form>
        </section>
    }
}
