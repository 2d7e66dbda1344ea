//! Units (đơn vị): the administrative tree contests belong to and teams come
//! from. Levels are a configurable tree, not a fixed chain: since 2025 most
//! provinces have no district level, and clusters, agencies and the armed
//! forces sit beside the communes.

use crate::collate;
use crate::i18n::{FieldFault, Lang};
use crate::setup::RowFault;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

wire_enum! {
    /// What a unit is.
    UnitKind {
        /// Tỉnh, thành phố trực thuộc trung ương.
        Province = "province",
        /// Huyện, quận, thị xã, thành phố thuộc tỉnh.
        District = "district",
        /// Xã, phường, đặc khu.
        Commune = "commune",
        /// A Party organisation, agency, the police or the army.
        Agency = "agency",
        /// Thôn, bản, ấp, làng, buôn: a village of a commune.
        Village = "village",
        /// Tổ dân phố: a ward's street group.
        ResidentialGroup = "residential_group",
        /// Khu dân cư: a residential area.
        ResidentialArea = "residential_area",
        /// Chi bộ: a Party cell, which a village's team often stands for.
        PartyCell = "party_cell",
        /// Anything else: a cluster, a block.
        Other = "other",
    }
}

impl UnitKind {
    /// The kind's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (UnitKind::Province, Lang::Vi) => "Tỉnh, thành phố",
            (UnitKind::District, Lang::Vi) => "Huyện, quận, thị xã",
            (UnitKind::Commune, Lang::Vi) => "Xã, phường, thị trấn",
            (UnitKind::Agency, Lang::Vi) => "Cơ quan, đơn vị",
            (UnitKind::Village, Lang::Vi) => "Thôn, bản, ấp",
            (UnitKind::ResidentialGroup, Lang::Vi) => "Tổ dân phố",
            (UnitKind::ResidentialArea, Lang::Vi) => "Khu dân cư",
            (UnitKind::PartyCell, Lang::Vi) => "Chi bộ",
            (UnitKind::Other, Lang::Vi) => "Khác",
            (UnitKind::Province, Lang::En) => "Province",
            (UnitKind::District, Lang::En) => "District",
            (UnitKind::Commune, Lang::En) => "Commune",
            (UnitKind::Agency, Lang::En) => "Agency",
            (UnitKind::Village, Lang::En) => "Village",
            (UnitKind::ResidentialGroup, Lang::En) => "Street group",
            (UnitKind::ResidentialArea, Lang::En) => "Residential area",
            (UnitKind::PartyCell, Lang::En) => "Party cell",
            (UnitKind::Other, Lang::En) => "Other",
        }
    }

    /// Reads a kind by its wire name or as people write it in a sheet
    /// ("Xã", "Phường", "Huyện", "Cơ quan"…).
    pub fn read(s: &str) -> Option<UnitKind> {
        let t = s.trim().to_lowercase();
        UnitKind::parse(&t).or(match t.as_str() {
            "tỉnh" | "tỉnh, thành phố" => Some(UnitKind::Province),
            "huyện" | "quận" | "thị xã" | "huyện, quận, thị xã" => Some(UnitKind::District),
            "xã" | "phường" | "thị trấn" | "đặc khu" | "xã, phường, thị trấn" => {
                Some(UnitKind::Commune)
            }
            "cơ quan" | "đơn vị" | "cơ quan, đơn vị" | "đảng ủy" | "đảng bộ" | "công an" | "quân sự" => {
                Some(UnitKind::Agency)
            }
            "thôn" | "bản" | "ấp" | "làng" | "buôn" | "thôn, bản, ấp" => Some(UnitKind::Village),
            "tổ dân phố" | "tổ dân cư" => Some(UnitKind::ResidentialGroup),
            "khu dân cư" | "khu phố" => Some(UnitKind::ResidentialArea),
            "chi bộ" => Some(UnitKind::PartyCell),
            "khác" | "cụm" | "khối" => Some(UnitKind::Other),
            _ => None,
        })
    }
}

/// One unit, as the tree's rules need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitNode {
    /// Unit id.
    pub id: i64,
    /// The unit above it, if any.
    pub parent_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
}

