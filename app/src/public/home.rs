//! The public home page: what Khéo is, and the contests.

use crate::i18n::texts;
use crate::shared::{ContestLinks, error_text, level_name};
use kheo_domain::api::ContestList;
use kheo_domain::contest::Level;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Every contest, newest first.
#[server]
pub async fn list_contests() -> Result<ContestList, ServerFnError> {
    let svc = crate::ssr::services()?;
    kheo_service::contests::list(&svc.db).await.map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// `/?level=…&year=…&unit=…`: the contests, filtered by a plain GET form
/// so it works before (and without) any script.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = texts();
    let contests = Resource::new(|| (), |_| list_contests());
    let query = use_query_map();
    let wanted = move |key: &str| query.with(|q| q.get(key).filter(|v| !v.is_empty()));
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p>{t.home_intro}</p>
        </section>
        <section class="card">
            <h2>{t.contests_title}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let list = match contests.await {
                        Ok(list) => list.contests,
                        Err(e) => return view! { <p class="error">{error_text(&e)}</p> }.into_any(),
                    };
                    let (level, year, unit) = (wanted("level"), wanted("year"), wanted("unit"));
                    let mut years: Vec<i32> = list.iter().map(|c| c.year).collect();
                    years.sort_unstable_by(|a, b| b.cmp(a));
                    years.dedup();
                    let mut units: Vec<String> = list.iter().map(|c| c.unit.clone()).collect();
                    units.sort_by(|a, b| kheo_domain::collate::compare(a, b));
                    units.dedup();
                    let shown: Vec<_> = list
                        .into_iter()
                        .filter(|c| level.as_deref().is_none_or(|l| c.level.as_str() == l))
                        .filter(|c| year.as_deref().is_none_or(|y| c.year.to_string() == y))
                        .filter(|c| unit.as_deref().is_none_or(|u| c.unit == u))
                        .collect();
                    let selected = |current: &Option<String>, v: &str| current.as_deref() == Some(v);
                    view! {
                        <form class="filters" method="get" action="/">
                            <label>
                                <span>{t.level}</span>
                                <select name="level">
                                    <option value="">{t.filter_all_levels}</option>
                                    {Level::ALL.iter().map(|l| view! {
                                        <option value=l.as_str() selected=selected(&level, l.as_str())>{level_name(t, *l)}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <label>
                                <span>{t.year}</span>
                                <select name="year">
                                    <option value="">{t.filter_all_years}</option>
                                    {years.into_iter().map(|y| {
                                        let v = y.to_string();
                                        view! { <option value=v.clone() selected=selected(&year, &v)>{v.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                            <label>
                                <span>{t.unit}</span>
                                <select name="unit">
                                    <option value="">{t.filter_all_units}</option>
                                    {units.into_iter().map(|u| view! {
                                        <option value=u.clone() selected=selected(&unit, &u)>{u.clone()}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <button type="submit" class="button">{t.filter_button}</button>
                        </form>
                        <ContestLinks contests=shown base="/contests"/>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
