//! `/judge/:cid`: the judge's tablet. One sheet per team per round,
//! criterion by criterion, the total computed by the same code the server
//! uses, and marks kept on the device until the server acknowledges them.

use super::outbox::{Outbox, Sent, SheetOutcome};
use super::pending::PendingSheet;
use crate::i18n::{lang, texts};
use crate::shared::{error_text, id_param, num};
use kheo_domain::Points;
use kheo_domain::api::{JudgeDesk, RoundView};
use kheo_domain::contest::RoundState;
use kheo_domain::scoring;
use kheo_domain::sheet::{self, RubricLine};
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::BTreeMap;

/// The judge's desk for a contest.
#[server]
pub async fn load_desk(contest_id: i64) -> Result<JudgeDesk, ServerFnError> {
    use crate::ssr;
    let actor = ssr::signed_in().await?;
    let svc = ssr::services()?;
    kheo_service::judging::desk(&svc, &actor, ssr::row_id(contest_id)).await.map_err(|e| ssr::problem(e.into_problem()))
}

/// `/judge/:cid`.
#[component]
pub fn JudgePage() -> impl IntoView {
    let t = texts();
    let cid = id_param("cid");
    let desk = Resource::new(cid, load_desk);
    view! {
        <Title text=t.judge_desk/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match desk.await {
                    Ok(d) => view! { <Desk desk=d/> }.into_any(),
                    Err(e) => {
                        let text = error_text(&e);
                        // Signed out (a pass reissued or revoked, the day over):
                        // back to the page of the pass this tablet used.
                        let signed_out = text == kheo_domain::i18n::Problem::NotSignedIn.message(crate::i18n::lang());
                        let again = format!("/judge/{}/pass", cid());
                        view! {
                            <section class="card narrow">
                                {signed_out.then(|| view! { <meta http-equiv="refresh" content=format!("0;url={again}")/> })}
                                <p class="error">{text}</p>
                                <p><a class="button primary" rel="external" href=again.clone()>{t.open_pass_again}</a></p>
                            </section>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The rubric lines of a round, for the shared checks.
fn rubric(d: &JudgeDesk, round_id: i64) -> Vec<RubricLine> {
    let Some(r) = d.rounds.iter().find(|r| r.round.id == round_id) else { return vec![] };
    let round_step = r.round.step.as_deref().and_then(|s| Points::parse(s).ok()).unwrap_or_default();
    r.round
        .criteria
        .iter()
        .map(|c| RubricLine {
            id: c.id,
            name: c.name.clone(),
            max: Points::parse(&c.max_points).unwrap_or_default(),
            step: c.step.as_deref().and_then(|s| Points::parse(s).ok()).unwrap_or(round_step),
        })
        .collect()
}

/// The step the +/− buttons use: the allowed step, else half a point.
fn button_step(line: &RubricLine) -> Points {
    if line.step > Points::ZERO { line.step } else { Points::from_hundredths(50) }
}

/// The round to show first: the one on stage if judged, else the first open.
fn first_round(d: &JudgeDesk) -> i64 {
    d.stage
        .map(|s| s.round_id)
        .filter(|id| d.rounds.iter().any(|r| r.round.id == *id))
        .or_else(|| RoundView::under_way(d.rounds.iter().map(|r| &r.round)))
        .unwrap_or(0)
}

#[derive(Clone, Debug, PartialEq)]
enum Notice {
    /// The server holds the sheet of this team.
    Saved(String),
    Sending,
    Queued,
    Refused(String),
    /// The tablet was signed out (its pass reissued or revoked): the sheet
    /// waits on the tablet until the judge signs in with his pass again.
    SignedOut(String),
}

/// What the desk's parts share: the desk as last heard, the sheet on
/// screen and what is typed in it, and the outbox.
#[derive(Clone, Copy)]
struct DeskState {
    desk: RwSignal<JudgeDesk>,
    round_id: RwSignal<i64>,
    team_id: RwSignal<i64>,
    values: RwSignal<BTreeMap<String, String>>,
    dirty: RwSignal<bool>,
    notice: RwSignal<Option<Notice>>,
    field_error: RwSignal<Option<(i64, String)>>,
    outbox: Outbox,
    /// The rubric of the round on screen.
    lines: Memo<Vec<RubricLine>>,
}

impl DeskState {
    fn new(d: JudgeDesk) -> Self {
        let round_id = RwSignal::new(first_round(&d));
        let team_id = RwSignal::new(d.stage.and_then(|s| s.team_id).or(d.teams.first().map(|t| t.id)).unwrap_or(0));
        let outbox = Outbox::new(d.judge_id);
        let desk = RwSignal::new(d);
        DeskState {
            desk,
            round_id,
            team_id,
            values: RwSignal::new(BTreeMap::new()),
            dirty: RwSignal::new(false),
            notice: RwSignal::new(None),
            field_error: RwSignal::new(None),
            outbox,
            lines: Memo::new(move |_| desk.with(|d| rubric(d, round_id.get()))),
        }
    }

    fn contest_id(self) -> i64 {
        self.desk.with_untracked(|d| d.contest_id)
    }

    /// The form shows the unsent version if there is one, else what the
    /// server holds, else nothing.
    fn load_form(self) {
        let (r, tm) = (self.round_id.get_untracked(), self.team_id.get_untracked());
        let from_queue = self.outbox.holds(self.contest_id(), r, tm);
        let stored = self.desk.with_untracked(|d| {
            d.rounds.iter().find(|x| x.round.id == r).and_then(|x| x.sheets.get(&tm.to_string()).cloned())
        });
        // Shown as the judge's language writes decimals; read back leniently.
        let shown = from_queue.or(stored).unwrap_or_default().into_iter().map(|(k, v)| (k, num(&v))).collect();
        self.values.set(shown);
        self.dirty.set(false);
        self.field_error.set(None);
        self.notice.set(None);
    }

    /// What the judge is told of a sheet on its way or answered.
    fn heard(self, sent: Sent) {
        let notice = match sent {
            None => Notice::Sending,
            Some(Ok(SheetOutcome::Saved(sheet))) => {
                self.desk.update(|d| {
                    if let Some(r) = d.rounds.iter_mut().find(|r| r.round.id == sheet.round_id) {
                        r.sheets.insert(sheet.team_id.to_string(), sheet.scores.clone());
                    }
                });
                Notice::Saved(self.team_name_untracked(sheet.team_id))
            }
            Some(Ok(SheetOutcome::Refused { code, message, .. })) if code == "not_signed_in" => {
                Notice::SignedOut(message)
            }
            Some(Ok(SheetOutcome::Refused { message, criterion_id, .. })) => {
                if let Some(c) = criterion_id {
                    self.field_error.set(Some((c, message.clone())));
                }
                Notice::Refused(message)
            }
            // The request did not get through: kept, tried later.
            Some(Err(_)) => Notice::Queued,
        };
        self.notice.set(Some(notice));
    }

    fn flush(self) {
        self.outbox.flush(move |_, sent| self.heard(sent));
    }

    fn team_name_untracked(self, id: i64) -> String {
        self.desk.with_untracked(|d| d.teams.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default())
    }

    /// Round states and the stage follow the organiser live; the sheet on
    /// screen follows the stage unless the judge is typing.
    fn follow(self, board: &kheo_domain::standings::Standings) {
        let stage_before = self.desk.with_untracked(|d| d.stage);
        self.desk.update(|d| {
            for r in &mut d.rounds {
                if let Some(h) = board.rounds.iter().find(|h| h.id == r.round.id) {
                    r.round.state = h.state;
                }
            }
            d.stage = board.stage;
        });
        if board.stage != stage_before
            && !self.dirty.get_untracked()
            && let Some(stage) = board.stage
        {
            if self.desk.with_untracked(|d| d.rounds.iter().any(|r| r.round.id == stage.round_id)) {
                self.round_id.set(stage.round_id);
            }
            if let Some(tm) = stage.team_id {
                self.team_id.set(tm);
            }
        }
    }

    /// Checks the typed marks; a good sheet goes into the outbox and the
    /// desk moves on to the next team in running order still without a
    /// sheet, as the hall does (after the last one, or an amendment with
    /// every later team scored, the sheet stays).
    fn submit(self) {
        let t = texts();
        let v = self.values.get_untracked();
        let body: BTreeMap<String, serde_json::Value> =
            v.iter().map(|(k, x)| (k.clone(), serde_json::Value::String(x.trim().to_string()))).collect();
        let points = match sheet::check_typed(&self.lines.get_untracked(), &body) {
            Ok(points) => points,
            Err(p) => {
                if let kheo_domain::i18n::Problem::InvalidScore { criterion_id: Some(c), .. } = &p {
                    self.field_error.set(Some((*c, p.message(lang()))));
                }
                self.notice.set(Some(Notice::Refused(t.fix_errors.to_string())));
                return;
            }
        };
        let (here, rid) = (self.team_id.get_untracked(), self.round_id.get_untracked());
        self.outbox.put(PendingSheet {
            contest_id: self.contest_id(),
            round_id: rid,
            team_id: here,
            scores: points.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect(),
            client_version: now_ms(),
        });
        self.dirty.set(false);
        self.field_error.set(None);
        let next = self.desk.with_untracked(|d| {
            let i = d.teams.iter().position(|x| x.id == here)?;
            let sent = d.rounds.iter().find(|r| r.round.id == rid).map(|r| &r.sheets);
            d.teams[i + 1..].iter().find(|x| sent.is_none_or(|s| !s.contains_key(&x.id.to_string()))).map(|x| x.id)
        });
        if let Some(next) = next {
            self.team_id.set(next);
        }
        self.flush();
    }

    /// The state of the round on screen.
    fn round_state(self) -> RoundState {
        let rid = self.round_id.get();
        self.desk
            .with(|d| d.rounds.iter().find(|r| r.round.id == rid).map(|r| r.round.state))
            .unwrap_or(RoundState::Draft)
    }

    /// Whether the server holds this team's sheet in the round on screen.
    fn scored(self, team_id: i64) -> bool {
        let rid = self.round_id.get();
        self.desk.with(|d| {
            d.rounds.iter().find(|r| r.round.id == rid).is_some_and(|r| r.sheets.contains_key(&team_id.to_string()))
        })
    }
}

#[component]
fn Desk(desk: JudgeDesk) -> impl IntoView {
    let t = texts();
    let contest_id = desk.contest_id;
    let s = DeskState::new(desk);
    let (live, set_live) = signal(None::<bool>);
    Effect::new(move |_| {
        s.round_id.track();
        s.team_id.track();
        s.load_form();
    });
    s.outbox.keep_trying(move || s.load_form(), move |_, sent| s.heard(sent));
    crate::live::follow(contest_id, move |board| s.follow(&board), set_live);
    let online = s.outbox.online;
    view! {
        <section class="desk">
            <header class="desk-head">
                <div>
                    <h1>{move || s.desk.with(|d| d.contest_name.clone())}</h1>
                    <p class="muted">{t.role_judge}": "<strong>{move || s.desk.with(|d| d.judge_name.clone())}</strong></p>
                </div>
                <div class="desk-status">
                    <span class="net" class:off=move || !online.get()>{move || if online.get() { t.online } else { t.offline_short }}</span>
                    {move || {
                        let n = s.outbox.queue.with(Vec::len);
                        (n > 0).then(|| view! { <span class="pending-count" id="pending-count">{n}" "{t.pending_count}</span> })
                    }}
                    {move || live.get().map(|on| view! { <span class="live-status" class:on=on>{if on { t.live } else { t.reconnecting }}</span> })}
                </div>
            </header>
            {move || (!online.get()).then(|| view! { <p class="banner warn" role="status">{t.offline}</p> })}
            <RoundTabs s=s/>
            <div class="desk-body">
                <TeamList s=s/>
                <SheetForm s=s/>
            </div>
        </section>
    }
}

/// A tab per round, with its state.
#[component]
fn RoundTabs(s: DeskState) -> impl IntoView {
    let t = texts();
    view! {
        <nav class="tabs" aria-label=t.round>
            {move || s.desk.with(|d| d.rounds.iter().map(|r| {
                let id = r.round.id;
                let name = r.round.name.clone();
                let state = r.round.state;
                view! {
                    <button type="button" class="tab" class:active=move || s.round_id.get() == id
                        class:open=state == RoundState::Open on:click=move |_| s.round_id.set(id)>
                        <span>{name}</span>
                        <small>{t.round_state(state)}</small>
                    </button>
                }
            }).collect_view())}
        </nav>
    }
}

/// The teams in running order: which is on stage, scored, or not yet sent.
#[component]
fn TeamList(s: DeskState) -> impl IntoView {
    let t = texts();
    view! {
        <aside class="team-list" aria-label=t.choose_team>
            {move || {
                let rid = s.round_id.get();
                let stage_team = s.desk.with(|d| d.stage.filter(|st| st.round_id == rid).and_then(|st| st.team_id));
                s.desk.with(|d| {
                    // What the server holds for the round on screen, read once for the list.
                    let sheets = d.rounds.iter().find(|r| r.round.id == rid).map(|r| &r.sheets);
                    d.teams.iter().map(|team| {
                        let id = team.id;
                        let tag = if s.outbox.waits(rid, id) {
                            view! { <span class="tag unsent">{t.not_sent}</span> }.into_any()
                        } else if sheets.is_some_and(|sh| sh.contains_key(&id.to_string())) {
                            view! { <span class="tag done">"✓ "{t.scored}</span> }.into_any()
                        } else {
                            ().into_any()
                        };
                        view! {
                            <button type="button" class="team-pick" class:active=move || s.team_id.get() == id
                                data-team=id on:click=move |_| s.team_id.set(id)>
                                <span class="order">{team.order}</span>
                                <span class="name">{team.name.clone()}</span>
                                {(stage_team == Some(id)).then(|| view! { <span class="tag stage">{t.on_stage}</span> })}
                                {tag}
                                {d.divergent.iter().find(|x| x.round_id == rid && x.team_id == id).map(|x| view! {
                                    <span class="tag spread" title=crate::i18n::panel_texts().spread_chair.replace("{spread}", &num(&x.spread))>
                                        {format!("Δ {}", num(&x.spread))}
                                    </span>
                                })}
                            </button>
                        }
                    }).collect_view()
                })
            }}
        </aside>
    }
}

/// One team's sheet: a row per criterion, the total, the button and what
/// became of the last sheet sent.
#[component]
fn SheetForm(s: DeskState) -> impl IntoView {
    let t = texts();
    let contest_id = s.contest_id();
    let editable = Signal::derive(move || s.round_state() == RoundState::Open);
    let total = move || {
        let v = s.values.get();
        let valid: Vec<Points> =
            s.lines.with(|ls| ls.iter().filter_map(|l| line_points(l, v.get(&l.id.to_string())?)).collect());
        scoring::sheet_total(valid)
    };
    let max_total = move || s.lines.with(|ls| scoring::sheet_total(ls.iter().map(|l| l.max)));
    let team_name = move || {
        let id = s.team_id.get();
        s.desk.with(|d| d.teams.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default())
    };
    view! {
        <form class="sheet" on:submit=move |ev| { ev.prevent_default(); s.submit(); }>
            <h2>{team_name}</h2>
            {move || (!editable.get()).then(|| view! { <p class="banner">{t.round_closed_note}</p> })}
            {move || {
                let (rid, team) = (s.round_id.get(), s.team_id.get());
                s.desk.with(|d| d.divergent.iter().find(|x| x.round_id == rid && x.team_id == team).map(|x| {
                    view! { <p class="banner spread" id="spread-banner">{crate::i18n::panel_texts().spread_chair.replace("{spread}", &num(&x.spread))}</p> }
                }))
            }}
            {move || s.lines.get().into_iter().map(|line| view! { <CriterionRow s=s line=line editable=editable/> }).collect_view()}
            <div class="sheet-foot">
                <p class="sheet-total">{t.total}": "<strong id="sheet-total">{move || num(&total().to_string())}</strong>
                    " / "{move || num(&max_total().to_string())}</p>
                <button type="submit" class="button primary big" id="submit-sheet" disabled=move || !editable.get()>
                    {move || if s.scored(s.team_id.get()) { t.amend_marks } else { t.submit_marks }}
                </button>
                <p class="notice" role="status" id="sheet-notice">
                    {move || s.notice.get().map(|n| match n {
                        Notice::Saved(team) => view! { <span class="ok">{t.saved_ok}" — "{team}</span> }.into_any(),
                        Notice::Sending => view! { <span>{t.sending}</span> }.into_any(),
                        Notice::Queued => view! { <span class="warn">{t.not_sent}</span> }.into_any(),
                        Notice::Refused(m) => view! { <span class="error">{m}</span> }.into_any(),
                        Notice::SignedOut(m) => view! {
                            <span class="error">{m}" "{t.sheet_kept_on_tablet}" "
                                <a class="button small" rel="external" href=format!("/judge/{contest_id}/pass")>{t.open_pass_again}</a>
                            </span>
                        }.into_any(),
                    })}
                </p>
            </div>
        </form>
    }
}

/// A typed mark checked against its line: its points, or why not.
fn check_line(line: &RubricLine, typed: &str) -> Result<Points, kheo_domain::i18n::Problem> {
    let one = BTreeMap::from([(line.id.to_string(), serde_json::Value::String(typed.trim().to_string()))]);
    sheet::check_typed(std::slice::from_ref(line), &one).map(|p| p[0].1)
}

/// A typed mark's points when it is a good one.
fn line_points(line: &RubricLine, typed: &str) -> Option<Points> {
    check_line(line, typed).ok()
}

/// One criterion: its name and maximum, − and + by the allowed step, the
/// typed mark, and what is wrong with it.
#[component]
fn CriterionRow(s: DeskState, line: RubricLine, editable: Signal<bool>) -> impl IntoView {
    let t = texts();
    let key = line.id.to_string();
    let step = button_step(&line);
    let max = line.max;
    let bump = {
        let key = key.clone();
        move |up: bool| {
            s.values.update(|v| {
                let cur = v.get(&key).and_then(|x| Points::parse(x.trim()).ok());
                let next = match (cur, up) {
                    (None, true) => step,
                    (None, false) => Points::ZERO,
                    (Some(c), true) => (c + step).min(max),
                    (Some(c), false) => {
                        if c > step {
                            c - step
                        } else {
                            Points::ZERO
                        }
                    }
                };
                v.insert(key.clone(), num(&next.to_string()));
            });
            s.dirty.set(true);
        }
    };
    let bump_down = bump.clone();
    let shown = {
        let key = key.clone();
        move || s.values.with(|v| v.get(&key).cloned().unwrap_or_default())
    };
    let own_error = {
        let (key, line) = (key.clone(), line.clone());
        move || {
            let typed = s.values.with(|v| v.get(&key).cloned().unwrap_or_default());
            s.field_error.with(|e| e.as_ref().filter(|(c, _)| *c == line.id).map(|(_, m)| m.clone())).or_else(|| {
                (!typed.trim().is_empty()).then(|| check_line(&line, &typed).err().map(|p| p.message(lang()))).flatten()
            })
        }
    };
    let has_error = {
        let own_error = own_error.clone();
        move || own_error().is_some()
    };
    let input_id = format!("c{}", line.id);
    view! {
        <div class="criterion" class:invalid=has_error data-criterion=line.id>
            <label class="criterion-head" for=input_id.clone()>
                <span class="name">{line.name.clone()}</span>
                <span class="max">{t.max_points}" "{num(&line.max.to_string())}</span>
            </label>
            <div class="stepper">
                <button type="button" class="step" aria-label="−" disabled=move || !editable.get()
                    on:click=move |_| bump_down(false)>"−"</button>
                <input id=input_id.clone() name=input_id inputmode="decimal" autocomplete="off"
                    prop:value=shown disabled=move || !editable.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        s.values.update(|v| { v.insert(key.clone(), text); });
                        s.dirty.set(true);
                        s.field_error.set(None);
                    }/>
                <button type="button" class="step" aria-label="+" disabled=move || !editable.get()
                    on:click=move |_| bump(true)>"+"</button>
            </div>
            {move || own_error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}

/// The tablet's clock in milliseconds: the sheet's version.
fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys_now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_now() -> i64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.time_origin() + p.now()) as i64
}
