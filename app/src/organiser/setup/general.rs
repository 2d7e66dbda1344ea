//! The contest's general data: name, unit, date, venue, aggregation, the
//! contest it feeds, and the tie-break rounds.

use super::{Editor, opt, redrawn, text_field};
use crate::i18n::texts;
use kheo_domain::api::ContestSummary;
use leptos::prelude::*;

#[component]
pub fn GeneralSection(ed: Editor, contests: StoredValue<Vec<ContestSummary>>) -> impl IntoView {
    let t = texts();
    let s = crate::i18n::season_texts();
    view! {
        <section class="card">
            <h2>{t.general_info}</h2>
            {redrawn(ed, move || {
                let d = ed.read(Clone::clone);
                let tie = d.tie_break_rounds.clone();
                view! {
                    <div class="grid-form">
                        <label class="wide"><span>{t.contest_name}</span>
                            {text_field(ed, "name".into(), d.name.clone(), 300, |d, v| d.name = v)}</label>
                        <label><span>{t.unit}</span>
                            {text_field(ed, "unit".into(), d.unit.clone(), 200, |d, v| d.unit = v)}</label>
                        <label><span>{t.date}</span>
                            <input type="date" name="date" value=d.date.clone().unwrap_or_default()
                                on:input=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.date = opt(v)); }/></label>
                        <label><span>{t.venue}</span>
                            {text_field(ed, "venue".into(), d.venue.clone().unwrap_or_default(), 300, |d, v| d.venue = opt(v))}</label>
                        <label class="wide"><span>{t.aggregation_label}</span>
                            <select name="aggregation" on:change=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.aggregation = Some(v)); }>
                                <option value="mean" selected=d.aggregation.as_deref() != Some("trimmed_mean")>{t.aggregation_mean}</option>
                                <option value="trimmed_mean" selected=d.aggregation.as_deref() == Some("trimmed_mean")>{t.aggregation_trimmed}</option>
                            </select>
                        </label>
                        <label class="wide"><span>{s.parent_contest}</span>
                            <select name="parent_id" on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); ed.edit(|d| d.parent_id = v); }>
                                <option value="">{s.no_parent}</option>
                                {contests.get_value().into_iter().map(|c| view! {
                                    <option value=c.id selected=d.parent_id == Some(c.id)>{format!("{} ({})", c.name, c.year)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        {(d.purpose.as_deref() == Some("recognition")).then(|| view! {
                            <label><span>{crate::i18n::model_texts().threshold}</span>
                                {text_field(ed, "recognition_threshold".into(), d.recognition_threshold.clone().unwrap_or_default(), 10,
                                    |d, v| d.recognition_threshold = opt(v))}</label>
                        })}
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
            })}
        </section>
    }
}
