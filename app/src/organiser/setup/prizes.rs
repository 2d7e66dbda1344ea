//! The prize scheme: main prizes in order with how many of each (the last
//! may cover every team left), and side prizes — the best of a round, or
//! given by the organisers.

use super::{Editor, redrawn, text_field};
use crate::i18n::{season_texts, texts};
use kheo_domain::awards::{PrizeDef, SidePrizeDef, usual_prizes};
use leptos::prelude::*;

#[component]
pub fn PrizesSection(ed: Editor) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    view! {
        <section class="card" id="prizes">
            <h2>{s.prizes_title}</h2>
            {redrawn(ed, move || {
                let d = ed.read(Clone::clone);
                let prizes = d.awards.clone().unwrap_or_else(usual_prizes);
                let n = prizes.len();
                let rounds: Vec<String> = d.rounds.iter().map(|r| r.name.clone()).collect();
                view! {
                    <table class="plain edit">
                        <thead><tr><th>{s.prize_name}</th><th>{s.prize_count}</th><th></th></tr></thead>
                        <tbody>
                            {prizes.into_iter().enumerate().map(|(i, p)| {
                                let last = i + 1 == n;
                                let count = p.count.map(|c| c.to_string()).unwrap_or_default();
                                view! {
                                    <tr>
                                        <td>{text_field(ed, format!("awards[{i}].name"), p.name, 100, move |d, v| awards(d)[i].name = v)}</td>
                                        <td class="narrow-input">
                                            <input type="number" min="0" name=format!("awards[{i}].count") value=count
                                                placeholder=if last { s.prize_rest } else { "" }
                                                on:input=move |ev| { let v = event_target_value(&ev); ed.edit(|d| awards(d)[i].count = v.trim().parse().ok()); }/>
                                        </td>
                                        <td><button type="button" class="button small danger" on:click=move |_| ed.reshape(|d| { awards(d).remove(i); })>{t.remove}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" class="button small" on:click=move |_| ed.reshape(|d| awards(d).push(PrizeDef { name: String::new(), count: Some(1) }))>{s.add_prize}</button>
                    <h3>{s.side_prizes_title}</h3>
                    <table class="plain edit">
                        <thead><tr><th>{s.prize_name}</th><th>{s.side_prize_round}</th><th></th></tr></thead>
                        <tbody>
                            {d.side_prizes.into_iter().enumerate().map(|(i, p)| view! {
                                <tr>
                                    <td>{text_field(ed, format!("side_prizes[{i}].name"), p.name, 200, move |d, v| d.side_prizes[i].name = v)}</td>
                                    <td><select name=format!("side_prizes[{i}].round") on:change=move |ev| {
                                            let v = event_target_value(&ev).parse().ok();
                                            ed.edit(|d| d.side_prizes[i].round = v);
                                        }>
                                        <option value="">{s.side_prize_by_hand}</option>
                                        {rounds.iter().enumerate().map(|(k, r)| view! { <option value=k selected=p.round == Some(k)>{r.clone()}</option> }).collect_view()}
                                    </select></td>
                                    <td><button type="button" class="button small danger" on:click=move |_| ed.reshape(|d| { d.side_prizes.remove(i); })>{t.remove}</button></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" class="button small" on:click=move |_| ed.reshape(|d| d.side_prizes.push(SidePrizeDef { name: String::new(), round: None }))>{s.add_side_prize}</button>
                }
            })}
        </section>
    }
}

/// The definition's prize list, filled with the usual scheme the first
/// time it is edited.
fn awards(d: &mut kheo_domain::api::ContestDefinition) -> &mut Vec<PrizeDef> {
    d.awards.get_or_insert_with(usual_prizes)
}
