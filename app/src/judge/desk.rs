//! `/judge/:cid`: the judge's tablet. One sheet per team per round,
//! criterion by criterion, the total computed by the same code the server
//! uses, and marks kept on the device until the server acknowledges them.

use super::pending::{self, PendingSheet};
use crate::i18n::{lang, texts};
use crate::shared::{error_text, id_param, num};
use kheo_domain::Points;
use kheo_domain::api::{JudgeDesk, RoundView, SheetView};
use kheo_domain::contest::RoundState;
use kheo_domain::scoring;
use kheo_domain::sheet::{self, RubricLine};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The judge's desk for a contest.
#[server]
pub async fn load_desk(contest_id: i64) -> Result<JudgeDesk, ServerFnError> {
    use crate::ssr;
    let actor = ssr::signed_in().await?;
    let svc = ssr::services()?;
    kheo_service::judging::desk(&svc.db, &actor, ssr::row_id(contest_id))
        .await
        .map_err(|e| ssr::problem(e.into_problem()))
}

/// What became of a submitted sheet. Refusals are answers, not transport
/// errors: only a failed request leaves the sheet in the queue to retry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetOutcome {
    /// Stored.
    Saved(SheetView),
    /// Refused; `retry` when sending again later can succeed (signed out,
    /// server trouble).
    Refused { code: String, message: String, criterion_id: Option<i64>, retry: bool },
}

