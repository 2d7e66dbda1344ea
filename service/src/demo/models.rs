//! The demo's register of models: a dozen models of Thành phố Bắc Kạn's
//! communes and wards this year and last, at every step of the chain, so
//! that the public register, a model's page and the statistics show
//! something on a first start.

use super::actor_of;
use super::season::Tree;
use crate::Services;
use crate::entity::model;
use crate::error::Result;
use crate::models::{self, step};
use kheo_domain::api::{ModelBody, ModelDetails};
use kheo_domain::models::ModelStatus;
use sea_orm::{EntityTrait, PaginatorTrait};

/// Unit, year, name, field, kind, owner, summary, how far along the chain.
type DemoModel = (&'static str, i32, &'static str, &'static str, &'static str, &'static str, &'static str, usize);

const MODELS: &[DemoModel] = &[
    (
        "Xã Nông Thượng",
        2026,
        "Dân vận khéo trong vận động nhân dân hiến đất làm đường giao thông nông thôn",
        "economy",
        "collective",
        "Chi bộ thôn Nà Vị",
        "Chi bộ họp dân, cán bộ đảng viên hiến đất trước; 42 hộ hiến 3.200 m² đất, làm 2,1 km đường bê tông.",
        4,
    ),
    (
        "Xã Nông Thượng",
        2026,
        "Tổ hợp tác trồng chè hàng hóa",
        "economy",
        "collective",
        "Hội Nông dân xã Nông Thượng",
        "Liên kết 28 hộ trồng chè theo tiêu chuẩn VietGAP, bao tiêu sản phẩm.",
        2,
    ),
    (
        "Xã Dương Quang",
        2026,
        "Camera an ninh — mắt thần khu dân cư",
        "defence_security",
        "collective",
        "Công an xã Dương Quang",
        "Vận động nhân dân góp kinh phí lắp 36 camera ở các ngõ, đường liên thôn.",
        3,
    ),
    (
        "Xã Dương Quang",
        2026,
        "Nữ cán bộ dân vận khéo gần dân, sát dân",
        "political_system",
        "individual",
        "Bà Hoàng Thị Hạnh, Chủ tịch Hội Liên hiệp Phụ nữ xã",
        "Đến từng hộ nắm tâm tư, hòa giải 14 vụ việc ngay tại cơ sở.",
        2,
    ),
    (
        "Phường Đức Xuân",
        2026,
        "Tuyến phố văn minh, không rác thải nhựa",
        "culture_society",
        "collective",
        "Tổ dân phố 7, phường Đức Xuân",
        "Phân loại rác tại nguồn, đổi chai nhựa lấy cây xanh.",
        1,
    ),
    (
        "Phường Sông Cầu",
        2026,
        "Bữa cơm có thịt cho học sinh bán trú",
        "culture_society",
        "collective",
        "Đoàn Thanh niên phường Sông Cầu",
        "Quyên góp thực phẩm hằng tuần cho 120 học sinh bán trú vùng cao.",
        2,
    ),
    (
        "Phường Huyền Tụng",
        2026,
        "Dân vận khéo trong giải phóng mặt bằng",
        "economy",
        "individual",
        "Ông Lục Văn Thành, Bí thư chi bộ tổ 5",
        "Gặp từng hộ, giải thích chính sách; 100% hộ bàn giao mặt bằng đúng hạn.",
        0,
    ),
    (
        "Đảng ủy Công an thành phố",
        2026,
        "Công an lắng nghe nhân dân nói",
        "defence_security",
        "collective",
        "Đảng ủy Công an thành phố",
        "Tiếp nhận phản ánh qua nhóm Zalo từng tổ dân phố, trả lời trong 24 giờ.",
        2,
    ),
    (
        "Xã Nông Thượng",
        2025,
        "Sân chơi cho trẻ em thôn bản",
        "culture_society",
        "collective",
        "Chi đoàn thôn Khuổi Kịt",
        "Thanh niên góp công, nhân dân góp vật liệu làm 3 sân chơi.",
        2,
    ),
    (
        "Xã Dương Quang",
        2025,
        "Hũ gạo tình thương",
        "culture_society",
        "collective",
        "Chi hội Phụ nữ thôn Nà Chuông",
        "Mỗi tháng mỗi hội viên góp một nắm gạo giúp hộ khó khăn.",
        3,
    ),
    (
        "Phường Đức Xuân",
        2025,
        "Tổ hòa giải giỏi",
        "political_system",
        "collective",
        "Tổ hòa giải tổ dân phố 2",
        "Hòa giải thành 95% vụ việc ngay tại cơ sở.",
        2,
    ),
];

/// Registers the demo's models once (none are added if any exist), each
/// moved along its chain by the city's organiser.
pub async fn load(svc: &Services, tree: &Tree) -> Result<usize> {
    let db = &svc.db;
    if model::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let (Ok(city), Some(city_unit)) = (actor_of(db, "bdv").await, tree.get("Thành phố Bắc Kạn").copied()) else {
        return Ok(0);
    };
    for (unit, year, name, field, kind, owner, summary, steps) in MODELS {
        let Some(unit_id) = tree.get(unit).copied() else { continue };
        let body = ModelBody {
            unit_id: i64::from(unit_id),
            year: *year,
            name: name.to_string(),
            field: field.to_string(),
            kind: kind.to_string(),
            owner: owner.to_string(),
            summary: summary.to_string(),
            details: Some(ModelDetails {
                area: Some(unit.to_string()),
                forces: Some(owner.to_string()),
                ..Default::default()
            }),
        };
        let valid = kheo_domain::models::validate(&body, 2026).map_err(crate::Error::Problem)?;
        let mut m = models::insert(db, &valid, unit, Some(&city), None).await?;
        let chain =
            [ModelStatus::Implementing, ModelStatus::Recognised, ModelStatus::Exemplary, ModelStatus::ProposedAward];
        for (i, to) in chain.iter().take(*steps).enumerate() {
            let decision = (*to != ModelStatus::Implementing).then(|| format!("Quyết định số {}-QĐ/BDVTU", 40 + i));
            m = step(db, m, *to, city_unit, Some(&city), &city.display_name, decision, None).await?;
        }
    }
    Ok(MODELS.len())
}
