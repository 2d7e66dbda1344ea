//! The paper desk (`/manage/:cid/paper`), on the secretary's laptop: a
//! judge's paper sheet is typed by two people, the second blind; the round's
//! grid shows which sheets came from paper, which wait for a second typing
//! and which the tablets sent.

use crate::i18n::{panel_texts, texts};
use crate::shared::{ErrorLine, LoadFailed, error_text, id_param, num};
use kheo_domain::api::{BoardView, ContestView, PaperOutcome, RoundView};
use kheo_domain::contest::{RoundKind, RoundState};
use kheo_domain::paper::SheetSource;
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// What the desk shows: the contest (rounds and their criteria), the
/// chosen judged round's board, and who is typing.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PaperDesk {
    /// The contest.
    pub contest: ContestView,
    /// The judged round's sheets; none when the contest has no judged round.
    pub board: Option<BoardView>,
    /// The typist's username.
    pub me: String,
}

/// The desk for a round (the one chosen, else the judged round under way).
#[server]
pub async fn load_paper_desk(contest_id: i64, round_id: Option<i64>) -> Result<PaperDesk, ServerFnError> {
    let actor = organiser().await?;
    let contest = super::contest::managed_contest(contest_id).await?;
    let judged: Vec<&RoundView> = contest.rounds.iter().filter(|r| r.kind == RoundKind::Judged).collect();
    let chosen = round_id
        .filter(|r| judged.iter().any(|x| x.id == *r))
        .or_else(|| RoundView::under_way(judged.iter().copied()))
        .or_else(|| judged.first().map(|r| r.id));
    let board = match chosen {
        Some(r) => Some(super::board::load_board(contest_id, r).await?),
        None => None,
    };
    Ok(PaperDesk { contest, board, me: actor.username })
}

/// One typing of a judge's paper sheet.
#[server]
pub async fn type_paper(
    contest_id: i64,
    round_id: i64,
    team_id: i64,
    judge_id: i64,
    scores: BTreeMap<String, String>,
) -> Result<PaperOutcome, ServerFnError> {
    use kheo_service::judging::paper::{self, Typed};
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    // Typed as on a tablet: a decimal comma and spaces read as meant; what
    // cannot be read goes as typed, for the server's own refusal.
    let read = |v: String| kheo_domain::Points::parse(v.trim()).map_or(v, |p| p.to_string());
    let body = kheo_domain::api::SheetSubmission {
        scores: scores.into_iter().map(|(k, v)| (k, serde_json::Value::String(read(v)))).collect(),
        client_version: None,
    };
    let place = (id(contest_id), id(round_id), id(team_id));
    match paper::type_sheet(&svc, &actor, place, id(judge_id), &body).await {
        Ok(Typed::Waiting { replaced, .. }) => Ok(PaperOutcome::Waiting { replaced }),
        Ok(Typed::Counted(sheet)) => Ok(PaperOutcome::Counted { total: sheet.total }),
        Err(e) => match e.into_problem() {
            kheo_domain::i18n::Problem::EntriesDiffer { criteria, .. } => Ok(PaperOutcome::Differs { criteria }),
            p => Err(crate::ssr::problem(p)),
        },
    }
}

/// The sheet being typed: round, judge and team.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Place {
    round: Option<i64>,
    judge: Option<i64>,
    team: Option<i64>,
}

impl Place {
    /// The place a scanned code names: the desk's own link with `round`,
    /// `judge` and `team` in its query (a phone's camera opens it too).
    fn scanned(code: &str, contest_id: i64) -> Option<Place> {
        let (path, query) = code.trim().split_once('?')?;
        if !path.ends_with(&format!("/manage/{contest_id}/paper")) {
            return None;
        }
        let value = |key: &str| {
            query
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| v.parse().ok())
        };
        Some(Place { round: Some(value("round")?), judge: Some(value("judge")?), team: Some(value("team")?) })
    }
}