/// Submits a sheet through the same service as the JSON API.
#[server(input = Json)]
pub async fn submit_sheet(
    contest_id: i64,
    round_id: i64,
    team_id: i64,
    scores: BTreeMap<String, String>,
    client_version: i64,
) -> Result<SheetOutcome, ServerFnError> {
    use crate::ssr;
    use kheo_domain::api::SheetSubmission;
    use kheo_domain::i18n::Problem;
    let refuse = |p: Problem| {
        let criterion_id = match &p {
            Problem::InvalidScore { criterion_id, .. } => *criterion_id,
            _ => None,
        };
        let retry = matches!(p, Problem::NotSignedIn | Problem::Internal);
        SheetOutcome::Refused { code: p.code().into(), message: p.message(ssr::lang()), criterion_id, retry }
    };
    let Some(actor) = ssr::actor().await? else { return Ok(refuse(Problem::NotSignedIn)) };
    let svc = ssr::services()?;
    let id = ssr::row_id;
    let body = SheetSubmission {
        scores: scores.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect(),
        client_version: Some(client_version),
    };
    match kheo_service::judging::sheets::submit(&svc, &actor, id(contest_id), id(round_id), id(team_id), &body).await {
        Ok(sheet) => Ok(SheetOutcome::Saved(sheet)),
        Err(e) => Ok(refuse(e.into_problem())),
    }
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

#[component]
fn Desk(desk: JudgeDesk) -> impl IntoView {
    let t = texts();
    let judge_id = desk.judge_id;
    let contest_id = desk.contest_id;
    let round_id = RwSignal::new(first_round(&desk));
    let team_id = RwSignal::new(desk.stage.and_then(|s| s.team_id).or(desk.teams.first().map(|t| t.id)).unwrap_or(0));
    let desk = RwSignal::new(desk);
    let values = RwSignal::new(BTreeMap::<String, String>::new());
    let dirty = RwSignal::new(false);
    let queue = RwSignal::new(Vec::<PendingSheet>::new());
    let notice = RwSignal::new(None::<Notice>);
    let field_error = RwSignal::new(None::<(i64, String)>);
    let online = RwSignal::new(true);
    let (live, set_live) = signal(None::<bool>);
    let flushing = StoredValue::new(false);

    // The form shows the unsent version if there is one, else what the
    // server holds, else nothing.
    let load_form = move || {
        let (r, tm) = (round_id.get_untracked(), team_id.get_untracked());
        let from_queue = queue.with_untracked(|q| {
            q.iter()
                .find(|e| e.contest_id == contest_id && e.round_id == r && e.team_id == tm)
                .map(|e| e.scores.clone())
        });
        let stored = desk.with_untracked(|d| {
            d.rounds.iter().find(|x| x.round.id == r).and_then(|x| x.sheets.get(&tm.to_string()).cloned())
        });
        // Shown as the judge's language writes decimals; read back leniently.
        let shown = from_queue.or(stored).unwrap_or_default().into_iter().map(|(k, v)| (k, num(&v))).collect();
        values.set(shown);
        dirty.set(false);
        field_error.set(None);
        notice.set(None);
    };
    Effect::new(move |_| {
        round_id.track();
        team_id.track();
        load_form();
    });

    let flush = move || {
        if flushing.get_value() {
            return;
        }
        flushing.set_value(true);
        leptos::task::spawn_local(async move {
            while let Some(next) = queue.with_untracked(|q| q.first().cloned()) {
                notice.set(Some(Notice::Sending));
                let sent = submit_sheet(
                    next.contest_id,
                    next.round_id,
                    next.team_id,
                    next.scores.clone(),
                    next.client_version,
                )
                .await;
                let outcome = match &sent {
                    Ok(SheetOutcome::Saved(_)) => pending::Outcome::Saved,
                    Ok(SheetOutcome::Refused { code, .. }) if code == "not_signed_in" => pending::Outcome::SignedOut,
                    Ok(SheetOutcome::Refused { retry, .. }) => pending::Outcome::Refused { retry: *retry },
                    Err(_) => pending::Outcome::Unreachable,
                };
                let mut q = queue.get_untracked();
                let step = pending::settle(&mut q, &next, outcome);
                if q != queue.get_untracked() {
                    queue.set(q);
                    pending::save(judge_id, &queue.get_untracked());
                }
                online.set(step.online);
                match sent {
                    Ok(SheetOutcome::Saved(sheet)) => {
                        desk.update(|d| {
                            if let Some(r) = d.rounds.iter_mut().find(|r| r.round.id == sheet.round_id) {
                                r.sheets.insert(sheet.team_id.to_string(), sheet.scores.clone());
                            }
                        });
                        let team = desk.with_untracked(|d| {
                            d.teams.iter().find(|x| x.id == sheet.team_id).map(|x| x.name.clone()).unwrap_or_default()
                        });
                        notice.set(Some(Notice::Saved(team)));
                    }
                    Ok(SheetOutcome::Refused { code, message, .. }) if code == "not_signed_in" => {
                        notice.set(Some(Notice::SignedOut(message)));
                    }
                    Ok(SheetOutcome::Refused { message, criterion_id, .. }) => {
                        if let Some(c) = criterion_id {
                            field_error.set(Some((c, message.clone())));
                        }
                        notice.set(Some(Notice::Refused(message)));
                    }
                    // The request did not get through: kept, tried later.
                    Err(_) => notice.set(Some(Notice::Queued)),
                }
                if !step.go_on {
                    break;
                }
            }
            flushing.set_value(false);
        });
    };

    // Start-up: what a previous page left unsent goes out first; then retry
    // when the browser says the network is back, and every few seconds.
    #[cfg(feature = "hydrate")]
    {
        // After hydration, so the server-rendered page and the first
        // client render agree.
        Effect::new(move |_| {
            queue.set(pending::load(judge_id));
            load_form();
            flush();
        });
        let on_online = window_event_listener(leptos::ev::online, move |_| flush());
        let on_offline = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        let timer = set_interval_with_handle(
            move || {
                if !queue.with_untracked(Vec::is_empty) {
                    flush()
                }
            },
            std::time::Duration::from_secs(4),
        )
        .ok();
        let held = send_wrapper::SendWrapper::new((on_online, on_offline, timer));
        on_cleanup(move || {
            let (on_online, on_offline, timer) = held.take();
            on_online.remove();
            on_offline.remove();
            if let Some(t) = timer {
                t.clear();
            }
        });
    }

    // Round states and the stage follow the organiser live.
    crate::live::follow(
        contest_id,
        move |board| {
            let stage_before = desk.with_untracked(|d| d.stage);
            desk.update(|d| {
                for r in &mut d.rounds {
                    if let Some(h) = board.rounds.iter().find(|h| h.id == r.round.id) {
                        r.round.state = h.state;
                    }
                }
                d.stage = board.stage;
            });
            if board.stage != stage_before
                && !dirty.get_untracked()
                && let Some(stage) = board.stage
            {
                if desk.with_untracked(|d| d.rounds.iter().any(|r| r.round.id == stage.round_id)) {
                    round_id.set(stage.round_id);
                }
                if let Some(tm) = stage.team_id {
                    team_id.set(tm);
                }
            }
        },
        set_live,
    );

    let lines = Memo::new(move |_| desk.with(|d| rubric(d, round_id.get())));
    let round_state = Memo::new(move |_| {
        desk.with(|d| d.rounds.iter().find(|r| r.round.id == round_id.get()).map(|r| r.round.state))
            .unwrap_or(RoundState::Draft)
    });
    let editable = move || round_state.get() == RoundState::Open;
    let total = move || {
        let v = values.get();
        let valid: Vec<Points> = lines.with(|ls| {
            ls.iter()
                .filter_map(|l| {
                    let one = BTreeMap::from([(
                        l.id.to_string(),
                        serde_json::Value::String(v.get(&l.id.to_string())?.clone()),
                    )]);
                    sheet::check_typed(std::slice::from_ref(l), &one).ok().map(|p| p[0].1)
                })
                .collect()
        });
        scoring::sheet_total(valid)
    };
    let max_total = move || lines.with(|ls| scoring::sheet_total(ls.iter().map(|l| l.max)));
    let already_sent = move || {
        desk.with(|d| {
            d.rounds
                .iter()
                .find(|r| r.round.id == round_id.get())
                .is_some_and(|r| r.sheets.contains_key(&team_id.get().to_string()))
        })
    };
    let submit = move |_| {
        let v = values.get_untracked();
        let body: BTreeMap<String, serde_json::Value> =
            v.iter().map(|(k, x)| (k.clone(), serde_json::Value::String(x.trim().to_string()))).collect();
        match sheet::check_typed(&lines.get_untracked(), &body) {
            Err(p) => {
                if let kheo_domain::i18n::Problem::InvalidScore { criterion_id: Some(c), .. } = &p {
                    field_error.set(Some((*c, p.message(lang()))));
                }
                notice.set(Some(Notice::Refused(t.fix_errors.to_string())));
            }
            Ok(points) => {
                let entry = PendingSheet {
                    contest_id,
                    round_id: round_id.get_untracked(),
                    team_id: team_id.get_untracked(),
                    scores: points.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect(),
                    client_version: now_ms(),
                };
                queue.update(|q| pending::upsert(q, entry));
                pending::save(judge_id, &queue.get_untracked());
                dirty.set(false);
                field_error.set(None);
                // On to the next team in running order still without a
                // sheet, as the hall does; after the last one (or an
                // amendment with every later team scored) the sheet stays.
                let here = team_id.get_untracked();
                let rid = round_id.get_untracked();
                let next = desk.with_untracked(|d| {
                    let i = d.teams.iter().position(|x| x.id == here)?;
                    let sent = d.rounds.iter().find(|r| r.round.id == rid).map(|r| &r.sheets);
                    d.teams[i + 1..]
                        .iter()
                        .find(|x| sent.is_none_or(|s| !s.contains_key(&x.id.to_string())))
                        .map(|x| x.id)
                });
                if let Some(next) = next {
                    team_id.set(next);
                }
                flush();
            }
        }
    };

    let team_name =
        move |id: i64| desk.with(|d| d.teams.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default());
    view! {
        <section class="desk">
            <header class="desk-head">
                <div>
                    <h1>{move || desk.with(|d| d.contest_name.clone())}</h1>
                    <p class="muted">{t.role_judge}": "<strong>{move || desk.with(|d| d.judge_name.clone())}</strong></p>
                </div>
                <div class="desk-status">
                    <span class="net" class:off=move || !online.get()>{move || if online.get() { t.online } else { t.offline_short }}</span>
                    {move || {
                        let n = queue.with(Vec::len);
                        (n > 0).then(|| view! { <span class="pending-count" id="pending-count">{n}" "{t.pending_count}</span> })
                    }}
                    {move || live.get().map(|on| view! { <span class="live-status" class:on=on>{if on { t.live } else { t.reconnecting }}</span> })}
                </div>
            </header>
            {move || (!online.get()).then(|| view! { <p class="banner warn" role="status">{t.offline}</p> })}

            <nav class="tabs" aria-label=t.round>
                {move || desk.with(|d| d.rounds.iter().map(|r| {
                    let id = r.round.id;
                    let name = r.round.name.clone();
                    let state = r.round.state;
                    view! {
                        <button type="button" class="tab" class:active=move || round_id.get() == id
                            class:open=state == RoundState::Open on:click=move |_| round_id.set(id)>
                            <span>{name}</span>
                            <small>{t.round_state(state)}</small>
                        </button>
                    }
                }).collect_view())}
            </nav>

            <div class="desk-body">
                <aside class="team-list" aria-label=t.choose_team>
                    {move || {
                        let stage_team = desk.with(|d| d.stage.filter(|s| s.round_id == round_id.get()).and_then(|s| s.team_id));
                        desk.with(|d| d.teams.iter().map(|team| {
                            let id = team.id;
                            let scored = d.rounds.iter().find(|r| r.round.id == round_id.get()).is_some_and(|r| r.sheets.contains_key(&id.to_string()));
                            let unsent = queue.with(|q| q.iter().any(|e| e.round_id == round_id.get() && e.team_id == id));
                            view! {
                                <button type="button" class="team-pick" class:active=move || team_id.get() == id
                                    data-team=id on:click=move |_| team_id.set(id)>
                                    <span class="order">{team.order}</span>
                                    <span class="name">{team.name.clone()}</span>
                                    {(stage_team == Some(id)).then(|| view! { <span class="tag stage">{t.on_stage}</span> })}
                                    {if unsent {
                                        view! { <span class="tag unsent">{t.not_sent}</span> }.into_any()
                                    } else if scored {
                                        view! { <span class="tag done">"✓ "{t.scored}</span> }.into_any()
                                    } else {
                                        ().into_any()
                                    }}
                                </button>
                            }
                        }).collect_view())
                    }}
                </aside>

                <form class="sheet" on:submit=move |ev| { ev.prevent_default(); submit(()); }>
                    <h2>{move || team_name(team_id.get())}</h2>
                    {move || (!editable()).then(|| view! { <p class="banner">{t.round_closed_note}</p> })}
                    {move || lines.get().into_iter().map(|line| {
                        let key = line.id.to_string();
                        let key_in = key.clone();
                        let key_err = line.id;
                        let step = button_step(&line);
                        let max = line.max;
                        let bump = move |up: bool| {
                            let key = key.clone();
                            values.update(|v| {
                                let cur = v.get(&key).and_then(|x| Points::parse(x.trim()).ok());
                                let next = match (cur, up) {
                                    (None, true) => step,
                                    (None, false) => Points::ZERO,
                                    (Some(c), true) => (c + step).min(max),
                                    (Some(c), false) => if c > step { c - step } else { Points::ZERO },
                                };
                                v.insert(key, num(&next.to_string()));
                            });
                            dirty.set(true);
                        };
                        let bump_down = bump.clone();
                        let shown = {
                            let key = key_in.clone();
                            move || values.with(|v| v.get(&key).cloned().unwrap_or_default())
                        };
                        let own_error = move || {
                            let typed = values.with(|v| v.get(&key_err.to_string()).cloned().unwrap_or_default());
                            field_error.with(|e| e.as_ref().filter(|(c, _)| *c == key_err).map(|(_, m)| m.clone())).or_else(|| {
                                (!typed.trim().is_empty()).then(|| {
                                    let one = BTreeMap::from([(key_err.to_string(), serde_json::Value::String(typed.trim().to_string()))]);
                                    lines.with_untracked(|ls| ls.iter().find(|l| l.id == key_err).cloned())
                                        .and_then(|l| sheet::check_typed(&[l], &one).err())
                                        .map(|p| p.message(lang()))
                                }).flatten()
                            })
                        };
                        let has_error = move || own_error().is_some();
                        view! {
                            <div class="criterion" class:invalid=has_error data-criterion=line.id>
                                <label class="criterion-head" for=format!("c{}", line.id)>
                                    <span class="name">{line.name.clone()}</span>
                                    <span class="max">{t.max_points}" "{num(&line.max.to_string())}</span>
                                </label>
                                <div class="stepper">
                                    <button type="button" class="step" aria-label="−" disabled=move || !editable()
                                        on:click=move |_| bump_down(false)>"−"</button>
                                    <input id=format!("c{}", line.id) name=format!("c{}", line.id) inputmode="decimal" autocomplete="off"
                                        prop:value=shown disabled=move || !editable()
                                        on:input=move |ev| {
                                            let text = event_target_value(&ev);
                                            values.update(|v| { v.insert(key_in.clone(), text); });
                                            dirty.set(true);
                                            field_error.set(None);
                                        }/>
                                    <button type="button" class="step" aria-label="+" disabled=move || !editable()
                                        on:click=move |_| bump(true)>"+"</button>
                                </div>
                                {move || own_error().map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                        }
                    }).collect_view()}
                    <div class="sheet-foot">
                        <p class="sheet-total">{t.total}": "<strong id="sheet-total">{move || num(&total().to_string())}</strong>
                            " / "{move || num(&max_total().to_string())}</p>
                        <button type="submit" class="button primary big" id="submit-sheet" disabled=move || !editable()>
                            {move || if already_sent() { t.amend_marks } else { t.submit_marks }}
                        </button>
                        <p class="notice" role="status" id="sheet-notice">
                            {move || notice.get().map(|n| match n {
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
            </div>
        </section>
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
