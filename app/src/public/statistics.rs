//! `/statistics?year=…&unit_id=…`: the season's figures for a year and a
//! unit (and the units under it), as the Ban Dân vận reports them upward,
//! with the change from the year before; as charts, tables and .xlsx.

use crate::admin::units::unit_options;
use crate::i18n::{results_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::level_name;
use kheo_domain::api::{StatisticsView, UnitView};
use kheo_domain::contest::{Level, ModelField};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// A year's figures beside the year before's, and what the form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsPage {
    /// The year asked for.
    pub now: StatisticsView,
    /// The year before.
    pub before: StatisticsView,
    /// Years that have contests, newest first.
    pub years: Vec<i32>,
    /// The units tree.
    pub units: Vec<UnitView>,
}

/// The figures of `year` (the newest year with contests when none) and the
/// year before.
#[server]
pub async fn load_statistics(year: Option<i32>, unit_id: Option<i64>) -> Result<StatisticsPage, ServerFnError> {
    use crate::ssr::{fail, row_id, services};
    let svc = services()?;
    let list = kheo_service::contests::list(&svc).await.map_err(fail)?.contests;
    let mut years: Vec<i32> = list.iter().map(|c| c.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let year = year.or(years.first().copied()).unwrap_or(2026);
    let unit = unit_id.map(row_id);
    // The two years and the tree are read side by side (SQLite and
    // PostgreSQL both serve readers at once).
    let (now, before, units) = tokio::join!(
        kheo_service::statistics::statistics(&svc, year, unit),
        kheo_service::statistics::statistics(&svc, year - 1, unit),
        kheo_service::units::list(&svc),
    );
    let (now, before, units) = (now.map_err(fail)?, before.map_err(fail)?, units.map_err(fail)?.units);
    Ok(StatisticsPage { now, before, years, units })
}

fn change(now: usize, before: usize) -> String {
    match now as i64 - before as i64 {
        0 => "=".into(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", d.abs()),
    }
}

/// A table of figures with bars, and the change from the year before.
#[component]
fn Figures(title: &'static str, id: &'static str, lines: Vec<(String, usize, usize)>) -> impl IntoView {
    let r = results_texts();
    let most = lines.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    view! {
        <section class="card stat-card" id=id>
            <h2>{title}</h2>
            <table class="plain stat-table">
                <thead><tr><th></th><th class="num">{r.this_year}</th><th class="num">{r.change}</th><th class="bar-col"></th></tr></thead>
                <tbody>
                    {lines.into_iter().map(|(label, n, before)| view! {
                        <tr>
                            <td>{label.clone()}</td>
                            <td class="num strong">{n}</td>
                            <td class="num muted">{change(n, before)}</td>
                            <td class="bar-col"><span class="bar" style=format!("--w:{}%", n * 100 / most) aria-hidden="true"></span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// `/statistics`.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let query = use_query_map();
    let year = move || query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok()));
    let unit = move || query.with(|q| q.get("unit_id").and_then(|u| u.parse::<i64>().ok()));
    let data = Resource::new(move || (year(), unit()), |(y, u)| load_statistics(y, u));
    view! {
        <Title text=r.statistics_title/>
        <section class="board-head">
            <h1>{r.statistics_title}</h1>
            <p class="muted">{r.statistics_intro}</p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let page = match data.await {
                    Ok(p) => p,
                    Err(e) => return view! { <LoadFailed error=e bare=true/> }.into_any(),
                };
                let (now, before) = (page.now, page.before);
                let unit_id = now.unit_id;
                let xlsx = format!("/api/v1/statistics.xlsx?year={}{}", now.year, unit_id.map(|u| format!("&unit_id={u}")).unwrap_or_default());
                let levels = Level::ALL.iter().map(|l| {
                    let pick = |s: &StatisticsView| match l { Level::Commune => s.contests.commune, Level::District => s.contests.district, Level::Province => s.contests.province };
                    (level_name(t, *l).to_string(), pick(&now), pick(&before))
                }).collect();
                let fields = ModelField::ALL.iter().map(|f| {
                    let pick = |s: &StatisticsView| match f {
                        ModelField::Economy => s.models.economy,
                        ModelField::CultureSociety => s.models.culture_society,
                        ModelField::DefenceSecurity => s.models.defence_security,
                        ModelField::PoliticalSystem => s.models.political_system,
                    };
                    (kheo_domain::setup::field_label(*f).to_string(), pick(&now), pick(&before))
                }).collect();
                let mut prizes: Vec<String> = now.prizes.keys().chain(before.prizes.keys()).cloned().collect();
                prizes.sort_by(|a, b| prize_rank(a).cmp(&prize_rank(b)).then(a.cmp(b)));
                prizes.dedup();
                let prize_lines = prizes.into_iter().map(|p| {
                    let (n, b) = (now.prizes.get(&p).copied().unwrap_or(0), before.prizes.get(&p).copied().unwrap_or(0));
                    (p, n, b)
                }).collect();
                let mut ethnic: Vec<(String, usize, usize)> = now.ethnicities.iter()
                    .map(|(e, n)| (e.clone(), *n, before.ethnicities.get(e).copied().unwrap_or(0))).collect();
                ethnic.sort_by(|a, b| b.1.cmp(&a.1).then(kheo_domain::collate::compare(&a.0, &b.0)));
                view! {
                    <form class="filters" method="get" action="/statistics">
                        <label><span>{t.year}</span>
                            <select name="year">
                                {page.years.iter().map(|y| view! { <option value=*y selected=*y == now.year>{*y}</option> }).collect_view()}
                            </select></label>
                        <label><span>{t.unit}</span>
                            <select name="unit_id">
                                <option value="">{t.filter_all_units}</option>
                                {unit_options(&page.units, unit_id)}
                            </select></label>
                        <button type="submit" class="button">{t.filter_button}</button>
                        <a class="button" href=xlsx rel="external" download>{r.export_xlsx}</a>
                    </form>
                    <section class="stat-summary" id="summary">
                        <div class="stat-big"><span>{now.contests.commune + now.contests.district + now.contests.province}</span><small>{r.contests_word}</small></div>
                        <div class="stat-big"><span>{now.teams}</span><small>{r.teams_word}{format!(" ({})", change(now.teams, before.teams))}</small></div>
                        <div class="stat-big"><span>{now.members}</span><small>{r.members_word}{format!(" ({})", change(now.members, before.members))}</small></div>
                        <div class="stat-big"><span>{now.collective + now.individual}</span><small>{r.models_word}</small></div>
                    </section>
                    <div class="stat-grid">
                        <Figures title=r.by_level id="by-level" lines=levels/>
                        <Figures title=r.by_field id="by-field" lines=fields/>
                        <Figures title=r.by_kind id="by-kind" lines=vec![
                            (r.collective.to_string(), now.collective, before.collective),
                            (r.individual.to_string(), now.individual, before.individual),
                        ]/>
                        <Figures title=r.by_prize id="by-prize" lines=prize_lines/>
                        <Figures title=r.by_gender id="by-gender" lines=vec![
                            (r.female.to_string(), now.genders.female, before.genders.female),
                            (r.male.to_string(), now.genders.male, before.genders.male),
                            (r.unknown.to_string(), now.genders.unknown, before.genders.unknown),
                        ]/>
                        <Figures title=r.by_ethnicity id="by-ethnicity" lines=ethnic/>
                    </div>
                    <crate::public::model_statistics::ModelFigures year=now.year unit_id/>
                    <p class="muted small">{format!("{} {}", r.compared_with, now.year - 1)}</p>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Prizes in their usual order: Nhất, Nhì, Ba, Tư, Khuyến khích, others.
fn prize_rank(name: &str) -> usize {
    let n = kheo_domain::collate::fold(name);
    ["nhat", "nhi", "ba", "tu", "khuyen khich"].iter().position(|w| n.ends_with(w)).unwrap_or(9)
}
