//! The teams in running order: typed in, imported from a sheet, drawn by
//! lot; each with its members, one row a person with the details the
//! member list and the statistics need.
//!
//! A team and each of its members carry a key (their stored id, or one the
//! page makes for a new one). Rows are drawn by key and every field finds
//! its item by key, so a draw, a move or a removal carries a team's fields
//! and members along with it, and a keystroke can only ever change the item
//! whose field it is.

use super::Editor;
use crate::i18n::{lang, organiser_texts, panel_texts, season_texts, texts};
use crate::shared::ErrorLine;
#[cfg(feature = "hydrate")]
use crate::shared::error_text;
use crate::shared::{PasteMembers, confirm, member_role_name, model_kind_name};
use kheo_domain::api::{EntryMember, ImportReport, MemberDef, MemberLine, ModelLine, SetupView, TeamDef};
use kheo_domain::contest::{MemberRole, ModelField, ModelKind};
use kheo_domain::models::ModelStatus;
use kheo_domain::registration::Gender;
use kheo_domain::setup::field_label;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use crate::ssr::organiser;

/// Keys the page makes start here, above any stored id.
pub(super) const FIRST_NEW_KEY: u64 = 1 << 40;

/// Imports teams from an uploaded .xlsx or .csv (fields `contest_id`, `file`).
#[server(input = MultipartFormData)]
pub async fn import_team_sheet(data: MultipartData) -> Result<ImportReport, ServerFnError> {
    let actor = organiser().await?;
    let svc = crate::ssr::services()?;
    let up = crate::ssr::upload(data).await?;
    let contest_id = up.id("contest_id", "contest")?;
    kheo_service::contests::setup::import_teams(&svc, &actor, contest_id, &up.file_name, &up.bytes, crate::ssr::lang())
        .await
        .map_err(crate::ssr::fail)
}

/// A team as the page edits it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct TeamDraft {
    /// Follows the team through draws and moves.
    pub key: u64,
    /// Everything but the members.
    pub team: TeamDef,
    /// The members in order.
    pub members: Vec<MemberDraft>,
}

/// A member as the page edits him: the year of birth as typed.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MemberDraft {
    pub key: u64,
    pub line: MemberLine,
    pub birth_year: String,
}

impl TeamDraft {
    pub fn of(ed: Editor, mut team: TeamDef) -> TeamDraft {
        let members = std::mem::take(&mut team.members).into_iter().map(|m| MemberDraft::of(ed, m)).collect();
        let key = team.id.and_then(|id| u64::try_from(id).ok()).unwrap_or_else(|| ed.fresh_key());
        TeamDraft { key, team, members }
    }

    /// The team's line of the definition; blank member rows are left out.
    pub fn to_def(&self) -> TeamDef {
        TeamDef {
            members: self.members.iter().filter(|m| !m.is_blank()).map(MemberDraft::to_def).collect(),
            ..self.team.clone()
        }
    }
}

impl MemberDraft {
    fn of(ed: Editor, m: MemberDef) -> MemberDraft {
        let line = match m {
            MemberDef::Name(name) => MemberLine { name, ..MemberLine::default() },
            MemberDef::Line(l) => l,
        };
        let key = line.id.and_then(|id| u64::try_from(id).ok()).unwrap_or_else(|| ed.fresh_key());
        MemberDraft { key, birth_year: line.birth_year.map(|y| y.to_string()).unwrap_or_default(), line }
    }

    fn new(ed: Editor, m: &EntryMember) -> MemberDraft {
        let line = MemberLine {
            id: None,
            name: m.name.clone(),
            role: m.role.as_str().into(),
            birth_year: m.birth_year,
            gender: m.gender.map(|g| g.as_str().to_string()),
            ethnicity: m.ethnicity.clone(),
            position: m.position.clone(),
        };
        MemberDraft::of(ed, MemberDef::Line(line))
    }

    fn is_blank(&self) -> bool {
        let l = &self.line;
        l.id.is_none()
            && l.name.trim().is_empty()
            && self.birth_year.trim().is_empty()
            && l.ethnicity.as_deref().is_none_or(|e| e.trim().is_empty())
            && l.position.as_deref().is_none_or(|p| p.trim().is_empty())
    }

