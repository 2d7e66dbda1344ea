//! The panel of judges and its chair, the judges in training beside it,
//! and the spread at which the chair is warned.

use super::{Editor, redrawn};
use crate::i18n::{panel_texts, texts};
use kheo_domain::api::JudgeDef;
use leptos::prelude::*;

#[component]
pub fn PanelSection(ed: Editor, judges: StoredValue<Vec<kheo_domain::api::JudgeAccount>>) -> impl IntoView {
    let t = texts();
    let p = panel_texts();
    view! {
        <section class="card">
            <h2>{t.panel_title}</h2>
            {redrawn(ed, move || {
                let panel = ed.read(|d| d.judges.clone());
                let trainees = ed.read(|d| d.trainees.clone());
                view! {
                    <table class="plain edit">
                        <thead><tr><th>"#"</th><th>{t.judges}</th><th>{t.chair}</th><th title=p.trainee_hint>{p.trainee}</th><th></th></tr></thead>
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
                                        <td><input type="checkbox" name=format!("trainee-{i}") title=p.trainee_hint
                                            on:change=move |_| ed.reshape(|d| { let j = d.judges.remove(i); d.trainees.push(j.username().to_string()); })/></td>
                                        <td><button type="button" class="button small danger"
                                            on:click=move |_| ed.reshape(|d| { d.judges.remove(i); })>{t.remove}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                            {trainees.into_iter().enumerate().map(|(k, chosen)| view! {
                                <tr class="trainee-row">
                                    <td>{p.trainee}</td>
                                    <td>
                                        <select name=format!("trainees[{k}]") on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            ed.edit(|d| d.trainees[k] = v);
                                        }>
                                            <option value="">{t.choose_judge}</option>
                                            {judges.get_value().into_iter().map(|a| {
                                                let selected = a.username == chosen;
                                                view! { <option value=a.username.clone() selected=selected>{format!("{} ({})", a.display_name, a.username)}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td></td>
                                    <td><input type="checkbox" checked=true name=format!("trainee-of-{k}") title=p.trainee_hint
                                        on:change=move |_| ed.reshape(|d| { let u = d.trainees.remove(k); d.judges.push(JudgeDef::Username(u)); })/></td>
                                    <td><button type="button" class="button small danger"
                                        on:click=move |_| ed.reshape(|d| { d.trainees.remove(k); })>{t.remove}</button></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
            <button type="button" class="button" on:click=move |_| ed.reshape(|d| d.judges.push(JudgeDef::Username(String::new())))>{t.add_judge}</button>
            <p class="muted small">{p.trainee_hint}</p>
            <label class="field">{p.divergence_label}
                {redrawn(ed, move || view! {
                    <input type="text" inputmode="decimal" name="divergence_points" class="short"
                        value=ed.read(|d| d.divergence_points.clone().unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); ed.edit(|d| d.divergence_points = Some(v).filter(|v| !v.trim().is_empty())); }/>
                })}
            </label>
            <p class="muted small">{p.divergence_hint}</p>
        </section>
    }
}
