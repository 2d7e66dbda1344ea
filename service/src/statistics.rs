//! The season's statistics for a year and a unit (and the units under it),
//! and the archive of past contests. A province's season is a hundred
//! contests and a thousand teams: everything is read in a dozen queries
//! and counted in memory by `kheo_domain::statistics`.

use crate::contests::{self, ContestRows, store};
use crate::db::Db;
use crate::entity::{contest, side_award};
use crate::error::Result;
use crate::standings::{self, Marks};
use crate::units;
use kheo_domain::api::{ContestSummary, StatisticsView};
use kheo_domain::collate;
use kheo_domain::contest::{ModelField, ModelKind};
use kheo_domain::registration::Gender;
use kheo_domain::results;
use kheo_domain::statistics::{self, StatContest, StatTeam};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The contests of a year, of a unit and the units under it (all units
/// when none is named).
async fn contests_of(db: &Db, year: Option<i32>, unit_id: Option<i32>) -> Result<Vec<contest::Model>> {
    let mut q = contest::Entity::find();
    if let Some(y) = year {
        q = q.filter(contest::Column::Year.eq(y));
    }
    if let Some(u) = unit_id {
        q = q.filter(contest::Column::OrgUnitId.is_in(units::with_descendants(db, u).await?));
    }
    Ok(q.all(db).await?)
}

/// Main prizes by team id, for the contests whose results are final and
/// announced.
fn prizes(loaded: &[ContestRows], marks: &Marks, manual: &[side_award::Model]) -> HashMap<i32, String> {
    let mut out = HashMap::new();
    for l in loaded {
        let input = standings::input_from(l, marks);
        let full = standings::full_from(l, &input);
        if !results::is_final(&full) {
            continue;
        }
        let mine: Vec<(usize, i64)> = manual
            .iter()
            .filter(|a| a.contest_id == l.contest.id)
            .map(|a| (a.prize.max(0) as usize, i64::from(a.team_id)))
            .collect();
        let awarded = results::award(&full, &store::prizes_of(&l.contest), &store::side_prizes_of(&l.contest), &mine);
        if l.contest.results_sealed && (l.contest.revealed_steps.max(0) as usize) < awarded.steps.len() {
            continue;
        }
        out.extend(awarded.prize_of.into_iter().filter_map(|(t, p)| i32::try_from(t).ok().map(|t| (t, p))));
    }
    out
}

/// `GET /statistics?year=…&unit_id=…`.
pub async fn statistics(svc: &crate::Services, year: i32, unit_id: Option<i32>) -> Result<StatisticsView> {
    let db = &svc.db;
    let rows = contests_of(db, Some(year), unit_id).await?;
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let loaded = contests::load_many(db, rows).await?;
    let marks = Marks::of(db, &loaded.iter().collect::<Vec<_>>()).await?;
    let manual = side_award::Entity::find().filter(side_award::Column::ContestId.is_in(ids)).all(db).await?;
    let prize_of = prizes(&loaded, &marks, &manual);
    let contests: Vec<StatContest> =
        loaded.iter().map(|l| StatContest { id: i64::from(l.contest.id), level: l.contest.level }).collect();
    let teams: Vec<StatTeam> = loaded
        .iter()
        .flat_map(|l| {
            l.teams.iter().map(|t| StatTeam {
                contest_id: i64::from(t.contest_id),
                withdrawn: t.withdrawn_at.is_some(),
                origin_contest_id: t.origin_contest_id.map(i64::from),
                has_model: t.model_name.is_some(),
                model_field: t.model_field.as_deref().and_then(ModelField::parse),
                model_kind: t.model_kind.as_deref().and_then(ModelKind::parse),
                prize: prize_of.get(&t.id).cloned(),
                members: l
                    .members
                    .iter()
                    .filter(|m| m.team_id == t.id)
                    .map(|m| (m.gender.as_deref().and_then(Gender::parse), m.ethnicity.clone()))
                    .collect(),
            })
        })
        .collect();
    Ok(statistics::count(year, unit_id.map(i64::from), &contests, &teams))
}

/// The archive: contests of a year (or every year), of a unit and the
/// units under it, whose name or unit contains `q` (accents and case
/// ignored), newest first.
pub async fn archive(
    svc: &crate::Services,
    year: Option<i32>,
    unit_id: Option<i32>,
    q: &str,
) -> Result<Vec<ContestSummary>> {
    let db = &svc.db;
    let wanted = collate::fold(q.trim());
    let mut rows: Vec<contest::Model> = contests_of(db, year, unit_id)
        .await?
        .into_iter()
        .filter(|c| {
            wanted.is_empty() || collate::fold(&c.name).contains(&wanted) || collate::fold(&c.unit).contains(&wanted)
        })
        .collect();
    rows.sort_by(|a, b| b.year.cmp(&a.year).then(b.id.cmp(&a.id)));
    Ok(rows.into_iter().map(contests::summary).collect())
}

/// The figures of a year beside the year before, as .xlsx.
pub fn xlsx(now: &StatisticsView, before: &StatisticsView, unit: Option<&str>) -> Vec<u8> {
    use kheo_domain::setup::field_label;
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name("Thống kê");
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold().set_background_color("FFD54F").set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let group = Format::new().set_bold();
    let _ = sheet.write_string_with_format(
        0,
        0,
        format!(
            "THỐNG KÊ HỘI THI “DÂN VẬN KHÉO” NĂM {}{}",
            now.year,
            unit.map(|u| format!(" — {u}")).unwrap_or_default()
        ),
        &title,
    );
    for (col, h) in
        ["Chỉ tiêu", &format!("Năm {}", now.year), &format!("Năm {}", before.year), "Tăng/giảm"].iter().enumerate()
    {
        let _ = sheet.write_string_with_format(2, col as u16, *h, &heading);
    }
    let _ = sheet.set_column_width(0, 40);
    let mut row = 3u32;
    let mut section = |name: &str, lines: Vec<(String, usize, usize)>| {
        let _ = sheet.write_string_with_format(row, 0, name, &group);
        row += 1;
        for (label, n, b) in lines {
            let _ = sheet.write_string_with_format(row, 0, &label, &cell);
            let _ = sheet.write_number_with_format(row, 1, n as f64, &cell);
            let _ = sheet.write_number_with_format(row, 2, b as f64, &cell);
            let _ = sheet.write_number_with_format(row, 3, n as f64 - b as f64, &cell);
            row += 1;
        }
    };
    section(
        "Hội thi",
        vec![
            ("Cấp xã".into(), now.contests.commune, before.contests.commune),
            ("Cấp huyện".into(), now.contests.district, before.contests.district),
            ("Cấp tỉnh".into(), now.contests.province, before.contests.province),
        ],
    );
    section(
        "Đội thi và thí sinh",
        vec![
            ("Đội thi".into(), now.teams, before.teams),
            ("Thí sinh".into(), now.members, before.members),
            ("Nữ".into(), now.genders.female, before.genders.female),
            ("Nam".into(), now.genders.male, before.genders.male),
            ("Chưa rõ giới tính".into(), now.genders.unknown, before.genders.unknown),
        ],
    );
    let mut ethnic: Vec<&String> = now.ethnicities.keys().chain(before.ethnicities.keys()).collect();
    ethnic.sort_by(|a, b| collate::compare(a, b));
    ethnic.dedup();
    section(
        "Thí sinh theo dân tộc",
        ethnic
            .into_iter()
            .map(|e| {
                (
                    format!("Dân tộc {e}"),
                    now.ethnicities.get(e).copied().unwrap_or(0),
                    before.ethnicities.get(e).copied().unwrap_or(0),
                )
            })
            .collect(),
    );
    let field = |f: ModelField, s: &StatisticsView| match f {
        ModelField::Economy => s.models.economy,
        ModelField::CultureSociety => s.models.culture_society,
        ModelField::DefenceSecurity => s.models.defence_security,
        ModelField::PoliticalSystem => s.models.political_system,
    };
    let mut models: Vec<(String, usize, usize)> =
        ModelField::ALL.iter().map(|f| (field_label(*f).to_string(), field(*f, now), field(*f, before))).collect();
    models.push(("Tập thể".into(), now.collective, before.collective));
    models.push(("Cá nhân".into(), now.individual, before.individual));
    section("Mô hình “Dân vận khéo”", models);
    let mut prizes: Vec<&String> = now.prizes.keys().chain(before.prizes.keys()).collect();
    prizes.sort();
    prizes.dedup();
    section(
        "Giải thưởng",
        prizes
            .into_iter()
            .map(|p| (p.clone(), now.prizes.get(p).copied().unwrap_or(0), before.prizes.get(p).copied().unwrap_or(0)))
            .collect(),
    );
    book.save_to_buffer().unwrap_or_default()
}
