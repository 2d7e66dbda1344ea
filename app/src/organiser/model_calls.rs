//! `/manage/models/calls`: calls for models. An organiser picks the units,
//! his own or under it, and a deadline; each unit gets a link (and a QR
//! card to print, `/manage/models/calls/:id/in`) to register its models on
//! a phone without an account. The list shows how many each unit sent.

use crate::admin::units::unit_options;
use crate::i18n::{model_texts, texts};
use crate::shared::{ErrorLine, LoadFailed, PrintPage, error_text, id_param, local_time};
use crate::unit::print::LinkCard;
use kheo_domain::api::{ModelCallRequest, ModelCallView, UnitView};
use kheo_domain::units::{self, UnitNode};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id, services, signed_in};

#[cfg(feature = "ssr")]
async fn base() -> Result<String, ServerFnError> {
    let parts: http::request::Parts = leptos_axum::extract().await?;
    Ok(crate::ssr::public_base(&parts.headers))
}

/// The units the organiser reaches, his calls, and this year.
#[server]
pub async fn load_calls() -> Result<(Vec<UnitView>, Vec<ModelCallView>, i32), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let units = kheo_service::models::units_for(&svc, &actor).await.map_err(fail)?;
    let calls = kheo_service::models::calls::list(&svc, &actor, &base().await?).await.map_err(fail)?;
    Ok((units, calls, kheo_service::models::this_year()))
}

/// Opens a call; the deadline is in Vietnam's time as `datetime-local` writes it.
#[server(input = Json)]
pub async fn start_call(call: ModelCallRequest) -> Result<ModelCallView, ServerFnError> {
    let actor = signed_in().await?;
    let call = ModelCallRequest { deadline: crate::organiser::registration::vietnam_time(&call.deadline), ..call };
    kheo_service::models::calls::create(&services()?, &actor, &call, &base().await?).await.map_err(fail)
}

/// One call, for its QR cards.
#[server]
pub async fn load_call(id: i64) -> Result<ModelCallView, ServerFnError> {
    let actor = signed_in().await?;
    kheo_service::models::calls::one(&services()?, &actor, row_id(id), &base().await?).await.map_err(fail)
}

