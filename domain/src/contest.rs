//! The settings of a contest: levels, round kinds and states, team fields.

use serde::{Deserialize, Serialize};

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
        // A publication may be withdrawn: the round goes back to locked.
        matches!(
            (self, to),
            (Draft, Open) | (Open, Locked) | (Locked, Open) | (Locked, Published) | (Published, Locked)
        )
    }

    /// Whether scores of this round show even when sheets are missing.
    pub fn is_closed(self) -> bool {
        matches!(self, RoundState::Locked | RoundState::Published)
    }
}

wire_enum! {
    /// Whether a model is a collective's or one person's.
    ModelKind {
        /// Tập thể.
        Collective = "collective",
        /// Cá nhân.
        Individual = "individual",
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
    /// A member's role in a team, as the contract names it.
    MemberRole {
        /// Đội trưởng.
        Captain = "captain",
        /// Thành viên chính thức.
        Main = "main",
        /// Dự bị.
        Reserve = "reserve",
        /// Người hỗ trợ, phụ họa.
        Support = "support",
    }
}

impl MemberRole {
    /// Reads a role by its wire name, the names of earlier versions
    /// (`member`, `supporter`) or its Vietnamese name ("Đội trưởng",
    /// "Chính thức", "Dự bị", "Hỗ trợ"…), as people type them in a sheet.
    pub fn read(s: &str) -> Option<Self> {
        let t = s.trim().to_lowercase();
        MemberRole::parse(&t).or(match t.as_str() {
            "member" | "chính thức" | "thành viên" | "thành viên chính thức" | "" => Some(MemberRole::Main),
            "supporter" | "hỗ trợ" | "người hỗ trợ" | "phụ họa" | "phụ hoạ" => {
                Some(MemberRole::Support)
            }
            "đội trưởng" | "trưởng đội" => Some(MemberRole::Captain),
            "dự bị" | "thành viên dự bị" => Some(MemberRole::Reserve),
            _ => None,
        })
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
        assert!(Published.can_become(Locked));
        assert!(!Open.can_become(Open));
    }
}
