//! Certificates (giấy chứng nhận): one A4 landscape page per prize-winning
//! team, or per member of those teams (`?members=1`), worded from the
//! organiser's template with the contest, prize, team, unit, decision
//! number and date, and the signer's title.

use super::{load_record, place_and_date};
use crate::i18n::{results_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::{PrintPage, id_param};
use kheo_domain::api::{Paperwork, RecordView};
use kheo_domain::paperwork::wording;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/manage/:cid/certificates[?members=1]`.
#[component]
pub fn CertificatesPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let cid = id_param("cid");
    let query = use_query_map();
    let members = move || query.read().get("members").is_some_and(|v| v == "1");
    let data = Resource::new(cid, load_record);
    view! {
        <Title text=r.certificates/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rec) => view! {
                        <PrintPage back=format!("/manage/{}/results", cid())><Certificates rec per_member=members()/></PrintPage>
                    }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Certificates(rec: RecordView, per_member: bool) -> impl IntoView {
    let r = results_texts();
    let p: Paperwork = rec.paperwork.clone();
    let contest = rec.contest.clone();
    let mut pages = Vec::new();
    for g in rec.awards.iter().chain(&rec.side_prizes) {
        // A prize given within a block names it: "Giải Nhất — Khối xã".
        let prize = g.block.as_ref().map_or_else(|| g.name.clone(), |b| format!("{} — {b}", g.name));
        for team in &g.teams {
            let names: Vec<Option<String>> = if per_member {
                contest
                    .teams
                    .iter()
                    .find(|t| t.id == team.id)
                    .map(|t| t.members.iter().cloned().map(Some).collect())
                    .unwrap_or_default()
            } else {
                vec![None]
            };
            for person in names {
                let text = wording(
                    &p.certificate_text,
                    &[
                        ("doi", &team.name),
                        ("don_vi", &team.unit),
                        ("giai", &prize),
                        ("hoi_thi", &contest.name),
                        ("tong_diem", &super::vn(&team.total)),
                        ("ten", person.as_deref().unwrap_or(&team.name)),
                    ],
                );
                let decision = (!p.decision_number.is_empty()).then(|| {
                    let date = kheo_domain::time::vietnam(&format!("{}T00:00:00+07:00", p.decision_date))
                        .map(|l| format!(" {} {:02}/{:02}/{}", r.dated, l.day, l.month, l.year))
                        .unwrap_or_default();
                    format!("{} {}{date}", r.decision_no, p.decision_number)
                });
                pages.push(view! {
                    <article class="paper a4-landscape certificate" data-team=team.id>
                        <div class="certificate-frame">
                            <header class="certificate-head">
                                <p class="upper strong">{p.issuer.clone()}</p>
                                <p class="small">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc"</p>
                            </header>
                            <div class="certificate-body">
                                <h1 class="certificate-title">{r.certificate_title}</h1>
                                <p class="center">{r.certifies}</p>
                                <p class="certificate-name">{person.clone().unwrap_or_else(|| team.name.clone())}</p>
                                <p class="center">{person.is_some().then(|| format!("{} ", team.name))}{team.unit.clone()}</p>
                                <p class="certificate-prize">{prize.clone()}</p>
                                <p class="center certificate-text">{text}</p>
                            </div>
                            // The decision on the left and the signature on the
                            // right, as certificates are laid out, so both fit
                            // inside the border however long the titles are.
                            <footer class="certificate-foot">
                                <p class="small italic certificate-decision">{decision}</p>
                                <div class="certificate-sign">
                                    <p class="italic">{place_and_date(&p, (!p.decision_date.is_empty()).then_some(p.decision_date.as_str()))}</p>
                                    <p class="strong upper signer-title">{p.signer_title.clone()}</p>
                                    <p class="sign-space"></p>
                                    <p class="strong">{p.signer_name.clone()}</p>
                                </div>
                            </footer>
                        </div>
                    </article>
                });
            }
        }
    }
    if pages.is_empty() {
        return view! { <p class="muted">{r.no_prizes_yet}</p> }.into_any();
    }
    pages.collect_view().into_any()
}
