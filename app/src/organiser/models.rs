//! `/manage/models`: an organiser's register — the models of his unit and
//! the units under it, a model registered with the items a real call for
//! models asks, and each model moved along its chain with the decision's
//! number. The server checks every step; the page offers only the next one.

use crate::admin::units::unit_options;
use crate::i18n::{lang, model_texts, texts};
use crate::shared::{ErrorLine, LoadFailed, error_text};
use kheo_domain::api::{ModelBody, ModelDetails, ModelLine, ModelPage, ModelStatusChange, UnitView};
use kheo_domain::contest::{ModelField, ModelKind};
use kheo_domain::models::ModelStatus;
use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id, services, signed_in};

/// The units the organiser reaches, and their models (withdrawn ones too).
#[server]
pub async fn load_my_models() -> Result<(Vec<UnitView>, Vec<ModelLine>, i32), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let units = kheo_service::models::units_for(&svc, &actor).await.map_err(fail)?;
    let mut models = Vec::new();
    // The top of his reach: every unit of it lies under one of these.
    for top in units.iter().filter(|u| !units.iter().any(|p| Some(p.id) == u.parent_id)) {
        for status in [None, Some("withdrawn".to_string())] {
            let filter = kheo_service::models::ModelFilter { unit_id: Some(top.id), status, ..Default::default() };
            models.extend(kheo_service::models::list(&svc, &filter).await.map_err(fail)?.models);
        }
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let this_year = kheo_domain::time::utc(now).get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    Ok((units, models, this_year))
}

/// Registers a model with its photos (the form's fields, files `photos`).
#[server(input = MultipartFormData)]
pub async fn register_model(data: MultipartData) -> Result<ModelLine, ServerFnError> {
    let actor = signed_in().await?;
    let up = crate::ssr::upload(data).await?;
    let model = model_body(&|k| up.fields.get(k).cloned());
    kheo_service::models::create_with_photos(&services()?, &actor, &model, up.photos).await.map_err(fail)
}

/// Moves a model one step, or withdraws it.
#[server(input = Json)]
pub async fn move_model(id: i64, change: ModelStatusChange) -> Result<ModelPage, ServerFnError> {
    let actor = signed_in().await?;
    kheo_service::models::set_status(&services()?, &actor, row_id(id), &change).await.map_err(fail)
}

/// Imports an existing list of models (field `file`).
#[server(input = MultipartFormData)]
pub async fn import_models(data: MultipartData) -> Result<kheo_domain::api::ModelImportReport, ServerFnError> {
    let actor = signed_in().await?;
    let (name, bytes) = crate::ssr::uploaded_file(data).await?;
    kheo_service::models::import::import(&services()?, &actor, &name, &bytes, crate::ssr::lang()).await.map_err(fail)
}

