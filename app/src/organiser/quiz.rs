//! `/manage/:cid/quiz`: the MC's quiz console, on a tablet or the MC's
//! laptop. The quiz round's questions in order, each with its answer (this
//! page alone shows it ahead); "Hiện câu hỏi" with a timer, "Công bố đáp
//! án", "Kết thúc câu hỏi", previous and next. The projector, the overlay
//! and the audience's phones follow through the standings. The secretary
//! marks the teams' answers below, as on the board.

use super::board::{MarkAnswer, QuizGrid, load_board};
use crate::i18n::{show_texts, texts};
use crate::shared::{ErrorLine, LoadFailed, error_text, id_param, num};
use kheo_domain::api::{BoardView, PlayBoard};
use kheo_domain::show::{QuizPhase, QuizShow, TIMER_PRESETS, letter};
use leptos::prelude::*;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The MC's cue: shows a question (with a countdown of `seconds`), reveals
/// its answer, or takes it off the screen.
#[server]
pub async fn cue_quiz(
    contest_id: i64,
    round_id: i64,
    question_id: i64,
    phase: String,
    seconds: Option<u32>,
) -> Result<QuizShow, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let cue = kheo_domain::api::QuizCue { question_id, phase, seconds };
    kheo_service::show::quiz::cue(&svc, &actor, id(contest_id), id(round_id), &cue)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The quiz rounds of a contest, and the one the console shows: the one
/// chosen, else the one on screen, else the one open, else the first.
#[server]
pub async fn quiz_rounds(contest_id: i64) -> Result<Vec<(i64, String)>, ServerFnError> {
    use kheo_domain::contest::RoundKind;
    let contest = super::contest::managed_contest(contest_id).await?;
    Ok(contest.rounds.into_iter().filter(|r| r.kind == RoundKind::Quiz).map(|r| (r.id, r.name)).collect())
}

