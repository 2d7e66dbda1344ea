//! `/contests/:id/results`: a contest's results for everyone, once every
//! round is published and the ceremony (if any) is over: the prizes, the
//! ranking, and the signed record and files.

use crate::i18n::{results_texts, texts};
use crate::organiser::results::Prizes;
use crate::shared::LoadFailed;
use crate::shared::id_param;
use kheo_domain::api::ResultsView;
use leptos::prelude::*;
use leptos_meta::Title;

/// The results as the visitor may see them.
#[server]
pub async fn public_results(contest_id: i64) -> Result<ResultsView, ServerFnError> {
    let actor = crate::ssr::actor().await?;
    let svc = crate::ssr::services()?;
    kheo_service::results::get(&svc, actor.as_ref(), crate::ssr::row_id(contest_id)).await.map_err(crate::ssr::fail)
}

/// `/contests/:id/results`.
#[component]
pub fn PublicResultsPage() -> impl IntoView {
    let t = texts();
    let r = results_texts();
    let id = id_param("id");
    let data = Resource::new(id, public_results);
    view! {
        <Title text=r.results_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(res) => {
                        let cid = res.contest.id;
                        let complete = res.is_final;
                        view! {
                            <section class="board-head">
                                <h1>{res.contest.name.clone()}</h1>
                                <p class="muted">{res.contest.unit.clone()}</p>
                                <p class="links">
                                    <a href=format!("/contests/{cid}") rel="external">{t.leaderboard}</a>
                                    {complete.then(|| view! {
                                        " · "<a href=format!("/contests/{cid}/record") rel="external">{r.record}</a>
                                        " · "<a href=format!("/api/v1/contests/{cid}/results.xlsx") rel="external" download>{r.results_xlsx}</a>
                                        " · "<a href=format!("/contests/{cid}/ledger") rel="external">{crate::i18n::ledger_texts().link}</a>
                                    })}
                                </p>
                            </section>
                            {(!complete).then(|| view! { <p class="notice boxed">{r.ceremony_under_way}</p> })}
                            <Prizes results=res/>
                        }.into_any()
                    }
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
