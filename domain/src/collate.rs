//! Vietnamese alphabetical order.
//!
//! The alphabet is a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư
//! v (w) x y (z); tones order ngang, huyền, hỏi, ngã, sắc, nặng. Words are
//! compared syllable by syllable: letters first, then the syllable's tone,
//! then case. Byte order gets all of this wrong (Đ sorts after Z, "Ánh"
//! after "Anh Ba").
//!
//! People are listed by given name (tên, the last word), then by the full
//! name, as Vietnamese class lists and award lists do.

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

const ALPHABET: &[char] = &[
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q',
    'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// A collation key: compare keys to compare texts in Vietnamese order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    syllables: Vec<(Vec<u32>, u8)>,
    case: Vec<bool>,
}

fn tone_of(mark: char) -> Option<u8> {
    match mark {
        '\u{300}' => Some(1), // huyền
        '\u{309}' => Some(2), // hỏi
        '\u{303}' => Some(3), // ngã
        '\u{301}' => Some(4), // sắc
        '\u{323}' => Some(5), // nặng
        _ => None,
    }
}

fn letter_with(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    })
}

/// Weights for one character: digits before letters, other symbols after.
fn weight(c: char) -> u32 {
    if c.is_ascii_digit() {
        return 100 + c as u32 - '0' as u32;
    }
    match ALPHABET.iter().position(|&a| a == c) {
        Some(i) => 1_000 + i as u32,
        None => 10_000 + c as u32,
    }
}

/// The Vietnamese sort key of a text.
pub fn sort_key(text: &str) -> SortKey {
    let mut syllables = Vec::new();
    let mut case = Vec::new();
    for word in text.split_whitespace() {
        let mut letters: Vec<u32> = Vec::new();
        let mut tone = 0u8;
        let mut last: Option<char> = None;
        for c in word.nfd() {
            if let Some(t) = tone_of(c) {
                tone = t;
                continue;
            }
            if let Some(prev) = last
                && let Some(l) = letter_with(prev, c)
            {
                *letters.last_mut().expect("a base letter came first") = weight(l);
                last = Some(l);
                continue;
            }
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            let lower = c.to_lowercase().next().unwrap_or(c);
            case.push(c != lower);
            letters.push(weight(lower));
            last = Some(lower);
        }
        syllables.push((letters, tone));
    }
    SortKey { syllables, case }
}

/// Compares two texts in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

/// The key for a person's name: given name first, then the whole name.
pub fn person_key(full_name: &str) -> (SortKey, SortKey) {
    let given = full_name.split_whitespace().last().unwrap_or("");
    (sort_key(given), sort_key(full_name))
}

/// A text for searching: lower case, without tone marks or diacritics,
/// đ as d, spaces collapsed, so that "nong thuong" finds "Nông Thượng" as
/// people type on a phone without a Vietnamese keyboard.
pub fn fold(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares two people's names as Vietnamese lists do.
pub fn compare_people(a: &str, b: &str) -> Ordering {
    person_key(a).cmp(&person_key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn search_folds_accents_and_case() {
        assert_eq!(fold("Hội thi  Xã NÔNG THƯỢNG"), "hoi thi xa nong thuong");
        assert_eq!(fold("Đức Xuân"), "duc xuan");
        assert!(fold("Phường Đức Xuân").contains(&fold("duc xu")));
    }

    #[test]
    fn d_stroke_after_d_and_before_e() {
        assert_eq!(sorted(vec!["Đông", "Dung", "Em", "Zô", "Ánh"]), vec!["Ánh", "Dung", "Đông", "Em", "Zô"]);
    }

    #[test]
    fn modified_vowels_follow_their_base() {
        assert_eq!(
            sorted(vec!["ơn", "ân", "ăn", "an", "ôn", "on", "ưu", "uy"]),
            vec!["an", "ăn", "ân", "on", "ôn", "ơn", "uy", "ưu"]
        );
    }

    #[test]
    fn tones_after_letters_in_their_order() {
        assert_eq!(
            sorted(vec!["bạ", "bá", "bã", "bả", "bà", "ba", "bác"]),
            vec!["ba", "bà", "bả", "bã", "bá", "bạ", "bác"]
        );
    }

    #[test]
    fn syllable_by_syllable() {
        // "Anh" < "Ánh" even though "Anh Ba" is a longer text.
        assert_eq!(sorted(vec!["Ánh", "Anh Ba", "Anh"]), vec!["Anh", "Anh Ba", "Ánh"]);
    }

    #[test]
    fn precomposed_and_decomposed_agree() {
        let composed = "Hoàng Thị Mai";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(sort_key(composed), sort_key(&decomposed));
    }

    #[test]
    fn people_by_given_name() {
        let mut v = vec!["Triệu Văn Sơn", "Hoàng Thị Mai", "Nguyễn Văn An", "Lê Thị Đào", "Phạm Minh Anh"];
        v.sort_by(|a, b| compare_people(a, b));
        assert_eq!(v, vec!["Nguyễn Văn An", "Phạm Minh Anh", "Lê Thị Đào", "Hoàng Thị Mai", "Triệu Văn Sơn"]);
    }

    #[test]
    fn digits_before_letters() {
        assert_eq!(sorted(vec!["Thôn 2", "Thôn 10", "Thôn An"]), vec!["Thôn 10", "Thôn 2", "Thôn An"]);
    }
}
