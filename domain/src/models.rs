//! The register of "Dân vận khéo" models (sổ mô hình): a model's status
//! chain, what a registration must hold, and the province's count of its
//! models. Pure: the service stores, this decides.

use crate::api::{ModelBody, ModelDetails};
use crate::contest::{ModelField, ModelKind};
use crate::i18n::{FieldFault, Lang, Problem};
use crate::points::Points;
use crate::units::UnitKind;
use serde::{Deserialize, Serialize};

wire_enum! {
    /// Where a model stands in the movement's year.
    ModelStatus {
        /// Đăng ký.
        Registered = "registered",
        /// Đang triển khai.
        Implementing = "implementing",
        /// Được công nhận.
        Recognised = "recognised",
        /// Điển hình.
        Exemplary = "exemplary",
        /// Đề nghị khen thưởng.
        ProposedAward = "proposed_award",
        /// Rút, dừng.
        Withdrawn = "withdrawn",
    }
}

impl ModelStatus {
    /// The chain's steps in order; `Withdrawn` stands outside it.
    const CHAIN: [ModelStatus; 5] = [
        ModelStatus::Registered,
        ModelStatus::Implementing,
        ModelStatus::Recognised,
        ModelStatus::Exemplary,
        ModelStatus::ProposedAward,
    ];

    fn step(self) -> Option<usize> {
        Self::CHAIN.iter().position(|s| *s == self)
    }

    /// Whether a model may go from `self` to `to` by an organiser's
    /// decision: one step along the chain, or withdrawn from any step.
    /// A withdrawn model stays withdrawn (it is registered anew).
    pub fn may_become(self, to: ModelStatus) -> bool {
        match (self.step(), to) {
            (None, _) => false,
            (Some(_), ModelStatus::Withdrawn) => true,
            (Some(from), to) => to.step() == Some(from + 1),
        }
    }

    /// Whether a council's recognition lifts a model in this status.
    /// A council recognises a model being built (registered or
    /// implementing); one already recognised or beyond keeps its place.
    pub fn recognisable(self) -> bool {
        matches!(self, ModelStatus::Registered | ModelStatus::Implementing)
    }

    /// The status's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let vi = lang == Lang::Vi;
        match self {
            ModelStatus::Registered if vi => "Đăng ký",
            ModelStatus::Registered => "Registered",
            ModelStatus::Implementing if vi => "Đang triển khai",
            ModelStatus::Implementing => "Implementing",
            ModelStatus::Recognised if vi => "Được công nhận",
            ModelStatus::Recognised => "Recognised",
            ModelStatus::Exemplary if vi => "Điển hình",
            ModelStatus::Exemplary => "Exemplary",
            ModelStatus::ProposedAward if vi => "Đề nghị khen thưởng",
            ModelStatus::ProposedAward => "Proposed for an award",
            ModelStatus::Withdrawn if vi => "Đã rút",
            ModelStatus::Withdrawn => "Withdrawn",
        }
    }
}

/// The oldest year a model may be registered for: the movement began in 2009.
pub const FIRST_YEAR: i32 = 2009;
/// Longest name or owner.
pub const MAX_NAME: usize = 300;
/// Longest summary or item of the form.
pub const MAX_TEXT: usize = 5000;

/// A registration that cannot be wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidModel {
    /// The unit it belongs to.
    pub unit_id: i64,
    /// Year.
    pub year: i32,
    /// Tên mô hình.
    pub name: String,
    /// Field.
    pub field: ModelField,
    /// Collective or individual.
    pub kind: ModelKind,
    /// Chủ thể: who carries it out.
    pub owner: String,
    /// A few lines on it.
    pub summary: String,
    /// The form's items.
    pub details: ModelDetails,
}

fn text(field: &str, value: &str, max: usize, required: bool) -> Result<String, Problem> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(Problem::InvalidField { field: field.into(), fault: FieldFault::Empty });
    }
    if v.chars().count() > max {
        return Err(Problem::InvalidField { field: field.into(), fault: FieldFault::TooLong { max } });
    }
    Ok(v.to_string())
}

fn one_of<T>(field: &str, value: &str, parse: fn(&str) -> Option<T>, all: &[&str]) -> Result<T, Problem> {
    parse(value.trim()).ok_or_else(|| Problem::InvalidField { field: field.into(), fault: FieldFault::one_of(all) })
}

