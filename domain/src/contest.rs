//! The settings of a contest: levels, round kinds and states, team fields.

use serde::{Deserialize, Serialize};

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

wire_enum! {
    /// The administrative level that holds a contest.
    Level {
        /// Xã, phường, thị trấn.
        Commune = "commune",
        /// Huyện (abolished in 2025; earlier contests remain).
        District = "district",
        /// Tỉnh, thành phố.
        Province = "province",
    }
}

wire_enum! {
    /// How a round is scored.
    RoundKind {
        /// Each judge fills a sheet against the round's criteria.
        Judged = "judged",
        /// A knowledge quiz: the secretary marks answers right or wrong.
        Quiz = "quiz",
    }
}

wire_enum! {
    /// Where a round stands. Draft → open → locked → published; a locked
    /// round may be reopened (audited).
    RoundState {
        /// Being set up; no marks accepted.
        Draft = "draft",
        /// Judges may submit and amend sheets.
        Open = "open",
        /// Marks are final; scores show over the sheets submitted.
        Locked = "locked",
        /// Results announced.
        Published = "published",
    }
}

impl RoundState {
    /// Whether an organiser may move a round from `self` to `to`.
    pub fn can_become(self, to: RoundState) -> bool {
        use RoundState::*;
        matches!((self, to), (Draft, Open) | (Open, Locked) | (Locked, Open) | (Locked, Published))
    }

    /// Whether scores of this round show even when sheets are missing.
    pub fn is_closed(self) -> bool {
        matches!(self, RoundState::Locked | RoundState::Published)
    }
}

wire_enum! {
    /// The field of a team's "Dân vận khéo" model.
    ModelField {
        /// Kinh tế.
        Economy = "economy",
        /// Văn hóa - xã hội.
        CultureSociety = "culture_society",
        /// Quốc phòng - an ninh.
        DefenceSecurity = "defence_security",
        /// Xây dựng hệ thống chính trị.
        PoliticalSystem = "political_system",
    }
}

wire_enum! {
    /// A member's role in a team.
    MemberRole {
        /// Đội trưởng.
        Captain = "captain",
        /// Thành viên chính thức.
        Member = "member",
        /// Dự bị.
        Reserve = "reserve",
        /// Người hỗ trợ.
        Supporter = "supporter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(*l));
            assert_eq!(serde_json::to_string(l).unwrap(), format!("\"{}\"", l.as_str()));
        }
        assert_eq!(Level::parse("hamlet"), None);
    }

    #[test]
    fn transitions() {
        use RoundState::*;
        assert!(Draft.can_become(Open));
        assert!(Open.can_become(Locked));
        assert!(Locked.can_become(Open));
        assert!(Locked.can_become(Published));
        assert!(!Draft.can_become(Locked));
        assert!(!Open.can_become(Published));
        assert!(!Published.can_become(Open));
        assert!(!Open.can_become(Open));
    }
}
