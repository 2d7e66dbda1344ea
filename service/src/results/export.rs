//! Results written out: `results.xlsx` (the ranking with prizes; each round
//! with every judge's criteria and totals, the aggregation and
//! deductions; the prizes) and the ranking as CSV.

use kheo_domain::api::{RecordRound, RecordView};
use kheo_domain::contest::RoundKind;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::collections::HashMap;

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(n: usize, name: &str) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    format!("P{n}. {clean}").chars().take(31).collect()
}

struct Styles {
    title: Format,
    heading: Format,
    text: Format,
    number: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            heading: border(Format::new().set_bold().set_background_color("FFD54F").set_text_wrap())
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: border(Format::new().set_text_wrap()),
            number: border(Format::new().set_num_format("0.00")),
        }
    }
}

/// Writes a decimal text as a number, so that Excel sums and sorts it; an
/// empty value leaves a bordered blank.
fn write_points(sheet: &mut Worksheet, s: &Styles, row: u32, col: u16, value: Option<&str>) {
    match value.and_then(|v| v.parse::<f64>().ok()) {
        Some(n) => {
            let _ = sheet.write_number_with_format(row, col, n, &s.number);
        }
        None => {
            let _ = sheet.write_string_with_format(row, col, "", &s.text);
        }
    }
}

fn headings(sheet: &mut Worksheet, s: &Styles, row: u32, cells: &[String]) {
    for (col, h) in cells.iter().enumerate() {
        let _ = sheet.write_string_with_format(row, col as u16, h, &s.heading);
    }
}

/// `results.xlsx`.
pub fn results_xlsx(r: &RecordView) -> Vec<u8> {
    let s = Styles::new();
    let mut book = Workbook::new();
    let prize_of: HashMap<i64, &str> =
        r.awards.iter().flat_map(|g| g.teams.iter().map(move |t| (t.id, g.name.as_str()))).collect();

    let ranking = book.add_worksheet();
    let _ = ranking.set_name("Xếp hạng");
    let _ = ranking.write_string_with_format(0, 0, format!("KẾT QUẢ {}", r.contest.name.to_uppercase()), &s.title);
    let _ = ranking.write_string(1, 0, format!("{} · {}", r.contest.unit, r.contest.date.clone().unwrap_or_default()));
    let mut head = vec!["Hạng".to_string(), "Đội thi".into(), "Đơn vị".into()];
    head.extend(r.rounds.iter().map(|x| x.name.clone()));
    head.extend(["Tổng điểm".to_string(), "Giải".into()]);
    // Teams in blocks: their block and rank within it, after the prize, so
    // a contest without blocks keeps its columns where they were.
    let blocks = r.standings.iter().any(|l| l.block.is_some());
    if blocks {
        head.extend(["Khối".to_string(), "Hạng trong khối".into()]);
    }
    headings(ranking, &s, 3, &head);
    for (i, line) in r.standings.iter().enumerate() {
        let row = 4 + i as u32;
        let _ = ranking.write_number_with_format(row, 0, f64::from(line.rank), &s.text);
        let _ = ranking.write_string_with_format(row, 1, &line.team.name, &s.text);
        let _ = ranking.write_string_with_format(row, 2, &line.team.unit, &s.text);
        for (k, round) in r.rounds.iter().enumerate() {
            let v = line.rounds.get(&round.id.to_string()).cloned().flatten();
            write_points(ranking, &s, row, 3 + k as u16, v.as_deref());
        }
        let col = 3 + r.rounds.len() as u16;
        write_points(ranking, &s, row, col, Some(&line.total));
        let _ =
            ranking.write_string_with_format(row, col + 1, prize_of.get(&line.team.id).copied().unwrap_or(""), &s.text);
        if blocks {
            let _ = ranking.write_string_with_format(row, col + 2, line.block.as_deref().unwrap_or(""), &s.text);
            if let Some(b) = line.block_rank {
                let _ = ranking.write_number_with_format(row, col + 3, f64::from(b), &s.text);
            }
        }
    }
    let _ = ranking.set_column_width(1, 30);
    let _ = ranking.set_column_width(2, 30);
    let _ = ranking.set_column_width(4 + r.rounds.len() as u16, 20);
    let _ = ranking.set_freeze_panes(4, 2);

    for (n, round) in r.rounds.iter().enumerate() {
        let sheet = book.add_worksheet();
        let _ = sheet.set_name(sheet_name(n + 1, &round.name));
        round_sheet(sheet, &s, r, round);
    }

    let prizes = book.add_worksheet();
    let _ = prizes.set_name("Giải thưởng");
    headings(
        prizes,
        &s,
        0,
        &[
            "Giải".into(),
            "Đội thi".into(),
            "Đơn vị".into(),
            "Hạng".into(),
            "Tổng điểm".into(),
            "Điểm phần thi".into(),
            "Khối".into(),
        ],
    );
    let mut row = 1;
    for g in r.awards.iter().chain(&r.side_prizes) {
        for t in &g.teams {
            let _ = prizes.write_string_with_format(row, 0, &g.name, &s.text);
            let _ = prizes.write_string_with_format(row, 1, &t.name, &s.text);
            let _ = prizes.write_string_with_format(row, 2, &t.unit, &s.text);
            let _ = prizes.write_number_with_format(row, 3, f64::from(t.rank), &s.text);
            if let Some(b) = &g.block {
                let _ = prizes.write_string_with_format(row, 6, b, &s.text);
            }
            write_points(prizes, &s, row, 4, Some(&t.total));
            // A round's best is won on that round's score, not the total.
            write_points(prizes, &s, row, 5, t.score.as_deref());
            row += 1;
        }
    }
    let _ = prizes.set_column_width(0, 28);
    let _ = prizes.set_column_width(1, 30);
    let _ = prizes.set_column_width(2, 30);
    book.save_to_buffer().unwrap_or_default()
}

