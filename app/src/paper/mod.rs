//! Paper: print-ready A4 pages, rendered whole on the server (no
//! WebAssembly), for the browser's "Print" or "Save as PDF" — the signed
//! record (biên bản), the judges' sheets (phiếu chấm) and the certificates
//! (giấy chứng nhận). Organisers print them at any time; once results are
//! final and announced, anyone may read the record.

pub mod certificates;
pub mod record;
pub mod sheets;

use crate::i18n::results_texts;
use kheo_domain::api::{Paperwork, RecordView};
use leptos::prelude::*;

/// The contest's record, for whoever may have it.
#[server]
pub async fn load_record(contest_id: i64) -> Result<RecordView, ServerFnError> {
    let actor = crate::ssr::actor().await?;
    let svc = crate::ssr::services()?;
    kheo_service::results::record::record(&svc, actor.as_ref(), crate::ssr::row_id(contest_id))
        .await
        .map_err(crate::ssr::fail)
}

/// A decimal as Vietnamese write it: "8,75".
pub fn vn(points: &str) -> String {
    points.replace('.', ",")
}

/// The heading of an official paper: the issuing body on the left, the
/// national motto on the right.
#[component]
pub fn NationalHeading(issuer: String) -> impl IntoView {
    view! {
        <header class="national">
            <div>
                <p class="upper strong">{issuer}</p>
                <p class="rule">"———"</p>
            </div>
            <div>
                <p class="upper strong">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                <p class="strong underline">"Độc lập - Tự do - Hạnh phúc"</p>
            </div>
        </header>
    }
}

/// "Nông Thượng, ngày 15 tháng 10 năm 2026" from the place and an ISO date;
/// blanks to fill by hand where either is missing.
pub fn place_and_date(p: &Paperwork, iso: Option<&str>) -> String {
    let place = if p.place.trim().is_empty() { "…………" } else { p.place.trim() };
    match iso.filter(|d| d.len() == 10) {
        Some(d) => format!("{place}, ngày {} tháng {} năm {}", &d[8..10], d[5..7].trim_start_matches('0'), &d[0..4]),
        None => format!("{place}, ngày …… tháng …… năm ……"),
    }
}

/// Signature blocks: a title and a name under the space to sign.
#[component]
pub fn Signatures(blocks: Vec<(String, String)>) -> impl IntoView {
    let r = results_texts();
    let style = format!("--blocks:{}", blocks.len());
    view! {
        <footer class="signatures" style=style>
            {blocks.into_iter().map(|(title, name)| view! {
                <div>
                    <p class="strong upper">{title}</p>
                    <p class="italic small">{r.sign_here}</p>
                    <p class="sign-space"></p>
                    <p class="strong">{name}</p>
                </div>
            }).collect_view()}
        </footer>
    }
}
