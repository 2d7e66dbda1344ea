//! The one catalogue of words: Vietnamese first, English second.
//!
//! Pages take their text from [`Texts`]; errors that reach a person take
//! theirs from [`Problem::message`]. A text added to one language and not
//! the other does not compile.

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and cookies.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `vi`, `en-US`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks a language from an `Accept-Language` header: English only when
    /// the client prefers it to Vietnamese; Vietnamese otherwise.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(Lang, u32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else { continue };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .map_or(1000, |q| (q.clamp(0.0, 1.0) * 1000.0) as u32);
            if best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map_or(Lang::Vi, |(l, _)| l)
    }

    /// The interface texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The words of every page.
#[allow(missing_docs)]
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub nav_contests: &'static str,
    pub nav_sign_in: &'static str,
    pub nav_sign_out: &'static str,
    pub nav_manage: &'static str,
    pub nav_judging: &'static str,
    pub other_language: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub contests_title: &'static str,
    pub contests_empty: &'static str,
    pub level: &'static str,
    pub level_commune: &'static str,
    pub level_district: &'static str,
    pub level_province: &'static str,
    pub unit: &'static str,
    pub year: &'static str,
    pub date: &'static str,
    pub venue: &'static str,
    pub leaderboard: &'static str,
    pub rank: &'static str,
    pub team: &'static str,
    pub total: &'static str,
    pub round: &'static str,
    pub round_draft: &'static str,
    pub round_open: &'static str,
    pub round_locked: &'static str,
    pub round_published: &'static str,
    pub not_yet: &'static str,
    pub live: &'static str,
    pub reconnecting: &'static str,
    pub scan_to_follow: &'static str,
    pub fullscreen: &'static str,
    pub page_word: &'static str,
    pub points_word: &'static str,
    pub projector_mode: &'static str,
    pub overlay_mode: &'static str,
    pub audience_views: &'static str,
    pub filter_all_levels: &'static str,
    pub filter_all_years: &'static str,
    pub filter_all_units: &'static str,
    pub filter_button: &'static str,
    pub marks_complete: &'static str,
    pub teams: &'static str,
    pub judges: &'static str,
    pub sign_in_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in_button: &'static str,
    pub signed_in_as: &'static str,
    pub role_admin: &'static str,
    pub role_organiser: &'static str,
    pub role_judge: &'static str,
    pub not_found_title: &'static str,
    pub back_home: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub judge_desk: &'static str,
    pub offline_short: &'static str,
    pub on_stage: &'static str,
    pub go_to_stage: &'static str,
    pub max_points: &'static str,
    pub submit_marks: &'static str,
    pub amend_marks: &'static str,
    pub sent: &'static str,
    pub not_sent: &'static str,
    pub sending: &'static str,
    pub offline: &'static str,
    pub online: &'static str,
    pub pending_count: &'static str,
    pub round_closed_note: &'static str,
    pub scored: &'static str,
    pub choose_team: &'static str,
    pub saved_ok: &'static str,
    pub fix_errors: &'static str,
    pub pass_title: &'static str,
    pub pass_intro: &'static str,
    pub pin: &'static str,
    pub manage_title: &'static str,
    pub setup_title: &'static str,
    pub setup_link: &'static str,
    pub new_contest: &'static str,
    pub new_contest_intro: &'static str,
    pub create_button: &'static str,
    pub contest_name: &'static str,
    pub general_info: &'static str,
    pub aggregation_label: &'static str,
    pub aggregation_mean: &'static str,
    pub aggregation_trimmed: &'static str,
    pub tie_break_label: &'static str,
    pub rounds_title: &'static str,
    pub round_name: &'static str,
    pub round_kind: &'static str,
    pub kind_judged: &'static str,
    pub kind_quiz: &'static str,
    pub time_limit_minutes: &'static str,
    pub score_step: &'static str,
    pub overtime_per_minute: &'static str,
    pub overtime_grace: &'static str,
    pub criteria_title: &'static str,
    pub criterion_name: &'static str,
    pub add_criterion: &'static str,
    pub questions_title: &'static str,
    pub question_prompt: &'static str,
    pub question_options: &'static str,
    pub question_answer: &'static str,
    pub question_points: &'static str,
    pub add_question: &'static str,
    pub add_round: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub teams_title: &'static str,
    pub team_unit: &'static str,
    pub model_name: &'static str,
    pub model_field: &'static str,
    pub captain: &'static str,
    pub members_lines: &'static str,
    pub add_team: &'static str,
    pub import_title: &'static str,
    pub import_button: &'static str,
    pub download_template: &'static str,
    pub imported_teams: &'static str,
    pub import_faults: &'static str,
    pub line_word: &'static str,
    pub column_word: &'static str,
    pub draw_order: &'static str,
    pub draw_save_first: &'static str,
    pub drawn_note: &'static str,
    pub panel_title: &'static str,
    pub chair: &'static str,
    pub add_judge: &'static str,
    pub choose_judge: &'static str,
    pub save_changes: &'static str,
    pub saved: &'static str,
    pub unsaved: &'static str,
    pub setup_locked: &'static str,
    pub quiz_right: &'static str,
    pub quiz_wrong: &'static str,
    pub question_short: &'static str,
    pub quiz_help: &'static str,
    pub no_field: &'static str,
    pub my_contests: &'static str,
    pub board_title: &'static str,
    pub open_round: &'static str,
    pub lock_round: &'static str,
    pub reopen_round: &'static str,
    pub publish_round: &'static str,
    pub set_on_stage: &'static str,
    pub judge_passes: &'static str,
    pub issue_passes: &'static str,
    pub revoke: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub print: &'static str,
    pub complete: &'static str,
    pub waiting: &'static str,
    pub audit_title: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_what: &'static str,
    pub audit_before: &'static str,
    pub audit_after: &'static str,
    pub audit_session: &'static str,
    pub audit_empty: &'static str,
    pub audit_sheet_submit: &'static str,
    pub audit_sheet_amend: &'static str,
    pub audit_round_state: &'static str,
    pub audit_round_reopen: &'static str,
    pub audit_overtime: &'static str,
    pub audit_stage: &'static str,
    pub audit_stage_empty: &'static str,
    pub audit_quiz_mark: &'static str,
    pub audit_unmarked: &'static str,
    pub audit_pass_issue: &'static str,
    pub audit_pass_revoke: &'static str,
    pub audit_draw: &'static str,
    pub audit_contest_create: &'static str,
    pub audit_contest_update: &'static str,
    pub audit_other: &'static str,
    pub seconds_unit: &'static str,
    pub view_leaderboard: &'static str,
    pub state: &'static str,
    pub actions: &'static str,
}

