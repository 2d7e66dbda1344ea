//! The season's statistics for a year and a unit (and the units under it),
//! and the archive of past contests. A province's season is a hundred
//! contests and a thousand teams: everything is read in a dozen queries
//! and counted in memory by `kheo_domain::statistics`.

use crate::contests::{self, store};
use crate::db::Db;
use crate::entity::{contest, member, side_award, team};
use crate::error::Result;
use crate::standings::{self, Marks};
use crate::units;
use kheo_domain::api::{ContestSummary, StatisticsView};
use kheo_domain::collate;
use kheo_domain::contest::{ModelField, ModelKind};
use kheo_domain::registration::Gender;
use kheo_domain::results;
use kheo_domain::statistics::{self, StatContest, StatMembers, StatTeam};
use sea_orm::{ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

/// Each contest's main prizes by team, kept between requests. A season's
/// prizes were recomputed from every mark of every contest on each
/// request; now only a contest whose row or hand-given awards changed since
/// is read again. Its row changes with every change that can alter its
/// standings (`journal::commit_change` bumps the version), with its prize
/// settings and with the ceremony's steps.
#[derive(Clone, Default)]
pub struct KeptPrizes(Arc<Mutex<HashMap<i32, Kept>>>);

/// Main prizes by team id.
type Won = Arc<Vec<(i32, String)>>;

struct Kept {
    contest: contest::Model,
    manual: Vec<side_award::Model>,
    prizes: Won,
}

impl KeptPrizes {
    /// The kept prizes of the contests that have not changed, and the
    /// contests that have.
    fn split(
        &self,
        rows: Vec<contest::Model>,
        manual: &HashMap<i32, Vec<side_award::Model>>,
    ) -> (Vec<Won>, Vec<contest::Model>) {
        let kept = self.0.lock().expect("kept prizes");
        let none = Vec::new();
        let (mut found, mut changed) = (Vec::new(), Vec::new());
        for row in rows {
            match kept.get(&row.id) {
                Some(k) if k.contest == row && k.manual == *manual.get(&row.id).unwrap_or(&none) => {
                    found.push(k.prizes.clone())
                }
                _ => changed.push(row),
            }
        }
        (found, changed)
    }
}

/// The main prizes of some contests by team, for those whose results are
/// final and announced.
async fn prizes(
    db: &Db,
    rows: Vec<contest::Model>,
    manual: &HashMap<i32, Vec<side_award::Model>>,
) -> Result<Vec<(contest::Model, Vec<(i32, String)>)>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let loaded = contests::load_many(db, rows).await?;
    let mut marks = Marks::of(db, &loaded.iter().collect::<Vec<_>>()).await?.by_contest(&loaded);
    let none = Vec::new();
    Ok(loaded
        .into_iter()
        .map(|l| {
            let marks = marks.remove(&l.contest.id).unwrap_or_default();
            let input = standings::input_from(&l, &marks);
            let full = standings::full_from(&l, &input);
            if !results::is_final(&full) {
                return (l.contest, Vec::new());
            }
            let mine: Vec<(usize, i64)> = manual
                .get(&l.contest.id)
                .unwrap_or(&none)
                .iter()
                .map(|a| (a.prize.max(0) as usize, i64::from(a.team_id)))
                .collect();
            let awarded =
                results::award(&full, &store::prizes_of(&l.contest), &store::side_prizes_of(&l.contest), &mine);
            if l.contest.results_sealed && (l.contest.revealed_steps.max(0) as usize) < awarded.steps.len() {
                return (l.contest, Vec::new());
            }
            let won = awarded.prize_of.into_iter().filter_map(|(t, p)| i32::try_from(t).ok().map(|t| (t, p))).collect();
            (l.contest, won)
        })
        .collect())
}

/// A team's columns the figures count.
type TeamLine = (i32, i32, Option<i64>, Option<i32>, Option<String>, Option<String>, Option<String>);

