//! Contests: creating one from a whole definition, reading it, listing
//! them, and moving rounds through their states. `setup` edits one before
//! it begins.

pub mod advance;
mod conflicts;
pub mod corrections;
mod rounds;
pub mod setup;
pub(crate) mod store;

pub use conflicts::{set_conflicts, views as conflict_views};
pub use rounds::{round_gaps, set_overtime, set_round_state};
pub(crate) use store::{TeamRow, insert, resolve_judges};
// Contests are read and their changes journalled below the areas; the
// paths callers know stay.
pub use crate::journal::commit_change;
pub use crate::records::{ContestRows, load, load_many};

use crate::accounts::Actor;
use crate::accounts::access;
use crate::db::{self};
use crate::entity::{contest, member, panel_member, question, user};
use crate::error::Result;
use crate::journal::{self, Record};
use kheo_domain::Points;
use kheo_domain::api::{
    ContestDefinition, ContestList, ContestSummary, ContestView, CriterionView, JudgeView, MemberView, OvertimeDef,
    QuestionView, RoundView, TeamModel, TeamOrigin, TeamView,
};
use kheo_domain::contest::{MemberRole, ModelField, ModelKind};
use kheo_domain::definition::{self};
use kheo_domain::i18n::Problem;
use kheo_domain::standings::Stage;
use kheo_domain::user::Role;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

/// A question's choices, stored as a JSON list of strings.
pub(crate) fn choices(q: &question::Model) -> Vec<String> {
    serde_json::from_str(&q.options).unwrap_or_default()
}

pub(crate) fn step_text(step: i64) -> Option<String> {
    (step > 0).then(|| Points::from_hundredths(step).to_string())
}

/// The contest object of the contract.
fn judge_view((seat, u): &(panel_member::Model, user::Model)) -> JudgeView {
    JudgeView {
        id: i64::from(u.id),
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        chair: seat.is_chair,
    }
}

pub fn view(l: &ContestRows) -> ContestView {
    let c = &l.contest;
    ContestView {
        id: i64::from(c.id),
        name: c.name.clone(),
        level: c.level,
        unit: c.unit.clone(),
        year: c.year,
        date: c.date.clone(),
        venue: c.venue.clone(),
        aggregation: c.aggregation,
        tie_break_rounds: serde_json::from_str(&c.tie_break_rounds).unwrap_or_default(),
        qualified_from: c.qualified_from_id.map(i64::from),
        stage: c.stage_round_id.map(|r| Stage { round_id: i64::from(r), team_id: c.stage_team_id.map(i64::from) }),
        rounds: l
            .rounds
            .iter()
            .map(|r| RoundView {
                id: i64::from(r.id),
                name: r.name.clone(),
                kind: r.kind,
                state: r.state,
                time_limit_seconds: r.time_limit_seconds.map(|s| s as u32),
                overtime: (r.overtime_per_minute > 0).then(|| OvertimeDef {
                    per_started_minute: Points::from_hundredths(r.overtime_per_minute).to_string(),
                    grace_seconds: r.overtime_grace_seconds as u32,
                }),
                step: step_text(r.step),
                criteria: l
                    .criteria_of(r.id)
                    .map(|c| CriterionView {
                        id: i64::from(c.id),
                        name: c.name.clone(),
                        max_points: Points::from_hundredths(c.max_points).to_string(),
                        step: step_text(c.step),
                    })
                    .collect(),
                questions: l
                    .questions_of(r.id)
                    .map(|q| QuestionView {
                        id: i64::from(q.id),
                        prompt: q.prompt.clone(),
                        options: choices(q),
                        points: Points::from_hundredths(q.points).to_string(),
                    })
                    .collect(),
            })
            .collect(),
        teams: l
            .teams
            .iter()
            .map(|t| {
                let mut members: Vec<&member::Model> = l.members.iter().filter(|m| m.team_id == t.id).collect();
                // Captain first, then the order they were entered in.
                members.sort_by_key(|m| (m.role != MemberRole::Captain.as_str(), m.position));
                TeamView {
                    id: i64::from(t.id),
                    name: t.name.clone(),
                    unit: t.unit.clone(),
                    order: t.running_order,
                    members: members.iter().map(|m| m.name.clone()).collect(),
                    member_roles: members
                        .iter()
                        .map(|m| MemberView {
                            name: m.name.clone(),
                            role: MemberRole::read(&m.role).unwrap_or(MemberRole::Main),
                        })
                        .collect(),
                    model_name: t.model_name.clone(),
                    model_field: t.model_field.as_deref().and_then(ModelField::parse),
                    model: t.model_name.as_ref().map(|name| TeamModel {
                        name: name.clone(),
                        field: t.model_field.as_deref().and_then(ModelField::parse),
                        kind: t.model_kind.as_deref().and_then(ModelKind::parse),
                        id: t.model_id.map(i64::from),
                    }),
                    origin: t.origin_contest_id.map(|c| TeamOrigin {
                        contest_id: i64::from(c),
                        team_id: t.origin_team_id.map(i64::from),
                        award: t.origin_award.clone(),
                        contest_name: l.origin_names.get(&c).cloned(),
                    }),
                    unit_id: t.unit_id.map(i64::from),
                    withdrawn: t.withdrawn_at.is_some(),
                    block: t.block.clone(),
                    member_details: None,
                }
            })
            .collect(),
        judges: l.panel.iter().filter(|(s, _)| s.counts).map(judge_view).collect(),
        trainees: l.panel.iter().filter(|(s, _)| !s.counts).map(judge_view).collect(),
        conflicts: None,
        divergence_points: l.contest.divergence_points.map(|h| Points::from_hundredths(h).to_string()),
        unit_id: c.org_unit_id.map(i64::from),
        parent_id: c.parent_id.map(i64::from),
        awards: store::prizes_of(c),
        side_prizes: store::side_prizes_of(c),
        purpose: c.purpose.clone(),
        recognition_threshold: c.recognition_threshold.map(|h| Points::from_hundredths(h).to_string()),
    }
}