static VI: Texts = Texts {
    app_name: "Khéo",
    tagline: "Hội thi “Dân vận khéo”",
    nav_contests: "Hội thi",
    nav_sign_in: "Đăng nhập",
    nav_sign_out: "Đăng xuất",
    nav_manage: "Ban tổ chức",
    nav_judging: "Chấm điểm",
    other_language: "English",
    home_title: "Hội thi “Dân vận khéo”",
    home_intro: "Theo dõi kết quả các hội thi cấp xã, huyện, tỉnh: bảng xếp hạng cập nhật ngay khi giám khảo gửi điểm.",
    contests_title: "Các hội thi",
    contests_empty: "Chưa có hội thi nào.",
    level: "Cấp",
    level_commune: "Cấp xã",
    level_district: "Cấp huyện",
    level_province: "Cấp tỉnh",
    unit: "Đơn vị",
    year: "Năm",
    date: "Ngày thi",
    venue: "Địa điểm",
    leaderboard: "Bảng xếp hạng",
    rank: "Hạng",
    team: "Đội thi",
    total: "Tổng điểm",
    round: "Phần thi",
    round_draft: "Chưa mở",
    round_open: "Đang thi",
    round_locked: "Đã khóa",
    round_published: "Đã công bố",
    not_yet: "—",
    live: "Trực tiếp",
    reconnecting: "Đang kết nối lại…",
    scan_to_follow: "Quét mã để theo dõi trên điện thoại",
    fullscreen: "Toàn màn hình",
    page_word: "Trang",
    points_word: "điểm",
    projector_mode: "Màn chiếu hội trường",
    overlay_mode: "Lớp phủ livestream",
    audience_views: "Màn hình cho khán giả",
    filter_all_levels: "Mọi cấp",
    filter_all_years: "Mọi năm",
    filter_all_units: "Mọi đơn vị",
    filter_button: "Lọc",
    marks_complete: "Đã đủ điểm",
    teams: "Đội thi",
    judges: "Ban giám khảo",
    sign_in_title: "Đăng nhập",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    sign_in_button: "Đăng nhập",
    signed_in_as: "Đang đăng nhập:",
    role_admin: "Quản trị",
    role_organiser: "Ban tổ chức",
    role_judge: "Giám khảo",
    not_found_title: "Không tìm thấy trang",
    back_home: "Về trang chủ",
    loading: "Đang tải…",
    error_title: "Có lỗi xảy ra",
    judge_desk: "Phiếu chấm điểm",
    offline_short: "Mất kết nối",
    on_stage: "Đang thi",
    go_to_stage: "Chuyển tới đội đang thi",
    max_points: "tối đa",
    submit_marks: "Gửi điểm",
    amend_marks: "Gửi lại điểm đã sửa",
    sent: "Đã gửi",
    not_sent: "Chưa gửi",
    sending: "Đang gửi…",
    offline: "Mất kết nối — điểm được lưu trên máy và sẽ tự gửi khi có mạng",
    online: "Đã kết nối",
    pending_count: "phiếu chưa gửi",
    round_closed_note: "Phần thi không mở: chỉ xem, không sửa được điểm.",
    scored: "Đã chấm",
    choose_team: "Chọn đội thi",
    saved_ok: "Đã gửi điểm thành công.",
    fix_errors: "Vui lòng sửa các ô điểm được đánh dấu.",
    pass_title: "Đăng nhập giám khảo",
    pass_intro: "Nhập mã PIN 6 số Ban tổ chức đã đưa cho bạn.",
    pin: "Mã PIN",
    manage_title: "Điều hành hội thi",
    setup_title: "Thiết lập hội thi",
    setup_link: "Thiết lập hội thi",
    new_contest: "Tạo hội thi mới",
    new_contest_intro: "Hội thi được tạo theo thể thức thường dùng: chào hỏi, kiến thức, tiểu phẩm “Dân vận khéo”, xử lý tình huống. Mọi phần thi, tiêu chí và điểm tối đa đều sửa được sau đó.",
    create_button: "Tạo hội thi",
    contest_name: "Tên hội thi",
    general_info: "Thông tin chung",
    aggregation_label: "Điểm phần thi của một đội",
    aggregation_mean: "Trung bình cộng điểm các giám khảo",
    aggregation_trimmed: "Bỏ một điểm cao nhất và một thấp nhất rồi lấy trung bình (từ 5 giám khảo)",
    tie_break_label: "Khi bằng điểm, xét điểm phần thi (theo thứ tự chọn)",
    rounds_title: "Các phần thi",
    round_name: "Tên phần thi",
    round_kind: "Hình thức chấm",
    kind_judged: "Ban giám khảo chấm theo tiêu chí",
    kind_quiz: "Trắc nghiệm: thư ký chấm đúng/sai theo đáp án",
    time_limit_minutes: "Thời gian (phút)",
    score_step: "Bước điểm",
    overtime_per_minute: "Trừ mỗi phút quá giờ",
    overtime_grace: "Cho phép quá (giây)",
    criteria_title: "Tiêu chí chấm",
    criterion_name: "Tiêu chí",
    add_criterion: "+ Thêm tiêu chí",
    questions_title: "Ngân hàng câu hỏi",
    question_prompt: "Câu hỏi",
    question_options: "Phương án (mỗi dòng một phương án; để trống nếu trả lời ngắn)",
    question_answer: "Đáp án",
    question_points: "Điểm",
    add_question: "+ Thêm câu hỏi",
    add_round: "+ Thêm phần thi",
    move_up: "Lên",
    move_down: "Xuống",
    remove: "Xóa",
    teams_title: "Đội thi và thứ tự thi",
    team_unit: "Đơn vị",
    model_name: "Mô hình “Dân vận khéo”",
    model_field: "Lĩnh vực",
    captain: "Đội trưởng",
    members_lines: "Thành viên (mỗi dòng một người; thêm “(dự bị)” hoặc “(hỗ trợ)” nếu có)",
    add_team: "+ Thêm đội",
    import_title: "Nhập đội thi từ tệp Excel (.xlsx) hoặc CSV",
    import_button: "Nhập từ tệp",
    download_template: "Tải tệp mẫu",
    imported_teams: "Đã nhập thêm số đội:",
    import_faults: "Tệp có lỗi nên chưa nhập đội nào:",
    line_word: "Dòng",
    column_word: "Cột",
    draw_order: "Bốc thăm thứ tự thi",
    draw_save_first: "Lưu thay đổi trước khi bốc thăm.",
    drawn_note: "Đã bốc thăm; kết quả được ghi vào nhật ký.",
    panel_title: "Ban giám khảo",
    chair: "Trưởng ban",
    add_judge: "+ Thêm giám khảo",
    choose_judge: "— chọn giám khảo —",
    save_changes: "Lưu thay đổi",
    saved: "Đã lưu.",
    unsaved: "Có thay đổi chưa lưu.",
    setup_locked: "Hội thi đã bắt đầu: phần thi, đội thi, ban giám khảo và thứ tự thi không còn sửa được.",
    quiz_right: "Đúng",
    quiz_wrong: "Sai",
    question_short: "Câu",
    quiz_help: "Bấm Đúng hoặc Sai cho câu trả lời của từng đội; bấm lại để bỏ. Điểm phần thi cập nhật ngay trên bảng xếp hạng.",
    no_field: "— chưa chọn —",
    my_contests: "Hội thi của tôi",
    board_title: "Bảng theo dõi của thư ký",
    open_round: "Mở phần thi",
    lock_round: "Khóa phần thi",
    reopen_round: "Mở lại phần thi",
    publish_round: "Công bố kết quả",
    set_on_stage: "Mời lên sân khấu",
    judge_passes: "Mã đăng nhập giám khảo",
    issue_passes: "Tạo mã mới cho cả Ban giám khảo",
    revoke: "Thu hồi",
    active: "Còn hiệu lực",
    inactive: "Chưa có / đã thu hồi",
    print: "In",
    complete: "Đủ điểm",
    waiting: "Chờ",
    audit_title: "Nhật ký thay đổi",
    audit_when: "Thời gian",
    audit_who: "Người thực hiện",
    audit_what: "Thao tác",
    audit_before: "Trước",
    audit_after: "Sau",
    audit_session: "phiên",
    audit_empty: "Chưa có thay đổi nào.",
    audit_sheet_submit: "Gửi phiếu chấm",
    audit_sheet_amend: "Sửa phiếu chấm",
    audit_round_state: "Đổi trạng thái phần thi",
    audit_round_reopen: "Mở lại phần thi",
    audit_overtime: "Ghi thời gian quá giờ",
    audit_stage: "Mời đội lên sân khấu",
    audit_stage_empty: "(không đội nào)",
    audit_quiz_mark: "Chấm câu trả lời",
    audit_unmarked: "chưa chấm",
    audit_pass_issue: "Cấp thẻ chấm điểm",
    audit_pass_revoke: "Thu hồi thẻ chấm điểm",
    audit_draw: "Bốc thăm thứ tự thi",
    audit_contest_create: "Tạo hội thi",
    audit_contest_update: "Sửa thiết lập hội thi",
    audit_other: "Thay đổi khác",
    seconds_unit: "giây",
    view_leaderboard: "Xem bảng xếp hạng",
    state: "Trạng thái",
    actions: "Thao tác",
};

