//! Authorisation as a function of (user, object), called by the services.

use crate::auth::Actor;
use crate::entity::{contest, panel_member};
use crate::error::Result;
use kheo_domain::user::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Whether the actor runs this contest: an admin, or an organiser who made
/// it or works for the unit that holds it.
pub fn manages(actor: &Actor, c: &contest::Model) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Organiser => c.created_by == Some(actor.user_id) || actor.unit.as_deref() == Some(c.unit.as_str()),
        Role::Judge => false,
    }
}

/// The actor's seat on the contest's panel, if he has one.
pub async fn seat(db: &impl ConnectionTrait, actor: &Actor, contest_id: i32) -> Result<Option<panel_member::Model>> {
    Ok(panel_member::Entity::find()
        .filter(panel_member::Column::ContestId.eq(contest_id))
        .filter(panel_member::Column::UserId.eq(actor.user_id))
        .one(db)
        .await?)
}
