//! `/contests/:id`: the public leaderboard, rendered on the server, then
//! kept live over server-sent events.

use crate::i18n::texts;
use crate::shared::LoadFailed;
use crate::shared::{id_param, num};
use kheo_domain::api::Ceremony;
use kheo_domain::contest::RoundState;
use kheo_domain::standings::Standings;
use leptos::prelude::*;
use leptos_meta::Title;

/// The contest's standings as of now.
#[server]
pub async fn get_standings(id: i64) -> Result<Standings, ServerFnError> {
    use crate::ssr;
    let svc = ssr::services()?;
    let cid =
        i32::try_from(id).map_err(|_| ssr::problem(kheo_domain::i18n::Problem::NotFound { what: "contest".into() }))?;
    let snap = svc.hub.current(cid).await.map_err(|e| ssr::problem(e.into_problem()))?;
    Ok(snap.standings.clone())
}

/// The texts `board.js` needs, from the one catalogue.
fn script_texts() -> String {
    let t = texts();
    serde_json::json!({
        "rank": t.rank, "team": t.team, "total": t.total, "not_yet": t.not_yet,
        "live": t.live, "reconnecting": t.reconnecting, "decimal": crate::i18n::lang().decimal_mark(), "page": t.page_word, "points": t.points_word,
        "sealed": crate::i18n::season_texts().sealed_banner,
        "states": {
            "draft": t.round_draft, "open": t.round_open, "locked": t.round_locked, "published": t.round_published,
        },
    })
    .to_string()
}

/// The standings as the page was rendered, for `board.js` to compare the
/// next version with. `<` is escaped so no team name can close the script.
#[component]
pub(crate) fn BoardData(standings: Standings) -> impl IntoView {
    let json = serde_json::to_string(&standings).unwrap_or_default().replace('<', "\\u003c");
    view! { <script type="application/json" id="board-data" inner_html=json></script> }
}

