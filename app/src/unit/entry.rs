//! `/dang-ky/:token`: a unit's entry, filled in on a phone with no account.
//! The link's token is the only key. The team, its members one row each
//! (typed, pasted from a spreadsheet or imported from the template), and
//! the model; "Lưu nháp" keeps a draft, "Gửi đăng ký" submits. A refusal
//! names the field and marks it.

use crate::i18n::{lang, season_texts, texts};
use crate::shared::{ErrorLine, LoadFailed};
use crate::shared::{PasteMembers, error_text, local_time, member_role_name, model_kind_name};
use kheo_domain::api::{Entry, EntryMember, EntryModel, EntryView, ImportFault};
use kheo_domain::contest::{MemberRole, ModelField, ModelKind};
use kheo_domain::registration::{Gender, InvitationStatus};
use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// What became of a save or a submission: the entry as stored, or the
/// refusal with the field it names (refusals are answers, not failures).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryOutcome {
    /// Stored.
    Saved(EntryView),
    /// Refused; `field` is the path of the bad field, when one is named.
    Refused { message: String, field: Option<String>, fields: Vec<String> },
}

#[cfg(feature = "ssr")]
fn refused(e: kheo_service::Error) -> EntryOutcome {
    use kheo_domain::i18n::Problem;
    let p = e.into_problem();
    let (field, fields) = match &p {
        Problem::InvalidField { field, .. } => (Some(field.clone()), vec![]),
        Problem::EntryIncomplete { missing } => (missing.first().cloned(), missing.clone()),
        _ => (None, vec![]),
    };
    EntryOutcome::Refused { message: p.message(crate::ssr::lang()), field, fields }
}

/// The entry behind a link.
#[server]
pub async fn load_entry(token: String) -> Result<EntryView, ServerFnError> {
    let svc = crate::ssr::services()?;
    kheo_service::registration::entry(&svc, &token).await.map_err(crate::ssr::fail)
}

/// The unit's models in the register, for its team to present one.
#[server]
pub async fn entry_models(token: String) -> Result<Vec<kheo_domain::api::ModelLine>, ServerFnError> {
    let svc = crate::ssr::services()?;
    kheo_service::registration::unit_models(&svc, &token).await.map_err(crate::ssr::fail)
}

/// Saves the draft, and submits it when `submit`.
#[server(input = Json)]
pub async fn save_entry(token: String, entry: Entry, submit: bool) -> Result<EntryOutcome, ServerFnError> {
    let svc = crate::ssr::services()?;
    let body = serde_json::to_value(&entry).map_err(|e| ServerFnError::new(e.to_string()))?;
    let saved = match kheo_service::registration::save(&svc, &token, &body).await {
        Ok(v) => v,
        Err(e) => return Ok(refused(e)),
    };
    if !submit {
        return Ok(EntryOutcome::Saved(saved));
    }
    Ok(match kheo_service::registration::submit(&svc, &token).await {
        Ok(v) => EntryOutcome::Saved(v),
        Err(e) => refused(e),
    })
}

/// Reads members from an uploaded sheet (fields `token`, `file`): the member
/// template, or the team template's captain and members.
#[server(input = MultipartFormData)]
pub async fn read_member_sheet(
    data: MultipartData,
) -> Result<Result<Vec<EntryMember>, Vec<ImportFault>>, ServerFnError> {
    let svc = crate::ssr::services()?;
    let up = crate::ssr::upload(data).await?;
    let token = up.fields.get("token").cloned().unwrap_or_default();
    // Only a holder of a link may have a sheet read, and in its contest's year.
    let view = kheo_service::registration::entry(&svc, &token).await.map_err(crate::ssr::fail)?;
    let rows = kheo_service::contests::setup::read_rows(&up.file_name, &up.bytes).map_err(|f| {
        crate::ssr::problem(kheo_domain::i18n::Problem::InvalidField { field: "file".into(), fault: f })
    })?;
    let year = view.contest.year;
    let lang = crate::ssr::lang();
    Ok(kheo_domain::registration::members_from_rows(&rows, year).map_err(|faults| {
        faults
            .into_iter()
            .map(|f| ImportFault { line: f.line, column: f.column, message: f.fault.message(lang) })
            .collect()
    }))
}

