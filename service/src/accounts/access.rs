//! Authorisation as a function of (user, object), called by the services.

use crate::accounts::Actor;
use crate::entity::{contest, panel_member, user};
use crate::error::Result;
use kheo_domain::user::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Whether the actor runs this contest: an admin, or an organiser who made
/// it or works for the unit that holds it.
pub fn manages(actor: &Actor, c: &contest::Model) -> bool {
    if !in_scope(actor, c.id) {
        return false;
    }
    match actor.role {
        Role::Admin => true,
        Role::Organiser => {
            c.created_by == Some(actor.user_id)
                || match (actor.unit_id, c.org_unit_id) {
                    (Some(mine), Some(its)) => mine == its,
                    // Contests and accounts from before the unit tree are
                    // matched by the unit's name.
                    _ => actor.unit.as_deref() == Some(c.unit.as_str()),
                }
        }
        Role::Judge => false,
    }
}

/// Whether the actor's session reaches this contest: a tablet pass is good
/// for the contest it was printed for, even if its judge sits on others.
pub fn in_scope(actor: &Actor, contest_id: i32) -> bool {
    actor.contest_scope.is_none_or(|c| c == contest_id)
}

/// Whether the actor judges in this contest: on its panel, and signed in
/// for it.
pub fn judges_in(actor: &Actor, contest_id: i32, panel: &[(panel_member::Model, user::Model)]) -> bool {
    in_scope(actor, contest_id) && panel.iter().any(|(_, u)| u.id == actor.user_id)
}

/// The actor's seat on the contest's panel, if he has one (and his session
/// reaches the contest).
pub async fn seat(db: &impl ConnectionTrait, actor: &Actor, contest_id: i32) -> Result<Option<panel_member::Model>> {
    if !in_scope(actor, contest_id) {
        return Ok(None);
    }
    Ok(panel_member::Entity::find()
        .filter(panel_member::Column::ContestId.eq(contest_id))
        .filter(panel_member::Column::UserId.eq(actor.user_id))
        .one(db)
        .await?)
}