/// Checks a registration, naming the first bad field; `this_year` bounds
/// the year (a call for next year's models opens in December).
pub fn validate(body: &ModelBody, this_year: i32) -> Result<ValidModel, Problem> {
    let name = text("name", &body.name, MAX_NAME, true)?;
    let fields: Vec<&str> = ModelField::ALL.iter().map(|f| f.as_str()).collect();
    let field = one_of("field", &body.field, ModelField::parse, &fields)?;
    let kinds: Vec<&str> = ModelKind::ALL.iter().map(|k| k.as_str()).collect();
    let kind = one_of("kind", &body.kind, ModelKind::parse, &kinds)?;
    let owner = text("owner", &body.owner, MAX_NAME, true)?;
    let summary = text("summary", &body.summary, MAX_TEXT, true)?;
    if !(FIRST_YEAR..=this_year + 1).contains(&body.year) {
        return Err(Problem::InvalidField {
            field: "year".into(),
            fault: FieldFault::YearBetween { from: i64::from(FIRST_YEAR), to: i64::from(this_year + 1) },
        });
    }
    let mut details = body.details.clone().unwrap_or_default();
    for (key, item) in details.items_mut() {
        if let Some(v) = item.take() {
            let v = text(&format!("details.{key}"), &v, MAX_TEXT, false)?;
            *item = (!v.is_empty()).then_some(v);
        }
    }
    Ok(ValidModel { unit_id: body.unit_id, year: body.year, name, field, kind, owner, summary, details })
}

/// What a search matches: the model's name, owner, unit and summary
/// folded (no accents, lower case), stored beside the model so that a
/// search over a province's years is one indexed scan, not a fold per row.
pub fn search_text(name: &str, owner: &str, unit: &str, summary: &str) -> String {
    crate::collate::fold(&format!("{name} {owner} {unit} {summary}"))
}

/// Whether a council's total recognises the model: at or above the
/// threshold, exactly (hundredths).
pub fn reaches(total: Points, threshold: Points) -> bool {
    total >= threshold
}

/// One model as the count takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelFacts {
    /// Field.
    pub field: ModelField,
    /// Collective or individual.
    pub kind: ModelKind,
    /// Current status.
    pub status: ModelStatus,
    /// The kind of unit that recognised it, once recognised.
    pub recognised_at: Option<UnitKind>,
}

/// Collective and individual models of one field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    /// Tập thể.
    pub collective: u32,
    /// Cá nhân.
    pub individual: u32,
}

impl KindCount {
    /// Both.
    pub fn total(&self) -> u32 {
        self.collective + self.individual
    }
}

/// Models by field, as the province's report rows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldCounts {
    /// Kinh tế.
    pub economy: KindCount,
    /// Văn hóa - xã hội.
    pub culture_society: KindCount,
    /// Quốc phòng - an ninh.
    pub defence_security: KindCount,
    /// Xây dựng hệ thống chính trị.
    pub political_system: KindCount,
}

impl FieldCounts {
    /// The count of one field.
    pub fn of(&self, field: ModelField) -> &KindCount {
        match field {
            ModelField::Economy => &self.economy,
            ModelField::CultureSociety => &self.culture_society,
            ModelField::DefenceSecurity => &self.defence_security,
            ModelField::PoliticalSystem => &self.political_system,
        }
    }

    fn of_mut(&mut self, field: ModelField) -> &mut KindCount {
        match field {
            ModelField::Economy => &mut self.economy,
            ModelField::CultureSociety => &mut self.culture_society,
            ModelField::DefenceSecurity => &mut self.defence_security,
            ModelField::PoliticalSystem => &mut self.political_system,
        }
    }
}

/// Models by current status (withdrawn ones are not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Đăng ký.
    pub registered: u32,
    /// Đang triển khai.
    pub implementing: u32,
    /// Được công nhận.
    pub recognised: u32,
    /// Điển hình.
    pub exemplary: u32,
    /// Đề nghị khen thưởng.
    pub proposed_award: u32,
}

impl StatusCounts {
    /// The count of one status (0 for withdrawn).
    pub fn of(&self, s: ModelStatus) -> u32 {
        match s {
            ModelStatus::Registered => self.registered,
            ModelStatus::Implementing => self.implementing,
            ModelStatus::Recognised => self.recognised,
            ModelStatus::Exemplary => self.exemplary,
            ModelStatus::ProposedAward => self.proposed_award,
            ModelStatus::Withdrawn => 0,
        }
    }
}

