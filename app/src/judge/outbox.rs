//! The judge's outbox: sheets kept on the tablet until the server has
//! them. It sends them one by one, oldest first, and keeps trying (when the
//! browser says the network is back, and every few seconds); what each
//! answer does to the queue is `pending::settle`, a pure function.

use super::pending::{self, PendingSheet};
use kheo_domain::api::SheetView;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
        let retry = p.retry_later();
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

/// The answer to one sheet sent, as the page hears it: `None` while it is
/// on its way.
pub type Sent = Option<Result<SheetOutcome, ServerFnError>>;

/// The queue of unsent sheets, whether the server was last reachable, and
/// the one flush under way.
#[derive(Clone, Copy)]
pub struct Outbox {
    judge_id: i64,
    /// The sheets not yet acknowledged, oldest first.
    pub queue: RwSignal<Vec<PendingSheet>>,
    /// Whether the last request got through.
    pub online: RwSignal<bool>,
    flushing: StoredValue<bool>,
}

impl Outbox {
    /// An empty outbox for this judge (his stored queue is read after
    /// hydration, by `keep_trying`).
    pub fn new(judge_id: i64) -> Self {
        Outbox {
            judge_id,
            queue: RwSignal::new(Vec::new()),
            online: RwSignal::new(true),
            flushing: StoredValue::new(false),
        }
    }

    /// The unsent marks of one sheet, if any.
    pub fn holds(&self, contest_id: i64, round_id: i64, team_id: i64) -> Option<BTreeMap<String, String>> {
        self.queue.with_untracked(|q| {
            q.iter()
                .find(|e| e.contest_id == contest_id && e.round_id == round_id && e.team_id == team_id)
                .map(|e| e.scores.clone())
        })
    }

    /// Whether a sheet of this round and team waits to be sent.
    pub fn waits(&self, round_id: i64, team_id: i64) -> bool {
        self.queue.with(|q| q.iter().any(|e| e.round_id == round_id && e.team_id == team_id))
    }

    /// Puts a sheet in (replacing an older version of it) and stores the
    /// queue on the tablet before anything is sent.
    pub fn put(&self, entry: PendingSheet) {
        self.queue.update(|q| pending::upsert(q, entry));
        pending::save(self.judge_id, &self.queue.get_untracked());
    }

    /// Sends the queue, oldest first, telling `heard` each answer and what
    /// was sent; a flush already under way is not doubled.
    pub fn flush(&self, heard: impl Fn(&PendingSheet, Sent) + Copy + 'static) {
        let this = *self;
        if this.flushing.get_value() {
            return;
        }
        this.flushing.set_value(true);
        leptos::task::spawn_local(async move {
            while let Some(next) = this.queue.with_untracked(|q| q.first().cloned()) {
                heard(&next, None);
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
                let mut q = this.queue.get_untracked();
                let step = pending::settle(&mut q, &next, outcome);
                if q != this.queue.get_untracked() {
                    this.queue.set(q);
                    pending::save(this.judge_id, &this.queue.get_untracked());
                }
                this.online.set(step.online);
                heard(&next, Some(sent));
                if !step.go_on {
                    break;
                }
            }
            this.flushing.set_value(false);
        });
    }

    /// Start-up in the browser: what a previous page left unsent goes out
    /// first (`restored` runs once the stored queue is read); then retry
    /// when the browser says the network is back, and every few seconds.
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    pub fn keep_trying(
        &self,
        restored: impl Fn() + Copy + 'static,
        heard: impl Fn(&PendingSheet, Sent) + Copy + 'static,
    ) {
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            // After hydration, so the server-rendered page and the first
            // client render agree.
            Effect::new(move |_| {
                this.queue.set(pending::load(this.judge_id));
                restored();
                this.flush(heard);
            });
            let on_online = window_event_listener(leptos::ev::online, move |_| this.flush(heard));
            let on_offline = window_event_listener(leptos::ev::offline, move |_| this.online.set(false));
            let timer = set_interval_with_handle(
                move || {
                    if !this.queue.with_untracked(Vec::is_empty) {
                        this.flush(heard)
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
    }
}
