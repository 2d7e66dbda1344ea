//! The demo: a commune contest with the usual four rounds, seven village
//! teams, a panel of five and some sheets already in; and around it a small
//! season (`season`): a district with its communes, a finished commune
//! contest whose winner went on to the district contest, whose
//! registration is open. Loading it twice changes nothing.

mod models;
mod season;

use crate::Services;
use crate::accounts::{Actor, users};
use crate::contests;
use crate::entity::{contest, user};
use crate::error::Result;
use crate::judging::sheets;
use kheo_domain::api::{ContestDefinition, NewUser, SheetSubmission};
use kheo_domain::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

/// The demo contest's name.
pub const CONTEST_NAME: &str = "Hội thi “Dân vận khéo” xã Nông Thượng năm 2026";

/// A demo account: user name, password, role, display name.
pub const ACCOUNTS: &[(&str, &str, Role, &str)] = &[
    ("admin", "kheo-admin-2026", Role::Admin, "Quản trị hệ thống"),
    ("btc", "bantochuc-2026", Role::Organiser, "Ban Tổ chức xã Nông Thượng"),
    ("bdv", "bandanvan-2026", Role::Organiser, "Ban Dân vận Thành ủy Bắc Kạn"),
    ("gk1", "giamkhao-2026", Role::Judge, "Nông Văn Thắng"),
    ("gk2", "giamkhao-2026", Role::Judge, "Hà Thị Lụa"),
    ("gk3", "giamkhao-2026", Role::Judge, "Đặng Quốc Bảo"),
    ("gk4", "giamkhao-2026", Role::Judge, "Lý Thị Hồng"),
    ("gk5", "giamkhao-2026", Role::Judge, "Ma Văn Chiến"),
];

/// What `kheo demo` did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Accounts made by this run.
    pub accounts_made: Vec<&'static str>,
    /// The demo contest's id, and whether this run made it.
    pub contest: Option<(i32, bool)>,
    /// The season's contests (name, id) made by this run.
    pub season_made: Vec<(String, i32)>,
}

