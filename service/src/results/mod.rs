//! Results (kết quả): the ranking with its prizes, the award ceremony that
//! reveals them from the last to the first, and the side prizes the
//! organisers give by hand. `export` writes them out (.xlsx, .csv);
//! `record` gathers the signed record (biên bản) and the judges' sheets.

pub mod export;
pub mod record;

use crate::accounts::{Actor, access};
use crate::contests::{self, ContestRows, commit_change, store};
use crate::db::{self, now_ms};
use crate::entity::{contest, side_award};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use crate::standings::{self};
use kheo_domain::api::{CeremonyDesk, ResultsView};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::results::{self, Awarded};
use kheo_domain::standings::Standings;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// A contest's full standings and prizes, as its organisers see them.
pub struct Full {
    /// The contest and its parts.
    pub loaded: ContestRows,
    /// The standings, every score shown.
    pub standings: Standings,
    /// The prizes.
    pub awarded: Awarded,
}

/// Reads everything the results are made of.
pub async fn full(svc: &crate::Services, cid: i32) -> Result<Full> {
    let db = &svc.db;
    let loaded = contests::load(db, cid).await?;
    let (standings, _) = standings::full(db, &loaded).await?;
    let awarded = standings::awarded(db, &loaded, &standings).await?;
    Ok(Full { loaded, standings, awarded })
}

/// How many announcements of the ceremony have been read out.
pub(crate) fn revealed(c: &contest::Model) -> usize {
    c.revealed_steps.max(0) as usize
}

/// `GET /contests/{cid}/results`. Its organisers see everything at any
/// time. Others see nothing before every round is published (409
/// `results_not_final`), and while results are kept for the ceremony only
/// what has been revealed: no score, and only the prizes announced.
pub async fn get(svc: &crate::Services, actor: Option<&Actor>, cid: i32) -> Result<ResultsView> {
    let db = &svc.db;
    let f = full(svc, cid).await?;
    let c = &f.loaded.contest;
    let is_final = results::is_final(&f.standings);
    let organiser = actor.is_some_and(|a| access::manages(a, c));
    let ceremony = c.results_sealed.then(|| results::ceremony(&f.awarded, true, revealed(c)));
    if organiser || (is_final && ceremony.as_ref().is_none_or(|x| !x.sealed)) {
        return Ok(ResultsView {
            is_final,
            standings: f.standings.standings,
            awards: f.awarded.main,
            side_prizes: f.awarded.side,
            contest: f.standings.contest,
            rounds: f.standings.rounds,
            ceremony,
        });
    }
    if !is_final {
        return Err(Problem::ResultsNotFinal.into());
    }
    // Mid-ceremony: the sealed standings, and what has been announced.
    let public = standings::compute(db, cid).await?;
    let (awards, side_prizes) = results::revealed_only(&f.awarded, revealed(c));
    Ok(ResultsView {
        is_final: false,
        standings: public.standings,
        awards,
        side_prizes,
        contest: public.contest,
        rounds: public.rounds,
        ceremony,
    })
}

/// The results for files and prints that only organisers make, or that
/// anyone may have once they are final and announced.
pub async fn for_export(svc: &crate::Services, actor: Option<&Actor>, cid: i32) -> Result<Full> {
    let _db = &svc.db;
    let f = full(svc, cid).await?;
    let c = &f.loaded.contest;
    let organiser = actor.is_some_and(|a| access::manages(a, c));
    let announced = !c.results_sealed || revealed(c) >= f.awarded.steps.len();
    if organiser || (results::is_final(&f.standings) && announced) {
        Ok(f)
    } else {
        Err(Problem::ResultsNotFinal.into())
    }
}

async fn managed_row(txn: &impl sea_orm::ConnectionTrait, actor: &Actor, cid: i32) -> Result<contest::Model> {
    let c = contest::Entity::find_by_id(cid).one(txn).await?.ok_or_else(|| Error::not_found("contest"))?;
    if !access::manages(actor, &c) {
        return Err(Problem::Forbidden.into());
    }
    Ok(c)
}

