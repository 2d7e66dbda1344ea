//! `/manage/:cid/results`: the ranking with its prizes, the side prizes
//! given by hand, results kept for the award ceremony, who signs the
//! paperwork, and the files and prints (results .xlsx/.csv, the signed
//! record, judges' sheets, certificates).

use super::contest::managed_contest;
use crate::i18n::{results_texts, texts};
use crate::shared::ErrorLine;
use crate::shared::LoadFailed;
use crate::shared::{Ask, Question, clear_refusals, error_text, id_param, num, show_refusal};
use kheo_domain::api::{ContestView, Paperwork, ResultsView};
use kheo_domain::contest::RoundState;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id as id, services, signed_in};

/// The full results, as the organisers see them at any time.
#[server]
pub async fn load_results(contest_id: i64) -> Result<ResultsView, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::results::get(&svc, Some(&actor), id(contest_id)).await.map_err(fail)
}

/// The paperwork's settings (filled from what is known where unset).
#[server]
pub async fn load_paperwork(contest_id: i64) -> Result<Paperwork, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let l = kheo_service::contests::load(&svc.db, id(contest_id)).await.map_err(fail)?;
    if !kheo_service::accounts::access::manages(&actor, &l.contest) {
        return Err(crate::ssr::problem(kheo_domain::i18n::Problem::Forbidden));
    }
    Ok(kheo_service::results::record::paperwork_of(&l))
}

/// Saves the paperwork's settings.
#[server(input = Json)]
pub async fn save_paperwork(contest_id: i64, paperwork: Paperwork) -> Result<Paperwork, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::results::record::set_paperwork(&svc, &actor, id(contest_id), &paperwork).await.map_err(fail)
}

/// Keeps results for the ceremony, or shows them.
#[server]
pub async fn seal_results(contest_id: i64, sealed: bool) -> Result<(), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::results::set_sealed(&svc, &actor, id(contest_id), sealed).await.map_err(fail)
}

/// Gives a side prize by hand, or takes it back.
#[server]
pub async fn give_prize(contest_id: i64, prize: usize, team_id: i64, given: bool) -> Result<(), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    kheo_service::results::give_side_prize(&svc, &actor, id(contest_id), prize, id(team_id), given).await.map_err(fail)
}

