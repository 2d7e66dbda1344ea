//! What pages of several audiences share: the header, the not-found page,
//! a list of contests, and the words for levels and roles.

use crate::account::session::whoami;
use crate::i18n::{lang, texts};
use kheo_domain::contest::{Level, MemberRole, ModelKind};
use kheo_domain::i18n::{SeasonTexts, Texts};
use kheo_domain::user::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Between a refusal's sentence and the path of the field it names, in a
/// server function's error (a character no sentence contains).
const FIELD_MARK: char = '\u{1f}';

/// A page's data that did not load: the reason, in a card of its own, or
/// `bare` inside a card the page already has.
#[component]
pub fn LoadFailed(error: ServerFnError, #[prop(optional)] bare: bool) -> impl IntoView {
    let line = view! { <p class="error">{error_text(&error)}</p> };
    if bare { line.into_any() } else { view! { <section class="card narrow">{line}</section> }.into_any() }
}

/// The one line that says a write was refused or failed, while there is
/// something to say; `inline` beside a button rather than under a form.
#[component]
pub fn ErrorLine(#[prop(into)] message: Signal<Option<String>>, #[prop(optional)] inline: bool) -> impl IntoView {
    // `try_get`: a message derived in a grid that is being redrawn may be
    // gone a moment before this line is; then there is nothing to say.
    move || {
        message.try_get().flatten().map(|m| {
            if inline {
                view! { <span class="error" role="alert">{m}</span> }.into_any()
            } else {
                view! { <p class="error" role="alert">{m}</p> }.into_any()
            }
        })
    }
}

/// A decimal on a screen, as the reader's language writes it ("17,92").
pub fn num(decimal: &str) -> String {
    lang().number(decimal)
}

/// A refusal's sentence with the field it names, for the page to mark it.
pub fn with_field(message: &str, field: &str) -> String {
    format!("{message}{FIELD_MARK}{field}")
}

/// A server function error as a sentence for the person.
pub fn error_text(e: &ServerFnError) -> String {
    match e {
        ServerFnError::ServerError(m) => m.split(FIELD_MARK).next().unwrap_or_default().to_string(),
        other => other.to_string(),
    }
}

/// The path of the field a refusal names (`teams[0].members[1].name`).
pub fn error_field(e: &ServerFnError) -> Option<String> {
    match e {
        ServerFnError::ServerError(m) => m.split_once(FIELD_MARK).map(|(_, f)| f.to_string()),
        _ => None,
    }
}

/// Shows a refusal beside the field it names, on the page as it stands: the
/// field (found by its `name` or `data-path`, else by the nearest path
/// above it) is marked invalid, gets the sentence under it, and is scrolled
/// to and focused. Marks of an earlier refusal go first. Returns the
/// sentence, for the page's own status line.
pub fn show_refusal(e: &ServerFnError) -> String {
    let text = error_text(e);
    match error_field(e) {
        Some(field) => mark_field(&field, &text),
        None => clear_refusals(),
    }
    text
}

/// Marks one field as refused with `text` beside it (and no other).
pub fn mark_field(field: &str, text: &str) {
    clear_refusals();
    point_at(field, text);
}

