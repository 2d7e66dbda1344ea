//! Setting a contest up: `/manage/new` (from the usual format) and
//! `/manage/:cid/setup` (rounds, criteria, question bank, teams, import,
//! panel, running order). The page edits the whole definition in the
//! browser and saves it in one request, checked on the server by the same
//! rules as `POST /contests`.

use crate::i18n::texts;
use crate::pages::{error_text, id_param, level_name};
use kheo_domain::Points;
use kheo_domain::api::{
    ContestDefinition, CriterionDef, ImportReport, JudgeDef, MemberDef, OvertimeDef, QuestionDef, RoundDef, SetupView,
    TeamDef,
};
use kheo_domain::contest::{Level, ModelField};
use kheo_domain::setup::{NewContest, field_label, member_from_line, member_line};
use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{row_id as id, signed_in as organiser};

/// The organiser's own unit, which his contests belong to.
#[server]
pub async fn my_unit() -> Result<Option<String>, ServerFnError> {
    Ok(organiser().await?.unit)
}

/// Creates a contest from the usual format; its id.
#[server(input = Json)]
pub async fn create_contest(new: NewContest) -> Result<i64, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::setup::create_from_template(&svc.db, &actor, &new)
        .await
        .map(|c| c.id)
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The contest's definition, for its organisers.
#[server]
pub async fn get_setup(contest_id: i64) -> Result<SetupView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::setup::view(&svc.db, &actor, id(contest_id)).await.map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Saves the whole definition.
#[server(input = Json)]
pub async fn save_setup(contest_id: i64, definition: ContestDefinition) -> Result<SetupView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::setup::replace(&svc.db, &svc.hub, &actor, id(contest_id), &definition)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Draws the running order by lot.
#[server]
pub async fn draw_running_order(contest_id: i64) -> Result<SetupView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::setup::draw_running_order(&svc.db, &svc.hub, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Imports teams from an uploaded .xlsx or .csv (fields `contest_id`, `file`).
#[server(input = MultipartFormData)]
pub async fn import_team_sheet(data: MultipartData) -> Result<ImportReport, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let mut form = data.into_inner().ok_or_else(|| ServerFnError::new("multipart"))?;
    let (mut contest_id, mut file_name, mut bytes) = (None, String::new(), Vec::new());
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("contest_id") => contest_id = field.text().await.ok().and_then(|t| t.trim().parse::<i64>().ok()),
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_string();
                bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
            }
            _ => {}
        }
    }
    let contest_id = contest_id
        .ok_or_else(|| crate::ssr::problem(kheo_domain::i18n::Problem::NotFound { what: "contest".into() }))?;
    kheo_service::setup::import_teams(&svc.db, &svc.hub, &actor, id(contest_id), &file_name, &bytes, crate::ssr::lang())
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// `/manage/new`.
#[component]
pub fn NewContestPage() -> impl IntoView {
    let t = texts();
    let unit = Resource::new(|| (), |_| my_unit());
    let (level, name, unit_typed, date, venue) = (
        RwSignal::new(Level::Commune),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = NewContest {
            level: level.get_untracked(),
            name: name.get_untracked(),
            unit: unit_typed.get_untracked(),
            date: Some(date.get_untracked()),
            venue: Some(venue.get_untracked()),
        };
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match create_contest(new).await {
                Ok(cid) => navigate(&format!("/manage/{cid}/setup"), Default::default()),
                Err(e) => error.set(Some(error_text(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <Title text=t.new_contest/>
        <section class="card narrow">
            <h1>{t.new_contest}</h1>
            <p class="muted">{t.new_contest_intro}</p>
            <form class="form" id="new-contest" on:submit=submit>
                <label>
                    <span>{t.level}</span>
                    <select name="level" on:change=move |ev| level.set(Level::parse(&event_target_value(&ev)).unwrap_or(Level::Commune))>
                        {Level::ALL.iter().map(|l| view! { <option value=l.as_str()>{level_name(t, *l)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{t.contest_name}</span>
                    <input type="text" name="name" required placeholder="Hội thi “Dân vận khéo” xã … năm 2026"
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match unit.await.ok().flatten() {
                            Some(own) => view! {
                                <label><span>{t.unit}</span><input type="text" name="unit" value=own readonly/></label>
                            }.into_any(),
                            None => view! {
                                <label>
                                    <span>{t.unit}</span>
                                    <input type="text" name="unit" required on:input=move |ev| unit_typed.set(event_target_value(&ev))/>
                                </label>
                            }.into_any(),
                        }
                    })}
                </Suspense>
                <label>
                    <span>{t.date}</span>
                    <input type="date" name="date" on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{t.venue}</span>
                    <input type="text" name="venue" on:input=move |ev| venue.set(event_target_value(&ev))/>
                </label>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <button type="submit" class="button primary" disabled=move || busy.get()>{t.create_button}</button>
            </form>
        </section>
    }
}

/// The definition being edited. Inputs write into it and are not redrawn
/// while typing; lists are redrawn only when their shape changes (`shape`),
/// so focus and caret stay where the organiser left them.
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<ContestDefinition>,
    shape: RwSignal<u32>,
    dirty: RwSignal<bool>,
}

impl Editor {
    fn edit(self, f: impl FnOnce(&mut ContestDefinition)) {
        self.draft.update_untracked(f);
        self.dirty.set(true);
    }

    fn reshape(self, f: impl FnOnce(&mut ContestDefinition)) {
        self.edit(f);
        self.shape.update(|s| *s += 1);
    }

    fn read<T>(self, f: impl FnOnce(&ContestDefinition) -> T) -> T {
        self.draft.with_untracked(f)
    }

    fn load(self, def: ContestDefinition) {
        self.draft.set(def);
        self.dirty.set(false);
        self.shape.update(|s| *s += 1);
    }
}

/// Swaps items `i` and `j` of a list, if both exist.
fn swap<T>(v: &mut [T], i: usize, j: usize) {
    if i < v.len() && j < v.len() {
        v.swap(i, j);
    }
}

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

/// Up, down and remove for item `i` of `n` in one of the definition's lists.
fn item_controls(
    ed: Editor,
    i: usize,
    n: usize,
    move_item: fn(&mut ContestDefinition, usize, usize),
    remove: fn(&mut ContestDefinition, usize),
) -> impl IntoView {
    let t = texts();
    view! {
        <div class="row end">
            <button type="button" class="button small" disabled=i == 0
                on:click=move |_| ed.reshape(|d| move_item(d, i, i.wrapping_sub(1)))>"↑ "{t.move_up}</button>
            <button type="button" class="button small" disabled=i + 1 == n
                on:click=move |_| ed.reshape(|d| move_item(d, i, i + 1))>"↓ "{t.move_down}</button>
            <button type="button" class="button small danger"
                on:click=move |_| ed.reshape(|d| remove(d, i))>{t.remove}</button>
        </div>
    }
}

/// `/manage/:cid/setup`.
#[component]
pub fn SetupPage() -> impl IntoView {
    let t = texts();
    let data = Resource::new(id_param("cid"), get_setup);
    view! {
        <Title text=t.setup_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <SetupEditor initial=v/> }.into_any(),
                    Err(e) => view! { <section class="card narrow"><p class="error">{error_text(&e)}</p></section> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SetupEditor(initial: SetupView) -> impl IntoView {
    let t = texts();
    let cid = initial.id;
    let ed = Editor {
        draft: RwSignal::new(initial.definition.clone()),
        shape: RwSignal::new(0),
        dirty: RwSignal::new(false),
    };
    let started = initial.started;
    let judges = StoredValue::new(initial.judge_accounts.clone());
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let busy = RwSignal::new(false);
    let title = initial.definition.name.clone();

    let save = move |_| {
        busy.set(true);
        let def = ed.read(Clone::clone);
        leptos::task::spawn_local(async move {
            match save_setup(cid, def).await {
                Ok(v) => {
                    ed.load(v.definition);
                    status.set(Some(Ok(t.saved)));
                }
                Err(e) => status.set(Some(Err(error_text(&e)))),
            }
            busy.set(false);
        });
    };
    let draw = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match draw_running_order(cid).await {
                Ok(v) => {
                    ed.load(v.definition);
                    status.set(Some(Ok(t.drawn_note)));
                }
                Err(e) => status.set(Some(Err(error_text(&e)))),
            }
            busy.set(false);
        });
    };
    let on_import = move |v: SetupView| ed.load(v.definition);

    view! {
        <section class="board-head">
            <h1>{t.setup_title}</h1>
            <p class="muted">{title}</p>
            <p class="links">
                <a href=format!("/manage/{cid}")>{t.manage_title}</a>
            </p>
        </section>
        {started.then(|| view! { <p class="notice boxed" role="status">{t.setup_locked}</p> })}
        <fieldset class="setup" disabled=started>
            <GeneralSection ed/>
            <RoundsSection ed/>
            <TeamsSection ed cid judges_busy=busy draw on_import/>
            <PanelSection ed judges/>
        </fieldset>
        <div class="save-bar" role="region">
            <span class="save-status">
                {move || match status.get() {
                    _ if ed.dirty.get() => view! { <span class="warn">{t.unsaved}</span> }.into_any(),
                    Some(Ok(m)) => view! { <span class="ok">{m}</span> }.into_any(),
                    Some(Err(e)) => view! { <span class="error" role="alert">{e}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </span>
            <button type="button" class="button primary" id="save-setup" on:click=save
                disabled=move || started || busy.get()>{t.save_changes}</button>
        </div>
    }
}

/// A text input bound to one place in the definition.
fn text_field(
    ed: Editor,
    name: String,
    value: String,
    set: impl Fn(&mut ContestDefinition, String) + 'static,
) -> impl IntoView {
    view! {
        <input type="text" name=name value=value on:input=move |ev| {
            let v = event_target_value(&ev);
            ed.edit(|d| set(d, v));
        }/>
    }
}

fn opt(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

#[component]
fn GeneralSection(ed: Editor) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card">
            <h2>{t.general_info}</h2>
            {move || {
                ed.shape.get();
                let d = ed.read(Clone::clone);
                let tie = d.tie_break_rounds.clone();
                view! {
                    <div class="grid-form">
                        <label class="wide"><span>{t.contest_name}</span>
                            {text_field(ed, "name".into(), d.name.clone(), |d, v| d.name = v)}</label>
                        <label><span>{t.unit}</span>
                            {text_field(ed, "unit".into(), d.unit.clone(), |d, v| d.unit = v)}</label>
                        <label><span>{t.date}</span>
                            <input type="date" name="date" value=d.date.clone().unwrap_or_default()
                                on:input=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.date = opt(v)); }/></label>
                        <label><span>{t.venue}</span>
                            {text_field(ed, "venue".into(), d.venue.clone().unwrap_or_default(), |d, v| d.venue = opt(v))}</label>
                        <label class="wide"><span>{t.aggregation_label}</span>
                            <select name="aggregation" on:change=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.aggregation = Some(v)); }>
                                <option value="mean" selected=d.aggregation.as_deref() != Some("trimmed_mean")>{t.aggregation_mean}</option>
                                <option value="trimmed_mean" selected=d.aggregation.as_deref() == Some("trimmed_mean")>{t.aggregation_trimmed}</option>
                            </select>
                        </label>
                    </div>
                    <p class="label">{t.tie_break_label}</p>
                    <div class="row">
                        {d.rounds.iter().enumerate().map(|(i, r)| {
                            let at = tie.iter().position(|x| *x == i as i64);
                            view! {
                                <label class="check">
                                    <input type="checkbox" name=format!("tie_break_rounds[{i}]") checked=at.is_some()
                                        on:change=move |_| ed.reshape(|d| {
                                            if let Some(p) = d.tie_break_rounds.iter().position(|x| *x == i as i64) {
                                                d.tie_break_rounds.remove(p);
                                            } else {
                                                d.tie_break_rounds.push(i as i64);
                                            }
                                        })/>
                                    {at.map(|p| view! { <b class="order">{p + 1}</b> })}
                                    {r.name.clone()}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                }
            }}
        </section>
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
fn RoundsSection(ed: Editor) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card">
            <h2>{t.rounds_title}</h2>
            {move || {
                ed.shape.get();
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
                                    {text_field(ed, format!("{at}.name"), r.name.clone(), move |d, v| d.rounds[i].name = v)}</label>
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
                                        {text_field(ed, format!("{at}.step"), r.step.clone().unwrap_or_default(), move |d, v| d.rounds[i].step = opt(v))}</label>
                                })}
                                <label><span>{t.overtime_per_minute}</span>
                                    {text_field(ed, format!("{at}.overtime.per_started_minute"),
                                        overtime.as_ref().map(|o| o.per_started_minute.clone()).unwrap_or_default(),
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
            }}
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
                            <td>{text_field(ed, format!("{at}.name"), c.name, move |d, v| d.rounds[i].criteria[j].name = v)}</td>
                            <td class="num narrow-input">{text_field(ed, format!("{at}.max_points"), c.max_points, move |d, v| d.rounds[i].criteria[j].max_points = v)}</td>
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
                            {text_field(ed, format!("{at}.answer"), q.answer, move |d, v| d.rounds[i].questions[k].answer = v)}</label>
                        <label><span>{t.question_points}</span>
                            {text_field(ed, format!("{at}.points"), q.points, move |d, v| d.rounds[i].questions[k].points = v)}</label>
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

/// The captain and the other members of a team, as the page shows them.
fn split_members(members: &[MemberDef]) -> (String, String) {
    let captain = members.iter().find_map(|m| match m {
        MemberDef::WithRole { name, role } if role == "captain" => Some(name.clone()),
        _ => None,
    });
    let others = members
        .iter()
        .filter(|m| !matches!(m, MemberDef::WithRole { role, .. } if role == "captain"))
        .map(member_line)
        .collect::<Vec<_>>()
        .join("\n");
    (captain.unwrap_or_default(), others)
}

fn set_members(team: &mut TeamDef, captain: Option<String>, others: Option<String>) {
    let (old_captain, old_others) = split_members(&team.members);
    let captain = captain.unwrap_or(old_captain);
    let others = others.unwrap_or(old_others);
    let mut members = Vec::new();
    if !captain.trim().is_empty() {
        members.push(MemberDef::WithRole { name: captain.trim().to_string(), role: "captain".into() });
    }
    members.extend(others.lines().filter_map(member_from_line));
    team.members = members;
}

#[component]
fn TeamsSection(
    ed: Editor,
    cid: i64,
    judges_busy: RwSignal<bool>,
    draw: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_import: impl Fn(SetupView) + Copy + 'static,
) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" id="teams">
            <h2>{t.teams_title}</h2>
            <div class="row spread">
                <button type="button" class="button primary" id="draw-order" on:click=draw
                    disabled=move || ed.dirty.get() || judges_busy.get()>{t.draw_order}</button>
                {move || ed.dirty.get().then(|| view! { <span class="muted">{t.draw_save_first}</span> })}
            </div>
            {move || {
                ed.shape.get();
                let teams = ed.read(|d| d.teams.clone());
                let n = teams.len();
                view! {
                    <ol class="team-edit-list">
                        {teams.into_iter().enumerate().map(|(i, team)| {
                            let at = format!("teams[{i}]");
                            let (captain, others) = split_members(&team.members);
                            let field = team.model_field.clone().unwrap_or_default();
                            view! {
                                <li class="team-edit" data-team-name=team.name.clone()>
                                    <span class="order-badge">{i + 1}</span>
                                    <div class="grid-form">
                                        <label><span>{t.team}</span>
                                            {text_field(ed, format!("{at}.name"), team.name.clone(), move |d, v| d.teams[i].name = v)}</label>
                                        <label><span>{t.team_unit}</span>
                                            {text_field(ed, format!("{at}.unit"), team.unit.clone(), move |d, v| d.teams[i].unit = v)}</label>
                                        <label><span>{t.model_name}</span>
                                            {text_field(ed, format!("{at}.model_name"), team.model_name.clone().unwrap_or_default(), move |d, v| d.teams[i].model_name = opt(v))}</label>
                                        <label><span>{t.model_field}</span>
                                            <select name=format!("{at}.model_field") on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                ed.edit(|d| d.teams[i].model_field = opt(v));
                                            }>
                                                <option value="">{t.no_field}</option>
                                                {ModelField::ALL.iter().map(|f| view! {
                                                    <option value=f.as_str() selected=field == f.as_str()>{field_label(*f)}</option>
                                                }).collect_view()}
                                            </select>
                                        </label>
                                        <label><span>{t.captain}</span>
                                            {text_field(ed, format!("{at}.captain"), captain, move |d, v| set_members(&mut d.teams[i], Some(v), None))}</label>
                                        <label><span>{t.members_lines}</span>
                                            <textarea name=format!("{at}.members") rows="3" on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                ed.edit(|d| set_members(&mut d.teams[i], None, Some(v)));
                                            }>{others}</textarea></label>
                                    </div>
                                    {item_controls(ed, i, n, |d, i, j| swap(&mut d.teams, i, j), |d, i| {
                                        d.teams.remove(i);
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
            }}
            <button type="button" class="button" on:click=move |_| ed.reshape(|d| d.teams.push(TeamDef {
                name: String::new(), unit: String::new(), members: Vec::new(), model_name: None, model_field: None,
            }))>{t.add_team}</button>
            <ImportForm cid on_import dirty=ed.dirty/>
        </section>
    }
}

/// Upload of a team sheet; bad cells listed by line and column.
#[component]
fn ImportForm(cid: i64, on_import: impl Fn(SetupView) + Copy + 'static, dirty: RwSignal<bool>) -> impl IntoView {
    let t = texts();
    let report = RwSignal::new(None::<Result<ImportReport, String>>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Only the browser uploads; the server renders the form.
        #[cfg(not(feature = "hydrate"))]
        let _ = on_import;
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
            busy.set(true);
            leptos::task::spawn_local(async move {
                let mut outcome = import_team_sheet(data.into()).await.map_err(|e| error_text(&e));
                if let Some(v) = outcome.as_mut().ok().and_then(|r| r.setup.take()) {
                    on_import(v);
                    form.reset();
                }
                report.set(Some(outcome));
                busy.set(false);
            });
        }
    };
    view! {
        <form class="import" id="import-teams" on:submit=submit>
            <h3>{t.import_title}</h3>
            <input type="hidden" name="contest_id" value=cid/>
            <div class="row">
                <input type="file" name="file" required accept=".xlsx,.xls,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                <button type="submit" class="button" disabled=move || busy.get() || dirty.get()>{t.import_button}</button>
                <a href="/templates/doi-thi.xlsx" rel="external" download>{t.download_template}" (.xlsx)"</a>
                <a href="/templates/doi-thi.csv" rel="external" download>".csv"</a>
            </div>
            {move || report.get().map(|r| match r {
                Ok(r) if r.faults.is_empty() => view! { <p class="ok" role="status">{t.imported_teams}" "{r.added}</p> }.into_any(),
                Ok(r) => view! {
                    <div class="import-faults" role="alert">
                        <p class="error">{t.import_faults}</p>
                        <table class="plain">
                            <thead><tr><th>{t.line_word}</th><th>{t.column_word}</th><th></th></tr></thead>
                            <tbody>
                                {r.faults.into_iter().map(|f| view! {
                                    <tr><td>{f.line}</td><td>{f.column}</td><td>{f.message}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </form>
    }
}

#[component]
fn PanelSection(ed: Editor, judges: StoredValue<Vec<kheo_domain::api::JudgeAccount>>) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card">
            <h2>{t.panel_title}</h2>
            {move || {
                ed.shape.get();
                let panel = ed.read(|d| d.judges.clone());
                view! {
                    <table class="plain edit">
                        <thead><tr><th>"#"</th><th>{t.judges}</th><th>{t.chair}</th><th></th></tr></thead>
                        <tbody>
                            {panel.into_iter().enumerate().map(|(i, j)| {
                                let chosen = j.username().to_string();
                                let chair = j.chair();
                                view! {
                                    <tr>
                                        <td>{i + 1}</td>
                                        <td>
                                            <select name=format!("judges[{i}]") on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                ed.edit(|d| {
                                                    let chair = d.judges[i].chair();
                                                    d.judges[i] = JudgeDef::WithOptions { username: v, chair };
                                                });
                                            }>
                                                <option value="">{t.choose_judge}</option>
                                                {judges.get_value().into_iter().map(|a| {
                                                    let selected = a.username == chosen;
                                                    view! { <option value=a.username.clone() selected=selected>{format!("{} ({})", a.display_name, a.username)}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                        <td>
                                            <input type="radio" name="chair" checked=chair on:change=move |_| ed.reshape(|d| {
                                                for (k, j) in d.judges.iter_mut().enumerate() {
                                                    *j = JudgeDef::WithOptions { username: j.username().to_string(), chair: k == i };
                                                }
                                            })/>
                                        </td>
                                        <td><button type="button" class="button small danger"
                                            on:click=move |_| ed.reshape(|d| { d.judges.remove(i); })>{t.remove}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            }}
            <button type="button" class="button" on:click=move |_| ed.reshape(|d| d.judges.push(JudgeDef::Username(String::new())))>{t.add_judge}</button>
        </section>
    }
}