/// `/dang-ky/:token`.
#[component]
pub fn EntryPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let view = Resource::new(token, load_entry);
    view! {
        <Title text=s.registration.entry_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(v) => view! { <EntryForm token=token() initial=v/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The entry as edited: a member row keeps its birth year as typed.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    key: u32,
    name: String,
    role: MemberRole,
    birth_year: String,
    gender: Option<Gender>,
    ethnicity: String,
    position: String,
}

impl Default for Row {
    fn default() -> Row {
        Row {
            key: 0,
            name: String::new(),
            role: MemberRole::Main,
            birth_year: String::new(),
            gender: None,
            ethnicity: String::new(),
            position: String::new(),
        }
    }
}

impl Row {
    fn of(key: u32, m: &EntryMember) -> Row {
        Row {
            key,
            name: m.name.clone(),
            role: m.role,
            birth_year: m.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            gender: m.gender,
            ethnicity: m.ethnicity.clone().unwrap_or_default(),
            position: m.position.clone().unwrap_or_default(),
        }
    }

    fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.birth_year.trim().is_empty()
            && self.ethnicity.trim().is_empty()
            && self.position.trim().is_empty()
    }
}

/// The form's rows as JSON for the server's check: a blank row is left
/// out; a year that is not a number goes as typed, to be named.
fn entry_json(name: &str, rows: &[Row], model: &EntryModel) -> Entry {
    Entry {
        team: kheo_domain::api::EntryTeam {
            name: name.trim().to_string(),
            members: rows
                .iter()
                .filter(|r| !r.is_blank())
                .map(|r| EntryMember {
                    name: r.name.trim().to_string(),
                    role: r.role,
                    birth_year: r.birth_year.trim().parse().ok().or(if r.birth_year.trim().is_empty() {
                        None
                    } else {
                        Some(0)
                    }),
                    gender: r.gender,
                    ethnicity: Some(r.ethnicity.trim().to_string()).filter(|e| !e.is_empty()),
                    position: Some(r.position.trim().to_string()).filter(|p| !p.is_empty()),
                })
                .collect(),
        },
        model: (!model.name.trim().is_empty()
            || model.field.is_some()
            || model.kind.is_some()
            || !model.summary.trim().is_empty())
        .then(|| model.clone()),
    }
}