static EN: Texts = Texts {
    app_name: "Khéo",
    tagline: "“Skilled mass mobilisation” contests",
    nav_contests: "Contests",
    nav_sign_in: "Sign in",
    nav_sign_out: "Sign out",
    nav_manage: "Organisers",
    nav_judging: "Judging",
    other_language: "Tiếng Việt",
    home_title: "“Dân vận khéo” contests",
    home_intro: "Follow commune, district and province contests: the leaderboard updates as soon as the judges submit their marks.",
    contests_title: "Contests",
    contests_empty: "No contests yet.",
    level: "Level",
    level_commune: "Commune",
    level_district: "District",
    level_province: "Province",
    unit: "Unit",
    year: "Year",
    date: "Date",
    venue: "Venue",
    leaderboard: "Leaderboard",
    rank: "Rank",
    team: "Team",
    total: "Total",
    round: "Round",
    round_draft: "Not open",
    round_open: "In progress",
    round_locked: "Locked",
    round_published: "Published",
    not_yet: "—",
    live: "Live",
    reconnecting: "Reconnecting…",
    scan_to_follow: "Scan to follow on your phone",
    fullscreen: "Full screen",
    page_word: "Page",
    points_word: "points",
    projector_mode: "Hall projector",
    overlay_mode: "Livestream overlay",
    audience_views: "Audience screens",
    filter_all_levels: "All levels",
    filter_all_years: "All years",
    filter_all_units: "All units",
    filter_button: "Filter",
    marks_complete: "Marks complete",
    teams: "Teams",
    judges: "Jury",
    sign_in_title: "Sign in",
    username: "Username",
    password: "Password",
    sign_in_button: "Sign in",
    signed_in_as: "Signed in as",
    role_admin: "Administrator",
    role_organiser: "Organiser",
    role_judge: "Judge",
    not_found_title: "Page not found",
    back_home: "Back to the home page",
    loading: "Loading…",
    error_title: "Something went wrong",
    judge_desk: "Score sheet",
    offline_short: "Offline",
    on_stage: "On stage",
    go_to_stage: "Go to the team on stage",
    max_points: "max",
    submit_marks: "Submit marks",
    amend_marks: "Submit amended marks",
    sent: "Sent",
    not_sent: "Not sent",
    sending: "Sending…",
    offline: "Offline — marks are kept on this device and sent when the network returns",
    online: "Online",
    pending_count: "sheets not sent",
    round_closed_note: "The round is not open: marks are read-only.",
    scored: "Scored",
    choose_team: "Choose a team",
    saved_ok: "Marks submitted.",
    fix_errors: "Please correct the marked fields.",
    pass_title: "Judge sign-in",
    pass_intro: "Enter the 6-digit PIN the organisers gave you.",
    pin: "PIN",
    manage_title: "Run the contest",
    setup_title: "Contest set-up",
    setup_link: "Set up the contest",
    new_contest: "New contest",
    new_contest_intro: "The contest starts from the usual format: greeting, knowledge quiz, “Dân vận khéo” sketch, situation handling. Every round, criterion and maximum can be changed afterwards.",
    create_button: "Create the contest",
    contest_name: "Contest name",
    general_info: "General",
    aggregation_label: "A team's round score",
    aggregation_mean: "Mean of the judges' totals",
    aggregation_trimmed: "Drop the highest and the lowest, then the mean (5 judges or more)",
    tie_break_label: "Ties are broken by the score of (in the order ticked)",
    rounds_title: "Rounds",
    round_name: "Round name",
    round_kind: "Scored by",
    kind_judged: "The panel, against criteria",
    kind_quiz: "Quiz: the secretary marks right or wrong",
    time_limit_minutes: "Time limit (minutes)",
    score_step: "Score step",
    overtime_per_minute: "Deducted per started minute over",
    overtime_grace: "Seconds forgiven",
    criteria_title: "Criteria",
    criterion_name: "Criterion",
    add_criterion: "+ Add a criterion",
    questions_title: "Question bank",
    question_prompt: "Question",
    question_options: "Choices (one per line; empty for a short answer)",
    question_answer: "Answer",
    question_points: "Points",
    add_question: "+ Add a question",
    add_round: "+ Add a round",
    move_up: "Up",
    move_down: "Down",
    remove: "Remove",
    teams_title: "Teams and running order",
    team_unit: "Unit",
    model_name: "“Dân vận khéo” model",
    model_field: "Field",
    captain: "Captain",
    members_lines: "Members (one per line; add “(dự bị)” for a reserve, “(hỗ trợ)” for support)",
    add_team: "+ Add a team",
    import_title: "Import teams from Excel (.xlsx) or CSV",
    import_button: "Import",
    download_template: "Download the template",
    imported_teams: "Teams added:",
    import_faults: "The file has errors, so no team was added:",
    line_word: "Line",
    column_word: "Column",
    draw_order: "Draw the running order",
    draw_save_first: "Save your changes before the draw.",
    drawn_note: "Drawn; the result is recorded in the audit log.",
    panel_title: "Judging panel",
    chair: "Chair",
    add_judge: "+ Add a judge",
    choose_judge: "— choose a judge —",
    save_changes: "Save changes",
    saved: "Saved.",
    unsaved: "Unsaved changes.",
    setup_locked: "The contest has begun: rounds, teams, panel and running order are fixed.",
    quiz_right: "Right",
    quiz_wrong: "Wrong",
    question_short: "Q",
    quiz_help: "Mark each team's answer Right or Wrong; press again to clear. The round score follows on the leaderboard at once.",
    no_field: "— none —",
    my_contests: "My contests",
    board_title: "Secretary's board",
    open_round: "Open round",
    lock_round: "Lock round",
    reopen_round: "Reopen round",
    publish_round: "Publish results",
    set_on_stage: "Call on stage",
    judge_passes: "Judge passes",
    issue_passes: "Issue new passes for the whole jury",
    revoke: "Revoke",
    active: "Active",
    inactive: "None / revoked",
    print: "Print",
    complete: "Complete",
    waiting: "Waiting",
    audit_title: "Change log",
    audit_when: "Time",
    audit_who: "By",
    audit_what: "Action",
    audit_before: "Before",
    audit_after: "After",
    audit_session: "session",
    audit_empty: "No changes yet.",
    audit_sheet_submit: "Sheet sent",
    audit_sheet_amend: "Sheet amended",
    audit_round_state: "Round state changed",
    audit_round_reopen: "Round reopened",
    audit_overtime: "Over time recorded",
    audit_stage: "Team called on stage",
    audit_stage_empty: "(no team)",
    audit_quiz_mark: "Answer marked",
    audit_unmarked: "not marked",
    audit_pass_issue: "Judge pass issued",
    audit_pass_revoke: "Judge pass revoked",
    audit_draw: "Running order drawn",
    audit_contest_create: "Contest created",
    audit_contest_update: "Contest set-up changed",
    audit_other: "Other change",
    seconds_unit: "s",
    view_leaderboard: "View leaderboard",
    state: "State",
    actions: "Actions",
};

