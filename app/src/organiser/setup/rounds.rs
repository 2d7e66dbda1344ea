//! The rounds: kind, time, over-time rule, step, the criteria of a judged
//! round and the question bank of a quiz.

use super::{Editor, item_controls, opt, redrawn, text_field};
use crate::i18n::texts;
use kheo_domain::Points;
use kheo_domain::api::{ContestDefinition, CriterionDef, OvertimeDef, QuestionDef, RoundDef};
use leptos::prelude::*;

/// Tie-break indexes follow their rounds when rounds move or go.
fn move_round(d: &mut ContestDefinition, i: usize, j: usize) {
    if i >= d.rounds.len() || j >= d.rounds.len() {
        return;
    }
    d.rounds.swap(i, j);
    for tb in &mut d.tie_break_rounds {
        if *tb == i as i64 {
            *tb = j as i64;
        } else if *tb == j as i64 {
            *tb = i as i64;
        }
    }
}

fn remove_round(d: &mut ContestDefinition, i: usize) {
    if i < d.rounds.len() {
        d.rounds.remove(i);
        d.tie_break_rounds.retain(|tb| *tb != i as i64);
        for tb in &mut d.tie_break_rounds {
            if *tb > i as i64 {
                *tb -= 1;
            }
        }
    }
}

fn seconds_as_minutes(s: Option<u32>) -> String {
    s.map(|s| Points::from_hundredths(i64::from(s) * 100 / 60).to_string().trim_end_matches(".00").to_string())
        .unwrap_or_default()
}

fn minutes_as_seconds(v: &str) -> Option<u32> {
    Points::parse(v.trim()).ok().and_then(|p| u32::try_from(p.hundredths() * 60 / 100).ok()).filter(|s| *s > 0)
}

#[component]
pub fn RoundsSection(ed: Editor) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card">
            <h2>{t.rounds_title}</h2>
            {redrawn(ed, move || {
                let rounds = ed.read(|d| d.rounds.clone());
                let n = rounds.len();
                rounds.into_iter().enumerate().map(|(i, r)| {
                    let quiz = r.kind.as_deref() == Some("quiz");
                    let at = format!("rounds[{i}]");
                    let overtime = r.overtime.clone();
                    view! {
                        <fieldset class="round-edit" data-round-index=i>
                            <legend>{format!("{} {}", t.round, i + 1)}</legend>
                            <div class="grid-form">
                                <label class="wide"><span>{t.round_name}</span>
                                    {text_field(ed, format!("{at}.name"), r.name.clone(), 200, move |d, v| d.rounds[i].name = v)}</label>
                                <label class="wide"><span>{t.round_kind}</span>
                                    <select name=format!("{at}.kind") on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        ed.reshape(|d| d.rounds[i].kind = Some(v));
                                    }>
                                        <option value="judged" selected=!quiz>{t.kind_judged}</option>
                                        <option value="quiz" selected=quiz>{t.kind_quiz}</option>
                                    </select>
                                </label>
                                <label><span>{t.time_limit_minutes}</span>
                                    <input type="text" inputmode="decimal" name=format!("{at}.time_limit_seconds")
                                        value=seconds_as_minutes(r.time_limit_seconds)
                                        on:input=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.rounds[i].time_limit_seconds = minutes_as_seconds(&v)); }/></label>
                                {(!quiz).then(|| view! {
                                    <label><span>{t.score_step}</span>
                                        {text_field(ed, format!("{at}.step"), r.step.clone().unwrap_or_default(), 8, move |d, v| d.rounds[i].step = opt(v))}</label>
                                })}
                                <label><span>{t.overtime_per_minute}</span>
                                    {text_field(ed, format!("{at}.overtime.per_started_minute"),
                                        overtime.as_ref().map(|o| o.per_started_minute.clone()).unwrap_or_default(), 8,
                                        move |d, v| {
                                            let grace = d.rounds[i].overtime.as_ref().map_or(0, |o| o.grace_seconds);
                                            d.rounds[i].overtime = opt(v).map(|p| OvertimeDef { per_started_minute: p, grace_seconds: grace });
                                        })}</label>
                                <label><span>{t.overtime_grace}</span>
                                    <input type="number" min="0" name=format!("{at}.overtime.grace_seconds")
                                        value=overtime.as_ref().map(|o| o.grace_seconds.to_string()).unwrap_or_default()
                                        on:input=move |ev| {
                                            let g = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                                            ed.edit(|d| if let Some(o) = d.rounds[i].overtime.as_mut() { o.grace_seconds = g });
                                        }/></label>
                            </div>
                            {if quiz {
                                view! { <QuestionList ed round=i questions=r.questions.clone()/> }.into_any()
                            } else {
                                view! { <CriterionList ed round=i criteria=r.criteria.clone()/> }.into_any()
                            }}
                            {item_controls(ed, i, n, move_round, remove_round)}
                        </fieldset>
                    }
                }).collect_view()
            })}
            <button type="button" class="button" on:click=move |_| ed.reshape(|d| d.rounds.push(RoundDef {
                name: String::new(), kind: None, time_limit_seconds: None, overtime: None, step: None,
                criteria: vec![CriterionDef { name: String::new(), max_points: String::new(), step: None }],
                questions: Vec::new(),
            }))>{t.add_round}</button>
        </section>
    }
}