/// Members counted by contest, their team's withdrawal, gender and
/// ethnicity.
type MemberGroup = (i32, Option<i64>, Option<String>, Option<String>, i64);

/// `GET /statistics?year=…&unit_id=…`.
pub async fn statistics(svc: &crate::Services, year: i32, unit_id: Option<i32>) -> Result<StatisticsView> {
    let db = &svc.db;
    let rows = contests_of(db, Some(year), unit_id).await?;
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let contests: Vec<StatContest> = rows.iter().map(|c| StatContest { id: i64::from(c.id), level: c.level }).collect();
    let mut manual: HashMap<i32, Vec<side_award::Model>> = HashMap::new();
    for a in side_award::Entity::find()
        .filter(side_award::Column::ContestId.is_in(ids.clone()))
        .order_by_asc(side_award::Column::Id)
        .all(db)
        .await?
    {
        manual.entry(a.contest_id).or_default().push(a);
    }
    let (mut won, changed) = svc.prizes.split(rows, &manual);
    let fresh = prizes(db, changed, &manual).await?;
    {
        let mut kept = svc.prizes.0.lock().expect("kept prizes");
        for (contest, prizes) in fresh {
            let prizes = Arc::new(prizes);
            won.push(prizes.clone());
            let manual = manual.get(&contest.id).cloned().unwrap_or_default();
            kept.insert(contest.id, Kept { contest, manual, prizes });
        }
    }
    let prize_of: HashMap<i32, &String> = won.iter().flat_map(|w| w.iter().map(|(t, p)| (*t, p))).collect();
    let lines: Vec<TeamLine> = team::Entity::find()
        .select_only()
        .columns([
            team::Column::Id,
            team::Column::ContestId,
            team::Column::WithdrawnAt,
            team::Column::OriginContestId,
            team::Column::ModelName,
            team::Column::ModelField,
            team::Column::ModelKind,
        ])
        .filter(team::Column::ContestId.is_in(ids.clone()))
        .into_tuple()
        .all(db)
        .await?;
    // Counted by the database: a big city's season is tens of thousands of
    // members, of a few kinds a contest.
    let to_team: RelationDef =
        member::Entity::belongs_to(team::Entity).from(member::Column::TeamId).to(team::Column::Id).into();
    let groups: Vec<MemberGroup> = member::Entity::find()
        .select_only()
        .column(team::Column::ContestId)
        .column(team::Column::WithdrawnAt)
        .column(member::Column::Gender)
        .column(member::Column::Ethnicity)
        .column_as(member::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, to_team)
        .filter(team::Column::ContestId.is_in(ids))
        .group_by(team::Column::ContestId)
        .group_by(team::Column::WithdrawnAt)
        .group_by(member::Column::Gender)
        .group_by(member::Column::Ethnicity)
        .into_tuple()
        .all(db)
        .await?;
    let members: Vec<StatMembers> = groups
        .into_iter()
        .map(|(contest_id, withdrawn_at, gender, ethnicity, n)| StatMembers {
            contest_id: i64::from(contest_id),
            withdrawn: withdrawn_at.is_some(),
            gender: gender.as_deref().and_then(Gender::parse),
            ethnicity,
            count: usize::try_from(n).unwrap_or(0),
        })
        .collect();
    let teams: Vec<StatTeam> = lines
        .into_iter()
        .map(|(id, contest_id, withdrawn_at, origin, model_name, field, kind)| StatTeam {
            contest_id: i64::from(contest_id),
            withdrawn: withdrawn_at.is_some(),
            origin_contest_id: origin.map(i64::from),
            has_model: model_name.is_some(),
            model_field: field.as_deref().and_then(ModelField::parse),
            model_kind: kind.as_deref().and_then(ModelKind::parse),
            prize: prize_of.get(&id).map(|p| (*p).clone()),
        })
        .collect();
    Ok(statistics::count(year, unit_id.map(i64::from), &contests, &teams, &members))
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
