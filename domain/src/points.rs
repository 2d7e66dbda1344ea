//! Exact points: integer hundredths, never floats.
//!
//! The contract writes points as decimal strings with at most two decimals
//! (`"9.5"`, `"10"`, `"8.75"`); [`Points::parse`] is the only way in from text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Neg, Sub};

/// The largest magnitude accepted, in hundredths: far above any real
/// maximum, low enough that sums of thousands of sheets cannot overflow.
const LIMIT: i64 = 100_000_000_000; // one billion points

/// An exact number of points, stored as hundredths of a point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

/// Why a text is not a number of points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointsError {
    /// Empty, or not a plain decimal number.
    NotANumber,
    /// More than two digits after the decimal point.
    TooManyDecimals,
    /// Below zero where a negative value is not allowed.
    Negative,
    /// Absurdly large.
    TooLarge,
}

impl Points {
    /// Zero points.
    pub const ZERO: Points = Points(0);

    /// Points from a count of hundredths.
    pub const fn from_hundredths(h: i64) -> Self {
        Points(h)
    }

    /// Whole points.
    pub const fn whole(p: i64) -> Self {
        Points(p * 100)
    }

    /// The value in hundredths of a point.
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Parses a non-negative decimal with at most two decimals. A comma is
    /// accepted as the decimal separator, as Vietnamese writes it ("8,5").
    pub fn parse(text: &str) -> Result<Self, PointsError> {
        let p = Self::parse_signed(text)?;
        if p.0 < 0 { Err(PointsError::Negative) } else { Ok(p) }
    }

    /// Parses a score exactly as the API's contract writes it:
    /// `^[0-9]{1,12}(\.[0-9]{1,2})?$`. No sign, no spaces, no comma: what a
    /// person typed is read leniently by `parse` on the tablet, which then
    /// sends this form.
    pub fn parse_wire(text: &str) -> Result<Self, PointsError> {
        if let Some(rest) = text.strip_prefix('-') {
            return match Self::parse_wire(rest) {
                Ok(_) => Err(PointsError::Negative),
                Err(e) => Err(e),
            };
        }
        if !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(PointsError::NotANumber);
        }
        Self::parse(text)
    }

    /// Parses a decimal that may be negative (a deduction, a correction).
    pub fn parse_signed(text: &str) -> Result<Self, PointsError> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int_part, frac_part) = match body.find(['.', ',']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PointsError::NotANumber);
        }
        let frac = frac_part.unwrap_or("");
        if frac_part.is_some() && frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PointsError::NotANumber);
        }
        if frac.len() > 2 {
            return Err(PointsError::TooManyDecimals);
        }
        if int_part.len() > 12 {
            return Err(PointsError::TooLarge);
        }
        let whole: i64 = int_part.parse().map_err(|_| PointsError::NotANumber)?;
        let mut cents: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| PointsError::NotANumber)? };
        if frac.len() == 1 {
            cents *= 10;
        }
        let value = whole.checked_mul(100).and_then(|w| w.checked_add(cents)).ok_or(PointsError::TooLarge)?;
        if value > LIMIT {
            return Err(PointsError::TooLarge);
        }
        Ok(Points(if negative { -value } else { value }))
    }

    /// Exactly two decimals, as the standings show them: `"85.50"`.
    pub fn fixed2(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// Whether this value is a whole multiple of `step` (a zero step allows all).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 <= 0 || self.0 % step.0 == 0
    }

    /// `self × n`, for deductions per minute and the like.
    pub fn times(self, n: i64) -> Points {
        Points(self.0 * n)
    }
}

/// The shortest exact form: `"10"`, `"9.5"`, `"8.75"`.
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (whole, cents) = (a / 100, a % 100);
        match cents {
            0 => write!(f, "{sign}{whole}"),
            c if c % 10 == 0 => write!(f, "{sign}{whole}.{}", c / 10),
            c => write!(f, "{sign}{whole}.{c:02}"),
        }
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(-self.0)
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        Points(iter.map(|p| p.0).sum())
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Points::parse_signed(&text).map_err(|e| serde::de::Error::custom(format!("{e:?}")))
    }
}

/// A criterion's maximum (điểm tối đa): strictly positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MaxPoints(Points);

impl MaxPoints {
    /// Parses a maximum: a decimal above zero with at most two decimals.
    pub fn parse(text: &str) -> Result<Self, PointsError> {
        let p = Points::parse(text)?;
        Self::new(p)
    }

    /// Accepts a positive value.
    pub fn new(p: Points) -> Result<Self, PointsError> {
        if p.0 <= 0 { Err(PointsError::Negative) } else { Ok(MaxPoints(p)) }
    }

    /// The maximum as points.
    pub fn points(self) -> Points {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_contract_examples() {
        assert_eq!(Points::parse("9.5"), Ok(Points(950)));
        assert_eq!(Points::parse("10"), Ok(Points(1000)));
        assert_eq!(Points::parse("8.75"), Ok(Points(875)));
        assert_eq!(Points::parse("0"), Ok(Points(0)));
        assert_eq!(Points::parse("8,5"), Ok(Points(850)));
        assert_eq!(Points::parse("07.05"), Ok(Points(705)));
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in ["", " 8", "8 ", "8.", ".5", "1e2", "abc", "8.5.1", "+1", "NaN", "--1", "١"] {
            assert_eq!(Points::parse(bad), Err(PointsError::NotANumber), "{bad:?}");
        }
        assert_eq!(Points::parse("8.125"), Err(PointsError::TooManyDecimals));
        assert_eq!(Points::parse("-1"), Err(PointsError::Negative));
        assert_eq!(Points::parse("99999999999999"), Err(PointsError::TooLarge));
        assert_eq!(MaxPoints::parse("0"), Err(PointsError::Negative));
    }

    #[test]
    fn formats_shortest_and_fixed() {
        assert_eq!(Points(950).to_string(), "9.5");
        assert_eq!(Points(1000).to_string(), "10");
        assert_eq!(Points(875).to_string(), "8.75");
        assert_eq!(Points(5).to_string(), "0.05");
        assert_eq!(Points(-150).to_string(), "-1.5");
        assert_eq!(Points(8550).fixed2(), "85.50");
        assert_eq!(Points(-5).fixed2(), "-0.05");
    }

    #[test]
    fn steps() {
        assert!(Points(850).is_multiple_of(Points(50)));
        assert!(!Points(825).is_multiple_of(Points(50)));
        assert!(Points(825).is_multiple_of(Points(25)));
        assert!(Points(1).is_multiple_of(Points(0)));
    }

    proptest! {
        #[test]
        fn display_round_trips(h in -LIMIT..=LIMIT) {
            let p = Points(h);
            prop_assert_eq!(Points::parse_signed(&p.to_string()), Ok(p));
            prop_assert_eq!(Points::parse_signed(&p.fixed2()), Ok(p));
        }

        #[test]
        fn the_wire_form_round_trips(h in 0..=LIMIT) {
            let p = Points(h);
            prop_assert_eq!(Points::parse_wire(&p.to_string()), Ok(p));
            prop_assert_eq!(Points::parse_wire(&format!("+{p}")), Err(PointsError::NotANumber));
        }
    }
}
