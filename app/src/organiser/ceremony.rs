//! `/manage/:cid/ceremony`: the MC's page at the award ceremony. Prizes
//! are revealed one at a time, from the last to the first; each reveal
//! reaches the projector, the overlay and the public page through the
//! live stream. The MC sees what comes next; the public does not.

use crate::i18n::{results_texts, texts};
use crate::shared::{ErrorLine, LoadFailed};
use crate::shared::{error_text, id_param};
use kheo_domain::api::{CeremonyDesk, Reveal};
use leptos::prelude::*;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id as id, services, signed_in};

/// Every announcement, and how far the ceremony has gone.
#[server]
pub async fn load_ceremony(contest_id: i64) -> Result<CeremonyDesk, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::results::ceremony_desk(&svc, &actor, id(contest_id)).await.map_err(fail)
}

/// Reveals up to `step` (the next one, or one back).
#[server]
pub async fn reveal_prize(contest_id: i64, step: usize) -> Result<usize, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::results::reveal(&svc, &actor, id(contest_id), step).await.map_err(fail)
}

/// `/manage/:cid/ceremony`.
#[component]
pub fn CeremonyPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let cid = id_param("cid");
    // Each reveal loads the desk again, refused or not (a refusal means
    // the desk on screen was out of date).
    let reveal = ServerAction::<RevealPrize>::new();
    let desk = Resource::new(move || (cid(), reveal.version().get()), |(c, _)| load_ceremony(c));
    let error = Signal::derive(move || reveal.value().get().and_then(|r| r.err()).map(|e| error_text(&e)));
    let busy = reveal.pending();
    let go = move |step: usize| {
        reveal.dispatch(RevealPrize { contest_id: cid(), step });
    };
    view! {
        <Title text=r.mc_title/>
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let d = match desk.await {
                    Ok(d) => d,
                    Err(e) => return view! { <LoadFailed error=e/> }.into_any(),
                };
                let c = cid();
                let shown = d.revealed;
                let total = d.steps.len();
                let current = shown.checked_sub(1).and_then(|i| d.steps.get(i).cloned());
                let next = d.steps.get(shown).cloned();
                view! {
                    <section class="board-head">
                        <h1>{r.mc_title}</h1>
                        <p class="muted"><a href=format!("/manage/{c}/results")>{d.contest_name.clone()}</a></p>
                        <p class="links">
                            <a href=format!("/contests/{c}/projector") rel="external" target="_blank">{t.projector_mode}</a>" · "
                            <a href=format!("/contests/{c}/overlay") rel="external" target="_blank">{t.overlay_mode}</a>" · "
                            <a href=format!("/contests/{c}") rel="external" target="_blank">{t.view_leaderboard}</a>
                        </p>
                    </section>
                    {(!d.sealed).then(|| view! { <p class="notice boxed">{r.not_sealed}</p> })}
                    {(d.sealed && !d.is_final).then(|| view! { <p class="notice boxed">{r.publish_first}</p> })}
                    <section class="mc-stage">
                        <div class="mc-progress" id="progress">{format!("{shown} / {total}")}</div>
                        <div class="mc-cards">
                            <div class="mc-card now">
                                <p class="label">{r.now_shown}</p>
                                {current.map(|s| view! { <RevealCard step=s/> })}
                            </div>
                            <div class="mc-card next">
                                <p class="label">{r.next_up}</p>
                                {match next.clone() {
                                    Some(s) => view! { <RevealCard step=s/> }.into_any(),
                                    None => view! { <p class="muted">{r.all_revealed}</p> }.into_any(),
                                }}
                            </div>
                        </div>
                        <div class="row mc-buttons">
                            <button type="button" class="button" id="reveal-back" disabled=move || busy.get() || shown == 0
                                on:click=move |_| go(shown.saturating_sub(1))>{r.step_back}</button>
                            <button type="button" class="button primary big" id="reveal-next"
                                disabled=move || busy.get() || next.is_none() || !d.sealed || !d.is_final
                                on:click=move |_| go(shown + 1)>{r.reveal_next}</button>
                        </div>
                        <ErrorLine message=error/>
                    </section>
                    <section class="card">
                        <h2>{r.running_order}</h2>
                        <ol class="mc-steps">
                            {d.steps.iter().map(|s| view! {
                                <li class:done=s.step <= shown data-step=s.step>
                                    <strong>{s.prize.clone()}</strong>" — "
                                    {s.teams.iter().map(|x| x.name.clone()).collect::<Vec<_>>().join(", ")}
                                </li>
                            }).collect_view()}
                        </ol>
                    </section>
                }
                .into_any()
            })}
        </Transition>
    }
}

/// One announcement: the prize and its team(s), with unit and total.
#[component]
pub fn RevealCard(step: Reveal) -> impl IntoView {
    view! {
        <div class="reveal-card" data-step=step.step>
            <p class="reveal-prize">{step.prize.clone()}</p>
            {step.teams.into_iter().map(|t| view! {
                <div class="reveal-team">
                    <p class="reveal-name">{t.name}</p>
                    <p class="reveal-unit">{t.unit}{t.block.map(|b| format!(" · {b}"))}</p>
                    // A round's best is won on that round's score.
                    <p class="reveal-total">{crate::shared::num(t.score.as_deref().unwrap_or(&t.total))}</p>
                </div>
            }).collect_view()}
        </div>
    }
}
