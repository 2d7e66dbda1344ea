//! Registration by invitation (đăng ký dự thi): a unit's entry — its team,
//! the members one row each, and its "Dân vận khéo" model — checked field
//! by field, and where an invitation stands.
//!
//! An entry arrives as loose JSON from a phone; [`parse_entry`] reads it into
//! an [`Entry`] or names the first bad field (`team.members[2].birth_year`),
//! so a refusal can say exactly what to fix. A draft may be incomplete;
//! [`check_complete`] says what a submission still lacks.

use crate::api::{Entry, EntryMember, EntryModel, EntryTeam};
use crate::contest::{MemberRole, ModelField, ModelKind};
use crate::i18n::{FieldFault, Lang, Problem};
use crate::setup::{RowFault, parse_field};
use serde::{Deserialize, Serialize};
use serde_json::Value;

wire_enum! {
    /// Where an invitation stands.
    InvitationStatus {
        /// Invited; the unit has saved nothing yet (chưa mở).
        Invited = "invited",
        /// The unit is writing its entry (đang soạn).
        Draft = "draft",
        /// Sent to the organiser (đã gửi).
        Submitted = "submitted",
        /// Sent back with a reason, to fix and send again (trả lại).
        Returned = "returned",
        /// Approved: the entry is one of the contest's teams (đã duyệt).
        Approved = "approved",
    }
}

impl InvitationStatus {
    /// The status's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InvitationStatus::Invited, Lang::Vi) => "Chưa mở",
            (InvitationStatus::Draft, Lang::Vi) => "Đang soạn",
            (InvitationStatus::Submitted, Lang::Vi) => "Đã gửi",
            (InvitationStatus::Returned, Lang::Vi) => "Trả lại",
            (InvitationStatus::Approved, Lang::Vi) => "Đã duyệt",
            (InvitationStatus::Invited, Lang::En) => "Not opened",
            (InvitationStatus::Draft, Lang::En) => "Drafting",
            (InvitationStatus::Submitted, Lang::En) => "Submitted",
            (InvitationStatus::Returned, Lang::En) => "Returned",
            (InvitationStatus::Approved, Lang::En) => "Approved",
        }
    }
}

wire_enum! {
    /// A member's gender, for the member list and the season's statistics.
    Gender {
        /// Nữ.
        Female = "female",
        /// Nam.
        Male = "male",
    }
}

impl Gender {
    /// Reads a gender by its wire name or its Vietnamese name.
    pub fn read(s: &str) -> Option<Gender> {
        let t = s.trim().to_lowercase();
        Gender::parse(&t).or(match t.as_str() {
            "nữ" | "nu" | "f" => Some(Gender::Female),
            "nam" | "m" => Some(Gender::Male),
            _ => None,
        })
    }

    /// The gender's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Gender::Female, Lang::Vi) => "Nữ",
            (Gender::Male, Lang::Vi) => "Nam",
            (Gender::Female, Lang::En) => "Female",
            (Gender::Male, Lang::En) => "Male",
        }
    }
}

/// The most members a team may list: the largest casts seen are about 22.
pub const MAX_MEMBERS: usize = 40;
/// The earliest birth year taken: nobody on a stage was born before it.
pub const EARLIEST_BIRTH_YEAR: i64 = 1920;

fn bad(field: impl Into<String>, fault: FieldFault) -> Problem {
    Problem::InvalidField { field: field.into(), fault }
}

/// A text field: absent, null or blank is `None`; anything but a string is
/// refused; longer than `max` characters is refused.
fn text(v: Option<&Value>, field: &str, max: usize) -> Result<Option<String>, Problem> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.chars().count() > max {
                return Err(bad(field, FieldFault::TooLong { max }));
            }
            Ok(Some(s.to_string()).filter(|s| !s.is_empty()))
        }
        Some(_) => Err(bad(field, FieldFault::NotText)),
    }
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a serde_json::Map<String, Value>, Problem> {
    v.as_object().ok_or_else(|| bad(field, FieldFault::NotAnObject))
}

/// A birth year: a whole number (or its digits as text) from
/// [`EARLIEST_BIRTH_YEAR`] to the contest's year.
fn birth_year(v: Option<&Value>, field: &str, contest_year: i32) -> Result<Option<i32>, Problem> {
    let n = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        Some(Value::Number(n)) => n.as_i64(),
        Some(_) => None,
    };
    let latest = i64::from(contest_year);
    match n {
        Some(y) if (EARLIEST_BIRTH_YEAR..=latest).contains(&y) => Ok(Some(y as i32)),
        _ => Err(bad(field, FieldFault::YearBetween { from: EARLIEST_BIRTH_YEAR, to: latest })),
    }
}