/// `root` and every unit under it, at any depth. A unit whose parent chain
/// loops (which the services never store) is not followed twice.
pub fn with_descendants(units: &[UnitNode], root: i64) -> BTreeSet<i64> {
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for u in units {
        if let Some(p) = u.parent_id {
            children.entry(p).or_default().push(u.id);
        }
    }
    let mut out = BTreeSet::from([root]);
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        for &c in children.get(&id).into_iter().flatten() {
            if out.insert(c) {
                stack.push(c);
            }
        }
    }
    out
}

/// The tree in reading order: each unit after its parent, siblings in
/// Vietnamese alphabetical order, with its depth (0 for a root).
pub fn tree_order(units: &[UnitNode]) -> Vec<(usize, &UnitNode)> {
    let ids: BTreeSet<i64> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&UnitNode>> = HashMap::new();
    for u in units {
        // A parent that is not in the list makes the unit a root here.
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| collate::compare(&a.name, &b.name));
    }
    let mut out = Vec::with_capacity(units.len());
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(usize, &UnitNode)> = children.get(&None).into_iter().flatten().rev().map(|u| (0, *u)).collect();
    while let Some((depth, u)) = stack.pop() {
        if !seen.insert(u.id) {
            continue;
        }
        out.push((depth, u));
        stack.extend(children.get(&Some(u.id)).into_iter().flatten().rev().map(|c| (depth + 1, *c)));
    }
    out
}

/// The names from the root down to `id`: "Tỉnh Thái Nguyên › Xã Nông Thượng".
pub fn path(units: &[UnitNode], id: i64) -> Vec<&UnitNode> {
    let by_id: HashMap<i64, &UnitNode> = units.iter().map(|u| (u.id, u)).collect();
    let mut out = Vec::new();
    let mut at = by_id.get(&id).copied();
    while let Some(u) = at {
        if out.iter().any(|x: &&UnitNode| x.id == u.id) {
            break;
        }
        out.push(u);
        at = u.parent_id.and_then(|p| by_id.get(&p).copied());
    }
    out.reverse();
    out
}

/// Whether making `parent` the parent of `id` would put `id` under itself.
pub fn would_loop(units: &[UnitNode], id: i64, parent: i64) -> bool {
    with_descendants(units, id).contains(&parent)
}

/// The unit sheet's columns, as the downloadable template heads them.
pub const UNIT_COLUMNS: [&str; 3] = ["Tên đơn vị", "Loại", "Đơn vị cấp trên"];

/// A unit read from a sheet: its parent is named, and may be another line
/// of the same sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRow {
    /// The sheet's line, 1 being the header.
    pub line: usize,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// The parent's name, if any.
    pub parent: Option<String>,
}

fn same_name(a: &str, b: &str) -> bool {
    collate::compare(&a.trim().to_lowercase(), &b.trim().to_lowercase()).is_eq()
}

