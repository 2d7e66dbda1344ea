//! The paperwork's words (giấy tờ): a certificate's wording from the
//! organiser's template, and the checks that keep what is printed from
//! showing a raw blank (`{hoi_thi}`) or a date written twice.

use crate::i18n::{FieldFault, Lang};

/// The blanks a certificate's wording may hold, with what each stands for.
pub const BLANKS: [(&str, &str, &str); 6] = [
    ("doi", "Tên đội", "Team"),
    ("don_vi", "Đơn vị", "Unit"),
    ("giai", "Giải", "Prize"),
    ("hoi_thi", "Tên hội thi", "Contest"),
    ("tong_diem", "Tổng điểm", "Total"),
    ("ten", "Họ tên thành viên", "Member's name"),
];

/// Every blank as written, "{doi}, {don_vi}, …", for messages.
pub fn blanks_written() -> String {
    BLANKS.iter().map(|(k, _, _)| format!("{{{k}}}")).collect::<Vec<_>>().join(", ")
}

/// What a blank stands for, in `lang`.
pub fn blank_label(key: &str, lang: Lang) -> Option<&'static str> {
    BLANKS.iter().find(|(k, _, _)| *k == key).map(|(_, vi, en)| if lang == Lang::Vi { *vi } else { *en })
}

/// A certificate's words: the template with its blanks filled. Blanks
/// without a value are left out, never printed as `{…}`.
pub fn wording(template: &str, fill: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_key(&after[..close]) => {
                let key = &after[..close];
                if let Some((_, value)) = fill.iter().find(|(k, _)| *k == key) {
                    out.push_str(value);
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The blanks in `template` that are not among `BLANKS`, in order.
pub fn unknown_blanks(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let key = after[..close].trim();
        if !BLANKS.iter().any(|(k, _, _)| *k == key) {
            out.push(format!("{{{key}}}"));
        }
        rest = &after[close + 1..];
    }
    out
}

/// Whether a place name carries a date ("Nông Thượng, ngày 20 tháng 12"),
/// which the paper adds itself.
pub fn place_has_date(place: &str) -> bool {
    let lower = place.to_lowercase();
    lower.contains("ngày") || lower.contains("tháng") || lower.chars().filter(char::is_ascii_digit).count() >= 4
}

/// Checks the paperwork's words: `(field, fault)` for the first wrong one.
pub fn check(place: &str, certificate_text: &str) -> Result<(), (&'static str, FieldFault)> {
    if place_has_date(place) {
        return Err(("place", FieldFault::PlaceWithDate));
    }
    if let Some(blank) = unknown_blanks(certificate_text).into_iter().next() {
        return Err(("certificate_text", FieldFault::UnknownBlank { blank }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn blanks_are_filled_and_unknown_ones_never_printed() {
        let t = "Đội {doi} ({don_vi}) đã đạt {giai} tại {hoi_thi}, {tong_diem} điểm. {khac}";
        let fill = [
            ("doi", "Đội A"),
            ("don_vi", "Thôn A"),
            ("giai", "Giải Nhất"),
            ("hoi_thi", "Hội thi X"),
            ("tong_diem", "85,50"),
        ];
        assert_eq!(wording(t, &fill), "Đội Đội A (Thôn A) đã đạt Giải Nhất tại Hội thi X, 85,50 điểm. ");
        assert_eq!(wording("Giá {không phải chỗ trống}", &fill), "Giá {không phải chỗ trống}");
        assert_eq!(unknown_blanks(t), ["{khac}"]);
        assert!(unknown_blanks("Đã đạt {giai} tại {hoi_thi}.").is_empty());
    }

    #[test]
    fn a_place_with_a_date_is_caught() {
        assert!(place_has_date("Nông Thượng, ngày 20 tháng 12 năm 2026"));
        assert!(place_has_date("Nông Thượng, 20/12/2026"));
        assert!(!place_has_date("Nông Thượng"));
        assert!(!place_has_date("Xã Đặc khu Phú Quý"));
        assert_eq!(check("Nông Thượng", "Đã đạt {giai}."), Ok(()));
        assert_eq!(check("Nông Thượng, ngày", "").unwrap_err().0, "place");
        assert_eq!(check("Nông Thượng", "{Doi}").unwrap_err().0, "certificate_text");
    }

    proptest! {
        #[test]
        fn filled_wording_keeps_no_known_blank(text in "[a-zđ {}_]{0,40}") {
            let fill: Vec<(&str, &str)> = BLANKS.iter().map(|(k, _, _)| (*k, "x")).collect();
            let out = wording(&text, &fill);
            for (k, _, _) in BLANKS {
                let blank = format!("{{{k}}}");
                prop_assert!(!out.contains(&blank), "{} left in {}", blank, out);
            }
        }
    }
}
