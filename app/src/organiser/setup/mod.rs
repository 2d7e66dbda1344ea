//! Setting a contest up: `/manage/new` (from the usual format) and
//! `/manage/:cid/setup` (rounds, criteria, question bank, teams, import,
//! panel, running order). The page edits the whole definition in the
//! browser and saves it in one request, checked on the server by the same
//! rules as `POST /contests`.

mod general;
mod new_contest;
mod panel;
mod prizes;
mod rounds;
mod teams;

pub use new_contest::NewContestPage;

use crate::i18n::texts;
use crate::shared::LoadFailed;
use crate::shared::{clear_refusals, id_param, show_refusal};
use general::GeneralSection;
use kheo_domain::api::{ContestDefinition, SetupView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;
use panel::PanelSection;
use prizes::PrizesSection;
use rounds::RoundsSection;
use teams::TeamsSection;

#[cfg(feature = "ssr")]
use crate::ssr::{organiser, row_id as id};

/// The contest's definition, for its organisers.
#[server]
pub async fn get_setup(contest_id: i64) -> Result<SetupView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::setup::view(&svc, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Saves the whole definition.
#[server(input = Json)]
pub async fn save_setup(contest_id: i64, definition: ContestDefinition) -> Result<SetupView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::setup::replace(&svc, &actor, id(contest_id), &definition)
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// Draws the running order by lot.
#[server]
pub async fn draw_running_order(contest_id: i64) -> Result<SetupView, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    kheo_service::contests::setup::draw_running_order(&svc, &actor, id(contest_id))
        .await
        .map_err(|e| crate::ssr::problem(e.into_problem()))
}

/// The definition being edited. Inputs write into it and are not redrawn
/// while typing. The teams live apart, each with a key that follows it
/// through draws and moves, so a team's fields, and its members' rows,
/// stay with that team; the other lists are drawn anew, with new elements,
/// whenever their shape changes (`shape`), so no field shows another
/// item's value.
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<ContestDefinition>,
    teams: RwSignal<Vec<teams::TeamDraft>>,
    shape: RwSignal<u32>,
    dirty: RwSignal<bool>,
    next_key: StoredValue<u64>,
}

impl Editor {
    fn new(mut def: ContestDefinition) -> Editor {
        let teams = std::mem::take(&mut def.teams);
        let ed = Editor {
            draft: RwSignal::new(def),
            teams: RwSignal::new(Vec::new()),
            shape: RwSignal::new(0),
            dirty: RwSignal::new(false),
            next_key: StoredValue::new(teams::FIRST_NEW_KEY),
        };
        ed.teams.set(teams.into_iter().map(|t| teams::TeamDraft::of(ed, t)).collect());
        ed
    }

    fn edit(self, f: impl FnOnce(&mut ContestDefinition)) {
        self.draft.update_untracked(f);
        self.dirty.set(true);
    }

    fn reshape(self, f: impl FnOnce(&mut ContestDefinition)) {
        self.edit(f);
        self.shape.update(|s| *s += 1);
    }

    fn read<T>(self, f: impl FnOnce(&ContestDefinition) -> T) -> T {
        self.draft.with_untracked(f)
    }

    /// A key for an item the page has just made (stored items are keyed by
    /// their id).
    fn fresh_key(self) -> u64 {
        let k = self.next_key.get_value();
        self.next_key.set_value(k + 1);
        k
    }

    /// The whole definition, teams included, as the server takes it.
    fn definition(self) -> ContestDefinition {
        let mut def = self.read(Clone::clone);
        def.teams = self.teams.with_untracked(|ts| ts.iter().map(teams::TeamDraft::to_def).collect());
        def
    }

    fn load(self, mut def: ContestDefinition) {
        let teams = std::mem::take(&mut def.teams);
        self.teams.set(teams.into_iter().map(|t| teams::TeamDraft::of(self, t)).collect());
        self.draft.set(def);
        self.dirty.set(false);
        self.shape.update(|s| *s += 1);
    }
}

/// Draws `view` anew, with new elements, each time the editor's shape
/// changes: a list moved or shortened never leaves a field showing what an
/// item at that place used to hold.
fn redrawn<V: IntoView + 'static>(ed: Editor, view: impl Fn() -> V + Clone + Send + Sync + 'static) -> impl IntoView {
    view! { <For each=move || [ed.shape.get()] key=|s| *s children=move |_| view()/> }
}