#[component]
fn EntryForm(token: String, initial: EntryView) -> impl IntoView {
    let s = season_texts();
    let year = initial.contest.year;
    let entry = initial.entry.clone().unwrap_or_default();
    let next_key = StoredValue::new(entry.team.members.len() as u32 + 1);
    let team_name = RwSignal::new(entry.team.name.clone());
    let mut first_rows: Vec<Row> = entry.team.members.iter().enumerate().map(|(i, m)| Row::of(i as u32, m)).collect();
    if first_rows.is_empty() {
        first_rows.push(Row { key: 0, role: MemberRole::Captain, ..Row::default() });
    }
    let rows = RwSignal::new(first_rows);
    let model = RwSignal::new(entry.model.clone().unwrap_or_default());
    let status = RwSignal::new(initial.status);
    let reason = RwSignal::new(initial.reason.clone());
    let open = RwSignal::new(initial.open);
    let saved_at = RwSignal::new(initial.updated_at.clone());
    let message = RwSignal::new(None::<Result<&'static str, String>>);
    let bad = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let token = StoredValue::new(token);

    let send = move |submit: bool| {
        let e = entry_json(&team_name.get_untracked(), &rows.get_untracked(), &model.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match save_entry(token.get_value(), e, submit).await {
                Ok(EntryOutcome::Saved(v)) => {
                    status.set(v.status);
                    reason.set(v.reason.clone());
                    open.set(v.open);
                    saved_at.set(v.updated_at.clone());
                    bad.set(Vec::new());
                    crate::shared::clear_refusals();
                    message.set(Some(Ok(if submit {
                        s.registration.submitted_note
                    } else {
                        s.registration.draft_saved
                    })));
                }
                Ok(EntryOutcome::Refused { message: m, field, fields }) => {
                    if let Some(f) = &field {
                        crate::shared::mark_field(f, &m);
                    }
                    let mut marks = fields;
                    marks.extend(field);
                    bad.set(marks);
                    message.set(Some(Err(m)));
                }
                Err(e) => message.set(Some(Err(error_text(&e)))),
            }
            busy.set(false);
        });
    };
    let marked = move |path: String| bad.with(|b| b.iter().any(|f| *f == path || f.starts_with(&format!("{path}."))));
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    let add_rows = move |members: Vec<EntryMember>| {
        rows.update(|rs| {
            rs.retain(|r| !r.is_blank());
            for m in members {
                let key = next_key.get_value();
                next_key.set_value(key + 1);
                rs.push(Row::of(key, &m));
            }
        });
    };

    view! {
        <section class="entry-head card">
            <p class="muted small">{s.registration.entry_title}</p>
            <h1>{initial.contest.name.clone()}</h1>
            <p><strong>{initial.unit.clone()}</strong></p>
            <p class="muted">{s.registration.deadline}": "{local_time(&initial.deadline)}</p>
            <p>{move || crate::organiser::registration::status_badge(status.get())}
                {move || saved_at.get().map(|t| view! { <small class="muted">" · "{s.registration.last_change}" "{local_time(&t)}</small> })}</p>
            {move || reason.get().map(|r| view! { <p class="notice boxed" id="return-reason">{s.registration.returned_because}" "{r}</p> })}
            {move || (!open.get()).then(|| view! {
                <p class="notice boxed" role="status">
                    {if status.get() == InvitationStatus::Approved { s.registration.entry_approved } else { s.registration.entry_closed }}
                </p>
            })}
        </section>
        <fieldset class="entry-form" prop:disabled=move || !open.get()>
            <section class="card">
                <h2>{s.registration.team_title}</h2>
                <label class="form field" class:invalid=move || marked("team.name".into()) data-path="team.name">
                    <span>{s.team_name}</span>
                    <input type="text" name="team.name" required maxlength="200" placeholder=s.registration.team_name_hint prop:value=move || team_name.get()
                        on:input=move |ev| team_name.set(event_target_value(&ev))/>
                </label>
            </section>
            <section class="card" id="members">
                <h2>{s.registration.members_title}</h2>
                <p class="muted small">{s.registration.members_help}</p>
                <For each=numbered key=|(i, r)| (*i, r.key) let((i, r))>
                    <MemberCard index=i row=r rows marked/>
                </For>
                <div class="row">
                    <button type="button" class="button" id="add-member" on:click=move |_| {
                        let key = next_key.get_value();
                        next_key.set_value(key + 1);
                        rows.update(|rs| rs.push(Row { key, role: MemberRole::Main, ..Row::default() }));
                    }>{s.add_member}</button>
                </div>
                <PasteMembers year words=(s.registration.paste_members, s.registration.paste_help, s.registration.read_paste) on_members=add_rows/>
                <ImportMembers token=token.get_value() on_members=add_rows/>
            </section>
            <ModelCard model marked token=token.get_value()/>
        </fieldset>
        <div class="save-bar entry-bar" role="region">
            <span class="save-status">
                {move || message.get().map(|m| match m {
                    Ok(note) => view! { <span class="ok" role="status">{note}</span> }.into_any(),
                    Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                })}
            </span>
            <div class="row">
                <button type="button" class="button" id="save-draft" disabled=move || busy.get() || !open.get()
                    on:click=move |_| send(false)>{s.registration.save_draft}</button>
                <button type="button" class="button primary" id="submit-entry" disabled=move || busy.get() || !open.get()
                    on:click=move |_| send(true)>{s.registration.submit_entry}</button>
            </div>
            <a class="small" rel="external" target="_blank" href=move || format!("/dang-ky/{}/in", token.get_value())>{s.registration.print_form}</a>
        </div>
    }
}

