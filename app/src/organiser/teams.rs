//! `/manage/:cid/teams`: corrections once a contest has begun — a team's
//! or member's name, a reserve swapped in, a team withdrawn (kept in the
//! records, out of the standings) or brought back. Each is audited; scores
//! and ids stay as they are.

use super::contest::managed_contest;
use crate::i18n::{season_texts, texts};
use crate::shared::{Ask, Question, error_text, id_param, member_role_name};
use crate::shared::{ErrorLine, LoadFailed};
use kheo_domain::api::{MemberView, TeamCorrection, TeamView};
use kheo_domain::contest::MemberRole;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id as id, services, signed_in};

/// Saves a team's corrected names and roles.
#[server(input = Json)]
pub async fn correct_team(contest_id: i64, team_id: i64, fix: TeamCorrection) -> Result<(), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::contests::corrections::correct_team(&svc, &actor, id(contest_id), id(team_id), &fix)
        .await
        .map_err(fail)
}

/// Withdraws a team with a reason, or brings it back (`reason` none).
#[server]
pub async fn withdraw_team(contest_id: i64, team_id: i64, reason: Option<String>) -> Result<(), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::contests::corrections::set_withdrawn(&svc, &actor, id(contest_id), id(team_id), reason.as_deref())
        .await
        .map_err(fail)
}

/// `/manage/:cid/teams`.
#[component]
pub fn TeamsPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let cid = id_param("cid");
    let changed = RwSignal::new(0u32);
    let contest = Resource::new(move || (cid(), changed.get()), |(c, _)| managed_contest(c));
    view! {
        <Title text=s.advance.teams_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match contest.await {
                    Ok(c) => view! {
                        <section class="board-head">
                            <h1>{s.advance.teams_title}</h1>
                            <p class="muted"><a href=format!("/manage/{}", c.id)>{c.name.clone()}</a></p>
                            <p class="muted">{s.advance.teams_intro}</p>
                        </section>
                        {c.teams.into_iter().map(|team| view! { <TeamCard contest_id=c.id team changed/> }).collect_view()}
                    }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TeamCard(contest_id: i64, team: TeamView, changed: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let tid = team.id;
    let name = RwSignal::new(team.name.clone());
    let unit = RwSignal::new(team.unit.clone());
    let members = RwSignal::new(team.member_roles.clone());
    let reason = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let withdrawn = team.withdrawn;
    let save = move |_| {
        let fix =
            TeamCorrection { name: name.get_untracked(), unit: unit.get_untracked(), members: members.get_untracked() };
        leptos::task::spawn_local(async move {
            status.set(Some(correct_team(contest_id, tid, fix).await.map(|_| t.saved).map_err(|e| error_text(&e))));
        });
    };
    // Withdrawn or back: the list is loaded again; a refusal is said here.
    let withdrawal = ServerAction::<WithdrawTeam>::new();
    Effect::new(move |_| match withdrawal.value().get() {
        Some(Ok(())) => changed.update(|n| *n += 1),
        Some(Err(e)) => status.set(Some(Err(error_text(&e)))),
        None => {}
    });
    let withdraw = move |back: bool| {
        let reason = (!back).then(|| reason.get_untracked());
        withdrawal.dispatch(WithdrawTeam { contest_id, team_id: tid, reason });
    };
    // Withdrawing takes the team off every screen: said before it is done.
    let question = RwSignal::new(None::<Question>);
    let team_name = team.name.clone();
    let ask_withdraw = move |_| {
        let o = crate::i18n::organiser_texts();
        question.set(Some(Question {
            title: o.ask_withdraw_title.replace("{team}", &team_name),
            lines: vec![o.ask_withdraw_body.to_string()],
            yes: o.ask_withdraw_yes.to_string(),
            on_yes: Callback::new(move |_| withdraw(false)),
        }));
    };
    view! {
        <Ask question/>
        <section class="card team-card" class:withdrawn=withdrawn data-team=tid>
            <div class="row spread">
                <h2><span class="order-badge">{team.order}</span>" "{team.name.clone()}</h2>
                {withdrawn.then(|| view! { <span class="badge warn">{s.advance.withdrawn}</span> })}
            </div>
            {team.origin.clone().map(|o| view! {
                <p class="muted small">{s.advance.came_from}" "{o.contest_name.unwrap_or_default()}{o.award.map(|a| format!(" · {a}"))}</p>
            })}
            <div class="grid-form">
                <label><span>{t.team}</span>
                    <input type="text" name="name" maxlength="200" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label><span>{t.team_unit}</span>
                    <input type="text" name="unit" maxlength="200" prop:value=move || unit.get() on:input=move |ev| unit.set(event_target_value(&ev))/></label>
            </div>
            <table class="plain edit members">
                <thead><tr><th>"#"</th><th>{s.member_name}</th><th>{s.member_role}</th></tr></thead>
                <tbody>
                    {move || members.get().into_iter().enumerate().map(|(i, m)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td><input type="text" name=format!("members[{i}].name") value=m.name.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); members.update(|ms| ms[i].name = v); }/></td>
                            <td><select name=format!("members[{i}].role") on:change=move |ev| {
                                    let v = MemberRole::parse(&event_target_value(&ev)).unwrap_or(MemberRole::Main);
                                    members.update(|ms| ms[i].role = v);
                                }>
                                {MemberRole::ALL.iter().map(|r| view! { <option value=r.as_str() selected=m.role == *r>{member_role_name(s, *r)}</option> }).collect_view()}
                            </select></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="row">
                <button type="button" class="button small" on:click=move |_| members.update(|ms| ms.push(MemberView { name: String::new(), role: MemberRole::Reserve }))>{s.add_member}</button>
                <button type="button" class="button primary" data-action="correct" on:click=save>{t.save_changes}</button>
                {move || status.get().map(|r| match r {
                    Ok(m) => view! { <span class="ok" role="status">{m}</span> }.into_any(),
                    Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                })}
            </div>
            <div class="row withdraw">
                {if withdrawn {
                    view! { <button type="button" class="button" data-action="reinstate" on:click=move |_| withdraw(true)>{s.advance.reinstate}</button> }.into_any()
                } else {
                    view! {
                        <input type="text" name="reason" maxlength="1000" placeholder=s.advance.withdraw_reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <button type="button" class="button danger" data-action="withdraw" on:click=ask_withdraw>{s.advance.withdraw}</button>
                    }.into_any()
                }}
            </div>
        </section>
    }
}