/// `GET /contests/{id}`: public, without private data, but for the
/// contest's organisers, who also see each member's details.
pub async fn get(svc: &crate::Services, viewer: Option<&Actor>, id: i32) -> Result<ContestView> {
    let db = &svc.db;
    let l = load(db, id).await?;
    let mut v = view(&l);
    if viewer.is_some_and(|a| access::manages(a, &l.contest)) {
        add_member_details(&mut v, &l);
    }
    Ok(v)
}

/// Gives each team of the view its members with ids and details, in the
/// order they were entered, and the view the contest's conflicts of
/// interest: what its organisers see.
fn add_member_details(v: &mut ContestView, l: &ContestRows) {
    v.conflicts = Some(conflicts::views(l));
    for t in &mut v.teams {
        let lines = l.members.iter().filter(|m| i64::from(m.team_id) == t.id).map(store::member_def_line).collect();
        t.member_details = Some(lines);
    }
}

/// `GET /contests`: newest first.
pub async fn list(svc: &crate::Services) -> Result<ContestList> {
    let db = &svc.db;
    list_db(db).await
}

/// The contest list, inside a transaction or not.
pub(crate) async fn list_db(db: &impl ConnectionTrait) -> Result<ContestList> {
    let rows =
        contest::Entity::find().order_by_desc(contest::Column::Year).order_by_desc(contest::Column::Id).all(db).await?;
    Ok(ContestList { contests: rows.into_iter().map(summary).collect() })
}

/// A contest as lists show it.
pub fn summary(c: contest::Model) -> ContestSummary {
    ContestSummary {
        id: i64::from(c.id),
        name: c.name,
        level: c.level,
        unit: c.unit,
        year: c.year,
        date: c.date,
        unit_id: c.org_unit_id.map(i64::from),
        parent_id: c.parent_id.map(i64::from),
    }
}

/// `POST /contests`: validates the whole definition, then stores it in one
/// transaction. A bad field stores nothing.
pub async fn create(svc: &crate::Services, actor: &Actor, def: &ContestDefinition) -> Result<ContestView> {
    let db = &svc.db;
    if !matches!(actor.role, Role::Admin | Role::Organiser) {
        return Err(Problem::Forbidden.into());
    }
    let filled = crate::models::council::fill_teams(db, actor, def).await?;
    let valid = definition::validate(&filled)?;
    let txn = db::write(db).await?;
    let judges = resolve_judges(&txn, &valid).await?;
    let placement = store::place(&txn, actor, &valid, None).await?;
    let id = insert(&txn, actor, &valid, &placement, &judges).await?;
    let loaded = load(&txn, id).await?;
    let out = view(&loaded);
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(id),
            action: "contest.create",
            object_type: "contest",
            object_id: Some(id),
            old: None,
            new: journal::json(def),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(out)
}

/// What a write to a contest asks of its author.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// He runs the contest.
    Manage,
    /// He sits on its panel.
    Panel,
}

/// Authorises a write to a contest before its body is read: the contest
/// must exist (404) and the actor must run it, or judge in it (403). The
/// services check again, with what the body names.
pub async fn authorise(svc: &crate::Services, actor: &Actor, cid: i32, need: Need) -> Result<()> {
    let l = svc.sheet_writer.shape(cid).await?;
    match need {
        Need::Manage if access::manages(actor, &l.contest) => Ok(()),
        Need::Manage => Err(Problem::Forbidden.into()),
        Need::Panel if access::judges_in(actor, cid, &l.panel) => Ok(()),
        Need::Panel => Err(Problem::NotOnPanel.into()),
    }
}

/// The contests an organiser runs (every contest for an admin), newest first.
pub async fn managed_by(svc: &crate::Services, actor: &Actor) -> Result<ContestList> {
    let db = &svc.db;
    let all =
        contest::Entity::find().order_by_desc(contest::Column::Year).order_by_desc(contest::Column::Id).all(db).await?;
    Ok(ContestList { contests: all.into_iter().filter(|c| access::manages(actor, c)).map(summary).collect() })
}

/// The contest object, for its organisers only.
pub async fn get_managed(svc: &crate::Services, actor: &Actor, id: i32) -> Result<ContestView> {
    let db = &svc.db;
    let l = load(db, id).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let mut v = view(&l);
    add_member_details(&mut v, &l);
    Ok(v)
}
