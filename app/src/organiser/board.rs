//! The secretary's board (`/manage/:cid/board`): teams × judges for a
//! round, live; a quiz round's answers marked right or wrong; the change
//! log per team.

use super::contest::{ChangeRoundState, managed_contest, round_actions};
use crate::i18n::{panel_texts, texts};
use crate::shared::{ErrorLine, LoadFailed, error_text, id_param, num};
use kheo_domain::Points;
use kheo_domain::api::{AuditLine, BoardCell, BoardView, RoundView};
use kheo_domain::audit::AuditValue;
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::paper::SheetSource;
use kheo_domain::scoring::{self, quiz_score};
use leptos::prelude::*;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The secretary's board for a round.
#[server]
pub async fn load_board(contest_id: i64, round_id: i64) -> Result<BoardView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::board(&svc, &actor, id(contest_id), id(round_id))
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
        &svc,
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
    kheo_service::audit::read(&svc, &actor, id(contest_id), round_id, team_id)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
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
    // Made here, not in the grid: the grid is drawn again after every change
    // (any sheet, any mark), and a click on a grid being replaced must
    // still reach the server through an action that lives on.
    let mark = ServerAction::<MarkAnswer>::new();
    // The grid and its change log come together: the round is worked out
    // once, and the log needs no resource of its own inside the grid (one
    // made there is made again when the server re-renders the grid, and the
    // browser may hydrate from the wrong copy). The team picked in the log
    // outlives the grid being redrawn by a new sheet.
    let audit_team = RwSignal::new(None::<i64>);
    let board = Resource::new(
        move || {
            (cid(), round.get(), audit_team.get(), version.get(), state_action.version().get(), mark.version().get())
        },
        |(c, r, team, _, _, _)| async move {
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
                    Ok((b, log)) => view! { <BoardGrid board=b round=round state_action=state_action mark=mark live=live log=log audit_team=audit_team/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
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
    mark: ServerAction<MarkAnswer>,
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
            RoundKind::Judged => board.judges.iter().all(|j| {
                board.conflicts.contains(&(j.id, team.id))
                    || board.cells.iter().any(|c| c.team_id == team.id && c.judge_id == j.id)
            }),
        })
        .count();
    view! {
        <section class="board-head">
            <h1>{t.board_title}</h1>
            <p class="muted"><a href=format!("/manage/{cid}")>{board.contest_name.clone()}</a>
                " · "<a href=format!("/manage/{cid}/paper?round={rid}") id="paper-desk-link">{panel_texts().desk_link}</a></p>
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
            <ErrorLine message=Signal::derive(move || state_action.value().get().and_then(|r| r.err()).map(|e| error_text(&e)))/>
            {if board.kind == RoundKind::Quiz {
                view! { <QuizGrid board=board.clone() mark=mark/> }.into_any()
            } else {
                view! { <JudgedGrid board=board.clone()/> }.into_any()
            }}
        </section>
        <AuditPanel lines=log team=audit_team teams=board.teams.clone()/>
    }
}