    /// A year that is not a number goes as 0, for the server to name.
    fn to_def(&self) -> MemberDef {
        let typed = self.birth_year.trim();
        let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        MemberDef::Line(MemberLine {
            name: self.line.name.trim().to_string(),
            birth_year: if typed.is_empty() { None } else { Some(typed.parse().unwrap_or(0)) },
            ethnicity: text(&self.line.ethnicity),
            position: text(&self.line.position),
            ..self.line.clone()
        })
    }
}

impl Editor {
    fn team_at(self, key: u64) -> Option<usize> {
        self.teams.with_untracked(|ts| ts.iter().position(|t| t.key == key))
    }

    fn with_team<T>(self, key: u64, f: impl FnOnce(&TeamDraft) -> T) -> Option<T> {
        self.teams.with_untracked(|ts| ts.iter().find(|t| t.key == key).map(f))
    }

    fn edit_team(self, key: u64, f: impl FnOnce(&mut TeamDraft)) {
        self.teams.update_untracked(|ts| {
            if let Some(t) = ts.iter_mut().find(|t| t.key == key) {
                f(t)
            }
        });
        self.dirty.set(true);
    }

    fn reshape_teams(self, f: impl FnOnce(&mut Vec<TeamDraft>)) {
        self.teams.update_untracked(f);
        self.dirty.set(true);
        self.shape.update(|s| *s += 1);
    }

    fn with_member<T>(self, team: u64, member: u64, f: impl FnOnce(&MemberDraft) -> T) -> Option<T> {
        self.with_team(team, |t| t.members.iter().find(|m| m.key == member).map(f)).flatten()
    }

    fn edit_member(self, team: u64, member: u64, f: impl FnOnce(&mut MemberDraft)) {
        self.edit_team(team, |t| {
            if let Some(m) = t.members.iter_mut().find(|m| m.key == member) {
                f(m)
            }
        });
    }

    /// A reader of one team's value that follows the editor's shape.
    fn team_value(self, key: u64, f: fn(&TeamDraft) -> String) -> impl Fn() -> String + Copy + Send + Sync {
        move || {
            self.shape.get();
            self.with_team(key, f).unwrap_or_default()
        }
    }

    /// A reader of one member's value that follows the editor's shape.
    fn member_value(
        self,
        team: u64,
        member: u64,
        f: fn(&MemberDraft) -> String,
    ) -> impl Fn() -> String + Copy + Send + Sync {
        move || {
            self.shape.get();
            self.with_member(team, member, f).unwrap_or_default()
        }
    }

    /// The contest's year, the latest a member may be born in.
    fn contest_year(self) -> i32 {
        self.read(|d| d.date.as_deref().and_then(kheo_domain::definition::parse_date)).unwrap_or(2100)
    }
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
    let keys = move || {
        ed.shape.get();
        ed.teams.with_untracked(|ts| ts.iter().map(|t| t.key).collect::<Vec<_>>())
    };
    view! {
        <section class="card" id="teams">
            <h2>{t.teams_title}</h2>
            <div class="row spread">
                <button type="button" class="button primary" id="draw-order" on:click=draw
                    disabled=move || ed.dirty.get() || judges_busy.get()>{t.draw_order}</button>
                {move || ed.dirty.get().then(|| view! { <span class="muted">{t.draw_save_first}</span> })}
            </div>
            <ol class="team-edit-list">
                <For each=keys key=|k| *k children=move |key| view! { <TeamEditor ed key/> }/>
            </ol>
            {ed.draft.with_untracked(|d| d.purpose.as_deref() == Some("recognition")).then(|| view! { <ModelPicker ed/> })}
            <button type="button" class="button" id="add-team" on:click=move |_| {
                let key = ed.fresh_key();
                ed.reshape_teams(|ts| ts.push(TeamDraft { key, team: TeamDef::default(), members: Vec::new() }));
            }>{t.add_team}</button>
            <ImportForm cid on_import dirty=ed.dirty/>
        </section>
    }
}

