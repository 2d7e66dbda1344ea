//! `/admin/units`: the units tree, kept by an admin: added one by one,
//! renamed or moved, or imported from a sheet.

use crate::i18n::{lang, season_texts, texts};
use crate::shared::error_text;
use crate::shared::{ErrorLine, LoadFailed};
use kheo_domain::api::{NewUnit, UnitImportReport, UnitList, UnitView};
use kheo_domain::units::{self, UnitKind, UnitNode};
use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id as id, services, signed_in};

/// Every unit, parents first.
#[server]
pub async fn load_units() -> Result<UnitList, ServerFnError> {
    let svc = services()?;
    kheo_service::units::list(&svc).await.map_err(fail)
}

/// Adds a unit (`id` none) or changes one.
#[server(input = Json)]
pub async fn save_unit(unit_id: Option<i64>, unit: NewUnit) -> Result<UnitView, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    match unit_id {
        None => kheo_service::units::create(&svc, &actor, &unit).await,
        Some(uid) => kheo_service::units::update(&svc, &actor, id(uid), &unit).await,
    }
    .map_err(fail)
}

/// Imports units from an uploaded sheet (field `file`).
#[server(input = MultipartFormData)]
pub async fn import_units(data: MultipartData) -> Result<UnitImportReport, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let (name, bytes) = crate::ssr::uploaded_file(data).await?;
    kheo_service::units::import(&svc, &actor, &name, &bytes, crate::ssr::lang()).await.map_err(fail)
}

/// The tree's nodes from the list.
pub fn nodes(list: &[UnitView]) -> Vec<UnitNode> {
    list.iter().map(|u| UnitNode { id: u.id, parent_id: u.parent_id, name: u.name.clone(), kind: u.kind }).collect()
}

/// Options for a unit `<select>`, indented by depth.
pub fn unit_options(list: &[UnitView], chosen: Option<i64>) -> impl IntoView + use<> {
    let nodes = nodes(list);
    let lines: Vec<(usize, i64, String)> =
        units::tree_order(&nodes).into_iter().map(|(d, u)| (d, u.id, u.name.clone())).collect();
    lines
        .into_iter()
        .map(|(depth, uid, name)| {
            view! { <option value=uid selected=chosen == Some(uid)>{format!("{}{name}", "\u{a0}\u{a0}\u{a0}".repeat(depth))}</option> }
        })
        .collect_view()
}

/// `/admin/units`.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let saved = RwSignal::new(0u32);
    let list = Resource::new(move || saved.get(), |_| load_units());
    view! {
        <Title text=s.units.units_title/>
        <section class="board-head">
            <h1>{s.units.units_title}</h1>
            <p class="muted">{s.units.units_intro}</p>
            <p class="links"><a href="/admin/accounts">{s.units.accounts_title}</a></p>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => view! { <UnitsEditor list=l.units saved/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
        <UnitImport saved/>
    }
}

