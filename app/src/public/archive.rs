//! `/archive?year=…&unit_id=…&q=…`: past contests by year, searchable by
//! name and unit (with or without accents), each with its results and
//! signed record.

use crate::admin::units::unit_options;
use crate::i18n::{results_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::level_name;
use kheo_domain::api::{ContestSummary, UnitView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The contests found, every year with contests, and the units tree.
#[server]
pub async fn search_archive(
    year: Option<i32>,
    unit_id: Option<i64>,
    q: String,
) -> Result<(Vec<ContestSummary>, Vec<i32>, Vec<UnitView>), ServerFnError> {
    use crate::ssr::{fail, row_id, services};
    let svc = services()?;
    let found = kheo_service::statistics::archive(&svc, year, unit_id.map(row_id), &q).await.map_err(fail)?;
    let mut years: Vec<i32> =
        kheo_service::contests::list(&svc).await.map_err(fail)?.contests.iter().map(|c| c.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let units = kheo_service::units::list(&svc).await.map_err(fail)?.units;
    Ok((found, years, units))
}

/// `/archive`.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let query = use_query_map();
    let year = move || query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok()));
    let unit = move || query.with(|q| q.get("unit_id").and_then(|u| u.parse::<i64>().ok()));
    let text = move || query.with(|q| q.get("q").unwrap_or_default());
    let data = Resource::new(move || (year(), unit(), text()), |(y, u, q)| search_archive(y, u, q));
    view! {
        <Title text=r.archive_title/>
        <section class="board-head">
            <h1>{r.archive_title}</h1>
            <p class="muted">{r.archive_intro}</p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (found, years, units) = match data.await {
                    Ok(x) => x,
                    Err(e) => return view! { <LoadFailed error=e bare=true/> }.into_any(),
                };
                view! {
                    <form class="filters" method="get" action="/archive">
                        <label><span>{r.search}</span><input type="search" name="q" value=text() placeholder=r.search_hint/></label>
                        <label><span>{t.year}</span>
                            <select name="year">
                                <option value="">{t.filter_all_years}</option>
                                {years.iter().map(|y| view! { <option value=*y selected=year() == Some(*y)>{*y}</option> }).collect_view()}
                            </select></label>
                        <label><span>{t.unit}</span>
                            <select name="unit_id">
                                <option value="">{t.filter_all_units}</option>
                                {unit_options(&units, unit())}
                            </select></label>
                        <button type="submit" class="button">{t.filter_button}</button>
                    </form>
                    <section class="card">
                        <p class="muted">{format!("{} {}", found.len(), r.contests_found)}</p>
                        <ul class="contest-list archive" id="archive">
                            {found.into_iter().map(|c| view! {
                                <li>
                                    <div class="archive-line">
                                        <a href=format!("/contests/{}", c.id) rel="external" class="contest-name">{c.name}</a>
                                        <span class="contest-meta">
                                            <span class="badge">{level_name(t, c.level)}</span>{c.unit}" · "{c.year}
                                        </span>
                                        <span class="links small">
                                            <a href=format!("/contests/{}/results", c.id) rel="external">{r.results_title}</a>
                                            " · "<a href=format!("/contests/{}/record", c.id) rel="external">{r.record}</a>
                                        </span>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
