//! The organiser's checklist, on `/manage` and on each contest's page: the
//! season's steps in order, each ticked from what is stored and linking to
//! where it is done, the next one spelled out.

use crate::shared::LoadFailed;
use kheo_domain::api::Checklist;
use kheo_domain::checklist::{Step, next};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The checklist for a contest, or for the newest one the organiser runs.
#[server]
pub async fn load_checklist(contest_id: Option<i64>) -> Result<Checklist, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::checklist::checklist(&svc, &actor, contest_id.map(id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Where a step is done; none where the reader cannot do it (units are the
/// admin's).
fn href(step: Step, c: &Checklist) -> Option<String> {
    let contest = |path: &str| c.contest_id.map(|cid| format!("/manage/{cid}{path}"));
    match step {
        Step::Units => c.admin.then(|| "/admin/units".to_string()),
        Step::Accounts => Some("/admin/accounts".to_string()),
        Step::Contest => Some(contest("").unwrap_or_else(|| "/manage/new".to_string())),
        Step::Registration => contest("/registration"),
        Step::Setup => contest("/setup"),
        Step::Passes => contest("#passes"),
        Step::Rounds => contest("#rounds"),
        Step::Results => contest("/results"),
        Step::Ceremony => contest("/ceremony"),
        Step::Record => contest("/record"),
    }
}

/// The checklist's data, for a page to make at its top (a resource made
/// inside a `Suspend` is made again when the server re-renders it, and the
/// browser may hydrate from the copy that failed). `reload` is read so that
/// the card follows the page's own changes (a round locked, passes issued).
pub fn checklist_resource(
    contest_id: impl Fn() -> Option<i64> + Send + Sync + 'static,
    reload: impl Fn() -> usize + Send + Sync + 'static,
) -> Resource<Result<Checklist, ServerFnError>> {
    Resource::new(move || (contest_id(), reload()), |(c, _)| load_checklist(c))
}

/// The checklist card.
#[component]
pub fn ChecklistCard(list: Resource<Result<Checklist, ServerFnError>>) -> impl IntoView {
    let o = crate::i18n::organiser_texts();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let c = match list.await {
                    Ok(c) => c,
                    Err(e) => return view! { <LoadFailed error=e bare=true/> }.into_any(),
                };
                let upcoming = next(&c.steps);
                let next_line = match upcoming {
                    Some(step) => {
                        let (name, what) = o.checklist_steps[step as usize];
                        let link = href(step, &c).map(|h| view! { <a class="button primary small" href=h>{name}" →"</a> });
                        view! {
                            <p class="checklist-next"><b>{o.checklist_next}": "</b>{what}" "{link}</p>
                        }.into_any()
                    }
                    None => view! { <p class="checklist-next">{o.checklist_all_done}</p> }.into_any(),
                };
                view! {
                    <section class="card checklist" id="checklist">
                        <h2>{o.checklist_title}
                            {c.contest_name.clone().map(|n| view! { <span class="muted">" · "{n}</span> })}
                        </h2>
                        <ol class="checklist-steps">
                            {c.steps.iter().map(|&(step, done)| {
                                let (name, what) = o.checklist_steps[step as usize];
                                let now = upcoming == Some(step);
                                let label = view! {
                                    <span class="tick" aria-hidden="true">{if done { "✓" } else { "" }}</span>
                                    <span class="name">{name}</span>
                                    {done.then(|| view! { <span class="sr-only">" ("{o.checklist_done}")"</span> })}
                                };
                                view! {
                                    <li data-step=step.as_str() data-done=done.to_string() class:done=done class:now=now
                                        title=what aria-current=now.then_some("step")>
                                        {match href(step, &c) {
                                            Some(h) => view! { <a href=h>{label}</a> }.into_any(),
                                            None => view! { <span>{label}</span> }.into_any(),
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        {next_line}
                    </section>
                }
                .into_any()
            })}
        </Transition>
    }
}
