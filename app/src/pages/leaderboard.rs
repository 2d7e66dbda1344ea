//! `/contests/:id`: the public leaderboard, rendered on the server, then
//! kept live over server-sent events.

use crate::i18n::texts;
use crate::pages::{error_text, state_name};
use kheo_domain::contest::RoundState;
use kheo_domain::standings::Standings;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The contest's standings as of now.
#[server]
pub async fn get_standings(id: i64) -> Result<Standings, ServerFnError> {
    use crate::ssr;
    let svc = ssr::services()?;
    let cid = i32::try_from(id).map_err(|_| ssr::problem(kheo_domain::i18n::Problem::NotFound { what: "contest".into() }))?;
    let snap = svc.hub.current(cid).await.map_err(|e| ssr::problem(e.into_problem()))?;
    Ok(snap.standings.clone())
}

/// `/contests/:id`.
#[component]
pub fn LeaderboardPage() -> impl IntoView {
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let data = Resource::new(id, get_standings);
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <LiveBoard initial=s/> }.into_any(),
                    Err(e) => view! {
                        <section class="card narrow"><p class="error">{error_text(&e)}</p></section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The board, updated whenever the stream brings a newer version.
#[component]
fn LiveBoard(initial: Standings) -> impl IntoView {
    let t = texts();
    let contest_id = initial.contest.id;
    let (standings, set_standings) = signal(initial);
    // None until the stream has said anything: the server-rendered page
    // claims neither "live" nor "reconnecting".
    let (live, set_live) = signal(None::<bool>);
    crate::live::follow(
        contest_id,
        move |next| set_standings.update(|cur| if next.version >= cur.version { *cur = next }),
        set_live,
    );

    let title = move || standings.with(|s| s.contest.name.clone());
    view! {
        <Title text=title/>
        <section class="board">
            <header class="board-head">
                <h1>{title}</h1>
                <p class="muted">{move || standings.with(|s| s.contest.unit.clone())}</p>
                {move || live.get().map(|on| view! {
                    <p class="live-status" class:on=on>{if on { t.live } else { t.reconnecting }}</p>
                })}
            </header>
            <div class="table-wrap">
                <table class="standings" data-version=move || standings.with(|s| s.version)>
                    <thead>
                        <tr>
                            <th class="rank">{t.rank}</th>
                            <th class="team">{t.team}</th>
                            {move || standings.with(|s| s.rounds.iter().map(|r| {
                                let in_progress = r.state == RoundState::Open;
                                view! {
                                    <th class="round" class:in-progress=in_progress>
                                        <span>{r.name.clone()}</span>
                                        <small>{state_name(t, r.state)}</small>
                                    </th>
                                }
                            }).collect_view())}
                            <th class="total">{t.total}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || standings.with(|s| s.standings.iter().map(|row| {
                            let scores: Vec<(String, Option<String>)> = s.rounds.iter()
                                .map(|r| (r.name.clone(), row.rounds.get(&r.id.to_string()).cloned().flatten()))
                                .collect();
                            // On a phone the rounds go under the team's name.
                            let chips = scores.iter().filter_map(|(name, v)| v.clone().map(|v| view! {
                                <span class="chip">{name.clone()}" "<b>{v}</b></span>
                            })).collect_view();
                            let cells = scores.into_iter().map(|(_, v)| {
                                let shown = v.is_some();
                                view! { <td class="num round-cell" class:pending=!shown>{v.unwrap_or_else(|| t.not_yet.to_string())}</td> }
                            }).collect_view();
                            view! {
                                <tr data-team=row.team.id>
                                    <td class="rank"><span class="rank-badge" class:top=row.rank <= 3>{row.rank}</span></td>
                                    <td class="team">
                                        <strong>{row.team.name.clone()}</strong>
                                        <small>{row.team.unit.clone()}</small>
                                        <span class="chips">{chips}</span>
                                    </td>
                                    {cells}
                                    <td class="num total">{row.total.clone()}</td>
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