#[component]
fn CriterionList(ed: Editor, round: usize, criteria: Vec<CriterionDef>) -> impl IntoView {
    let t = texts();
    let i = round;
    view! {
        <table class="plain edit">
            <thead><tr><th>{t.criterion_name}</th><th class="num">{t.max_points}</th><th></th></tr></thead>
            <tbody>
                {criteria.into_iter().enumerate().map(|(j, c)| {
                    let at = format!("rounds[{i}].criteria[{j}]");
                    view! {
                        <tr>
                            <td>{text_field(ed, format!("{at}.name"), c.name, 200, move |d, v| d.rounds[i].criteria[j].name = v)}</td>
                            <td class="num narrow-input">{text_field(ed, format!("{at}.max_points"), c.max_points, 8, move |d, v| d.rounds[i].criteria[j].max_points = v)}</td>
                            <td><button type="button" class="button small danger" on:click=move |_| ed.reshape(|d| { d.rounds[i].criteria.remove(j); })>{t.remove}</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <button type="button" class="button small" on:click=move |_| ed.reshape(|d| d.rounds[i].criteria.push(CriterionDef {
            name: String::new(), max_points: String::new(), step: None,
        }))>{t.add_criterion}</button>
    }
}

#[component]
fn QuestionList(ed: Editor, round: usize, questions: Vec<QuestionDef>) -> impl IntoView {
    let t = texts();
    let i = round;
    view! {
        <h3>{t.questions_title}</h3>
        <ol class="questions">
            {questions.into_iter().enumerate().map(|(k, q)| {
                let at = format!("rounds[{i}].questions[{k}]");
                view! {
                    <li class="grid-form">
                        <label class="wide"><span>{t.question_prompt}</span>
                            <textarea name=format!("{at}.prompt") rows="2"
                                on:input=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.rounds[i].questions[k].prompt = v); }>{q.prompt}</textarea></label>
                        <label class="wide"><span>{t.question_options}</span>
                            <textarea name=format!("{at}.options") rows="4"
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    ed.edit(|d| d.rounds[i].questions[k].options = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect());
                                }>{q.options.join("\n")}</textarea></label>
                        <label><span>{t.question_answer}</span>
                            {text_field(ed, format!("{at}.answer"), q.answer, 500, move |d, v| d.rounds[i].questions[k].answer = v)}</label>
                        <label><span>{t.question_points}</span>
                            {text_field(ed, format!("{at}.points"), q.points, 8, move |d, v| d.rounds[i].questions[k].points = v)}</label>
                        <div class="row end wide">
                            <button type="button" class="button small danger"
                                on:click=move |_| ed.reshape(|d| { d.rounds[i].questions.remove(k); })>{t.remove}</button>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
        <button type="button" class="button small" on:click=move |_| ed.reshape(|d| d.rounds[i].questions.push(QuestionDef {
            prompt: String::new(), options: Vec::new(), answer: String::new(), points: "10".into(),
        }))>{t.add_question}</button>
    }
}
