//! Counts what the database holds for the organiser's checklist; which
//! steps that ticks is `kheo_domain::checklist`'s rule.

use crate::accounts::{Actor, access};
use crate::contests;
use crate::entity::{invitation, judge_pass, org_unit, user};
use crate::error::Result;
use crate::results;
use kheo_domain::api::Checklist;
use kheo_domain::checklist::{self, ContestFacts, SeasonFacts};
use kheo_domain::completeness;
use kheo_domain::contest::RoundState;
use kheo_domain::i18n::Problem;
use kheo_domain::registration::InvitationStatus;
use kheo_domain::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashSet;

/// The checklist for `contest` (one the actor manages), or for the newest
/// contest the actor runs when none is named.
pub async fn checklist(svc: &crate::Services, actor: &Actor, contest: Option<i32>) -> Result<Checklist> {
    let db = &svc.db;
    // A named contest ticks the contest step itself; the list of contests
    // is read only to find the newest when none is named.
    let cid = match contest {
        Some(cid) => Some(cid),
        None => contests::managed_by(svc, actor).await?.contests.first().and_then(|c| i32::try_from(c.id).ok()),
    };
    let admin = actor.role == Role::Admin;
    let season = SeasonFacts {
        units: org_unit::Entity::find().count(db).await? as usize,
        judges: user::Entity::find()
            .filter(user::Column::Role.eq(Role::Judge))
            .filter(user::Column::Active.eq(true))
            .count(db)
            .await? as usize,
        contests: usize::from(cid.is_some()),
    };
    let Some(cid) = cid else {
        return Ok(Checklist { contest_id: None, contest_name: None, steps: checklist::steps(&season, None), admin });
    };
    let (name, facts) = contest_facts(svc, actor, cid).await?;
    Ok(Checklist {
        contest_id: Some(i64::from(cid)),
        contest_name: Some(name),
        steps: checklist::steps(&season, Some(&facts)),
        admin,
    })
}

/// The contest's name and facts, for one of its organisers.
async fn contest_facts(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<(String, ContestFacts)> {
    let db = &svc.db;
    let f = results::full(svc, cid).await?;
    let l = &f.loaded;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let awaiting = invitation::Entity::find()
        .filter(invitation::Column::ContestId.eq(cid))
        .filter(invitation::Column::Status.eq(InvitationStatus::Submitted))
        .count(db)
        .await? as usize;
    let given: HashSet<i32> = judge_pass::Entity::find()
        .filter(judge_pass::Column::ContestId.eq(cid))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    let state = |r: &crate::entity::round::Model| r.state;
    let incomplete = |r: &&crate::entity::round::Model| {
        let kind = r.kind;
        completeness::lacks(kind, l.criteria_of(r.id).count(), l.questions_of(r.id).count()).is_some()
    };
    let facts = ContestFacts {
        teams: l.teams.iter().filter(|t| t.withdrawn_at.is_none()).count(),
        awaiting,
        rounds: l.rounds.len(),
        incomplete_rounds: l.rounds.iter().filter(incomplete).count(),
        panel: l.panel.len(),
        judges_with_pass: l.panel.iter().filter(|(_, u)| given.contains(&u.id)).count(),
        closed_rounds: l
            .rounds
            .iter()
            .filter(|r| matches!(state(r), RoundState::Locked | RoundState::Published))
            .count(),
        published_rounds: l.rounds.iter().filter(|r| state(r) == RoundState::Published).count(),
        announcements: f.awarded.steps.len(),
        revealed: results::revealed(&l.contest).min(f.awarded.steps.len()),
        paperwork_saved: l.contest.paperwork.is_some(),
    };
    Ok((l.contest.name.clone(), facts))
}
