//! Reading the sheets organisers upload: the first worksheet of an .xlsx
//! (or .xls, .ods), or a CSV, as rows of text.

use kheo_domain::i18n::FieldFault;

/// A sheet's cells as text, row by row: the first worksheet of an .xlsx
/// (or .xls, .ods), or a CSV separated by commas or semicolons.
pub fn read_rows(file_name: &str, bytes: &[u8]) -> std::result::Result<Vec<Vec<String>>, FieldFault> {
    use calamine::{Data, Reader};
    let lower = file_name.to_lowercase();
    if lower.ends_with(".csv") {
        let text = std::str::from_utf8(bytes).map_err(|_| FieldFault::UnreadableFile)?;
        let text = text.trim_start_matches('\u{feff}');
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        return reader
            .records()
            .map(|r| r.map(|rec| rec.iter().map(str::to_string).collect()).map_err(|_| FieldFault::UnreadableFile))
            .collect();
    }
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| FieldFault::UnreadableFile)?;
    let range =
        book.worksheet_range_at(0).ok_or(FieldFault::UnreadableFile)?.map_err(|_| FieldFault::UnreadableFile)?;
    Ok(range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect())
}