/// Reads units from a sheet's rows (the first is the header; columns found
/// by their headings). Parents are named; a name must lead to one unit,
/// already stored or on the sheet. Rows come back parents first, so they
/// can be stored in order. Every bad cell is reported, and then none is
/// taken.
pub fn units_from_rows(rows: &[Vec<String>], existing: &[UnitNode]) -> Result<Vec<UnitRow>, Vec<RowFault>> {
    let fault = |line: usize, col: usize, f: FieldFault| RowFault { line, column: UNIT_COLUMNS[col].into(), fault: f };
    let Some(header) = rows.first() else { return Err(vec![fault(1, 0, FieldFault::MissingColumn)]) };
    let position = |heading: &str| header.iter().position(|h| same_name(h, heading));
    let columns: Vec<Option<usize>> = UNIT_COLUMNS.iter().map(|c| position(c)).collect();
    let missing: Vec<RowFault> =
        [0, 1].into_iter().filter(|&i| columns[i].is_none()).map(|i| fault(1, i, FieldFault::MissingColumn)).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut faults = Vec::new();
    let mut read: Vec<UnitRow> = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        let cell = |c: usize| columns[c].and_then(|c| row.get(c)).map(|v| v.trim().to_string()).unwrap_or_default();
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (name, kind, parent) = (cell(0), cell(1), cell(2));
        if name.is_empty() {
            faults.push(fault(line, 0, FieldFault::Empty));
        } else if name.chars().count() > 200 {
            faults.push(fault(line, 0, FieldFault::TooLong { max: 200 }));
        }
        let kind = UnitKind::read(&kind).unwrap_or_else(|| {
            let words: Vec<&str> = UnitKind::ALL.iter().map(|k| k.label(Lang::Vi)).collect();
            faults.push(fault(line, 1, FieldFault::one_of(&words)));
            UnitKind::Other
        });
        read.push(UnitRow { line, name, kind, parent: Some(parent).filter(|p| !p.is_empty()) });
    }
    for r in &read {
        let Some(parent) = &r.parent else { continue };
        let stored = existing.iter().filter(|u| same_name(&u.name, parent)).count();
        let on_sheet = read.iter().filter(|o| same_name(&o.name, parent)).count();
        match stored + on_sheet {
            0 => faults.push(fault(r.line, 2, FieldFault::UnknownUnit { name: parent.clone() })),
            1 => {}
            _ => faults.push(fault(r.line, 2, FieldFault::AmbiguousUnit { name: parent.clone() })),
        }
        if same_name(parent, &r.name) {
            faults.push(fault(r.line, 2, FieldFault::UnitLoop));
        }
    }
    for (i, r) in read.iter().enumerate() {
        let twice = read[..i].iter().any(|o| same_name(&o.name, &r.name) && o.parent == r.parent);
        let stored = existing.iter().any(|u| {
            same_name(&u.name, &r.name) && {
                let parent = u.parent_id.and_then(|p| existing.iter().find(|x| x.id == p)).map(|x| x.name.as_str());
                match (parent, r.parent.as_deref()) {
                    (None, None) => true,
                    (Some(a), Some(b)) => same_name(a, b),
                    _ => false,
                }
            }
        });
        if twice || stored {
            faults.push(fault(r.line, 0, FieldFault::DuplicateUnit { name: r.name.clone() }));
        }
    }
    if !faults.is_empty() {
        faults.sort_by_key(|f| f.line);
        return Err(faults);
    }
    // Parents first: a row waits until its parent is stored or placed.
    let mut placed: Vec<UnitRow> = Vec::with_capacity(read.len());
    let mut waiting = read;
    while !waiting.is_empty() {
        let before = waiting.len();
        let (ready, rest): (Vec<UnitRow>, Vec<UnitRow>) = waiting.into_iter().partition(|r| {
            r.parent.as_ref().is_none_or(|p| {
                existing.iter().any(|u| same_name(&u.name, p)) || placed.iter().any(|o| same_name(&o.name, p))
            })
        });
        placed.extend(ready);
        waiting = rest;
        if waiting.len() == before {
            // Parents that name each other in a ring.
            return Err(waiting.iter().map(|r| fault(r.line, 2, FieldFault::UnitLoop)).collect());
        }
    }
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: i64, parent: Option<i64>, name: &str, kind: UnitKind) -> UnitNode {
        UnitNode { id, parent_id: parent, name: name.into(), kind }
    }

    fn tree() -> Vec<UnitNode> {
        vec![
            node(1, None, "Tỉnh Thái Nguyên", UnitKind::Province),
            node(2, Some(1), "Thành phố Bắc Kạn", UnitKind::District),
            node(3, Some(2), "Xã Nông Thượng", UnitKind::Commune),
            node(4, Some(2), "Phường Đức Xuân", UnitKind::Commune),
            node(5, Some(1), "Công an tỉnh", UnitKind::Agency),
            node(6, Some(3), "Thôn Bản Cậy", UnitKind::Other),
        ]
    }

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn descendants_reach_every_depth_and_only_below() {
        let t = tree();
        assert_eq!(with_descendants(&t, 2), BTreeSet::from([2, 3, 4, 6]));
        assert_eq!(with_descendants(&t, 1).len(), 6);
        assert_eq!(with_descendants(&t, 5), BTreeSet::from([5]));
        assert!(would_loop(&t, 2, 6));
        assert!(!would_loop(&t, 6, 4));
    }

    #[test]
    fn the_tree_reads_parents_first_and_siblings_in_vietnamese_order() {
        let t = tree();
        let order: Vec<(usize, &str)> = tree_order(&t).into_iter().map(|(d, u)| (d, u.name.as_str())).collect();
        assert_eq!(
            order,
            vec![
                (0, "Tỉnh Thái Nguyên"),
                (1, "Công an tỉnh"),
                (1, "Thành phố Bắc Kạn"),
                // Đ after D, before N.
                (2, "Phường Đức Xuân"),
                (2, "Xã Nông Thượng"),
                (3, "Thôn Bản Cậy"),
            ]
        );
        let p: Vec<&str> = path(&t, 6).iter().map(|u| u.name.as_str()).collect();
        assert_eq!(p, ["Tỉnh Thái Nguyên", "Thành phố Bắc Kạn", "Xã Nông Thượng", "Thôn Bản Cậy"]);
    }

    #[test]
    fn kinds_are_read_as_people_write_them() {
        assert_eq!(UnitKind::read("Phường"), Some(UnitKind::Commune));
        assert_eq!(UnitKind::read(" quận "), Some(UnitKind::District));
        assert_eq!(UnitKind::read("agency"), Some(UnitKind::Agency));
        assert_eq!(UnitKind::read("Bản"), Some(UnitKind::Village));
        assert_eq!(UnitKind::read("Tổ dân phố"), Some(UnitKind::ResidentialGroup));
        assert_eq!(UnitKind::read("Khu dân cư"), Some(UnitKind::ResidentialArea));
        assert_eq!(UnitKind::read("Chi bộ"), Some(UnitKind::PartyCell));
        assert_eq!(UnitKind::read("party_cell"), Some(UnitKind::PartyCell));
        assert_eq!(UnitKind::read("Tỉnh"), Some(UnitKind::Province));
        assert_eq!(UnitKind::read("làng"), Some(UnitKind::Village));
        assert_eq!(UnitKind::read("Hội"), None);
    }

    #[test]
    fn a_sheet_is_read_parents_first_whatever_its_order() {
        let sheet = rows(&[
            &["Tên đơn vị", "Loại", "Đơn vị cấp trên"],
            &["Xã Dương Quang", "Xã", "Thành phố Mới"],
            &["Thành phố Mới", "Huyện", "Tỉnh Thái Nguyên"],
            &["", "", ""],
            &["Đảng ủy Quân sự", "Cơ quan", ""],
        ]);
        let read = units_from_rows(&sheet, &tree()).unwrap();
        let names: Vec<&str> = read.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Thành phố Mới", "Đảng ủy Quân sự", "Xã Dương Quang"]);
        assert_eq!(read[2].kind, UnitKind::Commune);
    }

    #[test]
    fn every_bad_cell_of_a_unit_sheet_is_named() {
        let sheet = rows(&[
            &["Loại", "Tên đơn vị", "Đơn vị cấp trên"],
            &["Xã", "", "Thành phố Bắc Kạn"],
            &["Hội", "Xã Mới", "Huyện Không Có"],
            &["Xã", "Xã Nông Thượng", "Thành phố Bắc Kạn"],
        ]);
        let faults = units_from_rows(&sheet, &tree()).unwrap_err();
        let at: Vec<(usize, &str)> = faults.iter().map(|f| (f.line, f.column.as_str())).collect();
        assert_eq!(at, vec![(2, "Tên đơn vị"), (3, "Loại"), (3, "Đơn vị cấp trên"), (4, "Tên đơn vị")]);
        let faults = units_from_rows(&rows(&[&["Tên"]]), &[]).unwrap_err();
        assert_eq!(faults.len(), 2);
    }

    #[test]
    fn parents_that_name_each_other_are_refused() {
        let sheet = rows(&[&["Tên đơn vị", "Loại", "Đơn vị cấp trên"], &["A", "Khác", "B"], &["B", "Khác", "A"]]);
        let faults = units_from_rows(&sheet, &[]).unwrap_err();
        assert!(faults.iter().all(|f| f.fault == FieldFault::UnitLoop), "{faults:?}");
    }
}
