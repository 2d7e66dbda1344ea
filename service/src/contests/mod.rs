//! Contests: creating one from a whole definition, reading it, listing
//! them, and moving rounds through their states. `setup` edits one before
//! it begins.

pub mod setup;

use crate::accounts::Actor;
use crate::accounts::access;
use crate::audit::{self, Record};
use crate::db::{self, Db, now_ms};
use crate::entity::{contest, criterion, member, panel_member, question, round, team, user};
use crate::error::{Error, Result};
use crate::standings::live::Hub;
use kheo_domain::Points;
use kheo_domain::api::{
    ContestDefinition, ContestList, ContestSummary, ContestView, CriterionView, JudgeView, MemberView, OvertimeDef,
    QuestionView, RoundView, TeamView,
};
use kheo_domain::contest::{Level, MemberRole, ModelField, RoundKind, RoundState};
use kheo_domain::definition::{self, ValidContest};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::scoring::Aggregation;
use kheo_domain::standings::Stage;
use kheo_domain::user::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

/// A contest with everything that hangs off it, read in a few queries.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The contest row.
    pub contest: contest::Model,
    /// Rounds in order.
    pub rounds: Vec<round::Model>,
    /// Criteria in order.
    pub criteria: Vec<criterion::Model>,
    /// Questions in order.
    pub questions: Vec<question::Model>,
    /// Teams in running order.
    pub teams: Vec<team::Model>,
    /// Members in order.
    pub members: Vec<member::Model>,
    /// Panel seats with their users.
    pub panel: Vec<(panel_member::Model, user::Model)>,
}

impl Loaded {
    /// The round with this id, if it belongs to the contest.
    pub fn round(&self, id: i32) -> Option<&round::Model> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The team with this id, if it belongs to the contest.
    pub fn team(&self, id: i32) -> Option<&team::Model> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// The criteria of a round, in order.
    pub fn criteria_of(&self, round_id: i32) -> impl Iterator<Item = &criterion::Model> {
        self.criteria.iter().filter(move |c| c.round_id == round_id)
    }

    /// The questions of a quiz round, in order.
    pub fn questions_of(&self, round_id: i32) -> impl Iterator<Item = &question::Model> {
        self.questions.iter().filter(move |q| q.round_id == round_id)
    }
}

/// A question's choices, stored as a JSON list of strings.
pub(crate) fn choices(q: &question::Model) -> Vec<String> {
    serde_json::from_str(&q.options).unwrap_or_default()
}

/// Reads a contest and its parts; `not_found` when there is none.
pub async fn load(db: &impl ConnectionTrait, id: i32) -> Result<Loaded> {
    let contest = contest::Entity::find_by_id(id).one(db).await?.ok_or_else(|| Error::not_found("contest"))?;
    let rounds = round::Entity::find()
        .filter(round::Column::ContestId.eq(id))
        .order_by_asc(round::Column::Position)
        .all(db)
        .await?;
    let round_ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let criteria = criterion::Entity::find()
        .filter(criterion::Column::RoundId.is_in(round_ids.clone()))
        .order_by_asc(criterion::Column::Position)
        .all(db)
        .await?;
    let questions = question::Entity::find()
        .filter(question::Column::RoundId.is_in(round_ids))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let teams = team::Entity::find()
        .filter(team::Column::ContestId.eq(id))
        .order_by_asc(team::Column::RunningOrder)
        .order_by_asc(team::Column::Id)
        .all(db)
        .await?;
    let members = member::Entity::find()
        .filter(member::Column::TeamId.is_in(teams.iter().map(|t| t.id).collect::<Vec<_>>()))
        .order_by_asc(member::Column::Position)
        .all(db)
        .await?;
    let seats = panel_member::Entity::find()
        .filter(panel_member::Column::ContestId.eq(id))
        .order_by_asc(panel_member::Column::Id)
        .all(db)
        .await?;
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(seats.iter().map(|s| s.user_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let panel = seats.into_iter().filter_map(|s| users.get(&s.user_id).cloned().map(|u| (s, u))).collect();
    Ok(Loaded { contest, rounds, criteria, questions, teams, members, panel })
}

pub(crate) fn step_text(step: i64) -> Option<String> {
    (step > 0).then(|| Points::from_hundredths(step).to_string())
}

/// The contest object of the contract.
pub fn view(l: &Loaded) -> ContestView {
    let c = &l.contest;
    ContestView {
        id: i64::from(c.id),
        name: c.name.clone(),
        level: Level::parse(&c.level).unwrap_or(Level::Commune),
        unit: c.unit.clone(),
        year: c.year,
        date: c.date.clone(),
        venue: c.venue.clone(),
        aggregation: Aggregation::parse(&c.aggregation).unwrap_or_default(),
        tie_break_rounds: serde_json::from_str(&c.tie_break_rounds).unwrap_or_default(),
        qualified_from: c.qualified_from_id.map(i64::from),
        stage: c.stage_round_id.map(|r| Stage { round_id: i64::from(r), team_id: c.stage_team_id.map(i64::from) }),
        rounds: l
            .rounds
            .iter()
            .map(|r| RoundView {
                id: i64::from(r.id),
                name: r.name.clone(),
                kind: RoundKind::parse(&r.kind).unwrap_or(RoundKind::Judged),
                state: RoundState::parse(&r.state).unwrap_or(RoundState::Draft),
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
                            role: MemberRole::parse(&m.role).unwrap_or(MemberRole::Member),
                        })
                        .collect(),
                    model_name: t.model_name.clone(),
                    model_field: t.model_field.as_deref().and_then(ModelField::parse),
                }
            })
            .collect(),
        judges: l
            .panel
            .iter()
            .map(|(s, u)| JudgeView {
                id: i64::from(u.id),
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                chair: s.is_chair,
            })
            .collect(),
    }
}

