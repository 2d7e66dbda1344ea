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
    /// Staff pages: hydrated by the whole application's bundle.
    App,
    /// A judge's pages, a unit's entry form and sign-in: hydrated by the
    /// field bundle (`/pkg/field/kheo.wasm`), which carries only these
    /// pages. A tablet in the hall or a village's phone must not download
    /// the organisers' pages.
    Field,
    /// The public contest list.
    Public,
    /// A public leaderboard, live through `board.js`.
    Board,
    /// The hall projector: no header, large type.
    Projector,
    /// The livestream overlay: no header, transparent.
    Overlay,
    /// The audience's play-along and vote pages, live through `show.js`.
    Play,
    /// A page to print (record, sheets, certificates, forms): rendered
    /// whole, no header, no script.
    Print,
}

impl PageKind {
    /// The kind of the page at `path`: the kind declared beside its route
    /// in `pages!`, else a staff page.
    pub fn of(path: &str) -> PageKind {
        PAGES.iter().find(|(pattern, _)| route_matches(pattern, path)).map_or(PageKind::App, |(_, kind)| *kind)
    }

    /// Whether the page is hydrated by a bundle: the staff's or the field's.
    pub fn hydrated(self) -> bool {
        matches!(self, PageKind::App | PageKind::Field)
    }

    /// Whether the page shows the site's header and footer.
    pub fn has_chrome(self) -> bool {
        !matches!(self, PageKind::Projector | PageKind::Overlay | PageKind::Print)
    }
}

/// Whether `path` is a page of the route `pattern` (`/contests/:id`): a
/// `:token` takes any word, another parameter only a number, as the pages'
/// loaders do; a trailing `/` is the same page.
fn route_matches(pattern: &str, path: &str) -> bool {
    let parts = |p: &str| p.trim_end_matches('/').split('/').skip(1).map(str::to_owned).collect::<Vec<_>>();
    let (want, got) = (parts(pattern), parts(path));
    want.len() == got.len()
        && want.iter().zip(&got).all(|(w, g)| match w.strip_prefix(':') {
            Some("token") => !g.is_empty(),
            Some(_) => g.parse::<i64>().is_ok(),
            None => w == g,
        })
}

/// The component a route draws in this build. The server and the staff
/// bundle draw every page; the field bundle (built without the `staff`
/// feature) draws only field pages, and for any other route loads the page
/// from the server, so the organisers' components never reach it.
macro_rules! page_view {
    (Field, $($view:ident)::+) => {
        $($view)::+
    };
    ($kind:ident, $($view:ident)::+) => {
        staff_page!($($view)::+)
    };
}

#[cfg(any(feature = "ssr", feature = "staff"))]
macro_rules! staff_page {
    ($($view:ident)::+) => {
        $($view)::+
    };
}

#[cfg(not(any(feature = "ssr", feature = "staff")))]
macro_rules! staff_page {
    ($($view:ident)::+) => {
        shared::ElsewherePage
    };
}

/// Declares every page once: its path, the component that draws it and its
/// kind. The router's routes and `PageKind::of` (which the server's page
/// cache and the shell read) both come from this one list.
macro_rules! pages {
    ($($path:tt => $($view:ident)::+ , $kind:ident;)+) => {
        /// Every page's path, as the router writes it, and its kind.
        pub const PAGES: &[(&str, PageKind)] = &[$(($path, PageKind::$kind)),+];

        /// The routes of every page. Async: the whole page arrives as plain
        /// HTML, so a phone without JavaScript (or before it loads) sees
        /// the data.
        #[component]
        fn PageRoutes() -> impl IntoView {
            view! {
                <Routes fallback=shared::NotFound>
                    $(<Route path=path!($path) view=page_view!($kind, $($view)::+) ssr=SsrMode::Async/>)+
                </Routes>
            }
        }
    };
}

