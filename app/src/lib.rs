//! Khéo's pages, split by audience: public (contests, leaderboards), staff
//! (sign-in, account). Each feature keeps its server functions beside its
//! components; server-only code sits behind `#[cfg(feature = "ssr")]`.

#![recursion_limit = "1024"]

pub mod i18n;
pub mod live;
pub mod pages;
pub mod pending;
pub mod session;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b71c1c"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
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
            <pages::Header/>
            <main class="page">
                <Routes fallback=pages::NotFound>
                    // Async: the whole page arrives as plain HTML, so a phone
                    // without JavaScript (or before it loads) sees the data.
                    <Route path=path!("") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/contests/:id") view=pages::leaderboard::LeaderboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/j/:token") view=pages::pass::PassPage ssr=SsrMode::Async/>
                    <Route path=path!("/judge/:cid") view=pages::judge::JudgePage ssr=SsrMode::Async/>
                    <Route path=path!("/manage") view=pages::manage::ManageListPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid") view=pages::manage::ManageContestPage ssr=SsrMode::Async/>
                    <Route path=path!("/manage/:cid/board") view=pages::manage::BoardPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="footer">
                <span>{t.app_name}" · "{t.tagline}</span>
            </footer>
        </Router>
    }
}