/// Everything that can go wrong for a person, with its stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Wrong user name or password.
    InvalidCredentials,
    /// Too many failed sign-ins; wait this many seconds.
    TooManyAttempts { retry_after_secs: u64 },
    /// Signing in is needed.
    NotSignedIn,
    /// Signed in, but not allowed to do this to this object.
    Forbidden,
    /// A judge acting on a contest whose panel he is not on.
    NotOnPanel,
    /// The named thing does not exist (or is not visible to this user).
    NotFound { what: String },
    /// The user name exists already.
    UsernameTaken,
    /// The password fails the policy.
    WeakPassword,
    /// A field is missing or wrong.
    InvalidField {
        /// The field's path, e.g. `rounds[1].criteria[0].max_points`.
        field: String,
        /// What is wrong with it.
        fault: FieldFault,
    },
    /// A score is out of range, badly written or missing.
    InvalidScore {
        /// The criterion's name (or the unknown key sent).
        criterion: String,
        /// The criterion's id, when it exists, for the page to mark the field.
        criterion_id: Option<i64>,
        /// What is wrong.
        fault: ScoreFault,
    },
    /// The round does not accept marks now.
    RoundNotOpen,
    /// The contest has begun: its rounds, teams and panel are fixed.
    ContestStarted,
    /// A round cannot move between these states.
    InvalidTransition { from: String, to: String },
    /// The request body is not JSON.
    UnsupportedMediaType,
    /// The request body is not valid JSON of the expected shape.
    MalformedBody { detail: String },
    /// A request from another site.
    CrossSite,
    /// Something failed on our side; details are in the server log.
    Internal,
}