/// The audience's game as the console watches it.
#[server]
pub async fn audience_game(contest_id: i64) -> Result<PlayBoard, ServerFnError> {
    let _ = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::show::play::board(&svc, id(contest_id), None).await.map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// `/manage/:cid/quiz`.
#[component]
pub fn QuizConsolePage() -> impl IntoView {
    let s = show_texts();
    let cid = id_param("cid");
    let chosen = RwSignal::new(None::<i64>);
    let version = RwSignal::new(0i64);
    // Made at page level: the console is drawn again after every change,
    // and a press on a button being replaced must still reach the server.
    let cue = ServerAction::<CueQuiz>::new();
    let mark = ServerAction::<MarkAnswer>::new();
    let on_screen = RwSignal::new(None::<QuizShow>);
    let rounds = Resource::new(cid, quiz_rounds);
    // The console's shape loads once per round: a live change redraws only
    // the marks' grid below, never the buttons the MC is about to press.
    let shape = Resource::new(move || (cid(), chosen.get()), |(c, r)| console_round(c, r));
    let marks = Resource::new(
        move || (cid(), chosen.get(), version.get(), mark.version().get()),
        |(c, r, _, _)| console_round(c, r),
    );
    // The audience's answers arrive without a new standings version: the
    // console reads their count again every two seconds.
    let tick = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    if let Ok(h) = set_interval_with_handle(move || tick.update(|n| *n += 1), std::time::Duration::from_secs(2)) {
        on_cleanup(move || h.clear());
    }
    let game = Resource::new(move || (cid(), version.get(), tick.get()), |(c, _, _)| audience_game(c));
    let (live, set_live) = signal(None::<bool>);
    crate::live::follow(
        untrack(cid),
        move |st| {
            on_screen.set(st.quiz.clone());
            version.set(st.version);
        },
        set_live,
    );
    view! {
        <Title text=s.console_title/>
        <section class="board-head">
            <h1>{s.console_title}</h1>
            <p class="muted">
                <a href=move || format!("/contests/{}/projector", cid()) target="_blank" rel="external">{s.open_projector}</a>
                " · "<a href=move || format!("/contests/{}/choi", cid()) target="_blank" rel="external">{s.play_title}</a>
            </p>
            <p class="muted">{s.console_intro}</p>
            {move || live.get().map(|on| view! { <p class="live-status" class:on=on>{if on { texts().live } else { texts().reconnecting }}</p> })}
        </section>
        <Transition fallback=move || view! { <p class="muted">{texts().loading}</p> }>
            {move || Suspend::new(async move {
                let list = rounds.await.unwrap_or_default();
                match shape.await {
                    Ok(Some((b, quiz))) => {
                        if on_screen.get_untracked().is_none() {
                            on_screen.set(quiz);
                        }
                        view! {
                            <p class="muted"><a href=format!("/manage/{}", b.contest_id)>{b.contest_name.clone()}</a></p>
                            <RoundTabs list chosen current=b.round_id/>
                            <Console board=b cue on_screen game/>
                        }.into_any()
                    }
                    Ok(None) => view! { <p class="empty">{s.no_quiz}</p> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                marks.await.ok().flatten().map(|(b, _)| view! { <section class="card"><QuizGrid board=b mark/></section> })
            })}
        </Transition>
    }
}

/// The quiz round the console shows, with the secretary's board of it and
/// what is on screen: the round chosen, else the one on screen, else the
/// first quiz round; none when the contest has no quiz.
async fn console_round(c: i64, chosen: Option<i64>) -> Result<Option<(BoardView, Option<QuizShow>)>, ServerFnError> {
    let list = quiz_rounds(c).await?;
    let standing = crate::public::leaderboard::get_standings(c).await?;
    let on = standing.quiz.as_ref().map(|q| q.round_id).filter(|r| list.iter().any(|x| x.0 == *r));
    match chosen.or(on).or_else(|| list.first().map(|x| x.0)) {
        Some(rid) => Ok(Some((load_board(c, rid).await?, standing.quiz))),
        None => Ok(None),
    }
}

/// Tabs for contests with more than one quiz round.
#[component]
fn RoundTabs(list: Vec<(i64, String)>, chosen: RwSignal<Option<i64>>, current: i64) -> impl IntoView {
    (list.len() > 1).then(|| {
        view! {
            <nav class="tabs">
                {list.into_iter().map(|(id, name)| view! {
                    <button type="button" class="tab" class:active=id == current on:click=move |_| chosen.set(Some(id))>
                        <span>{name}</span>
                    </button>
                }).collect_view()}
            </nav>
        }
    })
}

/// The questions, the one picked, the timer and the MC's buttons.
#[component]
fn Console(
    board: BoardView,
    cue: ServerAction<CueQuiz>,
    on_screen: RwSignal<Option<QuizShow>>,
    game: Resource<Result<PlayBoard, ServerFnError>>,
) -> impl IntoView {
    let s = show_texts();
    let (cid, rid) = (board.contest_id, board.round_id);
    let questions = StoredValue::new(board.questions.clone());
    let count = board.questions.len();
    // The question picked: the one on screen in this round, else the first.
    let start = on_screen
        .get_untracked()
        .filter(|q| q.round_id == rid)
        .and_then(|q| board.questions.iter().position(|x| x.id == q.question.id))
        .unwrap_or(0);
    let picked = RwSignal::new(start);
    let seconds = RwSignal::new(Some(15u32));
    let send = move |phase: QuizPhase| {
        let Some(q) = questions.with_value(|qs| qs.get(picked.get_untracked()).cloned()) else { return };
        let seconds = if phase == QuizPhase::Shown { seconds.get_untracked() } else { None };
        cue.dispatch(CueQuiz {
            contest_id: cid,
            round_id: rid,
            question_id: q.id,
            phase: phase.as_str().into(),
            seconds,
        });
    };
    let screen_of = move |qid: i64| on_screen.get().filter(|q| q.question.id == qid).map(|q| q.phase);
    view! {
        <div class="console">
            <ol class="console-questions">
                {board.questions.iter().enumerate().map(|(i, q)| {
                    let qid = q.id;
                    view! {
                        <li>
                            <button type="button" class="console-q" class:picked=move || picked.get() == i
                                class:on-screen=move || screen_of(qid).is_some_and(|p| p != QuizPhase::Closed)
                                on:click=move |_| picked.set(i)>
                                <b>{s.question_word}" "{i + 1}</b>
                                <span>{q.prompt.clone()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <section class="card console-main">
                {move || questions.with_value(|qs| qs.get(picked.get()).cloned()).map(|q| {
                    let phase = screen_of(q.id);
                    view! {
                        <p class="q-head">
                            <span class="q-number">{s.question_word}" "{picked.get() + 1}"/"{count}</span>
                            <span class="console-phase">{match phase {
                                Some(QuizPhase::Shown) => s.phase_shown,
                                Some(QuizPhase::Revealed) => s.phase_revealed,
                                Some(QuizPhase::Closed) => s.phase_closed,
                                None => "",
                            }}</span>
                        </p>
                        <h2 class="q-prompt">{q.prompt.clone()}</h2>
                        <ol class="q-options">
                            {q.options.iter().enumerate().map(|(i, o)| view! {
                                <li class:right=kheo_domain::show::is_right(&q.options, &q.answer, &letter(i))>
                                    <b>{letter(i)}</b><span>{o.clone()}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                        <p class="console-answer">{s.answer_label}": "<b>{q.answer.clone()}</b>" · "{num(&q.points)}" "{texts().points_word}</p>
                    }
                })}
                <fieldset class="console-timer">
                    <legend>{s.timer}</legend>
                    {TIMER_PRESETS.iter().map(|&n| view! {
                        <label class="chip-choice">
                            <input type="radio" name="timer" prop:checked=move || seconds.get() == Some(n) on:change=move |_| seconds.set(Some(n))/>
                            {n}" "{s.seconds_word}
                        </label>
                    }).collect_view()}
                    <label class="chip-choice">
                        <input type="radio" name="timer" prop:checked=move || seconds.get().is_none() on:change=move |_| seconds.set(None)/>
                        {s.no_timer}
                    </label>
                </fieldset>
                <div class="console-buttons">
                    <button type="button" class="button" disabled=move || picked.get() == 0
                        on:click=move |_| picked.update(|p| *p = p.saturating_sub(1))>"← "{s.previous}</button>
                    <button type="button" class="button primary" id="show-question" on:click=move |_| send(QuizPhase::Shown)>{s.show_question}</button>
                    <button type="button" class="button primary" id="reveal-answer" on:click=move |_| send(QuizPhase::Revealed)>{s.reveal}</button>
                    <button type="button" class="button" id="close-question" on:click=move |_| send(QuizPhase::Closed)>{s.close_question}</button>
                    <button type="button" class="button" disabled=move || { picked.get() + 1 >= count }
                        on:click=move |_| picked.update(|p| *p += 1)>{s.next}" →"</button>
                </div>
                <ErrorLine message=Signal::derive(move || cue.value().get().and_then(|r| r.err()).map(|e| error_text(&e)))/>
                <OnScreen on_screen/>
            </section>
            <AudienceTop game/>
        </div>
    }
}

/// The browser's clock, Unix milliseconds, ticking every 200 ms while the
/// page is open (nothing ticks on the server).
fn ticking_clock() -> ReadSignal<i64> {
    let (now, set_now) = signal(0i64);
    #[cfg(feature = "hydrate")]
    {
        let read = || web_sys::window().and_then(|w| w.performance()).map_or(0, |p| (p.time_origin() + p.now()) as i64);
        set_now.set(read());
        if let Ok(h) = set_interval_with_handle(move || set_now.set(read()), std::time::Duration::from_millis(200)) {
            on_cleanup(move || h.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_now;
    now
}

/// What the projector shows now, with its countdown.
#[component]
fn OnScreen(on_screen: RwSignal<Option<QuizShow>>) -> impl IntoView {
    let s = show_texts();
    let now = ticking_clock();
    let left = move || {
        let q = on_screen.get().filter(|q| q.phase == QuizPhase::Shown)?;
        let end = kheo_domain::time::unix_ms(q.ends_at.as_deref()?)?;
        let ms = (end - now.get()).max(0);
        Some(if ms > 0 { format!("{} {}", (ms + 999) / 1000, s.seconds_word) } else { s.time_up.to_string() })
    };
    view! {
        <p class="console-screen">
            <b>{s.on_screen}": "</b>
            {move || match on_screen.get() {
                None => s.nothing_shown.to_string(),
                Some(q) => {
                    let phase = match q.phase {
                        QuizPhase::Shown => s.phase_shown,
                        QuizPhase::Revealed => s.phase_revealed,
                        QuizPhase::Closed => s.phase_closed,
                    };
                    format!("{} {} · {phase}", s.question_word, q.question.number)
                }
            }}
            " "<span class="countdown">{left}</span>
        </p>
    }
}

/// The audience's game: answers so far and its best ten.
#[component]
fn AudienceTop(game: Resource<Result<PlayBoard, ServerFnError>>) -> impl IntoView {
    let s = show_texts();
    view! {
        <section class="card console-top">
            <h2>{s.top_title}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    game.await.ok().map(|g| view! {
                        <p class="muted">{s.audience_answers}": "<b>{g.answers}</b></p>
                        <ol class="top-list">
                            {g.players.into_iter().map(|p| view! {
                                <li><span class="top-rank">{p.rank}</span><span class="top-name">{p.nickname}</span><b class="top-points">{num(&p.points)}</b></li>
                            }).collect_view()}
                        </ol>
                    })
                })}
            </Transition>
        </section>
    }
}
