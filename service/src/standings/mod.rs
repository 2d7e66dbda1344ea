//! Loading what the standings are computed from; the arithmetic itself is
//! `kheo_domain::standings`. `live` fans each new version out to viewers.

pub mod live;

use crate::contests::store;
use crate::records::{self, ContestRows, header};
// What the standings are computed from is read below the areas; the paths
// callers know stay.
use crate::entity::side_award;
use crate::error::Result;
pub use crate::records::{Marks, full, full_from, input, input_from};
use kheo_domain::results::{self, Awarded};
use kheo_domain::standings::{self, Standings};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The live fan-out over `db`, computing the public standings.
pub fn hub(db: crate::Db) -> live::Hub {
    live::Hub::new(db, std::sync::Arc::new(|db, cid| Box::pin(async move { compute(&db, cid).await })))
}

/// The side prizes the organisers gave by hand: `(side prize, team id)`.
pub async fn manual_side_awards(db: &impl ConnectionTrait, contest_id: i32) -> Result<Vec<(usize, i64)>> {
    Ok(side_award::Entity::find()
        .filter(side_award::Column::ContestId.eq(contest_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.prize.max(0) as usize, i64::from(a.team_id)))
        .collect())
}

/// A loaded contest's prizes, from its full standings.
pub async fn awarded(db: &impl ConnectionTrait, l: &ContestRows, full: &Standings) -> Result<Awarded> {
    let mut manual = manual_side_awards(db, l.contest.id).await?;
    let mut side = store::side_prizes_of(&l.contest);
    // The audience's vote, once closed, is one more side prize.
    if let Some((name, winners)) = crate::show::vote_prize(db, l.contest.id).await? {
        manual.extend(winners.into_iter().map(|t| (side.len(), t)));
        side.push(kheo_domain::awards::SidePrizeDef { name, round: None });
    }
    Ok(results::award(full, &store::prizes_of(&l.contest), &side, &manual))
}

/// The contest's standings as the public sees them: in full, except while
/// results are kept for the award ceremony, when no score shows and only
/// the prizes revealed so far are named.
pub async fn compute(db: &impl ConnectionTrait, contest_id: i32) -> Result<Standings> {
    let l = records::load(db, contest_id).await?;
    let (mut full, mut input) = full(db, &l).await?;
    let head = crate::journal::chain::head(db, contest_id).await?;
    full.ledger = (head != kheo_domain::ledger::GENESIS).then_some(head);
    let (quiz, vote) = crate::show::public(db, contest_id).await?;
    let with_show = |mut s: Standings| {
        s.quiz = quiz.clone();
        s.vote = vote.clone();
        s
    };
    if !l.contest.results_sealed {
        return Ok(with_show(full));
    }
    let awarded = awarded(db, &l, &full).await?;
    let ceremony = results::ceremony(&awarded, true, l.contest.revealed_steps.max(0) as usize);
    if ceremony.sealed {
        input.sealed = true;
        let ledger = full.ledger.take();
        full = standings::compute(header(&l), &input, l.contest.version);
        full.ledger = ledger;
    }
    full.ceremony = Some(ceremony);
    Ok(with_show(full))
}