#[component]
fn UnitsEditor(list: Vec<UnitView>, saved: RwSignal<u32>) -> impl IntoView {
    let s = season_texts();
    let l = lang();
    let nodes = nodes(&list);
    let rows: Vec<(usize, UnitView)> = units::tree_order(&nodes)
        .into_iter()
        .filter_map(|(d, n)| list.iter().find(|u| u.id == n.id).map(|u| (d, u.clone())))
        .collect();
    let all = StoredValue::new(list);
    let editing = RwSignal::new(None::<i64>);
    view! {
        <section class="card">
            <h2>{s.units.add_unit}</h2>
            <UnitForm all id=None initial=None saved editing/>
        </section>
        <section class="card">
            <h2>{s.units.unit_tree}" ("{rows.len()}")"</h2>
            {rows.is_empty().then(|| view! { <p class="muted">{s.units.no_units}</p> })}
            <ul class="unit-tree">
                {rows.into_iter().map(|(depth, u)| {
                    let uid = u.id;
                    let unit = u.clone();
                    view! {
                        <li class="unit-line" style=format!("--depth:{depth}") data-unit=uid>
                            <span class="unit-name">{u.name.clone()}</span>
                            <span class="badge">{u.kind.label(l)}</span>
                            <button type="button" class="button small" on:click=move |_| editing.set(Some(uid))>{s.units.edit}</button>
                            {move || (editing.get() == Some(uid)).then(|| view! {
                                <UnitForm all id=Some(uid) initial=Some(unit.clone()) saved editing/>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A unit's name, kind and parent; adds one, or changes `id`.
#[component]
fn UnitForm(
    all: StoredValue<Vec<UnitView>>,
    id: Option<i64>,
    initial: Option<UnitView>,
    saved: RwSignal<u32>,
    editing: RwSignal<Option<i64>>,
) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let l = lang();
    let name = RwSignal::new(initial.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let kind = RwSignal::new(initial.as_ref().map_or(UnitKind::Commune, |u| u.kind));
    let parent = RwSignal::new(initial.as_ref().and_then(|u| u.parent_id));
    let save = ServerAction::<SaveUnit>::new();
    // A unit saved closes the form and reloads the list; a refusal stays
    // under the form.
    Effect::new(move |_| {
        if save.value().with(|v| matches!(v, Some(Ok(_)))) {
            editing.set(None);
            saved.update(|n| *n += 1);
        }
    });
    let error =
        Signal::derive(move || save.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(error_text)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unit = NewUnit {
            name: name.get_untracked(),
            kind: kind.get_untracked().as_str().into(),
            parent_id: parent.get_untracked(),
        };
        save.dispatch(SaveUnit { unit_id: id, unit });
    };
    view! {
        <form class="form inline-form unit-form" on:submit=submit>
            <label><span>{s.units.unit_name}</span>
                <input type="text" name="name" required prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/></label>
            <label><span>{s.units.unit_kind}</span>
                <select name="kind" on:change=move |ev| kind.set(UnitKind::parse(&event_target_value(&ev)).unwrap_or(UnitKind::Other))>
                    {UnitKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=kind.get_untracked() == *k>{k.label(l)}</option> }).collect_view()}
                </select></label>
            <label><span>{s.units.unit_parent}</span>
                <select name="parent_id" on:change=move |ev| parent.set(event_target_value(&ev).parse().ok())>
                    <option value="">{s.no_parent}</option>
                    {unit_options(&all.get_value().into_iter().filter(|u| Some(u.id) != id).collect::<Vec<_>>(), parent.get_untracked())}
                </select></label>
            <div class="row">
                <button type="submit" class="button primary">{if id.is_some() { t.save_changes } else { s.units.add_unit }}</button>
                {id.is_some().then(|| view! { <button type="button" class="button" on:click=move |_| editing.set(None)>{s.units.cancel}</button> })}
            </div>
            <ErrorLine message=error/>
        </form>
    }
}

/// Upload of a unit sheet; bad cells listed by line and column.
#[component]
fn UnitImport(saved: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let report = RwSignal::new(None::<Result<UnitImportReport, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(not(feature = "hydrate"))]
        let _ = (saved, report);
        #[cfg(feature = "hydrate")]
        {
            let Some((form, data)) = crate::shared::form_data(&ev) else { return };
            leptos::task::spawn_local(async move {
                let outcome = import_units(data.into()).await.map_err(|e| error_text(&e));
                if outcome.as_ref().is_ok_and(|r| r.faults.is_empty()) {
                    form.reset();
                    saved.update(|n| *n += 1);
                }
                report.set(Some(outcome));
            });
        }
    };
    view! {
        <section class="card">
            <form class="import" id="import-units" on:submit=submit>
                <h2>{s.units.import_units}</h2>
                <div class="row">
                    <input type="file" name="file" required accept=".xlsx,.xls,.ods,.csv"/>
                    <button type="submit" class="button">{t.import_button}</button>
                    <a href="/templates/don-vi.xlsx" rel="external" download>{t.download_template}" (.xlsx)"</a>
                </div>
                {move || report.get().map(|r| match r {
                    Ok(r) if r.faults.is_empty() => view! { <p class="ok" role="status">{s.units.units_added}" "{r.added}</p> }.into_any(),
                    Ok(r) => view! { <crate::shared::FaultTable heading=s.units.import_faults_units faults=r.faults/> }.into_any(),
                    Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
                })}
            </form>
        </section>
    }
}
