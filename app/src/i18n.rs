//! The page's language: a cookie chosen by the visitor, Vietnamese by default.

use kheo_domain::i18n::{Lang, ResultTexts, SeasonTexts, Texts};
use leptos::prelude::*;

/// The cookie that keeps the visitor's language.
pub const LANG_COOKIE: &str = "kheo_lang";

/// The language of the request being rendered (server) or of the page
/// that was rendered (browser, from `<html lang>`).
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| crate::ssr::cookie(&p.headers, LANG_COOKIE))
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document_lang().unwrap_or_default()
    }
}

#[cfg(not(feature = "ssr"))]
fn document_lang() -> Option<Lang> {
    #[cfg(feature = "hydrate")]
    {
        let el = web_sys::window()?.document()?.document_element()?;
        Lang::parse(&el.get_attribute("lang")?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Makes the language available to every component.
pub fn provide_lang() {
    provide_context(request_lang());
}

/// The language in use.
pub fn lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The texts in the language in use.
pub fn texts() -> &'static Texts {
    lang().texts()
}

/// The season's words (units, registration, teams sent on).
pub fn season_texts() -> &'static SeasonTexts {
    lang().season()
}

/// The words of results, the ceremony, paperwork and statistics.
pub fn results_texts() -> &'static ResultTexts {
    lang().results()
}

/// The score ledger's words.
pub fn ledger_texts() -> &'static kheo_domain::i18n::LedgerTexts {
    lang().ledger()
}

/// The words that guard the organiser's path: set-up checks, confirmations,
/// passes, accounts, the checklist.
pub fn organiser_texts() -> &'static kheo_domain::i18n::OrganiserTexts {
    lang().organiser()
}

/// The show's words: the quiz console, playing along, the vote.
pub fn show_texts() -> &'static kheo_domain::i18n::ShowTexts {
    lang().show()
}

/// The register of models' words.
pub fn model_texts() -> &'static kheo_domain::i18n::ModelTexts {
    lang().models()
}

/// The panel's words: the paper desk and the board's marks on paper sheets.
pub fn panel_texts() -> &'static kheo_domain::i18n::PanelTexts {
    lang().panel()
}