/// The team's "Dân vận khéo" model: its name, field, kind and summary.
#[component]
fn ModelCard(
    model: RwSignal<EntryModel>,
    marked: impl Fn(String) -> bool + Copy + Send + Sync + 'static,
    token: String,
) -> impl IntoView {
    let s = season_texts();
    let m = crate::i18n::model_texts();
    let registered = Resource::new(move || token.clone(), entry_models);
    // Picking a registered model fills the lines from the register; the
    // server links the approved team to it.
    let pick = move |id: Option<i64>, all: &[kheo_domain::api::ModelLine]| {
        model.update(|e| match all.iter().find(|x| Some(x.id) == id) {
            Some(x) => {
                *e = EntryModel {
                    name: x.name.clone(),
                    field: Some(x.field),
                    kind: Some(x.kind),
                    summary: x.summary.clone(),
                    model_id: Some(x.id),
                };
            }
            None => e.model_id = None,
        });
    };
    view! {
    <section class="card" id="model">
        <h2>{s.registration.model_title}</h2>
        <div class="form">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let all = registered.await.unwrap_or_default();
                    (!all.is_empty()).then(|| {
                        let options = all.clone();
                        view! {
                            <label class="field"><span>{m.from_register}</span>
                                <select name="model.model_id" on:change=move |ev| pick(event_target_value(&ev).parse().ok(), &all)>
                                    <option value="">{m.not_from_register}</option>
                                    {options.into_iter().map(|x| view! {
                                        <option value=x.id selected=move || model.get().model_id == Some(x.id)>{format!("{} ({})", x.name, x.year)}</option>
                                    }).collect_view()}
                                </select></label>
                        }
                    })
                })}
            </Suspense>
            <label class="field" class:invalid=move || marked("model.name".into()) data-path="model.name"><span>{s.registration.model_name}</span>
                <input type="text" name="model.name" maxlength="300" prop:value=move || model.get().name
                    on:input=move |ev| { let v = event_target_value(&ev); model.update(|m| m.name = v); }/></label>
            <label class="field" class:invalid=move || marked("model.field".into()) data-path="model.field"><span>{s.registration.model_field}</span>
                <select name="model.field" on:change=move |ev| { let v = event_target_value(&ev); model.update(|m| m.field = ModelField::parse(&v)); }>
                    <option value="">{s.choose}</option>
                    {ModelField::ALL.iter().map(|f| view! {
                        <option value=f.as_str() selected=move || model.get().field == Some(*f)>{kheo_domain::setup::field_label(*f)}</option>
                    }).collect_view()}
                </select></label>
            <div class="field" class:invalid=move || marked("model.kind".into()) data-path="model.kind">
                <span class="label">{s.registration.model_kind}</span>
                <div class="row">
                    {ModelKind::ALL.iter().map(|k| view! {
                        <label class="check"><input type="radio" name="model.kind" value=k.as_str()
                            prop:checked=move || model.get().kind == Some(*k)
                            on:change=move |_| model.update(|m| m.kind = Some(*k))/>{model_kind_name(s, *k)}</label>
                    }).collect_view()}
                </div>
            </div>
            <label class="field"><span>{s.registration.model_summary}</span>
                <textarea name="model.summary" rows="5" maxlength="4000" prop:value=move || model.get().summary
                    on:input=move |ev| { let v = event_target_value(&ev); model.update(|m| m.summary = v); }></textarea></label>
        </div>
    </section>
    }
}

