//! The signed record (biên bản tổng hợp điểm): every round with every
//! judge's sheet per team, the aggregation, deductions and their reasons,
//! totals, ranks and prizes; and the paperwork's settings it is signed
//! with.

use super::Full;
use crate::accounts::{Actor, access};
use crate::contests;
use crate::db::{self};
use crate::entity::{contest, quiz_mark, sheet, sheet_score};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use crate::standings;
use kheo_domain::Points;
use kheo_domain::api::{Paperwork, RecordCriterion, RecordLine, RecordRound, RecordSheet, RecordView};
use kheo_domain::contest::RoundKind;
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::paper::SheetSource;
use kheo_domain::results;
use kheo_domain::standings::breakdown;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// A contest's paperwork settings, filled from what is known where the
/// organiser has set nothing: the panel's chair heads the jury, the
/// organising unit issues certificates.
pub fn paperwork_of(l: &contests::ContestRows) -> Paperwork {
    let mut p: Paperwork =
        l.contest.paperwork.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
    if p.jury_head.is_empty()
        && let Some((_, chair)) = l.panel.iter().find(|(s, _)| s.is_chair)
    {
        p.jury_head = chair.display_name.clone();
    }
    if p.issuer.is_empty() {
        p.issuer = format!("BAN TỔ CHỨC HỘI THI — {}", l.contest.unit.to_uppercase());
    }
    if p.signer_title.is_empty() {
        p.signer_title = "TRƯỞNG BAN TỔ CHỨC".into();
    }
    if p.certificate_text.is_empty() {
        p.certificate_text = "Đã đạt {giai} tại {hoi_thi}.".into();
    }
    p
}

/// Saves the paperwork's settings.
pub async fn set_paperwork(svc: &crate::Services, actor: &Actor, cid: i32, p: &Paperwork) -> Result<Paperwork> {
    let db = &svc.db;
    let fields = [
        ("place", &p.place, 200),
        ("jury_head", &p.jury_head, 120),
        ("secretary", &p.secretary, 120),
        ("committee_head", &p.committee_head, 120),
        ("issuer", &p.issuer, 300),
        ("decision_number", &p.decision_number, 60),
        ("signer_title", &p.signer_title, 200),
        ("signer_name", &p.signer_name, 120),
        ("certificate_text", &p.certificate_text, 2000),
    ];
    for (field, value, max) in fields {
        if value.chars().count() > max {
            return Err(Error::field(field, FieldFault::TooLong { max }));
        }
    }
    if let Err((field, fault)) = kheo_domain::paperwork::check(&p.place, &p.certificate_text) {
        return Err(Error::field(field, fault));
    }
    if !p.decision_date.trim().is_empty() && kheo_domain::definition::parse_date(p.decision_date.trim()).is_none() {
        return Err(Error::field("decision_date", FieldFault::Date));
    }
    let txn = db::write(db).await?;
    let c = contest::Entity::find_by_id(cid).one(&txn).await?.ok_or_else(|| Error::not_found("contest"))?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    let old = c.paperwork.clone();
    let mut row: contest::ActiveModel = c.into();
    row.paperwork = Set(Some(serde_json::to_string(p).expect("settings serialise")));
    row.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "results.paperwork",
            object_type: "contest",
            object_id: Some(cid),
            old: old.and_then(|o| serde_json::from_str(&o).ok()),
            new: journal::json(p),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(p.clone())
}

fn text(p: Points) -> String {
    p.to_string()
}