/// Up, down and remove for item `i` of `n` in one of the definition's lists.
fn item_controls(
    ed: Editor,
    i: usize,
    n: usize,
    move_item: fn(&mut ContestDefinition, usize, usize),
    remove: fn(&mut ContestDefinition, usize),
) -> impl IntoView {
    let t = texts();
    view! {
        <div class="row end">
            <button type="button" class="button small" disabled=i == 0
                on:click=move |_| ed.reshape(|d| move_item(d, i, i.wrapping_sub(1)))>"↑ "{t.move_up}</button>
            <button type="button" class="button small" disabled=i + 1 == n
                on:click=move |_| ed.reshape(|d| move_item(d, i, i + 1))>"↓ "{t.move_down}</button>
            <button type="button" class="button small danger"
                on:click=move |_| ed.reshape(|d| remove(d, i))>{t.remove}</button>
        </div>
    }
}

/// `/manage/:cid/setup`.
#[component]
pub fn SetupPage() -> impl IntoView {
    let t = texts();
    let data = Resource::new(id_param("cid"), get_setup);
    view! {
        <Title text=t.setup_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <SetupEditor initial=v/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SetupEditor(initial: SetupView) -> impl IntoView {
    let t = texts();
    let o = crate::i18n::organiser_texts();
    let cid = initial.id;
    let ed = Editor::new(initial.definition.clone());
    let started = initial.started;
    let judges = StoredValue::new(initial.judge_accounts.clone());
    let contests = StoredValue::new(initial.contests.clone());
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let busy = RwSignal::new(false);
    let title = initial.definition.name.clone();

    // A new save or draw clears what the last one said: "Đã bốc thăm"
    // left on screen while a save is on its way would read as "saved".
    let save = move |_| {
        busy.set(true);
        status.set(None);
        let def = ed.definition();
        leptos::task::spawn_local(async move {
            match save_setup(cid, def).await {
                Ok(v) => {
                    clear_refusals();
                    ed.load(v.definition);
                    status.set(Some(Ok(t.saved)));
                }
                Err(e) => status.set(Some(Err(show_refusal(&e)))),
            }
            busy.set(false);
        });
    };
    let draw = move |_| {
        busy.set(true);
        status.set(None);
        leptos::task::spawn_local(async move {
            match draw_running_order(cid).await {
                Ok(v) => {
                    ed.load(v.definition);
                    status.set(Some(Ok(t.drawn_note)));
                }
                Err(e) => status.set(Some(Err(show_refusal(&e)))),
            }
            busy.set(false);
        });
    };
    let on_import = move |v: SetupView| ed.load(v.definition);

    view! {
        <section class="board-head">
            <h1>{t.setup_title}</h1>
            <p class="muted">{title}</p>
            <p class="links">
                <a href=format!("/manage/{cid}")>{t.manage_title}</a>
            </p>
        </section>
        {started.then(|| view! { <p class="notice boxed" role="status">{t.setup_locked}</p> })}
        <fieldset class="setup" disabled=started>
            <GeneralSection ed contests/>
            <RoundsSection ed/>
            <TeamsSection ed cid judges_busy=busy draw on_import/>
            <PanelSection ed judges/>
            <PrizesSection ed/>
        </fieldset>
        <div class="save-bar" role="region">
            <span class="save-status">
                // A refusal stays in sight until the next save, even while the
                // organiser edits to mend it.
                {move || match status.get() {
                    Some(Err(e)) => view! {
                        <span class="error" role="alert"><b>{o.save_failed}</b>" "{e}</span>
                    }.into_any(),
                    _ if ed.dirty.get() => view! { <span class="warn">{t.unsaved}</span> }.into_any(),
                    Some(Ok(m)) => view! { <span class="ok" role="status">{m}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </span>
            <button type="button" class="button primary" id="save-setup" on:click=save
                disabled=move || started || busy.get()>{t.save_changes}</button>
        </div>
    }
}

/// A text input bound to one place in the definition, as long as the
/// server takes (`max` characters).
fn text_field(
    ed: Editor,
    name: String,
    value: String,
    max: usize,
    set: impl Fn(&mut ContestDefinition, String) + 'static,
) -> impl IntoView {
    view! {
        <input type="text" name=name value=value maxlength=max on:input=move |ev| {
            let v = event_target_value(&ev);
            ed.edit(|d| set(d, v));
        }/>
    }
}

fn opt(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}
