//! Khéo's domain: the words of a Hội thi "Dân vận khéo" and its pure rules.
//!
//! Vocabulary used throughout the code base:
//! - **contest** (hội thi): one event at a level (commune, district, province).
//! - **round** (phần thi): a part of the contest, judged by the panel or a quiz.
//! - **criterion** (tiêu chí): one line of a round's rubric, with a maximum.
//! - **team** (đội thi) of **members** (thí sinh), in a running order.
//! - **judge** (giám khảo) on the contest's **panel** (ban giám khảo).
//! - **sheet** (phiếu chấm điểm): one judge's points for one team in one round.
//! - **standings** (bảng xếp hạng): derived from sheets, never edited by hand.
//!
//! Nothing here does I/O or reads a clock: the same code runs in the server
//! and, compiled to WebAssembly, in the judge's browser.

/// Declares an enum whose values travel as fixed words (on the wire and in
/// the database), with `ALL`, `as_str` and `parse`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used on the wire and in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses the wire name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub mod api;
pub mod audit;
pub mod awards;
pub mod checklist;
pub mod collate;
pub mod completeness;
pub mod contest;
pub mod definition;
pub mod i18n;
pub mod ledger;
pub mod models;
pub mod paper;
pub mod paperwork;
pub mod points;
pub mod registration;
pub mod results;
pub mod scoring;
pub mod setup;
pub mod sheet;
pub mod show;
pub mod standings;
pub mod statistics;
#[cfg(feature = "db")]
pub mod stored;
pub mod time;
pub mod units;
pub mod user;

pub use points::{MaxPoints, Points, PointsError};