/// `/manage/models`.
#[component]
pub fn ModelsPage() -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let saved = RwSignal::new(0u32);
    // Kept above the reloading list, so that the organiser sees what he
    // registered after the form is drawn again, empty.
    let registered = RwSignal::new(None::<ModelLine>);
    let data = Resource::new(move || saved.get(), |_| load_my_models());
    view! {
        <Title text=m.manage_title/>
        <section class="board-head">
            <h1>{m.manage_title}</h1>
            <p class="muted">{m.manage_intro}</p>
            <p class="links"><a href="/mo-hinh" rel="external">{m.register_title}</a>" · "<a href="/manage/models/calls">{m.calls_title}</a></p>
        </section>
        {move || registered.get().map(|x| view! {
            <p class="ok" role="status" id="model-registered">{m.registered_ok}": "<a href=format!("/mo-hinh/{}", x.id) rel="external">{x.name}</a></p>
        })}
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((units, _, _)) if units.is_empty() => view! { <p class="notice">{m.no_units}</p> }.into_any(),
                    Ok((units, models, year)) => view! {
                        <ModelForm units year saved registered open=models.is_empty()/>
                        <ModelImport saved/>
                        <MyModels models saved/>
                    }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ModelForm(
    units: Vec<UnitView>,
    year: i32,
    saved: RwSignal<u32>,
    registered: RwSignal<Option<ModelLine>>,
    open: bool,
) -> impl IntoView {
    let m = model_texts();
    let first = units.first().map(|u| u.id);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(not(feature = "hydrate"))]
        let _ = (registered, saved, error);
        #[cfg(feature = "hydrate")]
        {
            let Some((_, data)) = crate::shared::form_data(&ev) else { return };
            leptos::task::spawn_local(async move {
                match register_model(data.into()).await {
                    Ok(x) => {
                        error.set(None);
                        registered.set(Some(x));
                        saved.update(|n| *n += 1);
                    }
                    Err(e) => error.set(Some(error_text(&e))),
                }
            });
        }
    };
    view! {
        // Folded once the unit has models: the list is what an organiser
        // comes back for.
        <details class="card model-form-card" id="model-form-card" open=open>
            <summary><h2>{m.form_title}</h2></summary>
            <p class="muted small">{m.form_help}</p>
            <form class="form model-form" id="model-form" on:submit=submit>
                <div class="grid-2">
                    <label><span>{m.unit_choice}" *"</span>
                        <select name="unit_id" required>{unit_options(&units, first)}</select></label>
                    <label><span>{texts().year}" *"</span>
                        <input type="number" name="year" required min="2009" max=year + 1 value=year/></label>
                </div>
                <ModelFields/>
                <label><span>{m.photos}</span>
                    <input type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp"/></label>
                <button type="submit" class="button primary">{m.register_button}</button>
                <ErrorLine message=error/>
            </form>
        </details>
    }
}

/// A model's form fields as a request: `text` reads a field by name (a
/// form's data in the browser, an upload's fields on the server).
pub fn model_body(text: &dyn Fn(&str) -> Option<String>) -> ModelBody {
    let text = |k: &str| text(k).unwrap_or_default();
    let mut details = ModelDetails::default();
    for (key, item) in details.items_mut() {
        *item = Some(text(key)).filter(|v| !v.trim().is_empty());
    }
    ModelBody {
        unit_id: text("unit_id").trim().parse().unwrap_or(0),
        year: text("year").trim().parse().unwrap_or(0),
        name: text("name"),
        field: text("field"),
        kind: text("kind"),
        owner: text("owner"),
        summary: text("summary"),
        details: Some(details),
    }
}

/// The items of a call for models, as form fields (the unit and the year
/// are the caller's).
#[component]
pub fn ModelFields() -> impl IntoView {
    let m = model_texts();
    view! {
        <label><span>{m.name}" *"</span><input type="text" name="name" required maxlength="300"/></label>
        <div class="grid-2">
            <label><span>{m.field}" *"</span>
                <select name="field" required>
                    {ModelField::ALL.iter().map(|f| view! { <option value=f.as_str()>{m.field(*f)}</option> }).collect_view()}
                </select></label>
            <label><span>{m.kind}" *"</span>
                <select name="kind" required>
                    {ModelKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{m.kind(*k)}</option> }).collect_view()}
                </select></label>
        </div>
        <label><span>{m.owner}" *"</span><input type="text" name="owner" required maxlength="300"/></label>
        <label><span>{m.summary}" *"</span><textarea name="summary" required rows="3" maxlength="5000"></textarea></label>
        {ModelDetails::KEYS.iter().zip(m.item_labels).map(|(key, label)| view! {
            <label><span>{label}</span><textarea name=*key rows="2" maxlength="5000"></textarea></label>
        }).collect_view()}
    }
}

