//! Units (đơn vị): the tree an admin keeps, typed in or imported from a
//! sheet; organisers belong to one, contests are held by one, and units
//! are invited to register their teams.

use crate::accounts::Actor;
use crate::db::{self};
use crate::entity::org_unit;
use crate::error::{Error, Result};
use crate::spreadsheet::read_rows;
use kheo_domain::api::{ImportFault, NewUnit, UnitImportReport, UnitList, UnitView};
use kheo_domain::collate;
use kheo_domain::i18n::{FieldFault, Lang, Problem};
use kheo_domain::units::{self, UNIT_COLUMNS, UnitKind, UnitNode};
use kheo_domain::user::Role;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// Every stored unit.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<org_unit::Model>> {
    Ok(org_unit::Entity::find().all(db).await?)
}

/// Stored units as the tree's rules take them.
pub fn nodes(units: &[org_unit::Model]) -> Vec<UnitNode> {
    units
        .iter()
        .map(|u| UnitNode {
            id: i64::from(u.id),
            parent_id: u.parent_id.map(i64::from),
            name: u.name.clone(),
            kind: u.kind,
        })
        .collect()
}

fn view(n: &UnitNode) -> UnitView {
    UnitView { id: n.id, name: n.name.clone(), kind: n.kind, parent_id: n.parent_id }
}

/// `GET /units`: the whole tree, parents before their children, siblings
/// in Vietnamese order.
pub async fn list(svc: &crate::Services) -> Result<UnitList> {
    let db = &svc.db;
    let nodes = nodes(&all(db).await?);
    Ok(UnitList { units: units::tree_order(&nodes).into_iter().map(|(_, n)| view(n)).collect() })
}

/// The ids of a unit and of every unit under it.
pub async fn with_descendants(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<i32>> {
    Ok(ids_under(&all(db).await?, i64::from(unit_id)))
}

/// The ids of a unit and of every unit under it, among units already read.
pub fn ids_under(stored: &[org_unit::Model], unit_id: i64) -> Vec<i32> {
    units::with_descendants(&nodes(stored), unit_id).into_iter().filter_map(|id| i32::try_from(id).ok()).collect()
}

fn admin_only(actor: &Actor) -> Result<()> {
    if actor.role == Role::Admin { Ok(()) } else { Err(Problem::Forbidden.into()) }
}

fn same_place(u: &org_unit::Model, name: &str, parent: Option<i32>) -> bool {
    u.parent_id == parent && collate::compare(&u.name.to_lowercase(), &name.to_lowercase()).is_eq()
}

/// Checks a new or changed unit against the tree: a name, a known kind, a
/// parent that exists (and is not the unit itself or below it), no twin
/// under the same parent. `id` is the unit being changed, if any.
fn check(existing: &[org_unit::Model], id: Option<i32>, new: &NewUnit) -> Result<(String, UnitKind, Option<i32>)> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(Error::field("name", FieldFault::Empty));
    }
    if name.chars().count() > 200 {
        return Err(Error::field("name", FieldFault::TooLong { max: 200 }));
    }
    let kind = UnitKind::read(&new.kind).ok_or_else(|| {
        Error::field("kind", FieldFault::one_of(&UnitKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()))
    })?;
    let parent = match new.parent_id {
        None => None,
        Some(p) => {
            let found = existing.iter().find(|u| i64::from(u.id) == p);
            let p = found.ok_or_else(|| Error::field("parent_id", FieldFault::UnknownUnit { name: p.to_string() }))?.id;
            if let Some(id) = id
                && units::would_loop(&nodes(existing), i64::from(id), i64::from(p))
            {
                return Err(Error::field("parent_id", FieldFault::UnitLoop));
            }
            Some(p)
        }
    };
    if existing.iter().any(|u| Some(u.id) != id && same_place(u, name, parent)) {
        return Err(Problem::UnitExists.into());
    }
    Ok((name.to_string(), kind, parent))
}

/// `POST /units`: an admin adds a unit.
pub async fn create(svc: &crate::Services, actor: &Actor, new: &NewUnit) -> Result<UnitView> {
    let db = &svc.db;
    admin_only(actor)?;
    let txn = db::write(db).await?;
    let (name, kind, parent) = check(&all(&txn).await?, None, new)?;
    let saved =
        org_unit::ActiveModel { parent_id: Set(parent), name: Set(name), kind: Set(kind), ..Default::default() }
            .insert(&txn)
            .await?;
    txn.commit().await?;
    Ok(view(&nodes(&[saved])[0]))
}

