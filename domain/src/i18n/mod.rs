//! The one catalogue of words: Vietnamese first, English second.
//!
//! Pages take their text from [`Texts`]; errors that reach a person take
//! theirs from [`Problem::message`]. A text added to one language and not
//! the other does not compile.

mod fields;
mod ledger;
mod models;
mod organiser;
mod panel;
mod problem;
mod results;
mod season;
mod show;
mod texts;

pub use fields::field_words;
pub use ledger::LedgerTexts;
pub use models::ModelTexts;
pub use organiser::OrganiserTexts;
pub use panel::PanelTexts;
pub use problem::{FieldFault, Problem, ScoreFault};
pub use results::ResultTexts;
pub use season::SeasonTexts;
pub use show::ShowTexts;
pub use texts::Texts;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and cookies.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// A decimal as the language writes it: "17,92" in Vietnamese, "17.92"
    /// in English. Screens use this; the API and the files keep the point.
    pub fn number(self, decimal: &str) -> String {
        match self {
            Lang::Vi => decimal.replace('.', ","),
            Lang::En => decimal.to_string(),
        }
    }

    /// The decimal separator, for scripts that draw numbers themselves.
    pub fn decimal_mark(self) -> &'static str {
        match self {
            Lang::Vi => ",",
            Lang::En => ".",
        }
    }

    /// Parses a tag such as `vi`, `en-US`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks a language from an `Accept-Language` header: English only when
    /// the client prefers it to Vietnamese; Vietnamese otherwise.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(Lang, u32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else { continue };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .map_or(1000, |q| (q.clamp(0.0, 1.0) * 1000.0) as u32);
            if best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map_or(Lang::Vi, |(l, _)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(Lang::Vi.number("17.92"), "17,92");
        assert_eq!(Lang::Vi.number("-0.50"), "-0,50");
        assert_eq!(Lang::En.number("17.92"), "17.92");
        assert_eq!(Lang::Vi.number("20"), "20");
    }

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language(""), Lang::Vi);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("vi-VN,vi;q=0.9,en;q=0.8"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("fr,en;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("vi;q=0.4, en;q=0.6"), Lang::En);
    }
}
