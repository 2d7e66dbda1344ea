//! An existing list of models imported from a sheet: every bad cell named
//! by line and column and nothing stored, or every line stored at the
//! status it had reached. The template to fill in is here too.

use super::{insert, reach, step};
use crate::accounts::Actor;
use crate::db;
use crate::error::{Error, Result};
use crate::spreadsheet::read_rows;
use crate::units;
use kheo_domain::api::{ImportFault, ModelImportReport};
use kheo_domain::i18n::{Lang, Problem};
use kheo_domain::models::{MODEL_COLUMNS, ModelStatus, models_from_rows};
use kheo_domain::user::Role;

/// Imports models from `bytes` (an .xlsx, .xls, .ods or .csv named
/// `file_name`) into the units the actor reaches.
pub async fn import(
    svc: &crate::Services,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    lang: Lang,
) -> Result<ModelImportReport> {
    if !matches!(actor.role, Role::Admin | Role::Organiser) || actor.contest_scope.is_some() {
        return Err(Problem::Forbidden.into());
    }
    let rows = read_rows(file_name, bytes).map_err(|f| Error::field("file", f))?;
    let txn = db::write(&svc.db).await?;
    let all = units::all(&txn).await?;
    let nodes = units::nodes(&all);
    let reach = reach(actor, &nodes);
    let may = |id: i64| reach.as_ref().is_none_or(|r| r.contains(&id));
    let read = match models_from_rows(&rows, &nodes, &may, super::this_year()) {
        Ok(read) => read,
        Err(faults) => {
            let faults = faults
                .into_iter()
                .map(|f| ImportFault { line: f.line, column: f.column, message: f.fault.message(lang) })
                .collect();
            return Ok(ModelImportReport { added: 0, faults });
        }
    };
    let chain =
        [ModelStatus::Implementing, ModelStatus::Recognised, ModelStatus::Exemplary, ModelStatus::ProposedAward];
    for r in &read {
        let unit = all.iter().find(|u| i64::from(u.id) == r.model.unit_id).map(|u| u.name.clone()).unwrap_or_default();
        let mut m = insert(&txn, &r.model, &unit, Some(actor), None).await?;
        // The steps a listed model had taken before it came into Khéo.
        let acting = actor.unit_id.unwrap_or(m.org_unit_id);
        let note = format!("Nhập từ danh sách “{file_name}”, dòng {}", r.line);
        for to in chain.iter().take_while(|s| **s <= r.status) {
            m = step(&txn, m, *to, acting, Some(actor), &actor.display_name, Some(note.clone()), None).await?;
        }
    }
    txn.commit().await?;
    Ok(ModelImportReport { added: read.len(), faults: Vec::new() })
}

/// The model sheet to fill in, as .xlsx: the headings and two examples.
pub fn template_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Mô hình");
    let heading = Format::new().set_bold().set_background_color("FFD54F");
    for (c, h) in MODEL_COLUMNS.iter().enumerate() {
        let _ = sheet.write_string_with_format(0, c as u16, *h, &heading);
        let _ = sheet.set_column_width(c as u16, if c == 2 || c == 6 { 40 } else { 18 });
    }
    let examples: [[&str; 7]; 2] = [
        [
            "Xã Nông Thượng",
            "2025",
            "Hũ gạo tình thương",
            "Văn hóa - Xã hội",
            "Tập thể",
            "Chi hội Phụ nữ thôn Nà Vị",
            "Mỗi tháng góp một nắm gạo giúp hộ khó khăn.",
        ],
        [
            "Xã Dương Quang",
            "2025",
            "Nữ cán bộ dân vận khéo",
            "Xây dựng hệ thống chính trị",
            "Cá nhân",
            "Bà Hoàng Thị Hạnh",
            "Hòa giải tại cơ sở.",
        ],
    ];
    for (r, line) in examples.iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            let _ = sheet.write_string(r as u32 + 1, c as u16, *v);
        }
    }
    let _ = sheet.write_string(1, 16, "Được công nhận");
    book.save_to_buffer().unwrap_or_default()
}