/// `GET /contests/{id}`: public, without private data.
pub async fn get(db: &Db, id: i32) -> Result<ContestView> {
    Ok(view(&load(db, id).await?))
}

/// `GET /contests`: newest first.
pub async fn list(db: &Db) -> Result<ContestList> {
    let rows =
        contest::Entity::find().order_by_desc(contest::Column::Year).order_by_desc(contest::Column::Id).all(db).await?;
    Ok(ContestList { contests: rows.into_iter().map(summary).collect() })
}

fn summary(c: contest::Model) -> ContestSummary {
    ContestSummary {
        id: i64::from(c.id),
        name: c.name,
        level: Level::parse(&c.level).unwrap_or(Level::Commune),
        unit: c.unit,
        year: c.year,
        date: c.date,
    }
}

/// `POST /contests`: validates the whole definition, then stores it in one
/// transaction. A bad field stores nothing.
pub async fn create(db: &Db, actor: &Actor, def: &ContestDefinition) -> Result<ContestView> {
    if !matches!(actor.role, Role::Admin | Role::Organiser) {
        return Err(Problem::Forbidden.into());
    }
    let valid = definition::validate(def)?;
    let txn = db::write(db).await?;
    let judges = resolve_judges(&txn, &valid).await?;
    if let Some(src) = valid.qualified_from
        && contest::Entity::find_by_id(i32::try_from(src).unwrap_or(-1)).one(&txn).await?.is_none()
    {
        return Err(Error::field("qualified_from", FieldFault::UnknownContest));
    }
    let id = insert(&txn, actor, &valid, &judges).await?;
    let loaded = load(&txn, id).await?;
    let out = view(&loaded);
    audit::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(id),
            action: "contest.create",
            object_type: "contest",
            object_id: Some(id),
            old: None,
            new: audit::json(def),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(out)
}

/// Looks up the panel's accounts; every one must exist and be a judge.
pub(crate) async fn resolve_judges(db: &impl ConnectionTrait, v: &ValidContest) -> Result<Vec<(user::Model, bool)>> {
    let mut out = Vec::with_capacity(v.judges.len());
    for (i, (name, chair)) in v.judges.iter().enumerate() {
        let u = user::Entity::find().filter(user::Column::Username.eq(name.as_str())).one(db).await?;
        match u {
            Some(u) if u.role == Role::Judge.as_str() && u.active => out.push((u, *chair)),
            Some(_) => return Err(Error::field(format!("judges[{i}]"), FieldFault::NotAJudge { name: name.clone() })),
            None => return Err(Error::field(format!("judges[{i}]"), FieldFault::UnknownJudge { name: name.clone() })),
        }
    }
    Ok(out)
}