/// `/manage/:cid/paper`.
#[component]
pub fn PaperDeskPage() -> impl IntoView {
    let p = panel_texts();
    let cid = id_param("cid");
    let query = leptos_router::hooks::use_query_map();
    let number = move |k: &str| query.with_untracked(|q| q.get(k).and_then(|v| v.parse::<i64>().ok()));
    let place = RwSignal::new(Place { round: number("round"), judge: number("judge"), team: number("team") });
    let version = RwSignal::new(0i64);
    // Lives on the page: the desk below is drawn again after each typing.
    let typing = Typing {
        values: RwSignal::new(BTreeMap::new()),
        answered: RwSignal::new(None),
        action: ServerAction::new(),
        scan: RwSignal::new(String::new()),
    };
    // A sheet that counts or waits leaves the form empty for the next; so
    // does choosing another sheet (marks never travel to the wrong one).
    Effect::watch(
        move || typing.action.value().get(),
        move |answer, _, _| {
            if matches!(answer, Some(Ok(PaperOutcome::Waiting { .. } | PaperOutcome::Counted { .. }))) {
                typing.values.set(BTreeMap::new());
            }
        },
        false,
    );
    Effect::watch(move || place.get(), move |_, _, _| typing.values.set(BTreeMap::new()), false);
    // The desk's shape (rounds, criteria, judges, teams) loads once per
    // round; what moves (the sheets, the typings waiting) loads again with
    // every change and redraws only the grid and the sheet's state, so a
    // typist's focus and a half-typed code survive another laptop's save.
    let desk = Resource::new(move || (cid(), place.with(|p| p.round)), |(c, r)| load_paper_desk(c, r));
    // Nothing has changed before the stream's first version or the first
    // typing: the board the desk was loaded with stands, unread twice.
    let live = Resource::new(
        move || (cid(), place.with(|p| p.round), version.get(), typing.action.version().get()),
        |(c, r, v, typed)| async move {
            if v == 0 && typed == 0 {
                return Ok(None);
            }
            load_paper_desk(c, r).await.map(|d| d.board)
        },
    );
    let (_, set_live) = signal(None::<bool>);
    crate::live::follow(untrack(cid), move |s| version.set(s.version), set_live);
    view! {
        <Title text=p.desk_title/>
        <Suspense fallback=move || view! { <p class="muted">{texts().loading}</p> }>
            {move || Suspend::new(async move {
                match desk.await {
                    Ok(d) => view! { <Desk desk=d place typing live/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The round's board as last loaded; `initial` until the first reload.
fn latest(live: LiveBoard, initial: StoredValue<BoardView>) -> BoardView {
    live.get().and_then(Result::ok).flatten().unwrap_or_else(|| initial.get_value())
}

/// The round's board as reloaded after a change; none before any.
type LiveBoard = Resource<Result<Option<BoardView>, ServerFnError>>;

#[component]
fn Desk(desk: PaperDesk, place: RwSignal<Place>, typing: Typing, live: LiveBoard) -> impl IntoView {
    let p = panel_texts();
    let c = desk.contest.clone();
    let Some(board) = desk.board.clone() else {
        return view! {
            <h1>{p.desk_title}</h1>
            <p class="muted"><a href=format!("/manage/{}", c.id)>{c.name.clone()}</a></p>
            <p class="banner">{p.no_judged_round}</p>
        }
        .into_any();
    };
    let round = board.round_id;
    let board = StoredValue::new(board);
    let me = StoredValue::new(desk.me.clone());
    let now = Signal::derive(move || latest(live, board));
    view! {
        <section class="paper-desk">
            <h1>{p.desk_title}</h1>
            <p class="muted"><a href=format!("/manage/{}", c.id)>{c.name.clone()}</a></p>
            <p class="intro">{p.desk_intro}</p>
            <Picker contest=c.clone() board place round typing/>
            <div class="desk-cols">
                <div>
                    <SheetState board=now place me/>
                    <TypingForm contest=c board=now place round typing/>
                </div>
                <div><RoundGrid board=now place/></div>
            </div>
        </section>
    }
    .into_any()
}

/// Round, judge and team, chosen or read from the code on the sheet.
#[component]
fn Picker(
    contest: ContestView,
    board: StoredValue<BoardView>,
    place: RwSignal<Place>,
    round: i64,
    typing: Typing,
) -> impl IntoView {
    let t = texts();
    let p = panel_texts();
    let contest_id = contest.id;
    let scan_fault = RwSignal::new(None::<String>);
    let rounds: Vec<RoundView> = contest.rounds.into_iter().filter(|r| r.kind == RoundKind::Judged).collect();
    let chosen = move |v: Option<i64>, x: i64| v == Some(x);
    view! {
        <div class="desk-picker">
            <label>{p.scan}
                <input type="text" id="paper-scan" autocomplete="off" placeholder=p.scan_hint
                    prop:value=move || typing.scan.get()
                    on:input=move |ev| typing.scan.set(event_target_value(&ev))
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        match Place::scanned(&code, contest_id) {
                            Some(at) => { scan_fault.set(None); place.set(at); }
                            None => scan_fault.set(Some(p.scan_unknown.to_string())),
                        }
                    }/>
            </label>
            <ErrorLine message=scan_fault/>
            <label>{t.round}
                <select id="paper-round" on:change=move |ev| {
                    let r = event_target_value(&ev).parse().ok();
                    place.update(|p| p.round = r);
                }>
                    {rounds.into_iter().map(|r| view! {
                        <option value=r.id.to_string() selected=move || place.with(|p| chosen(p.round.or(Some(round)), r.id))>{r.name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{p.judge}
                <select id="paper-judge" on:change=move |ev| {
                    let j = event_target_value(&ev).parse().ok();
                    place.update(|p| p.judge = j);
                }>
                    <option value="">{p.choose_judge}</option>
                    {board.with_value(|b| b.judges.clone()).into_iter().map(|j| view! {
                        <option value=j.id.to_string() selected=move || place.with(|p| chosen(p.judge, j.id))>{j.display_name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{t.team}
                <select id="paper-team" on:change=move |ev| {
                    let x = event_target_value(&ev).parse().ok();
                    place.update(|p| p.team = x);
                }>
                    <option value="">{p.choose_team}</option>
                    {board.with_value(|b| b.teams.clone()).into_iter().map(|x| view! {
                        <option value=x.id.to_string() selected=move || place.with(|p| chosen(p.team, x.id))>
                            {format!("{}. {}", x.order, x.name)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}

/// Where the chosen sheet stands: never its typed marks.
#[component]
fn SheetState(board: Signal<BoardView>, place: RwSignal<Place>, me: StoredValue<String>) -> impl IntoView {
    let p = panel_texts();
    let line = move || {
        let Place { judge: Some(j), team: Some(x), .. } = place.get() else { return None };
        board.with(|b| {
            if let Some(c) = b.cell(j, x) {
                return Some(match c.source {
                    SheetSource::Tablet => p.state_tablet.to_string(),
                    SheetSource::Paper => p
                        .state_paper
                        .replace("{who}", c.entered_by.as_deref().unwrap_or("?"))
                        .replace("{by}", c.confirmed_by.as_deref().unwrap_or("?")),
                });
            }
            Some(match b.waiting_for(j, x) {
                Some(w) if me.with_value(|m| *m == w.entered_by) => p.state_waiting_you.to_string(),
                Some(w) => p.state_waiting.replace("{who}", &w.entered_by),
                None => p.state_none.to_string(),
            })
        })
    };
    view! { <p class="sheet-state" id="paper-state">{line}</p> }
}

/// The marks typed for the chosen sheet. They live on the page, not in the
/// form: the desk is drawn again after every typing, and a typist whose
/// marks were refused corrects them rather than typing all again.
#[derive(Clone, Copy)]
struct Typing {
    values: RwSignal<BTreeMap<i64, String>>,
    /// The sheet the last answer was about.
    answered: RwSignal<Option<Place>>,
    action: ServerAction<TypePaper>,
    /// What was scanned or pasted into the code field.
    scan: RwSignal<String>,
}

#[component]
fn TypingForm(
    contest: ContestView,
    board: Signal<BoardView>,
    place: RwSignal<Place>,
    round: i64,
    typing: Typing,
) -> impl IntoView {
    let p = panel_texts();
    let contest_id = contest.id;
    let open = move || board.with(|b| b.state == RoundState::Open);
    // The round's criteria, drawn again only when the round changes.
    let round_now = Memo::new(move |_| place.with(|p| p.round.unwrap_or(round)));
    let criteria = move || {
        let round = round_now.get();
        contest.rounds.iter().find(|r| r.id == round).map(|r| r.criteria.clone()).unwrap_or_default()
    };
    // The answer for the sheet on screen, none once another is chosen, and
    // a typing's "waiting" none once someone else's typing made it count.
    let answer = move || {
        let at = place.get();
        let counted = board.with(|b| at.judge.zip(at.team).is_some_and(|(j, x)| b.cell(j, x).is_some()));
        let here = typing.answered.get() == Some(at);
        typing.action.value().get().filter(|a| here && !(counted && matches!(a, Ok(PaperOutcome::Waiting { .. }))))
    };
    let differing = move || match answer() {
        Some(Ok(PaperOutcome::Differs { criteria })) => criteria,
        _ => Vec::new(),
    };
    let ready = move || place.with(|p| p.judge.is_some() && p.team.is_some()) && open();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Place { judge: Some(judge_id), team: Some(team_id), .. } = place.get() else { return };
        let round_id = round_now.get_untracked();
        let scores = typing.values.with(|v| v.iter().map(|(c, x)| (c.to_string(), x.clone())).collect());
        typing.answered.set(Some(place.get()));
        typing.action.dispatch(TypePaper { contest_id, round_id, team_id, judge_id, scores });
    };
    let notice = move || match answer() {
        Some(Ok(PaperOutcome::Waiting { replaced: false })) => Some(("ok", p.first_saved.to_string())),
        Some(Ok(PaperOutcome::Waiting { replaced: true })) => Some(("ok", p.replaced_own.to_string())),
        Some(Ok(PaperOutcome::Counted { total })) => Some(("ok", p.counted.replace("{total}", &num(&total)))),
        Some(Ok(PaperOutcome::Differs { .. })) => Some(("error", p.differs.to_string())),
        Some(Err(e)) => Some(("error", error_text(&e))),
        None => None,
    };
    view! {
        <form class="sheet paper-form" on:submit=submit>
            {move || (!open()).then(|| view! { <p class="banner">{p.round_not_open}</p> })}
            {move || criteria().into_iter().map(|c| {
                let id = c.id;
                let differs = move || differing().contains(&id);
                view! {
                    <label class="criterion paper-criterion" class:invalid=differs data-criterion=id.to_string()>
                        <span>{c.name.clone()}" "<small class="muted">{format!("(≤ {})", num(&c.max_points))}</small></span>
                        <input type="text" inputmode="decimal" autocomplete="off" disabled=move || !open()
                            name=format!("criterion-{id}")
                            prop:value=move || typing.values.with(|v| v.get(&id).cloned().unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); typing.values.update(|m| { m.insert(id, v); }); }/>
                    </label>
                }
            }).collect_view()}
            <div class="sheet-foot">
                <button type="submit" class="button primary big" id="paper-save"
                    disabled=move || !ready() || typing.action.pending().get()>{p.save_typing}</button>
                <p class="notice" role="status" id="paper-notice">
                    {move || notice().map(|(class, text)| view! { <span class=class>{text}</span> })}
                </p>
            </div>
        </form>
    }
}

/// The round's sheets as they change: drawn again with every load.
#[component]
fn RoundGrid(board: Signal<BoardView>, place: RwSignal<Place>) -> impl IntoView {
    move || view! { <SheetGrid b=board.get() place/> }
}

/// The round's sheets, judges across and teams down: a click picks the
/// sheet to type. Below, the sheets waiting for a second typing.
#[component]
fn SheetGrid(b: BoardView, place: RwSignal<Place>) -> impl IntoView {
    let t = texts();
    let p = panel_texts();
    let mark = |team: i64, judge: i64| -> (&'static str, String) {
        if let Some(c) = b.cell(judge, team) {
            return match c.source {
                SheetSource::Tablet => ("▭", format!("{} · {}", num(&c.total), p.state_tablet)),
                SheetSource::Paper => (
                    "●",
                    format!(
                        "{} · {}: {} · {}: {}",
                        num(&c.total),
                        p.typed_by,
                        c.entered_by.clone().unwrap_or_default(),
                        p.confirmed_by,
                        c.confirmed_by.clone().unwrap_or_default()
                    ),
                ),
            };
        }
        match b.waiting_for(judge, team) {
            Some(w) => ("◐", format!("{} · {}: {}", p.waiting_mark, p.typed_by, w.entered_by)),
            None => ("○", p.state_none.to_string()),
        }
    };
    let team_name = |id: i64| b.teams.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default();
    let judge_name = |id: i64| b.judges.iter().find(|j| j.id == id).map(|j| j.display_name.clone()).unwrap_or_default();
    view! {
        <h2>{p.grid_title}</h2>
        <p class="muted small">{p.legend}</p>
        <table class="grid paper-grid">
            <thead><tr><th>{t.team}</th>{b.judges.iter().map(|j| view! { <th>{j.display_name.clone()}</th> }).collect_view()}</tr></thead>
            <tbody>
                {b.teams.iter().map(|x| {
                    let team = x.id;
                    view! {
                        <tr>
                            <th>{format!("{}. {}", x.order, x.name)}</th>
                            {b.judges.iter().map(|j| {
                                let judge = j.id;
                                let (symbol, title) = mark(team, judge);
                                let here = move || place.with(|p| p.team == Some(team) && p.judge == Some(judge));
                                view! {
                                    <td class="cell" class:chosen=here>
                                        <button type="button" class="cell-pick" title=title.clone() aria-label=title
                                            data-judge=judge.to_string() data-team=team.to_string()
                                            on:click=move |_| place.update(|p| { p.judge = Some(judge); p.team = Some(team); })>
                                            {symbol}
                                        </button>
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>{p.waiting_title}</h2>
        {if b.waiting.is_empty() {
            view! { <p class="muted" id="paper-waiting">{p.waiting_none}</p> }.into_any()
        } else {
            view! {
                <ul id="paper-waiting">
                    {b.waiting.iter().map(|w| view! {
                        <li>{format!("{} — {} ({}: {})", team_name(w.team_id), judge_name(w.judge_id), p.typed_by, w.entered_by)}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
