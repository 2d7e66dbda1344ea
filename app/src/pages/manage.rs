//! Organisers' pages: their contests (`/manage`), running one
//! (`/manage/:cid`: round states, the team on stage, judges' passes) and
//! the secretary's board (`/manage/:cid/board`).

use crate::i18n::texts;
use crate::pages::{ContestLinks, error_text, id_param, level_name};
use kheo_domain::Points;
use kheo_domain::api::{AuditLine, BoardView, ContestList, ContestView, JudgePassView, RoundView};
use kheo_domain::audit::AuditValue;
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::i18n::Texts;
use kheo_domain::scoring::quiz_score;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ssr::{row_id as id, signed_in as organiser};

/// The contests the signed-in organiser runs.
#[server]
pub async fn my_contests() -> Result<ContestList, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::managed_by(&svc.db, &actor).await.map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// A contest, for its organisers.
#[server]
pub async fn managed_contest(contest_id: i64) -> Result<ContestView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::get_managed(&svc.db, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Opens, locks, reopens or publishes a round.
#[server]
pub async fn change_round_state(contest_id: i64, round_id: i64, state: String) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::set_round_state(&svc.db, &svc.hub, &actor, id(contest_id), id(round_id), &state)
        .await
        .map(|_| ())
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Calls a team on stage in a round.
#[server]
pub async fn call_on_stage(contest_id: i64, round_id: i64, team_id: Option<i64>) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::set_stage(&svc.db, &svc.hub, &actor, id(contest_id), id(round_id), team_id.map(id))
        .await
        .map(|_| ())
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The panel and the state of each judge's pass.
#[server]
pub async fn judge_passes(contest_id: i64) -> Result<Vec<JudgePassView>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::list_passes(&svc.db, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// A new pass, printable: the link, its QR code and the PIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedPass {
    /// The judge's name.
    pub display_name: String,
    /// User name.
    pub username: String,
    /// The full link.
    pub url: String,
    /// The link as an SVG QR code.
    pub qr_svg: String,
    /// The PIN.
    pub pin: String,
}

/// Issues new passes for the whole panel (older ones stop working).
#[server]
pub async fn issue_passes(contest_id: i64) -> Result<Vec<PrintedPass>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let passes = kheo_service::judging::issue_passes(&svc.db, &actor, id(contest_id), None)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))?;
    Ok(passes
        .into_iter()
        .map(|p| {
            let url = crate::ssr::absolute_url(&parts, &p.link_path);
            let qr_svg = crate::ssr::qr_svg(&url, 180);
            PrintedPass { display_name: p.display_name, username: p.username, url, qr_svg, pin: p.pin }
        })
        .collect())
}