/// `/manage/:cid/results`.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let cid = id_param("cid");
    let changed = RwSignal::new(0u32);
    let contest = Resource::new(move || (cid(), changed.get()), |(c, _)| managed_contest(c));
    let results = Resource::new(move || (cid(), changed.get()), |(c, _)| load_results(c));
    let paperwork = Resource::new(cid, load_paperwork);
    view! {
        <Title text=r.results_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (c, res) = match (contest.await, results.await) {
                    (Ok(c), Ok(res)) => (c, res),
                    (Err(e), _) | (_, Err(e)) => return view! { <LoadFailed error=e/> }.into_any(),
                };
                let paperwork = paperwork.await.unwrap_or_default();
                let id = c.id;
                let contest_name = c.name.clone();
                // The first winner, to preview the certificate's wording with.
                let example = res.awards.iter().find_map(|g| {
                    g.teams.first().map(|x| (x.name.clone(), x.unit.clone(), g.name.clone(), x.total.clone()))
                });
                view! {
                    <section class="board-head">
                        <h1>{r.results_title}</h1>
                        <p class="muted"><a href=format!("/manage/{id}")>{c.name.clone()}</a></p>
                        <p>{if res.is_final { view! { <span class="badge ok">{r.final_yes}</span> }.into_any() } else { view! { <span class="badge warn">{r.final_no}</span> }.into_any() }}</p>
                    </section>
                    <section class="card">
                        <h2>{r.files}</h2>
                        <div class="row wrap">
                            <a class="button" rel="external" href=format!("/api/v1/contests/{id}/results.xlsx") download>{r.results_xlsx}</a>
                            <a class="button" rel="external" href=format!("/api/v1/contests/{id}/results.csv") download>{r.ranking_csv}</a>
                            <a class="button" rel="external" target="_blank" href=format!("/manage/{id}/record")>{r.record}</a>
                            <a class="button" rel="external" target="_blank" href=format!("/manage/{id}/sheets")>{r.judge_sheets}</a>
                            <a class="button" rel="external" target="_blank" href=format!("/manage/{id}/certificates")>{r.certificates}</a>
                            <a class="button" rel="external" target="_blank" href=format!("/manage/{id}/certificates?members=1")>{r.member_certificates}</a>
                        </div>
                    </section>
                    <Ceremony contest=c.clone() results=res.clone() changed/>
                    <Prizes results=res.clone()/>
                    <HandPrizes contest=c results=res changed/>
                    <PaperworkForm contest_id=id contest_name initial=paperwork example/>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Ceremony(contest: ContestView, results: ResultsView, changed: RwSignal<u32>) -> impl IntoView {
    let r = results_texts();
    let sealed = results.ceremony.is_some();
    let id = contest.id;
    let error = RwSignal::new(None::<String>);
    let question = RwSignal::new(None::<Question>);
    // Kept or released: the results are loaded again.
    let seal = ServerAction::<SealResults>::new();
    Effect::new(move |_| match seal.value().get() {
        Some(Ok(())) => changed.update(|n| *n += 1),
        Some(Err(e)) => error.set(Some(error_text(&e))),
        None => {}
    });
    let change = move || {
        seal.dispatch(SealResults { contest_id: id, sealed: !sealed });
    };
    // What the audience has already seen: keeping results then hides them
    // again, which the organiser should decide knowing it.
    let published: Vec<String> =
        results.rounds.iter().filter(|x| x.state == RoundState::Published).map(|x| x.name.clone()).collect();
    let toggle = move |_| {
        let on_yes = Callback::new(move |_| change());
        let ask = if sealed {
            Question {
                title: r.unseal_title.into(),
                lines: vec![r.unseal_shows.into()],
                yes: r.unseal_yes.into(),
                on_yes,
            }
        } else if !published.is_empty() {
            Question {
                title: r.seal_after_publish_title.into(),
                lines: vec![
                    format!("{} {}.", r.seal_after_publish_seen, published.join(", ")),
                    r.seal_after_publish_hides.into(),
                ],
                yes: r.seal_after_publish_yes.into(),
                on_yes,
            }
        } else {
            return change();
        };
        question.set(Some(ask));
    };
    view! {
        <Ask question/>
        <section class="card" id="ceremony-settings">
            <h2>{r.ceremony_title}</h2>
            <p class="muted">{r.ceremony_help}</p>
            <div class="row">
                <button type="button" class="button" id="seal" on:click=toggle>{if sealed { r.unseal } else { r.seal }}</button>
                {sealed.then(|| view! { <a class="button primary" href=format!("/manage/{id}/ceremony")>{r.open_mc_page}</a> })}
            </div>
            {sealed.then(|| view! { <p class="notice boxed">{r.sealed_note}</p> })}
            <ErrorLine message=error/>
        </section>
    }
}

/// The ranking with each team's prize, and each prize with its winners.
#[component]
pub fn Prizes(results: ResultsView) -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let prize_of =
        |tid: i64| results.awards.iter().find(|g| g.teams.iter().any(|x| x.id == tid)).map(|g| g.name.clone());
    view! {
        <section class="card" id="prizes">
            <h2>{r.ranking_with_prizes}</h2>
            <div class="table-wrap">
                <table class="standings">
                    <thead><tr>
                        <th class="rank">{t.rank}</th><th class="team">{t.team}</th>
                        {results.rounds.iter().map(|x| view! { <th class="round"><span>{x.name.clone()}</span></th> }).collect_view()}
                        <th class="total">{t.total}</th><th>{r.prize}</th>
                    </tr></thead>
                    <tbody>
                        {results.standings.iter().map(|row| {
                            let scored = row.is_scored();
                            view! {
                            <tr data-team=row.team.id class:unranked=!scored>
                                <td class="rank">{if scored {
                                    view! { <span class="rank-badge" class:top=row.rank <= 3>{row.rank}</span> }.into_any()
                                } else {
                                    view! { <span class="rank-badge none">{t.not_yet}</span> }.into_any()
                                }}</td>
                                <td class="team"><strong>{row.team.name.clone()}</strong><small>{row.team.unit.clone()}</small></td>
                                {results.rounds.iter().map(|x| {
                                    let v = row.rounds.get(&x.id.to_string()).cloned().flatten();
                                    view! { <td class="num round-cell">{v.map_or_else(|| t.not_yet.to_string(), |v| num(&v))}</td> }
                                }).collect_view()}
                                <td class="num total">{if scored { num(&row.total) } else { t.not_yet.to_string() }}</td>
                                <td class="prize">{prize_of(row.team.id)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="prize-groups">
                {results.awards.iter().chain(&results.side_prizes).map(|g| view! {
                    <div class="prize-group">
                        <h3>{g.name.clone()}</h3>
                        {if g.teams.is_empty() {
                            view! { <p class="muted small">"—"</p> }.into_any()
                        } else {
                            view! { <ul>{g.teams.iter().map(|x| view! {
                                // A round's best shows the score that won it.
                                <li>{x.name.clone()}<small class="muted">" · "{num(x.score.as_deref().unwrap_or(&x.total))}</small></li>
                            }).collect_view()}</ul> }.into_any()
                        }}
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}

/// Side prizes the organisers give by hand (best costume, the audience's
/// favourite): a tick per team.
#[component]
fn HandPrizes(contest: ContestView, results: ResultsView, changed: RwSignal<u32>) -> impl IntoView {
    let r = results_texts();
    let hand: Vec<(usize, String)> = contest
        .side_prizes
        .iter()
        .enumerate()
        .filter(|(_, p)| p.round.is_none())
        .map(|(i, p)| (i, p.name.clone()))
        .collect();
    let id = contest.id;
    let error = RwSignal::new(None::<String>);
    let winners = |name: &str| -> Vec<i64> {
        results
            .side_prizes
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.teams.iter().map(|x| x.id).collect())
            .unwrap_or_default()
    };
    (!hand.is_empty()).then(|| {
        view! {
            <section class="card" id="hand-prizes">
                <h2>{r.hand_prizes}</h2>
                {hand.into_iter().map(|(prize, name)| {
                    let won = winners(&name);
                    view! {
                        <fieldset class="pick-members">
                            <legend>{name}</legend>
                            {contest.teams.iter().map(|team| {
                                let tid = team.id;
                                let has = won.contains(&tid);
                                view! {
                                    <label class="check"><input type="checkbox" checked=has on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        leptos::task::spawn_local(async move {
                                            match give_prize(id, prize, tid, on).await {
                                                Ok(()) => changed.update(|n| *n += 1),
                                                Err(e) => error.set(Some(error_text(&e))),
                                            }
                                        });
                                    }/>{team.name.clone()}</label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <ErrorLine message=error/>
            </section>
        }
    })
}

/// Who signs the record, and how certificates read.
#[component]
fn PaperworkForm(
    contest_id: i64,
    contest_name: String,
    initial: Paperwork,
    example: Option<(String, String, String, String)>,
) -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let l = crate::i18n::lang();
    let p = RwSignal::new(initial);
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = p.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = save_paperwork(contest_id, value).await;
            status.set(Some(match outcome {
                Ok(_) => {
                    clear_refusals();
                    Ok(t.saved)
                }
                Err(e) => Err(show_refusal(&e)),
            }));
        });
    };
    let field = move |label: &'static str,
                      name: &'static str,
                      max: usize,
                      get: fn(&Paperwork) -> String,
                      set: fn(&mut Paperwork, String)| {
        view! {
            <label><span>{label}</span>
                <input type="text" name=name maxlength=max prop:value=move || p.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); p.update(|x| set(x, v)); }/></label>
        }
    };
    // What the paper will print, so nobody types the date twice.
    let place_preview = move || {
        p.with(|x| crate::paper::place_and_date(x, (!x.decision_date.is_empty()).then_some(x.decision_date.as_str())))
    };
    // The wording as the first winner's certificate will read.
    let wording_preview = move || {
        let (team, unit, prize, total) = example.clone().unwrap_or_default();
        p.with(|x| {
            kheo_domain::paperwork::wording(
                &x.certificate_text,
                &[
                    ("doi", &team),
                    ("don_vi", &unit),
                    ("giai", &prize),
                    ("hoi_thi", &contest_name),
                    ("tong_diem", &num(&total)),
                    ("ten", &team),
                ],
            )
        })
    };
    let insert = move |key: &'static str| {
        p.update(|x| {
            if !x.certificate_text.is_empty() && !x.certificate_text.ends_with(' ') {
                x.certificate_text.push(' ');
            }
            x.certificate_text.push_str(&format!("{{{key}}}"));
        });
    };
    view! {
        <section class="card" id="paperwork">
            <h2>{r.paperwork_title}</h2>
            <form class="form grid-form" on:submit=save>
                <label><span>{r.place}</span>
                    <input type="text" name="place" maxlength=200 prop:value=move || p.with(|x| x.place.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); p.update(|x| x.place = v); }/>
                    <small class="muted">{r.place_preview}" "<i>{place_preview}</i></small></label>
                {field(r.jury_head, "jury_head", 120, |x| x.jury_head.clone(), |x, v| x.jury_head = v)}
                {field(r.secretary, "secretary", 120, |x| x.secretary.clone(), |x, v| x.secretary = v)}
                {field(r.committee_head, "committee_head", 120, |x| x.committee_head.clone(), |x, v| x.committee_head = v)}
                {field(r.issuer, "issuer", 300, |x| x.issuer.clone(), |x, v| x.issuer = v)}
                {field(r.decision_number, "decision_number", 60, |x| x.decision_number.clone(), |x, v| x.decision_number = v)}
                <label><span>{r.decision_date}</span>
                    <input type="date" name="decision_date" prop:value=move || p.with(|x| x.decision_date.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); p.update(|x| x.decision_date = v); }/></label>
                {field(r.signer_title, "signer_title", 200, |x| x.signer_title.clone(), |x, v| x.signer_title = v)}
                {field(r.signer_name, "signer_name", 120, |x| x.signer_name.clone(), |x, v| x.signer_name = v)}
                <label class="wide"><span>{r.certificate_text}</span>
                    <textarea name="certificate_text" rows="3" maxlength=2000 prop:value=move || p.with(|x| x.certificate_text.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); p.update(|x| x.certificate_text = v); }></textarea>
                    <small class="muted">{r.certificate_help}</small></label>
                <div class="row wrap wide blank-buttons">
                    <span class="muted small">{r.insert_blank}</span>
                    {kheo_domain::paperwork::BLANKS.iter().map(|(key, _, _)| {
                        let key: &'static str = key;
                        view! {
                            <button type="button" class="button small" data-blank=key on:click=move |_| insert(key)>
                                "+ "{kheo_domain::paperwork::blank_label(key, l)}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <p class="wide certificate-preview"><span class="muted small">{r.wording_preview}" "</span>{wording_preview}</p>
                <div class="row wide">
                    <button type="submit" class="button primary">{t.save_changes}</button>
                    {move || status.get().map(|s| match s {
                        Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                        Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                    })}
                </div>
            </form>
        </section>
    }
}
