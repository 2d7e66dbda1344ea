//! The public home page: what Khéo is, and the contests.

use crate::i18n::texts;
use crate::pages::{ContestLinks, error_text};
use kheo_domain::api::ContestList;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every contest, newest first.
#[server]
pub async fn list_contests() -> Result<ContestList, ServerFnError> {
    let svc = crate::ssr::services()?;
    kheo_service::contests::list(&svc.db).await.map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = texts();
    let contests = Resource::new(|| (), |_| list_contests());
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p>{t.home_intro}</p>
        </section>
        <section class="card">
            <h2>{t.contests_title}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match contests.await {
                        Ok(list) => view! { <ContestLinks contests=list.contests base="/contests"/> }.into_any(),
                        Err(e) => view! { <p class="error">{error_text(&e)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
