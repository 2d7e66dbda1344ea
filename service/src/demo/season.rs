//! The demo's season: Thành phố Bắc Kạn with its communes and wards; the
//! commune contest of Xã Dương Quang, finished and published, whose winner
//! went on to the city's contest; and that contest's registration, open,
//! with one ward's entry submitted and another's returned.

use super::{actor_of, judges, score_round};
use crate::Services;
use crate::contests::{self, advance};
use crate::db::now_ms;
use crate::entity::{contest, org_unit, user};
use crate::error::{Error, Result};
use crate::registration;
use kheo_domain::api::{AdvanceRequest, ContestDefinition, Decision, InvitationRequest};
use kheo_domain::setup::{NewContest, usual_format};
use kheo_domain::units::UnitKind;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use std::collections::HashMap;

/// The city contest's name.
pub const CITY_CONTEST: &str = "Hội thi “Dân vận khéo” thành phố Bắc Kạn năm 2026";
/// The finished commune contest's name.
pub const DUONG_QUANG_CONTEST: &str = "Hội thi “Dân vận khéo” xã Dương Quang năm 2026";

/// The units: name, kind, parent's name.
const UNITS: &[(&str, UnitKind, Option<&str>)] = &[
    ("Tỉnh Thái Nguyên", UnitKind::Province, None),
    ("Thành phố Bắc Kạn", UnitKind::District, Some("Tỉnh Thái Nguyên")),
    ("Xã Nông Thượng", UnitKind::Commune, Some("Thành phố Bắc Kạn")),
    ("Xã Dương Quang", UnitKind::Commune, Some("Thành phố Bắc Kạn")),
    ("Phường Đức Xuân", UnitKind::Commune, Some("Thành phố Bắc Kạn")),
    ("Phường Sông Cầu", UnitKind::Commune, Some("Thành phố Bắc Kạn")),
    ("Phường Huyền Tụng", UnitKind::Commune, Some("Thành phố Bắc Kạn")),
    ("Đảng ủy Công an thành phố", UnitKind::Agency, Some("Thành phố Bắc Kạn")),
];

/// Unit ids by name.
pub type Tree = HashMap<&'static str, i32>;

