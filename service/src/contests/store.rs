//! Storing a contest's parts: its row and where it sits (unit, parent
//! contest), rounds with criteria and questions, teams with members, and
//! the panel.

use crate::accounts::Actor;
use crate::db::now_ms;
use crate::entity::{contest, criterion, member, org_unit, panel_member, question, round, team, user};
use crate::error::{Error, Result};
use kheo_domain::api::{EntryMember, MemberLine};
use kheo_domain::contest::{MemberRole, ModelField, ModelKind, RoundState};
use kheo_domain::definition::{ValidContest, ValidTeam};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::registration::Gender;
use kheo_domain::user::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// A seat on the panel as stored: the judge's account, whether he chairs,
/// and whether his sheets count (a trainee's never do).
pub(crate) struct Seat {
    pub user: user::Model,
    pub chair: bool,
    pub counts: bool,
}

/// Looks up the panel's accounts, the judges and then the trainees; every
/// one must exist and be a judge.
pub(crate) async fn resolve_judges(db: &impl ConnectionTrait, v: &ValidContest) -> Result<Vec<Seat>> {
    let named = v.judges.iter().map(|(name, chair)| ("judges", name, *chair, true));
    let trainees = v.trainees.iter().map(|name| ("trainees", name, false, false));
    let mut out = Vec::with_capacity(v.judges.len() + v.trainees.len());
    let mut at = std::collections::HashMap::new();
    for (list, name, chair, counts) in named.chain(trainees) {
        let i = at.entry(list).and_modify(|i| *i += 1).or_insert(0usize);
        let u = user::Entity::find().filter(user::Column::Username.eq(name.as_str())).one(db).await?;
        match u {
            Some(u) if u.role == Role::Judge && u.active => out.push(Seat { user: u, chair, counts }),
            Some(_) => return Err(Error::field(format!("{list}[{i}]"), FieldFault::NotAJudge { name: name.clone() })),
            None => return Err(Error::field(format!("{list}[{i}]"), FieldFault::UnknownJudge { name: name.clone() })),
        }
    }
    Ok(out)
}

/// Where a contest sits: the unit holding it and the contest its winners
/// go on to.
#[derive(Clone, Debug)]
pub(crate) struct Placement {
    /// The unit in the tree, if known.
    pub unit_id: Option<i32>,
    /// The unit's name as the contest shows it.
    pub unit: String,
    /// The parent contest.
    pub parent_id: Option<i32>,
}

fn row_id(x: i64) -> i32 {
    i32::try_from(x).unwrap_or(-1)
}

/// Checks a definition's unit, parent and source contest. An organiser who
/// works for a unit holds contests of that unit only; the parent must be
/// another contest, and not one fed by this contest (no ring).
pub(crate) async fn place(
    db: &impl ConnectionTrait,
    actor: &Actor,
    v: &ValidContest,
    this: Option<i32>,
) -> Result<Placement> {
    let wanted = v.unit_id.map(row_id).or(if actor.role == Role::Organiser { actor.unit_id } else { None });
    if actor.role == Role::Organiser
        && let (Some(mine), Some(w)) = (actor.unit_id, wanted)
        && mine != w
    {
        return Err(Problem::Forbidden.into());
    }
    let (unit_id, unit) = match wanted {
        Some(id) => {
            let u = org_unit::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| Error::field("unit_id", FieldFault::UnknownUnit { name: id.to_string() }))?;
            (Some(u.id), u.name)
        }
        None => (None, v.unit.clone()),
    };
    if let Some(src) = v.qualified_from
        && (this == Some(row_id(src)) || contest::Entity::find_by_id(row_id(src)).one(db).await?.is_none())
    {
        return Err(Error::field("qualified_from", FieldFault::UnknownContest));
    }
    let parent_id = match v.parent_id {
        None => None,
        Some(p) => {
            let p = row_id(p);
            // Walk up from the parent: meeting this contest would make a ring.
            let mut at = Some(p);
            let mut steps = 0;
            while let Some(id) = at {
                let c = contest::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or_else(|| Error::field("parent_id", FieldFault::UnknownContest))?;
                if Some(c.id) == this || steps > 64 {
                    return Err(Error::field("parent_id", FieldFault::UnknownContest));
                }
                at = c.parent_id;
                steps += 1;
            }
            Some(p)
        }
    };
    Ok(Placement { unit_id, unit, parent_id })
}

