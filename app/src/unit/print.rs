//! The registration form printed for signing (phiếu đăng ký dự thi): by
//! the unit from its link, or by the organiser from the desk; and the
//! invitations' links as QR codes to hand out.

use crate::i18n::{season_texts, texts};
use crate::organiser::registration::{EntrySummary, load_invitation, load_registrations};
use crate::shared::LoadFailed;
use crate::shared::{PrintPage, id_param, local_time};
use kheo_domain::api::{Entry, EntryView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The form itself: a national heading, the contest, the unit, the entry,
/// and a place to sign.
#[component]
fn Form(contest: String, unit: String, entry: Option<Entry>) -> impl IntoView {
    let s = season_texts();
    view! {
        <article class="paper a4 registration-form">
            <header class="national">
                <div>
                    <p class="upper">{unit.to_uppercase()}</p>
                </div>
                <div>
                    <p class="upper strong">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                    <p class="strong underline">"Độc lập - Tự do - Hạnh phúc"</p>
                </div>
            </header>
            <h1 class="paper-title">{s.registration.form_title}</h1>
            <p class="center">{contest}</p>
            {match entry {
                Some(e) => view! { <EntrySummary entry=e/> }.into_any(),
                None => view! { <p class="muted">{s.registration.nothing_yet}</p> }.into_any(),
            }}
            <footer class="signatures one">
                <div>
                    <p class="italic">"…………, ngày …… tháng …… năm ……"</p>
                    <p class="strong upper">{s.registration.unit_representative}</p>
                    <p class="italic">"(Ký, ghi rõ họ tên và đóng dấu)"</p>
                </div>
            </footer>
        </article>
    }
}

/// A unit's link on a card to hand out: its QR code, the unit, what the
/// link is for and until when.
#[component]
pub fn LinkCard(url: String, unit: String, heading: &'static str, title: String, deadline: String) -> impl IntoView {
    let s = season_texts();
    let qr = crate::shared::qr_code(&url, 180);
    let name = unit.clone();
    view! {
        <article class="invitation-card" data-unit=name>
            <div class="qr" inner_html=qr></div>
            <div>
                <p class="muted small">{heading}</p>
                <h2>{unit}</h2>
                <p>{title}</p>
                <p class="small">{s.registration.deadline}": "{local_time(&deadline)}</p>
                <p class="url">{url}</p>
            </div>
        </article>
    }
}

/// `/dang-ky/:token/in`.
#[component]
pub fn UnitFormPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, crate::unit::entry::load_entry);
    view! {
        <Title text=s.registration.form_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(EntryView { contest, unit, entry, .. }) => view! {
                        <PrintPage back=format!("/dang-ky/{}", token())>
                            <Form contest=contest.name unit entry/>
                        </PrintPage>
                    }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/manage/:cid/registration/:iid/form`.
#[component]
pub fn OrganiserFormPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let cid = id_param("cid");
    let iid = id_param("iid");
    let data = Resource::new(
        move || (cid(), iid()),
        |(c, i)| async move {
            let (contest, _) = load_registrations(c).await?;
            Ok::<_, ServerFnError>((contest, load_invitation(c, i).await?))
        },
    );
    view! {
        <Title text=s.registration.form_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((contest, (inv, entry))) => view! {
                        <PrintPage back=format!("/manage/{}/registration", contest.id)>
                            <Form contest=contest.name unit=inv.unit entry/>
                        </PrintPage>
                    }.into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/manage/:cid/registration/print`: one card per invited unit with its
/// link as a QR code, to cut out and hand over.
#[component]
pub fn InvitationCardsPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let cid = id_param("cid");
    let data = Resource::new(cid, load_registrations);
    view! {
        <Title text=s.registration.print_links/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((contest, list)) => view! {
                        <PrintPage back=format!("/manage/{}/registration", contest.id)>
                            <div class="invitation-cards">
                                {list.invitations.into_iter().map(|i| view! {
                                    <LinkCard url=i.url unit=i.unit heading=s.registration.entry_title
                                        title=contest.name.clone() deadline=list.deadline.clone().unwrap_or_default()/>
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
