//! Accounts and sessions: argon2id hashes, server-side sessions, throttled
//! sign-in.

use super::password::verify_password;
use crate::db::{Db, now_ms};
use crate::entity::{org_unit, session, user};
use crate::error::Result;
use base64::Engine;
use kheo_domain::api::UserView;
use kheo_domain::i18n::Problem;
use kheo_domain::user::Role;
use rand::RngCore;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IdenStatic, Iterable, QueryFilter,
    Set,
};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How long a password session lasts without use.
pub const SESSION_TTL: Duration = Duration::from_secs(14 * 24 * 3600);

/// The signed-in user behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// User id.
    pub user_id: i32,
    /// User name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Organiser's unit, by name.
    pub unit: Option<String>,
    /// Organiser's unit in the tree.
    pub unit_id: Option<i32>,
    /// The session the request came with.
    pub session_id: i32,
    /// A tablet pass signs a judge in for one contest only: its id.
    pub contest_scope: Option<i32>,
}

impl Actor {
    /// The API view of this user.
    pub fn view(&self) -> UserView {
        UserView {
            id: i64::from(self.user_id),
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
        }
    }
}

/// A fresh random token (sent to the client) and its hash (stored).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// The stored form of a token: a leaked table cannot be replayed as cookies.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// Where a sign-in came from.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// Client address.
    pub ip: Option<String>,
    /// Browser.
    pub user_agent: Option<String>,
    /// The browser's device cookie, if it has one (see `Throttle`).
    pub device: Option<String>,
}

/// Signs in with a password. Returns the new session's token and the user.
/// Every sign-in makes a new session: an old cookie is never promoted.
pub async fn sign_in(
    svc: &crate::Services,
    username: &str,
    password: &str,
    origin: Origin,
) -> Result<(String, UserView)> {
    let throttle = &svc.throttle;
    let db = &svc.db;
    let name = username.trim().to_ascii_lowercase();
    let ip = origin.ip.clone().unwrap_or_default();
    let device = origin.device.clone();
    throttle.check(&name, &ip, device.as_deref())?;
    let found = user::Entity::find().filter(user::Column::Username.eq(&name)).one(db).await?;
    let found = found.filter(|u| u.active);
    let ok = verify_password(password.to_string(), found.as_ref().map(|u| u.password_hash.clone())).await;
    let Some(u) = found.filter(|_| ok) else {
        throttle.fail(&name, &ip, device.as_deref());
        return Err(Problem::InvalidCredentials.into());
    };
    throttle.succeed(&name, device.as_deref());
    let token = open_session(svc, u.id, "password", None, SESSION_TTL, origin).await?;
    Ok((token, super::users::view(&u)))
}

/// Stores a new session for a user and returns its token.
pub async fn open_session(
    svc: &crate::Services,
    user_id: i32,
    kind: &str,
    contest_id: Option<i32>,
    ttl: Duration,
    origin: Origin,
) -> Result<String> {
    let db = &svc.db;
    let (token, hash) = new_token();
    let now = now_ms();
    session::ActiveModel {
        token_hash: Set(hash),
        user_id: Set(user_id),
        kind: Set(kind.to_string()),
        contest_id: Set(contest_id),
        created_at: Set(now),
        expires_at: Set(now + ttl.as_millis() as i64),
        last_seen_at: Set(now),
        ip: Set(origin.ip),
        user_agent: Set(origin.user_agent.map(|u| u.chars().take(200).collect())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The session with this token's hash, its user, and the name of the
/// user's unit as it is now (units may be renamed): one round trip, as every
/// request of a judge's burst of sheets comes through here.
async fn session_with_user(db: &Db, token: &str) -> Result<Option<(session::Model, user::Model, Option<String>)>> {
    let mut q = Query::select();
    q.from(session::Entity)
        .inner_join(
            user::Entity,
            Expr::col((user::Entity, user::Column::Id)).equals((session::Entity, session::Column::UserId)),
        )
        .left_join(
            org_unit::Entity,
            Expr::col((org_unit::Entity, org_unit::Column::Id)).equals((user::Entity, user::Column::UnitId)),
        )
        .and_where(Expr::col((session::Entity, session::Column::TokenHash)).eq(token_hash(token)));
    for c in session::Column::iter() {
        q.expr_as(Expr::col((session::Entity, c)), format!("s_{}", c.as_str()));
    }
    for c in user::Column::iter() {
        q.expr_as(Expr::col((user::Entity, c)), format!("u_{}", c.as_str()));
    }
    q.expr_as(Expr::col((org_unit::Entity, org_unit::Column::Name)), "unit_name");
    let Some(row) = db.query_one(&q).await? else {
        return Ok(None);
    };
    let s = session::Model::from_query_result(&row, "s_")?;
    let u = user::Model::from_query_result(&row, "u_")?;
    let unit_name: Option<String> = row.try_get("", "unit_name")?;
    Ok(Some((s, u, unit_name)))
}

/// The user behind a session token, if the session is live.
pub async fn authenticate(svc: &crate::Services, token: &str) -> Result<Option<Actor>> {
    let db = &svc.db;
    let Some((s, mut u, unit_name)) = session_with_user(db, token).await? else {
        return Ok(None);
    };
    let now = now_ms();
    if s.expires_at <= now {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    if !u.active {
        return Ok(None);
    }
    u.unit = unit_name.or(u.unit);
    // Sliding expiry, written at most once an hour to keep reads cheap.
    if s.kind == "password" && now - s.last_seen_at > 3_600_000 {
        let mut active: session::ActiveModel = s.clone().into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(now + SESSION_TTL.as_millis() as i64);
        active.update(db).await?;
    }
    Ok(Some(Actor {
        user_id: u.id,
        username: u.username,
        display_name: u.display_name,
        role: u.role,
        unit: u.unit,
        unit_id: u.unit_id,
        session_id: s.id,
        contest_scope: if s.kind == "judge_pass" { s.contest_id } else { None },
    }))
}

/// Ends a session server-side.
pub async fn sign_out(svc: &crate::Services, token: &str) -> Result<()> {
    let db = &svc.db;
    session::Entity::delete_many().filter(session::Column::TokenHash.eq(token_hash(token))).exec(db).await?;
    Ok(())
}

/// Deletes expired sessions.
pub async fn purge_expired_sessions(svc: &crate::Services) -> Result<u64> {
    let db = &svc.db;
    let res = session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now_ms())).exec(db).await?;
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(a, ha);
    }
}