/// A judged round: teams × judges, each sheet's total; judges in conflict
/// with a team excused from it; judges in training apart, beside the
/// panel's mean; a team whose totals spread too far flagged for the chair.
#[component]
fn JudgedGrid(board: BoardView) -> impl IntoView {
    let t = texts();
    let p = panel_texts();
    let panel: Vec<i64> = board.judges.iter().map(|j| j.id).collect();
    let team_ids: Vec<i64> = board.teams.iter().map(|x| x.id).collect();
    let totals: Vec<(i64, i64, Points)> =
        board.cells.iter().map(|c| (c.team_id, c.judge_id, Points::parse(&c.total).unwrap_or_default())).collect();
    let threshold = board.divergence_points.as_deref().and_then(|d| Points::parse(d).ok());
    let divergent = scoring::divergent_teams(&team_ids, &totals, &panel, threshold);
    let trainees = !board.trainees.is_empty();
    view! {
        <div class="table-wrap">
            <table class="standings grid" id="board-grid">
                <thead>
                    <tr>
                        <th>{t.team}</th>
                        {board.judges.iter().map(|j| view! { <th class="num">{j.display_name.clone()}<small>{j.username.clone()}</small></th> }).collect_view()}
                        <th class="num">{t.state}</th>
                        {trainees.then(|| view! { <th class="num trainee-col">{p.panel_mean}</th> })}
                        {board.trainees.iter().map(|j| view! {
                            <th class="num trainee-col">{j.display_name.clone()}<small>{p.trainee}</small></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {board.teams.iter().map(|team| {
                        let cell = |judge: i64| board.cell(judge, team.id).cloned();
                        let excused = |judge: i64| board.conflicts.contains(&(judge, team.id));
                        let done = board.judges.iter().all(|j| excused(j.id) || cell(j.id).is_some());
                        let counted: Vec<Points> = totals.iter().filter(|(x, j, _)| *x == team.id && panel.contains(j)).map(|(_, _, v)| *v).collect();
                        let mean = scoring::mean(&counted);
                        let spread = divergent.iter().find(|(x, _)| *x == team.id).map(|(_, s)| *s);
                        view! {
                            <tr data-team=team.id class:done=done class:divergent=spread.is_some()>
                                <td class="team"><strong>{team.order}". "{team.name.clone()}</strong>
                                    {spread.map(|s| view! {
                                        <small class="spread-flag">{p.spread_flag.replace("{spread}", &num(&s.to_string())).replace("{limit}", &num(&threshold.unwrap_or_default().to_string()))}</small>
                                    })}
                                </td>
                                {board.judges.iter().map(|j| {
                                    if excused(j.id) {
                                        return view! { <td class="num cell excused" data-judge=j.id title=p.in_conflict>"—"<small>{p.not_scoring}</small></td> }.into_any();
                                    }
                                    let waiting = board.waiting_for(j.id, team.id).map(|w| w.entered_by.clone());
                                    view! { <SheetCell judge=j.id cell=cell(j.id) waiting/> }.into_any()
                                }).collect_view()}
                                <td class="num">{if done { t.complete } else { t.waiting }}</td>
                                {trainees.then(|| view! { <td class="num trainee-col panel-mean">{mean.map(|m| num(&m.to_string()))}</td> })}
                                {board.trainees.iter().map(|j| {
                                    let own = cell(j.id).and_then(|c| Points::parse(&c.total).ok());
                                    let gap = own.zip(mean).map(|(o, m)| o - m);
                                    view! {
                                        <td class="num cell trainee-col" class:in=own.is_some() data-trainee=j.id>
                                            {own.map(|o| num(&o.to_string()))}
                                            {gap.map(|g| view! { <small class="gap">{format!("{}{}", if g >= Points::ZERO { "+" } else { "" }, num(&g.to_string()))}</small> })}
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A judge's sheet for a team on the board: its total, marked when it came
/// from paper (who typed, who confirmed); a paper typing waiting for its
/// second person shows as such.
#[component]
fn SheetCell(judge: i64, cell: Option<BoardCell>, waiting: Option<String>) -> impl IntoView {
    let p = panel_texts();
    let total = cell.as_ref().map(|c| crate::shared::num(&c.total));
    let paper = cell.as_ref().filter(|c| c.source == SheetSource::Paper).map(|c| {
        let who = |n: &Option<String>| n.clone().unwrap_or_default();
        format!("{}: {} · {}: {}", p.typed_by, who(&c.entered_by), p.confirmed_by, who(&c.confirmed_by))
    });
    view! {
        <td class="num cell" class:in=total.is_some() data-judge=judge data-total=total.clone() data-source=cell.as_ref().map(|c| c.source.as_str())>
            {match (&total, &waiting) {
                (Some(v), _) => format!("✓ {v}"),
                (None, Some(_)) => "◐".to_string(),
                (None, None) => "·".to_string(),
            }}
            {paper.map(|who| view! { <small class="paper-mark" title=who.clone()>{p.paper_mark}<span class="paper-who">{who.clone()}</span></small> })}
            {waiting.filter(|_| total.is_none()).map(|who| view! {
                <small class="paper-mark waiting">{format!("{} ({}: {who})", p.waiting_mark, p.typed_by)}</small>
            })}
        </td>
    }
}

/// A quiz round: teams × questions, each answer marked right or wrong; the
/// round score computed by the same rule as the leaderboard's.
#[component]
pub(crate) fn QuizGrid(board: BoardView, mark: ServerAction<MarkAnswer>) -> impl IntoView {
    let t = texts();
    let (cid, rid) = (board.contest_id, board.round_id);
    let open = board.state == RoundState::Open;
    let points: Vec<(i64, Points)> =
        board.questions.iter().map(|q| (q.id, Points::parse(&q.points).unwrap_or_default())).collect();
    view! {
        <p class="muted">{t.quiz_help}</p>
        <ErrorLine message=Signal::derive(move || mark.value().get().and_then(|r| r.err()).map(|e| error_text(&e)))/>
        <div class="table-wrap">
            <table class="standings grid quiz" id="quiz-grid">
                <thead>
                    <tr>
                        <th>{t.team}</th>
                        {board.questions.iter().enumerate().map(|(k, q)| view! {
                            <th class="num" title=q.prompt.clone()>
                                {format!("{} {}", t.question_short, k + 1)}
                                <small>{t.question_answer}": "{q.answer.clone()}" · "{crate::shared::num(&q.points)}</small>
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
                                <td class="num total">{crate::shared::num(&score.fixed2())}</td>
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
