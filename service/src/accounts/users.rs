//! Accounts: made by the command line, an admin (any role, any unit) or
//! an organiser (judges only); listed for the admin's page.

use super::Actor;
use super::password::{hash_password, verify_password};
use crate::db::now_ms;
use crate::entity::{contest, org_unit, panel_member, session, user};
use crate::error::{Error, Result};
use kheo_domain::api::{AccountEdit, AccountLine, NewUser, UserView};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::user::{Role, Username, check_password};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeSet, HashMap};

/// Whether no account exists yet: a fresh installation, whose first
/// start offers the set-up page.
pub async fn none_yet(svc: &crate::Services) -> Result<bool> {
    let db = &svc.db;
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
pub async fn create_first_admin(
    svc: &crate::Services,
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<UserView> {
    let _db = &svc.db;
    if !none_yet(svc).await? {
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
    create_user(svc, None, new).await
}

/// Creates an account. `actor` is `None` for the command line, which may
/// create any role.
pub async fn create_user(svc: &crate::Services, actor: Option<&Actor>, new: NewUser) -> Result<UserView> {
    let db = &svc.db;
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
    // Where units exist, an organiser works for one of them: without it he
    // would hold every contest made by no unit and none of his own.
    if role == Role::Organiser
        && actor.is_some()
        && unit_id.is_none()
        && actor.and_then(|a| a.unit_id).is_none()
        && org_unit::Entity::find().one(db).await?.is_some()
    {
        return Err(Error::field("unit_id", FieldFault::OrganiserNeedsUnit));
    }
    let hash = hash_password(new.password).await?;
    let unit = unit_id
        .as_ref()
        .map(|u| u.name.clone())
        .or(new.unit)
        .or_else(|| actor.filter(|a| a.role == Role::Organiser).and_then(|a| a.unit.clone()));
    // An organiser's new accounts work for his unit unless told otherwise.
    let unit_id = unit_id.map(|u| u.id).or_else(|| actor.filter(|a| a.role == Role::Organiser).and_then(|a| a.unit_id));
    let model = user::ActiveModel {
        username: Set(username.as_str().to_string()),
        display_name: Set(display_name.unwrap_or_else(|| username.as_str().to_string())),
        role: Set(role),
        unit: Set(unit),
        unit_id: Set(unit_id),
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
pub async fn usernames(svc: &crate::Services, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>> {
    let db = &svc.db;
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
    UserView { id: i64::from(u.id), username: u.username.clone(), display_name: u.display_name.clone(), role: u.role }
}

/// The accounts an actor may see: every one for an admin, judges for an
/// organiser (who puts them on panels), in Vietnamese order of names.
pub async fn list(svc: &crate::Services, actor: &Actor) -> Result<Vec<AccountLine>> {
    let db = &svc.db;
    let judges_only = match actor.role {
        Role::Admin => false,
        Role::Organiser => true,
        Role::Judge => return Err(Problem::Forbidden.into()),
    };
    let mut q = user::Entity::find();
    if judges_only {
        q = q.filter(user::Column::Role.eq(Role::Judge));
    }
    let mut out: Vec<AccountLine> = q
        .all(db)
        .await?
        .into_iter()
        .map(|u| AccountLine {
            user: view(&u),
            unit: u.unit.clone(),
            active: u.active,
            unit_id: u.unit_id.map(i64::from),
        })
        .collect();
    out.sort_by(|a, b| {
        kheo_domain::collate::compare_people(&a.user.display_name, &b.user.display_name)
            .then_with(|| a.user.username.cmp(&b.user.username))
    });
    Ok(out)
}

/// The account `id`, if the actor may change it: an admin any account, an
/// organiser the judges' accounts (he makes them for his panels).
async fn editable(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<user::Model> {
    let u = user::Entity::find_by_id(id).one(db).await?.ok_or_else(|| Error::not_found("user"))?;
    let allowed = match actor.role {
        Role::Admin => true,
        // An organiser's judges: of his unit, or (with no unit) sitting only
        // on panels of his contests. A judge another unit also relies on is
        // the admin's: one organiser resetting his password would lock him
        // out of the other's contest.
        Role::Organiser if u.role == Role::Judge => match u.unit_id {
            Some(unit) => Some(unit) == actor.unit_id,
            None => {
                let seats = panel_member::Entity::find().filter(panel_member::Column::UserId.eq(u.id)).all(db).await?;
                let contests = contest::Entity::find()
                    .filter(contest::Column::Id.is_in(seats.iter().map(|s| s.contest_id).collect::<Vec<_>>()))
                    .all(db)
                    .await?;
                !contests.is_empty() && contests.iter().all(|c| super::access::manages(actor, c))
            }
        },
        _ => false,
    };
    if !allowed {
        return Err(Problem::Forbidden.into());
    }
    Ok(u)
}

/// Ends every session of a user but `keep`.
async fn end_sessions(db: &impl ConnectionTrait, user_id: i32, keep: Option<i32>) -> Result<()> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(k) = keep {
        q = q.filter(session::Column::Id.ne(k));
    }
    q.exec(db).await?;
    Ok(())
}

/// Changes an account: its name, role, unit, or whether it may sign in. An
/// admin cannot disable or demote himself (a hall would lose its last
/// admin); a disabled account's sessions end at once.
pub async fn update(svc: &crate::Services, actor: &Actor, id: i32, edit: &AccountEdit) -> Result<AccountLine> {
    let db = &svc.db;
    let txn = crate::db::write(db).await?;
    let u = editable(&txn, actor, id).await?;
    let mut row: user::ActiveModel = u.clone().into();
    if let Some(name) = &edit.display_name {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::field("display_name", FieldFault::Empty));
        }
        if name.chars().count() > 100 {
            return Err(Error::field("display_name", FieldFault::TooLong { max: 100 }));
        }
        row.display_name = Set(name.to_string());
    }
    let role = match &edit.role {
        None => u.role,
        Some(r) => {
            let r = Role::parse(r)
                .ok_or_else(|| Error::field("role", FieldFault::one_of(&["admin", "organiser", "judge"])))?;
            if actor.role != Role::Admin && r != u.role {
                return Err(Problem::Forbidden.into());
            }
            if u.id == actor.user_id && r != Role::Admin {
                return Err(Error::field("role", FieldFault::OwnAccount));
            }
            row.role = Set(r);
            r
        }
    };
    let mut unit_id = u.unit_id;
    if let Some(new_unit) = edit.unit_id {
        if actor.role != Role::Admin {
            return Err(Problem::Forbidden.into());
        }
        match new_unit {
            Some(uid) => {
                let unit = org_unit::Entity::find_by_id(i32::try_from(uid).unwrap_or(-1))
                    .one(&txn)
                    .await?
                    .ok_or_else(|| Error::field("unit_id", FieldFault::UnknownUnit { name: uid.to_string() }))?;
                row.unit = Set(Some(unit.name.clone()));
                unit_id = Some(unit.id);
            }
            None => {
                row.unit = Set(None);
                unit_id = None;
            }
        }
        row.unit_id = Set(unit_id);
    }
    if role == Role::Organiser && unit_id.is_none() && org_unit::Entity::find().one(&txn).await?.is_some() {
        return Err(Error::field("unit_id", FieldFault::OrganiserNeedsUnit));
    }
    if let Some(active) = edit.active {
        if u.id == actor.user_id && !active {
            return Err(Error::field("active", FieldFault::OwnAccount));
        }
        row.active = Set(active);
        if !active {
            end_sessions(&txn, u.id, None).await?;
        }
    }
    let saved = row.update(&txn).await?;
    txn.commit().await?;
    Ok(AccountLine {
        user: view(&saved),
        unit: saved.unit.clone(),
        active: saved.active,
        unit_id: saved.unit_id.map(i64::from),
    })
}

/// Sets a new password for an account (an admin for any, an organiser for
/// his judges): the person's sessions end, so only the new one signs in.
pub async fn reset_password(svc: &crate::Services, actor: &Actor, id: i32, password: &str) -> Result<()> {
    let db = &svc.db;
    let u = editable(db, actor, id).await?;
    check_password(password, &u.username).map_err(|_| Problem::WeakPassword)?;
    let hash = hash_password(password.to_string()).await?;
    let txn = crate::db::write(db).await?;
    let mut row: user::ActiveModel = u.into();
    row.password_hash = Set(hash);
    let saved = row.update(&txn).await?;
    end_sessions(&txn, saved.id, None).await?;
    txn.commit().await?;
    Ok(())
}

/// A user changes his own password, giving the current one; his other
/// sessions end, this one stays.
pub async fn change_own_password(svc: &crate::Services, actor: &Actor, current: &str, new: &str) -> Result<()> {
    let db = &svc.db;
    let u = user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(Problem::NotSignedIn)?;
    if !verify_password(current.to_string(), Some(u.password_hash.clone())).await {
        return Err(Error::field("current_password", FieldFault::WrongPassword));
    }
    check_password(new, &u.username).map_err(|_| Error::field("new_password", FieldFault::WeakPassword))?;
    let hash = hash_password(new.to_string()).await?;
    let txn = crate::db::write(db).await?;
    let mut row: user::ActiveModel = u.into();
    row.password_hash = Set(hash);
    row.update(&txn).await?;
    end_sessions(&txn, actor.user_id, Some(actor.session_id)).await?;
    txn.commit().await?;
    Ok(())
}
