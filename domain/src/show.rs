//! The show in the hall: the knowledge quiz the MC runs on the projector,
//! the audience playing along on their phones, and the audience's vote.
//! Pure rules; the clock, the store and the cookies are the service's.

use crate::points::Points;
use serde::{Deserialize, Serialize};

wire_enum! {
    /// Where a question stands on the projector.
    QuizPhase {
        /// On screen, the countdown running; the audience may answer.
        Shown = "shown",
        /// Its answer on screen.
        Revealed = "revealed",
        /// Off screen: the projector shows the audience's best between questions.
        Closed = "closed",
    }
}

wire_enum! {
    /// The audience's vote: off until the organisers open it; once closed,
    /// its prize is given.
    VoteState {
        /// Never opened.
        Off = "off",
        /// Phones may vote.
        Open = "open",
        /// Counted: the prize goes to the most voted.
        Closed = "closed",
    }
}

/// The MC's timer presets, in seconds (a question may also run untimed).
pub const TIMER_PRESETS: [u32; 5] = [5, 10, 15, 20, 30];
/// The longest countdown a question may have.
pub const MAX_SECONDS: u32 = 600;
/// The longest nickname, in characters.
pub const MAX_NICKNAME: usize = 30;
/// The longest short answer, in characters.
pub const MAX_CHOICE: usize = 200;

/// A question as the hall sees it: never its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownQuestion {
    /// Question id.
    pub id: i64,
    /// Its number in the round, from 1.
    pub number: u32,
    /// The question.
    pub prompt: String,
    /// Its choices (A, B, …); empty for a short answer.
    pub options: Vec<String>,
}

/// The quiz on the projector, as the standings carry it. `answer` is there
/// only once the MC reveals it: before that it stays on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizShow {
    /// The quiz round.
    pub round_id: i64,
    /// The question on screen.
    pub question: ShownQuestion,
    /// Shown, revealed or closed.
    pub phase: QuizPhase,
    /// When its countdown ends (RFC 3339, milliseconds, UTC); none untimed.
    pub ends_at: Option<String>,
    /// The right answer, once revealed: a letter, or the expected text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

/// The audience's vote, as the standings carry it: never its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteShow {
    /// Off, open or closed.
    pub state: VoteState,
    /// The side prize it gives, when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prize_name: Option<String>,
}

/// The letter of the `i`-th choice: A, B, C, …
pub fn letter(i: usize) -> String {
    char::from(b'A' + (i % 26) as u8).to_string()
}

/// Text compared the way a person would: trimmed, spaces collapsed,
/// lower case (Vietnamese letters keep their marks: "hội" is not "hồi").
fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A multiple-choice answer as a letter: the letter itself ("b", "B.") or
/// the text of one of the options.
fn as_letter(options: &[String], text: &str) -> Option<String> {
    let p = plain(text);
    let p = p.trim_end_matches(['.', ')']);
    if let Some(i) = (0..options.len()).find(|&i| letter(i).to_lowercase() == p) {
        return Some(letter(i));
    }
    options.iter().position(|o| plain(o) == p).map(letter)
}

/// Whether `choice` is the right answer to a question with `options` (empty
/// for a short answer) whose answer is `answer`.
pub fn is_right(options: &[String], answer: &str, choice: &str) -> bool {
    if options.is_empty() {
        return !plain(choice).is_empty() && plain(choice) == plain(answer);
    }
    match (as_letter(options, answer), as_letter(options, choice)) {
        (Some(a), Some(c)) => a == c,
        _ => false,
    }
}

/// Why a player's input is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayFault {
    /// Empty after trimming.
    Empty,
    /// Longer than allowed.
    TooLong,
    /// Not one of the question's letters.
    NotAChoice,
}

/// A choice as it is kept: the letter of a multiple-choice question, or a
/// short answer trimmed.
pub fn check_choice(options: &[String], choice: &str) -> Result<String, PlayFault> {
    let text = choice.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(PlayFault::Empty);
    }
    if text.chars().count() > MAX_CHOICE {
        return Err(PlayFault::TooLong);
    }
    if options.is_empty() {
        return Ok(text);
    }
    as_letter(options, &text).ok_or(PlayFault::NotAChoice)
}

/// A nickname as it is kept: trimmed, spaces collapsed, no control
/// characters. Markup stays text: pages escape it.
pub fn check_nickname(nickname: &str) -> Result<String, PlayFault> {
    let text = nickname
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    if text.is_empty() {
        return Err(PlayFault::Empty);
    }
    if text.chars().count() > MAX_NICKNAME {
        return Err(PlayFault::TooLong);
    }
    Ok(text)
}

