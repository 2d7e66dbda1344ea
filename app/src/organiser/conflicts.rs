//! Conflicts of interest on the contest's page: a judge who does not score
//! a team, set any time before that judge has scored that team.

use super::contest::managed_contest;
use crate::i18n::panel_texts;
use crate::shared::{ErrorLine, LoadFailed, error_text};
use kheo_domain::api::{ConflictView, ContestView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// Replaces the contest's conflicts of interest.
#[server(input = Json)]
pub async fn save_conflicts(contest_id: i64, conflicts: Vec<ConflictView>) -> Result<Vec<ConflictView>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::set_conflicts(&svc, &actor, id(contest_id), &conflicts)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The card: the conflicts set, each removable, and a line to add one. It
/// loads the contest itself and keeps its own action, outside the page's
/// parts that are drawn again.
#[component]
pub fn ConflictsCard(cid: i64) -> impl IntoView {
    let save = ServerAction::<SaveConflicts>::new();
    let contest = Resource::new(move || save.version().get(), move |_| managed_contest(cid));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match contest.await {
                    Ok(c) => view! { <Conflicts contest=c save/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Conflicts(contest: ContestView, save: ServerAction<SaveConflicts>) -> impl IntoView {
    let p = panel_texts();
    let cid = contest.id;
    let list = contest.conflicts.clone().unwrap_or_default();
    let judge_name = {
        let judges = contest.judges.clone();
        move |id: i64| judges.iter().find(|j| j.id == id).map(|j| j.display_name.clone()).unwrap_or_default()
    };
    let team_name = {
        let teams = contest.teams.clone();
        move |id: i64| teams.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default()
    };
    let (judge, team, reason) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let kept = StoredValue::new(list.clone());
    let send = move |conflicts: Vec<ConflictView>| {
        save.dispatch(SaveConflicts { contest_id: cid, conflicts });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(judge_id), Ok(team_id)) = (judge.get().parse::<i64>(), team.get().parse::<i64>()) else { return };
        let reason = Some(reason.get()).filter(|r| !r.trim().is_empty());
        let mut all = kept.get_value();
        all.push(ConflictView { judge_id, team_id, reason });
        send(all);
    };
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()).map(|e| error_text(&e)));
    view! {
        <section class="card no-print" id="conflicts">
            <h2>{p.conflicts_title}</h2>
            <p class="muted">{p.conflicts_intro}</p>
            {if list.is_empty() {
                view! { <p class="muted" id="conflicts-none">{p.conflicts_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="conflicts">
                        {list.iter().enumerate().map(|(i, c)| view! {
                            <li data-judge=c.judge_id data-team=c.team_id>
                                <strong>{judge_name(c.judge_id)}</strong>" "{p.not_scoring}" "<strong>{team_name(c.team_id)}</strong>
                                {c.reason.clone().map(|r| format!(" ({r})"))}
                                " "<button type="button" class="button small danger" on:click=move |_| {
                                    let mut rest = kept.get_value();
                                    rest.remove(i);
                                    send(rest);
                                }>{p.remove_conflict}</button>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="conflict-add row" on:submit=add>
                <select id="conflict-judge" on:change=move |ev| judge.set(event_target_value(&ev))>
                    <option value="">{p.choose_judge}</option>
                    {contest.judges.iter().map(|j| view! { <option value=j.id.to_string()>{j.display_name.clone()}</option> }).collect_view()}
                </select>
                <select id="conflict-team" on:change=move |ev| team.set(event_target_value(&ev))>
                    <option value="">{p.choose_team}</option>
                    {contest.teams.iter().filter(|t| !t.withdrawn).map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> }).collect_view()}
                </select>
                <input type="text" id="conflict-reason" maxlength="200" placeholder=p.conflict_reason_hint aria-label=p.conflict_reason
                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                <button type="submit" class="button" disabled=move || judge.get().is_empty() || team.get().is_empty()>{p.add_conflict}</button>
            </form>
            <ErrorLine message=error/>
        </section>
    }
}