/// One team: its running order, name, unit, model, members, and the
/// controls that move or remove it.
#[component]
fn TeamEditor(ed: Editor, key: u64) -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let o = organiser_texts();
    let at = move || {
        ed.shape.get();
        ed.team_at(key).unwrap_or(0)
    };
    let count = move || {
        ed.shape.get();
        ed.teams.with_untracked(Vec::len)
    };
    let path = move |field: &'static str| move || format!("teams[{}].{field}", at());
    let name = ed.team_value(key, |t| t.team.name.clone());
    let unit = ed.team_value(key, |t| t.team.unit.clone());
    let model = ed.team_value(key, |t| t.team.model_name.clone().unwrap_or_default());
    let field = ed.team_value(key, |t| t.team.model_field.clone().unwrap_or_default());
    let kind = ed.team_value(key, |t| t.team.model_kind.clone().unwrap_or_default());
    let block = ed.team_value(key, |t| t.team.block.clone().unwrap_or_default());
    let (name0, unit0, model0, field0, kind0, block0) = (name(), unit(), model(), field(), kind(), block());
    let move_by = move |delta: isize| {
        ed.reshape_teams(|ts| {
            if let Some(i) = ts.iter().position(|t| t.key == key) {
                let j = i as isize + delta;
                if j >= 0 && (j as usize) < ts.len() {
                    ts.swap(i, j as usize);
                }
            }
        })
    };
    let remove = move |_| {
        let (team, n) = ed.with_team(key, |t| (t.team.name.clone(), t.members.len())).unwrap_or_default();
        let team = if team.trim().is_empty() { o.unnamed_team.to_string() } else { team };
        if n == 0 || confirm(&o.remove_team_confirm.replace("{team}", &team).replace("{n}", &n.to_string())) {
            ed.reshape_teams(|ts| ts.retain(|t| t.key != key));
        }
    };
    view! {
        <li class="team-edit" data-team-name=name data-team-key=key>
            <span class="order-badge">{move || at() + 1}</span>
            <div class="grid-form">
                <label><span>{t.team}</span>
                    <input type="text" name=path("name") value=name0 prop:value=name maxlength="200" required
                        on:input=move |ev| { let v = event_target_value(&ev); ed.edit_team(key, |d| d.team.name = v); }/></label>
                <label><span>{t.team_unit}</span>
                    <input type="text" name=path("unit") value=unit0 prop:value=unit maxlength="200" required
                        on:input=move |ev| { let v = event_target_value(&ev); ed.edit_team(key, |d| d.team.unit = v); }/></label>
                <label><span>{panel_texts().block}</span>
                    <input type="text" name=path("block") value=block0 prop:value=block maxlength="100" placeholder=panel_texts().block_hint
                        on:input=move |ev| { let v = event_target_value(&ev); ed.edit_team(key, |d| d.team.block = super::opt(v)); }/></label>
                <label><span>{t.model_name}</span>
                    <input type="text" name=path("model_name") value=model0 prop:value=model maxlength="300"
                        on:input=move |ev| { let v = event_target_value(&ev); ed.edit_team(key, |d| d.team.model_name = super::opt(v)); }/></label>
                <label><span>{t.model_field}</span>
                    <select name=path("model_field") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        ed.edit_team(key, |d| d.team.model_field = super::opt(v));
                    }>
                        <option value="" selected=field0.is_empty() prop:selected=move || field().is_empty()>{t.no_field}</option>
                        {ModelField::ALL.iter().map(|f| view! {
                            <option value=f.as_str() selected=field0 == f.as_str() prop:selected=move || field() == f.as_str()>{field_label(*f)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><span>{o.model_kind}</span>
                    <select name=path("model_kind") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        ed.edit_team(key, |d| d.team.model_kind = super::opt(v));
                    }>
                        <option value="" selected=kind0.is_empty() prop:selected=move || kind().is_empty()>"—"</option>
                        {ModelKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=kind0 == k.as_str() prop:selected=move || kind() == k.as_str()>{model_kind_name(s, *k)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <MemberTable ed team=key/>
            <div class="row end">
                <button type="button" class="button small" disabled=move || at() == 0
                    on:click=move |_| move_by(-1)>"↑ "{t.move_up}</button>
                <button type="button" class="button small" disabled=move || { at() + 1 >= count() }
                    on:click=move |_| move_by(1)>"↓ "{t.move_down}</button>
                <button type="button" class="button small danger" on:click=remove>{t.remove}</button>
            </div>
        </li>
    }
}

/// A team's members, a row each, with a row to add and a paste from a
/// spreadsheet.
#[component]
fn MemberTable(ed: Editor, team: u64) -> impl IntoView {
    let s = season_texts();
    let o = organiser_texts();
    let keys = move || {
        ed.shape.get();
        ed.with_team(team, |t| t.members.iter().map(|m| m.key).collect::<Vec<_>>()).unwrap_or_default()
    };
    let empty = move || keys().is_empty();
    let at = move || {
        ed.shape.get();
        ed.team_at(team).unwrap_or(0)
    };
    let add = move |members: Vec<EntryMember>| {
        let drafts: Vec<MemberDraft> = members.iter().map(|m| MemberDraft::new(ed, m)).collect();
        ed.reshape_teams(|ts| {
            if let Some(t) = ts.iter_mut().find(|t| t.key == team) {
                t.members.retain(|m| !m.is_blank());
                t.members.extend(drafts);
            }
        });
    };
    view! {
        <div class="members-edit" data-path=move || format!("teams[{}].members", at())>
            <h3 class="small-heading">{o.members_table}</h3>
            <table class="plain edit member-rows">
                <thead><tr>
                    <th class="num">{o.member_no}</th><th>{s.member_name}</th><th>{s.member_role}</th>
                    <th>{s.registration.birth_year}</th><th>{s.registration.gender}</th><th>{s.registration.ethnicity}</th><th>{s.registration.position}</th><th></th>
                </tr></thead>
                <tbody>
                    <For each=keys key=|k| *k children=move |member| view! { <MemberRow ed team member/> }/>
                </tbody>
            </table>
            {move || empty().then(|| view! { <p class="muted small">{o.no_members}</p> })}
            <div class="row">
                <button type="button" class="button small add-member" on:click=move |_| {
                    let role = if empty() { MemberRole::Captain } else { MemberRole::Main };
                    let row = MemberDraft::new(ed, &EntryMember::named("", role));
                    ed.reshape_teams(|ts| {
                        if let Some(t) = ts.iter_mut().find(|t| t.key == team) {
                            t.members.push(row);
                        }
                    });
                }>{o.add_member}</button>
            </div>
            <PasteMembers year=ed.contest_year() words=(o.paste_members, o.paste_help, o.read_paste) on_members=add/>
        </div>
    }
}

/// One member: name, role, year of birth, gender, ethnicity, position.
#[component]
fn MemberRow(ed: Editor, team: u64, member: u64) -> impl IntoView {
    let s = season_texts();
    let t = texts();
    let l = lang();
    let at = move || {
        ed.shape.get();
        let i = ed.team_at(team).unwrap_or(0);
        let j = ed.with_team(team, |t| t.members.iter().position(|m| m.key == member)).flatten().unwrap_or(0);
        (i, j)
    };
    let path = move |field: &'static str| {
        move || {
            let (i, j) = at();
            format!("teams[{i}].members[{j}].{field}")
        }
    };
    let name = ed.member_value(team, member, |m| m.line.name.clone());
    let role = ed.member_value(team, member, |m| m.line.role.clone());
    let year = ed.member_value(team, member, |m| m.birth_year.clone());
    let gender = ed.member_value(team, member, |m| m.line.gender.clone().unwrap_or_default());
    let ethnicity = ed.member_value(team, member, |m| m.line.ethnicity.clone().unwrap_or_default());
    let position = ed.member_value(team, member, |m| m.line.position.clone().unwrap_or_default());
    let (name0, role0, year0, gender0, ethnicity0, position0) =
        (name(), role(), year(), gender(), ethnicity(), position());
    let set = move |f: fn(&mut MemberDraft, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            ed.edit_member(team, member, |m| f(m, v));
        }
    };
    view! {
        <tr class="member-row" data-member-key=member data-path=move || { let (i, j) = at(); format!("teams[{i}].members[{j}]") }>
            <td class="num">{move || at().1 + 1}</td>
            <td data-label=s.member_name><input type="text" name=path("name") value=name0 prop:value=name maxlength="120"
                autocomplete="off" on:input=set(|m, v| m.line.name = v)/></td>
            <td data-label=s.member_role><select name=path("role") on:change=set(|m, v| m.line.role = v)>
                {MemberRole::ALL.iter().map(|r| view! {
                    <option value=r.as_str() selected=role0 == r.as_str() prop:selected=move || role() == r.as_str()>{member_role_name(s, *r)}</option>
                }).collect_view()}
            </select></td>
            <td data-label=s.registration.birth_year class="year"><input type="text" inputmode="numeric" maxlength="4" name=path("birth_year")
                value=year0 prop:value=year on:input=set(|m, v| m.birth_year = v)/></td>
            <td data-label=s.registration.gender><select name=path("gender") on:change=set(|m, v| m.line.gender = super::opt(v))>
                <option value="" selected=gender0.is_empty() prop:selected=move || gender().is_empty()>"—"</option>
                {Gender::ALL.iter().map(|g| view! {
                    <option value=g.as_str() selected=gender0 == g.as_str() prop:selected=move || gender() == g.as_str()>{g.label(l)}</option>
                }).collect_view()}
            </select></td>
            <td data-label=s.registration.ethnicity><input type="text" name=path("ethnicity") value=ethnicity0 prop:value=ethnicity
                maxlength="50" list="ethnicities" on:input=set(|m, v| m.line.ethnicity = Some(v))/></td>
            <td data-label=s.registration.position><input type="text" name=path("position") value=position0 prop:value=position
                maxlength="200" on:input=set(|m, v| m.line.position = Some(v))/></td>
            <td><button type="button" class="button small danger" title=t.remove
                on:click=move |_| ed.reshape_teams(|ts| {
                    if let Some(t) = ts.iter_mut().find(|t| t.key == team) {
                        t.members.retain(|m| m.key != member);
                    }
                })>"✕"</button></td>
        </tr>
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
                Err(e) => view! { <ErrorLine message=Some(e)/> }.into_any(),
            })}
        </form>
        <datalist id="ethnicities">
            {["Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "H'Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Sán Dìu"]
                .into_iter().map(|e| view! { <option value=e></option> }).collect_view()}
        </datalist>
    }
}

