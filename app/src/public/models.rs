//! `/mo-hinh`: the public register of recognised "Dân vận khéo" models,
//! searchable with or without accents and filtered by field, kind, unit
//! (with the units under it), year and status; `/mo-hinh/:id`: a model's
//! page with its story and history. Server-rendered, no WebAssembly.

use crate::admin::units::unit_options;
use crate::i18n::{lang, model_texts, texts};
use crate::shared::{LoadFailed, id_param};
use kheo_domain::api::{ModelLine, ModelPage, UnitView};
use kheo_domain::contest::{ModelField, ModelKind};
use kheo_domain::models::ModelStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// How many models a page of the register shows.
pub const SHOWN: usize = 200;

/// What the register page shows: the first models found, how many were
/// found, the years that have models and the units tree.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RegisterPage {
    /// The first [`SHOWN`] models.
    pub models: Vec<ModelLine>,
    /// How many matched.
    pub found: usize,
    /// The units, for the filter.
    pub units: Vec<UnitView>,
    /// This year, the newest a filter offers.
    pub this_year: i32,
}

/// The register, filtered. `status` empty: recognised models and those
/// gone further; `all`: every status but withdrawn.
#[server]
pub async fn search_models(
    year: Option<i32>,
    unit_id: Option<i64>,
    field: String,
    kind: String,
    status: String,
    q: String,
) -> Result<RegisterPage, ServerFnError> {
    use crate::ssr::{fail, services};
    let svc = services()?;
    let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
    let filter = kheo_service::models::ModelFilter {
        year,
        unit_id,
        field: some(field),
        kind: some(kind),
        recognised_only: status.is_empty(),
        status: some(status).filter(|s| s != "all"),
        q: some(q),
    };
    let mut list = kheo_service::models::list(&svc, &filter).await.map_err(fail)?.models;
    let found = list.len();
    list.truncate(SHOWN);
    let units = kheo_service::units::list(&svc).await.map_err(fail)?.units;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let this_year = kheo_domain::time::utc(now).get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    Ok(RegisterPage { models: list, found, units, this_year })
}

/// One model.
#[server]
pub async fn load_model(id: i64) -> Result<ModelPage, ServerFnError> {
    use crate::ssr::{fail, row_id, services};
    kheo_service::models::get(&services()?, row_id(id)).await.map_err(fail)
}

/// `/mo-hinh`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let year = move || get("year").parse::<i32>().ok();
    let unit = move || get("unit_id").parse::<i64>().ok();
    let data = Resource::new(
        move || (year(), unit(), get("field"), get("kind"), get("status"), get("q")),
        |(y, u, f, k, s, q)| search_models(y, u, f, k, s, q),
    );
    view! {
        <Title text=m.register_title/>
        <section class="board-head">
            <h1>{m.register_title}</h1>
            <p class="muted">{m.register_intro}</p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <RegisterFilters units=page.units.clone() this_year=page.this_year get/> <Found page/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegisterFilters(
    units: Vec<UnitView>,
    this_year: i32,
    get: impl Fn(&str) -> String + Copy + Send + 'static,
) -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let l = lang();
    let chosen = |k: &str, v: &str| get(k) == v;
    view! {
        <form class="filters" method="get" action="/mo-hinh" id="model-filters">
            <label class="wide"><span>{m.search}</span><input type="search" name="q" value=get("q") placeholder=m.search_hint/></label>
            <label><span>{m.field}</span>
                <select name="field">
                    <option value="">{m.all_fields}</option>
                    {ModelField::ALL.iter().map(|f| view! { <option value=f.as_str() selected=chosen("field", f.as_str())>{m.field(*f)}</option> }).collect_view()}
                </select></label>
            <label><span>{m.kind}</span>
                <select name="kind">
                    <option value="">{m.all_kinds}</option>
                    {ModelKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=chosen("kind", k.as_str())>{m.kind(*k)}</option> }).collect_view()}
                </select></label>
            <label><span>{t.unit}</span>
                <select name="unit_id">
                    <option value="">{t.filter_all_units}</option>
                    {unit_options(&units, get("unit_id").parse().ok())}
                </select></label>
            <label><span>{t.year}</span>
                <select name="year">
                    <option value="">{t.filter_all_years}</option>
                    {(2009..=this_year).rev().map(|y| view! { <option value=y selected=chosen("year", &y.to_string())>{y}</option> }).collect_view()}
                </select></label>
            <label><span>{m.status}</span>
                <select name="status">
                    <option value="">{m.recognised_statuses}</option>
                    <option value="all" selected=chosen("status", "all")>{m.all_statuses}</option>
                    {ModelStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected=chosen("status", s.as_str())>{s.label(l)}</option> }).collect_view()}
                </select></label>
            <button type="submit" class="button primary">{t.filter_button}</button>
        </form>
    }
}