fn member(v: &Value, at: &str, contest_year: i32) -> Result<EntryMember, Problem> {
    let m = object(v, at)?;
    let name =
        text(m.get("name"), &format!("{at}.name"), 120)?.ok_or_else(|| bad(format!("{at}.name"), FieldFault::Empty))?;
    let role = match text(m.get("role"), &format!("{at}.role"), 40)? {
        None => MemberRole::Main,
        Some(r) => MemberRole::read(&r)
            .ok_or_else(|| bad(format!("{at}.role"), FieldFault::one_of(&["captain", "main", "reserve", "support"])))?,
    };
    let gender = match text(m.get("gender"), &format!("{at}.gender"), 20)? {
        None => None,
        Some(g) => {
            Some(Gender::read(&g).ok_or_else(|| bad(format!("{at}.gender"), FieldFault::one_of(&["female", "male"])))?)
        }
    };
    Ok(EntryMember {
        name,
        role,
        birth_year: birth_year(m.get("birth_year"), &format!("{at}.birth_year"), contest_year)?,
        gender,
        ethnicity: text(m.get("ethnicity"), &format!("{at}.ethnicity"), 50)?,
        position: text(m.get("position"), &format!("{at}.position"), 200)?,
    })
}

fn model(v: &Value) -> Result<Option<EntryModel>, Problem> {
    if v.is_null() {
        return Ok(None);
    }
    let m = object(v, "model")?;
    let field = match text(m.get("field"), "model.field", 60)? {
        None => None,
        Some(f) => Some(parse_field(&f).ok_or_else(|| {
            bad("model.field", FieldFault::one_of(&ModelField::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>()))
        })?),
    };
    let kind = match text(m.get("kind"), "model.kind", 40)? {
        None => None,
        Some(k) => Some(
            ModelKind::parse(&k.to_lowercase())
                .or(match k.to_lowercase().as_str() {
                    "tập thể" => Some(ModelKind::Collective),
                    "cá nhân" => Some(ModelKind::Individual),
                    _ => None,
                })
                .ok_or_else(|| bad("model.kind", FieldFault::one_of(&["collective", "individual"])))?,
        ),
    };
    Ok(Some(EntryModel {
        name: text(m.get("name"), "model.name", 300)?.unwrap_or_default(),
        field,
        kind,
        summary: text(m.get("summary"), "model.summary", 4000)?.unwrap_or_default(),
        model_id: match m.get("model_id") {
            None | Some(Value::Null) => None,
            Some(v) => {
                Some(v.as_i64().filter(|id| *id > 0).ok_or_else(|| bad("model.model_id", FieldFault::NotANumber))?)
            }
        },
    }))
}

/// Reads an entry sent as JSON. Every present field must be well formed
/// (a member needs a name; a year is a year); what a draft may still lack
/// is left to [`check_complete`]. `contest_year` bounds birth years.
pub fn parse_entry(v: &Value, contest_year: i32) -> Result<Entry, Problem> {
    let e = object(v, "entry")?;
    let team_value = e.get("team").unwrap_or(&Value::Null);
    let (name, members) = if team_value.is_null() {
        (String::new(), Vec::new())
    } else {
        let team = object(team_value, "team")?;
        let name = text(team.get("name"), "team.name", 200)?.unwrap_or_default();
        let members = match team.get("members") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => {
                if list.len() > MAX_MEMBERS {
                    return Err(bad("team.members", FieldFault::TooMany { max: MAX_MEMBERS }));
                }
                list.iter()
                    .enumerate()
                    .map(|(i, m)| member(m, &format!("team.members[{i}]"), contest_year))
                    .collect::<Result<Vec<_>, _>>()?
            }
            Some(_) => return Err(bad("team.members", FieldFault::NotAList)),
        };
        (name, members)
    };
    if let Some(i) = members.iter().enumerate().filter(|(_, m)| m.role == MemberRole::Captain).nth(1).map(|(i, _)| i) {
        return Err(bad(format!("team.members[{i}].role"), FieldFault::OneCaptain));
    }
    let model = model(e.get("model").unwrap_or(&Value::Null))?;
    Ok(Entry { team: EntryTeam { name, members }, model })
}