/// One player of the audience's game, ranked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayerLine {
    /// The nickname the player gave.
    pub nickname: String,
    /// Points from revealed questions, two decimals.
    pub points: String,
    /// Rank, shared by equal points.
    pub rank: u32,
}

/// Players ranked by points, highest first; equal points share a rank and
/// are listed in Vietnamese order of their nicknames. Each player is
/// `(key, nickname, points)`; the key (the device) comes back beside its line.
pub fn rank_players<K>(mut players: Vec<(K, String, Points)>) -> Vec<(K, PlayerLine)> {
    players.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| crate::collate::compare(&a.1, &b.1)));
    let mut out: Vec<(K, PlayerLine)> = Vec::with_capacity(players.len());
    let mut prev: Option<(Points, u32)> = None;
    for (i, (key, nickname, points)) in players.into_iter().enumerate() {
        let rank = match prev {
            Some((p, r)) if p == points => r,
            _ => i as u32 + 1,
        };
        prev = Some((points, rank));
        out.push((key, PlayerLine { nickname, points: points.fixed2(), rank }));
    }
    out
}

/// The team(s) with the most votes: ties share, and nobody wins a vote
/// nobody cast. `counts` is `(team id, votes)`.
pub fn vote_winners(counts: &[(i64, u64)]) -> Vec<i64> {
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    if best == 0 {
        return Vec::new();
    }
    counts.iter().filter(|c| c.1 == best).map(|c| c.0).collect()
}

/// How fast one address may vote: a burst, then a steady pace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Votes allowed at once.
    pub burst: u32,
    /// Votes allowed per second after the burst.
    pub per_second: u32,
}

/// The pace of the audience's vote from one address. A hall of several
/// hundred phones behind one Wi-Fi router votes within a minute or two of
/// the MC's call (300 at once, then 5 a second: 600 in a minute); a script
/// that votes as fast as it can runs dry within seconds.
pub const VOTE_RATE: Rate = Rate { burst: 300, per_second: 5 };

/// A token bucket, in thousandths of a vote, for one address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    milli: i64,
    at_ms: i64,
}

impl Bucket {
    /// A full bucket at `now_ms`.
    pub fn full(rate: Rate, now_ms: i64) -> Bucket {
        Bucket { milli: i64::from(rate.burst) * 1000, at_ms: now_ms }
    }

    /// Takes one vote at `now_ms`, if one is left.
    pub fn take(&mut self, rate: Rate, now_ms: i64) -> bool {
        let elapsed = (now_ms - self.at_ms).max(0);
        let cap = i64::from(rate.burst) * 1000;
        self.milli = (self.milli + elapsed * i64::from(rate.per_second)).min(cap);
        self.at_ms = self.at_ms.max(now_ms);
        if self.milli >= 1000 {
            self.milli -= 1000;
            true
        } else {
            false
        }
    }

    /// Milliseconds until the next vote is allowed.
    pub fn wait_ms(&self, rate: Rate) -> i64 {
        if self.milli >= 1000 || rate.per_second == 0 {
            return 0;
        }
        let per = i64::from(rate.per_second);
        (1000 - self.milli + per - 1) / per
    }
}

