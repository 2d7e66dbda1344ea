//! Setting a contest up before it begins: from the usual format, edited as
//! one whole definition (checked by the same rules as `POST /contests`),
//! teams imported from a spreadsheet, the running order drawn by lot.
//!
//! Once a round has been opened the contest's shape is fixed: sheets and
//! quiz marks point at its rounds, criteria and teams.

use crate::accounts::Actor;
use crate::accounts::access;
use crate::contests::{self, ContestRows, choices, load, resolve_judges, step_text, store};
use crate::db::{self, now_ms};
use crate::entity::{
    contest, criterion, panel_member, question, quiz_mark, round, sheet, sheet_score, team, team_round_note, user,
};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
pub use crate::spreadsheet::read_rows;
use kheo_domain::Points;
use kheo_domain::api::{
    ContestDefinition, ContestView, CriterionDef, ImportFault, ImportReport, JudgeAccount, JudgeDef, MemberDef,
    OvertimeDef, QuestionDef, RoundDef, SetupView, TeamDef,
};
use kheo_domain::definition;
use kheo_domain::i18n::{Lang, Problem};
use kheo_domain::setup::{self, NewContest, RowFault};
use kheo_domain::user::Role;
use rand::seq::SliceRandom;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The definition a contest was built from, read back from its rows.
pub fn definition_of(l: &ContestRows) -> ContestDefinition {
    let c = &l.contest;
    ContestDefinition {
        name: c.name.clone(),
        level: c.level.as_str().to_owned(),
        unit: c.unit.clone(),
        date: c.date.clone(),
        venue: c.venue.clone(),
        aggregation: Some(c.aggregation.as_str().to_owned()),
        tie_break_rounds: serde_json::from_str(&c.tie_break_rounds).unwrap_or_default(),
        qualified_from: c.qualified_from_id.map(i64::from),
        unit_id: c.org_unit_id.map(i64::from),
        parent_id: c.parent_id.map(i64::from),
        awards: Some(store::prizes_of(c)),
        side_prizes: store::side_prizes_of(c),
        rounds: l
            .rounds
            .iter()
            .map(|r| RoundDef {
                name: r.name.clone(),
                kind: Some(r.kind.as_str().to_owned()),
                time_limit_seconds: r.time_limit_seconds.and_then(|s| u32::try_from(s).ok()),
                overtime: (r.overtime_per_minute > 0).then(|| OvertimeDef {
                    per_started_minute: Points::from_hundredths(r.overtime_per_minute).to_string(),
                    grace_seconds: u32::try_from(r.overtime_grace_seconds).unwrap_or(0),
                }),
                step: step_text(r.step),
                criteria: l
                    .criteria_of(r.id)
                    .map(|cr| CriterionDef {
                        name: cr.name.clone(),
                        max_points: Points::from_hundredths(cr.max_points).to_string(),
                        step: step_text(cr.step),
                    })
                    .collect(),
                questions: l
                    .questions_of(r.id)
                    .map(|q| QuestionDef {
                        prompt: q.prompt.clone(),
                        options: choices(q),
                        answer: q.answer.clone(),
                        points: Points::from_hundredths(q.points).to_string(),
                    })
                    .collect(),
            })
            .collect(),
        teams: l
            .teams
            .iter()
            .map(|t| TeamDef {
                name: t.name.clone(),
                unit: t.unit.clone(),
                members: l
                    .members
                    .iter()
                    .filter(|m| m.team_id == t.id)
                    .map(|m| MemberDef::Line(store::member_def_line(m)))
                    .collect(),
                model_name: t.model_name.clone(),
                model_field: t.model_field.clone(),
                model_kind: t.model_kind.clone(),
                unit_id: t.unit_id.map(i64::from),
                block: t.block.clone(),
                id: Some(i64::from(t.id)),
                model_id: t.model_id.map(i64::from),
            })
            .collect(),
        divergence_points: l.contest.divergence_points.map(|h| Points::from_hundredths(h).to_string()),
        purpose: l.contest.purpose.clone(),
        recognition_threshold: l.contest.recognition_threshold.map(|h| Points::from_hundredths(h).to_string()),
        trainees: l.panel.iter().filter(|(seat, _)| !seat.counts).map(|(_, u)| u.username.clone()).collect(),
        judges: l
            .panel
            .iter()
            .filter(|(seat, _)| seat.counts)
            .map(|(seat, u)| {
                if seat.is_chair {
                    JudgeDef::WithOptions { username: u.username.clone(), chair: true }
                } else {
                    JudgeDef::Username(u.username.clone())
                }
            })
            .collect(),
    }
}