/// An admin renames a unit, changes its kind or moves it under another.
pub async fn update(svc: &crate::Services, actor: &Actor, id: i32, new: &NewUnit) -> Result<UnitView> {
    let db = &svc.db;
    admin_only(actor)?;
    let txn = db::write(db).await?;
    let existing = all(&txn).await?;
    let row = existing.iter().find(|u| u.id == id).cloned().ok_or_else(|| Error::not_found("unit"))?;
    let (name, kind, parent) = check(&existing, Some(id), new)?;
    let mut active: org_unit::ActiveModel = row.into();
    active.name = Set(name);
    active.kind = Set(kind);
    active.parent_id = Set(parent);
    let saved = active.update(&txn).await?;
    txn.commit().await?;
    Ok(view(&nodes(&[saved])[0]))
}

/// Adds the units of an .xlsx or .csv sheet laid out as the template
/// (name, kind, parent by name). Every bad cell is reported by line and
/// column, and then nothing is stored.
pub async fn import(
    svc: &crate::Services,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    lang: Lang,
) -> Result<UnitImportReport> {
    let db = &svc.db;
    admin_only(actor)?;
    let rows = read_rows(file_name, bytes).map_err(|f| Error::field("file", f))?;
    let txn = db::write(db).await?;
    let mut stored = all(&txn).await?;
    let read = match units::units_from_rows(&rows, &nodes(&stored)) {
        Ok(read) => read,
        Err(faults) => {
            let faults = faults
                .into_iter()
                .map(|f| ImportFault { line: f.line, column: f.column, message: f.fault.message(lang) })
                .collect();
            return Ok(UnitImportReport { added: 0, faults });
        }
    };
    let added = read.len();
    for r in read {
        // Parents come first, so each parent is stored (or was) by now.
        let parent = r.parent.as_deref().and_then(|p| {
            stored.iter().find(|u| collate::compare(&u.name.to_lowercase(), &p.to_lowercase()).is_eq()).map(|u| u.id)
        });
        let saved = org_unit::ActiveModel {
            parent_id: Set(parent),
            name: Set(r.name),
            kind: Set(r.kind),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        stored.push(saved);
    }
    txn.commit().await?;
    Ok(UnitImportReport { added, faults: Vec::new() })
}

/// The unit sheet to fill in, as .xlsx: the headings, example lines, and a
/// list to pick each kind from.
pub fn template_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Đơn vị");
    let heading = Format::new().set_bold().set_background_color("FFD54F");
    for (col, name) in UNIT_COLUMNS.iter().enumerate() {
        let _ = sheet.write_string_with_format(0, col as u16, *name, &heading);
        let _ = sheet.set_column_width(col as u16, 36);
    }
    let examples = [
        ["Tỉnh Thái Nguyên", "Tỉnh", ""],
        ["Xã Nông Thượng", "Xã", "Tỉnh Thái Nguyên"],
        ["Đảng ủy Công an tỉnh", "Cơ quan", "Tỉnh Thái Nguyên"],
    ];
    for (row, example) in examples.iter().enumerate() {
        for (col, value) in example.iter().enumerate() {
            let _ = sheet.write_string(row as u32 + 1, col as u16, *value);
        }
    }
    let kinds = ["Tỉnh", "Huyện", "Xã", "Phường", "Cơ quan", "Khác"];
    if let Ok(list) = DataValidation::new().allow_list_strings(&kinds) {
        let _ = sheet.add_data_validation(1, 1, 2000, 1, &list);
    }
    let _ = sheet.set_freeze_panes(1, 0);
    book.save_to_buffer().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_as_its_examples() {
        let rows = read_rows("don-vi.xlsx", &template_xlsx()).unwrap();
        let read = units::units_from_rows(&rows, &[]).unwrap();
        let names: Vec<&str> = read.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Tỉnh Thái Nguyên", "Xã Nông Thượng", "Đảng ủy Công an tỉnh"]);
        assert_eq!(read[2].kind, UnitKind::Agency);
    }
}