/// What a submission must have: a team name, at least one member, and a
/// model with its name, field and kind. Names every missing piece.
pub fn check_complete(e: &Entry) -> Result<(), Problem> {
    let mut missing = Vec::new();
    if e.team.name.trim().is_empty() {
        missing.push("team.name".to_string());
    }
    if e.team.members.is_empty() {
        missing.push("team.members".to_string());
    }
    match &e.model {
        None => missing.push("model".to_string()),
        Some(m) => {
            if m.name.trim().is_empty() {
                missing.push("model.name".to_string());
            }
            if m.field.is_none() {
                missing.push("model.field".to_string());
            }
            if m.kind.is_none() {
                missing.push("model.kind".to_string());
            }
        }
    }
    if missing.is_empty() { Ok(()) } else { Err(Problem::EntryIncomplete { missing }) }
}

/// Whether the unit may still change its entry: before the deadline and
/// until the organiser has approved it. Times are Unix milliseconds.
pub fn may_edit(status: InvitationStatus, now_ms: i64, deadline_ms: i64) -> Result<(), Problem> {
    if status == InvitationStatus::Approved || now_ms >= deadline_ms {
        return Err(Problem::RegistrationClosed);
    }
    Ok(())
}

/// The status after the unit saves a draft.
pub fn after_save(status: InvitationStatus) -> InvitationStatus {
    match status {
        InvitationStatus::Approved => InvitationStatus::Approved,
        _ => InvitationStatus::Draft,
    }
}

/// The member list's columns ("danh sách trích ngang"), as its template
/// heads them and a pasted block may.
pub const MEMBER_COLUMNS: [&str; 6] = ["Họ và tên", "Vai trò", "Năm sinh", "Giới tính", "Dân tộc", "Chức vụ"];

fn loose(s: &str) -> String {
    s.trim().to_lowercase().replace("họ tên", "họ và tên")
}

/// Reads members from rows of cells: a sheet (the member template, or the
/// team template's "Đội trưởng" and "Thành viên" columns) or a block pasted
/// from a spreadsheet. With a header row the columns are found by heading;
/// without, they are taken in [`MEMBER_COLUMNS`] order. Every bad cell is
/// reported by line and column.
pub fn members_from_rows(rows: &[Vec<String>], contest_year: i32) -> Result<Vec<EntryMember>, Vec<RowFault>> {
    let rows: Vec<&Vec<String>> = rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).collect();
    let Some(first) = rows.first() else { return Ok(Vec::new()) };
    let heading = |h: &str| first.iter().position(|c| loose(c) == loose(h));
    // The team template: a captain and a list of names in one cell.
    if let (Some(captain), Some(others)) = (heading("Đội trưởng"), heading("Thành viên")) {
        let mut out = Vec::new();
        for r in &rows[1..] {
            if let Some(c) = r.get(captain).map(|c| c.trim()).filter(|c| !c.is_empty()) {
                out.push(EntryMember::named(c, MemberRole::Captain));
            }
            let names = r.get(others).map(String::as_str).unwrap_or("");
            out.extend(
                names
                    .split([';', '\n', ','])
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| EntryMember::named(n, MemberRole::Main)),
            );
        }
        return Ok(out);
    }
    let has_header = heading(MEMBER_COLUMNS[0]).is_some();
    let columns: Vec<Option<usize>> =
        if has_header { MEMBER_COLUMNS.iter().map(|c| heading(c)).collect() } else { (0..6).map(Some).collect() };
    let mut faults = Vec::new();
    let mut out = Vec::new();
    let skip = usize::from(has_header);
    for (i, row) in rows.iter().enumerate().skip(skip) {
        let line = i + 1;
        let cell = |c: usize| columns[c].and_then(|c| row.get(c)).map(|v| v.trim().to_string()).unwrap_or_default();
        let fault = |col: usize, f: FieldFault| RowFault { line, column: MEMBER_COLUMNS[col].into(), fault: f };
        let name = cell(0);
        if name.is_empty() {
            faults.push(fault(0, FieldFault::Empty));
        } else if name.chars().count() > 120 {
            faults.push(fault(0, FieldFault::TooLong { max: 120 }));
        }
        let role = MemberRole::read(&cell(1)).unwrap_or_else(|| {
            faults.push(fault(1, FieldFault::one_of(&["Đội trưởng", "Chính thức", "Dự bị", "Hỗ trợ"])));
            MemberRole::Main
        });
        // "1988", or a date of birth such as 12/03/1988.
        let year_text = cell(2);
        let year_digits = year_text.rsplit(['/', '-', '.']).next().unwrap_or("").trim().to_string();
        let birth_year = if year_text.is_empty() {
            None
        } else {
            match year_digits.parse::<i64>() {
                Ok(y) if (EARLIEST_BIRTH_YEAR..=i64::from(contest_year)).contains(&y) => Some(y as i32),
                _ => {
                    faults
                        .push(fault(2, FieldFault::YearBetween { from: EARLIEST_BIRTH_YEAR, to: contest_year.into() }));
                    None
                }
            }
        };
        let gender_text = cell(3);
        let gender = if gender_text.is_empty() {
            None
        } else {
            Gender::read(&gender_text).or_else(|| {
                faults.push(fault(3, FieldFault::one_of(&["Nam", "Nữ"])));
                None
            })
        };
        let optional = |s: String| Some(s).filter(|s| !s.is_empty());
        out.push(EntryMember {
            name,
            role,
            birth_year,
            gender,
            ethnicity: optional(cell(4)),
            position: optional(cell(5)),
        });
    }
    if faults.is_empty() { Ok(out) } else { Err(faults) }
}