/// One round: a line per team; for a judged round every judge's criteria
/// and total, then the aggregation, the time over, the deduction and the
/// round score.
fn round_sheet(sheet: &mut Worksheet, s: &Styles, r: &RecordView, round: &RecordRound) {
    let _ = sheet.write_string_with_format(0, 0, &round.name, &s.title);
    let mut head = vec!["TT".to_string(), "Đội thi".into()];
    if round.kind == RoundKind::Judged {
        for j in &r.contest.judges {
            for c in &round.criteria {
                head.push(format!("{} — {} (tối đa {})", j.display_name, c.name, c.max_points));
            }
            head.push(format!("{} — Tổng", j.display_name));
        }
        head.push("Điểm tổng hợp".into());
    } else {
        head.extend(["Số câu đúng".to_string(), "Số câu hỏi".into(), "Điểm".into()]);
    }
    head.extend(["Quá giờ (giây)".to_string(), "Điểm trừ".into(), "Điểm phần thi".into()]);
    headings(sheet, s, 2, &head);
    for (i, line) in round.lines.iter().enumerate() {
        let row = 3 + i as u32;
        let _ = sheet.write_number_with_format(row, 0, f64::from(line.order), &s.text);
        let name = if line.withdrawn { format!("{} (đã rút)", line.team) } else { line.team.clone() };
        let _ = sheet.write_string_with_format(row, 1, &name, &s.text);
        let mut col = 2u16;
        if round.kind == RoundKind::Judged {
            for sheet_line in &line.sheets {
                for v in &sheet_line.scores {
                    write_points(sheet, s, row, col, v.as_deref());
                    col += 1;
                }
                write_points(sheet, s, row, col, sheet_line.total.as_deref());
                col += 1;
            }
            write_points(sheet, s, row, col, line.raw.as_deref());
            col += 1;
        } else {
            let (right, asked) = line.quiz.unwrap_or((0, 0));
            let _ = sheet.write_number_with_format(row, col, right as f64, &s.text);
            let _ = sheet.write_number_with_format(row, col + 1, asked as f64, &s.text);
            write_points(sheet, s, row, col + 2, line.raw.as_deref());
            col += 3;
        }
        let _ = sheet.write_number_with_format(row, col, f64::from(line.over_seconds), &s.text);
        write_points(sheet, s, row, col + 1, Some(&line.deduction));
        write_points(sheet, s, row, col + 2, line.score.as_deref());
    }
    let _ = sheet.set_column_width(1, 30);
    let _ = sheet.set_row_height(2, 60);
    let _ = sheet.set_freeze_panes(3, 2);
}

/// The ranking as CSV: UTF-8 with a byte-order mark so Excel shows the
/// diacritics; decimals with a point, as the contract writes them.
pub fn ranking_csv(r: &RecordView) -> String {
    let prize_of: HashMap<i64, &str> =
        r.awards.iter().flat_map(|g| g.teams.iter().map(move |t| (t.id, g.name.as_str()))).collect();
    let field = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    let mut out = String::from("\u{feff}");
    let mut head = vec!["Hạng".to_string(), "Đội thi".into(), "Đơn vị".into()];
    head.extend(r.rounds.iter().map(|x| x.name.clone()));
    head.extend(["Tổng điểm".to_string(), "Giải".into()]);
    out.push_str(&head.iter().map(|h| field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for line in &r.standings {
        let mut cells = vec![line.rank.to_string(), field(&line.team.name), field(&line.team.unit)];
        cells
            .extend(r.rounds.iter().map(|x| line.rounds.get(&x.id.to_string()).cloned().flatten().unwrap_or_default()));
        cells.push(line.total.clone());
        cells.push(field(prize_of.get(&line.team.id).copied().unwrap_or("")));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name(3, "Tiểu phẩm “Dân vận khéo” [chung kết]"), "P3. Tiểu phẩm “Dân vận khéo” ch");
        assert!(sheet_name(1, &"x".repeat(50)).chars().count() <= 31);
    }
}
