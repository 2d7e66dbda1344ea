//! Accounts: made by the command line, an admin (any role, any unit) or
//! an organiser (judges only); listed for the admin's page.

use super::Actor;
use super::auth::hash_password;
use crate::db::{Db, now_ms};
use crate::entity::{org_unit, user};
use crate::error::{Error, Result};
use kheo_domain::api::{AccountLine, NewUser, UserView};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::user::{Role, Username, check_password};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeSet, HashMap};

/// Whether no account exists yet: a fresh installation, whose first
/// start offers the set-up page.
pub async fn none_yet(db: &Db) -> Result<bool> {
    use sea_orm::QuerySelect;
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .limit(1)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .is_none())
}

/// The first account of a fresh installation: an admin, made only while no
/// account exists (the caller holds off a second set-up at the same time).
pub async fn create_first_admin(db: &Db, username: &str, display_name: &str, password: &str) -> Result<UserView> {
    if !none_yet(db).await? {
        return Err(Problem::Forbidden.into());
    }
    let new = NewUser {
        username: username.to_string(),
        password: password.to_string(),
        display_name: Some(display_name.to_string()),
        role: Role::Admin.as_str().to_string(),
        unit: None,
        unit_id: None,
    };
    create_user(db, None, new).await
}

/// Creates an account. `actor` is `None` for the command line, which may
/// create any role.
pub async fn create_user(db: &Db, actor: Option<&Actor>, new: NewUser) -> Result<UserView> {
    let role = Role::parse(&new.role)
        .ok_or_else(|| Error::field("role", FieldFault::one_of(&["admin", "organiser", "judge"])))?;
    if let Some(a) = actor
        && !a.role.may_create(role)
    {
        return Err(Problem::Forbidden.into());
    }
    let username = Username::parse(&new.username).ok_or_else(|| Error::field("username", FieldFault::Username))?;
    check_password(&new.password, username.as_str()).map_err(|_| Problem::WeakPassword)?;
    let display_name = new.display_name.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
    if display_name.as_ref().is_some_and(|d| d.chars().count() > 100) {
        return Err(Error::field("display_name", FieldFault::TooLong { max: 100 }));
    }
    if user::Entity::find().filter(user::Column::Username.eq(username.as_str())).one(db).await?.is_some() {
        return Err(Problem::UsernameTaken.into());
    }
    // An organiser's judges and organisers work for his unit unless told
    // otherwise; the unit must exist.
    let unit_id = match new.unit_id {
        Some(id) => Some(
            org_unit::Entity::find_by_id(i32::try_from(id).unwrap_or(-1))
                .one(db)
                .await?
                .ok_or_else(|| Error::field("unit_id", FieldFault::UnknownUnit { name: id.to_string() }))?,
        ),
        None => None,
    };
    let hash = hash_password(new.password).await?;
    let unit = unit_id
        .as_ref()
        .map(|u| u.name.clone())
        .or(new.unit)
        .or_else(|| actor.and_then(|a| a.unit.clone()).filter(|_| role == Role::Organiser));
    let model = user::ActiveModel {
        username: Set(username.as_str().to_string()),
        display_name: Set(display_name.unwrap_or_else(|| username.as_str().to_string())),
        role: Set(role.as_str().to_string()),
        unit: Set(unit),
        unit_id: Set(unit_id.map(|u| u.id)),
        password_hash: Set(hash),
        active: Set(true),
        created_at: Set(now_ms()),
        ..Default::default()
    };
    // A racing insert of the same name hits the UNIQUE index: still "taken".
    let saved = model.insert(db).await.map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Error::Problem(Problem::UsernameTaken),
        _ => Error::Db(e),
    })?;
    Ok(view(&saved))
}

/// User names by id, each id looked up once however often it is given.
pub async fn usernames(db: &Db, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>> {
    let ids: BTreeSet<i32> = ids.into_iter().collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect())
}

/// The API view of a stored user.
pub fn view(u: &user::Model) -> UserView {
    UserView {
        id: i64::from(u.id),
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: Role::parse(&u.role).unwrap_or(Role::Judge),
    }
}

/// The accounts an actor may see: every one for an admin, judges for an
/// organiser (who puts them on panels), in Vietnamese order of names.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<AccountLine>> {
    let judges_only = match actor.role {
        Role::Admin => false,
        Role::Organiser => true,
        Role::Judge => return Err(Problem::Forbidden.into()),
    };
    let mut q = user::Entity::find();
    if judges_only {
        q = q.filter(user::Column::Role.eq(Role::Judge.as_str()));
    }
    let mut out: Vec<AccountLine> = q
        .all(db)
        .await?
        .into_iter()
        .map(|u| AccountLine { user: view(&u), unit: u.unit.clone(), active: u.active })
        .collect();
    out.sort_by(|a, b| {
        kheo_domain::collate::compare_people(&a.user.display_name, &b.user.display_name)
            .then_with(|| a.user.username.cmp(&b.user.username))
    });
    Ok(out)
}
