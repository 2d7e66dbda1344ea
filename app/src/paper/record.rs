//! The signed record (biên bản tổng hợp điểm): each round with every
//! judge's sheet per team, the aggregation, deductions and their reasons,
//! totals, ranks and prizes, and the signatures of the head of the jury,
//! the secretary and the head of the organising committee.

use super::{NationalHeading, Signatures, load_record, place_and_date, vn};
use crate::i18n::{model_texts, panel_texts, results_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::{PrintPage, id_param};
use kheo_domain::api::{RecordRound, RecordView};
use kheo_domain::contest::RoundKind;
use kheo_domain::scoring::Aggregation;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/manage/:cid/record` and, once final, `/contests/:id/record`.
#[component]
pub fn RecordPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let cid = id_param("cid");
    let id = id_param("id");
    let contest = move || if cid() > 0 { cid() } else { id() };
    let data = Resource::new(contest, load_record);
    view! {
        <Title text=r.record/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rec) => {
                        let back = if cid() > 0 { format!("/manage/{}/results", cid()) } else { format!("/contests/{}", id()) };
                        view! { <PrintPage back><Record rec/></PrintPage> }.into_any()
                    }
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Record(rec: RecordView) -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let p = rec.paperwork.clone();
    let c = rec.contest.clone();
    let rule = match c.aggregation {
        Aggregation::Mean => r.rule_mean,
        Aggregation::TrimmedMean => r.rule_trimmed,
    };
    // A recognition council's record says, for each model, whether it
    // reached the threshold, where a contest's names its prize.
    let m = model_texts();
    let threshold = c.recognition_threshold.as_deref().and_then(|t| kheo_domain::Points::parse(t).ok());
    let verdict = move |total: &str| {
        let total = kheo_domain::Points::parse(total).ok()?;
        threshold.map(|t| if kheo_domain::models::reaches(total, t) { m.reached } else { m.not_reached }.to_string())
    };
    let prize_of = |tid: i64, total: &str| {
        if threshold.is_some() {
            return verdict(total);
        }
        rec.awards
            .iter()
            .find(|g| g.teams.iter().any(|x| x.id == tid))
            .map(|g| g.block.as_ref().map_or_else(|| g.name.clone(), |b| format!("{} — {b}", g.name)))
    };
    view! {
        <article class="paper a4 record">
            <NationalHeading issuer=p.issuer.clone()/>
            <p class="right italic">{place_and_date(&p, c.date.as_deref())}</p>
            {threshold.map(|_| view! { <Title text=m.record/> })}
            <h1 class="paper-title">{if threshold.is_some() { m.record_title } else { r.record_title }}</h1>
            <p class="center strong">{c.name.clone()}</p>
            <p class="center small">
                {c.unit.clone()}{c.venue.clone().map(|v| format!(" · {v}"))}{c.date.clone().map(|d| format!(" · {d}"))}
            </p>
            {rec.ledger_head.clone().map(|h| view! { <p class="center small">{r.ledger_code}": "<strong class="mono">{h.chars().take(8).collect::<String>()}</strong></p> })}
            {(!rec.is_final).then(|| view! { <p class="notice boxed center">{r.not_final_record}</p> })}
            <p class="small">{r.jury}": "{c.judges.iter().map(|j| if j.chair { format!("{} ({})", j.display_name, r.chair_short) } else { j.display_name.clone() }).collect::<Vec<_>>().join("; ")}</p>
            <p class="small">{rule}</p>
            {c.recognition_threshold.clone().map(|t| view! { <p class="small">{m.threshold}": "<strong>{vn(&t)}</strong></p> })}
            {rec.rounds.iter().enumerate().map(|(i, round)| view! { <RoundBlock n=i + 1 round=round.clone() rec=rec.clone()/> }).collect_view()}
            <PanelNotes rec=rec.clone()/>
            <h2>{r.summary}</h2>
            <table class="paper-table">
                <thead><tr>
                    <th>{t.rank}</th><th>{if threshold.is_some() { m.name } else { t.team }}</th>
                    {rec.rounds.iter().enumerate().map(|(i, _)| view! { <th>{format!("P{}", i + 1)}</th> }).collect_view()}
                    <th>{t.total}</th><th>{if threshold.is_some() { m.verdict } else { r.prize }}</th>
                </tr></thead>
                <tbody>
                    {rec.standings.iter().map(|row| view! {
                        <tr>
                            <td class="center">{row.rank}{row.block_rank.map(|b| format!(" ({b})"))}</td>
                            <td>{row.team.name.clone()}<br/><small>{row.team.unit.clone()}{row.block.clone().map(|b| format!(" · {b}"))}</small></td>
                            {rec.rounds.iter().map(|x| view! {
                                <td class="num">{row.rounds.get(&x.id.to_string()).cloned().flatten().map(|v| vn(&v)).unwrap_or_else(|| "—".into())}</td>
                            }).collect_view()}
                            <td class="num strong">{vn(&row.total)}</td>
                            <td>{prize_of(row.team.id, &row.total)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!rec.side_prizes.is_empty()).then(|| view! {
                <h3>{r.side_prizes}</h3>
                <ul class="paper-list">
                    {rec.side_prizes.iter().map(|g| view! {
                        <li><strong>{g.name.clone()}</strong>": "{g.teams.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(", ")}</li>
                    }).collect_view()}
                </ul>
            })}
            <p class="small italic">{r.record_closing}</p>
            <Signatures blocks=vec![
                (r.jury_head.to_string(), p.jury_head.clone()),
                (r.secretary.to_string(), p.secretary.clone()),
                (r.committee_head.to_string(), p.committee_head.clone()),
            ]/>
        </article>
    }
}

/// One round: every judge's sheet per team, then how the team's score is
/// made (aggregation, time over and the deduction).
#[component]
fn RoundBlock(n: usize, round: RecordRound, rec: RecordView) -> impl IntoView {
    let r = results_texts();
    let t = texts();
    let judged = round.kind == RoundKind::Judged;
    let max: kheo_domain::Points =
        round.criteria.iter().filter_map(|c| kheo_domain::Points::parse(&c.max_points).ok()).sum();
    let judge_name =
        |id: i64| rec.contest.judges.iter().find(|j| j.id == id).map(|j| j.display_name.clone()).unwrap_or_default();
    let conflicts: Vec<(i64, i64)> = rec.contest.conflicts.iter().flatten().map(|c| (c.judge_id, c.team_id)).collect();
    let excused = |judge: i64, team: i64| conflicts.contains(&(judge, team));
    view! {
        <section class="round-block">
            <h2>{format!("{} {n}: {}", r.round_word, round.name)}
                {judged.then(|| view! { <small>{format!(" ({} {})", r.max_total, vn(&max.to_string()))}</small> })}</h2>
            {if judged {
                view! {
                    <table class="paper-table">
                        <thead><tr>
                            <th>{r.order_short}</th><th>{t.team}</th><th>{r.judge}</th>
                            {round.criteria.iter().map(|c| view! { <th>{c.name.clone()}<br/><small>{format!("({})", vn(&c.max_points))}</small></th> }).collect_view()}
                            <th>{r.sheet_total}</th>
                        </tr></thead>
                        <tbody>
                            {round.lines.iter().map(|line| {
                                let rows = line.sheets.len().max(1) + 1;
                                let name = if line.withdrawn { format!("{} ({})", line.team, r.withdrawn_short) } else { line.team.clone() };
                                let first = line.sheets.first().cloned();
                                let rest: Vec<_> = line.sheets.iter().skip(1).cloned().collect();
                                let team_id = line.team_id;
                                let cells = move |s: &kheo_domain::api::RecordSheet| {
                                    let judge = judge_name(s.judge_id);
                                    if excused(s.judge_id, team_id) {
                                        let width = s.scores.len() + 1;
                                        return view! { <td>{judge}</td><td colspan=width class="center italic">{panel_texts().in_conflict}</td> }.into_any();
                                    }
                                    let paper = s.paper.as_ref().map(|_| format!(" ({})", panel_texts().paper_mark));
                                    view! {
                                        <td>{judge}<small>{paper}</small></td>
                                        {s.scores.iter().map(|v| view! { <td class="num">{v.as_deref().map(vn).unwrap_or_else(|| "—".into())}</td> }).collect_view()}
                                        <td class="num strong">{s.total.as_deref().map(vn).unwrap_or_else(|| "—".into())}</td>
                                    }.into_any()
                                };
                                let width = round.criteria.len() + 2;
                                // The deduction and its reason only where there is one.
                                let summary = match (&line.raw, &line.score) {
                                    (Some(raw), Some(score)) if line.over_seconds > 0 => format!(
                                        "{}: {} − {} ({} {} {}) = {}",
                                        r.round_score, vn(raw), vn(&line.deduction), r.over_time, line.over_seconds, r.seconds, vn(score)
                                    ),
                                    (_, Some(score)) => format!("{}: {}", r.round_score, vn(score)),
                                    _ => format!("{}: —", r.round_score),
                                };
                                view! {
                                    <tr class="team-first">
                                        <td rowspan=rows class="center">{line.order}</td>
                                        <td rowspan=rows>{name}</td>
                                        {first.as_ref().map(cells)}
                                    </tr>
                                    {rest.iter().map(|s| view! { <tr>{cells(s)}</tr> }).collect_view()}
                                    <tr class="team-summary"><td colspan=width>{summary}</td></tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            } else {
                view! {
                    <table class="paper-table">
                        <thead><tr><th>{r.order_short}</th><th>{t.team}</th><th>{r.right_answers}</th><th>{r.points_word}</th><th>{r.deduction}</th><th>{r.round_score}</th></tr></thead>
                        <tbody>
                            {round.lines.iter().map(|line| view! {
                                <tr>
                                    <td class="center">{line.order}</td>
                                    <td>{line.team.clone()}</td>
                                    <td class="num">{line.quiz.map(|(a, b)| format!("{a}/{b}"))}</td>
                                    <td class="num">{line.raw.as_deref().map(vn)}</td>
                                    <td class="num">{(line.over_seconds > 0).then(|| format!("{} ({} {})", vn(&line.deduction), line.over_seconds, r.seconds))}</td>
                                    <td class="num strong">{line.score.as_deref().map(vn).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// What the panel's record adds: the judges who did not score a team (and
/// why), and the judges in training with their totals beside the panel's
/// score, which never counted.
#[component]
fn PanelNotes(rec: RecordView) -> impl IntoView {
    let p = panel_texts();
    let c = &rec.contest;
    let name = |id: i64| {
        c.judges.iter().chain(&c.trainees).find(|j| j.id == id).map(|j| j.display_name.clone()).unwrap_or_default()
    };
    let team = |id: i64| c.teams.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default();
    let conflicts = c.conflicts.clone().unwrap_or_default();
    let judged: Vec<&RecordRound> = rec.rounds.iter().filter(|r| r.kind == RoundKind::Judged).collect();
    // Every sheet typed from paper, with who typed and who confirmed it.
    let typed: Vec<(i64, String, String, String, String)> = judged
        .iter()
        .flat_map(|r| {
            r.lines.iter().flat_map(move |l| {
                l.sheets.iter().filter_map(move |s| {
                    s.paper.clone().map(|(by, confirmed)| (s.judge_id, r.name.clone(), l.team.clone(), by, confirmed))
                })
            })
        })
        .collect();
    view! {
        {(!conflicts.is_empty()).then(|| view! {
            <section class="panel-notes" id="record-conflicts">
                <h3>{p.conflicts_title}</h3>
                <ul class="paper-list">
                    {conflicts.iter().map(|x| view! {
                        <li>{format!("{} {} {} {}{}.", p.judge, name(x.judge_id), p.not_scoring, team(x.team_id), x.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!typed.is_empty()).then(|| view! {
            <section class="panel-notes" id="record-paper">
                <h3>{p.paper_sheets_title}</h3>
                <table class="paper-table">
                    <thead><tr><th>{p.judge}</th><th>{p.round_word}</th><th>{p.team_word}</th><th>{p.typed_by}</th><th>{p.confirmed_by}</th></tr></thead>
                    <tbody>
                        {typed.iter().map(|(judge, round, team, by, confirmed)| view! {
                            <tr><td>{name(*judge)}</td><td>{round.clone()}</td><td>{team.clone()}</td><td>{by.clone()}</td><td>{confirmed.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        {(!c.trainees.is_empty()).then(|| view! {
            <section class="panel-notes" id="record-trainees">
                <h3>{p.trainees_title}</h3>
                {judged.iter().map(|round| view! {
                    <table class="paper-table">
                        <thead><tr>
                            <th>{round.name.clone()}</th><th>{p.panel_mean}</th>
                            {c.trainees.iter().map(|j| view! { <th>{j.display_name.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {round.lines.iter().map(|line| view! {
                                <tr>
                                    <td>{line.team.clone()}</td>
                                    <td class="num">{line.raw.as_deref().map(vn).unwrap_or_else(|| "—".into())}</td>
                                    {line.trainee_sheets.iter().map(|s| view! {
                                        <td class="num">{s.total.as_deref().map(vn).unwrap_or_else(|| "—".into())}</td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }).collect_view()}
                <p class="small italic">{p.trainee_hint}</p>
            </section>
        })}
    }
}