/// Removes the marks `show_refusal` left.
pub fn clear_refusals() {
    #[cfg(feature = "hydrate")]
    {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(notes) = doc.query_selector_all(".field-refusal") {
            for i in 0..notes.length() {
                if let Some(n) = notes.item(i)
                    && let Some(parent) = n.parent_node()
                {
                    let _ = parent.remove_child(&n);
                }
            }
        }
        if let Ok(marked) = doc.query_selector_all("[data-refused]") {
            for i in 0..marked.length() {
                if let Some(el) =
                    marked.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                {
                    let _ = el.remove_attribute("data-refused");
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
        }
    }
}

#[cfg(feature = "hydrate")]
fn point_at(field: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    // `teams[0].members[3].name` may have no input of its own (a list that
    // is too long, a whole row): the nearest path above it that has one.
    let mut path = field.to_string();
    let el = loop {
        let quoted = path.replace('\\', "\\\\").replace('"', "\\\"");
        let found = doc.query_selector(&format!("[name=\"{quoted}\"], [data-path=\"{quoted}\"]")).ok().flatten();
        if found.is_some() {
            break found;
        }
        match path.rfind(['.', '[']) {
            Some(cut) => path.truncate(cut),
            None => break None,
        }
    };
    let Some(el) = el else { return };
    let _ = el.set_attribute("data-refused", "");
    let _ = el.set_attribute("aria-invalid", "true");
    // The sentence goes under the field, inside its label or cell, so that it
    // moves with the field when a list is reordered.
    let holder = el.closest("label, td, .field, .member-card, fieldset").ok().flatten().unwrap_or_else(|| el.clone());
    if let Ok(note) = doc.create_element("p") {
        note.set_class_name("field-refusal");
        let _ = note.set_attribute("role", "alert");
        note.set_text_content(Some(text));
        if holder == el {
            let _ = el.insert_adjacent_element("afterend", &note);
        } else {
            let _ = holder.append_child(&note);
        }
    }
    if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
    // In the middle of the screen: a sticky save bar covers the bottom.
    let at = web_sys::ScrollIntoViewOptions::new();
    at.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&at);
}

#[cfg(not(feature = "hydrate"))]
fn point_at(_field: &str, _text: &str) {}

/// Asks the person a yes-or-no question before something that cannot
/// simply be taken back; on the server (no person there) the answer is no.
pub fn confirm(question: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        false
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
                <a href="/mo-hinh" rel="external">{crate::i18n::model_texts().nav}</a>
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
        <DiskBanner/>
    }
}

/// What organisers and admins are told of the server's disk: full (writes
/// refused; `true`), running low, rolling copies paused. Nothing for others.
#[server]
pub async fn disk_warning() -> Result<Option<(bool, String)>, ServerFnError> {
    let Some(actor) = crate::ssr::actor().await? else { return Ok(None) };
    if actor.role == Role::Judge {
        return Ok(None);
    }
    let t = crate::ssr::lang().organiser();
    let disk = kheo_service::storage::status();
    let mut words = if disk.full {
        t.disk_full.to_string()
    } else if disk.low {
        t.disk_low.replace("{mb}", &(disk.free_bytes.unwrap_or(0) >> 20).to_string())
    } else {
        String::new()
    };
    if kheo_service::backups::paused() {
        words = format!("{words} {}", t.backups_paused).trim().to_string();
    }
    Ok((!words.is_empty()).then_some((disk.full, words)))
}

/// The banner under the top bar while the server's disk is in trouble;
/// asked again after each navigation and every half minute.
#[component]
fn DiskBanner() -> impl IntoView {
    let location = use_location();
    let tick = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    {
        let timer = set_interval_with_handle(move || tick.update(|n| *n += 1), std::time::Duration::from_secs(30)).ok();
        let held = send_wrapper::SendWrapper::new(timer);
        on_cleanup(move || {
            if let Some(t) = held.take() {
                t.clear();
            }
        });
    }
    let warning = Resource::new(move || (location.pathname.get(), tick.get()), |_| disk_warning());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                warning.await.ok().flatten().map(|(full, w)| {
                    view! { <p class="banner warn disk-banner" class:full=full role="alert">{w}</p> }
                })
            })}
        </Transition>
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

