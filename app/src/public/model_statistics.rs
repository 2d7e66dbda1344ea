//! The statistics page's models: a year's "Dân vận khéo" models of a unit
//! and the units under it, by field and kind, by status and by level of
//! recognition, beside the year before, as the province's report rows
//! them. The charts are SVG drawn on the server: no chart library reaches
//! the phone.

use crate::i18n::{lang, model_texts, results_texts};
use crate::shared::LoadFailed;
use kheo_domain::contest::ModelField;
use kheo_domain::models::{ModelStatistics, ModelStatus};
use kheo_domain::units::UnitKind;
use leptos::prelude::*;

/// A year's models and the year before's.
#[server]
pub async fn load_model_statistics(
    year: i32,
    unit_id: Option<i64>,
) -> Result<(ModelStatistics, ModelStatistics), ServerFnError> {
    use crate::ssr::{fail, services};
    let svc = services()?;
    let (now, before) = tokio::join!(
        kheo_service::models::statistics(&svc, year, unit_id),
        kheo_service::models::statistics(&svc, year - 1, unit_id),
    );
    Ok((now.map_err(fail)?, before.map_err(fail)?))
}

/// One line of a chart: its label, this year's figure, the year before's.
type Line = (String, u32, u32);

/// Horizontal bars, this year's above the year before's, each with its
/// figure; the scale is the largest figure of either year.
#[component]
fn BarChart(title: String, lines: Vec<Line>, id: &'static str) -> impl IntoView {
    let r = results_texts();
    let (width, label_w, row_h) = (720.0_f64, 250.0_f64, 46.0_f64);
    let most = lines.iter().map(|(_, n, b)| (*n).max(*b)).max().unwrap_or(0).max(1) as f64;
    let scale = |n: u32| (width - label_w - 50.0) * f64::from(n) / most;
    let height = 30.0 + row_h * lines.len() as f64;
    view! {
        <figure class="card stat-card" id=id>
            <h2>{title.clone()}</h2>
            <svg class="stat-chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=title>
                <rect class="bar-now" x=label_w y="4" width="12" height="12"/>
                <text x=label_w + 18.0 y="14">{r.this_year}</text>
                <rect class="bar-before" x=label_w + 110.0 y="4" width="12" height="12"/>
                <text x=label_w + 128.0 y="14">{model_texts().year_before}</text>
                {lines.into_iter().enumerate().map(|(i, (label, n, b))| {
                    let y = 28.0 + row_h * i as f64;
                    view! {
                        <g>
                            <text x="0" y=y + 22.0>{label}</text>
                            <rect class="bar-now" x=label_w y=y + 4.0 width=scale(n) height="18"/>
                            <text x=label_w + scale(n) + 6.0 y=y + 18.0>{n}</text>
                            <rect class="bar-before" x=label_w y=y + 24.0 width=scale(b) height="10"/>
                            <text x=label_w + scale(b) + 6.0 y=y + 34.0 class="muted">{b}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// The models' section of `/statistics`.
#[component]
pub fn ModelFigures(year: i32, unit_id: Option<i64>) -> impl IntoView {
    let data = Resource::new(move || (year, unit_id), |(y, u)| load_model_statistics(y, u));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((now, before)) => view! { <ModelCharts now before unit_id/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModelCharts(now: ModelStatistics, before: ModelStatistics, unit_id: Option<i64>) -> impl IntoView {
    let m = model_texts();
    let l = lang();
    let mut by_field: Vec<Line> = Vec::new();
    for f in ModelField::ALL {
        let (n, b) = (now.fields.of(*f), before.fields.of(*f));
        by_field.push((
            format!("{} — {}", m.field(*f), m.kind(kheo_domain::contest::ModelKind::Collective)),
            n.collective,
            b.collective,
        ));
        by_field.push((
            format!("{} — {}", m.field(*f), m.kind(kheo_domain::contest::ModelKind::Individual)),
            n.individual,
            b.individual,
        ));
    }
    let by_status: Vec<Line> = ModelStatus::ALL
        .iter()
        .filter(|s| **s != ModelStatus::Withdrawn)
        .map(|s| (s.label(l).to_string(), now.status.of(*s), before.status.of(*s)))
        .collect();
    let level = |s: &ModelStatistics, k: UnitKind| s.recognised_at.get(k.as_str()).copied().unwrap_or(0);
    let by_level: Vec<Line> = UnitKind::ALL
        .iter()
        .filter(|k| level(&now, **k) + level(&before, **k) > 0)
        .map(|k| (k.label(l).to_string(), level(&now, *k), level(&before, *k)))
        .collect();
    view! {
        <section class="stat-models" id="models">
            <h2>{format!("{} — {}: {} ({}: {})", m.stats_title, m.total, now.total, m.year_before, before.total)}</h2>
            <p class="links">
                <a class="button" rel="external" download
                    href=format!("/api/v1/statistics/models.xlsx?year={}{}", now.year, unit_id.map(|u| format!("&unit_id={u}")).unwrap_or_default())>
                    {m.report_xlsx}</a>
                " "<a class="button" href="/mo-hinh" rel="external">{m.register_title}</a>
            </p>
            <div class="stat-charts">
                <BarChart title=m.by_field.to_string() lines=by_field id="models-by-field"/>
                <BarChart title=m.by_status.to_string() lines=by_status id="models-by-status"/>
                {(!by_level.is_empty()).then(|| view! { <BarChart title=m.by_level.to_string() lines=by_level id="models-by-level"/> })}
            </div>
        </section>
    }
}
