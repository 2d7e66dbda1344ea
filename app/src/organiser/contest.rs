//! Running a contest: the organiser's contests (`/manage`) and one of them
//! (`/manage/:cid`): round states, the team on stage, judges' passes.

use super::checklist::{ChecklistCard, checklist_resource};
use super::passes::{IssuePasses, PassesSection, ReprintPasses, RevokePass, judge_passes};
use crate::i18n::texts;
use crate::shared::{Ask, ContestLinks, Question, error_text, id_param, level_name};
use crate::shared::{ErrorLine, LoadFailed};
use kheo_domain::api::{ContestList, ContestView, RoundGaps, RoundView};
use kheo_domain::contest::RoundState;
use kheo_domain::i18n::Texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The contests the signed-in organiser runs.
#[server]
pub async fn my_contests() -> Result<ContestList, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::managed_by(&svc, &actor).await.map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// A contest, for its organisers.
#[server]
pub async fn managed_contest(contest_id: i64) -> Result<ContestView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::get_managed(&svc, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Opens, locks, reopens or publishes a round.
#[server]
pub async fn change_round_state(contest_id: i64, round_id: i64, state: String) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::set_round_state(&svc, &actor, id(contest_id), id(round_id), &state)
        .await
        .map(|_| ())
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// What a round still lacks: to open, and the sheets or marks not yet in.
#[server]
pub async fn load_round_gaps(contest_id: i64, round_id: i64) -> Result<RoundGaps, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::round_gaps(&svc, &actor, id(contest_id), id(round_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Calls a team on stage in a round.
#[server]
pub async fn call_on_stage(contest_id: i64, round_id: i64, team_id: Option<i64>) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::set_stage(&svc, &actor, id(contest_id), id(round_id), team_id.map(id))
        .await
        .map(|_| ())
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// What an admin's page says about backups: none when the database is
/// PostgreSQL (backed up with its own tools) or for other organisers.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct BackupFacts {
    /// The rolling copies' folder; none when they are turned off.
    pub folder: Option<String>,
    /// Minutes between rolling copies.
    pub minutes: u64,
    /// Copies kept.
    pub keep: usize,
}

/// The backup card's facts, for an admin on SQLite.
#[server]
pub async fn backup_offer() -> Result<Option<BackupFacts>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let Some((folder, minutes, keep)) = kheo_service::backups::offer(&svc.db, &actor) else { return Ok(None) };
    let folder = folder.map(|f| f.display().to_string());
    Ok(Some(BackupFacts { folder, minutes, keep }))
}

/// The admin's backup card: a copy to download now, and where the rolling
/// copies are.
#[component]
fn Backups() -> impl IntoView {
    let t = crate::i18n::ledger_texts();
    let offer = Resource::new(|| (), |_| backup_offer());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                offer.await.ok().flatten().map(|o| {
                    let rolling = o.folder.clone().map(|folder| {
                        let line = t
                            .backups_rolling
                            .replace("{minutes}", &o.minutes.to_string())
                            .replace("{keep}", &o.keep.to_string());
                        view! { <p class="muted">{line}" "<code>{folder}</code></p> }
                    });
                    view! {
                        <section class="card" id="backups">
                            <h2>{t.backups_title}</h2>
                            <p><a class="button" href="/api/v1/backup.db" download rel="external">{t.backups_download}</a></p>
                            {rolling}
                            <p class="muted">{t.backups_restore}</p>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

/// `/manage`.
#[component]
pub fn ManageListPage() -> impl IntoView {
    let t = texts();
    let list = Resource::new(|| (), |_| my_contests());
    let checklist = checklist_resource(|| None, || 0);
    view! {
        <Title text=t.my_contests/>
        <section class="card">
            <div class="row spread">
                <h1>{t.my_contests}</h1>
                <span class="row">
                    <a class="button" href="/manage/models">{crate::i18n::model_texts().manage_title}</a>
                    <a class="button primary" href="/manage/new">{t.new_contest}</a>
                </span>
            </div>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) => view! { <ContestLinks contests=l.contests base="/manage"/> }.into_any(),
                        Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <ChecklistCard list=checklist/>
        <Backups/>
    }
}

/// The state-changing buttons that make sense for a round in `state`.
pub(super) fn round_actions(t: &'static Texts, state: RoundState) -> Vec<(&'static str, &'static str)> {
    let o = crate::i18n::organiser_texts();
    match state {
        RoundState::Draft => vec![("open", t.open_round)],
        RoundState::Open => vec![("locked", t.lock_round)],
        RoundState::Locked => vec![("open", t.reopen_round), ("published", t.publish_round)],
        RoundState::Published => vec![("locked", o.unpublish)],
    }
}

/// The question put before moving a round from `from` to `to`, if one is
/// asked there; locking asks only when sheets are missing (see `lock`).
fn question_for(round: &str, from: RoundState, to: &str, begun: bool) -> Option<(String, Vec<String>, String)> {
    let o = crate::i18n::organiser_texts();
    let title = |s: &str| s.replace("{round}", round);
    match (from, to) {
        (RoundState::Draft, "open") => {
            let mut lines = vec![o.ask_open_judges.to_string()];
            if !begun {
                lines.insert(0, o.ask_open_freezes.to_string());
            }
            Some((title(o.ask_open_title), lines, o.ask_open_yes.to_string()))
        }
        (RoundState::Locked, "open") => {
            Some((title(o.ask_reopen_title), vec![o.ask_reopen_body.to_string()], o.ask_reopen_yes.to_string()))
        }
        (RoundState::Locked, "published") => {
            Some((title(o.ask_publish_title), vec![o.ask_publish_body.to_string()], o.ask_publish_yes.to_string()))
        }
        (RoundState::Published, "locked") => {
            Some((title(o.ask_unpublish_title), vec![o.ask_unpublish_body.to_string()], o.unpublish.to_string()))
        }
        _ => None,
    }
}

/// The missing sheets (or unmarked answers) as lines, a team each.
fn gap_lines(g: &RoundGaps) -> Vec<String> {
    let o = crate::i18n::organiser_texts();
    let mut lines: Vec<String> = Vec::new();
    let mut teams: Vec<(i64, String)> = Vec::new();
    for gap in &g.missing {
        if !teams.iter().any(|(id, _)| *id == gap.team_id) {
            teams.push((gap.team_id, gap.team.clone()));
        }
    }
    for (id, team) in teams {
        let of_team = g.missing.iter().filter(|x| x.team_id == id);
        let judges: Vec<String> = of_team.clone().filter_map(|x| x.judge.clone()).collect();
        let questions: Vec<String> = of_team.filter_map(|x| x.question.map(|q| q.to_string())).collect();
        lines.push(if judges.is_empty() {
            o.unmarked_of.replace("{team}", &team).replace("{questions}", &questions.join(", "))
        } else {
            o.missing_sheets_of.replace("{team}", &team).replace("{judges}", &judges.join(", "))
        });
    }
    lines
}

/// `/manage/:cid`.
#[component]
pub fn ManageContestPage() -> impl IntoView {
    let t = texts();
    let o = crate::i18n::organiser_texts();
    let question = RwSignal::new(None::<Question>);
    let s = crate::i18n::season_texts();
    let cid = id_param("cid");
    let state_action = ServerAction::<ChangeRoundState>::new();
    let stage_action = ServerAction::<CallOnStage>::new();
    let issue_action = ServerAction::<IssuePasses>::new();
    let revoke_action = ServerAction::<RevokePass>::new();
    let reprint_action = ServerAction::<ReprintPasses>::new();
    let contest = Resource::new(
        move || (cid(), state_action.version().get(), stage_action.version().get()),
        |(c, _, _)| managed_contest(c),
    );
    let passes = Resource::new(
        move || (cid(), issue_action.version().get(), revoke_action.version().get()),
        |(c, _, _)| judge_passes(c),
    );
    let checklist = checklist_resource(
        move || Some(cid()),
        move || state_action.version().get() + issue_action.version().get() + reprint_action.version().get(),
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
                    Err(e) => return view! { <LoadFailed error=e/> }.into_any(),
                };
                let cid = c.id;
                let begun = c.rounds.iter().any(|r| r.state != RoundState::Draft);
                view! {
                    <Ask question/>
                    <section class="board-head">
                        <h1>{c.name.clone()}</h1>
                        <p class="muted">{c.unit.clone()}" · "{level_name(t, c.level)}" · "{c.year}</p>
                        <p class="links">
                            <a href=format!("/manage/{cid}/setup")>{t.setup_link}</a>
                            " · "
                            <a href=format!("/manage/{cid}/board")>{t.board_title}</a>
                            " · "
                            <a href=format!("/manage/{cid}/paper")>{crate::i18n::panel_texts().desk_link}</a>
                            " · "
                            <a href=format!("/contests/{cid}") rel="external">{t.view_leaderboard}</a>
                            " · "
                            <a href=format!("/contests/{cid}/projector") rel="external" target="_blank">{t.projector_mode}</a>
                            " · "
                            <a href=format!("/contests/{cid}/overlay") rel="external" target="_blank">{t.overlay_mode}</a>
                        </p>
                        <nav class="season-links">
                            <a class="button small" href=format!("/manage/{cid}/registration")>{s.registration_link}</a>
                            <a class="button small" href=format!("/manage/{cid}/teams")>{s.teams_link}</a>
                            <a class="button small" href=format!("/manage/{cid}/advance")>{s.advance_link}</a>
                            <a class="button small" href=format!("/manage/{cid}/results")>{s.results_link}</a>
                            <a class="button small" href=format!("/manage/{cid}/ceremony")>{s.ceremony_link}</a>
                            <a class="button small" href=format!("/manage/{cid}/quiz")>{crate::i18n::show_texts().console_link}</a>
                        </nav>
                    </section>
                    <ErrorLine message=Signal::derive(action_error)/>
                    <ChecklistCard list=checklist/>
                    <section class="card no-print" id="rounds">
                        <h2>{t.round}</h2>
                        <table class="plain">
                            <thead><tr><th>{t.round}</th><th>{t.state}</th><th>{t.actions}</th></tr></thead>
                            <tbody>
                                {c.rounds.iter().map(|r| {
                                    let rid = r.id;
                                    let name = r.name.clone();
                                    let from = r.state;
                                    let lack = kheo_domain::completeness::lacks(r.kind, r.criteria.len(), r.questions.len())
                                        .filter(|_| from == RoundState::Draft);
                                    let lack_text = lack.map(|l| match l {
                                        kheo_domain::completeness::RoundLack::NoQuestions => o.round_lacks_questions,
                                        kheo_domain::completeness::RoundLack::NoCriteria => o.round_lacks_criteria,
                                    });
                                    view! {
                                        <tr data-round=rid>
                                            <td>{r.name.clone()}
                                                {lack_text.map(|l| view! {
                                                    <p class="round-lack" data-lack="">{l}" "<a href=format!("/manage/{cid}/setup")>{o.fix_in_setup}</a></p>
                                                })}
                                            </td>
                                            <td><span class="state" data-state=r.state.as_str()>{t.round_state(r.state)}</span></td>
                                            <td class="actions">
                                                {round_actions(t, r.state).into_iter().map(|(to, label)| {
                                                    let name = name.clone();
                                                    let change = move || { state_action.dispatch(ChangeRoundState { contest_id: cid, round_id: rid, state: to.to_string() }); };
                                                    let ask = move || {
                                                        if from == RoundState::Open && to == "locked" {
                                                            // Locking asks only when sheets are missing, naming them.
                                                            let name = name.clone();
                                                            leptos::task::spawn_local(async move {
                                                                match load_round_gaps(cid, rid).await {
                                                                    Ok(g) if !g.missing.is_empty() => {
                                                                        let n = g.missing.len().to_string();
                                                                        let quiz = g.missing.iter().all(|m| m.judge.is_none());
                                                                        let title = if quiz { o.ask_lock_quiz_title } else { o.ask_lock_title };
                                                                        let mut lines = gap_lines(&g);
                                                                        lines.push(o.ask_lock_body.to_string());
                                                                        question.set(Some(Question {
                                                                            title: title.replace("{n}", &n).replace("{round}", &name),
                                                                            lines,
                                                                            yes: o.ask_lock_yes.replace("{n}", &n),
                                                                            on_yes: Callback::new(move |_| change()),
                                                                        }));
                                                                    }
                                                                    _ => change(),
                                                                }
                                                            });
                                                        } else if let Some((title, lines, yes)) = question_for(&name, from, to, begun) {
                                                            question.set(Some(Question { title, lines, yes, on_yes: Callback::new(move |_| change()) }));
                                                        } else {
                                                            change();
                                                        }
                                                    };
                                                    view! {
                                                        <button type="button" class="button" data-to=to disabled=lack.is_some() && to == "open"
                                                            on:click=move |_| ask()>
                                                            {label}
                                                        </button>
                                                    }
                                                }).collect_view()}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                    <StagePicker contest=c.clone() action=stage_action/>
                    <PassesSection cid passes issue_action revoke_action reprint_action question/>
                }
                .into_any()
            })}
        </Suspense>
        <super::conflicts::ConflictsCard cid=untrack(cid)/>
        <super::vote::VoteCard cid=untrack(cid)/>
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
        <section class="card no-print">
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