/// Keeps results hidden from the public for the award ceremony, or shows
/// them again. Turning it off ends the ceremony: everything shows.
pub async fn set_sealed(svc: &crate::Services, actor: &Actor, cid: i32, sealed: bool) -> Result<()> {
    let (db, hub) = (&svc.db, &svc.hub);
    let txn = db::write(db).await?;
    let c = managed_row(&txn, actor, cid).await?;
    let was = c.results_sealed;
    let mut row: contest::ActiveModel = c.into();
    row.results_sealed = Set(sealed);
    if sealed && !was {
        row.revealed_steps = Set(0);
    }
    row.update(&txn).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "results.seal",
            object_type: "contest",
            object_id: Some(cid),
            old: Some(serde_json::json!({"sealed": was})),
            new: Some(serde_json::json!({"sealed": sealed})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await
}

/// The MC reveals announcements up to `step` (1 for the first; 0 takes
/// every reveal back). Only once every round is published, and one step
/// at a time forward, so a double tap cannot skip a prize.
pub async fn reveal(svc: &crate::Services, actor: &Actor, cid: i32, step: usize) -> Result<usize> {
    let (db, hub) = (&svc.db, &svc.hub);
    let f = full(svc, cid).await?;
    let txn = db::write(db).await?;
    let c = managed_row(&txn, actor, cid).await?;
    if !c.results_sealed {
        return Err(Error::field("step", FieldFault::NotSealed));
    }
    if !results::is_final(&f.standings) {
        return Err(Problem::ResultsNotFinal.into());
    }
    let now = revealed(&c);
    if step > f.awarded.steps.len() || step > now + 1 {
        return Err(Error::field("step", FieldFault::NoSuchStep { max: (now + 1).min(f.awarded.steps.len()) }));
    }
    if step == now {
        return Ok(now);
    }
    let mut row: contest::ActiveModel = c.into();
    row.revealed_steps = Set(step as i32);
    row.update(&txn).await?;
    let shown = step.checked_sub(1).and_then(|i| f.awarded.steps.get(i));
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "results.reveal",
            object_type: "contest",
            object_id: Some(cid),
            old: Some(serde_json::json!({"step": now})),
            new: Some(serde_json::json!({"step": step, "prize": shown.map(|s| s.prize.clone())})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await?;
    Ok(step)
}

/// Gives a hand-awarded side prize to a team, or takes it back.
pub async fn give_side_prize(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    prize: usize,
    team_id: i32,
    given: bool,
) -> Result<()> {
    let (db, hub) = (&svc.db, &svc.hub);
    let txn = db::write(db).await?;
    let l = contests::load(&txn, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    let side = store::side_prizes_of(&l.contest);
    match side.get(prize) {
        None => return Err(Error::field("prize", FieldFault::NoSuchPrize)),
        // A round's best is worked out, never given by hand.
        Some(p) if p.round.is_some() => return Err(Error::field("prize", FieldFault::NoSuchPrize)),
        Some(_) => {}
    }
    l.team(team_id).ok_or_else(|| Error::not_found("team"))?;
    let existing = side_award::Entity::find()
        .filter(side_award::Column::ContestId.eq(cid))
        .filter(side_award::Column::Prize.eq(prize as i32))
        .filter(side_award::Column::TeamId.eq(team_id))
        .one(&txn)
        .await?;
    match (existing, given) {
        (None, true) => {
            side_award::ActiveModel {
                contest_id: Set(cid),
                prize: Set(prize as i32),
                team_id: Set(team_id),
                given_by: Set(Some(actor.user_id)),
                given_at: Set(now_ms()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        (Some(a), false) => {
            side_award::Entity::delete_by_id(a.id).exec(&txn).await?;
        }
        _ => return Ok(()),
    }
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "results.side_prize",
            object_type: "team",
            object_id: Some(team_id),
            old: None,
            new: Some(serde_json::json!({"prize": side[prize].name, "given": given})),
        },
    )
    .await?;
    commit_change(txn, hub, cid).await
}

/// What the MC's page shows: every announcement in order (the MC reads
/// ahead), how many are revealed, and whether the results are kept and
/// final. Only for the contest's organisers.
pub async fn ceremony_desk(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<CeremonyDesk> {
    let _db = &svc.db;
    let f = full(svc, cid).await?;
    let c = &f.loaded.contest;
    if !access::manages(actor, c) {
        return Err(Problem::Forbidden.into());
    }
    Ok(CeremonyDesk {
        contest_name: c.name.clone(),
        sealed: c.results_sealed,
        is_final: results::is_final(&f.standings),
        revealed: revealed(c).min(f.awarded.steps.len()),
        steps: f.awarded.steps,
    })
}
