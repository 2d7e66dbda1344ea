//! The judges' individual sheets (phiếu chấm điểm), printed for signing:
//! one page per judge and judged round, every team's points by criterion
//! and its total, as the judge sent them. Printed blank before a round,
//! they are the paper sheets of a judge without a tablet: each team's line
//! carries a QR code that opens (or, scanned at the paper desk, picks) that
//! judge's sheet for that team.

use super::{NationalHeading, Signatures, load_record, place_and_date, vn};
use crate::i18n::{panel_texts, results_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::{PrintPage, id_param, page_url, qr_code};
use kheo_domain::api::RecordView;
use kheo_domain::contest::RoundKind;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/manage/:cid/sheets`.
#[component]
pub fn JudgeSheetsPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let cid = id_param("cid");
    let data = Resource::new(cid, load_record);
    view! {
        <Title text=r.judge_sheets/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rec) => view! { <PrintPage back=format!("/manage/{}/results", cid())><Sheets rec/></PrintPage> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sheets(rec: RecordView) -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let p = rec.paperwork.clone();
    let p_texts = panel_texts();
    let c = rec.contest.clone();
    let mut pages = Vec::new();
    for judge in &c.judges {
        for (n, round) in rec.rounds.iter().enumerate().filter(|(_, x)| x.kind == RoundKind::Judged) {
            let k = c.judges.iter().position(|j| j.id == judge.id).unwrap_or(0);
            pages.push(view! {
                <article class="paper a4 judge-sheet" data-judge=judge.username.clone()>
                    <NationalHeading issuer=p.issuer.clone()/>
                    <h1 class="paper-title">{r.sheet_title}</h1>
                    <p class="center strong">{c.name.clone()}</p>
                    <p class="center">{format!("{} {}: {}", r.round_word, n + 1, round.name)}</p>
                    <p>{r.judge}": "<strong>{judge.display_name.clone()}</strong></p>
                    <table class="paper-table">
                        <thead><tr>
                            <th>{r.order_short}</th><th>{t.team}</th>
                            {round.criteria.iter().map(|x| view! { <th>{x.name.clone()}<br/><small>{format!("({})", vn(&x.max_points))}</small></th> }).collect_view()}
                            <th>{r.sheet_total}</th>
                            <th class="no-wrap">{p_texts.qr_caption}</th>
                        </tr></thead>
                        <tbody>
                            {round.lines.iter().map(|line| {
                                let s = line.sheets.get(k).cloned();
                                let code = page_url(&format!("/manage/{}/paper?round={}&judge={}&team={}", c.id, round.id, judge.id, line.team_id));
                                let qr = qr_code(&code, 56);
                                view! {
                                    <tr>
                                        <td class="center">{line.order}</td>
                                        <td>{line.team.clone()}</td>
                                        {round.criteria.iter().enumerate().map(|(i, _)| view! {
                                            <td class="num">{s.as_ref().and_then(|s| s.scores.get(i).cloned().flatten()).map(|v| vn(&v))}</td>
                                        }).collect_view()}
                                        <td class="num strong">{s.as_ref().and_then(|s| s.total.clone()).map(|v| vn(&v))}</td>
                                        <td class="sheet-qr" data-code=code inner_html=qr></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="right italic">{place_and_date(&p, c.date.as_deref())}</p>
                    <Signatures blocks=vec![(r.judge.to_string(), judge.display_name.clone())]/>
                </article>
            });
        }
    }
    pages.collect_view()
}
