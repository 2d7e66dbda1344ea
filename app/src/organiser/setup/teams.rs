//! The teams in running order: typed in, imported from a sheet, drawn by lot.

use super::{Editor, item_controls, opt, swap, text_field};
use crate::i18n::texts;
#[cfg(feature = "hydrate")]
use crate::shared::error_text;
use kheo_domain::api::{ImportReport, MemberDef, SetupView, TeamDef};
use kheo_domain::contest::ModelField;
use kheo_domain::setup::{field_label, member_from_line, member_line};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use crate::ssr::organiser;

/// Imports teams from an uploaded .xlsx or .csv (fields `contest_id`, `file`).
#[server(input = MultipartFormData)]
pub async fn import_team_sheet(data: MultipartData) -> Result<ImportReport, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let up = crate::ssr::upload(data).await?;
    let contest_id = up.id("contest_id", "contest")?;
    kheo_service::contests::setup::import_teams(
        &svc.db,
        &svc.hub,
        &actor,
        contest_id,
        &up.file_name,
        &up.bytes,
        crate::ssr::lang(),
    )
    .await
    .map_err(crate::ssr::fail)
}

/// The captain and the other members of a team, as the page shows them.
fn split_members(members: &[MemberDef]) -> (String, String) {
    let captain = members.iter().find_map(|m| match m {
        MemberDef::WithRole { name, role } if role == "captain" => Some(name.clone()),
        _ => None,
    });
    let others = members
        .iter()
        .filter(|m| !matches!(m, MemberDef::WithRole { role, .. } if role == "captain"))
        .map(member_line)
        .collect::<Vec<_>>()
        .join("\n");
    (captain.unwrap_or_default(), others)
}

fn set_members(team: &mut TeamDef, captain: Option<String>, others: Option<String>) {
    let (old_captain, old_others) = split_members(&team.members);
    let captain = captain.unwrap_or(old_captain);
    let others = others.unwrap_or(old_others);
    let mut members = Vec::new();
    if !captain.trim().is_empty() {
        members.push(MemberDef::WithRole { name: captain.trim().to_string(), role: "captain".into() });
    }
    members.extend(others.lines().filter_map(member_from_line));
    team.members = members;
}

#[component]
pub fn TeamsSection(
    ed: Editor,
    cid: i64,
    judges_busy: RwSignal<bool>,
    draw: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_import: impl Fn(SetupView) + Copy + 'static,
) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" id="teams">
            <h2>{t.teams_title}</h2>
            <div class="row spread">
                <button type="button" class="button primary" id="draw-order" on:click=draw
                    disabled=move || ed.dirty.get() || judges_busy.get()>{t.draw_order}</button>
                {move || ed.dirty.get().then(|| view! { <span class="muted">{t.draw_save_first}</span> })}
            </div>
            {move || {
                ed.shape.get();
                let teams = ed.read(|d| d.teams.clone());
                let n = teams.len();
                view! {
                    <ol class="team-edit-list">
                        {teams.into_iter().enumerate().map(|(i, team)| {
                            let at = format!("teams[{i}]");
                            let (captain, others) = split_members(&team.members);
                            let field = team.model_field.clone().unwrap_or_default();
                            view! {
                                <li class="team-edit" data-team-name=team.name.clone()>
                                    <span class="order-badge">{i + 1}</span>
                                    <div class="grid-form">
                                        <label><span>{t.team}</span>
                                            {text_field(ed, format!("{at}.name"), team.name.clone(), move |d, v| d.teams[i].name = v)}</label>
                                        <label><span>{t.team_unit}</span>
                                            {text_field(ed, format!("{at}.unit"), team.unit.clone(), move |d, v| d.teams[i].unit = v)}</label>
                                        <label><span>{t.model_name}</span>
                                            {text_field(ed, format!("{at}.model_name"), team.model_name.clone().unwrap_or_default(), move |d, v| d.teams[i].model_name = opt(v))}</label>
                                        <label><span>{t.model_field}</span>
                                            <select name=format!("{at}.model_field") on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                ed.edit(|d| d.teams[i].model_field = opt(v));
                                            }>
                                                <option value="">{t.no_field}</option>
                                                {ModelField::ALL.iter().map(|f| view! {
                                                    <option value=f.as_str() selected=field == f.as_str()>{field_label(*f)}</option>
                                                }).collect_view()}
                                            </select>
                                        </label>
                                        <label><span>{t.captain}</span>
                                            {text_field(ed, format!("{at}.captain"), captain, move |d, v| set_members(&mut d.teams[i], Some(v), None))}</label>
                                        <label><span>{t.members_lines}</span>
                                            <textarea name=format!("{at}.members") rows="3" on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                ed.edit(|d| set_members(&mut d.teams[i], None, Some(v)));
                                            }>{others}</textarea></label>
                                    </div>
                                    {item_controls(ed, i, n, |d, i, j| swap(&mut d.teams, i, j), |d, i| {
                                        d.teams.remove(i);
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
            }}
            <button type="button" class="button" on:click=move |_| ed.reshape(|d| d.teams.push(TeamDef::default()))>{t.add_team}</button>
            <ImportForm cid on_import dirty=ed.dirty/>
        </section>
    }
}

/// Upload of a team sheet; bad cells listed by line and column.
#[component]
fn ImportForm(cid: i64, on_import: impl Fn(SetupView) + Copy + 'static, dirty: RwSignal<bool>) -> impl IntoView {
    let t = texts();
    let report = RwSignal::new(None::<Result<ImportReport, String>>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Only the browser uploads; the server renders the form.
        #[cfg(not(feature = "hydrate"))]
        let _ = on_import;
        #[cfg(feature = "hydrate")]
        {
            let Some((form, data)) = crate::shared::form_data(&ev) else { return };
            busy.set(true);
            leptos::task::spawn_local(async move {
                let mut outcome = import_team_sheet(data.into()).await.map_err(|e| error_text(&e));
                if let Some(v) = outcome.as_mut().ok().and_then(|r| r.setup.take()) {
                    on_import(v);
                    form.reset();
                }
                report.set(Some(outcome));
                busy.set(false);
            });
        }
    };
    view! {
        <form class="import" id="import-teams" on:submit=submit>
            <h3>{t.import_title}</h3>
            <input type="hidden" name="contest_id" value=cid/>
            <div class="row">
                <input type="file" name="file" required accept=".xlsx,.xls,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                <button type="submit" class="button" disabled=move || busy.get() || dirty.get()>{t.import_button}</button>
                <a href="/templates/doi-thi.xlsx" rel="external" download>{t.download_template}" (.xlsx)"</a>
                <a href="/templates/doi-thi.csv" rel="external" download>".csv"</a>
            </div>
            {move || report.get().map(|r| match r {
                Ok(r) if r.faults.is_empty() => view! { <p class="ok" role="status">{t.imported_teams}" "{r.added}</p> }.into_any(),
                Ok(r) => view! { <crate::shared::FaultTable heading=t.import_faults faults=r.faults/> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </form>
    }
}