impl Problem {
    /// The stable snake_case code of the contract.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::InvalidCredentials => "invalid_credentials",
            Problem::TooManyAttempts { .. } => "too_many_attempts",
            Problem::NotSignedIn => "not_signed_in",
            Problem::Forbidden => "forbidden",
            Problem::NotOnPanel => "not_on_panel",
            Problem::NotFound { .. } => "not_found",
            Problem::UsernameTaken => "username_taken",
            Problem::WeakPassword => "weak_password",
            Problem::InvalidField { .. } => "invalid_field",
            Problem::InvalidScore { .. } => "invalid_score",
            Problem::RoundNotOpen => "round_not_open",
            Problem::ContestStarted => "contest_started",
            Problem::InvalidTransition { .. } => "invalid_transition",
            Problem::UnsupportedMediaType => "unsupported_media_type",
            Problem::MalformedBody { .. } => "malformed_body",
            Problem::CrossSite => "cross_site_request",
            Problem::Internal => "internal_error",
        }
    }

    /// The HTTP status the contract gives this problem.
    pub fn status(&self) -> u16 {
        match self {
            Problem::InvalidCredentials | Problem::NotSignedIn => 401,
            Problem::Forbidden | Problem::NotOnPanel | Problem::CrossSite => 403,
            Problem::NotFound { .. } => 404,
            Problem::UsernameTaken
            | Problem::RoundNotOpen
            | Problem::ContestStarted
            | Problem::InvalidTransition { .. } => 409,
            Problem::UnsupportedMediaType => 415,
            Problem::WeakPassword
            | Problem::InvalidField { .. }
            | Problem::InvalidScore { .. }
            | Problem::MalformedBody { .. } => 422,
            Problem::TooManyAttempts { .. } => 429,
            Problem::Internal => 500,
        }
    }

    /// A sentence for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        let vi = lang == Lang::Vi;
        match self {
            InvalidCredentials if vi => "Tên đăng nhập hoặc mật khẩu không đúng.".into(),
            InvalidCredentials => "Wrong username or password.".into(),
            TooManyAttempts { retry_after_secs: s } if vi => {
                format!("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {s} giây.")
            }
            TooManyAttempts { retry_after_secs: s } => format!("Too many failed sign-ins. Try again in {s} seconds."),
            NotSignedIn if vi => "Bạn cần đăng nhập để làm việc này.".into(),
            NotSignedIn => "Please sign in first.".into(),
            Forbidden if vi => "Bạn không có quyền thực hiện thao tác này.".into(),
            Forbidden => "You are not allowed to do this.".into(),
            NotOnPanel if vi => "Bạn không có tên trong Ban giám khảo của hội thi này.".into(),
            NotOnPanel => "You are not on this contest's jury.".into(),
            NotFound { what } if vi => format!("Không tìm thấy {}.", what_vi(what)),
            NotFound { what } => format!("No such {what}."),
            UsernameTaken if vi => "Tên đăng nhập này đã có người dùng.".into(),
            UsernameTaken => "This username is taken.".into(),
            WeakPassword if vi => format!(
                "Mật khẩu quá yếu: cần ít nhất {} ký tự, khác tên đăng nhập và không phải mật khẩu phổ biến.",
                crate::user::MIN_PASSWORD_CHARS
            ),
            WeakPassword => format!(
                "Password too weak: at least {} characters, not the username, not a common password.",
                crate::user::MIN_PASSWORD_CHARS
            ),
            InvalidField { field, fault } if vi => format!("Trường “{field}” không hợp lệ: {}", fault.message(lang)),
            InvalidField { field, fault } => format!("Field “{field}” is invalid: {}", fault.message(lang)),
            InvalidScore { criterion, fault, .. } if vi => {
                format!("Điểm tiêu chí “{criterion}” không hợp lệ: {}", fault.message(lang))
            }
            InvalidScore { criterion, fault, .. } => {
                format!("Score for criterion “{criterion}” is invalid: {}", fault.message(lang))
            }
            RoundNotOpen if vi => "Phần thi này chưa mở hoặc đã khóa: không nhận điểm.".into(),
            RoundNotOpen => "This round is not open: marks are not accepted.".into(),
            ContestStarted if vi => {
                "Hội thi đã bắt đầu (có phần thi đã mở): không thay đổi được phần thi, đội thi, ban giám khảo hay thứ tự thi.".into()
            }
            ContestStarted => "The contest has begun (a round has been opened): its rounds, teams, panel and running order are fixed.".into(),
            InvalidTransition { from, to } if vi => {
                format!("Không thể chuyển phần thi từ trạng thái “{from}” sang “{to}”.")
            }
            InvalidTransition { from, to } => format!("A round cannot go from “{from}” to “{to}”."),
            UnsupportedMediaType if vi => "Yêu cầu phải gửi dữ liệu JSON (Content-Type: application/json).".into(),
            UnsupportedMediaType => "The request must send JSON (Content-Type: application/json).".into(),
            MalformedBody { detail } if vi => format!("Dữ liệu gửi lên không đúng định dạng: {detail}"),
            MalformedBody { detail } => format!("The request body is malformed: {detail}"),
            CrossSite if vi => "Yêu cầu từ trang web khác bị từ chối.".into(),
            CrossSite => "Cross-site request refused.".into(),
            Internal if vi => "Có lỗi ở máy chủ. Vui lòng thử lại.".into(),
            Internal => "Server error. Please try again.".into(),
        }
    }
}

