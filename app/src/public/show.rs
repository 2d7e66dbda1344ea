//! The audience's own pages, for a cheap phone on the hall's Wi-Fi:
//! `/contests/:id/choi` (playing along with the quiz on screen) and
//! `/contests/:id/binh-chon` (the audience's vote). Rendered whole on the
//! server from the public standings, which never hold an unrevealed answer
//! or a count; `show.js` (a few KB, no WebAssembly) follows the stream.

use super::leaderboard::{BoardData, WithStandings};
use crate::i18n::show_texts;
use kheo_domain::show::{QuizPhase, QuizShow, VoteState, letter};
use kheo_domain::standings::Standings;
use leptos::prelude::*;
use leptos_meta::Title;

/// The show's words for `show.js`, from the one catalogue.
fn script_texts() -> String {
    serde_json::to_string(show_texts()).unwrap_or_default()
}

/// A page's address and QR code, for the projector to show.
#[cfg(feature = "ssr")]
pub fn page_qr(path: &str, size: u32) -> (String, String) {
    let url = use_context::<http::request::Parts>().map_or(path.to_string(), |p| crate::ssr::absolute_url(&p, path));
    let svg = crate::ssr::qr_svg(&url, size);
    (url.split("://").nth(1).unwrap_or(&url).to_string(), svg)
}

#[cfg(not(feature = "ssr"))]
pub fn page_qr(_path: &str, _size: u32) -> (String, String) {
    (String::new(), String::new())
}

/// `/contests/:id/choi`.
#[component]
pub fn PlayPage() -> impl IntoView {
    view! { <WithStandings board=|s| view! { <Play standings=s/> }/> }
}

/// `/contests/:id/binh-chon`.
#[component]
pub fn VotePage() -> impl IntoView {
    view! { <WithStandings board=|s| view! { <Vote standings=s/> }/> }
}

/// The question on screen as a phone shows it: its number, prompt,
/// countdown and answer buttons (or a short-answer field).
#[component]
fn PlayQuestion(quiz: Option<QuizShow>) -> impl IntoView {
    let t = show_texts();
    let live = quiz.filter(|q| q.phase != QuizPhase::Closed);
    let hidden = live.is_none();
    let (number, prompt, options) =
        live.map(|q| (q.question.number, q.question.prompt, q.question.options)).unwrap_or_default();
    let short = options.is_empty();
    view! {
        <p class="play-wait" hidden=!hidden>{t.waiting}</p>
        <div class="play-question" hidden=hidden>
            <p class="q-head"><span class="q-number">{t.question_word}" "{number}</span><span class="countdown" aria-live="polite"></span></p>
            <h2 class="q-prompt">{prompt}</h2>
            <div class="play-options">
                {options.into_iter().enumerate().map(|(i, o)| view! {
                    <button type="button" class="play-option" data-choice=letter(i)>
                        <b>{letter(i)}</b><span>{o}</span>
                    </button>
                }).collect_view()}
            </div>
            <form class="play-short" hidden=!short>
                <label>{t.short_answer}<input name="choice" maxlength="200" autocomplete="off"/></label>
                <button type="submit" class="button primary">{t.send}</button>
            </form>
            <p class="play-result" aria-live="polite"></p>
        </div>
    }
}

/// Playing along: a name, then the question on screen.
#[component]
fn Play(standings: Standings) -> impl IntoView {
    let t = show_texts();
    let name = standings.contest.name.clone();
    let contest_id = standings.contest.id;
    view! {
        <Title text=format!("{} · {name}", t.play_title)/>
        <section class="play" data-show="play" data-contest=contest_id data-texts=script_texts()>
            <BoardData standings=standings.clone()/>
            <header class="play-head">
                <p class="muted">{name}</p>
                <h1>{t.play_title}</h1>
                <p class="muted play-intro">{t.play_intro}</p>
            </header>
            <form class="play-name">
                <label>{t.nickname}<input name="nickname" maxlength="30" autocomplete="nickname" required/></label>
                <button type="submit" class="button primary">{t.join}</button>
            </form>
            <p class="play-me" hidden>
                <span class="play-nick"></span>
                <span class="play-score"></span>
                <button type="button" class="button small play-rename">{t.change_name}</button>
            </p>
            <div class="play-stage">
                <PlayQuestion quiz=standings.quiz.clone()/>
            </div>
            <section class="play-top" hidden>
                <h2>{t.top_title}</h2>
                <ol></ol>
            </section>
            <p class="live-status"></p>
        </section>
    }
}

/// The audience's vote: a big button a team, while it is open.
#[component]
fn Vote(standings: Standings) -> impl IntoView {
    let t = show_texts();
    let name = standings.contest.name.clone();
    let contest_id = standings.contest.id;
    let state = standings.vote.as_ref().map_or(VoteState::Off, |v| v.state);
    let prize = standings.vote.as_ref().and_then(|v| v.prize_name.clone()).unwrap_or_else(|| t.default_prize.into());
    let mut teams: Vec<(i64, String, String)> =
        standings.standings.iter().map(|r| (r.team.id, r.team.name.clone(), r.team.unit.clone())).collect();
    teams.sort_by(|a, b| kheo_domain::collate::compare(&a.1, &b.1));
    let line = match state {
        VoteState::Off => t.vote_off,
        VoteState::Open => t.vote_open,
        VoteState::Closed => t.vote_closed,
    };
    view! {
        <Title text=format!("{} · {name}", t.vote_title)/>
        <section class="vote" data-show="vote" data-contest=contest_id data-state=state.as_str() data-texts=script_texts()>
            <BoardData standings=standings.clone()/>
            <header class="play-head">
                <p class="muted">{name}</p>
                <h1>{t.vote_title}</h1>
                <p class="vote-prize"><b>{prize}</b></p>
                <p class="vote-line" aria-live="polite">{line}</p>
            </header>
            <p class="vote-mine" hidden></p>
            <ul class="vote-teams">
                {teams.into_iter().map(|(id, team, unit)| view! {
                    <li>
                        <button type="button" class="vote-team" data-team=id disabled=state != VoteState::Open>
                            <strong>{team}</strong><small>{unit}</small><span class="vote-count"></span>
                        </button>
                    </li>
                }).collect_view()}
            </ul>
            <p class="live-status"></p>
        </section>
    }
}

/// On the projector: the question on screen in large type with its
/// countdown, then its answer; between questions the audience's best; the
/// QR codes to play and to vote. `board.js` fills and shows them.
#[component]
pub fn ProjectorShow(contest_id: i64) -> impl IntoView {
    let t = show_texts();
    let (play_url, play_qr) = page_qr(&format!("/contests/{contest_id}/choi"), 160);
    let (vote_url, vote_qr) = page_qr(&format!("/contests/{contest_id}/binh-chon"), 160);
    view! {
        <section class="show-quiz" hidden data-texts=script_texts()>
            <p class="q-head"><span class="q-number"></span><span class="countdown"></span></p>
            <h2 class="q-prompt"></h2>
            <ol class="q-options"></ol>
            <p class="q-answer" hidden></p>
            <figure class="show-qr">
                <div inner_html=play_qr></div>
                <figcaption>{t.scan_play}<br/><b>{play_url}</b></figcaption>
            </figure>
        </section>
        <section class="show-top" hidden>
            <h2>{t.top_title}</h2>
            <ol></ol>
        </section>
        <figure class="show-vote-qr" hidden>
            <div inner_html=vote_qr></div>
            <figcaption>{t.scan_vote}<br/><b>{vote_url}</b></figcaption>
        </figure>
    }
}
