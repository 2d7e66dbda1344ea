//! `/manage/:cid/advance`: teams received from the contests below
//! ("Chọn đi thi cấp trên"): a finished contest's teams sent on with their
//! prize, or a team assembled from members of several; a final's clusters
//! made in one step and their first places taken.

use super::contest::managed_contest;
use crate::i18n::{season_texts, texts};
use crate::shared::{ErrorLine, LoadFailed};
use crate::shared::{error_text, id_param};
use kheo_domain::api::{AdvanceRequest, AssembledTeam, ContestSummary, PickedMember, ResultsView, TeamView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id as id, services, signed_in};

/// A contest teams may come from: its results when final, and its teams.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The contest.
    pub contest: ContestSummary,
    /// Its results, once the actor may see them.
    pub results: Option<ResultsView>,
    /// Its teams with their members.
    pub teams: Vec<TeamView>,
}

/// The contests naming this one as their parent, and every contest, to
/// pick another source from.
#[server]
pub async fn load_sources(contest_id: i64) -> Result<(Vec<ContestSummary>, Vec<ContestSummary>), ServerFnError> {
    let actor = crate::ssr::organiser().await?;
    let svc = services()?;
    kheo_service::contests::get_managed(&svc, &actor, id(contest_id)).await.map_err(fail)?;
    let feeders = kheo_service::contests::advance::feeders(&svc.db, id(contest_id)).await.map_err(fail)?;
    let all = kheo_service::contests::list(&svc).await.map_err(fail)?.contests;
    Ok((feeders.into_iter().map(kheo_service::contests::summary).collect(), all))
}

/// One source contest.
#[server]
pub async fn load_source(from_id: i64) -> Result<Source, ServerFnError> {
    let actor = crate::ssr::organiser().await?;
    let svc = services()?;
    let view = kheo_service::contests::get(&svc, None, id(from_id)).await.map_err(fail)?;
    let results = kheo_service::results::get(&svc, Some(&actor), id(from_id)).await.ok();
    let all = kheo_service::contests::list(&svc).await.map_err(fail)?.contests;
    let contest = all.into_iter().find(|c| c.id == view.id).ok_or_else(|| ServerFnError::new("contest"))?;
    Ok(Source { contest, results, teams: view.teams })
}

/// Sends teams (or an assembled team) on to this contest.
#[server(input = Json)]
pub async fn send_teams(contest_id: i64, request: AdvanceRequest) -> Result<usize, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::contests::advance::advance(&svc, &actor, id(contest_id), &request)
        .await
        .map(|o| o.teams.len())
        .map_err(fail)
}

/// Makes the final's cluster contests.
#[server(input = Json)]
pub async fn make_clusters(contest_id: i64, names: Vec<String>) -> Result<usize, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::contests::advance::make_clusters(&svc, &actor, id(contest_id), &names)
        .await
        .map(|v| v.len())
        .map_err(fail)
}

/// Takes the first `n` of each finished cluster.
#[server]
pub async fn take_from_clusters(contest_id: i64, n: u32) -> Result<usize, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::contests::advance::take_from_clusters(&svc, &actor, id(contest_id), n)
        .await
        .map(|o| o.teams.len())
        .map_err(fail)
}

/// `/manage/:cid/advance`.
/// Says what a write of this page did and, once it succeeded, loads the
/// page again (the teams arrived, the clusters).
fn reload_after<I, O>(
    write: Action<I, Result<O, ServerFnError>>,
    status: RwSignal<Option<Result<String, String>>>,
    changed: RwSignal<u32>,
    said: impl Fn(O) -> String + Send + Sync + 'static,
) where
    I: Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| match write.value().get() {
        Some(Ok(out)) => {
            status.set(Some(Ok(said(out))));
            changed.update(|x| *x += 1);
        }
        Some(Err(e)) => status.set(Some(Err(error_text(&e)))),
        None => {}
    });
}