/// Splits a block pasted from a spreadsheet into rows of cells: lines, and
/// cells by tabs (or semicolons when a line has no tab).
pub fn pasted_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| {
            let sep = if l.contains('\t') { '\t' } else { ';' };
            l.split(sep).map(|c| c.trim().to_string()).collect()
        })
        .collect()
}

/// How a status reads in one word, for the registration desk's summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Invited, nothing saved.
    pub invited: usize,
    /// Drafting.
    pub draft: usize,
    /// Submitted, waiting for the organiser.
    pub submitted: usize,
    /// Returned to the unit.
    pub returned: usize,
    /// Approved.
    pub approved: usize,
}

impl StatusCounts {
    /// Counts statuses.
    pub fn of(statuses: impl IntoIterator<Item = InvitationStatus>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for s in statuses {
            match s {
                InvitationStatus::Invited => c.invited += 1,
                InvitationStatus::Draft => c.draft += 1,
                InvitationStatus::Submitted => c.submitted += 1,
                InvitationStatus::Returned => c.returned += 1,
                InvitationStatus::Approved => c.approved += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({"team": {"name": "Đội xã Thần Sa",
                  "members": [{"name": "Ma Thị Hoa", "role": "captain", "birth_year": 1988,
                               "gender": "female", "ethnicity": "Tày", "position": "Bí thư chi bộ"},
                              {"name": "Hoàng Văn Sáng"}]},
               "model": {"name": "Dân vận khéo trong xây dựng nông thôn mới", "field": "economy",
                         "kind": "collective", "summary": "…"}})
    }

    fn field_of(v: &Value) -> String {
        match parse_entry(v, 2026) {
            Err(Problem::InvalidField { field, .. }) => field,
            other => panic!("expected a bad field, got {other:?}"),
        }
    }

    #[test]
    fn the_contract_example_reads_and_is_complete() {
        let e = parse_entry(&sample(), 2026).unwrap();
        assert_eq!(e.team.members[0].role, MemberRole::Captain);
        assert_eq!(e.team.members[0].gender, Some(Gender::Female));
        assert_eq!(e.team.members[1].role, MemberRole::Main);
        assert_eq!(e.model.as_ref().unwrap().field, Some(ModelField::Economy));
        assert_eq!(check_complete(&e), Ok(()));
        // What is read serialises back to the contract's words.
        let again = serde_json::to_value(&e).unwrap();
        assert_eq!(again["team"]["members"][0]["role"], "captain");
        assert_eq!(again["model"]["kind"], "collective");
        assert_eq!(parse_entry(&again, 2026).unwrap(), e);
    }

    #[test]
    fn each_bad_field_is_named_by_its_path() {
        type Breakage = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(&str, Breakage)> = vec![
            ("team.members[1].name", Box::new(|v| v["team"]["members"][1]["name"] = json!("  "))),
            ("team.members[0].birth_year", Box::new(|v| v["team"]["members"][0]["birth_year"] = json!(1850))),
            ("team.members[0].birth_year", Box::new(|v| v["team"]["members"][0]["birth_year"] = json!(2030))),
            ("team.members[0].birth_year", Box::new(|v| v["team"]["members"][0]["birth_year"] = json!("năm 88"))),
            ("team.members[1].role", Box::new(|v| v["team"]["members"][1]["role"] = json!("boss"))),
            ("team.members[1].role", Box::new(|v| v["team"]["members"][1]["role"] = json!("captain"))),
            ("team.members[0].gender", Box::new(|v| v["team"]["members"][0]["gender"] = json!("x"))),
            ("team.members[0]", Box::new(|v| v["team"]["members"][0] = json!("Ma Thị Hoa"))),
            ("team.members", Box::new(|v| v["team"]["members"] = json!({"a": 1}))),
            ("team.name", Box::new(|v| v["team"]["name"] = json!(12))),
            ("team.name", Box::new(|v| v["team"]["name"] = json!("x".repeat(201)))),
            ("model.field", Box::new(|v| v["model"]["field"] = json!("sport"))),
            ("model.kind", Box::new(|v| v["model"]["kind"] = json!("team"))),
            ("model", Box::new(|v| v["model"] = json!([]))),
            ("entry", Box::new(|v| *v = json!("nothing"))),
        ];
        for (field, breaks) in cases {
            let mut v = sample();
            breaks(&mut v);
            assert_eq!(field_of(&v), field, "{v}");
        }
        let mut many = sample();
        many["team"]["members"] = json!(vec![json!({"name": "A"}); MAX_MEMBERS + 1]);
        assert_eq!(field_of(&many), "team.members");
    }

    #[test]
    fn a_draft_may_be_incomplete_but_a_submission_may_not() {
        let e = parse_entry(&json!({"team": {"name": "", "members": []}}), 2026).unwrap();
        let Err(Problem::EntryIncomplete { missing }) = check_complete(&e) else { panic!() };
        assert_eq!(missing, ["team.name", "team.members", "model"]);
        let e = parse_entry(
            &json!({"team": {"name": "Đội A", "members": [{"name": "B"}]},
                                    "model": {"name": "Mô hình", "field": "Kinh tế"}}),
            2026,
        )
        .unwrap();
        let Err(Problem::EntryIncomplete { missing }) = check_complete(&e) else { panic!() };
        assert_eq!(missing, ["model.kind"]);
        assert_eq!(e.model.unwrap().field, Some(ModelField::Economy), "the Vietnamese name is read too");
    }

    #[test]
    fn editing_stops_at_the_deadline_and_once_approved() {
        use InvitationStatus::*;
        assert_eq!(may_edit(Draft, 999, 1000), Ok(()));
        assert_eq!(may_edit(Returned, 999, 1000), Ok(()));
        assert_eq!(may_edit(Draft, 1000, 1000), Err(Problem::RegistrationClosed));
        assert_eq!(may_edit(Approved, 0, 1000), Err(Problem::RegistrationClosed));
        assert_eq!(after_save(Submitted), Draft);
        assert_eq!(after_save(Returned), Draft);
        assert_eq!(after_save(Invited), Draft);
    }

    #[test]
    fn members_pasted_from_a_spreadsheet() {
        let pasted = "Họ và tên\tVai trò\tNăm sinh\tGiới tính\tDân tộc\tChức vụ\n\
                      Ma Thị Hoa\tĐội trưởng\t1988\tNữ\tTày\tBí thư chi bộ\n\
                      \n\
                      Hoàng Văn Sáng\tDự bị\t12/03/1990\tNam\tNùng\t\n";
        let m = members_from_rows(&pasted_rows(pasted), 2026).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].role, m[0].birth_year, m[0].gender), (MemberRole::Captain, Some(1988), Some(Gender::Female)));
        assert_eq!((m[1].role, m[1].birth_year, m[1].position.as_deref()), (MemberRole::Reserve, Some(1990), None));
        // No header: the columns in the template's order.
        let m = members_from_rows(&pasted_rows("Lý Văn Tư\tHỗ trợ\t1975\tNam"), 2026).unwrap();
        assert_eq!((m[0].name.as_str(), m[0].role), ("Lý Văn Tư", MemberRole::Support));
    }

    #[test]
    fn bad_pasted_cells_are_named_by_line_and_column() {
        let faults = members_from_rows(&pasted_rows("A\tTrưởng nhóm\t1800\tKhác\nB\t\t\t"), 2026).unwrap_err();
        let at: Vec<(usize, &str)> = faults.iter().map(|f| (f.line, f.column.as_str())).collect();
        assert_eq!(at, vec![(1, "Vai trò"), (1, "Năm sinh"), (1, "Giới tính")]);
    }

    #[test]
    fn the_team_template_gives_members_too() {
        let rows = vec![
            vec!["Tên đội".to_string(), "Đội trưởng".into(), "Thành viên".into()],
            vec!["Đội A".into(), "Hoàng Văn Sáng".into(), "Nông Thị Hoa; Lương Văn Tư".into()],
        ];
        let m = members_from_rows(&rows, 2026).unwrap();
        assert_eq!(
            m.iter().map(|m| (m.name.as_str(), m.role)).collect::<Vec<_>>(),
            vec![
                ("Hoàng Văn Sáng", MemberRole::Captain),
                ("Nông Thị Hoa", MemberRole::Main),
                ("Lương Văn Tư", MemberRole::Main),
            ]
        );
    }
}