/// Revokes a judge's pass and signs his tablet out of the contest.
#[server]
pub async fn revoke_pass(contest_id: i64, judge_id: i64) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::revoke_passes(&svc.db, &actor, id(contest_id), id(judge_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The secretary's board for a round.
#[server]
pub async fn load_board(contest_id: i64, round_id: i64) -> Result<BoardView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::board(&svc.db, &actor, id(contest_id), id(round_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Marks a team's answer to a quiz question right, wrong, or not yet.
#[server]
pub async fn mark_answer(
    contest_id: i64,
    round_id: i64,
    team_id: i64,
    question_id: i64,
    correct: Option<bool>,
) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::mark_answer(
        &svc.db,
        &svc.hub,
        &actor,
        id(contest_id),
        id(round_id),
        id(team_id),
        id(question_id),
        correct,
    )
    .await
    .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The contest's change log, for one round and/or team.
#[server]
pub async fn audit_log(
    contest_id: i64,
    round_id: Option<i64>,
    team_id: Option<i64>,
) -> Result<Vec<AuditLine>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::audit::read(&svc.db, &actor, id(contest_id), round_id, team_id)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// `/manage`.
#[component]
pub fn ManageListPage() -> impl IntoView {
    let t = texts();
    let list = Resource::new(|| (), |_| my_contests());
    view! {
        <Title text=t.my_contests/>
        <section class="card">
            <div class="row spread">
                <h1>{t.my_contests}</h1>
                <a class="button primary" href="/manage/new">{t.new_contest}</a>
            </div>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) => view! { <ContestLinks contests=l.contests base="/manage"/> }.into_any(),
                        Err(e) => view! { <p class="error">{error_text(&e)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The state-changing buttons that make sense for a round in `state`.
fn round_actions(t: &'static Texts, state: RoundState) -> Vec<(&'static str, &'static str)> {
    match state {
        RoundState::Draft => vec![("open", t.open_round)],
        RoundState::Open => vec![("locked", t.lock_round)],
        RoundState::Locked => vec![("open", t.reopen_round), ("published", t.publish_round)],
        RoundState::Published => vec![],
    }
}

/// `/manage/:cid`.
#[component]
pub fn ManageContestPage() -> impl IntoView {
    let t = texts();
    let cid = id_param("cid");
    let state_action = ServerAction::<ChangeRoundState>::new();
    let stage_action = ServerAction::<CallOnStage>::new();
    let issue_action = ServerAction::<IssuePasses>::new();
    let revoke_action = ServerAction::<RevokePass>::new();
    let contest = Resource::new(
        move || (cid(), state_action.version().get(), stage_action.version().get()),
        |(c, _, _)| managed_contest(c),
    );
    let passes = Resource::new(
        move || (cid(), issue_action.version().get(), revoke_action.version().get()),
        |(c, _, _)| judge_passes(c),
    );
    let action_error = move || {
        [state_action.value().get(), stage_action.value().get()]
            .into_iter()
            .flatten()
            .find_map(|r| r.err())
            .map(|e| error_text(&e))
    };
    view! {
        <Title text=t.manage_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let c = match contest.await {
                    Ok(c) => c,
                    Err(e) => return view! { <section class="card narrow"><p class="error">{error_text(&e)}</p></section> }.into_any(),
                };
                let cid = c.id;
                view! {
                    <section class="board-head">
                        <h1>{c.name.clone()}</h1>
                        <p class="muted">{c.unit.clone()}" · "{level_name(t, c.level)}" · "{c.year}</p>
                        <p class="links">
                            <a href=format!("/manage/{cid}/setup")>{t.setup_link}</a>
                            " · "
                            <a href=format!("/manage/{cid}/board")>{t.board_title}</a>
                            " · "
                            <a href=format!("/contests/{cid}") rel="external">{t.view_leaderboard}</a>
                            " · "
                            <a href=format!("/contests/{cid}/projector") rel="external" target="_blank">{t.projector_mode}</a>
                            " · "
                            <a href=format!("/contests/{cid}/overlay") rel="external" target="_blank">{t.overlay_mode}</a>
                        </p>
                    </section>
                    {move || action_error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <section class="card">
                        <h2>{t.round}</h2>
                        <table class="plain">
                            <thead><tr><th>{t.round}</th><th>{t.state}</th><th>{t.actions}</th></tr></thead>
                            <tbody>
                                {c.rounds.iter().map(|r| {
                                    let rid = r.id;
                                    view! {
                                        <tr data-round=rid>
                                            <td>{r.name.clone()}</td>
                                            <td><span class="state" data-state=r.state.as_str()>{t.round_state(r.state)}</span></td>
                                            <td class="actions">
                                                {round_actions(t, r.state).into_iter().map(|(to, label)| view! {
                                                    <button type="button" class="button" data-to=to
                                                        on:click=move |_| { state_action.dispatch(ChangeRoundState { contest_id: cid, round_id: rid, state: to.to_string() }); }>
                                                        {label}
                                                    </button>
                                                }).collect_view()}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                    <StagePicker contest=c.clone() action=stage_action/>
                    <section class="card">
                        <h2>{t.judge_passes}</h2>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                let list = passes.await.unwrap_or_default();
                                view! {
                                    <table class="plain">
                                        <tbody>
                                            {list.into_iter().map(|p| {
                                                let jid = p.judge_id;
                                                view! {
                                                    <tr>
                                                        <td>{p.display_name}{p.chair.then(|| view! { " " <span class="badge">{t.chair}</span> })}</td>
                                                        <td class="muted">{p.username}</td>
                                                        <td>{if p.active { t.active } else { t.inactive }}</td>
                                                        <td>{p.active.then(|| view! {
                                                            <button type="button" class="button"
                                                                on:click=move |_| { revoke_action.dispatch(RevokePass { contest_id: cid, judge_id: jid }); }>
                                                                {t.revoke}
                                                            </button>
                                                        })}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }
                            })}
                        </Suspense>
                        <p>
                            <button type="button" class="button primary" id="issue-passes"
                                on:click=move |_| { issue_action.dispatch(IssuePasses { contest_id: cid }); }>
                                {t.issue_passes}
                            </button>
                        </p>
                        {move || issue_action.value().get().map(|r| match r {
                            Ok(printed) => view! {
                                <div class="passes">
                                    <p><button type="button" class="button" onclick="window.print()">{t.print}</button></p>
                                    {printed.into_iter().map(|p| {
                                        let who = p.username.clone();
                                        view! {
                                        <article class="pass" data-username=who>
                                            <div class="qr" inner_html=p.qr_svg></div>
                                            <div>
                                                <h3>{p.display_name}</h3>
                                                <p class="muted">{p.username}</p>
                                                <p>{t.pin}": "<strong class="pin-code">{p.pin}</strong></p>
                                                <p class="url"><a href=p.url.clone()>{p.url.clone()}</a></p>
                                            </div>
                                        </article>
                                    }}).collect_view()}
                                </div>
                            }.into_any(),
                            Err(e) => view! { <p class="error">{error_text(&e)}</p> }.into_any(),
                        })}
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Choosing the round under way and the team on stage.
#[component]
fn StagePicker(contest: ContestView, action: ServerAction<CallOnStage>) -> impl IntoView {
    let t = texts();
    let cid = contest.id;
    let first_open = contest.stage.map(|s| s.round_id).or_else(|| RoundView::under_way(&contest.rounds)).unwrap_or(0);
    let on_stage = contest.stage.and_then(|s| s.team_id);
    let round = RwSignal::new(first_open);
    let rounds = contest.rounds.clone();
    view! {
        <section class="card">
            <h2>{t.on_stage}</h2>
            <div class="row">
                <select class="select" on:change=move |ev| round.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {rounds.into_iter().map(|r| view! {
                        <option value=r.id selected=r.id == first_open>{r.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="stage-teams">
                {contest.teams.into_iter().map(|team| {
                    let tid = team.id;
                    view! {
                        <button type="button" class="button" class:on-stage=on_stage == Some(tid) data-team=tid
                            aria-pressed=if on_stage == Some(tid) { "true" } else { "false" }
                            on:click=move |_| { action.dispatch(CallOnStage { contest_id: cid, round_id: round.get_untracked(), team_id: Some(tid) }); }>
                            <span class="order">{team.order}". "</span>{team.name}
                        </button>
                    }
                }).collect_view()}
            </div>
            <p class="muted small">{t.set_on_stage}</p>
        </section>
    }
}

/// The board's round: the one chosen, else the round under way, else the first.
async fn board_round(contest_id: i64, chosen: Option<i64>) -> Result<i64, ServerFnError> {
    if let Some(round_id) = chosen {
        return Ok(round_id);
    }
    let contest = managed_contest(contest_id).await?;
    Ok(RoundView::under_way(&contest.rounds).unwrap_or(0))
}

/// `/manage/:cid/board`: teams × judges for a round, live.
#[component]
pub fn BoardPage() -> impl IntoView {
    let t = texts();
    let cid = id_param("cid");
    let round = RwSignal::new(None::<i64>);
    let version = RwSignal::new(0i64);
    let state_action = ServerAction::<ChangeRoundState>::new();
    // The grid and its change log come together: the round is worked out
    // once, and the log needs no resource of its own inside the grid (one
    // made there is made again when the server re-renders the grid, and the
    // browser may hydrate from the wrong copy). The team picked in the log
    // outlives the grid being redrawn by a new sheet.
    let audit_team = RwSignal::new(None::<i64>);
    let board = Resource::new(
        move || (cid(), round.get(), audit_team.get(), version.get(), state_action.version().get()),
        |(c, r, team, _, _)| async move {
            let rid = board_round(c, r).await?;
            Ok::<_, ServerFnError>((load_board(c, rid).await?, audit_log(c, Some(rid), team).await?))
        },
    );
    let (live, set_live) = signal(None::<bool>);
    // Any change to the contest may be a new sheet: reload the grid.
    crate::live::follow(untrack(cid), move |s| version.set(s.version), set_live);
    view! {
        <Title text=t.board_title/>
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok((b, log)) => view! { <BoardGrid board=b round=round state_action=state_action live=live log=log audit_team=audit_team/> }.into_any(),
                    Err(e) => view! { <section class="card narrow"><p class="error">{error_text(&e)}</p></section> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn BoardGrid(
    board: BoardView,
    round: RwSignal<Option<i64>>,
    state_action: ServerAction<ChangeRoundState>,
    live: ReadSignal<Option<bool>>,
    log: Vec<AuditLine>,
    audit_team: RwSignal<Option<i64>>,
) -> impl IntoView {
    let t = texts();
    let cid = board.contest_id;
    let rid = board.round_id;
    // Complete: every judge's sheet in, or for a quiz every answer marked.
    let complete_count = board
        .teams
        .iter()
        .filter(|team| match board.kind {
            RoundKind::Quiz => board
                .questions
                .iter()
                .all(|q| board.marks.iter().any(|m| m.team_id == team.id && m.question_id == q.id)),
            RoundKind::Judged => {
                board.judges.iter().all(|j| board.cells.iter().any(|c| c.team_id == team.id && c.judge_id == j.id))
            }
        })
        .count();
    view! {
        <section class="board-head">
            <h1>{t.board_title}</h1>
            <p class="muted"><a href=format!("/manage/{cid}")>{board.contest_name.clone()}</a></p>
            {move || live.get().map(|on| view! { <p class="live-status" class:on=on>{if on { t.live } else { t.reconnecting }}</p> })}
        </section>
        <nav class="tabs">
            {board.rounds.iter().map(|(id, name, state)| {
                let id = *id;
                view! {
                    <button type="button" class="tab" class:active=id == rid class:open=*state == RoundState::Open
                        on:click=move |_| round.set(Some(id))>
                        <span>{name.clone()}</span><small>{t.round_state(*state)}</small>
                    </button>
                }
            }).collect_view()}
        </nav>
        <section class="card">
            <div class="row spread">
                <p><strong>{complete_count}"/"{board.teams.len()}</strong>" "{t.complete}</p>
                <div class="actions">
                    {round_actions(t, board.state).into_iter().map(|(to, label)| view! {
                        <button type="button" class="button" data-to=to
                            on:click=move |_| { state_action.dispatch(ChangeRoundState { contest_id: cid, round_id: rid, state: to.to_string() }); }>
                            {label}
                        </button>
                    }).collect_view()}
                </div>
            </div>
            {move || state_action.value().get().and_then(|r| r.err()).map(|e| view! { <p class="error">{error_text(&e)}</p> })}
            {if board.kind == RoundKind::Quiz {
                view! { <QuizGrid board=board.clone()/> }.into_any()
            } else {
                view! {
            <div class="table-wrap">
                <table class="standings grid" id="board-grid">
                    <thead>
                        <tr>
                            <th>{t.team}</th>
                            {board.judges.iter().map(|j| view! { <th class="num">{j.display_name.clone()}<small>{j.username.clone()}</small></th> }).collect_view()}
                            <th class="num">{t.state}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {board.teams.iter().map(|team| {
                            let cells: Vec<Option<String>> = board.judges.iter().map(|j| {
                                board.cells.iter().find(|c| c.team_id == team.id && c.judge_id == j.id).map(|c| c.total.clone())
                            }).collect();
                            let done = cells.iter().all(Option::is_some);
                            view! {
                                <tr data-team=team.id class:done=done>
                                    <td class="team"><strong>{team.order}". "{team.name.clone()}</strong></td>
                                    {cells.into_iter().zip(board.judges.iter()).map(|(c, j)| view! {
                                        <td class="num cell" class:in=c.is_some() data-judge=j.id data-total=c.clone()>
                                            {c.as_ref().map_or_else(|| "·".to_string(), |v| format!("✓ {v}"))}
                                        </td>
                                    }).collect_view()}
                                    <td class="num">{if done { t.complete } else { t.waiting }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
                        }.into_any()
            }}
        </section>
        <AuditPanel lines=log team=audit_team teams=board.teams.clone()/>
    }
}

/// A quiz round: teams × questions, each answer marked right or wrong; the
/// round score computed by the same rule as the leaderboard's.
#[component]
fn QuizGrid(board: BoardView) -> impl IntoView {
    let t = texts();
    let (cid, rid) = (board.contest_id, board.round_id);
    let open = board.state == RoundState::Open;
    let mark = ServerAction::<MarkAnswer>::new();
    let points: Vec<(i64, Points)> =
        board.questions.iter().map(|q| (q.id, Points::parse(&q.points).unwrap_or_default())).collect();
    view! {
        <p class="muted">{t.quiz_help}</p>
        {move || mark.value().get().and_then(|r| r.err()).map(|e| view! { <p class="error" role="alert">{error_text(&e)}</p> })}
        <div class="table-wrap">
            <table class="standings grid quiz" id="quiz-grid">
                <thead>
                    <tr>
                        <th>{t.team}</th>
                        {board.questions.iter().enumerate().map(|(k, q)| view! {
                            <th class="num" title=q.prompt.clone()>
                                {format!("{} {}", t.question_short, k + 1)}
                                <small>{t.question_answer}": "{q.answer.clone()}" · "{q.points.clone()}</small>
                            </th>
                        }).collect_view()}
                        <th class="num">{t.total}</th>
                    </tr>
                </thead>
                <tbody>
                    {board.teams.iter().map(|team| {
                        let team_id = team.id;
                        let marked = |qid: i64| board.marks.iter().find(|m| m.team_id == team_id && m.question_id == qid).map(|m| m.correct);
                        let score = quiz_score(points.iter().filter_map(|(qid, p)| marked(*qid).map(|c| (*p, c))));
                        view! {
                            <tr data-team=team_id>
                                <td class="team"><strong>{team.order}". "{team.name.clone()}</strong></td>
                                {board.questions.iter().map(|q| {
                                    let qid = q.id;
                                    let now = marked(qid);
                                    let send = move |want: bool| {
                                        let correct = if now == Some(want) { None } else { Some(want) };
                                        mark.dispatch(MarkAnswer { contest_id: cid, round_id: rid, team_id, question_id: qid, correct });
                                    };
                                    view! {
                                        <td class="num quiz-cell" data-question=qid>
                                            <button type="button" class="mark right" class:on=now == Some(true) disabled=!open
                                                aria-pressed=if now == Some(true) { "true" } else { "false" }
                                                on:click=move |_| send(true)>"✓ "{t.quiz_right}</button>
                                            <button type="button" class="mark wrong" class:on=now == Some(false) disabled=!open
                                                aria-pressed=if now == Some(false) { "true" } else { "false" }
                                                on:click=move |_| send(false)>"✗ "{t.quiz_wrong}</button>
                                        </td>
                                    }
                                }).collect_view()}
                                <td class="num total">{score.fixed2()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// "10:15:02 23/11" from the log's `2026-11-23T10:15:02+07:00`.
fn log_time(at: &str) -> String {
    match (at.get(11..19), at.get(8..10), at.get(5..7)) {
        (Some(time), Some(day), Some(month)) => format!("{time} {day}/{month}"),
        _ => at.to_string(),
    }
}

/// The change log of the board's round, for one team or all.
#[component]
fn AuditPanel(
    lines: Vec<AuditLine>,
    team: RwSignal<Option<i64>>,
    teams: Vec<kheo_domain::api::TeamLine>,
) -> impl IntoView {
    let t = texts();
    let name_of =
        |id: Option<i64>| id.and_then(|i| teams.iter().find(|x| x.id == i).map(|x| x.name.clone())).unwrap_or_default();
    view! {
        <section class="card" id="audit">
            <div class="row spread">
                <h2>{t.audit_title}</h2>
                <select class="select" id="audit-team" on:change=move |ev| team.set(event_target_value(&ev).parse().ok())>
                    <option value="">{t.teams}</option>
                    {teams.iter().map(|x| {
                        let id = x.id;
                        view! { <option value=id selected=move || team.get() == Some(id)>{x.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {if lines.is_empty() {
                view! { <p class="muted">{t.audit_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="plain audit">
                            <thead>
                                <tr>
                                    <th>{t.audit_when}</th>
                                    <th>{t.audit_who}</th>
                                    <th>{t.audit_what}</th>
                                    <th>{t.team}</th>
                                    <th>{t.audit_before}</th>
                                    <th>{t.audit_after}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines.into_iter().map(|l| {
                                    let value = |v: &Option<AuditValue>| v.as_ref().map(|v| t.audit_value(v)).unwrap_or_default();
                                    let session = l.session_id.filter(|s| *s > 0).map(|s| format!("{} #{s}", t.audit_session));
                                    view! {
                                    <tr data-action=l.action.clone()>
                                        <td class="muted small nowrap" title=l.at.clone()>{log_time(&l.at)}</td>
                                        <td>{l.who.clone().unwrap_or_default()}<small class="muted block">{session}</small></td>
                                        <td>{t.audit_action(&l.action)}</td>
                                        <td>{name_of(l.team_id)}</td>
                                        <td class="small before">{value(&l.before)}</td>
                                        <td class="small after">{value(&l.after)}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