/// `GET /statistics/models`: a year's models of a unit and the units under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelStatistics {
    /// The year counted.
    pub year: i32,
    /// Models not withdrawn.
    pub total: u32,
    /// By field and kind.
    pub fields: FieldCounts,
    /// By current status.
    pub status: StatusCounts,
    /// Recognised models (and those gone further) by the kind of unit
    /// that recognised them, e.g. `{"province": 3, "commune": 12}`
    /// (additive).
    #[serde(default)]
    pub recognised_at: std::collections::BTreeMap<String, u32>,
}

/// Counts a year's models: each once, under its current status; withdrawn
/// models are left out.
pub fn count(year: i32, models: &[ModelFacts]) -> ModelStatistics {
    let groups: Vec<(ModelFacts, u32)> = models.iter().map(|m| (*m, 1)).collect();
    count_groups(year, &groups)
}

/// The same count over models grouped by what is counted: `n` models with
/// the same facts count `n` times (the database groups them, so a
/// province's year of models is read as a few dozen lines).
pub fn count_groups(year: i32, groups: &[(ModelFacts, u32)]) -> ModelStatistics {
    let mut out = ModelStatistics { year, ..ModelStatistics::default() };
    for (m, n) in groups.iter().filter(|(m, _)| m.status != ModelStatus::Withdrawn) {
        let n = *n;
        out.total += n;
        let k = out.fields.of_mut(m.field);
        match m.kind {
            ModelKind::Collective => k.collective += n,
            ModelKind::Individual => k.individual += n,
        }
        let s = &mut out.status;
        *match m.status {
            ModelStatus::Registered => &mut s.registered,
            ModelStatus::Implementing => &mut s.implementing,
            ModelStatus::Recognised => &mut s.recognised,
            ModelStatus::Exemplary => &mut s.exemplary,
            ModelStatus::ProposedAward | ModelStatus::Withdrawn => &mut s.proposed_award,
        } += n;
        if let Some(level) = m.recognised_at {
            *out.recognised_at.entry(level.as_str().to_string()).or_default() += n;
        }
    }
    out
}

/// The model sheet's columns, as the downloadable template heads them: the
/// first seven are required, then the form's items and the status reached.
pub const MODEL_COLUMNS: [&str; 17] = [
    "Đơn vị",
    "Năm",
    "Tên mô hình",
    "Lĩnh vực",
    "Loại",
    "Chủ thể",
    "Tóm tắt",
    "Thực trạng, lý do xây dựng mô hình",
    "Mục tiêu, tiêu chí",
    "Nội dung, cách thức thực hiện",
    "Địa bàn, đối tượng",
    "Lực lượng thực hiện",
    "Nguồn lực",
    "Thời gian thực hiện",
    "Sản phẩm đầu ra",
    "Khả năng duy trì, nhân rộng",
    "Trạng thái",
];

/// One model read from a sheet, and the status it had reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedModel {
    /// Its line in the sheet.
    pub line: usize,
    /// The registration.
    pub model: ValidModel,
    /// The status reached (registered when the column is empty).
    pub status: ModelStatus,
}

fn read_kind(s: &str) -> Option<ModelKind> {
    let t = crate::collate::fold(s);
    ModelKind::parse(&t).or(match t.as_str() {
        "tap the" => Some(ModelKind::Collective),
        "ca nhan" => Some(ModelKind::Individual),
        _ => None,
    })
}

fn read_status(s: &str) -> Option<ModelStatus> {
    let t = crate::collate::fold(s);
    if t.is_empty() {
        return Some(ModelStatus::Registered);
    }
    ModelStatus::parse(&t).or_else(|| {
        ModelStatus::ALL
            .iter()
            .copied()
            .find(|st| *st != ModelStatus::Withdrawn && crate::collate::fold(st.label(Lang::Vi)) == t)
    })
}