/// What is wrong with a field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldFault {
    /// Empty.
    Empty,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not one of the allowed words.
    OneOf { allowed: Vec<String> },
    /// Not a date `YYYY-MM-DD`.
    Date,
    /// Not a decimal number.
    NotANumber,
    /// More than two decimals.
    TooManyDecimals,
    /// Zero or below where a positive value is needed.
    NotPositive,
    /// Absurdly large.
    TooLarge,
    /// A contest needs at least one round.
    NoRounds,
    /// A judged round needs at least one criterion.
    NoCriteria,
    /// A maximum that the step does not divide.
    MaxNotOnStep,
    /// Not the index of a round.
    NoSuchRound,
    /// A round named twice.
    RepeatedRound,
    /// Two teams with one name.
    DuplicateTeam { name: String },
    /// A judge named twice.
    DuplicateJudge { name: String },
    /// More than one chair.
    OneChair,
    /// Too few judges for the chosen aggregation.
    TooFewJudges { need: usize, have: usize },
    /// No account of that name.
    UnknownJudge { name: String },
    /// An account that is not a judge's.
    NotAJudge { name: String },
    /// No such contest.
    UnknownContest,
    /// Not a valid user name.
    Username,
    /// A quiz round is marked by the secretary, not by judges' sheets.
    QuizRound,
    /// A spreadsheet without a column that must be there.
    MissingColumn,
    /// A file that is neither .xlsx nor .csv, or cannot be read.
    UnreadableFile,
}

