//! The panel of judges and its chair.

use super::{Editor, redrawn};
use crate::i18n::texts;
use kheo_domain::api::JudgeDef;
use leptos::prelude::*;

#[component]
pub fn PanelSection(ed: Editor, judges: StoredValue<Vec<kheo_domain::api::JudgeAccount>>) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card">
            <h2>{t.panel_title}</h2>
            {redrawn(ed, move || {
                let panel = ed.read(|d| d.judges.clone());
                view! {
                    <table class="plain edit">
                        <thead><tr><th>"#"</th><th>{t.judges}</th><th>{t.chair}</th><th></th></tr></thead>
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
                                        <td><button type="button" class="button small danger"
                                            on:click=move |_| ed.reshape(|d| { d.judges.remove(i); })>{t.remove}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
            <button type="button" class="button" on:click=move |_| ed.reshape(|d| d.judges.push(JudgeDef::Username(String::new())))>{t.add_judge}</button>
        </section>
    }
}