#[component]
pub fn AdvancePage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let cid = id_param("cid");
    let changed = RwSignal::new(0u32);
    let contest = Resource::new(move || (cid(), changed.get()), |(c, _)| managed_contest(c));
    let sources = Resource::new(move || (cid(), changed.get()), |(c, _)| load_sources(c));
    let chosen = RwSignal::new(None::<i64>);
    let source = Resource::new(
        move || (chosen.get(), changed.get()),
        |(c, _)| async move {
            match c {
                Some(c) => load_source(c).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Title text=s.advance.advance_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let c = match contest.await {
                    Ok(c) => c,
                    Err(e) => return view! { <LoadFailed error=e/> }.into_any(),
                };
                let (feeders, all) = sources.await.unwrap_or_default();
                let started = c.rounds.iter().any(|r| r.state != kheo_domain::contest::RoundState::Draft);
                let arrived = StoredValue::new(c.teams.iter().filter(|t| t.origin.is_some()).cloned().collect::<Vec<TeamView>>());
                let here = c.id;
                view! {
                    <section class="board-head">
                        <h1>{s.advance.advance_title}</h1>
                        <p class="muted"><a href=format!("/manage/{here}")>{c.name.clone()}</a></p>
                        <p class="muted">{s.advance.advance_intro}</p>
                    </section>
                    {started.then(|| view! { <p class="notice boxed">{s.advance.advance_started}</p> })}
                    <section class="card">
                        <h2>{s.advance.feeders}</h2>
                        {feeders.is_empty().then(|| view! { <p class="muted">{s.advance.no_feeders}</p> })}
                        <div class="row wrap">
                            {feeders.into_iter().map(|f| {
                                let fid = f.id;
                                view! { <button type="button" class="button" data-source=fid on:click=move |_| chosen.set(Some(fid))>{f.name}</button> }
                            }).collect_view()}
                        </div>
                        <label class="form"><span>{s.advance.other_source}</span>
                            <select id="source" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                                <option value="">{s.choose}</option>
                                {all.into_iter().filter(|x| x.id != here).map(|x| view! {
                                    <option value=x.id>{format!("{} ({})", x.name, x.year)}</option>
                                }).collect_view()}
                            </select></label>
                    </section>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            match source.await {
                                Ok(Some(src)) => view! { <SourcePanel here src changed arrived=arrived.get_value()/> }.into_any(),
                                Ok(None) => ().into_any(),
                                Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                            }
                        })}
                    </Transition>
                    <ArrivedTeams teams=arrived.get_value()/>
                    <Clusters here changed/>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// A source's results: its teams to tick and send on, and its members to
/// assemble a team from.
#[component]
fn SourcePanel(here: i64, src: Source, changed: RwSignal<u32>, arrived: Vec<TeamView>) -> impl IntoView {
    let s = season_texts();
    let t = texts();
    let from = src.contest.id;
    let picked = RwSignal::new(Vec::<i64>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let sent_before = move |tid: i64| {
        arrived.iter().any(|a| a.origin.as_ref().is_some_and(|o| o.contest_id == from && o.team_id == Some(tid)))
    };
    // Sent: the teams arrived here are loaded again.
    let sending = ServerAction::<SendTeams>::new();
    reload_after(*sending, status, changed, move |n| format!("{} {n}", s.advance.teams_sent));
    let send = move |_| {
        let request = AdvanceRequest { from_contest_id: from, team_ids: picked.get_untracked(), assembled: None };
        sending.dispatch(SendTeams { contest_id: here, request });
    };
    let prize_of = |tid: i64, r: &ResultsView| {
        r.awards.iter().find(|g| g.teams.iter().any(|x| x.id == tid)).map(|g| g.name.clone())
    };
    let teams = src.teams.clone();
    view! {
        <section class="card" id="source-panel" data-source=from>
            <h2>{src.contest.name.clone()}</h2>
            {match &src.results {
                Some(r) if r.is_final => view! {
                    <table class="plain">
                        <thead><tr><th></th><th>{t.rank}</th><th>{t.team}</th><th>{t.total}</th><th>{s.prize}</th></tr></thead>
                        <tbody>
                            {r.standings.iter().map(|row| {
                                let tid = row.team.id;
                                let before = sent_before(tid);
                                view! {
                                    <tr data-team=tid>
                                        <td><input type="checkbox" disabled=before aria-label=row.team.name.clone()
                                            prop:checked=move || before || picked.with(|p| p.contains(&tid))
                                            on:change=move |ev| { let on = event_target_checked(&ev); picked.update(|p| { p.retain(|x| *x != tid); if on { p.push(tid); } }); }/></td>
                                        <td>{row.rank}</td>
                                        <td>{row.team.name.clone()}<small class="muted block">{row.team.unit.clone()}</small></td>
                                        <td class="num">{crate::shared::num(&row.total)}</td>
                                        <td>{prize_of(tid, r)}{before.then(|| view! { " " <span class="badge">{s.advance.already_sent}</span> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="row">
                        <button type="button" class="button primary" id="send-up" on:click=send>{s.advance.send_up}</button>
                        {move || status.get().map(|r| match r {
                            Ok(m) => view! { <span class="ok" role="status">{m}</span> }.into_any(),
                            Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                        })}
                    </div>
                }.into_any(),
                _ => view! { <p class="notice boxed">{s.advance.source_not_final}</p> }.into_any(),
            }}
            {src.results.as_ref().is_some_and(|r| r.is_final).then(|| view! { <Assemble here from teams changed/> })}
        </section>
    }
}

/// A representative team assembled from members of several teams.
#[component]
fn Assemble(here: i64, from: i64, teams: Vec<TeamView>, changed: RwSignal<u32>) -> impl IntoView {
    let s = season_texts();
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<PickedMember>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    // Assembled: the teams arrived here are loaded again.
    let assembling = ServerAction::<SendTeams>::new();
    reload_after(*assembling, status, changed, move |_| s.advance.assembled_made.to_string());
    let make = move |_| {
        let a =
            AssembledTeam { name: name.get_untracked(), unit: unit.get_untracked(), members: picked.get_untracked() };
        let request = AdvanceRequest { from_contest_id: from, team_ids: vec![], assembled: Some(a) };
        assembling.dispatch(SendTeams { contest_id: here, request });
    };
    view! {
        <details class="assemble">
            <summary>{s.advance.assemble_title}</summary>
            <div class="grid-form">
                <label><span>{s.team_name}</span><input type="text" on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label><span>{s.unit}</span><input type="text" on:input=move |ev| unit.set(event_target_value(&ev))/></label>
            </div>
            {teams.into_iter().map(|team| {
                let tid = team.id;
                view! {
                    <fieldset class="pick-members">
                        <legend>{team.name.clone()}</legend>
                        {team.members.into_iter().map(|m| {
                            let who = PickedMember { team_id: tid, name: m.clone() };
                            let key = who.clone();
                            view! {
                                <label class="check"><input type="checkbox"
                                    on:change=move |ev| { let on = event_target_checked(&ev); let w = who.clone(); picked.update(|p| { p.retain(|x| *x != key); if on { p.push(w); } }); }/>{m}</label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <div class="row">
                <button type="button" class="button" on:click=make>{s.advance.assemble_button}</button>
                {move || status.get().map(|r| match r {
                    Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                    Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                })}
            </div>
        </details>
    }
}

/// The teams that came from other contests, with what they won there.
#[component]
fn ArrivedTeams(teams: Vec<TeamView>) -> impl IntoView {
    let s = season_texts();
    view! {
        <section class="card" id="arrived">
            <h2>{s.advance.arrived_teams}" ("{teams.len()}")"</h2>
            <ul class="plain-list">
                {teams.into_iter().map(|t| {
                    let o = t.origin.clone().unwrap_or(kheo_domain::api::TeamOrigin { contest_id: 0, team_id: None, award: None, contest_name: None });
                    view! {
                        <li data-team=t.id>
                            <strong>{t.name}</strong>" — "{t.unit}
                            <small class="muted block">{s.advance.came_from}" "{o.contest_name.unwrap_or_default()}{o.award.map(|a| format!(" · {a}"))}</small>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A final's clusters: made in one step; their first places taken.
#[component]
fn Clusters(here: i64, changed: RwSignal<u32>) -> impl IntoView {
    let s = season_texts();
    let names = RwSignal::new(String::new());
    let top = RwSignal::new(2u32);
    let status = RwSignal::new(None::<Result<String, String>>);
    // Clusters made: the page is loaded again with them.
    let clustering = ServerAction::<MakeClusters>::new();
    reload_after(*clustering, status, changed, move |n| format!("{} {n}", s.advance.clusters_made));
    let make = move |_| {
        let names: Vec<String> =
            names.get_untracked().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        clustering.dispatch(MakeClusters { contest_id: here, names });
    };
    let taking = ServerAction::<TakeFromClusters>::new();
    reload_after(*taking, status, changed, move |k| format!("{} {k}", s.advance.teams_sent));
    let take = move |_| {
        taking.dispatch(TakeFromClusters { contest_id: here, n: top.get_untracked() });
    };
    view! {
        <section class="card" id="clusters">
            <h2>{s.advance.clusters_title}</h2>
            <p class="muted small">{s.advance.clusters_help}</p>
            <label class="form"><span>{s.advance.cluster_names}</span>
                <textarea rows="4" placeholder="Cụm 1\nCụm 2" on:input=move |ev| names.set(event_target_value(&ev))></textarea></label>
            <div class="row">
                <button type="button" class="button" on:click=make>{s.advance.make_clusters}</button>
                <label class="check">{s.advance.take_first}
                    <input type="number" min="1" max="20" class="narrow-input" prop:value=move || top.get().to_string()
                        on:input=move |ev| top.set(event_target_value(&ev).parse().unwrap_or(2))/></label>
                <button type="button" class="button primary" on:click=take>{s.advance.take_button}</button>
            </div>
            {move || status.get().map(|r| match r {
                Ok(m) => view! { <p class="ok">{m}</p> }.into_any(),
                Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
            })}
        </section>
    }
}
