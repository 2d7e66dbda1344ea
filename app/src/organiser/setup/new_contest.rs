//! `/manage/new`: a contest from the usual format, in the organiser's unit.

use crate::i18n::texts;
use crate::shared::ErrorLine;
use crate::shared::{error_text, level_name};
use kheo_domain::api::{ContestSummary, UnitView};
use kheo_domain::contest::Level;
use kheo_domain::setup::NewContest;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::organiser;

/// What the form offers: the organiser's own unit (his contests belong to
/// it), the units tree for those without one, and the contests a new one
/// may feed.
#[server]
pub async fn new_contest_choices() -> Result<(Option<String>, Vec<UnitView>, Vec<ContestSummary>), ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let units = kheo_service::units::list(&svc).await.map_err(crate::ssr::fail)?.units;
    let contests = kheo_service::contests::list(&svc).await.map_err(crate::ssr::fail)?.contests;
    Ok((actor.unit, units, contests))
}

/// Creates a contest from the usual format; its id.
#[server(input = Json)]
pub async fn create_contest(new: NewContest) -> Result<i64, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::setup::create_from_template(&svc, &actor, &new)
        .await
        .map(|c| c.id)
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// `/manage/new`.
#[component]
pub fn NewContestPage() -> impl IntoView {
    let t = texts();
    let s = crate::i18n::season_texts();
    let choices = Resource::new(|| (), |_| new_contest_choices());
    let unit_id = RwSignal::new(None::<i64>);
    let parent_id = RwSignal::new(None::<i64>);
    let council = RwSignal::new(false);
    let (level, name, unit_typed, date, venue) = (
        RwSignal::new(Level::Commune),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = NewContest {
            level: level.get_untracked(),
            name: name.get_untracked(),
            unit: unit_typed.get_untracked(),
            date: Some(date.get_untracked()),
            venue: Some(venue.get_untracked()),
            unit_id: unit_id.get_untracked(),
            parent_id: parent_id.get_untracked(),
            purpose: council.get_untracked().then(|| "recognition".to_string()),
        };
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match create_contest(new).await {
                Ok(cid) => navigate(&format!("/manage/{cid}/setup"), Default::default()),
                Err(e) => error.set(Some(error_text(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <Title text=t.new_contest/>
        <section class="card narrow">
            <h1>{t.new_contest}</h1>
            <p class="muted">{t.new_contest_intro}</p>
            <form class="form" id="new-contest" on:submit=submit>
                <label>
                    <span>{t.level}</span>
                    <select name="level" on:change=move |ev| level.set(Level::parse(&event_target_value(&ev)).unwrap_or(Level::Commune))>
                        {Level::ALL.iter().map(|l| view! { <option value=l.as_str()>{level_name(t, *l)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check" id="council-choice">
                    <input type="checkbox" name="purpose" value="recognition" on:change=move |ev| council.set(event_target_checked(&ev))/>
                    <span>{crate::i18n::model_texts().council_choice}</span>
                </label>
                {move || council.get().then(|| view! { <p class="muted small">{crate::i18n::model_texts().council_help}</p> })}
                <label>
                    <span>{t.contest_name}</span>
                    <input type="text" name="name" required placeholder="Hội thi “Dân vận khéo” xã … năm 2026"
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let (own, units, contests) = choices.await.unwrap_or_default();
                        view! {
                            {match own {
                                Some(own) => view! {
                                    <label><span>{t.unit}</span><input type="text" name="unit" value=own readonly/></label>
                                }.into_any(),
                                None => view! {
                                    <label>
                                        <span>{t.unit}</span>
                                        <select name="unit_id" on:change=move |ev| unit_id.set(event_target_value(&ev).parse().ok())>
                                            <option value="">{s.unit_tree_hint}</option>
                                            {crate::admin::units::unit_options(&units, None)}
                                        </select>
                                        <input type="text" name="unit" placeholder=t.unit
                                            on:input=move |ev| unit_typed.set(event_target_value(&ev))/>
                                    </label>
                                }.into_any(),
                            }}
                            <label>
                                <span>{s.parent_contest}</span>
                                <select name="parent_id" on:change=move |ev| parent_id.set(event_target_value(&ev).parse().ok())>
                                    <option value="">{s.no_parent}</option>
                                    {contests.into_iter().map(|c| view! { <option value=c.id>{format!("{} ({})", c.name, c.year)}</option> }).collect_view()}
                                </select>
                            </label>
                        }.into_any()
                    })}
                </Suspense>
                <label>
                    <span>{t.date}</span>
                    <input type="date" name="date" on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{t.venue}</span>
                    <input type="text" name="venue" on:input=move |ev| venue.set(event_target_value(&ev))/>
                </label>
                <ErrorLine message=error/>
                <button type="submit" class="button primary" disabled=move || busy.get()>{t.create_button}</button>
            </form>
        </section>
    }
}
