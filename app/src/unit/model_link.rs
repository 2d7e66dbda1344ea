//! `/mo-hinh/dang-ky/:token`: a unit called to register its models does
//! it here, on a phone, with no account; the link's token is the only key.
//! Each model goes with up to five photos in one sending: the server keeps
//! the model and its photos together or nothing.

use crate::i18n::{lang, model_texts, texts};
use crate::organiser::models::ModelFields;
use crate::shared::{ErrorLine, LoadFailed, local_time};
use kheo_domain::api::{ModelCallPage, ModelLine};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The call behind a link and what the unit sent through it.
#[server]
pub async fn load_call_link(token: String) -> Result<ModelCallPage, ServerFnError> {
    let svc = crate::ssr::services()?;
    kheo_service::models::calls::page(&svc, &token).await.map_err(crate::ssr::fail)
}

/// A model sent through a link (fields `token`, the form's items, files
/// `photos`).
#[server(input = MultipartFormData)]
pub async fn send_model_by_link(data: MultipartData) -> Result<ModelLine, ServerFnError> {
    let svc = crate::ssr::services()?;
    let up = crate::ssr::upload(data).await?;
    let token = up.fields.get("token").cloned().unwrap_or_default();
    let body = crate::organiser::models::model_body(&|k| up.fields.get(k).cloned());
    kheo_service::models::calls::submit(&svc, &token, &body, up.photos).await.map_err(crate::ssr::fail)
}

/// `/mo-hinh/dang-ky/:token`.
#[component]
pub fn ModelLinkPage() -> impl IntoView {
    let t = texts();
    let m = model_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let sent = RwSignal::new(0u32);
    // Kept above the form, which is drawn again with the list after a
    // model is sent, so the answer stays on screen.
    let outcome = RwSignal::new(None::<Result<ModelLine, String>>);
    let call = Resource::new(move || (token(), sent.get()), |(t, _)| load_call_link(t));
    view! {
        <Title text=m.calls_title/>
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match call.await {
                    Ok(c) => view! { <CallHead call=c.clone()/><SendModel token=token() open=c.open sent outcome/><Sent call=c/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CallHead(call: ModelCallPage) -> impl IntoView {
    let m = model_texts();
    view! {
        <section class="board-head call-head">
            <p class="muted small">{call.calling_unit.clone()}</p>
            <h1>{call.title.clone()}</h1>
            <p><strong>{call.unit.clone()}</strong>" · "{texts().year}" "{call.year}</p>
            <p class="small">{m.deadline}": "<strong>{local_time(&call.deadline)}</strong>" "
                {if call.open {
                    view! { <span class="badge status-recognised">{m.call_open}</span> }.into_any()
                } else {
                    view! { <span class="badge status-withdrawn">{m.call_closed}</span> }.into_any()
                }}</p>
        </section>
    }
}

/// The form; photos go with it. After a model is sent the form is empty
/// again for the next one.
#[component]
fn SendModel(
    token: String,
    open: bool,
    sent: RwSignal<u32>,
    outcome: RwSignal<Option<Result<ModelLine, String>>>,
) -> impl IntoView {
    let m = model_texts();
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(not(feature = "hydrate"))]
        let _ = (sent, &outcome, busy);
        #[cfg(feature = "hydrate")]
        {
            let Some((form, data)) = crate::shared::form_data(&ev) else { return };
            busy.set(true);
            leptos::task::spawn_local(async move {
                let r = send_model_by_link(data.into()).await.map_err(|e| crate::shared::error_text(&e));
                busy.set(false);
                let ok = r.is_ok();
                outcome.set(Some(r));
                if ok {
                    form.reset();
                    sent.update(|n| *n += 1);
                }
            });
        }
    };
    view! {
        {move || outcome.get().map(|r| match r {
            Ok(x) => view! { <p class="ok boxed" role="status" id="model-sent">{m.sent_ok}": "<strong>{x.name}</strong></p> }.into_any(),
            Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
        })}
        {if open {
            view! {
                <section class="card">
                    <p class="muted small">{m.link_intro}</p>
                    <form class="form model-form" id="model-link-form" on:submit=submit>
                        <input type="hidden" name="token" value=token/>
                        <ModelFields/>
                        <label><span>{m.photos}</span>
                            <input type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp"/></label>
                        <p class="muted small">{m.photos_help}</p>
                        <button type="submit" class="button primary wide" disabled=move || busy.get()>
                            {move || if busy.get() { m.sending } else { m.send_model }}
                        </button>
                    </form>
                </section>
            }.into_any()
        } else {
            view! { <p class="notice boxed" role="status">{m.call_closed_note}</p> }.into_any()
        }}
    }
}

#[component]
fn Sent(call: ModelCallPage) -> impl IntoView {
    let m = model_texts();
    let l = lang();
    (!call.sent.is_empty()).then(|| {
        view! {
            <section class="card" id="models-sent">
                <h2>{format!("{} ({})", m.sent_title, call.sent.len())}</h2>
                <ul class="sent-models">
                    {call.sent.into_iter().map(|(x, photos)| view! {
                        <li data-model=x.id>
                            <strong>{x.name.clone()}</strong><br/>
                            <small class="muted">{format!("{} · {} · {photos} {}", m.field(x.field), m.kind(x.kind), m.photo_count)}</small>
                            " "<span class=format!("badge status-{}", x.status.as_str())>{x.status.label(l)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
