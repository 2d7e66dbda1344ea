//! The words of the register of models: the public register, a model's
//! page, the organisers' register and the statistics' models; Vietnamese
//! first, English second.

use super::Lang;
use crate::contest::{ModelField, ModelKind};

impl Lang {
    /// The register's words in this language.
    pub fn models(self) -> &'static ModelTexts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The register's words in this language.
#[allow(missing_docs)]
#[derive(serde::Serialize)]
pub struct ModelTexts {
    pub nav: &'static str,
    pub register_title: &'static str,
    pub register_intro: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub field: &'static str,
    pub kind: &'static str,
    pub all_fields: &'static str,
    pub all_kinds: &'static str,
    pub status: &'static str,
    pub recognised_statuses: &'static str,
    pub all_statuses: &'static str,
    pub found: &'static str,
    pub shown_first: &'static str,
    pub none_found: &'static str,
    pub name: &'static str,
    pub owner: &'static str,
    pub summary: &'static str,
    pub recognised_by: &'static str,
    pub history: &'static str,
    pub decision: &'static str,
    pub presented_in: &'static str,
    pub back_to_register: &'static str,
    pub item_labels: [&'static str; 9],
    pub manage_title: &'static str,
    pub manage_intro: &'static str,
    pub form_title: &'static str,
    pub form_help: &'static str,
    pub register_button: &'static str,
    pub registered_ok: &'static str,
    pub unit_choice: &'static str,
    pub act: &'static str,
    pub decision_hint: &'static str,
    pub no_units: &'static str,
    pub stats_title: &'static str,
    pub by_field: &'static str,
    pub by_status: &'static str,
    pub by_level: &'static str,
    pub total: &'static str,
    pub year_before: &'static str,
    pub this_year: &'static str,
    pub record_title: &'static str,
    pub record: &'static str,
    pub threshold: &'static str,
    pub reached: &'static str,
    pub not_reached: &'static str,
    pub council_choice: &'static str,
    pub council_help: &'static str,
    pub report_xlsx: &'static str,
}

impl ModelTexts {
    /// A field's name.
    pub fn field(&self, f: ModelField) -> &'static str {
        let vi = std::ptr::eq(self, &VI);
        match f {
            ModelField::Economy if vi => "Kinh tế",
            ModelField::Economy => "Economy",
            ModelField::CultureSociety if vi => "Văn hóa - Xã hội",
            ModelField::CultureSociety => "Culture and society",
            ModelField::DefenceSecurity if vi => "Quốc phòng - An ninh",
            ModelField::DefenceSecurity => "Defence and security",
            ModelField::PoliticalSystem if vi => "Xây dựng hệ thống chính trị",
            ModelField::PoliticalSystem => "Building the political system",
        }
    }

    /// Collective or individual.
    pub fn kind(&self, k: ModelKind) -> &'static str {
        let vi = std::ptr::eq(self, &VI);
        match k {
            ModelKind::Collective if vi => "Tập thể",
            ModelKind::Collective => "Collective",
            ModelKind::Individual if vi => "Cá nhân",
            ModelKind::Individual => "Individual",
        }
    }
}