async fn insert(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    v: &ValidContest,
    judges: &[(user::Model, bool)],
) -> Result<i32> {
    let now = now_ms();
    let year = v.year.unwrap_or_else(|| chrono::Utc::now().format("%Y").to_string().parse().unwrap_or(2026));
    let c = contest::ActiveModel {
        name: Set(v.name.clone()),
        level: Set(v.level.as_str().into()),
        unit: Set(v.unit.clone()),
        org_unit_id: Set(None),
        year: Set(year),
        date: Set(v.date.clone()),
        venue: Set(v.venue.clone()),
        aggregation: Set(v.aggregation.as_str().into()),
        tie_break_rounds: Set(serde_json::to_string(&v.tie_break_rounds).expect("numbers serialise")),
        qualified_from_id: Set(v.qualified_from.and_then(|x| i32::try_from(x).ok())),
        created_by: Set(Some(actor.user_id)),
        version: Set(1),
        stage_round_id: Set(None),
        stage_team_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    insert_parts(txn, c.id, v, judges).await?;
    Ok(c.id)
}

/// Inserts a contest's rounds, criteria, questions, teams (in running
/// order), members and panel.
pub(crate) async fn insert_parts(
    txn: &impl ConnectionTrait,
    contest_id: i32,
    v: &ValidContest,
    judges: &[(user::Model, bool)],
) -> Result<()> {
    for (pos, r) in v.rounds.iter().enumerate() {
        let saved = round::ActiveModel {
            contest_id: Set(contest_id),
            position: Set(pos as i32),
            name: Set(r.name.clone()),
            kind: Set(r.kind.as_str().into()),
            state: Set(RoundState::Draft.as_str().into()),
            time_limit_seconds: Set(r.time_limit_seconds.map(|s| s as i32)),
            overtime_per_minute: Set(r.overtime.per_started_minute.hundredths()),
            overtime_grace_seconds: Set(r.overtime.grace_seconds as i32),
            step: Set(r.step.hundredths()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (cpos, cr) in r.criteria.iter().enumerate() {
            criterion::ActiveModel {
                round_id: Set(saved.id),
                position: Set(cpos as i32),
                name: Set(cr.name.clone()),
                max_points: Set(cr.max_points.points().hundredths()),
                step: Set(cr.step.hundredths()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        for (qpos, q) in r.questions.iter().enumerate() {
            question::ActiveModel {
                round_id: Set(saved.id),
                position: Set(qpos as i32),
                prompt: Set(q.prompt.clone()),
                kind: Set(if q.options.is_empty() { "short" } else { "choice" }.into()),
                options: Set(serde_json::to_string(&q.options).expect("strings serialise")),
                answer: Set(q.answer.clone()),
                points: Set(q.points.hundredths()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    for (i, t) in v.teams.iter().enumerate() {
        let saved = team::ActiveModel {
            contest_id: Set(contest_id),
            name: Set(t.name.clone()),
            unit: Set(t.unit.clone()),
            running_order: Set(i as i32 + 1),
            model_name: Set(t.model_name.clone()),
            model_field: Set(t.model_field.map(|f| f.as_str().to_string())),
            block: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (mpos, (name, role)) in t.members.iter().enumerate() {
            member::ActiveModel {
                team_id: Set(saved.id),
                position: Set(mpos as i32),
                name: Set(name.clone()),
                role: Set(role.as_str().into()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    for (u, chair) in judges {
        panel_member::ActiveModel {
            contest_id: Set(contest_id),
            user_id: Set(u.id),
            is_chair: Set(*chair),
            counts: Set(true),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Commits a write that can alter the standings: bumps the contest's
/// version and tells the other instances inside the transaction, commits,
/// then has the standings recomputed.
pub async fn commit_change(txn: DatabaseTransaction, hub: &Hub, contest_id: i32) -> Result<()> {
    let version = bump_version(&txn, contest_id).await?;
    hub.notify_in(&txn, contest_id, version).await?;
    txn.commit().await?;
    hub.changed(contest_id);
    Ok(())
}

/// Bumps the contest's version inside the caller's transaction.
async fn bump_version(txn: &impl ConnectionTrait, contest_id: i32) -> Result<i64> {
    let c = contest::Entity::find_by_id(contest_id).one(txn).await?.ok_or_else(|| Error::not_found("contest"))?;
    let next = c.version + 1;
    let mut active: contest::ActiveModel = c.into();
    active.version = Set(next);
    active.updated_at = Set(now_ms());
    active.update(txn).await?;
    Ok(next)
}

/// `PUT /contests/{cid}/rounds/{rid}/state`. Reopening is audited like
/// every other move.
pub async fn set_round_state(db: &Db, hub: &Hub, actor: &Actor, cid: i32, rid: i32, to: &str) -> Result<RoundView> {
    let to_state = RoundState::parse(to)
        .filter(|s| *s != RoundState::Draft)
        .ok_or_else(|| Error::field("state", FieldFault::one_of(&["open", "locked", "published"])))?;
    let txn = db::write(db).await?;
    let c = contest::Entity::find_by_id(cid).one(&txn).await?.ok_or_else(|| Error::not_found("contest"))?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    let r = round::Entity::find_by_id(rid)
        .one(&txn)
        .await?
        .filter(|r| r.contest_id == cid)
        .ok_or_else(|| Error::not_found("round"))?;
    let from = RoundState::parse(&r.state).unwrap_or(RoundState::Draft);
    if !from.can_become(to_state) {
        return Err(Problem::InvalidTransition { from: from.as_str().into(), to: to_state.as_str().into() }.into());
    }
    if to_state == RoundState::Open && r.kind == RoundKind::Judged.as_str() {
        let seats = panel_member::Entity::find()
            .filter(panel_member::Column::ContestId.eq(cid))
            .filter(panel_member::Column::Counts.eq(true))
            .count(&txn)
            .await?;
        let aggregation = Aggregation::parse(&c.aggregation).unwrap_or(Aggregation::Mean);
        definition::panel_ready(aggregation, seats as usize)?;
    }
    let mut active: round::ActiveModel = r.into();
    active.state = Set(to_state.as_str().into());
    active.update(&txn).await?;
    let action =
        if from == RoundState::Locked && to_state == RoundState::Open { "round.reopen" } else { "round.state" };
    audit::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action,
            object_type: "round",
            object_id: Some(rid),
            old: Some(serde_json::json!({"state": from.as_str()})),
            new: Some(serde_json::json!({"state": to_state.as_str()})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    let loaded = load(db, cid).await?;
    Ok(view(&loaded).rounds.into_iter().find(|r| r.id == i64::from(rid)).expect("the round was just updated"))
}

/// Records how long a team ran over a round's time limit (the secretary's
/// stopwatch); the deduction follows from the round's rule.
pub async fn set_overtime(db: &Db, hub: &Hub, actor: &Actor, cid: i32, rid: i32, tid: i32, seconds: u32) -> Result<()> {
    use crate::entity::team_round_note;
    let txn = db::write(db).await?;
    let l = load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    l.round(rid).ok_or_else(|| Error::not_found("round"))?;
    l.team(tid).ok_or_else(|| Error::not_found("team"))?;
    if seconds > 24 * 3600 {
        return Err(Error::field("seconds", FieldFault::TooLarge));
    }
    let existing = team_round_note::Entity::find()
        .filter(team_round_note::Column::RoundId.eq(rid))
        .filter(team_round_note::Column::TeamId.eq(tid))
        .one(&txn)
        .await?;
    let old = existing.as_ref().map(|n| n.overtime_seconds);
    match existing {
        Some(n) => {
            let mut active: team_round_note::ActiveModel = n.into();
            active.overtime_seconds = Set(seconds as i32);
            active.update(&txn).await?;
        }
        None => {
            team_round_note::ActiveModel {
                round_id: Set(rid),
                team_id: Set(tid),
                overtime_seconds: Set(seconds as i32),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "team.overtime",
            object_type: "team",
            object_id: Some(tid),
            old: old.map(|s| serde_json::json!({"round_id": rid, "seconds": s})),
            new: Some(serde_json::json!({"round_id": rid, "seconds": seconds})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    Ok(())
}

/// The contests an organiser runs (every contest for an admin), newest first.
pub async fn managed_by(db: &Db, actor: &Actor) -> Result<ContestList> {
    let all =
        contest::Entity::find().order_by_desc(contest::Column::Year).order_by_desc(contest::Column::Id).all(db).await?;
    Ok(ContestList { contests: all.into_iter().filter(|c| access::manages(actor, c)).map(summary).collect() })
}

/// The contest object, for its organisers only.
pub async fn get_managed(db: &Db, actor: &Actor, id: i32) -> Result<ContestView> {
    let l = load(db, id).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    Ok(view(&l))
}
