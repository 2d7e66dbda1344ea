//! What pages of several audiences share: the header, the not-found page,
//! a list of contests, and the words for levels and roles.

use crate::account::session::whoami;
use crate::i18n::{lang, texts};
use kheo_domain::contest::{Level, MemberRole, ModelKind};
use kheo_domain::i18n::{SeasonTexts, Texts};
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
                <a href="/" rel="external">{t.nav_contests}</a>
                <a href="/statistics" rel="external">{crate::i18n::season_texts().nav_statistics}</a>
                <a href="/archive" rel="external">{crate::i18n::season_texts().nav_archive}</a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(u)) => view! {
                                {match u.role {
                                    Role::Admin => Some(view! { <a href="/admin/units">{crate::i18n::season_texts().nav_admin}</a> }),
                                    Role::Organiser => Some(view! { <a href="/manage">{t.nav_manage}</a> }),
                                    Role::Judge => None,
                                }}
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

/// The form a submit event came from, and its data, for an upload.
#[cfg(feature = "hydrate")]
pub fn form_data(ev: &leptos::ev::SubmitEvent) -> Option<(web_sys::HtmlFormElement, web_sys::FormData)> {
    use wasm_bindgen::JsCast;
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    Some((form, data))
}

/// The bad cells of an imported sheet, by line and column, under
/// `heading` (which says that nothing was taken).
#[component]
pub fn FaultTable(heading: &'static str, faults: Vec<kheo_domain::api::ImportFault>) -> impl IntoView {
    let t = texts();
    view! {
        <div class="import-faults" role="alert">
            <p class="error">{heading}</p>
            <table class="plain">
                <thead><tr><th>{t.line_word}</th><th>{t.column_word}</th><th></th></tr></thead>
                <tbody>
                    {faults.into_iter().map(|f| view! {
                        <tr><td>{f.line}</td><td>{f.column}</td><td>{f.message}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// An RFC 3339 time in Vietnam's time, "01/12/2026 17:00".
pub fn local_time(rfc3339: &str) -> String {
    kheo_domain::time::vietnam(rfc3339).map(|l| l.text()).unwrap_or_else(|| rfc3339.to_string())
}

/// An RFC 3339 time as a `datetime-local` field's value, in Vietnam's time.
pub fn local_field(rfc3339: &str) -> String {
    kheo_domain::time::vietnam(rfc3339).map(|l| l.field()).unwrap_or_default()
}

/// The name of a member's role.
pub fn member_role_name(s: &SeasonTexts, r: MemberRole) -> &'static str {
    match r {
        MemberRole::Captain => s.role_captain,
        MemberRole::Main => s.role_main,
        MemberRole::Reserve => s.role_reserve,
        MemberRole::Support => s.role_support,
    }
}

/// The name of a model's kind.
pub fn model_kind_name(s: &SeasonTexts, k: ModelKind) -> &'static str {
    match k {
        ModelKind::Collective => s.kind_collective,
        ModelKind::Individual => s.kind_individual,
    }
}

/// `text` as an SVG QR code, drawn on the server (pages that show one are
/// rendered there).
pub fn qr_code(text: &str, size: u32) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::qr_svg(text, size)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (text, size);
        String::new()
    }
}

/// A page to print: a toolbar (back, print) that paper does not show, and
/// the sheets.
#[component]
pub fn PrintPage(back: String, children: Children) -> impl IntoView {
    let t = texts();
    view! {
        <nav class="print-toolbar no-print">
            <a href=back>"← "{t.back_word}</a>
            <button type="button" class="button primary" onclick="window.print()">{t.print}</button>
        </nav>
        <div class="print-area">{children()}</div>
    }
}