/// `/manage/models/calls`.
#[component]
pub fn CallsPage() -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let changed = RwSignal::new(0u32);
    let data = Resource::new(move || changed.get(), |_| load_calls());
    view! {
        <Title text=m.calls_title/>
        <section class="board-head">
            <h1>{m.calls_title}</h1>
            <p class="muted">{m.calls_intro}</p>
            <p class="links"><a href="/manage/models">{m.manage_title}</a></p>
        </section>
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((units, _, _)) if units.is_empty() => view! { <p class="notice">{m.no_units}</p> }.into_any(),
                    Ok((units, calls, year)) => view! { <CallForm units year changed/><Calls calls/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The calling unit, the year, the deadline and the units called, picked
/// in the tree under the calling unit.
#[component]
fn CallForm(units: Vec<UnitView>, year: i32, changed: RwSignal<u32>) -> impl IntoView {
    let m = model_texts();
    let nodes: Vec<UnitNode> = units
        .iter()
        .map(|u| UnitNode { id: u.id, parent_id: u.parent_id, name: u.name.clone(), kind: u.kind })
        .collect();
    let caller = RwSignal::new(units.first().map_or(0, |u| u.id));
    let picked = RwSignal::new(Vec::<i64>::new());
    let tree: Vec<(usize, i64, String)> =
        units::tree_order(&nodes).into_iter().map(|(d, u)| (d, u.id, u.name.clone())).collect();
    let nodes = StoredValue::new(nodes);
    let under = move |id: i64| nodes.with_value(|n| units::with_descendants(n, caller.get()).contains(&id));
    let start = ServerAction::<StartCall>::new();
    let error =
        Signal::derive(move || start.value().with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(error_text)));
    Effect::new(move |_| {
        if start.value().with(|v| matches!(v, Some(Ok(_)))) {
            picked.set(Vec::new());
            changed.update(|n| *n += 1);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let Some((_, data)) = crate::shared::form_data(&ev) else { return };
            let text = |k: &str| data.get(k).as_string().unwrap_or_default();
            let unit_ids = picked.get_untracked().into_iter().filter(|id| under(*id)).collect();
            start.dispatch(StartCall {
                call: ModelCallRequest {
                    unit_id: caller.get_untracked(),
                    year: text("year").trim().parse().unwrap_or(0),
                    title: text("title"),
                    deadline: text("deadline"),
                    unit_ids,
                },
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&start, ev);
    };
    view! {
        <details class="card model-form-card" id="call-form-card" open=true>
            <summary><h2>{m.new_call}</h2></summary>
            <form class="form" id="call-form" on:submit=submit>
                <div class="grid-2">
                    <label><span>{m.calling_unit}" *"</span>
                        <select name="unit_id" on:change=move |ev| caller.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {unit_options(&units, units.first().map(|u| u.id))}
                        </select></label>
                    <label><span>{texts().year}" *"</span>
                        <input type="number" name="year" required min="2009" max=year + 1 value=year/></label>
                </div>
                <label><span>{m.call_title}</span><input type="text" name="title" maxlength="300" placeholder=m.call_title_hint/></label>
                <label class="narrow-label"><span>{m.deadline}" *"</span><input type="datetime-local" name="deadline" required/></label>
                <fieldset><legend>{m.units_called}</legend>
                    <ul class="unit-tree pick">
                        {tree.into_iter().map(|(depth, uid, name)| view! {
                            <li class="unit-line" style=format!("--depth:{depth}") class:hidden=move || !under(uid)>
                                <label class="check">
                                    <input type="checkbox" value=uid prop:checked=move || picked.with(|p| p.contains(&uid))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            picked.update(|p| { p.retain(|x| *x != uid); if on { p.push(uid); } });
                                        }/>
                                    {name}
                                </label>
                            </li>
                        }).collect_view()}
                    </ul>
                </fieldset>
                <button type="submit" class="button primary">
                    {move || format!("{} ({})", m.start_call, picked.with(|p| p.iter().filter(|id| under(**id)).count()))}
                </button>
                <ErrorLine message=error/>
            </form>
        </details>
    }
}

#[component]
fn Calls(calls: Vec<ModelCallView>) -> impl IntoView {
    let m = model_texts();
    view! {
        {calls.is_empty().then(|| view! { <p class="muted">{m.no_calls}</p> })}
        {calls.into_iter().map(|c| view! {
            <section class="card model-call" data-call=c.id>
                <div class="row spread">
                    <h2>{c.title.clone()}</h2>
                    <a class="button small" rel="external" target="_blank" href=format!("/manage/models/calls/{}/in", c.id)>{m.print_cards}</a>
                </div>
                <p class="muted small">{format!("{} · {} · {}: {} ", c.unit, c.year, m.deadline, local_time(&c.deadline))}
                    {if c.open { view! { <span class="badge status-recognised">{m.call_open}</span> }.into_any() }
                     else { view! { <span class="badge status-withdrawn">{m.call_closed}</span> }.into_any() }}</p>
                <div class="table-wrap"><table class="plain">
                    <thead><tr><th>{texts().unit}</th><th>{m.sent_count}</th><th>{m.link}</th></tr></thead>
                    <tbody>
                        {c.links.into_iter().map(|l| view! {
                            <tr data-unit=l.unit.clone()>
                                <td><strong>{l.unit.clone()}</strong></td>
                                <td class="num">{l.models}</td>
                                <td class="link-cell"><input type="text" class="copy-link" readonly value=l.url.clone() aria-label=m.link onfocus="this.select()"/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            </section>
        }).collect_view()}
    }
}

/// `/manage/models/calls/:id/in`: a card per unit with its QR code.
#[component]
pub fn CallCardsPage() -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let id = id_param("id");
    let data = Resource::new(id, load_call);
    view! {
        <Title text=m.print_cards/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => view! {
                        <PrintPage back="/manage/models/calls".to_string()>
                            <div class="invitation-cards">
                                {c.links.into_iter().map(|l| view! {
                                    <LinkCard url=l.url unit=l.unit heading=m.scan_to_register title=c.title.clone() deadline=c.deadline.clone()/>
                                }).collect_view()}
                            </div>
                        </PrintPage>
                    }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
