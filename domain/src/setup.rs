//! Setting a contest up: the usual format as a starting template, and the
//! team sheet organisers fill in a spreadsheet and import.

use crate::api::{ContestDefinition, CriterionDef, MemberDef, OvertimeDef, RoundDef, TeamDef};
use crate::contest::{Level, MemberRole, ModelField};
use crate::i18n::FieldFault;
use serde::{Deserialize, Serialize};

/// What an organiser types before the template fills in the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewContest {
    /// Level of the contest.
    pub level: Level,
    /// Name.
    pub name: String,
    /// Organising unit.
    pub unit: String,
    /// ISO date, if fixed.
    pub date: Option<String>,
    /// Venue.
    pub venue: Option<String>,
    /// The unit holding it, in the tree.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The contest its winners go on to.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// `recognition` for a council that recognises models (additive);
    /// otherwise a contest of the usual format.
    #[serde(default)]
    pub purpose: Option<String>,
}

/// The template a new contest starts from: a council's when it is one.
pub fn template(new: &NewContest) -> ContestDefinition {
    match new.purpose.as_deref() {
        Some("recognition") => recognition_council(new),
        _ => usual_format(new),
    }
}

fn criterion(name: &str, max: &str) -> CriterionDef {
    CriterionDef { name: name.into(), max_points: max.into(), step: None }
}

fn judged(name: &str, minutes: u32, overtime: bool, step: &str, criteria: Vec<CriterionDef>) -> RoundDef {
    RoundDef {
        name: name.into(),
        kind: None,
        time_limit_seconds: Some(minutes * 60),
        overtime: overtime.then(|| OvertimeDef { per_started_minute: "1".into(), grace_seconds: 0 }),
        step: Some(step.into()),
        criteria,
        questions: Vec::new(),
    }
}

/// The usual four rounds of a Hội thi "Dân vận khéo" (see
/// `shared/notes/contest-format.md`): greeting, knowledge quiz, the model
/// staged as a sketch, and a drawn situation. Higher levels give the
/// greeting and the sketch more time. Every number stays editable.
pub fn usual_format(new: &NewContest) -> ContestDefinition {
    let (greeting, sketch) = match new.level {
        Level::Commune => (5, 15),
        Level::District | Level::Province => (7, 20),
    };
    let rounds = vec![
        judged(
            "Chào hỏi",
            greeting,
            true,
            "0.25",
            vec![
                criterion("Nội dung giới thiệu về địa phương, đơn vị", "15"),
                criterion("Hình thức thể hiện, phong cách", "5"),
            ],
        ),
        RoundDef {
            name: "Kiến thức".into(),
            kind: Some("quiz".into()),
            time_limit_seconds: Some(600),
            overtime: None,
            step: None,
            criteria: Vec::new(),
            questions: Vec::new(),
        },
        judged(
            "Tiểu phẩm “Dân vận khéo”",
            sketch,
            true,
            "0.25",
            vec![
                criterion("Nội dung, tính thực tiễn của mô hình", "20"),
                criterion("Kịch bản, dàn dựng", "10"),
                criterion("Diễn xuất, trang phục, đạo cụ", "10"),
            ],
        ),
        judged(
            "Xử lý tình huống",
            5,
            false,
            "0.5",
            vec![criterion("Cách xử lý hợp tình, hợp lý, đúng pháp luật", "7"), criterion("Phong cách, ngôn ngữ", "3")],
        ),
    ];
    ContestDefinition {
        name: new.name.trim().to_string(),
        level: new.level.as_str().into(),
        unit: new.unit.trim().to_string(),
        date: new.date.clone().filter(|d| !d.trim().is_empty()),
        venue: new.venue.clone().filter(|v| !v.trim().is_empty()),
        aggregation: Some("mean".into()),
        // The sketch decides ties, as most thể lệ say.
        tie_break_rounds: vec![2],
        qualified_from: None,
        unit_id: new.unit_id,
        parent_id: new.parent_id,
        awards: Some(crate::awards::usual_prizes()),
        // The usual side prizes: the best greeting, sketch and situation.
        side_prizes: [("Phần chào hỏi hay nhất", 0), ("Tiểu phẩm hay nhất", 2), ("Xử lý tình huống hay nhất", 3)]
            .into_iter()
            .map(|(name, round)| crate::awards::SidePrizeDef { name: name.into(), round: Some(round) })
            .collect(),
        rounds,
        teams: Vec::new(),
        judges: Vec::new(),
        trainees: Vec::new(),
        divergence_points: None,
        purpose: None,
        recognition_threshold: None,
    }
}