impl FieldFault {
    /// The fault in words.
    pub fn message(&self, lang: Lang) -> String {
        use FieldFault::*;
        let vi = lang == Lang::Vi;
        let or = |words: &[String]| -> String {
            match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {} {last}", rest.join(", "), if vi { "hoặc" } else { "or" })
                }
                _ => words.join(""),
            }
        };
        match self {
            Empty if vi => "không được để trống".into(),
            Empty => "must not be empty".into(),
            TooLong { max } if vi => format!("tối đa {max} ký tự"),
            TooLong { max } => format!("at most {max} characters"),
            OneOf { allowed } if vi => format!("cần là {}", or(allowed)),
            OneOf { allowed } => format!("must be {}", or(allowed)),
            Date if vi => "cần có dạng YYYY-MM-DD".into(),
            Date => "must be a date YYYY-MM-DD".into(),
            NotANumber if vi => "không phải số thập phân (ví dụ \"9.5\")".into(),
            NotANumber => "not a decimal number (such as \"9.5\")".into(),
            TooManyDecimals if vi => "tối đa hai chữ số thập phân".into(),
            TooManyDecimals => "at most two decimals".into(),
            NotPositive if vi => "phải lớn hơn 0".into(),
            NotPositive => "must be above zero".into(),
            TooLarge if vi => "quá lớn".into(),
            TooLarge => "too large".into(),
            NoRounds if vi => "cần ít nhất một phần thi".into(),
            NoRounds => "at least one round is needed".into(),
            NoCriteria if vi => "phần thi chấm điểm cần ít nhất một tiêu chí".into(),
            NoCriteria => "a judged round needs at least one criterion".into(),
            MaxNotOnStep if vi => "điểm tối đa phải là bội của bước điểm".into(),
            MaxNotOnStep => "the maximum must be a multiple of the step".into(),
            NoSuchRound if vi => "không phải chỉ số phần thi hợp lệ (từ 0)".into(),
            NoSuchRound => "not the index of a round (from 0)".into(),
            RepeatedRound if vi => "phần thi bị lặp lại".into(),
            RepeatedRound => "round given twice".into(),
            DuplicateTeam { name } if vi => format!("trùng tên đội “{name}”"),
            DuplicateTeam { name } => format!("two teams are named “{name}”"),
            DuplicateJudge { name } if vi => format!("giám khảo “{name}” bị lặp lại"),
            DuplicateJudge { name } => format!("judge “{name}” given twice"),
            OneChair if vi => "chỉ có một trưởng ban giám khảo".into(),
            OneChair => "the jury has one chair only".into(),
            TooFewJudges { need, have } if vi => format!("trimmed_mean cần ít nhất {need} giám khảo (có {have})"),
            TooFewJudges { need, have } => format!("trimmed_mean needs at least {need} judges ({have} given)"),
            UnknownJudge { name } if vi => format!("không có giám khảo “{name}”"),
            UnknownJudge { name } => format!("no judge “{name}”"),
            NotAJudge { name } if vi => format!("“{name}” không phải tài khoản giám khảo"),
            NotAJudge { name } => format!("“{name}” is not a judge's account"),
            UnknownContest if vi => "không có hội thi này".into(),
            UnknownContest => "no such contest".into(),
            Username if vi => "3–32 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch ngang".into(),
            Username => "3–32 characters a-z, 0-9, dot, underscore or hyphen".into(),
            QuizRound if vi => "phần thi trắc nghiệm do thư ký chấm theo đáp án".into(),
            QuizRound => "a quiz round is marked by the secretary against the answer key".into(),
            MissingColumn if vi => "thiếu cột này ở dòng tiêu đề".into(),
            MissingColumn => "this column is missing from the header row".into(),
            UnreadableFile if vi => "không đọc được tệp: cần tệp .xlsx hoặc .csv theo mẫu".into(),
            UnreadableFile => "cannot read the file: an .xlsx or .csv laid out as the template is needed".into(),
        }
    }

    /// One of these words.
    pub fn one_of(words: &[&str]) -> FieldFault {
        FieldFault::OneOf { allowed: words.iter().map(|w| w.to_string()).collect() }
    }
}