/// One member: a card that reads well on a phone.
#[component]
fn MemberCard(
    index: usize,
    row: Row,
    rows: RwSignal<Vec<Row>>,
    marked: impl Fn(String) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let s = season_texts();
    let l = lang();
    let at = format!("team.members[{index}]");
    let key = row.key;
    let edit = move |f: Box<dyn FnOnce(&mut Row)>| {
        rows.update(|rs| {
            if let Some(r) = rs.iter_mut().find(|r| r.key == key) {
                f(r)
            }
        })
    };
    let path = move |field: &str| format!("team.members[{index}].{field}");
    view! {
        <div class="member-card" class:invalid=move || marked(format!("team.members[{index}]")) data-path=at.clone()>
            <div class="row spread">
                <strong>{index + 1}". "</strong>
                <button type="button" class="button small danger" on:click=move |_| rows.update(|rs| rs.retain(|r| r.key != key))>{s.registration.remove_member}</button>
            </div>
            <label class="field" class:invalid=move || marked(path("name")) data-path=path("name")><span>{s.member_name}</span>
                <input type="text" name=path("name") value=row.name.clone() autocomplete="name" maxlength="120"
                    on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |r| r.name = v)); }/></label>
            <div class="member-grid">
                <label class="field" class:invalid=move || marked(path("role")) data-path=path("role")><span>{s.member_role}</span>
                    <select name=path("role") on:change=move |ev| { let v = MemberRole::parse(&event_target_value(&ev)).unwrap_or(MemberRole::Main); edit(Box::new(move |r| r.role = v)); }>
                        {MemberRole::ALL.iter().map(|x| view! { <option value=x.as_str() selected=row.role == *x>{member_role_name(s, *x)}</option> }).collect_view()}
                    </select></label>
                <label class="field" class:invalid=move || marked(path("birth_year")) data-path=path("birth_year")><span>{s.registration.birth_year}</span>
                    <input type="text" inputmode="numeric" maxlength="4" name=path("birth_year") value=row.birth_year.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |r| r.birth_year = v)); }/></label>
                <label class="field" class:invalid=move || marked(path("gender")) data-path=path("gender")><span>{s.registration.gender}</span>
                    <select name=path("gender") on:change=move |ev| { let v = Gender::parse(&event_target_value(&ev)); edit(Box::new(move |r| r.gender = v)); }>
                        <option value="">"—"</option>
                        {Gender::ALL.iter().map(|g| view! { <option value=g.as_str() selected=row.gender == Some(*g)>{g.label(l)}</option> }).collect_view()}
                    </select></label>
                <label class="field" data-path=path("ethnicity")><span>{s.registration.ethnicity}</span>
                    <input type="text" name=path("ethnicity") value=row.ethnicity.clone() list="ethnicities" maxlength="50"
                        on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |r| r.ethnicity = v)); }/></label>
            </div>
            <label class="field" data-path=path("position")><span>{s.registration.position}</span>
                <input type="text" name=path("position") value=row.position.clone() maxlength="200"
                    on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |r| r.position = v)); }/></label>
            <datalist id="ethnicities">
                {["Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Sán Dìu"]
                    .into_iter().map(|e| view! { <option value=e></option> }).collect_view()}
            </datalist>
        </div>
    }
}

/// Members imported from the member template (or the team template).
#[component]
fn ImportMembers(token: String, on_members: impl Fn(Vec<EntryMember>) + Copy + Send + Sync + 'static) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let faults = RwSignal::new(None::<Result<Vec<ImportFault>, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(not(feature = "hydrate"))]
        let _ = (on_members, faults);
        #[cfg(feature = "hydrate")]
        {
            let Some((form, data)) = crate::shared::form_data(&ev) else { return };
            leptos::task::spawn_local(async move {
                match read_member_sheet(data.into()).await {
                    Ok(Ok(members)) => {
                        form.reset();
                        faults.set(None);
                        on_members(members);
                    }
                    Ok(Err(fs)) => faults.set(Some(Ok(fs))),
                    Err(e) => faults.set(Some(Err(error_text(&e)))),
                }
            });
        }
    };
    view! {
        <details class="paste">
            <summary>{s.registration.import_members}</summary>
            <form class="import" id="import-members" on:submit=submit>
                <input type="hidden" name="token" value=token/>
                <div class="row">
                    <input type="file" name="file" required accept=".xlsx,.xls,.ods,.csv"/>
                    <button type="submit" class="button small">{t.import_button}</button>
                    <a href="/templates/thanh-vien.xlsx" rel="external" download>{t.download_template}</a>
                </div>
                {move || faults.get().map(|r| match r {
                    Ok(fs) => view! { <crate::shared::FaultTable heading=s.import_faults_members faults=fs/> }.into_any(),
                    Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
                })}
            </form>
        </details>
    }
}
