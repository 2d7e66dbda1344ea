//! The registration list as the organiser files it: a "danh sách trích
//! ngang", one row per member of every entry, as .xlsx.

use super::{entry_of, managed, status_of, unit_names};
use crate::accounts::Actor;
use crate::error::Result;
use kheo_domain::collate;
use kheo_domain::i18n::Lang;
use kheo_domain::setup::field_label;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

const HEADINGS: [&str; 13] = [
    "STT",
    "Đơn vị",
    "Tên đội",
    "Họ và tên",
    "Vai trò",
    "Năm sinh",
    "Giới tính",
    "Dân tộc",
    "Chức vụ",
    "Mô hình “Dân vận khéo”",
    "Lĩnh vực",
    "Tập thể/Cá nhân",
    "Trạng thái",
];

fn role_vi(r: kheo_domain::contest::MemberRole) -> &'static str {
    use kheo_domain::contest::MemberRole::*;
    match r {
        Captain => "Đội trưởng",
        Main => "Chính thức",
        Reserve => "Dự bị",
        Support => "Hỗ trợ",
    }
}

/// The member list of a contest's entries, units in Vietnamese order, with
/// a title line naming the contest.
pub async fn members_xlsx(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<Vec<u8>> {
    let db = &svc.db;
    let l = managed(db, actor, cid).await?;
    let names = unit_names(db).await?;
    let mut entries: Vec<_> = super::invitations_of(db, cid)
        .await?
        .into_iter()
        .filter_map(|i| entry_of(&i).map(|e| (names.get(&i.unit_id).cloned().unwrap_or_default(), status_of(&i), e)))
        .collect();
    entries.sort_by(|a, b| collate::compare(&a.0, &b.0));

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Danh sách trích ngang");
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new()
        .set_bold()
        .set_background_color("FFD54F")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let _ = sheet.write_string_with_format(0, 0, format!("DANH SÁCH TRÍCH NGANG ĐỘI THI — {}", l.contest.name), &title);
    for (col, h) in HEADINGS.iter().enumerate() {
        let _ = sheet.write_string_with_format(2, col as u16, *h, &heading);
    }
    let widths = [5.0, 28.0, 26.0, 24.0, 12.0, 9.0, 9.0, 10.0, 24.0, 36.0, 22.0, 12.0, 11.0];
    for (col, w) in widths.iter().enumerate() {
        let _ = sheet.set_column_width(col as u16, *w);
    }
    let mut row = 3u32;
    for (unit, status, e) in &entries {
        let model = e.model.clone().unwrap_or_default();
        for m in &e.team.members {
            let values: [String; 13] = [
                (row - 2).to_string(),
                unit.clone(),
                e.team.name.clone(),
                m.name.clone(),
                role_vi(m.role).into(),
                m.birth_year.map(|y| y.to_string()).unwrap_or_default(),
                m.gender.map(|g| g.label(Lang::Vi).to_string()).unwrap_or_default(),
                m.ethnicity.clone().unwrap_or_default(),
                m.position.clone().unwrap_or_default(),
                model.name.clone(),
                model.field.map(field_label).unwrap_or_default().into(),
                match model.kind {
                    Some(kheo_domain::contest::ModelKind::Collective) => "Tập thể".into(),
                    Some(kheo_domain::contest::ModelKind::Individual) => "Cá nhân".into(),
                    None => String::new(),
                },
                status.label(Lang::Vi).into(),
            ];
            for (col, v) in values.iter().enumerate() {
                // Numbers as numbers, so Excel sums and sorts them.
                match v.parse::<f64>() {
                    Ok(n) if col == 0 || col == 5 => {
                        let _ = sheet.write_number_with_format(row, col as u16, n, &cell);
                    }
                    _ => {
                        let _ = sheet.write_string_with_format(row, col as u16, v, &cell);
                    }
                }
            }
            row += 1;
        }
    }
    let _ = sheet.set_freeze_panes(3, 0);
    Ok(book.save_to_buffer().unwrap_or_default())
}
