//! Paper sheets typed twice (phiếu giấy, nhập hai lần): a judge's paper
//! sheet counts only once two different people have typed the same marks.
//! A typing slip is the classic source of a disputed result, so the second
//! person types blind and the two typings are compared criterion by
//! criterion.

use crate::points::Points;
use serde::{Deserialize, Serialize};

wire_enum! {
    /// Where a counted sheet came from.
    SheetSource {
        /// The judge's own tablet.
        Tablet = "tablet",
        /// A paper sheet typed twice at the secretary's desk.
        Paper = "paper",
    }
}

// `wire_enum!` fixes its derives, so the default is written out.
#[allow(clippy::derivable_impls)]
impl Default for SheetSource {
    fn default() -> Self {
        SheetSource::Tablet
    }
}

/// What a second typing makes of the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondTyping {
    /// Another person typed the same marks: the sheet counts.
    Confirms,
    /// The same person typed again: his typing is replaced, still waiting
    /// for someone else.
    ReplacesOwn,
    /// Another person typed different marks on these criteria (rubric
    /// order): nothing counts, both look at the paper again.
    Differs(Vec<i64>),
}

/// The criteria on which two typings differ, in the first typing's order
/// and then any the first lacks. Both typings are checked against the
/// rubric before they are compared, so a criterion missing on one side is
/// a difference too.
pub fn differing(first: &[(i64, Points)], second: &[(i64, Points)]) -> Vec<i64> {
    let value = |typing: &[(i64, Points)], id: i64| typing.iter().find(|(c, _)| *c == id).map(|(_, p)| *p);
    let mut ids: Vec<i64> = first.iter().map(|(c, _)| *c).collect();
    ids.extend(second.iter().map(|(c, _)| *c).filter(|c| !first.iter().any(|(f, _)| f == c)));
    ids.into_iter().filter(|&id| value(first, id) != value(second, id)).collect()
}

/// The second typing of a sheet, by `second_by`, against the first, by
/// `first_by`.
pub fn second_typing(first_by: i64, first: &[(i64, Points)], second_by: i64, second: &[(i64, Points)]) -> SecondTyping {
    if first_by == second_by {
        return SecondTyping::ReplacesOwn;
    }
    match differing(first, second) {
        d if d.is_empty() => SecondTyping::Confirms,
        d => SecondTyping::Differs(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn two_people_agreeing_confirm_the_sheet() {
        let marks = [(11, p("17.5")), (12, p("8.5"))];
        assert_eq!(second_typing(1, &marks, 2, &marks), SecondTyping::Confirms);
    }

    #[test]
    fn a_slip_names_the_criterion_and_nothing_counts() {
        let first = [(11, p("17.5")), (12, p("8.5")), (13, p("9"))];
        let second = [(11, p("17.5")), (12, p("5.8")), (13, p("9"))];
        assert_eq!(second_typing(1, &first, 2, &second), SecondTyping::Differs(vec![12]));
    }

    #[test]
    fn the_same_person_twice_confirms_nothing() {
        let marks = [(11, p("17.5"))];
        assert_eq!(second_typing(3, &marks, 3, &marks), SecondTyping::ReplacesOwn);
    }

    #[test]
    fn a_criterion_on_one_side_only_differs() {
        assert_eq!(differing(&[(11, p("1"))], &[(11, p("1")), (12, p("2"))]), vec![12]);
        assert_eq!(differing(&[(11, p("1")), (12, p("2"))], &[(11, p("1"))]), vec![12]);
    }

    fn typing() -> impl Strategy<Value = Vec<(i64, Points)>> {
        proptest::collection::btree_map(1i64..8, 0i64..2001, 0..6)
            .prop_map(|m| m.into_iter().map(|(c, h)| (c, Points::from_hundredths(h))).collect())
    }

    proptest! {
        #[test]
        fn a_typing_agrees_with_itself(t in typing()) {
            prop_assert!(differing(&t, &t).is_empty());
        }

        #[test]
        fn disagreement_is_the_same_seen_from_either_side(a in typing(), b in typing()) {
            let mut ab = differing(&a, &b);
            let mut ba = differing(&b, &a);
            ab.sort_unstable();
            ba.sort_unstable();
            prop_assert_eq!(ab, ba);
        }

        #[test]
        fn only_criteria_whose_marks_differ_are_named(a in typing(), b in typing()) {
            for id in differing(&a, &b) {
                let va = a.iter().find(|(c, _)| *c == id).map(|(_, p)| *p);
                let vb = b.iter().find(|(c, _)| *c == id).map(|(_, p)| *p);
                prop_assert_ne!(va, vb);
            }
        }
    }
}