/// Makes the units that are missing and puts the demo organisers in theirs.
pub async fn units(svc: &Services) -> Result<Tree> {
    let db = &svc.db;
    let mut tree = Tree::new();
    for (name, kind, parent) in UNITS {
        let parent_id = parent.and_then(|p| tree.get(p).copied());
        let found = org_unit::Entity::find()
            .filter(org_unit::Column::Name.eq(*name))
            .all(db)
            .await?
            .into_iter()
            .find(|u| u.parent_id == parent_id);
        let id = match found {
            Some(u) => u.id,
            None => {
                org_unit::ActiveModel {
                    parent_id: Set(parent_id),
                    name: Set(name.to_string()),
                    kind: Set(*kind),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        tree.insert(name, id);
    }
    for (username, unit) in [("btc", "Xã Nông Thượng"), ("bdv", "Thành phố Bắc Kạn")] {
        if let Some(u) = user::Entity::find().filter(user::Column::Username.eq(username)).one(db).await?
            && u.unit_id.is_none()
        {
            let mut row: user::ActiveModel = u.into();
            row.unit_id = Set(tree.get(unit).copied());
            row.unit = Set(Some(unit.to_string()));
            row.update(db).await?;
        }
    }
    // A commune contest made before the tree joins it.
    if let Some(c) = contest::Entity::find().filter(contest::Column::Name.eq(super::CONTEST_NAME)).one(db).await?
        && c.org_unit_id.is_none()
    {
        let mut row: contest::ActiveModel = c.into();
        row.org_unit_id = Set(tree.get("Xã Nông Thượng").copied());
        row.update(db).await?;
    }
    Ok(tree)
}

/// Xã Dương Quang's contest: three teams, two rounds, every round scored
/// and published.
fn duong_quang(tree: &Tree, parent: i64) -> ContestDefinition {
    serde_json::from_value(json!({
        "name": DUONG_QUANG_CONTEST,
        "level": "commune",
        "unit": "Xã Dương Quang",
        "unit_id": tree["Xã Dương Quang"],
        "parent_id": parent,
        "date": "2026-09-18",
        "venue": "Nhà văn hóa xã Dương Quang",
        "aggregation": "mean",
        "tie_break_rounds": [1],
        "rounds": [
            {"name": "Chào hỏi", "step": "0.25", "criteria": [
                {"name": "Nội dung", "max_points": "15"}, {"name": "Hình thức thể hiện", "max_points": "5"}]},
            {"name": "Tiểu phẩm “Dân vận khéo”", "step": "0.25", "criteria": [
                {"name": "Nội dung, tính thực tiễn của mô hình", "max_points": "20"},
                {"name": "Kịch bản, dàn dựng", "max_points": "10"}]}
        ],
        "teams": [
            {"name": "Đội thôn Khuổi Chang", "unit": "Chi bộ thôn Khuổi Chang",
             "model_name": "Vận động đồng bào trồng rừng gỗ lớn", "model_field": "economy", "model_kind": "collective",
             "members": [{"name": "Hoàng Văn Phong", "role": "captain"}, "Lục Thị Nga", "Ma Văn Hiếu", "Nông Thị Thanh"]},
            {"name": "Đội thôn Nà Pài", "unit": "Chi bộ thôn Nà Pài",
             "model_name": "Tổ hòa giải ở cơ sở", "model_field": "defence_security", "model_kind": "collective",
             "members": [{"name": "Triệu Thị Mến", "role": "captain"}, "Bế Văn Tài", "Hà Thị Loan"]},
            {"name": "Đội thôn Bản Pjạc", "unit": "Chi bộ thôn Bản Pjạc",
             "model_name": "Gìn giữ hát then, đàn tính", "model_field": "culture_society", "model_kind": "individual",
             "members": [{"name": "Lương Thị Hằng", "role": "captain"}, "Đàm Văn Khải", "Vi Thị Tươi"]}
        ],
        "awards": [{"name": "Giải Nhất", "count": 1}, {"name": "Giải Nhì", "count": 1}, {"name": "Giải Ba", "count": 1}],
        "side_prizes": [{"name": "Phần chào hỏi hay nhất", "round": 0}],
        "judges": [{"username": "gk1", "chair": true}, "gk2", "gk3"]
    }))
    .expect("the demo definition is well-formed")
}

/// Loads what is missing of the season; the contests it made.
pub async fn load(svc: &Services, tree: &Tree) -> Result<Vec<(String, i32)>> {
    let db = &svc.db;
    if contest::Entity::find().filter(contest::Column::Name.eq(CITY_CONTEST)).one(db).await?.is_some() {
        return Ok(Vec::new());
    }
    let admin = actor_of(db, "admin").await?;
    let city_organiser = actor_of(db, "bdv").await?;

    // The city's contest, from the usual format, the panel of five.
    let mut city = usual_format(&NewContest {
        level: kheo_domain::contest::Level::District,
        name: CITY_CONTEST.into(),
        unit: "Thành phố Bắc Kạn".into(),
        date: Some("2026-12-18".into()),
        venue: Some("Hội trường Thành ủy Bắc Kạn".into()),
        unit_id: Some(i64::from(tree["Thành phố Bắc Kạn"])),
        parent_id: None,
        purpose: None,
    });
    city.judges = serde_json::from_value(json!([{"username": "gk1", "chair": true}, "gk2", "gk3", "gk4", "gk5"]))
        .expect("judges are well-formed");
    let city = contests::create(svc, &city_organiser, &city).await?;
    let city_id = city.id as i32;

    // Xã Dương Quang's contest, finished and published.
    let dq = contests::create(svc, &admin, &duong_quang(tree, city.id)).await?;
    let dq_id = dq.id as i32;
    let panel = judges(db, &["gk1", "gk2", "gk3"]).await?;
    for (ri, round) in dq.rounds.iter().enumerate() {
        let rid = round.id as i32;
        contests::set_round_state(svc, &admin, dq_id, rid, "open").await?;
        score_round(svc, &dq, ri, &panel, dq.teams.len(), |_| 3).await?;
        contests::set_round_state(svc, &admin, dq_id, rid, "locked").await?;
        contests::set_round_state(svc, &admin, dq_id, rid, "published").await?;
    }

    // Its winner goes on to the city's contest.
    let (full, _) = crate::standings::full(db, &contests::load(db, dq_id).await?).await?;
    let winner = full.standings.first().map(|r| r.team.id).ok_or_else(|| Error::internal("no winner"))?;
    let up = AdvanceRequest { from_contest_id: dq.id, team_ids: vec![winner], assembled: None };
    advance::advance(svc, &city_organiser, city_id, &up).await?;

    // Registration open for two weeks: one ward has submitted, one was
    // returned, the others have not begun.
    let deadline = kheo_domain::time::utc((now_ms() / 1000) + 14 * 24 * 3600);
    let invited: Vec<i64> = ["Phường Đức Xuân", "Phường Sông Cầu", "Phường Huyền Tụng", "Đảng ủy Công an thành phố"]
        .iter()
        .map(|u| i64::from(tree[u]))
        .collect();
    let base = "http://127.0.0.1:3000";
    let list =
        registration::invite(svc, &city_organiser, city_id, &InvitationRequest { deadline, unit_ids: invited }, base)
            .await?;
    let token =
        |unit: &str| list.invitations.iter().find(|i| i.unit == unit).map(|i| i.token.clone()).unwrap_or_default();
    let entries = [
        (
            "Phường Đức Xuân",
            "Đội phường Đức Xuân",
            "Dân vận khéo trong chỉnh trang đô thị",
            "economy",
            [
                ("Hà Thị Thu Trang", "captain", 1986, "female", "Tày", "Phó Bí thư Đảng ủy phường"),
                ("Nông Văn Toàn", "main", 1979, "male", "Tày", "Trưởng tổ dân phố"),
                ("Phạm Thị Hiền", "main", 1992, "female", "Kinh", "Chi hội trưởng phụ nữ"),
                ("Lý Văn Bằng", "reserve", 1995, "male", "Nùng", "Bí thư Đoàn phường"),
            ],
        ),
        (
            "Phường Sông Cầu",
            "Đội phường Sông Cầu",
            "Vận động nhân dân giữ gìn vệ sinh môi trường",
            "culture_society",
            [
                ("Đinh Thị Huệ", "captain", 1984, "female", "Tày", "Chủ tịch Ủy ban MTTQ phường"),
                ("Bàn Văn Quý", "main", 1975, "male", "Dao", "Trưởng tổ dân phố"),
                ("Trần Thị Mai", "main", 1990, "female", "Kinh", ""),
                ("Hoàng Văn Nam", "support", 2001, "male", "Tày", ""),
            ],
        ),
    ];
    for (unit, team, model, field, members) in entries {
        let body = json!({
            "team": {"name": team, "members": members.iter().map(|(n, r, y, g, e, p)| json!({
                "name": n, "role": r, "birth_year": y, "gender": g, "ethnicity": e, "position": p})).collect::<Vec<_>>()},
            "model": {"name": model, "field": field, "kind": "collective",
                      "summary": "Cấp ủy, chính quyền và Mặt trận phối hợp vận động nhân dân cùng bàn, cùng làm, cùng hưởng lợi."}
        });
        registration::save(svc, &token(unit), &body).await?;
        registration::submit(svc, &token(unit)).await?;
    }
    let returned = list.invitations.iter().find(|i| i.unit == "Phường Sông Cầu").map(|i| i.id as i32).unwrap_or(-1);
    let reason =
        "Đề nghị bổ sung năm sinh, chức vụ của thành viên thứ ba và thứ tư; tóm tắt mô hình nêu rõ kết quả đạt được.";
    let back = Decision { decision: "return".into(), reason: Some(reason.into()) };
    registration::decide(svc, &city_organiser, city_id, returned, &back, base).await?;
    Ok(vec![(CITY_CONTEST.to_string(), city_id), (DUONG_QUANG_CONTEST.to_string(), dq_id)])
}