/// The record of a contest whose results the actor may have.
pub async fn record(svc: &crate::Services, actor: Option<&Actor>, cid: i32) -> Result<RecordView> {
    let db = &svc.db;
    let Full { loaded: l, standings: full, awarded } = super::for_export(svc, actor, cid).await?;
    let (_, input) = standings::full(db, &l).await?;
    let sheets = sheet::Entity::find().filter(sheet::Column::ContestId.eq(cid)).all(db).await?;
    let mut points: HashMap<(i32, i32), i64> = HashMap::new();
    for s in sheet_score::Entity::find()
        .filter(sheet_score::Column::SheetId.is_in(sheets.iter().map(|s| s.id).collect::<Vec<_>>()))
        .all(db)
        .await?
    {
        points.insert((s.sheet_id, s.criterion_id), s.points);
    }
    let mut typist_ids: Vec<i32> = sheets.iter().filter_map(|s| s.entered_by).collect();
    typist_ids.extend(sheets.iter().filter_map(|s| s.confirmed_by));
    let typists = crate::accounts::users::usernames(svc, typist_ids).await?;
    let round_ids: Vec<i32> = l.rounds.iter().map(|r| r.id).collect();
    let marks = quiz_mark::Entity::find().filter(quiz_mark::Column::RoundId.is_in(round_ids)).all(db).await?;
    let mut view = contests::view(&l);
    // The signed record names who did not score whom, and why.
    view.conflicts = Some(contests::conflict_views(&l));
    let rounds = l
        .rounds
        .iter()
        .zip(&input.rounds)
        .zip(&view.rounds)
        .map(|((r, ri), rv)| {
            let criteria: Vec<RecordCriterion> = l
                .criteria_of(r.id)
                .map(|c| RecordCriterion {
                    id: i64::from(c.id),
                    name: c.name.clone(),
                    max_points: text(Points::from_hundredths(c.max_points)),
                })
                .collect();
            let lines = l
                .teams
                .iter()
                .map(|t| {
                    let b = breakdown(&input, ri, i64::from(t.id));
                    let judged = rv.kind == RoundKind::Judged;
                    let sheets_of = |trainees: bool| {
                        l.panel
                            .iter()
                            .filter(|(seat, _)| seat.counts != trainees)
                            .map(|(_, u)| {
                                let s = sheets
                                    .iter()
                                    .find(|s| s.round_id == r.id && s.team_id == t.id && s.judge_id == u.id);
                                RecordSheet {
                                    judge_id: i64::from(u.id),
                                    scores: criteria
                                        .iter()
                                        .map(|c| {
                                            s.and_then(|s| points.get(&(s.id, c.id as i32)))
                                                .map(|p| text(Points::from_hundredths(*p)))
                                        })
                                        .collect(),
                                    total: s.map(|s| text(Points::from_hundredths(s.total))),
                                    paper: s.filter(|s| s.source == SheetSource::Paper).map(|s| {
                                        let name = |id: Option<i32>| {
                                            id.and_then(|i| typists.get(&i).cloned()).unwrap_or_default()
                                        };
                                        (name(s.entered_by), name(s.confirmed_by))
                                    }),
                                }
                            })
                            .collect::<Vec<_>>()
                    };
                    let (sheets, trainee_sheets) =
                        if judged { (sheets_of(false), sheets_of(true)) } else { (Vec::new(), Vec::new()) };
                    let quiz = (!judged).then(|| {
                        let mine: Vec<_> = marks.iter().filter(|m| m.round_id == r.id && m.team_id == t.id).collect();
                        (mine.iter().filter(|m| m.correct).count(), l.questions_of(r.id).count())
                    });
                    RecordLine {
                        team_id: i64::from(t.id),
                        team: t.name.clone(),
                        unit: t.unit.clone(),
                        order: t.running_order,
                        withdrawn: t.withdrawn_at.is_some(),
                        sheets,
                        quiz,
                        raw: b.raw.map(Points::fixed2),
                        over_seconds: b.over_seconds,
                        deduction: b.deduction.fixed2(),
                        score: b.score().map(Points::fixed2),
                        trainee_sheets,
                    }
                })
                .collect();
            RecordRound { id: rv.id, name: rv.name.clone(), kind: rv.kind, state: rv.state, criteria, lines }
        })
        .collect();
    Ok(RecordView {
        is_final: results::is_final(&full),
        paperwork: paperwork_of(&l),
        contest: view,
        rounds,
        standings: full.standings,
        awards: awarded.main,
        side_prizes: awarded.side,
        ledger_head: Some(crate::journal::chain::head(db, cid).await?).filter(|h| h != kheo_domain::ledger::GENESIS),
    })
}
