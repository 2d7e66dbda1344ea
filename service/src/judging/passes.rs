//! Judges' passes: a link or QR code plus a six-digit PIN that opens a
//! tablet session for one contest only; issued, listed, revoked, redeemed.

use super::managed;
use crate::accounts::auth::{self, Actor, Origin};
use crate::accounts::password;
use crate::contests;
use crate::db::{self, now_ms, rfc3339};
use crate::entity::{judge_pass, session};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use kheo_domain::api::{JudgePassView, NewJudgePass};
use kheo_domain::i18n::Problem;
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::time::Duration;

/// How long a printed pass can be redeemed.
pub const PASS_TTL: Duration = Duration::from_secs(3 * 24 * 3600);
/// How long a judge's tablet stays signed in: the contest day.
pub const JUDGE_SESSION_TTL: Duration = Duration::from_secs(16 * 3600);

/// Issues a new pass for every judge on the panel (or only `judge_id`),
/// revoking older ones. Sign-in checks the hashes of the link token and the
/// PIN; the two themselves are kept beside them only so that the organiser
/// can print the pass again while it is valid, and are wiped when it is
/// revoked (a pass opens one contest's judging for a day, in a database
/// that holds the scores it protects).
pub async fn issue_passes(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    judge_id: Option<i32>,
) -> Result<Vec<NewJudgePass>> {
    let db = &svc.db;
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let judges: Vec<_> = l.panel.iter().filter(|(_, u)| judge_id.is_none_or(|j| j == u.id)).collect();
    if judges.is_empty() {
        return Err(Error::not_found("judge"));
    }
    // Hash the PINs before taking the write lock: argon2 takes a while.
    let mut issued = Vec::with_capacity(judges.len());
    for (_, u) in &judges {
        let (token, token_hash) = auth::new_token();
        let pin = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
        let pin_hash = password::hash_password(pin.clone()).await?;
        issued.push((u.clone(), token, token_hash, pin, pin_hash));
    }
    let now = now_ms();
    let txn = db::write(db).await?;
    let mut out = Vec::with_capacity(issued.len());
    for (u, token, token_hash, pin, pin_hash) in issued {
        revoke_in(&txn, cid, u.id, now).await?;
        judge_pass::ActiveModel {
            contest_id: Set(cid),
            user_id: Set(u.id),
            token_hash: Set(token_hash),
            pin_hash: Set(pin_hash),
            created_by: Set(Some(actor.user_id)),
            created_at: Set(now),
            expires_at: Set(now + PASS_TTL.as_millis() as i64),
            revoked_at: Set(None),
            print_token: Set(Some(token.clone())),
            print_pin: Set(Some(pin.clone())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        journal::record(
            &txn,
            Record {
                actor: Some(actor),
                contest_id: Some(cid),
                action: "judge_pass.issue",
                object_type: "user",
                object_id: Some(u.id),
                old: None,
                new: None,
            },
        )
        .await?;
        out.push(NewJudgePass {
            judge_id: i64::from(u.id),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            link_path: format!("/j/{token}"),
            pin,
        });
    }
    txn.commit().await?;
    Ok(out)
}

/// Revokes a judge's passes for a contest and ends the tablet sessions
/// they opened.
async fn revoke_in(txn: &impl sea_orm::ConnectionTrait, cid: i32, user_id: i32, now: i64) -> Result<()> {
    let live = judge_pass::Entity::find()
        .filter(judge_pass::Column::ContestId.eq(cid))
        .filter(judge_pass::Column::UserId.eq(user_id))
        .filter(judge_pass::Column::RevokedAt.is_null())
        .all(txn)
        .await?;
    for p in live {
        let mut a: judge_pass::ActiveModel = p.into();
        a.revoked_at = Set(Some(now));
        a.print_token = Set(None);
        a.print_pin = Set(None);
        a.update(txn).await?;
    }
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ContestId.eq(cid))
        .filter(session::Column::Kind.eq("judge_pass"))
        .exec(txn)
        .await?;
    Ok(())
}

/// Revokes a judge's passes and signs his tablets out of the contest.
pub async fn revoke_passes(svc: &crate::Services, actor: &Actor, cid: i32, judge_id: i32) -> Result<()> {
    let db = &svc.db;
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let txn = db::write(db).await?;
    revoke_in(&txn, cid, judge_id, now_ms()).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "judge_pass.revoke",
            object_type: "user",
            object_id: Some(judge_id),
            old: None,
            new: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The passes of a contest, for the organiser's list.
pub async fn list_passes(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<Vec<JudgePassView>> {
    let db = &svc.db;
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let passes = judge_pass::Entity::find().filter(judge_pass::Column::ContestId.eq(cid)).all(db).await?;
    let now = now_ms();
    Ok(l.panel
        .iter()
        .map(|(seat, u)| {
            let newest = passes.iter().filter(|p| p.user_id == u.id).max_by_key(|p| p.created_at);
            JudgePassView {
                judge_id: i64::from(u.id),
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                chair: seat.is_chair,
                issued_at: newest.map(|p| rfc3339(p.created_at)),
                active: newest.is_some_and(|p| p.revoked_at.is_none() && p.expires_at > now),
            }
        })
        .collect())
}

/// The passes still valid, to print again: each judge's newest pass that is
/// neither revoked nor run out.
pub async fn printable_passes(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<Vec<NewJudgePass>> {
    let db = &svc.db;
    let l = contests::load(db, cid).await?;
    managed(&l, actor)?;
    let now = now_ms();
    let passes = judge_pass::Entity::find()
        .filter(judge_pass::Column::ContestId.eq(cid))
        .filter(judge_pass::Column::RevokedAt.is_null())
        .filter(judge_pass::Column::ExpiresAt.gt(now))
        .all(db)
        .await?;
    Ok(l.panel
        .iter()
        .filter_map(|(_, u)| {
            let p = passes.iter().filter(|p| p.user_id == u.id).max_by_key(|p| p.created_at)?;
            Some(NewJudgePass {
                judge_id: i64::from(u.id),
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                link_path: format!("/j/{}", p.print_token.as_deref()?),
                pin: p.print_pin.clone()?,
            })
        })
        .collect())
}

/// Redeems a pass: the PIN opens a tablet session for that contest only.
/// Returns the session token and the contest id.
pub async fn redeem(svc: &crate::Services, token: &str, pin: &str, origin: Origin) -> Result<(String, i32)> {
    let throttle = &svc.throttle;
    let db = &svc.db;
    let hash = auth::token_hash(token);
    // Counted per pass, never per address: a pass's token is too long to
    // guess, so its PIN is what a stranger would guess, and one spraying the
    // hall's address with bad sign-ins must not keep the judges out.
    let key = format!("pass:{}", &hash[..16]);
    throttle.check_secret(&key)?;
    let now = now_ms();
    let pass = judge_pass::Entity::find()
        .filter(judge_pass::Column::TokenHash.eq(&hash))
        .one(db)
        .await?
        .filter(|p| p.revoked_at.is_none() && p.expires_at > now);
    let ok = password::verify_password(pin.trim().to_string(), pass.as_ref().map(|p| p.pin_hash.clone())).await;
    let Some(pass) = pass.as_ref().filter(|_| ok) else {
        throttle.fail_secret(&key);
        return Err(if pass.is_some() { Problem::WrongPin } else { Problem::PassNotValid }.into());
    };
    throttle.succeed_secret(&key);
    let ttl = JUDGE_SESSION_TTL.min(Duration::from_millis((pass.expires_at - now).max(0) as u64));
    let session = auth::open_session(svc, pass.user_id, "judge_pass", Some(pass.contest_id), ttl, origin).await?;
    Ok((session, pass.contest_id))
}