static VI: ModelTexts = ModelTexts {
    nav: "Mô hình",
    register_title: "Sổ mô hình “Dân vận khéo”",
    register_intro: "Các mô hình “Dân vận khéo” đã được công nhận. Tìm theo tên mô hình, chủ thể hoặc đơn vị — gõ có dấu hay không dấu đều được.",
    search: "Tìm mô hình",
    search_hint: "ví dụ: hien dat lam duong",
    field: "Lĩnh vực",
    kind: "Loại",
    all_fields: "Mọi lĩnh vực",
    all_kinds: "Tập thể và cá nhân",
    status: "Trạng thái",
    recognised_statuses: "Đã được công nhận",
    all_statuses: "Mọi trạng thái",
    found: "mô hình",
    shown_first: "Đang hiện 200 mô hình đầu tiên; thu hẹp bộ lọc để xem các mô hình khác.",
    none_found: "Không có mô hình nào khớp bộ lọc.",
    name: "Tên mô hình",
    owner: "Chủ thể thực hiện",
    summary: "Tóm tắt",
    recognised_by: "Công nhận bởi",
    history: "Quá trình",
    decision: "Quyết định",
    presented_in: "Đã trình bày tại hội thi",
    back_to_register: "← Sổ mô hình",
    item_labels: [
        "Thực trạng, lý do xây dựng mô hình",
        "Mục tiêu, tiêu chí",
        "Nội dung, cách thức thực hiện",
        "Địa bàn, đối tượng",
        "Lực lượng thực hiện",
        "Nguồn lực",
        "Thời gian thực hiện",
        "Sản phẩm đầu ra",
        "Khả năng duy trì, nhân rộng",
    ],
    manage_title: "Đăng ký và công nhận mô hình",
    manage_intro: "Mô hình của đơn vị mình và các đơn vị trực thuộc: đăng ký, theo dõi triển khai, công nhận, chọn điển hình, đề nghị khen thưởng.",
    form_title: "Đăng ký mô hình mới",
    form_help: "Các mục có dấu * là bắt buộc; các mục khác điền theo mẫu đăng ký mô hình của đơn vị.",
    register_button: "Đăng ký mô hình",
    registered_ok: "Đã đăng ký mô hình",
    unit_choice: "Đơn vị",
    act: "Chuyển bước",
    decision_hint: "Số quyết định (nếu có)",
    no_units: "Tài khoản chưa gắn với đơn vị nào nên chưa đăng ký được mô hình. Nhờ quản trị viên gắn đơn vị cho tài khoản.",
    stats_title: "Mô hình “Dân vận khéo”",
    by_field: "Theo lĩnh vực",
    by_status: "Theo trạng thái",
    by_level: "Theo cấp công nhận",
    total: "Tổng số",
    year_before: "Năm trước",
    this_year: "Năm nay",
    record_title: "BIÊN BẢN XÉT CÔNG NHẬN MÔ HÌNH “DÂN VẬN KHÉO”",
    record: "Biên bản xét công nhận mô hình",
    threshold: "Ngưỡng công nhận",
    reached: "Đạt — công nhận",
    not_reached: "Chưa đạt",
    council_choice: "Hội đồng xét công nhận mô hình",
    council_help: "Các “đội” là mô hình trong sổ; mô hình đạt từ ngưỡng điểm trở lên được công nhận khi công bố kết quả.",
    report_xlsx: "Biểu thống kê mô hình (.xlsx)",
};

static EN: ModelTexts = ModelTexts {
    nav: "Models",
    register_title: "Register of “Dân vận khéo” models",
    register_intro: "Recognised “Dân vận khéo” models. Search by name, owner or unit — with or without accents.",
    search: "Find a model",
    search_hint: "e.g. hien dat lam duong",
    field: "Field",
    kind: "Kind",
    all_fields: "Every field",
    all_kinds: "Collective and individual",
    status: "Status",
    recognised_statuses: "Recognised",
    all_statuses: "Every status",
    found: "models",
    shown_first: "Showing the first 200 models; narrow the filters to see the others.",
    none_found: "No model matches these filters.",
    name: "Model",
    owner: "Carried out by",
    summary: "Summary",
    recognised_by: "Recognised by",
    history: "History",
    decision: "Decision",
    presented_in: "Presented at",
    back_to_register: "← Register of models",
    item_labels: [
        "Situation and reasons",
        "Goals and criteria",
        "Content and methods",
        "Area and people reached",
        "Who carries it out",
        "Resources",
        "Timeline",
        "Outputs",
        "How it lasts and spreads",
    ],
    manage_title: "Registering and recognising models",
    manage_intro: "Models of your unit and the units under it: register, follow, recognise, choose exemplary ones, propose awards.",
    form_title: "Register a new model",
    form_help: "Items marked * are required; fill in the others as your unit's form asks.",
    register_button: "Register the model",
    registered_ok: "Model registered",
    unit_choice: "Unit",
    act: "Move on",
    decision_hint: "Decision number (if any)",
    no_units: "This account belongs to no unit, so it cannot register models. Ask an administrator to set its unit.",
    stats_title: "“Dân vận khéo” models",
    by_field: "By field",
    by_status: "By status",
    by_level: "By level of recognition",
    total: "Total",
    year_before: "Year before",
    this_year: "This year",
    record_title: "RECORD OF THE RECOGNITION OF “DÂN VẬN KHÉO” MODELS",
    record: "Record of recognition",
    threshold: "Recognition threshold",
    reached: "Reached — recognised",
    not_reached: "Not reached",
    council_choice: "Recognition council",
    council_help: "Its “teams” are models from the register; those at or above the threshold are recognised when the results are published.",
    report_xlsx: "Models report (.xlsx)",
};