pages! {
    "" => public::home::HomePage, Public;
    "/sign-in" => account::sign_in::SignInPage, Field;
    "/account" => account::page::AccountPage, App;
    "/contests/:id" => public::leaderboard::LeaderboardPage, Board;
    "/contests/:id/projector" => public::leaderboard::ProjectorPage, Projector;
    "/contests/:id/overlay" => public::leaderboard::OverlayPage, Overlay;
    "/contests/:id/choi" => public::show::PlayPage, Play;
    "/contests/:id/binh-chon" => public::show::VotePage, Play;
    "/j/:token" => judge::pass::PassPage, Field;
    "/judge/:cid" => judge::desk::JudgePage, Field;
    "/manage" => organiser::contest::ManageListPage, App;
    "/manage/new" => organiser::setup::NewContestPage, App;
    "/manage/models" => organiser::models::ModelsPage, App;
    "/manage/models/calls" => organiser::model_calls::CallsPage, App;
    "/manage/models/calls/:id/in" => organiser::model_calls::CallCardsPage, Print;
    "/manage/:cid" => organiser::contest::ManageContestPage, App;
    "/manage/:cid/setup" => organiser::setup::SetupPage, App;
    "/manage/:cid/board" => organiser::board::BoardPage, App;
    "/manage/:cid/paper" => organiser::paper_desk::PaperDeskPage, App;
    "/manage/:cid/quiz" => organiser::quiz::QuizConsolePage, App;
    "/manage/:cid/registration" => organiser::registration::RegistrationPage, App;
    "/manage/:cid/registration/print" => unit::print::InvitationCardsPage, Print;
    "/manage/:cid/registration/:iid/form" => unit::print::OrganiserFormPage, Print;
    "/manage/:cid/teams" => organiser::teams::TeamsPage, App;
    "/manage/:cid/advance" => organiser::advance::AdvancePage, App;
    "/manage/:cid/results" => organiser::results::ResultsPage, App;
    "/manage/:cid/ceremony" => organiser::ceremony::CeremonyPage, App;
    "/manage/:cid/record" => paper::record::RecordPage, Print;
    "/manage/:cid/sheets" => paper::sheets::JudgeSheetsPage, Print;
    "/manage/:cid/certificates" => paper::certificates::CertificatesPage, Print;
    "/contests/:id/results" => public::results::PublicResultsPage, Public;
    "/contests/:id/ledger" => public::ledger::LedgerPage, Public;
    "/contests/:id/record" => paper::record::RecordPage, Print;
    "/statistics" => public::statistics::StatisticsPage, Public;
    "/archive" => public::archive::ArchivePage, Public;
    "/mo-hinh" => public::models::RegisterPage, Public;
    "/mo-hinh/:id" => public::models::ModelPage, Public;
    "/mo-hinh/dang-ky/:token" => unit::model_link::ModelLinkPage, Field;
    "/admin/units" => admin::units::UnitsPage, App;
    "/admin/accounts" => admin::accounts::AccountsPage, App;
    "/dang-ky/:token" => unit::entry::EntryPage, Field;
    "/dang-ky/:token/in" => unit::print::UnitFormPage, Print;
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
                    PageKind::Field => view! { <FieldBundle/> }.into_any(),
                    PageKind::Public | PageKind::Print => ().into_any(),
                    PageKind::Play => view! { <script src="/show.js" defer></script> }.into_any(),
                    PageKind::Projector | PageKind::Overlay => view! {
                        <script src="/board.js" defer></script>
                        <script src="/show.js" defer></script>
                    }.into_any(),
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

/// Loads and starts the field bundle once the page is parsed. Unlike
/// `HydrationScripts` it does not preload the WebAssembly: on a phone's
/// slow line that preload took the bandwidth the style sheet and the fonts
/// needed, and the page, readable without it, showed later.
#[component]
fn FieldBundle() -> impl IntoView {
    const JS: &str = "/pkg/field/kheo.js";
    const WASM: &str = "/pkg/field/kheo.wasm";
    view! {
        <script type="module">
            {format!("import({JS:?}).then(m => m.default({{module_or_path: {WASM:?}}}).then(() => m.hydrate()))")}
        </script>
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
                <PageRoutes/>
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
        assert_eq!(PageKind::of("/sign-in"), PageKind::Field);
        assert_eq!(PageKind::of("/j/abc"), PageKind::Field);
        assert_eq!(PageKind::of("/judge/3"), PageKind::Field);
        assert_eq!(PageKind::of("/account"), PageKind::App);
        assert!(!PageKind::Projector.has_chrome() && PageKind::Board.has_chrome());
        assert_eq!(PageKind::of("/statistics"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/3/results"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/3/ledger"), PageKind::Public);
        assert_eq!(PageKind::of("/contests/3/record"), PageKind::Print);
        assert_eq!(PageKind::of("/manage/3/certificates"), PageKind::Print);
        assert_eq!(PageKind::of("/manage/3/registration/5/form"), PageKind::Print);
        assert_eq!(PageKind::of("/dang-ky/abc/in"), PageKind::Print);
        assert_eq!(PageKind::of("/dang-ky/abc"), PageKind::Field);
        assert_eq!(PageKind::of("/mo-hinh/dang-ky/abc"), PageKind::Field);
        assert_eq!(PageKind::of("/mo-hinh/12"), PageKind::Public);
        assert_eq!(PageKind::of("/manage/models/calls/3/in"), PageKind::Print);
        assert_eq!(PageKind::of("/manage/3/registration"), PageKind::App);
    }

    #[test]
    fn every_page_is_declared_once() {
        let mut paths: Vec<&str> = super::PAGES.iter().map(|(p, _)| *p).collect();
        let all = paths.len();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), all);
    }
}