/// Stores a new contest's row and its parts; its id.
pub(crate) async fn insert(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    v: &ValidContest,
    at: &Placement,
    judges: &[Seat],
) -> Result<i32> {
    let now = now_ms();
    let year = v.year.unwrap_or_else(|| chrono::Utc::now().format("%Y").to_string().parse().unwrap_or(2026));
    let c = contest::ActiveModel {
        name: Set(v.name.clone()),
        level: Set(v.level),
        unit: Set(at.unit.clone()),
        org_unit_id: Set(at.unit_id),
        parent_id: Set(at.parent_id),
        year: Set(year),
        date: Set(v.date.clone()),
        venue: Set(v.venue.clone()),
        aggregation: Set(v.aggregation),
        tie_break_rounds: Set(serde_json::to_string(&v.tie_break_rounds).expect("numbers serialise")),
        qualified_from_id: Set(v.qualified_from.and_then(|x| i32::try_from(x).ok())),
        created_by: Set(Some(actor.user_id)),
        version: Set(1),
        stage_round_id: Set(None),
        stage_team_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        awards: Set(Some(serde_json::to_string(&v.awards).expect("prizes serialise"))),
        side_prizes: Set(serde_json::to_string(&v.side_prizes).expect("prizes serialise")),
        results_sealed: Set(false),
        revealed_steps: Set(0),
        divergence_points: Set(v.divergence_points.map(|p| p.hundredths())),
        purpose: Set(v.recognition_threshold.map(|_| "recognition".to_string())),
        recognition_threshold: Set(v.recognition_threshold.map(|p| p.hundredths())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    insert_rounds(txn, c.id, v).await?;
    sync_teams(txn, c.id, &v.teams, &[], &[]).await?;
    insert_panel(txn, c.id, judges).await?;
    Ok(c.id)
}

/// Inserts a contest's rounds with their criteria and questions.
pub(crate) async fn insert_rounds(txn: &impl ConnectionTrait, contest_id: i32, v: &ValidContest) -> Result<()> {
    for (pos, r) in v.rounds.iter().enumerate() {
        let saved = round::ActiveModel {
            contest_id: Set(contest_id),
            position: Set(pos as i32),
            name: Set(r.name.clone()),
            kind: Set(r.kind),
            state: Set(RoundState::Draft),
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
    Ok(())
}

/// Seats the panel.
pub(crate) async fn insert_panel(txn: &impl ConnectionTrait, contest_id: i32, judges: &[Seat]) -> Result<()> {
    for seat in judges {
        panel_member::ActiveModel {
            contest_id: Set(contest_id),
            user_id: Set(seat.user.id),
            is_chair: Set(seat.chair),
            counts: Set(seat.counts),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Where a team came from, when another contest sent it on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The contest it came from.
    pub contest_id: i32,
    /// Its team there; none for a team assembled from several.
    pub team_id: Option<i32>,
    /// The prize it won there.
    pub award: Option<String>,
}

/// A team to store, with everything a registration or a contest below
/// knows of it.
#[derive(Clone, Debug, Default)]
pub(crate) struct TeamRow {
    /// Name.
    pub name: String,
    /// The unit it represents, by name.
    pub unit: String,
    /// That unit in the tree.
    pub unit_id: Option<i32>,
    /// Its model.
    pub model_name: Option<String>,
    /// The model's field.
    pub model_field: Option<ModelField>,
    /// Collective or individual.
    pub model_kind: Option<ModelKind>,
    /// The model's summary.
    pub model_summary: Option<String>,
    /// Its block (khối).
    pub block: Option<String>,
    /// Where it came from.
    pub origin: Option<Origin>,
    /// Members in order.
    pub members: Vec<EntryMember>,
    /// The registered model it presents.
    pub model_id: Option<i32>,
}

/// A stored member as an entry's member line.
pub(crate) fn entry_member(m: &member::Model) -> EntryMember {
    EntryMember {
        name: m.name.clone(),
        role: MemberRole::read(&m.role).unwrap_or(MemberRole::Main),
        birth_year: m.birth_year,
        gender: m.gender.as_deref().and_then(Gender::parse),
        ethnicity: m.ethnicity.clone(),
        position: m.job_title.clone(),
    }
}

/// Inserts a team at running order `order` with its members.
pub(crate) async fn insert_team(
    txn: &impl ConnectionTrait,
    contest_id: i32,
    order: i32,
    t: &TeamRow,
) -> Result<team::Model> {
    let saved = team::ActiveModel {
        contest_id: Set(contest_id),
        name: Set(t.name.clone()),
        unit: Set(t.unit.clone()),
        unit_id: Set(t.unit_id),
        running_order: Set(order),
        model_name: Set(t.model_name.clone()),
        model_field: Set(t.model_field.map(|f| f.as_str().to_string())),
        model_kind: Set(t.model_kind.map(|k| k.as_str().to_string())),
        model_summary: Set(t.model_summary.clone()),
        origin_contest_id: Set(t.origin.as_ref().map(|o| o.contest_id)),
        origin_team_id: Set(t.origin.as_ref().and_then(|o| o.team_id)),
        origin_award: Set(t.origin.as_ref().and_then(|o| o.award.clone())),
        block: Set(t.block.clone()),
        model_id: Set(t.model_id),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            Error::field("team.name", FieldFault::DuplicateTeam { name: t.name.clone() })
        }
        _ => Error::Db(e),
    })?;
    replace_members(txn, saved.id, &t.members).await?;
    Ok(saved)
}

/// Replaces a team's members by these, in order.
pub(crate) async fn replace_members(txn: &impl ConnectionTrait, team_id: i32, members: &[EntryMember]) -> Result<()> {
    member::Entity::delete_many().filter(member::Column::TeamId.eq(team_id)).exec(txn).await?;
    for (pos, m) in members.iter().enumerate() {
        member_row(Default::default(), team_id, pos as i32, m).insert(txn).await?;
    }
    Ok(())
}

/// `row` holding member `m` at `pos` of team `team_id`: every column a
/// member line sets, for an insert or an update alike.
fn member_row(mut row: member::ActiveModel, team_id: i32, pos: i32, m: &EntryMember) -> member::ActiveModel {
    row.team_id = Set(team_id);
    row.position = Set(pos);
    row.name = Set(m.name.clone());
    row.role = Set(m.role.as_str().into());
    row.birth_year = Set(m.birth_year);
    row.gender = Set(m.gender.map(|g| g.as_str().to_string()));
    row.ethnicity = Set(m.ethnicity.clone());
    row.job_title = Set(m.position.clone());
    row
}

/// A stored member as a definition's line: id, name, role and details.
pub(crate) fn member_def_line(m: &member::Model) -> MemberLine {
    MemberLine {
        id: Some(i64::from(m.id)),
        name: m.name.clone(),
        role: MemberRole::read(&m.role).unwrap_or(MemberRole::Main).as_str().into(),
        birth_year: m.birth_year,
        gender: m.gender.as_deref().and_then(Gender::parse).map(|g| g.as_str().to_string()),
        ethnicity: m.ethnicity.clone(),
        position: m.job_title.clone(),
    }
}

/// Members as the definition gives them, each with the stored member it
/// edits. A line with an id is that member (of any team of the contest, so
/// a member may move) and says all of him; a line without one takes the
/// stored member of the same name in its team, keeping the details the
/// line leaves out; anything else is a new member.
fn members_of<'a>(
    t: &ValidTeam,
    mine: &[&'a member::Model],
    all: &'a [member::Model],
    taken: &mut Vec<i32>,
) -> Vec<(Option<&'a member::Model>, EntryMember)> {
    t.members
        .iter()
        .map(|m| {
            let by_id = m.id.and_then(|id| all.iter().find(|o| i64::from(o.id) == id && !taken.contains(&o.id)));
            let by_name =
                || mine.iter().copied().find(|o| m.id.is_none() && o.name == m.name && !taken.contains(&o.id));
            let stored = by_id.or_else(by_name);
            let d = &m.details;
            let line = match (stored, m.id.is_some()) {
                (Some(o), false) => {
                    let old = entry_member(o);
                    EntryMember {
                        name: m.name.clone(),
                        role: m.role,
                        birth_year: d.birth_year.or(old.birth_year),
                        gender: d.gender.or(old.gender),
                        ethnicity: d.ethnicity.clone().or(old.ethnicity),
                        position: d.position.clone().or(old.position),
                    }
                }
                _ => EntryMember {
                    name: m.name.clone(),
                    role: m.role,
                    birth_year: d.birth_year,
                    gender: d.gender,
                    ethnicity: d.ethnicity.clone(),
                    position: d.position.clone(),
                },
            };
            if let Some(o) = stored {
                taken.push(o.id);
            }
            (stored, line)
        })
        .collect()
}

/// Makes a team's members these, in order: a stored member keeps his row
/// and id and is written only when something of him changed; members no
/// longer named are removed.
async fn sync_members(
    txn: &impl ConnectionTrait,
    team_id: i32,
    members: &[(Option<&member::Model>, EntryMember)],
    gone: &[&member::Model],
) -> Result<()> {
    for o in gone {
        member::Entity::delete_by_id(o.id).exec(txn).await?;
    }
    for (pos, (stored, m)) in members.iter().enumerate() {
        let pos = pos as i32;
        match stored {
            Some(o) if o.team_id == team_id && o.position == pos && entry_member(o) == *m => {}
            Some(o) => {
                member_row((*o).clone().into(), team_id, pos, m).update(txn).await?;
            }
            None => {
                member_row(Default::default(), team_id, pos, m).insert(txn).await?;
            }
        }
    }
    Ok(())
}

/// Makes the contest's teams those of the definition, in its order. A line
/// with the id of one of the contest's teams edits that team (its id, its
/// origin and its members' details stay); other lines are new teams;
/// teams no line names are removed.
pub(crate) async fn sync_teams(
    txn: &impl ConnectionTrait,
    contest_id: i32,
    teams: &[ValidTeam],
    old: &[team::Model],
    old_members: &[member::Model],
) -> Result<()> {
    let kept = |t: &ValidTeam| t.id.and_then(|id| old.iter().find(|o| i64::from(o.id) == id));
    // Who goes where is decided first, over the whole contest, so that a
    // member moved from one team to another keeps his row.
    let mut taken = Vec::new();
    let plans: Vec<_> = teams
        .iter()
        .map(|t| {
            let mine: Vec<&member::Model> = match kept(t) {
                Some(o) => old_members.iter().filter(|m| m.team_id == o.id).collect(),
                None => Vec::new(),
            };
            members_of(t, &mine, old_members, &mut taken)
        })
        .collect();
    let gone: Vec<&member::Model> = old_members.iter().filter(|m| !taken.contains(&m.id)).collect();
    let leaving: Vec<&team::Model> =
        old.iter().filter(|o| !teams.iter().any(|t| kept(t).is_some_and(|k| k.id == o.id))).collect();
    // Names are unique per contest: teams that go, and teams that swap
    // names, step aside under a placeholder first. Teams that go are removed
    // last, once the members moved out of them have moved.
    for o in leaving.iter().copied().chain(teams.iter().filter_map(|t| kept(t).filter(|o| o.name != t.name))) {
        let mut row: team::ActiveModel = o.clone().into();
        row.name = Set(format!("\u{1}{}", o.id));
        row.update(txn).await?;
    }
    for (i, (t, plan)) in teams.iter().zip(&plans).enumerate() {
        let order = i as i32 + 1;
        let team_id = match kept(t) {
            Some(o) => {
                let mut row: team::ActiveModel = o.clone().into();
                row.name = Set(t.name.clone());
                row.unit = Set(t.unit.clone());
                row.running_order = Set(order);
                row.model_name = Set(t.model_name.clone());
                row.model_field = Set(t.model_field.map(|f| f.as_str().to_string()));
                row.model_kind = Set(t.model_kind.map(|k| k.as_str().to_string()));
                row.block = Set(t.block.clone());
                if let Some(m) = t.model_id {
                    row.model_id = Set(Some(row_id(m)));
                }
                if let Some(unit) = t.unit_id {
                    row.unit_id = Set(Some(row_id(unit)));
                }
                row.update(txn).await?;
                o.id
            }
            None => {
                let row = TeamRow {
                    name: t.name.clone(),
                    unit: t.unit.clone(),
                    unit_id: t.unit_id.map(row_id).filter(|u| *u > 0),
                    model_name: t.model_name.clone(),
                    model_field: t.model_field,
                    model_kind: t.model_kind,
                    block: t.block.clone(),
                    model_id: t.model_id.map(row_id),
                    ..Default::default()
                };
                insert_team(txn, contest_id, order, &row).await?.id
            }
        };
        let gone_here: Vec<&member::Model> = gone.iter().copied().filter(|m| m.team_id == team_id).collect();
        sync_members(txn, team_id, plan, &gone_here).await?;
    }
    for o in leaving {
        member::Entity::delete_many().filter(member::Column::TeamId.eq(o.id)).exec(txn).await?;
        team::Entity::delete_by_id(o.id).exec(txn).await?;
    }
    Ok(())
}

/// A contest's prize scheme: the stored one, or the usual scheme.
pub fn prizes_of(c: &contest::Model) -> Vec<kheo_domain::awards::PrizeDef> {
    c.awards.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_else(kheo_domain::awards::usual_prizes)
}

/// A contest's side prizes.
pub fn side_prizes_of(c: &contest::Model) -> Vec<kheo_domain::awards::SidePrizeDef> {
    serde_json::from_str(&c.side_prizes).unwrap_or_default()
}
