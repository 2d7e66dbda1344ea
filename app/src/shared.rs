//! What pages of several audiences share: the header, the not-found page,
//! a list of contests, and the words for levels and roles.

use crate::account::session::whoami;
use crate::i18n::{lang, texts};
use kheo_domain::contest::Level;
use kheo_domain::i18n::Texts;
use kheo_domain::user::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A server function error as a sentence for the person.
pub fn error_text(e: &ServerFnError) -> String {
    match e {
        ServerFnError::ServerError(m) => m.clone(),
        other => other.to_string(),
    }
}

/// The name of a level.
pub fn level_name(t: &Texts, l: Level) -> &'static str {
    match l {
        Level::Commune => t.level_commune,
        Level::District => t.level_district,
        Level::Province => t.level_province,
    }
}

/// The name of a role.
pub fn role_name(t: &Texts, r: Role) -> &'static str {
    match r {
        Role::Admin => t.role_admin,
        Role::Organiser => t.role_organiser,
        Role::Judge => t.role_judge,
    }
}

/// The top bar: brand, navigation, language, who is signed in.
#[component]
pub fn Header() -> impl IntoView {
    let t = texts();
    let other = match lang() {
        kheo_domain::i18n::Lang::Vi => "en",
        kheo_domain::i18n::Lang::En => "vi",
    };
    let location = use_location();
    let lang_href = move || format!("/lang/{other}?next={}", location.pathname.get());
    // Asked again after each navigation: signing in or out changes it.
    let me = Resource::new(move || location.pathname.get(), |_| whoami());
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark">"K"</span>
                <span class="brand-text">
                    <strong>{t.app_name}</strong>
                    <small>{t.tagline}</small>
                </span>
            </a>
            <nav class="nav">
                <a href="/">{t.nav_contests}</a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(u)) => view! {
                                <a href="/account" class="nav-user" title=role_name(t, u.role)>{u.display_name}</a>
                            }.into_any(),
                            _ => view! { <a href="/sign-in">{t.nav_sign_in}</a> }.into_any(),
                        }
                    })}
                </Transition>
                <a href=lang_href rel="external" class="nav-lang">{t.other_language}</a>
            </nav>
        </header>
    }
}

/// A numeric route parameter (`:id`, `:cid`), 0 when absent or malformed.
pub fn id_param(name: &'static str) -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0)
}

/// The page for an unknown address.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = texts();
    view! {
        <section class="card narrow">
            <h1>{t.not_found_title}</h1>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}

/// A list of contests, each linking to `{base}/{id}`.
#[component]
pub fn ContestLinks(contests: Vec<kheo_domain::api::ContestSummary>, base: &'static str) -> impl IntoView {
    // Public leaderboards are plain pages with their own small script, so
    // the application hands them to the browser instead of routing them.
    let rel = (base == "/contests").then_some("external");
    let t = texts();
    if contests.is_empty() {
        return view! { <p class="muted">{t.contests_empty}</p> }.into_any();
    }
    view! {
        <ul class="contest-list">
            {contests.into_iter().map(|c| view! {
                <li>
                    <a href=format!("{base}/{}", c.id) rel=rel>
                        <span class="contest-name">{c.name}</span>
                        <span class="contest-meta">
                            <span class="badge">{level_name(t, c.level)}</span>
                            {c.unit}" · "{c.year}
                        </span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