async fn managed(db: &impl ConnectionTrait, actor: &Actor, cid: i32) -> Result<ContestRows> {
    let l = load(db, cid).await?;
    if !access::manages(actor, &l.contest) {
        return Err(Problem::Forbidden.into());
    }
    Ok(l)
}

/// What the set-up page shows: the definition, whether it is still open to
/// change, and the judges' accounts that can sit on the panel.
pub async fn view(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<SetupView> {
    let db = &svc.db;
    let l = managed(db, actor, cid).await?;
    setup_view(db, &l).await
}

async fn setup_view(db: &impl ConnectionTrait, l: &ContestRows) -> Result<SetupView> {
    let mut judges: Vec<JudgeAccount> = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Judge))
        .all(db)
        .await?
        .into_iter()
        .map(|u| JudgeAccount { username: u.username, display_name: u.display_name })
        .collect();
    judges.sort_by(|a, b| kheo_domain::collate::compare_people(&a.display_name, &b.display_name));
    let contests =
        contests::list_db(db).await?.contests.into_iter().filter(|c| c.id != i64::from(l.contest.id)).collect();
    Ok(SetupView {
        id: i64::from(l.contest.id),
        definition: definition_of(l),
        started: l.has_begun(),
        team_ids: l.teams.iter().map(|t| i64::from(t.id)).collect(),
        judge_accounts: judges,
        contests,
    })
}

/// Creates a contest from the usual format. An organiser's contest belongs
/// to his own unit.
pub async fn create_from_template(svc: &crate::Services, actor: &Actor, new: &NewContest) -> Result<ContestView> {
    let _db = &svc.db;
    let mut new = new.clone();
    // The form shows an organiser's unit read-only and sends no name: it is
    // written in here. Which unit of the tree the contest belongs to is left
    // to `store::place`, which refuses another unit as the JSON API does,
    // rather than quietly changing what was asked.
    if actor.role == Role::Organiser
        && let Some(unit) = &actor.unit
    {
        new.unit = unit.clone();
    }
    contests::create(svc, actor, &setup::template(&new)).await
}

/// Replaces the whole definition of a contest that has not begun, checked
/// as a whole: a bad field is named and nothing changes.
pub async fn replace(svc: &crate::Services, actor: &Actor, cid: i32, def: &ContestDefinition) -> Result<SetupView> {
    let (db, hub) = (&svc.db, &svc.hub);
    let filled = crate::models::council::fill_teams(db, actor, def).await?;
    let valid = definition::validate(&filled)?;
    let txn = db::write(db).await?;
    let before = managed(&txn, actor, cid).await?;
    if before.has_begun() {
        return Err(Problem::ContestStarted.into());
    }
    let judges = resolve_judges(&txn, &valid).await?;
    let placement = store::place(&txn, actor, &valid, Some(cid)).await?;
    clear_parts(&txn, &before).await?;
    let mut row: contest::ActiveModel = before.contest.clone().into();
    row.name = Set(valid.name.clone());
    row.level = Set(valid.level);
    row.unit = Set(placement.unit.clone());
    row.org_unit_id = Set(placement.unit_id);
    row.parent_id = Set(placement.parent_id);
    row.date = Set(valid.date.clone());
    if let Some(year) = valid.year {
        row.year = Set(year);
    }
    row.venue = Set(valid.venue.clone());
    row.aggregation = Set(valid.aggregation);
    row.tie_break_rounds = Set(serde_json::to_string(&valid.tie_break_rounds).expect("numbers serialise"));
    row.qualified_from_id = Set(valid.qualified_from.and_then(|x| i32::try_from(x).ok()));
    row.awards = Set(Some(serde_json::to_string(&valid.awards).expect("prizes serialise")));
    row.side_prizes = Set(serde_json::to_string(&valid.side_prizes).expect("prizes serialise"));
    row.divergence_points = Set(valid.divergence_points.map(|p| p.hundredths()));
    row.purpose = Set(valid.recognition_threshold.map(|_| "recognition".to_string()));
    row.recognition_threshold = Set(valid.recognition_threshold.map(|p| p.hundredths()));
    row.stage_round_id = Set(None);
    row.stage_team_id = Set(None);
    row.updated_at = Set(now_ms());
    row.update(&txn).await?;
    store::insert_rounds(&txn, cid, &valid).await?;
    store::sync_teams(&txn, cid, &valid.teams, &before.teams, &before.members).await?;
    store::insert_panel(&txn, cid, &judges).await?;
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "contest.update",
            object_type: "contest",
            object_id: Some(cid),
            old: journal::json(&definition_of(&before)),
            new: journal::json(def),
        },
    )
    .await?;
    journal::commit_change(txn, hub, cid).await?;
    setup_view(db, &load(db, cid).await?).await
}