/// Set by the bundle once it has hydrated the page the server sent: a
/// route drawn after that was reached by a link.
#[cfg(feature = "hydrate")]
pub static HYDRATED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A page the field bundle does not carry, reached by a link from a field
/// page (signing in leads on to the organisers' pages): the browser asks
/// the server for it, which sends it with the bundle it needs. Never drawn
/// while hydrating: the server sends the field bundle only with field
/// pages, so a page reloaded here cannot come back to it.
#[cfg(not(any(feature = "ssr", feature = "staff")))]
#[component]
pub fn ElsewherePage() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if HYDRATED.load(std::sync::atomic::Ordering::Relaxed)
        && let Some(window) = web_sys::window()
    {
        // The router draws the route before it moves the address bar: the
        // page to load is the route's, not the window's.
        let location = use_location();
        let search = location.search.get_untracked();
        let query = if search.is_empty() || search.starts_with('?') { search } else { format!("?{search}") };
        let _ = window.location().set_href(&format!("{}{query}", location.pathname.get_untracked()));
    }
    view! { <section class="card narrow" aria-busy="true"></section> }
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

/// A path of this site as a full link, for a QR code on paper: the
/// address the page was asked for, with the path in it.
pub fn page_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map_or_else(|| path.to_string(), |p| crate::ssr::absolute_url(&p, path))
    }
    #[cfg(not(feature = "ssr"))]
    {
        path.to_string()
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

/// A question put to the person before an action that cannot simply be
/// taken back, in words that say what will happen.
#[derive(Clone)]
pub struct Question {
    /// The question.
    pub title: String,
    /// What will happen, or what is still missing, a line each.
    pub lines: Vec<String>,
    /// The button that goes ahead, saying what it does.
    pub yes: String,
    /// What going ahead does.
    pub on_yes: Callback<()>,
}

/// The question being asked, if any, over the page: "yes" does the thing,
/// anything else leaves everything as it was.
#[component]
pub fn Ask(question: RwSignal<Option<Question>>) -> impl IntoView {
    let o = crate::i18n::organiser_texts();
    move || {
        question.get().map(|q| {
            let on_yes = q.on_yes;
            view! {
                <div class="ask-backdrop" on:click=move |_| question.set(None)>
                    <div class="ask card" role="alertdialog" aria-modal="true" aria-labelledby="ask-title"
                        on:click=|ev| ev.stop_propagation()>
                        <h2 id="ask-title">{q.title}</h2>
                        <ul class="ask-lines">
                            {q.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                        </ul>
                        <div class="row end">
                            <button type="button" class="button" id="ask-no" on:click=move |_| question.set(None)>{o.cancel}</button>
                            <button type="button" class="button primary" id="ask-yes" on:click=move |_| {
                                question.set(None);
                                on_yes.run(());
                            }>{q.yes}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// Members pasted from a spreadsheet (rows of cells, read by the same rule
/// as the member template), for a unit's entry and for the set-up alike.
/// `words`: the summary, the help under it, and the button.
#[component]
pub fn PasteMembers(
    year: i32,
    words: (&'static str, &'static str, &'static str),
    on_members: impl Fn(Vec<kheo_domain::api::EntryMember>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use kheo_domain::api::ImportFault;
    use kheo_domain::registration::{members_from_rows, pasted_rows};
    let (summary, help, button) = words;
    let s = crate::i18n::season_texts();
    let text = RwSignal::new(String::new());
    let faults = RwSignal::new(Vec::<ImportFault>::new());
    let read = move |_| match members_from_rows(&pasted_rows(&text.get_untracked()), year) {
        Ok(members) => {
            faults.set(Vec::new());
            text.set(String::new());
            on_members(members);
        }
        Err(fs) => faults.set(
            fs.into_iter()
                .map(|f| ImportFault { line: f.line, column: f.column, message: f.fault.message(lang()) })
                .collect(),
        ),
    };
    view! {
        <details class="paste">
            <summary>{summary}</summary>
            <p class="muted small">{help}</p>
            <textarea name="paste" rows="5" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="button" class="button small read-paste" on:click=read>{button}</button>
            {move || (!faults.get().is_empty()).then(|| view! { <FaultTable heading=s.import_faults_members faults=faults.get()/> })}
        </details>
    }
}