fn definition() -> ContestDefinition {
    serde_json::from_value(json!({
        "name": CONTEST_NAME,
        "level": "commune",
        "unit": "Xã Nông Thượng",
        "date": "2026-10-15",
        "venue": "Hội trường Đảng ủy xã Nông Thượng",
        "aggregation": "trimmed_mean",
        "tie_break_rounds": [2],
        "rounds": [
            {"name": "Chào hỏi", "time_limit_seconds": 300, "step": "0.25",
             "overtime": {"per_started_minute": "1", "grace_seconds": 0},
             "criteria": [
                {"name": "Nội dung", "max_points": "15"},
                {"name": "Hình thức thể hiện", "max_points": "5"}]},
            {"name": "Kiến thức", "time_limit_seconds": 600, "step": "0.5",
             "criteria": [
                {"name": "Trả lời đúng, đủ", "max_points": "20"},
                {"name": "Hiểu biết thực tiễn", "max_points": "10"}]},
            {"name": "Tiểu phẩm “Dân vận khéo”", "time_limit_seconds": 1200, "step": "0.25",
             "overtime": {"per_started_minute": "1", "grace_seconds": 0},
             "criteria": [
                {"name": "Nội dung, tính thực tiễn của mô hình", "max_points": "20"},
                {"name": "Kịch bản, dàn dựng", "max_points": "10"},
                {"name": "Diễn xuất, trang phục, đạo cụ", "max_points": "10"}]},
            {"name": "Xử lý tình huống", "time_limit_seconds": 300, "step": "0.5",
             "criteria": [
                {"name": "Cách xử lý hợp tình, hợp lý", "max_points": "7"},
                {"name": "Phong cách, ngôn ngữ", "max_points": "3"}]}
        ],
        "teams": [
            {"name": "Đội thôn Bản Cậy", "unit": "Chi bộ thôn Bản Cậy",
             "model_name": "Dân vận khéo trong phát triển chè hàng hóa", "model_field": "economy",
             "members": [{"name": "Hoàng Văn Sáng", "role": "captain"}, "Nông Thị Hoa", "Lương Văn Tư", "Đàm Thị Nguyệt", "Triệu Thị Xuân"]},
            {"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị",
             "model_name": "Vận động hiến đất làm đường giao thông nông thôn", "model_field": "economy",
             "members": [{"name": "Ma Thị Thu", "role": "captain"}, "Hà Văn Phúc", "Lục Thị Mơ", "Bế Văn Khánh", "Nông Thị Duyên"]},
            {"name": "Đội thôn Khuổi Xỏm", "unit": "Chi bộ thôn Khuổi Xỏm",
             "model_name": "Giữ gìn bản sắc văn hóa dân tộc Tày", "model_field": "culture_society",
             "members": [{"name": "Lâm Văn Đức", "role": "captain"}, "Hoàng Thị Yến", "Triệu Văn Sơn", "Hoàng Thị Mai", "Đặng Văn Lợi"]},
            {"name": "Đội thôn Tân Thành", "unit": "Chi bộ thôn Tân Thành",
             "model_name": "Tổ tự quản an ninh trật tự khu dân cư", "model_field": "defence_security",
             "members": [{"name": "Vi Văn Hùng", "role": "captain"}, "Lý Thị Ánh", "Nguyễn Thị Lan", "Trần Văn Bình", "Phùng Thị Hạnh"]},
            {"name": "Đội thôn Bản Đăm", "unit": "Chi bộ thôn Bản Đăm",
             "model_name": "Chi bộ gắn với dân, sát với dân", "model_field": "political_system",
             "members": [{"name": "Dương Văn Thành", "role": "captain"}, "Hà Thị Huệ", "Nông Văn Quý", "Lò Thị Ngân", "Mã Văn Tiến"]},
            {"name": "Đội thôn Nà Chang", "unit": "Chi bộ thôn Nà Chang",
             "model_name": "Phụ nữ giúp nhau thoát nghèo bằng nuôi ong", "model_field": "economy",
             "members": [{"name": "Hoàng Thị Vân", "role": "captain"}, "Đinh Thị Thoa", "La Văn Cường", "Ngôn Thị Liên", "Hứa Văn Minh"]},
            {"name": "Đội thôn Phiêng Phường", "unit": "Chi bộ thôn Phiêng Phường",
             "model_name": "Xây dựng nông thôn mới kiểu mẫu", "model_field": "culture_society",
             "members": [{"name": "Nông Văn Đông", "role": "captain"}, "Đàm Thị Hương", "Quan Văn Lực", "Sằm Thị Nhung", "Bàn Văn Quang"]}
        ],
        "judges": [{"username": "gk1", "chair": true}, "gk2", "gk3", "gk4", "gk5"]
    }))
    .expect("the demo definition is well-formed")
}

/// A deterministic mark between 70 % and 98 % of `max`, on `step`.
fn mark(seed: u64, max_hundredths: i64, step_hundredths: i64) -> String {
    let h = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) % 1000;
    let fraction = 700 + (h as i64 * 280 / 1000);
    let raw = max_hundredths * fraction / 1000;
    let p = raw - raw % step_hundredths.max(1);
    kheo_domain::Points::from_hundredths(p).to_string()
}

/// The demo user acting, as if signed in (session 0: the command line).
async fn actor_of(db: &crate::Db, name: &str) -> Result<Actor> {
    let u = user::Entity::find()
        .filter(user::Column::Username.eq(name))
        .one(db)
        .await?
        .ok_or_else(|| crate::Error::internal(format!("demo user {name} is missing")))?;
    Ok(Actor {
        user_id: u.id,
        username: u.username,
        display_name: u.display_name,
        role: u.role,
        unit: u.unit,
        unit_id: u.unit_id,
        session_id: 0,
        contest_scope: None,
    })
}