#[component]
fn Found(page: RegisterPage) -> impl IntoView {
    let m = model_texts();
    let l = lang();
    view! {
        <section class="card">
            <p class="muted" id="models-found">{format!("{} {}", page.found, m.found)}</p>
            {(page.found > page.models.len()).then(|| view! { <p class="notice">{m.shown_first}</p> })}
            {page.models.is_empty().then(|| view! { <p class="muted">{m.none_found}</p> })}
            <ul class="model-list" id="models">
                {page.models.into_iter().map(|x| view! {
                    <li class="model-line">
                        <a href=format!("/mo-hinh/{}", x.id) rel="external" class="model-name">{x.name.clone()}</a>
                        <span class="model-meta">
                            <span class=format!("badge status-{}", x.status.as_str())>{x.status.label(l)}</span>
                            <span class="badge">{m.field(x.field)}</span>
                            <span class="badge">{m.kind(x.kind)}</span>
                            {format!("{} · {} · {}", x.owner, x.unit, x.year)}
                        </span>
                        <span class="model-summary">{x.summary.clone()}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/mo-hinh/:id`.
#[component]
pub fn ModelPage() -> impl IntoView {
    let t = texts();
    let id = id_param("id");
    let data = Resource::new(id, load_model);
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ModelStory page/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModelStory(page: ModelPage) -> impl IntoView {
    let m = model_texts();
    let l = lang();
    let x = page.model.clone();
    let items: Vec<(&'static str, String)> = page
        .details
        .items()
        .into_iter()
        .zip(m.item_labels)
        .filter_map(|((_, v), label)| v.clone().map(|v| (label, v)))
        .collect();
    let when = |ms: i64| {
        kheo_domain::time::vietnam(&kheo_domain::time::utc(ms.div_euclid(1000)))
            .map(|d| format!("{:02}/{:02}/{}", d.day, d.month, d.year))
            .unwrap_or_default()
    };
    view! {
        <Title text=x.name.clone()/>
        <p class="links"><a href="/mo-hinh" rel="external">{m.back_to_register}</a></p>
        <article class="card model-page" id="model">
            <h1>{x.name.clone()}</h1>
            <p class="model-meta">
                <span class=format!("badge status-{}", x.status.as_str())>{x.status.label(l)}</span>
                <span class="badge">{m.field(x.field)}</span>
                <span class="badge">{m.kind(x.kind)}</span>
                {format!("{} · {}", x.unit, x.year)}
            </p>
            <dl class="model-facts">
                <dt>{m.owner}</dt><dd>{x.owner.clone()}</dd>
                {x.recognised_by.clone().map(|r| view! { <dt>{m.recognised_by}</dt><dd>{format!("{} ({})", r.unit, r.kind.label(l))}</dd> })}
            </dl>
            {(!page.photos.is_empty()).then(|| view! {
                <div class="model-photos">
                    {page.photos.iter().map(|p| view! {
                        <a href=p.url.clone() rel="external" target="_blank">
                            <img src=p.thumb_url.clone() alt=x.name.clone() loading="lazy" width=p.width height=p.height/>
                        </a>
                    }).collect_view()}
                </div>
            })}
            <h2>{m.summary}</h2>
            <p class="model-text">{x.summary.clone()}</p>
            {items.into_iter().map(|(label, v)| view! { <h2>{label}</h2><p class="model-text">{v}</p> }).collect_view()}
            {(!page.presented_in.is_empty()).then(|| view! {
                <h2>{m.presented_in}</h2>
                <ul>{page.presented_in.iter().map(|(cid, name)| view! { <li><a href=format!("/contests/{cid}/results") rel="external">{name.clone()}</a></li> }).collect_view()}</ul>
            })}
            <h2>{m.history}</h2>
            <ol class="model-history">
                {page.history.iter().map(|h| view! {
                    <li><strong>{h.status.label(l)}</strong>{format!(" · {} · {}", when(h.at), h.by)}
                        {h.decision.clone().map(|d| format!(" · {}: {d}", m.decision))}</li>
                }).collect_view()}
            </ol>
        </article>
    }
}
