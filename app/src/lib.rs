//! Khéo's pages, in a folder per audience: `public` (contests and
//! leaderboards, no account), `judge` (pass and desk), `organiser` (set-up,
//! running a contest, the secretary's board) and `account` (sign-in). Each
//! page keeps its server functions beside its components; what several
//! audiences share is in `shared`; server-only code sits behind
//! `#[cfg(feature = "ssr")]`.

#![recursion_limit = "1024"]

pub mod account;
pub mod admin;
pub mod i18n;
pub mod judge;
pub mod live;
pub mod organiser;
pub mod paper;
pub mod public;
pub mod shared;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod unit;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// Which kind of page a path is. Audience pages are plain server-rendered
/// HTML plus one small script: a cheap phone on 3G must not download the
/// whole application to watch a leaderboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// Staff pages: hydrated, interactive.
    App,
    /// The public contest list.
    Public,
    /// A public leaderboard, live through `board.js`.
    Board,
    /// The hall projector: no header, large type.
    Projector,
    /// The livestream overlay: no header, transparent.
    Overlay,
    /// A page to print (record, sheets, certificates, forms): rendered
    /// whole, no header, no script.
    Print,
}

impl PageKind {
    /// The kind of the page at `path`.
    pub fn of(path: &str) -> PageKind {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        let id = |x: &str| x.parse::<i64>().is_ok();
        match parts.as_slice() {
            [] | [""] | ["statistics"] | ["archive"] => PageKind::Public,
            ["contests", c, "results" | "ledger"] if id(c) => PageKind::Public,
            ["contests", c, "record"] if id(c) => PageKind::Print,
            ["manage", c, "record" | "sheets" | "certificates"] if id(c) => PageKind::Print,
            ["manage", c, "registration", "print"] if id(c) => PageKind::Print,
            ["manage", c, "registration", i, "form"] if id(c) && id(i) => PageKind::Print,
            ["dang-ky", _, "in"] => PageKind::Print,
            ["contests", c] if id(c) => PageKind::Board,
            ["contests", c, "projector"] if id(c) => PageKind::Projector,
            ["contests", c, "overlay"] if id(c) => PageKind::Overlay,
            _ => PageKind::App,
        }
    }

    /// Whether the page shows the site's header and footer.
    pub fn has_chrome(self) -> bool {
        !matches!(self, PageKind::Projector | PageKind::Overlay | PageKind::Print)
    }
}

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::request_lang();
    #[cfg(feature = "ssr")]
    let kind = use_context::<http::request::Parts>().map_or(PageKind::App, |p| PageKind::of(p.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let kind = PageKind::App;
    let body_class = match kind {
        PageKind::Projector => "projector-body",
        PageKind::Overlay => "overlay-body",
        PageKind::Print => "print-body",
        _ => "",
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b71c1c"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                {match kind {
                    PageKind::App => view! { <HydrationScripts options/> }.into_any(),
                    PageKind::Public | PageKind::Print => ().into_any(),
                    _ => view! { <script src="/board.js" defer></script> }.into_any(),
                }}
                <MetaTags/>
            </head>
            <body class=body_class>
                <App/>
            </body>
        </html>
    }
}

/// The application: header, routes, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide_lang();
    let t = i18n::texts();
    view! {
        <Stylesheet id="leptos" href="/pkg/kheo.css"/>
        <Title formatter=move |page: String| if page.is_empty() { t.tagline.to_string() } else { format!("{page} · Khéo") }/>
        <Router>
            <Chrome>
                <shared::Header/>
            </Chrome>
            <main class="page">
                <Routes fallback=shared::NotFound>
                    // Async: the whole page arrives as plain HTML, so a phone
                    // without JavaScript (or before it loads) sees the data.
                    <Route path=path!("") view=public::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=account::sign_in::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=account::page::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id") view=public::leaderboard::LeaderboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/projector") view=public::leaderboard::ProjectorPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/overlay") view=public::leaderboard::OverlayPage ssr=SsrMode::Async/>
                    <Route path=path!("/j/:token") view=judge::pass::PassPage ssr=SsrMode::Async/>
                    <Route path=path!("/judge/:cid") view=judge::desk::JudgePage ssr=SsrMode::Async/>
                    <Route path=path!("/manage") view=organiser::contest::ManageListPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/new") view=organiser::setup::NewContestPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid") view=organiser::contest::ManageContestPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/setup") view=organiser::setup::SetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/board") view=organiser::board::BoardPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/registration") view=organiser::registration::RegistrationPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/registration/print") view=unit::print::InvitationCardsPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/registration/:iid/form") view=unit::print::OrganiserFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/teams") view=organiser::teams::TeamsPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/advance") view=organiser::advance::AdvancePage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/results") view=organiser::results::ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/ceremony") view=organiser::ceremony::CeremonyPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/record") view=paper::record::RecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/sheets") view=paper::sheets::JudgeSheetsPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/certificates") view=paper::certificates::CertificatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/results") view=public::results::PublicResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/ledger") view=public::ledger::LedgerPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id/record") view=paper::record::RecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/statistics") view=public::statistics::StatisticsPage ssr=SsrMode::Async/>
                    <Route path=path!("/archive") view=public::archive::ArchivePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/units") view=admin::units::UnitsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=admin::accounts::AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/dang-ky/:token") view=unit::entry::EntryPage ssr=SsrMode::Async/>
                    <Route path=path!("/dang-ky/:token/in") view=unit::print::UnitFormPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Chrome>
                <footer class="footer">
                    <span>{t.app_name}" · "{t.tagline}</span>
                </footer>
            </Chrome>
        </Router>
    }
}

/// The site's header and footer, left out on the projector and the overlay.
#[component]
fn Chrome(children: ChildrenFn) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || PageKind::of(&location.pathname.get()).has_chrome().then(|| children())
}

#[cfg(test)]
mod tests {
    use super::PageKind;

    #[test]
    fn audience_pages_are_told_apart_from_staff_pages() {
        assert_eq!(PageKind::of("/"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/12"), PageKind::Board);
        assert_eq!(PageKind::of("/contests/12/"), PageKind::Board);
        assert_eq!(PageKind::of("/contests/12/projector"), PageKind::Projector);
        assert_eq!(PageKind::of("/contests/12/overlay"), PageKind::Overlay);
        assert_eq!(PageKind::of("/contests/x"), PageKind::App);
        assert_eq!(PageKind::of("/manage/12"), PageKind::App);
        assert_eq!(PageKind::of("/sign-in"), PageKind::App);
        assert!(!PageKind::Projector.has_chrome() && PageKind::Board.has_chrome());
        assert_eq!(PageKind::of("/statistics"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/3/results"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/3/ledger"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/3/record"), PageKind::Print);
        assert_eq!(PageKind::of("/manage/3/certificates"), PageKind::Print);
        assert_eq!(PageKind::of("/manage/3/registration/5/form"), PageKind::Print);
        assert_eq!(PageKind::of("/dang-ky/abc/in"), PageKind::Print);
        assert_eq!(PageKind::of("/dang-ky/abc"), PageKind::App);
        assert_eq!(PageKind::of("/manage/3/registration"), PageKind::App);
    }
}