/// Everything that hangs off a contest's rounds, and its panel; teams stay
/// for `sync_teams` to edit in place.
async fn clear_parts(txn: &impl ConnectionTrait, l: &ContestRows) -> Result<()> {
    let rounds: Vec<i32> = l.rounds.iter().map(|r| r.id).collect();
    let sheets: Vec<i32> = sheet::Entity::find()
        .filter(sheet::Column::RoundId.is_in(rounds.clone()))
        .all(txn)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    sheet_score::Entity::delete_many().filter(sheet_score::Column::SheetId.is_in(sheets)).exec(txn).await?;
    sheet::Entity::delete_many().filter(sheet::Column::RoundId.is_in(rounds.clone())).exec(txn).await?;
    quiz_mark::Entity::delete_many().filter(quiz_mark::Column::RoundId.is_in(rounds.clone())).exec(txn).await?;
    team_round_note::Entity::delete_many()
        .filter(team_round_note::Column::RoundId.is_in(rounds.clone()))
        .exec(txn)
        .await?;
    question::Entity::delete_many().filter(question::Column::RoundId.is_in(rounds.clone())).exec(txn).await?;
    criterion::Entity::delete_many().filter(criterion::Column::RoundId.is_in(rounds)).exec(txn).await?;
    round::Entity::delete_many().filter(round::Column::ContestId.eq(l.contest.id)).exec(txn).await?;
    panel_member::Entity::delete_many().filter(panel_member::Column::ContestId.eq(l.contest.id)).exec(txn).await?;
    Ok(())
}

/// Draws the running order by lot (bốc thăm) and records the draw.
pub async fn draw_running_order(svc: &crate::Services, actor: &Actor, cid: i32) -> Result<SetupView> {
    let (db, hub) = (&svc.db, &svc.hub);
    let txn = db::write(db).await?;
    let l = managed(&txn, actor, cid).await?;
    if l.has_begun() {
        return Err(Problem::ContestStarted.into());
    }
    let mut drawn = l.teams.clone();
    drawn.shuffle(&mut rand::thread_rng());
    for (i, t) in drawn.iter().enumerate() {
        let mut row: team::ActiveModel = t.clone().into();
        row.running_order = Set(i as i32 + 1);
        row.update(&txn).await?;
    }
    let names = |teams: &[team::Model]| teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    journal::record(
        &txn,
        Record {
            actor: Some(actor),
            contest_id: Some(cid),
            action: "teams.draw",
            object_type: "contest",
            object_id: Some(cid),
            old: Some(serde_json::json!({ "order": names(&l.teams) })),
            new: Some(serde_json::json!({ "order": names(&drawn) })),
        },
    )
    .await?;
    journal::commit_change(txn, hub, cid).await?;
    setup_view(db, &load(db, cid).await?).await
}

