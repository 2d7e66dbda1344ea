//! Judges' passes for a contest: issued for the whole panel (a link, its
//! QR code and a PIN, printable), listed, revoked.

use crate::i18n::texts;
use crate::shared::error_text;
use kheo_domain::api::JudgePassView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The panel and the state of each judge's pass.
#[server]
pub async fn judge_passes(contest_id: i64) -> Result<Vec<JudgePassView>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::list_passes(&svc.db, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// A new pass, printable: the link, its QR code and the PIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedPass {
    /// The judge's name.
    pub display_name: String,
    /// User name.
    pub username: String,
    /// The full link.
    pub url: String,
    /// The link as an SVG QR code.
    pub qr_svg: String,
    /// The PIN.
    pub pin: String,
}

/// Issues new passes for the whole panel (older ones stop working).
#[server]
pub async fn issue_passes(contest_id: i64) -> Result<Vec<PrintedPass>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let passes = kheo_service::judging::issue_passes(&svc.db, &actor, id(contest_id), None)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))?;
    Ok(passes
        .into_iter()
        .map(|p| {
            let url = crate::ssr::absolute_url(&parts, &p.link_path);
            let qr_svg = crate::ssr::qr_svg(&url, 180);
            PrintedPass { display_name: p.display_name, username: p.username, url, qr_svg, pin: p.pin }
        })
        .collect())
}

/// Revokes a judge's pass and signs his tablet out of the contest.
#[server]
pub async fn revoke_pass(contest_id: i64, judge_id: i64) -> Result<(), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::judging::revoke_passes(&svc.db, &actor, id(contest_id), id(judge_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The panel's passes, and the ones just issued ready to print. The
/// resource is made by the page, beside its others (see the README).
#[component]
pub fn PassesSection(
    cid: i64,
    passes: Resource<Result<Vec<JudgePassView>, ServerFnError>>,
    issue_action: ServerAction<IssuePasses>,
    revoke_action: ServerAction<RevokePass>,
) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card">
            <h2>{t.judge_passes}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = passes.await.unwrap_or_default();
                    view! {
                        <table class="plain">
                            <tbody>
                                {list.into_iter().map(|p| {
                                    let jid = p.judge_id;
                                    view! {
                                        <tr>
                                            <td>{p.display_name}{p.chair.then(|| view! { " " <span class="badge">{t.chair}</span> })}</td>
                                            <td class="muted">{p.username}</td>
                                            <td>{if p.active { t.active } else { t.inactive }}</td>
                                            <td>{p.active.then(|| view! {
                                                <button type="button" class="button"
                                                    on:click=move |_| { revoke_action.dispatch(RevokePass { contest_id: cid, judge_id: jid }); }>
                                                    {t.revoke}
                                                </button>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            </Suspense>
            <p>
                <button type="button" class="button primary" id="issue-passes"
                    on:click=move |_| { issue_action.dispatch(IssuePasses { contest_id: cid }); }>
                    {t.issue_passes}
                </button>
            </p>
            {move || issue_action.value().get().map(|r| match r {
                Ok(printed) => view! {
                    <div class="passes">
                        <p><button type="button" class="button" onclick="window.print()">{t.print}</button></p>
                        {printed.into_iter().map(|p| {
                            let who = p.username.clone();
                            view! {
                            <article class="pass" data-username=who>
                                <div class="qr" inner_html=p.qr_svg></div>
                                <div>
                                    <h3>{p.display_name}</h3>
                                    <p class="muted">{p.username}</p>
                                    <p>{t.pin}": "<strong class="pin-code">{p.pin}</strong></p>
                                    <p class="url"><a href=p.url.clone()>{p.url.clone()}</a></p>
                                </div>
                            </article>
                        }}).collect_view()}
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="error">{error_text(&e)}</p> }.into_any(),
            })}
        </section>
    }
}
