//! The audience's vote on the contest's page: open and close it, name its
//! prize, watch the counts live (only organisers see them before it
//! closes), and the addresses the votes came from, busiest first, each
//! voidable with a reason for the change log.

use crate::i18n::show_texts;
use crate::shared::{ErrorLine, error_text};
use kheo_domain::api::{Voided, VoteAddress, VoteStatus, VoteTally};
use kheo_domain::show::VoteState;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The vote as its organisers see it: state, counts, addresses.
#[server]
pub async fn vote_desk(contest_id: i64) -> Result<(VoteTally, Vec<VoteAddress>), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let cid = id(contest_id);
    let problem = |e: kheo_service::Error| crate::ssr::problem(e.into_problem());
    // Addresses first: they answer 403 to someone who does not run it.
    let addresses = kheo_service::show::vote::addresses(&svc, &actor, cid).await.map_err(problem)?;
    let tally = kheo_service::show::vote::tally(&svc, Some(&actor), cid).await.map_err(problem)?;
    Ok((tally, addresses))
}

/// Opens or closes the vote, naming its prize.
#[server]
pub async fn switch_vote(contest_id: i64, open: bool, prize_name: String) -> Result<VoteStatus, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let s = kheo_domain::api::VoteSwitch { open, prize_name: Some(prize_name) };
    kheo_service::show::vote::switch(&svc, &actor, id(contest_id), &s)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Voids every vote from an address, with the reason.
#[server]
pub async fn void_votes(contest_id: i64, address: String, reason: String) -> Result<Voided, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let v = kheo_domain::api::VoidAddress { address, reason };
    kheo_service::show::vote::void_address(&svc, &actor, id(contest_id), &v)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// How often the open vote's counts are read again.
const REFRESH: std::time::Duration = std::time::Duration::from_secs(3);

/// The card. Its actions live here, outside the parts drawn again.
#[component]
pub fn VoteCard(cid: i64) -> impl IntoView {
    let s = show_texts();
    let switch = ServerAction::<SwitchVote>::new();
    let void = ServerAction::<VoidVotes>::new();
    let tick = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    if let Ok(h) = set_interval_with_handle(move || tick.update(|n| *n += 1), REFRESH) {
        on_cleanup(move || h.clear());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = REFRESH;
    let desk =
        Resource::new(move || (tick.get(), switch.version().get(), void.version().get()), move |_| vote_desk(cid));
    let prize = RwSignal::new(String::new());
    view! {
        <section class="card vote-card" id="vote-card">
            <h2>{s.vote_card}</h2>
            <p class="muted">{s.vote_card_help}</p>
            <p class="links">
                <a href=format!("/contests/{cid}/binh-chon") rel="external" target="_blank">{s.vote_page_link}</a>
                " · "<a href=format!("/manage/{cid}/quiz")>{s.console_link}</a>
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    desk.await.ok().map(|(tally, addresses)| {
                        if prize.get_untracked().is_empty() {
                            prize.set(tally.prize_name.clone().unwrap_or_else(|| s.default_prize.into()));
                        }
                        view! { <VoteDesk cid tally addresses prize switch void/> }
                    })
                })}
            </Transition>
            <ErrorLine message=Signal::derive(move || {
                switch.value().get().and_then(|r| r.err()).or_else(|| void.value().get().and_then(|r| r.err())).map(|e| error_text(&e))
            })/>
        </section>
    }
}

#[component]
fn VoteDesk(
    cid: i64,
    tally: VoteTally,
    addresses: Vec<VoteAddress>,
    prize: RwSignal<String>,
    switch: ServerAction<SwitchVote>,
    void: ServerAction<VoidVotes>,
) -> impl IntoView {
    let s = show_texts();
    let open = tally.state == VoteState::Open;
    let state = match tally.state {
        VoteState::Off => s.vote_state_off,
        VoteState::Open => s.vote_state_open,
        VoteState::Closed => s.vote_state_closed,
    };
    let best = tally.teams.iter().map(|t| t.votes).max().unwrap_or(0);
    view! {
        <div class="row spread">
            <label>{s.prize_name}
                <input id="vote-prize" prop:value=move || prize.get() on:input=move |e| prize.set(event_target_value(&e)) maxlength="200"/>
            </label>
            <p><span class="state-pill" class:open=open>{state}</span></p>
            <button type="button" class="button primary" id="vote-switch"
                on:click=move |_| { switch.dispatch(SwitchVote { contest_id: cid, open: !open, prize_name: prize.get_untracked() }); }>
                {if open { s.close_vote } else { s.open_vote }}
            </button>
        </div>
        <p>{s.total_votes}": "<b id="vote-total">{tally.total}</b></p>
        <table class="standings compact vote-tally">
            <tbody>
                {tally.teams.iter().map(|t| view! {
                    <tr class:winner={best > 0 && t.votes == best}><td>{t.name.clone()}</td><td class="num">{t.votes}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {(!addresses.is_empty()).then(|| view! {
            <h3>{s.addresses}</h3>
            <table class="standings compact vote-addresses">
                <thead><tr><th>{s.address}</th><th class="num">{s.votes_word}</th><th class="num">{s.busiest}</th><th></th></tr></thead>
                <tbody>
                    {addresses.into_iter().take(20).map(|a| view! { <AddressLine cid line=a void/> }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

#[component]
fn AddressLine(cid: i64, line: VoteAddress, void: ServerAction<VoidVotes>) -> impl IntoView {
    let s = show_texts();
    let reason = RwSignal::new(String::new());
    let address = line.address.clone();
    view! {
        <tr data-address=line.address.clone()>
            <td><code>{line.address.clone()}</code></td>
            <td class="num">{line.votes}{(line.voided > 0).then(|| format!(" (+{} {})", line.voided, s.voided))}</td>
            <td class="num">{line.busiest_minute}</td>
            <td>{match line.reason {
                Some(r) => view! { <span class="muted">{s.voided}": "{r}</span> }.into_any(),
                None => view! {
                    <span class="row">
                        <input placeholder=s.void_reason prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))/>
                        <button type="button" class="button danger small"
                            on:click=move |_| { void.dispatch(VoidVotes { contest_id: cid, address: address.clone(), reason: reason.get_untracked() }); }>
                            {s.void}
                        </button>
                    </span>
                }.into_any(),
            }}</td>
        </tr>
    }
}