/// Reads models from a sheet's rows (the first is the header; columns
/// found by their headings). A unit is named as the tree names it and must
/// be one the organiser reaches (`reach`, by id); every bad cell is
/// reported by line and column, and then none is taken.
pub fn models_from_rows(
    rows: &[Vec<String>],
    units: &[crate::units::UnitNode],
    reach: &dyn Fn(i64) -> bool,
    this_year: i32,
) -> Result<Vec<ImportedModel>, Vec<crate::setup::RowFault>> {
    use crate::setup::RowFault;
    let fault = |line: usize, col: usize, f: FieldFault| RowFault { line, column: MODEL_COLUMNS[col].into(), fault: f };
    let same = |a: &str, b: &str| crate::collate::fold(a) == crate::collate::fold(b);
    let Some(header) = rows.first() else { return Err(vec![fault(1, 0, FieldFault::MissingColumn)]) };
    let columns: Vec<Option<usize>> = MODEL_COLUMNS.iter().map(|c| header.iter().position(|h| same(h, c))).collect();
    let missing: Vec<RowFault> =
        (0..7).filter(|&i| columns[i].is_none()).map(|i| fault(1, i, FieldFault::MissingColumn)).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let fields: Vec<&str> = ModelField::ALL.iter().map(|f| crate::setup::field_label(*f)).collect();
    let statuses: Vec<&str> =
        ModelStatus::ALL.iter().filter(|s| **s != ModelStatus::Withdrawn).map(|s| s.label(Lang::Vi)).collect();
    let (mut faults, mut read) = (Vec::new(), Vec::new());
    for (i, row) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: usize| columns[c].and_then(|c| row.get(c)).map(|v| v.trim().to_string()).unwrap_or_default();
        let unit_name = cell(0);
        let matching: Vec<&crate::units::UnitNode> = units.iter().filter(|u| same(&u.name, &unit_name)).collect();
        let unit_id = match matching.as_slice() {
            [] if unit_name.is_empty() => {
                faults.push(fault(line, 0, FieldFault::Empty));
                None
            }
            [] => {
                faults.push(fault(line, 0, FieldFault::UnknownUnit { name: unit_name.clone() }));
                None
            }
            [u] if !reach(u.id) => {
                faults.push(fault(line, 0, FieldFault::OutsideYourUnits { name: unit_name.clone() }));
                None
            }
            [u] => Some(u.id),
            _ => {
                faults.push(fault(line, 0, FieldFault::AmbiguousUnit { name: unit_name.clone() }));
                None
            }
        };
        let field = crate::setup::parse_field(&cell(3));
        if field.is_none() {
            faults.push(fault(line, 3, FieldFault::one_of(&fields)));
        }
        let kind = read_kind(&cell(4));
        if kind.is_none() {
            faults.push(fault(line, 4, FieldFault::one_of(&["Tập thể", "Cá nhân"])));
        }
        let status = read_status(&cell(16));
        if status.is_none() {
            faults.push(fault(line, 16, FieldFault::one_of(&statuses)));
        }
        let mut details = ModelDetails::default();
        for (k, (_, item)) in details.items_mut().into_iter().enumerate() {
            *item = Some(cell(7 + k)).filter(|v| !v.is_empty());
        }
        let body = ModelBody {
            unit_id: unit_id.unwrap_or(0),
            year: cell(1).parse().unwrap_or(0),
            name: cell(2),
            field: field.map_or("", |f| f.as_str()).into(),
            kind: kind.map_or("", |k| k.as_str()).into(),
            owner: cell(5),
            summary: cell(6),
            details: Some(details),
        };
        match validate(&body, this_year) {
            Ok(model) if unit_id.is_some() && field.is_some() && kind.is_some() => {
                read.push(ImportedModel { line, model, status: status.unwrap_or(ModelStatus::Registered) })
            }
            Ok(_) => {}
            Err(Problem::InvalidField { field: name, fault: f }) => {
                let col = match name.as_str() {
                    "name" => 2,
                    "owner" => 5,
                    "summary" => 6,
                    "year" => 1,
                    other => ModelDetails::KEYS.iter().position(|k| other.ends_with(k)).map_or(0, |p| 7 + p),
                };
                // Field and kind were named above, by their sheet's words.
                if col != 0 || name == "unit_id" {
                    faults.push(fault(line, col, f));
                }
            }
            Err(_) => {}
        }
    }
    if faults.is_empty() { Ok(read) } else { Err(faults) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ModelStatus::*;
    use proptest::prelude::*;

    #[test]
    fn the_chain_goes_one_step_at_a_time() {
        assert!(Registered.may_become(Implementing));
        assert!(Implementing.may_become(Recognised));
        assert!(Recognised.may_become(Exemplary));
        assert!(Exemplary.may_become(ProposedAward));
        assert!(!Registered.may_become(Recognised), "no step skipped");
        assert!(!Recognised.may_become(Implementing), "no step back");
        assert!(!ProposedAward.may_become(ProposedAward));
        assert!(!Registered.may_become(Registered));
        for s in &ModelStatus::CHAIN {
            assert!(s.may_become(Withdrawn));
            assert!(!Withdrawn.may_become(*s), "a withdrawn model stays withdrawn");
        }
        assert!(!Withdrawn.may_become(Withdrawn));
        assert!(Registered.recognisable() && Implementing.recognisable());
        assert!(!Recognised.recognisable() && !Exemplary.recognisable() && !Withdrawn.recognisable());
    }

    fn body() -> ModelBody {
        ModelBody {
            unit_id: 3,
            year: 2026,
            name: "  Dân vận khéo trong xây dựng nông thôn mới ".into(),
            field: "economy".into(),
            kind: "collective".into(),
            owner: "Chi bộ thôn Tân Thành".into(),
            summary: "Vận động nhân dân hiến đất mở đường.".into(),
            details: Some(ModelDetails {
                goals: Some("  ".into()),
                area: Some("Thôn Tân Thành".into()),
                ..Default::default()
            }),
        }
    }

    fn field_of(b: &ModelBody) -> String {
        match validate(b, 2026) {
            Err(Problem::InvalidField { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_registration_is_checked_field_by_field() {
        let v = validate(&body(), 2026).unwrap();
        assert_eq!(v.name, "Dân vận khéo trong xây dựng nông thôn mới");
        assert_eq!(v.field, ModelField::Economy);
        assert_eq!(v.details.goals, None, "a blank item is no item");
        assert_eq!(v.details.area.as_deref(), Some("Thôn Tân Thành"));
        let mut b = body();
        b.field = "sport".into();
        assert_eq!(field_of(&b), "field");
        let mut b = body();
        b.kind = "team".into();
        assert_eq!(field_of(&b), "kind");
        let mut b = body();
        b.name = " ".into();
        assert_eq!(field_of(&b), "name");
        let mut b = body();
        b.year = 2008;
        assert_eq!(field_of(&b), "year");
        let mut b = body();
        b.year = 2027;
        assert!(validate(&b, 2026).is_ok(), "next year's call opens in December");
        let mut b = body();
        b.details = Some(ModelDetails { outputs: Some("x".repeat(MAX_TEXT + 1)), ..Default::default() });
        assert_eq!(field_of(&b), "details.outputs");
    }

    #[test]
    fn a_sheet_is_read_or_every_bad_cell_named() {
        use crate::units::UnitNode;
        let units = vec![
            UnitNode { id: 1, parent_id: None, name: "Huyện Đồng Hỷ".into(), kind: UnitKind::District },
            UnitNode { id: 2, parent_id: Some(1), name: "Xã Hóa Thượng".into(), kind: UnitKind::Commune },
            UnitNode { id: 3, parent_id: None, name: "Huyện Phú Lương".into(), kind: UnitKind::District },
        ];
        let reach = |id: i64| id != 3;
        let head: Vec<String> = MODEL_COLUMNS.iter().map(|c| c.to_string()).collect();
        let row = |cells: &[&str]| {
            let mut r: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            r.resize(MODEL_COLUMNS.len(), String::new());
            r
        };
        let good = row(&[
            "xa hoa thuong",
            "2025",
            "Hũ gạo tình thương",
            "Văn hoá - xã hội",
            "Tập thể",
            "Chi hội Phụ nữ",
            "Góp gạo.",
        ]);
        let mut recognised = good.clone();
        recognised[16] = "Được công nhận".into();
        let read =
            models_from_rows(&[head.clone(), good.clone(), vec![String::new()], recognised], &units, &reach, 2026)
                .unwrap();
        assert_eq!(read.len(), 2, "a blank line is skipped");
        assert_eq!(read[0].model.unit_id, 2);
        assert_eq!(read[0].model.field, ModelField::CultureSociety);
        assert_eq!((read[0].line, read[1].status), (2, Recognised));
        let bad = [
            row(&["Xã Không Có", "2025", "A", "Kinh tế", "Tập thể", "B", "C"]),
            row(&["Huyện Phú Lương", "2025", "A", "Kinh tế", "Tập thể", "B", "C"]),
            row(&["Xã Hóa Thượng", "1999", "", "Thể thao", "Nhóm", "", "C"]),
        ];
        let faults =
            models_from_rows(&[head.clone(), bad[0].clone(), bad[1].clone(), bad[2].clone()], &units, &reach, 2026)
                .unwrap_err();
        let named: Vec<(usize, &str)> = faults.iter().map(|f| (f.line, f.column.as_str())).collect();
        assert_eq!(
            named,
            [(2, "Đơn vị"), (3, "Đơn vị"), (4, "Lĩnh vực"), (4, "Loại"), (4, "Tên mô hình")],
            "{faults:?}"
        );
        assert!(matches!(faults[1].fault, FieldFault::OutsideYourUnits { .. }));
        let only = models_from_rows(&[vec!["Tên mô hình".into()]], &units, &reach, 2026).unwrap_err();
        assert_eq!(only.len(), 6, "every missing required column is named");
    }

    #[test]
    fn search_text_drops_accents() {
        let s = search_text("Dân vận khéo", "Hội Nông dân", "Xã Đồng Hỷ", "");
        assert!(s.contains("dan van kheo") && s.contains("xa dong hy"), "{s}");
    }

    #[test]
    fn the_threshold_is_met_exactly() {
        let p = |s: &str| Points::parse(s).unwrap();
        assert!(reaches(p("70"), p("70")));
        assert!(reaches(p("70.01"), p("70")));
        assert!(!reaches(p("69.99"), p("70")));
    }

    fn facts(field: ModelField, kind: ModelKind, status: ModelStatus) -> ModelFacts {
        ModelFacts { field, kind, status, recognised_at: None }
    }

    #[test]
    fn a_small_register_counted_by_hand() {
        use ModelField::*;
        use ModelKind::*;
        let mut models = vec![
            facts(Economy, Collective, Registered),
            facts(Economy, Collective, Recognised),
            facts(Economy, Individual, Implementing),
            facts(CultureSociety, Collective, Exemplary),
            facts(PoliticalSystem, Individual, Withdrawn),
            facts(DefenceSecurity, Individual, ProposedAward),
        ];
        models[1].recognised_at = Some(UnitKind::Commune);
        models[3].recognised_at = Some(UnitKind::Province);
        let s = count(2026, &models);
        assert_eq!(s.total, 5, "the withdrawn model is not counted");
        assert_eq!(s.fields.economy, KindCount { collective: 2, individual: 1 });
        assert_eq!(s.fields.culture_society, KindCount { collective: 1, individual: 0 });
        assert_eq!(s.fields.political_system, KindCount::default());
        assert_eq!(s.fields.defence_security.individual, 1);
        assert_eq!(
            (
                s.status.registered,
                s.status.implementing,
                s.status.recognised,
                s.status.exemplary,
                s.status.proposed_award
            ),
            (1, 1, 1, 1, 1)
        );
        assert_eq!(s.recognised_at.get("commune"), Some(&1));
        assert_eq!(s.recognised_at.get("province"), Some(&1));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["fields"]["economy"]["collective"], 2);
        assert_eq!(json["status"]["proposed_award"], 1);
    }

    fn any_facts() -> impl Strategy<Value = ModelFacts> {
        (0..4usize, 0..2usize, 0..6usize)
            .prop_map(|(f, k, s)| facts(ModelField::ALL[f], ModelKind::ALL[k], ModelStatus::ALL[s]))
    }

    proptest! {
        #[test]
        fn every_model_is_counted_once(models in proptest::collection::vec(any_facts(), 0..200)) {
            let s = count(2026, &models);
            let kept = models.iter().filter(|m| m.status != Withdrawn).count() as u32;
            prop_assert_eq!(s.total, kept);
            let by_field: u32 = ModelField::ALL.iter().map(|f| s.fields.of(*f).total()).sum();
            prop_assert_eq!(by_field, kept);
            let by_status: u32 = ModelStatus::ALL.iter().map(|st| s.status.of(*st)).sum();
            prop_assert_eq!(by_status, kept);
        }

        #[test]
        fn counting_groups_is_counting_each(models in proptest::collection::vec(any_facts(), 0..200)) {
            let mut groups: Vec<(ModelFacts, u32)> = Vec::new();
            for m in &models {
                match groups.iter_mut().find(|(g, _)| g == m) {
                    Some((_, n)) => *n += 1,
                    None => groups.push((*m, 1)),
                }
            }
            prop_assert_eq!(count_groups(2026, &groups), count(2026, &models));
        }

        #[test]
        fn the_chain_never_goes_back(a in 0..6usize, b in 0..6usize) {
            let (from, to) = (ModelStatus::ALL[a], ModelStatus::ALL[b]);
            if from.may_become(to) && to != Withdrawn {
                prop_assert_eq!(to.step(), from.step().map(|s| s + 1));
            }
        }
    }
}