/// The usual criteria for recognising a "Dân vận khéo" model, out of 100,
/// and the usual bar of 70: a council (hội đồng xét công nhận) judges the
/// registered models on one sheet each. Every criterion, maximum and the
/// threshold stay editable, as each unit's own rules differ.
pub fn recognition_council(new: &NewContest) -> ContestDefinition {
    let criteria = vec![
        criterion("Tính mới, sáng tạo, phù hợp với thực tiễn địa bàn", "20"),
        criterion("Cách làm, sự phối hợp của cả hệ thống chính trị", "20"),
        criterion("Hiệu quả kinh tế - xã hội, sự đồng thuận của nhân dân", "30"),
        criterion("Khả năng duy trì, nhân rộng", "20"),
        criterion("Hồ sơ, báo cáo đầy đủ, đúng quy định", "10"),
    ];
    ContestDefinition {
        rounds: vec![RoundDef {
            name: "Xét công nhận mô hình".into(),
            kind: None,
            time_limit_seconds: None,
            overtime: None,
            step: Some("0.5".into()),
            criteria,
            questions: Vec::new(),
        }],
        tie_break_rounds: Vec::new(),
        awards: Some(Vec::new()),
        side_prizes: Vec::new(),
        purpose: Some("recognition".into()),
        recognition_threshold: Some("70".into()),
        ..usual_format(new)
    }
}

/// The team sheet's columns, as the downloadable template heads them.
/// `Khối` is for a contest whose teams compete in blocks; empty otherwise.
pub const TEAM_COLUMNS: [&str; 7] =
    ["Tên đội", "Đơn vị", "Mô hình “Dân vận khéo”", "Lĩnh vực", "Đội trưởng", "Thành viên", "Khối"];

/// Two lines that show how the template is filled in.
pub const TEAM_EXAMPLES: [[&str; 7]; 2] = [
    [
        "Đội thôn Bản Cậy",
        "Chi bộ thôn Bản Cậy",
        "Dân vận khéo trong phát triển chè hàng hóa",
        "Kinh tế",
        "Hoàng Văn Sáng",
        "Nông Thị Hoa; Lương Văn Tư; Đàm Thị Nguyệt",
        "",
    ],
    [
        "Đội thôn Nà Vị",
        "Chi bộ thôn Nà Vị",
        "Vận động hiến đất làm đường giao thông nông thôn",
        "Xây dựng hệ thống chính trị",
        "Ma Thị Thu",
        "Hà Văn Phúc; Lục Thị Mơ",
        "",
    ],
];

/// The Vietnamese name of a model's field, as written in the sheet.
pub fn field_label(f: ModelField) -> &'static str {
    match f {
        ModelField::Economy => "Kinh tế",
        ModelField::CultureSociety => "Văn hóa - Xã hội",
        ModelField::DefenceSecurity => "Quốc phòng - An ninh",
        ModelField::PoliticalSystem => "Xây dựng hệ thống chính trị",
    }
}

/// Lower case, old-style "hoá" as "hóa", and spaces around dashes ignored,
/// so "Văn hoá-xã hội" matches "Văn hóa - Xã hội".
fn loose(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace("oá", "óa")
        .replace("oà", "òa")
        .replace("uý", "úy")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '–')
        .collect()
}

/// A field given by its Vietnamese name or its wire name.
pub fn parse_field(s: &str) -> Option<ModelField> {
    ModelField::parse(s.trim()).or_else(|| ModelField::ALL.iter().copied().find(|f| loose(field_label(*f)) == loose(s)))
}

/// One bad cell of an imported sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowFault {
    /// The line in the sheet, 1 being the header.
    pub line: usize,
    /// The column's heading.
    pub column: String,
    /// What is wrong.
    pub fault: FieldFault,
}

const MAX_TEXT: usize = 200;