/// A council's "teams" are models of the register: the organiser picks,
/// among his units' models still registered or being implemented, those
/// the council judges; the server fills each from the register again.
#[component]
fn ModelPicker(ed: Editor) -> impl IntoView {
    let m = crate::i18n::model_texts();
    let l = lang();
    let data = Resource::new(|| (), |_| crate::organiser::models::load_my_models());
    let picked = RwSignal::new(Vec::<i64>::new());
    view! {
        <div class="model-picker" id="model-picker">
            <h3>{m.pick_models}</h3>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let candidates: Vec<ModelLine> = data.await.map(|(_, ms, _)| ms).unwrap_or_default().into_iter()
                        .filter(|x| matches!(x.status, ModelStatus::Registered | ModelStatus::Implementing))
                        .collect();
                    if candidates.is_empty() {
                        return view! { <p class="muted small">{m.no_candidates}</p> }.into_any();
                    }
                    let all = StoredValue::new(candidates.clone());
                    let add = move |_| {
                        let chosen = picked.get_untracked();
                        let new: Vec<TeamDef> = all.with_value(|ms| ms.iter().filter(|x| chosen.contains(&x.id)).map(team_of).collect());
                        ed.reshape_teams(|ts| {
                            for team in new {
                                if !ts.iter().any(|t| t.team.model_id == team.model_id) {
                                    ts.push(TeamDraft { key: ed.fresh_key(), team, members: Vec::new() });
                                }
                            }
                        });
                        picked.set(Vec::new());
                    };
                    view! {
                        <ul class="picker-list">
                            {candidates.into_iter().map(|x| {
                                let id = x.id;
                                view! {
                                    <li><label class="check">
                                        <input type="checkbox" value=id prop:checked=move || picked.with(|p| p.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                picked.update(|p| { p.retain(|v| *v != id); if on { p.push(id); } });
                                            }/>
                                        {x.name.clone()}
                                        <small class="muted">{format!(" · {} · {}", x.unit, x.status.label(l))}</small>
                                    </label></li>
                                }
                            }).collect_view()}
                        </ul>
                        <button type="button" class="button" id="add-models" on:click=add>{m.add_models}</button>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}

/// A model of the register as a council's team line.
fn team_of(x: &ModelLine) -> TeamDef {
    TeamDef {
        name: x.name.clone(),
        unit: x.unit.clone(),
        unit_id: Some(x.unit_id),
        model_id: Some(x.id),
        model_name: Some(x.name.clone()),
        model_field: Some(x.field.as_str().to_string()),
        model_kind: Some(x.kind.as_str().to_string()),
        ..TeamDef::default()
    }
}
