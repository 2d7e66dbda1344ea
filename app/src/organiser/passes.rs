//! Judges' passes for a contest: issued for the whole panel (a link, its
//! QR code and a PIN, printable), listed, revoked.

use crate::i18n::{organiser_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::Question;
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
    kheo_service::judging::list_passes(&svc, &actor, id(contest_id))
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

/// Issues new passes for the whole panel, or for one judge (older ones
/// stop working and their tablets are signed out).
#[server]
pub async fn issue_passes(contest_id: i64, judge_id: Option<i64>) -> Result<Vec<PrintedPass>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let passes = kheo_service::judging::issue_passes(&svc, &actor, id(contest_id), judge_id.map(id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))?;
    printed(passes).await
}

/// The passes still valid, to print again.
#[server]
pub async fn reprint_passes(contest_id: i64) -> Result<Vec<PrintedPass>, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let passes = kheo_service::judging::printable_passes(&svc, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))?;
    printed(passes).await
}

#[cfg(feature = "ssr")]
async fn printed(passes: Vec<kheo_domain::api::NewJudgePass>) -> Result<Vec<PrintedPass>, ServerFnError> {
    let parts: http::request::Parts = leptos_axum::extract().await?;
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
    kheo_service::judging::revoke_passes(&svc, &actor, id(contest_id), id(judge_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The panel's passes, and the ones just issued (or asked for again) ready
/// to print. The resource is made by the page, beside its others (see the
/// README). Issuing and revoking ask first, saying who is signed out.
#[component]
pub fn PassesSection(
    cid: i64,
    passes: Resource<Result<Vec<JudgePassView>, ServerFnError>>,
    issue_action: ServerAction<IssuePasses>,
    revoke_action: ServerAction<RevokePass>,
    reprint_action: ServerAction<ReprintPasses>,
    question: RwSignal<Option<Question>>,
) -> impl IntoView {
    let t = texts();
    let o = organiser_texts();
    // The newest of the two answers is the one to print.
    let shown = RwSignal::new(None::<Result<Vec<PrintedPass>, ServerFnError>>);
    Effect::new(move |_| {
        if let Some(r) = issue_action.value().get() {
            shown.set(Some(r));
        }
    });
    Effect::new(move |_| {
        if let Some(r) = reprint_action.value().get() {
            shown.set(Some(r));
        }
    });
    view! {
        <section class="card" id="passes">
            <h2>{t.judge_passes}</h2>
            <p class="muted small no-print">{o.passes_note}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = passes.await.unwrap_or_default();
                    let n = list.len();
                    view! {
                        <table class="plain">
                            <tbody>
                                {list.into_iter().map(|p| {
                                    let jid = p.judge_id;
                                    let who = p.display_name.clone();
                                    let who2 = p.display_name.clone();
                                    view! {
                                        <tr data-judge=p.username.clone()>
                                            <td>{p.display_name.clone()}{p.chair.then(|| view! { " " <span class="badge">{t.chair}</span> })}</td>
                                            <td class="muted">{p.username.clone()}</td>
                                            <td>{if p.active { t.active } else { t.inactive }}</td>
                                            <td class="actions">
                                                <button type="button" class="button small issue-one" on:click=move |_| question.set(Some(Question {
                                                    title: o.ask_pass_one_title.replace("{judge}", &who),
                                                    lines: vec![o.ask_pass_one_body.to_string()],
                                                    yes: o.issue_one.to_string(),
                                                    on_yes: Callback::new(move |_| { issue_action.dispatch(IssuePasses { contest_id: cid, judge_id: Some(jid) }); }),
                                                }))>{o.issue_one}</button>
                                                {p.active.then(|| view! {
                                                    <button type="button" class="button small danger revoke" on:click=move |_| question.set(Some(Question {
                                                        title: o.ask_revoke_title.replace("{judge}", &who2),
                                                        lines: vec![o.ask_revoke_body.to_string()],
                                                        yes: t.revoke.to_string(),
                                                        on_yes: Callback::new(move |_| { revoke_action.dispatch(RevokePass { contest_id: cid, judge_id: jid }); }),
                                                    }))>{t.revoke}</button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="row">
                            <button type="button" class="button primary" id="issue-passes" disabled=n == 0
                                on:click=move |_| question.set(Some(Question {
                                    title: o.ask_passes_title.replace("{n}", &n.to_string()),
                                    lines: vec![o.ask_passes_body.to_string()],
                                    yes: o.ask_passes_yes.to_string(),
                                    on_yes: Callback::new(move |_| { issue_action.dispatch(IssuePasses { contest_id: cid, judge_id: None }); }),
                                }))>
                                {t.issue_passes}
                            </button>
                            <button type="button" class="button" id="reprint-passes"
                                on:click=move |_| { reprint_action.dispatch(ReprintPasses { contest_id: cid }); }>
                                {o.reprint_passes}
                            </button>
                        </p>
                    }
                })}
            </Suspense>
            {move || shown.get().map(|r| match r {
                Ok(printed) if printed.is_empty() => view! { <p class="muted">{o.no_valid_passes}</p> }.into_any(),
                Ok(printed) => view! {
                    <p class="print-passes"><button type="button" class="button primary" onclick="window.print()">{t.print}</button></p>
                    <div class="passes">
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
                Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
            })}
        </section>
    }
}