/// Loads the demo: accounts, the contest, round 1 scored and locked, round
/// 2 open with some sheets in.
pub async fn load(svc: &Services) -> Result<Outcome> {
    let db = &svc.db;
    let mut out = Outcome::default();
    for (username, password, role, display) in ACCOUNTS {
        if user::Entity::find().filter(user::Column::Username.eq(*username)).one(db).await?.is_none() {
            users::create_user(
                svc,
                None,
                NewUser {
                    username: username.to_string(),
                    password: password.to_string(),
                    display_name: Some(display.to_string()),
                    role: role.as_str().into(),
                    unit: None,
                    unit_id: None,
                },
            )
            .await?;
            out.accounts_made.push(username);
        }
    }
    // The units first: the commune's organiser and contest belong to one.
    let tree = season::units(svc).await?;
    match contest::Entity::find().filter(contest::Column::Name.eq(CONTEST_NAME)).one(db).await? {
        Some(c) => out.contest = Some((c.id, false)),
        None => out.contest = Some((commune_contest(svc).await?, true)),
    }
    out.season_made = season::load(svc, &tree).await?;
    models::load(svc, &tree).await?;
    Ok(out)
}

/// The demo contest: round 1 fully scored and locked; round 2 open, the
/// first three teams scored by every judge and the fourth by three.
async fn commune_contest(svc: &Services) -> Result<i32> {
    let db = &svc.db;
    let organiser = actor_of(db, "btc").await?;
    let view = contests::create(svc, &organiser, &definition()).await?;
    let cid = view.id as i32;
    let judges = judges(db, &["gk1", "gk2", "gk3", "gk4", "gk5"]).await?;
    for (ri, teams_scored) in [(0usize, view.teams.len()), (1, 4)] {
        let rid = view.rounds[ri].id as i32;
        contests::set_round_state(svc, &organiser, cid, rid, "open").await?;
        score_round(svc, &view, ri, &judges, teams_scored, |team| if ri == 1 && team == 3 { 3 } else { 5 }).await?;
        if ri == 0 {
            contests::set_round_state(svc, &organiser, cid, rid, "locked").await?;
        }
    }
    Ok(cid)
}

/// The demo judges acting.
async fn judges(db: &crate::Db, names: &[&str]) -> Result<Vec<Actor>> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(actor_of(db, name).await?);
    }
    Ok(out)
}

/// Sheets for the first `teams` teams of round `ri`, from the first
/// `judges_for(team)` judges, with deterministic marks.
async fn score_round(
    svc: &Services,
    view: &kheo_domain::api::ContestView,
    ri: usize,
    judges: &[Actor],
    teams: usize,
    judges_for: impl Fn(usize) -> usize,
) -> Result<()> {
    let round = &view.rounds[ri];
    let step =
        kheo_domain::Points::parse(round.step.as_deref().unwrap_or("0.25")).map(|p| p.hundredths()).unwrap_or(25);
    for (ti, team) in view.teams.iter().take(teams).enumerate() {
        for (ji, judge) in judges.iter().take(judges_for(ti)).enumerate() {
            let scores = round
                .criteria
                .iter()
                .map(|c| {
                    let max = kheo_domain::Points::parse(&c.max_points).map(|p| p.hundredths()).unwrap_or(0);
                    let seed = (team.id as u64) * 7919 + (ji as u64) * 104_729 + (c.id as u64) * 31 + ri as u64;
                    (c.id.to_string(), json!(mark(seed, max, step)))
                })
                .collect();
            let body = SheetSubmission { scores, client_version: None };
            sheets::submit(svc, judge, view.id as i32, round.id as i32, team.id as i32, &body).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_definition_is_valid() {
        let v = kheo_domain::definition::validate(&definition()).unwrap();
        assert_eq!(v.teams.len(), 7);
        assert_eq!(v.judges.len(), 5);
    }

    #[test]
    fn marks_stay_in_range_and_step() {
        for seed in 0..500 {
            let m = kheo_domain::Points::parse(&mark(seed, 1500, 25)).unwrap().hundredths();
            assert!((1000..=1500).contains(&m) && m % 25 == 0, "{m}");
        }
    }
}