/// The award ceremony, when results are kept for it: a banner while some
/// prizes are still to come, the latest reveal as a large card, and (on
/// the public page) every reveal so far. `board.js` draws the same markup
/// as reveals arrive; the section is always there for it to fill.
#[component]
fn CeremonyView(ceremony: Option<Ceremony>, list: bool) -> impl IntoView {
    let s = crate::i18n::season_texts();
    let (sealed, revealed) = ceremony.map(|c| (c.sealed, c.revealed)).unwrap_or_default();
    let latest = revealed.last().cloned();
    let hidden = !sealed && revealed.is_empty();
    view! {
        <section class="ceremony" hidden=hidden data-sealed=sealed.to_string() data-steps=revealed.len()>
            {sealed.then(|| view! { <p class="ceremony-banner">{s.sealed_banner}</p> })}
            {latest.map(|r| view! { <crate::organiser::ceremony::RevealCard step=r/> })}
            {list.then(|| view! {
                <ol class="reveals">
                    {revealed.iter().rev().map(|r| view! {
                        <li data-step=r.step><b>{r.prize.clone()}</b>" — "{r.teams.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(", ")}</li>
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}

/// The blocks (khối) of a contest whose teams compete in blocks, and the
/// one a page shows (`?block=`): a projector per block shows only its
/// teams, ranked within it.
#[derive(Clone, Debug, Default)]
struct Blocks {
    all: Vec<String>,
    chosen: Option<String>,
}

/// Loads the standings, then shows `board` or the error; `?block=` keeps
/// that block's teams only.
#[component]
pub(crate) fn WithStandings<V: IntoView + 'static>(board: fn(Standings) -> V) -> impl IntoView {
    let t = texts();
    let data = Resource::new(id_param("id"), get_standings);
    let chosen = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("block")).filter(|b| !b.is_empty());
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || {
                let chosen = chosen.clone();
                Suspend::new(async move {
                match data.await {
                    Ok(s) => {
                        let blocks = Blocks { all: s.blocks(), chosen: chosen.filter(|b| s.blocks().contains(b)) };
                        let mut s = s.of_block(blocks.chosen.as_deref());
                        if let Some(b) = &blocks.chosen {
                            s.contest.name = format!("{} — {b}", s.contest.name);
                        }
                        provide_context(blocks);
                        board(s).into_any()
                    }
                    Err(e) => view! {
                        <LoadFailed error=e/>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// `/contests/:id`.
#[component]
pub fn LeaderboardPage() -> impl IntoView {
    view! { <WithStandings board=|s| view! { <LiveBoard initial=s/> }/> }
}

/// `/contests/:id/projector`: the hall's big screen.
#[component]
pub fn ProjectorPage() -> impl IntoView {
    view! { <WithStandings board=|s| view! { <Projector standings=s/> }/> }
}

/// `/contests/:id/overlay`: a browser source for the livestream.
#[component]
pub fn OverlayPage() -> impl IntoView {
    view! { <WithStandings board=|s| view! { <Overlay standings=s/> }/> }
}

/// The public board. It is never hydrated (see `PageKind`): `board.js`
/// follows the stream and redraws it.
#[component]
fn LiveBoard(initial: Standings) -> impl IntoView {
    let contest_id = initial.contest.id;
    let final_results = kheo_domain::results::is_final(&initial) && initial.ceremony.as_ref().is_none_or(|c| !c.sealed);
    let name = initial.contest.name.clone();
    let unit = initial.contest.unit.clone();
    view! {
        <Title text=name.clone()/>
        <section class="board" data-board="page" data-contest=contest_id data-texts=script_texts()>
            <BoardData standings=initial.clone()/>
            <header class="board-head">
                <h1>{name}</h1>
                <p class="muted">{unit}</p>
                {final_results.then(|| view! {
                    <p class="links"><a href=format!("/contests/{contest_id}/results") rel="external">{crate::i18n::season_texts().results_link}</a></p>
                })}
                <p class="live-status"></p>
                <BlockLinks contest_id/>
            </header>
            <CeremonyView ceremony=initial.ceremony.clone() list=true/>
            <div class="table-wrap">
                <StandingsTable standings=initial/>
            </div>
        </section>
    }
}

/// Links to each block's own board, when the teams compete in blocks.
#[component]
fn BlockLinks(contest_id: i64) -> impl IntoView {
    let p = crate::i18n::panel_texts();
    let blocks = use_context::<Blocks>().unwrap_or_default();
    (!blocks.all.is_empty()).then(|| {
        let chosen = blocks.chosen.clone();
        view! {
            <nav class="block-links" aria-label=p.block>
                <a href=format!("/contests/{contest_id}") rel="external" class:active=chosen.is_none()>{p.all_blocks}</a>
                {blocks.all.iter().map(|b| view! {
                    <a href=format!("/contests/{contest_id}?block={}", url_escape(b)) rel="external"
                        class:active=chosen.as_deref() == Some(b.as_str())>{b.clone()}</a>
                }).collect_view()}
            </nav>
        }
    })
}

/// A query value with what a URL needs escaped.
fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Rank, team, each round and the total. `board.js` renders the same
/// markup when a new version arrives.
#[component]
fn StandingsTable(standings: Standings) -> impl IntoView {
    let t = texts();
    let s = standings;
    // A board of all blocks names each team's block; one block's does not.
    let tagged = use_context::<Blocks>().is_none_or(|b| b.chosen.is_none());
    view! {
        <table class="standings" data-version=s.version>
            <thead>
                <tr>
                    <th class="rank">{t.rank}</th>
                    <th class="team">{t.team}</th>
                    {s.rounds.iter().map(|r| {
                        let in_progress = r.state == RoundState::Open;
                        view! {
                            <th class="round" class:in-progress=in_progress>
                                <span>{r.name.clone()}</span>
                                <small>{t.round_state(r.state)}</small>
                            </th>
                        }
                    }).collect_view()}
                    <th class="total">{t.total}</th>
                </tr>
            </thead>
            <tbody>
                {s.standings.iter().map(|row| {
                    let scores: Vec<(String, Option<String>)> = s.rounds.iter()
                        .map(|r| (r.name.clone(), row.rounds.get(&r.id.to_string()).cloned().flatten()))
                        .collect();
                    // On a phone the rounds go under the team's name.
                    let chips = scores.iter().filter_map(|(name, v)| v.as_deref().map(|v| view! {
                        <span class="chip">{name.clone()}" "<b>{num(v)}</b></span>
                    })).collect_view();
                    let scored = row.is_scored();
                    let cells = scores.into_iter().map(|(_, v)| {
                        let shown = v.is_some();
                        view! { <td class="num round-cell" class:pending=!shown>{v.map_or_else(|| t.not_yet.to_string(), |v| num(&v))}</td> }
                    }).collect_view();
                    view! {
                        <tr data-team=row.team.id data-rank=row.rank class:unranked=!scored>
                            <td class="rank">{if scored {
                                view! { <span class="rank-badge" class:top=row.rank <= 3>{row.rank}</span> }.into_any()
                            } else {
                                view! { <span class="rank-badge none">{t.not_yet}</span> }.into_any()
                            }}</td>
                            <td class="team">
                                <strong>{row.team.name.clone()}</strong>
                                <small>{row.team.unit.clone()}</small>
                                {row.block.clone().filter(|_| tagged).map(|b| view! { <small class="block-tag">{b}</small> })}
                                <span class="chips">{chips}</span>
                            </td>
                            {cells}
                            <td class="num total">{if scored { num(&row.total) } else { t.not_yet.to_string() }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The public page's address and its QR code, for phones in the hall.
#[cfg(feature = "ssr")]
fn public_page_qr(contest_id: i64) -> (String, String) {
    let path = format!("/contests/{contest_id}");
    let url = use_context::<http::request::Parts>().map_or(path.clone(), |p| crate::ssr::absolute_url(&p, &path));
    let svg = crate::ssr::qr_svg(&url, 220);
    (url, svg)
}

#[cfg(not(feature = "ssr"))]
fn public_page_qr(_contest_id: i64) -> (String, String) {
    (String::new(), String::new())
}

/// Large type for the back of the hall; `board.js` pages through the teams
/// when they do not all fit.
#[component]
fn Projector(standings: Standings) -> impl IntoView {
    let t = texts();
    let contest_id = standings.contest.id;
    let (url, qr) = public_page_qr(contest_id);
    let shown_url = url.split("://").nth(1).unwrap_or(&url).to_string();
    let name = standings.contest.name.clone();
    let unit = standings.contest.unit.clone();
    let data = standings.clone();
    let ledger = standings.ledger.clone();
    view! {
        <Title text=name.clone()/>
        <section class="projector" data-board="projector" data-contest=contest_id data-texts=script_texts()>
            <BoardData standings=data/>
            <header class="projector-head">
                <div class="projector-title">
                    <p class="projector-unit">{unit}</p>
                    <h1>{name}</h1>
                    <p class="live-status"></p>
                </div>
                <figure class="projector-qr">
                    <div inner_html=qr></div>
                    <figcaption>{t.scan_to_follow}<br/><b>{shown_url}</b></figcaption>
                </figure>
            </header>
            <CeremonyView ceremony=standings.ceremony.clone() list=false/>
            <super::show::ProjectorShow contest_id/>
            <div class="projector-table">
                <StandingsTable standings=standings/>
            </div>
            <footer class="projector-foot">
                <span class="page-indicator"></span>
                <LedgerHead head=ledger/>
                <button type="button" class="fullscreen" data-fullscreen>{t.fullscreen}</button>
            </footer>
        </section>
    }
}

/// "Sổ điểm: 1a2b3c4d": the ledger's head hash, short, for people to match
/// with the printed record; `board.js` keeps it current.
#[component]
pub fn LedgerHead(head: Option<String>) -> impl IntoView {
    let label = crate::i18n::ledger_texts().head_short;
    let short = head.as_deref().map(|h| h.chars().take(8).collect::<String>()).unwrap_or_default();
    view! {
        <span class="ledger-short" hidden=head.is_none()>{label}": "<code>{short}</code></span>
    }
}

/// A lower third over the livestream: the leaders, and "team X: Y points"
/// when a team's marks for a round are complete.
#[component]
fn Overlay(standings: Standings) -> impl IntoView {
    let contest_id = standings.contest.id;
    let name = standings.contest.name.clone();
    let leaders = standings
        .standings
        .iter()
        .take(OVERLAY_LEADERS)
        .map(|row| {
            let scored = row.is_scored();
            let not_yet = texts().not_yet;
            view! {
                <li data-team=row.team.id>
                    <span class="lt-rank">{if scored { row.rank.to_string() } else { not_yet.to_string() }}</span>
                    <span class="lt-team">{row.team.name.clone()}</span>
                    <span class="lt-total">{if scored { num(&row.total) } else { not_yet.to_string() }}</span>
                </li>
            }
        })
        .collect_view();
    let ceremony = standings.ceremony.clone();
    view! {
        <Title text=name.clone()/>
        <section class="overlay" data-board="overlay" data-contest=contest_id data-texts=script_texts()
            data-leaders=OVERLAY_LEADERS>
            <BoardData standings=standings/>
            <div class="flash" hidden>
                <span class="flash-team"></span>
                <span class="flash-round"></span>
                <span class="flash-points"></span>
            </div>
            <CeremonyView ceremony list=false/>
            <super::show::ProjectorShow contest_id/>
            <div class="lower-third">
                <span class="lt-title">{name}</span>
                <ol class="lt-list">{leaders}</ol>
            </div>
        </section>
    }
}

/// How many teams the lower third names.
const OVERLAY_LEADERS: usize = 5;