/// What is wrong with one score on a sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScoreFault {
    /// No value for this criterion.
    Missing,
    /// A criterion the round does not have.
    Unknown,
    /// A JSON number or another type instead of a decimal string.
    NotAString,
    /// Not a decimal number.
    NotANumber,
    /// More than two decimals.
    TooManyDecimals,
    /// Below zero.
    Negative,
    /// Above the criterion's maximum (in hundredths).
    AboveMax { max: i64 },
    /// Not a multiple of the allowed step (in hundredths).
    OffStep { step: i64 },
}

impl ScoreFault {
    /// The fault in words.
    pub fn message(&self, lang: Lang) -> String {
        use ScoreFault::*;
        let p = |h: &i64| crate::Points::from_hundredths(*h).to_string();
        match (self, lang) {
            (Missing, Lang::Vi) => "chưa nhập điểm".into(),
            (Missing, Lang::En) => "no points entered".into(),
            (Unknown, Lang::Vi) => "không có tiêu chí này trong phần thi".into(),
            (Unknown, Lang::En) => "the round has no such criterion".into(),
            (NotAString, Lang::Vi) => "điểm phải gửi dạng chuỗi số thập phân, ví dụ \"8.5\"".into(),
            (NotAString, Lang::En) => "points must be a decimal string such as \"8.5\"".into(),
            (NotANumber, Lang::Vi) => "không phải là số".into(),
            (NotANumber, Lang::En) => "not a number".into(),
            (TooManyDecimals, Lang::Vi) => "tối đa hai chữ số thập phân".into(),
            (TooManyDecimals, Lang::En) => "at most two decimals".into(),
            (Negative, Lang::Vi) => "không được âm".into(),
            (Negative, Lang::En) => "must not be negative".into(),
            (AboveMax { max }, Lang::Vi) => format!("vượt điểm tối đa {}", p(max)),
            (AboveMax { max }, Lang::En) => format!("above the maximum of {}", p(max)),
            (OffStep { step }, Lang::Vi) => format!("phải theo bước {} điểm", p(step)),
            (OffStep { step }, Lang::En) => format!("must be in steps of {}", p(step)),
        }
    }
}

/// Vietnamese names of the things that can be missing.
fn what_vi(what: &str) -> &str {
    match what {
        "contest" => "hội thi",
        "round" => "phần thi",
        "team" => "đội thi",
        "criterion" => "tiêu chí",
        "user" => "người dùng",
        "judge" => "giám khảo",
        "page" => "trang",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language(""), Lang::Vi);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("vi-VN,vi;q=0.9,en;q=0.8"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("fr,en;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("vi;q=0.4, en;q=0.6"), Lang::En);
    }

    #[test]
    fn messages_are_vietnamese_first() {
        let p = Problem::NotFound { what: "team".into() };
        assert_eq!(p.message(Lang::Vi), "Không tìm thấy đội thi.");
        assert_eq!(p.message(Lang::En), "No such team.");
        assert_eq!(p.status(), 404);
        assert_eq!(Problem::TooManyAttempts { retry_after_secs: 3 }.status(), 429);
    }
}
