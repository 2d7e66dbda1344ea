//! The province's report of its models as .xlsx ("Biểu thống kê mô hình
//! Dân vận khéo"): fields by collective and individual, then status and
//! level of recognition, this year beside the year before.

use kheo_domain::contest::ModelField;
use kheo_domain::i18n::Lang;
use kheo_domain::models::{ModelStatistics, ModelStatus};
use kheo_domain::units::UnitKind;

/// The report for `now` beside `before`, of `unit` (the whole tree when none).
pub fn xlsx(now: &ModelStatistics, before: &ModelStatistics, unit: Option<&str>) -> Vec<u8> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let m = Lang::Vi.models();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Mô hình");
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new()
        .set_bold()
        .set_background_color("FFD54F")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let strong = Format::new().set_border(FormatBorder::Thin).set_bold();
    let _ = sheet.write_string_with_format(
        0,
        0,
        format!(
            "BIỂU THỐNG KÊ MÔ HÌNH “DÂN VẬN KHÉO” NĂM {}{}",
            now.year,
            unit.map(|u| format!(" — {u}")).unwrap_or_default()
        ),
        &title,
    );
    let _ = sheet.set_column_width(0, 34);
    for c in 1..=6 {
        let _ = sheet.set_column_width(c, 13);
    }
    let years = [format!("Năm {}", now.year), format!("Năm {}", before.year)];
    let heads = [
        "Lĩnh vực".to_string(),
        format!("Tập thể\n{}", years[0]),
        format!("Cá nhân\n{}", years[0]),
        format!("Tổng số\n{}", years[0]),
        format!("Tập thể\n{}", years[1]),
        format!("Cá nhân\n{}", years[1]),
        format!("Tổng số\n{}", years[1]),
    ];
    for (c, h) in heads.iter().enumerate() {
        let _ = sheet.write_string_with_format(2, c as u16, h, &heading);
    }
    let mut row = 3u32;
    let numbers = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, label: &str, values: &[u32], f: &Format| {
        let _ = sheet.write_string_with_format(row, 0, label, f);
        for (c, v) in values.iter().enumerate() {
            let _ = sheet.write_number_with_format(row, c as u16 + 1, f64::from(*v), f);
        }
    };
    for field in ModelField::ALL {
        let (n, b) = (now.fields.of(*field), before.fields.of(*field));
        let values = [n.collective, n.individual, n.total(), b.collective, b.individual, b.total()];
        numbers(sheet, row, m.field(*field), &values, &cell);
        row += 1;
    }
    let sum = |s: &ModelStatistics, pick: fn(&kheo_domain::models::KindCount) -> u32| {
        ModelField::ALL.iter().map(|f| pick(s.fields.of(*f))).sum::<u32>()
    };
    let totals = [
        sum(now, |k| k.collective),
        sum(now, |k| k.individual),
        now.total,
        sum(before, |k| k.collective),
        sum(before, |k| k.individual),
        before.total,
    ];
    numbers(sheet, row, "Tổng cộng", &totals, &strong);
    row += 2;
    for (c, h) in ["Theo trạng thái", &years[0], &years[1]].iter().enumerate() {
        let _ = sheet.write_string_with_format(row, c as u16, *h, &heading);
    }
    row += 1;
    for s in ModelStatus::ALL.iter().filter(|s| **s != ModelStatus::Withdrawn) {
        numbers(sheet, row, s.label(Lang::Vi), &[now.status.of(*s), before.status.of(*s)], &cell);
        row += 1;
    }
    row += 1;
    for (c, h) in ["Theo cấp công nhận", &years[0], &years[1]].iter().enumerate() {
        let _ = sheet.write_string_with_format(row, c as u16, *h, &heading);
    }
    row += 1;
    let level = |s: &ModelStatistics, k: UnitKind| s.recognised_at.get(k.as_str()).copied().unwrap_or(0);
    for k in UnitKind::ALL {
        numbers(sheet, row, k.label(Lang::Vi), &[level(now, *k), level(before, *k)], &cell);
        row += 1;
    }
    book.save_to_buffer().unwrap_or_default()
}
