//! The public home page: what Khéo is, and the contests.

use crate::i18n::texts;
use crate::shared::LoadFailed;
use crate::shared::{ContestLinks, level_name};
use kheo_domain::api::{ContestList, ContestSummary, UnitView};
use kheo_domain::contest::Level;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Every contest, newest first, and the units tree.
#[server]
pub async fn list_contests() -> Result<(ContestList, Vec<UnitView>), ServerFnError> {
    let svc = crate::ssr::services()?;
    let list = kheo_service::contests::list(&svc).await.map_err(crate::ssr::fail)?;
    let units = kheo_service::units::list(&svc).await.map_err(crate::ssr::fail)?.units;
    Ok((list, units))
}

/// Whether a contest is held by the unit chosen in the filter: a unit of
/// the tree (by id) stands for itself and every unit under it; a name
/// stands for contests of that unit's name.
fn held_by(c: &ContestSummary, chosen: &str, units: &[UnitView]) -> bool {
    match chosen.parse::<i64>() {
        Ok(root) => {
            let nodes = crate::admin::units::nodes(units);
            let branch = kheo_domain::units::with_descendants(&nodes, root);
            c.unit_id.is_some_and(|u| branch.contains(&u))
        }
        Err(_) => c.unit == chosen,
    }
}

/// `/?level=…&year=…&unit=…`: the contests, filtered by a plain GET form
/// so it works before (and without) any script; a unit takes in the units
/// under it.
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
                    let (list, tree) = match contests.await {
                        Ok((list, tree)) => (list.contests, tree),
                        Err(e) => return view! { <LoadFailed error=e bare=true/> }.into_any(),
                    };
                    let (level, year, unit) = (wanted("level"), wanted("year"), wanted("unit"));
                    let mut years: Vec<i32> = list.iter().map(|c| c.year).collect();
                    years.sort_unstable_by(|a, b| b.cmp(a));
                    years.dedup();
                    // Contests outside the tree are picked by their unit's name.
                    let mut loose: Vec<String> = list.iter().filter(|c| c.unit_id.is_none()).map(|c| c.unit.clone()).collect();
                    loose.sort_by(|a, b| kheo_domain::collate::compare(a, b));
                    loose.dedup();
                    let chosen_id = unit.as_deref().and_then(|u| u.parse::<i64>().ok());
                    let shown: Vec<_> = list
                        .into_iter()
                        .filter(|c| level.as_deref().is_none_or(|l| c.level.as_str() == l))
                        .filter(|c| year.as_deref().is_none_or(|y| c.year.to_string() == y))
                        .filter(|c| unit.as_deref().is_none_or(|u| held_by(c, u, &tree)))
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
                                    {crate::admin::units::unit_options(&tree, chosen_id)}
                                    {loose.into_iter().map(|u| view! {
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