/// The most votes one address cast within any 60 seconds: what the
/// organiser reads as a burst. `times_ms` in any order.
pub fn busiest_minute(times_ms: &[i64]) -> usize {
    let mut t = times_ms.to_vec();
    t.sort_unstable();
    let mut best = 0;
    let mut start = 0;
    for end in 0..t.len() {
        while t[end] - t[start] >= 60_000 {
            start += 1;
        }
        best = best.max(end - start + 1);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn opts() -> Vec<String> {
        vec!["Hà Nội".into(), "Huế".into(), "Sài Gòn".into()]
    }

    #[test]
    fn right_answers_by_letter_or_text() {
        assert!(is_right(&opts(), "B", "b"));
        assert!(is_right(&opts(), "B", "Huế"));
        assert!(is_right(&opts(), "Huế", "B."));
        assert!(!is_right(&opts(), "B", "A"));
        assert!(!is_right(&opts(), "B", "Đà Nẵng"));
        assert!(is_right(&[], "Dân vận khéo", "  dân  vận KHÉO "));
        assert!(!is_right(&[], "hội", "hồi"), "marks are part of the word");
        assert!(!is_right(&[], "x", ""));
    }

    #[test]
    fn choices_and_nicknames_checked() {
        assert_eq!(check_choice(&opts(), "c"), Ok("C".into()));
        assert_eq!(check_choice(&opts(), "D"), Err(PlayFault::NotAChoice));
        assert_eq!(check_choice(&opts(), "  "), Err(PlayFault::Empty));
        assert_eq!(check_choice(&[], &"a".repeat(MAX_CHOICE + 1)), Err(PlayFault::TooLong));
        assert_eq!(check_nickname("  Cô   Lan  "), Ok("Cô Lan".into()));
        assert_eq!(check_nickname("<b>Lan</b>"), Ok("<b>Lan</b>".into()), "markup is kept as text");
        assert_eq!(check_nickname(&"ư".repeat(MAX_NICKNAME)).map(|n| n.chars().count()), Ok(MAX_NICKNAME));
        assert_eq!(check_nickname(&"ư".repeat(MAX_NICKNAME + 1)), Err(PlayFault::TooLong));
        assert_eq!(check_nickname("\u{7}"), Err(PlayFault::Empty));
    }

    #[test]
    fn players_share_ranks_in_vietnamese_order() {
        let p = |h| Points::from_hundredths(h);
        let lines =
            rank_players(vec![(1, "Đức".into(), p(1000)), (2, "Dũng".into(), p(1000)), (3, "An".into(), p(2000))]);
        let got: Vec<(i32, u32)> = lines.iter().map(|(k, l)| (*k, l.rank)).collect();
        assert_eq!(got, vec![(3, 1), (2, 2), (1, 2)], "D before Đ, equal points share the rank");
        assert_eq!(lines[0].1.points, "20.00");
    }

    #[test]
    fn winners_share_and_nobody_wins_without_votes() {
        assert_eq!(vote_winners(&[(1, 3), (2, 5), (3, 5)]), vec![2, 3]);
        assert_eq!(vote_winners(&[(1, 0), (2, 0)]), Vec::<i64>::new());
        assert_eq!(vote_winners(&[]), Vec::<i64>::new());
    }

    #[test]
    fn a_hall_behind_one_router_is_never_throttled_a_script_is() {
        let mut b = Bucket::full(VOTE_RATE, 0);
        // 500 phones over 90 seconds, in a rush at the MC's call.
        let hall = (0..500).all(|i| b.take(VOTE_RATE, i64::from(i) * 180));
        assert!(hall);
        let mut s = Bucket::full(VOTE_RATE, 0);
        let allowed = (0..2000).filter(|i| s.take(VOTE_RATE, i64::from(*i) * 5)).count();
        assert!(allowed < 400, "a script at 200 votes a second gets {allowed} through in 10 s");
        assert!(s.wait_ms(VOTE_RATE) > 0);
    }

    #[test]
    fn the_busiest_minute() {
        assert_eq!(busiest_minute(&[]), 0);
        assert_eq!(busiest_minute(&[0, 59_999, 60_000, 61_000, 200_000]), 3);
    }

    proptest! {
        #[test]
        fn a_bucket_never_gives_more_than_burst_plus_pace(gaps in proptest::collection::vec(0i64..400, 1..600)) {
            let mut b = Bucket::full(VOTE_RATE, 0);
            let mut now = 0;
            let mut taken = 0i64;
            for g in gaps {
                now += g;
                if b.take(VOTE_RATE, now) { taken += 1; }
            }
            prop_assert!(taken <= i64::from(VOTE_RATE.burst) + now * i64::from(VOTE_RATE.per_second) / 1000 + 1);
        }

        #[test]
        fn ranks_are_ordered_and_shared_only_by_equals(points in proptest::collection::vec(0i64..50, 0..40)) {
            let players: Vec<(usize, String, Points)> =
                points.iter().enumerate().map(|(i, p)| (i, format!("người {i}"), Points::from_hundredths(p * 100))).collect();
            let lines = rank_players(players);
            for w in lines.windows(2) {
                let (a, b) = (&w[0].1, &w[1].1);
                prop_assert!(a.rank <= b.rank);
                prop_assert_eq!(a.rank == b.rank, a.points == b.points);
            }
        }

        #[test]
        fn winners_have_the_most_votes(votes in proptest::collection::vec(0u64..10, 0..20)) {
            let counts: Vec<(i64, u64)> = votes.iter().enumerate().map(|(i, v)| (i as i64, *v)).collect();
            let w = vote_winners(&counts);
            let best = votes.iter().max().copied().unwrap_or(0);
            for (id, v) in &counts {
                prop_assert_eq!(w.contains(id), best > 0 && *v == best);
            }
        }
    }
}