#[component]
fn MyModels(models: Vec<ModelLine>, saved: RwSignal<u32>) -> impl IntoView {
    let m = model_texts();
    let l = lang();
    view! {
        <section class="card">
            <h2>{format!("{} ({})", m.register_title, models.len())}</h2>
            <div class="table-wrap"><table class="standings model-table" id="my-models">
                <thead><tr><th>{m.name}</th><th>{texts().unit}</th><th>{m.field}</th><th>{m.status}</th><th>{m.act}</th></tr></thead>
                <tbody>
                    {models.into_iter().map(|x| view! {
                        <tr data-model=x.id>
                            <td><a href=format!("/mo-hinh/{}", x.id) rel="external">{x.name.clone()}</a><br/>
                                <small class="muted">{format!("{} · {} · {}", x.owner, m.kind(x.kind), x.year)}</small></td>
                            <td>{x.unit.clone()}</td>
                            <td>{m.field(x.field)}</td>
                            <td><span class=format!("badge status-{}", x.status.as_str())>{x.status.label(l)}</span></td>
                            <td><NextStep id=x.id from=x.status saved/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </section>
    }
}

/// The next step a model may take (and withdrawal), with the decision's number.
#[component]
fn NextStep(id: i64, from: ModelStatus, saved: RwSignal<u32>) -> impl IntoView {
    let m = model_texts();
    let l = lang();
    let next: Vec<ModelStatus> = ModelStatus::ALL.iter().copied().filter(|s| from.may_become(*s)).collect();
    let choice = RwSignal::new(next.first().map(|s| s.as_str().to_string()).unwrap_or_default());
    let decision = RwSignal::new(String::new());
    let act = ServerAction::<MoveModel>::new();
    let error = Signal::derive(move || act.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(error_text)));
    Effect::new(move |_| {
        if act.value().with(|v| matches!(v, Some(Ok(_)))) {
            decision.set(String::new());
            saved.update(|n| *n += 1);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = decision.get_untracked();
        let change =
            ModelStatusChange { status: choice.get_untracked(), decision: Some(d).filter(|d| !d.trim().is_empty()) };
        act.dispatch(MoveModel { id, change });
    };
    (!next.is_empty()).then(|| {
        view! {
            <form class="inline-form next-step" on:submit=submit>
                <select name="status" on:change=move |ev| choice.set(event_target_value(&ev))>
                    {next.iter().map(|s| view! { <option value=s.as_str()>{s.label(l)}</option> }).collect_view()}
                </select>
                <input type="text" name="decision" placeholder=m.decision_hint maxlength="300" prop:value=move || decision.get()
                    on:input=move |ev| decision.set(event_target_value(&ev))/>
                <button type="submit" class="button small">{m.act}</button>
                <ErrorLine message=error inline=true/>
            </form>
        }
    })
}

/// Upload of an existing list; bad cells listed by line and column.
#[component]
fn ModelImport(saved: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let report = RwSignal::new(None::<Result<kheo_domain::api::ModelImportReport, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(not(feature = "hydrate"))]
        let _ = (saved, report);
        #[cfg(feature = "hydrate")]
        {
            let Some((form, data)) = crate::shared::form_data(&ev) else { return };
            leptos::task::spawn_local(async move {
                let outcome = import_models(data.into()).await.map_err(|e| error_text(&e));
                if outcome.as_ref().is_ok_and(|r| r.faults.is_empty()) {
                    form.reset();
                    saved.update(|n| *n += 1);
                }
                report.set(Some(outcome));
            });
        }
    };
    view! {
        <details class="card model-form-card">
            <summary><h2>{m.import_title}</h2></summary>
            <form class="import" id="import-models" on:submit=submit>
                <p class="muted small">{m.import_help}</p>
                <div class="row">
                    <input type="file" name="file" required accept=".xlsx,.xls,.ods,.csv"/>
                    <button type="submit" class="button">{t.import_button}</button>
                    <a href="/templates/mo-hinh.xlsx" rel="external" download>{t.download_template}" (.xlsx)"</a>
                </div>
            </form>
        </details>
        {move || report.get().map(|r| match r {
            Ok(r) if r.faults.is_empty() => view! { <p class="ok" role="status" id="models-imported">{m.imported}" "{r.added}</p> }.into_any(),
            Ok(r) => view! { <crate::shared::FaultTable heading=m.import_faults faults=r.faults/> }.into_any(),
            Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
        })}
    }
}