/// Adds the teams of an .xlsx or .csv sheet laid out as the template.
/// Every bad cell is reported by line and column, and then nothing is
/// stored.
pub async fn import_teams(
    svc: &crate::Services,
    actor: &Actor,
    cid: i32,
    file_name: &str,
    bytes: &[u8],
    lang: Lang,
) -> Result<ImportReport> {
    let (db, _hub) = (&svc.db, &svc.hub);
    let l = managed(db, actor, cid).await?;
    if l.has_begun() {
        return Err(Problem::ContestStarted.into());
    }
    let rows = read_rows(file_name, bytes).map_err(|f| Error::field("file", f))?;
    let existing: Vec<String> = l.teams.iter().map(|t| t.name.clone()).collect();
    match setup::teams_from_rows(&rows, &existing) {
        Err(faults) => Ok(ImportReport {
            added: 0,
            faults: faults.into_iter().map(|f| fault_view(f, lang)).collect(),
            setup: None,
        }),
        Ok(teams) => {
            let added = teams.len();
            let mut def = definition_of(&l);
            def.teams.extend(teams);
            let setup = replace(svc, actor, cid, &def).await?;
            Ok(ImportReport { added, faults: Vec::new(), setup: Some(setup) })
        }
    }
}

fn fault_view(f: RowFault, lang: Lang) -> ImportFault {
    ImportFault { line: f.line, column: f.column, message: f.fault.message(lang) }
}

/// The team sheet to fill in, as .xlsx: the headings, two example lines,
/// and a list to pick each model's field from.
pub fn team_template_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Đội thi");
    let heading = Format::new().set_bold().set_background_color("FFD54F");
    for (col, name) in setup::TEAM_COLUMNS.iter().enumerate() {
        let _ = sheet.write_string_with_format(0, col as u16, *name, &heading);
        let _ = sheet.set_column_width(col as u16, if col >= 2 { 42 } else { 26 });
    }
    for (row, example) in setup::TEAM_EXAMPLES.iter().enumerate() {
        for (col, value) in example.iter().enumerate() {
            let _ = sheet.write_string(row as u32 + 1, col as u16, *value);
        }
    }
    let fields: Vec<&str> = kheo_domain::contest::ModelField::ALL.iter().map(|f| setup::field_label(*f)).collect();
    if let Ok(list) = DataValidation::new().allow_list_strings(&fields) {
        let _ = sheet.add_data_validation(1, 3, 500, 3, &list);
    }
    let _ = sheet.set_freeze_panes(1, 0);
    book.save_to_buffer().unwrap_or_default()
}

/// The same template as CSV (UTF-8 with a byte-order mark, so that Excel
/// shows the diacritics).
pub fn team_template_csv() -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: &[&str]| {
        cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\r\n"
    };
    out.push_str(&line(&setup::TEAM_COLUMNS));
    for example in &setup::TEAM_EXAMPLES {
        out.push_str(&line(example));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kheo_domain::i18n::FieldFault;

    #[test]
    fn both_templates_read_back_as_the_example_teams() {
        for (name, bytes) in [("mau.xlsx", team_template_xlsx()), ("mau.csv", team_template_csv().into_bytes())] {
            let rows = read_rows(name, &bytes).unwrap();
            let teams = setup::teams_from_rows(&rows, &[]).unwrap();
            assert_eq!(teams.len(), 2, "{name}");
            assert_eq!(teams[0].name, "Đội thôn Bản Cậy", "{name}");
            assert_eq!(teams[1].model_field.as_deref(), Some("political_system"), "{name}");
        }
    }

    #[test]
    fn semicolon_csv_and_numbers_in_xlsx_are_read() {
        let rows = read_rows("doi.csv", "Tên đội;Đơn vị\nĐội 1;Thôn 1\n".as_bytes()).unwrap();
        assert_eq!(rows[1], vec!["Đội 1", "Thôn 1"]);
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Tên đội").unwrap();
        sheet.write_number(1, 0, 12.0).unwrap();
        let rows = read_rows("doi.xlsx", &book.save_to_buffer().unwrap()).unwrap();
        assert_eq!(rows[1][0], "12");
    }

    #[test]
    fn a_file_that_is_no_sheet_is_refused() {
        assert_eq!(read_rows("doi.xlsx", b"not a zip"), Err(FieldFault::UnreadableFile));
        assert_eq!(read_rows("doi.csv", &[0xff, 0xfe, 0x00]), Err(FieldFault::UnreadableFile));
    }
}