/// Reads teams from a sheet's rows (the first is the header; columns are
/// found by their headings, in any order). Every bad cell is reported by
/// line and column, and then no team is taken. `existing` are the names
/// of the contest's teams, which must not be repeated.
pub fn teams_from_rows(rows: &[Vec<String>], existing: &[String]) -> Result<Vec<TeamDef>, Vec<RowFault>> {
    let Some(header) = rows.first() else {
        return Err(vec![RowFault { line: 1, column: TEAM_COLUMNS[0].into(), fault: FieldFault::MissingColumn }]);
    };
    let position = |heading: &str| header.iter().position(|h| loose(h) == loose(heading));
    let columns: Vec<Option<usize>> = TEAM_COLUMNS.iter().map(|c| position(c)).collect();
    let missing: Vec<RowFault> = [0, 1]
        .iter()
        .filter(|&&i| columns[i].is_none())
        .map(|&i| RowFault { line: 1, column: TEAM_COLUMNS[i].into(), fault: FieldFault::MissingColumn })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }

    let mut faults = Vec::new();
    let mut teams = Vec::new();
    let mut names: Vec<String> = existing.iter().map(|n| n.trim().to_lowercase()).collect();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        let cell = |col: usize| columns[col].and_then(|c| row.get(c)).map(|v| v.trim().to_string()).unwrap_or_default();
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut fault =
            |col: usize, f: FieldFault| faults.push(RowFault { line, column: TEAM_COLUMNS[col].into(), fault: f });
        let (name, unit, model, field, captain, members) = (cell(0), cell(1), cell(2), cell(3), cell(4), cell(5));
        let block = cell(6);
        if block.chars().count() > 100 {
            fault(6, FieldFault::TooLong { max: 100 });
        }
        for (col, value) in [(0, &name), (1, &unit)] {
            if value.is_empty() {
                fault(col, FieldFault::Empty);
            }
        }
        for (col, value) in [(0, &name), (1, &unit), (2, &model), (4, &captain)] {
            if value.chars().count() > MAX_TEXT {
                fault(col, FieldFault::TooLong { max: MAX_TEXT });
            }
        }
        if !name.is_empty() {
            if names.contains(&name.to_lowercase()) {
                fault(0, FieldFault::DuplicateTeam { name: name.clone() });
            }
            names.push(name.to_lowercase());
        }
        let model_field = if field.is_empty() {
            None
        } else {
            let parsed = parse_field(&field);
            if parsed.is_none() {
                fault(3, FieldFault::one_of(&ModelField::ALL.iter().map(|f| field_label(*f)).collect::<Vec<_>>()));
            }
            parsed
        };
        let mut people: Vec<MemberDef> = Vec::new();
        if !captain.is_empty() {
            people.push(MemberDef::with_role(captain, MemberRole::Captain));
        }
        people.extend(
            members
                .split([';', '\n', ','])
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(|m| MemberDef::Name(m.to_string())),
        );
        teams.push(TeamDef {
            name,
            unit,
            members: people,
            model_name: Some(model).filter(|m| !m.is_empty()),
            model_field: model_field.map(|f| f.as_str().to_string()),
            block: Some(block).filter(|b| !b.is_empty()),
            ..Default::default()
        });
    }
    if faults.is_empty() { Ok(teams) } else { Err(faults) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn the_template_examples_import_cleanly() {
        let mut sheet = vec![TEAM_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
        sheet.extend(TEAM_EXAMPLES.iter().map(|r| r.iter().map(|c| c.to_string()).collect()));
        let teams = teams_from_rows(&sheet, &[]).unwrap();
        assert_eq!(teams.len(), 2);
        assert_eq!(teams[0].members[0], MemberDef::with_role("Hoàng Văn Sáng", MemberRole::Captain));
        assert_eq!(teams[0].members.len(), 4);
        assert_eq!(teams[1].model_field.as_deref(), Some("political_system"));
    }

    #[test]
    fn columns_are_found_by_heading_in_any_order_and_spelling() {
        let sheet = rows(&[&["đơn vị", "TÊN ĐỘI", "Lĩnh vực"], &["Thôn A", "Đội A", "Văn hoá-xã hội"], &["", "", ""]]);
        let teams = teams_from_rows(&sheet, &[]).unwrap();
        assert_eq!(teams.len(), 1);
        assert_eq!((teams[0].name.as_str(), teams[0].unit.as_str()), ("Đội A", "Thôn A"));
        assert_eq!(teams[0].model_field.as_deref(), Some("culture_society"));
    }

    #[test]
    fn every_bad_cell_is_reported_by_line_and_column() {
        let sheet = rows(&[
            &["Tên đội", "Đơn vị", "Lĩnh vực"],
            &["Đội A", "Thôn A", "Kinh tế"],
            &["", "Thôn B", ""],
            &["Đội A", "", "Thể thao"],
            &["Đội Cũ", "Thôn C", ""],
        ]);
        let faults = teams_from_rows(&sheet, &["đội cũ".into()]).unwrap_err();
        let at: Vec<(usize, &str)> = faults.iter().map(|f| (f.line, f.column.as_str())).collect();
        assert_eq!(at, vec![(3, "Tên đội"), (4, "Đơn vị"), (4, "Tên đội"), (4, "Lĩnh vực"), (5, "Tên đội")]);
        assert!(matches!(faults[2].fault, FieldFault::DuplicateTeam { .. }));
    }

    #[test]
    fn a_block_column_gives_each_team_its_block() {
        let sheet = rows(&[
            &["Tên đội", "Đơn vị", "Khối"],
            &["Đội xã Thanh Nưa", "Xã Thanh Nưa", "Khối xã"],
            &["Đội Sở Y tế", "Sở Y tế", ""],
        ]);
        let teams = teams_from_rows(&sheet, &[]).unwrap();
        assert_eq!(teams.iter().map(|t| t.block.as_deref()).collect::<Vec<_>>(), [Some("Khối xã"), None]);
    }

    #[test]
    fn a_sheet_without_the_required_headings_says_which() {
        let faults = teams_from_rows(&rows(&[&["Tên", "Địa chỉ"]]), &[]).unwrap_err();
        assert_eq!(faults.iter().map(|f| f.column.as_str()).collect::<Vec<_>>(), vec!["Tên đội", "Đơn vị"]);
        assert!(faults.iter().all(|f| f.line == 1 && f.fault == FieldFault::MissingColumn));
    }
}
