//! The words of the panel as real halls run it: the paper desk where two
//! people type a judge's paper sheet, and the marks the board puts on such
//! sheets; Vietnamese first, English second.

use super::Lang;

impl Lang {
    /// The panel's words in this language.
    pub fn panel(self) -> &'static PanelTexts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The panel's words in this language.
#[allow(missing_docs)]
pub struct PanelTexts {
    pub desk_title: &'static str,
    pub desk_intro: &'static str,
    pub desk_link: &'static str,
    pub scan: &'static str,
    pub scan_hint: &'static str,
    pub scan_unknown: &'static str,
    pub judge: &'static str,
    pub choose_judge: &'static str,
    pub choose_team: &'static str,
    pub save_typing: &'static str,
    pub no_judged_round: &'static str,
    pub state_none: &'static str,
    pub state_waiting: &'static str,
    pub state_waiting_you: &'static str,
    pub state_paper: &'static str,
    pub state_tablet: &'static str,
    pub first_saved: &'static str,
    pub replaced_own: &'static str,
    pub counted: &'static str,
    pub differs: &'static str,
    pub round_not_open: &'static str,
    pub grid_title: &'static str,
    pub legend: &'static str,
    pub waiting_title: &'static str,
    pub waiting_none: &'static str,
    pub typed_by: &'static str,
    pub confirmed_by: &'static str,
    pub paper_mark: &'static str,
    pub waiting_mark: &'static str,
    pub qr_caption: &'static str,
}

static VI: PanelTexts = PanelTexts {
    desk_title: "Nhập phiếu giấy",
    desk_intro: "Mỗi phiếu chấm giấy do hai người nhập. Người thứ hai nhập lại từ phiếu giấy mà không xem lần nhập đầu; \
        hai lần khớp nhau thì phiếu được tính như phiếu của giám khảo, lệch thì không tính và cả hai xem lại phiếu giấy.",
    desk_link: "Nhập phiếu giấy",
    scan: "Mã trên phiếu",
    scan_hint: "Quét mã QR trên phiếu hoặc dán đường dẫn",
    scan_unknown: "Không đọc được mã này: mã phải là mã QR in trên phiếu chấm của hội thi này.",
    judge: "Giám khảo",
    choose_judge: "— Chọn giám khảo —",
    choose_team: "— Chọn đội —",
    save_typing: "Lưu lần nhập",
    no_judged_round: "Hội thi chưa có phần thi chấm theo tiêu chí.",
    state_none: "Chưa nhập.",
    state_waiting: "Đã nhập lần 1 (người nhập: {who}). Cần một người khác nhập lại từ phiếu giấy.",
    state_waiting_you: "Bạn đã nhập lần 1. Cần một người khác nhập lại từ phiếu giấy; bạn nhập lại thì lần nhập của bạn được thay.",
    state_paper: "Đã tính từ phiếu giấy (nhập: {who}; xác nhận: {by}). Nhập một cặp mới để sửa.",
    state_tablet: "Giám khảo đã chấm phiếu này trên máy tính bảng: không nhập từ phiếu giấy.",
    first_saved: "Đã lưu lần nhập thứ nhất. Phiếu chưa được tính: cần một người khác nhập lại.",
    replaced_own: "Đã thay lần nhập của bạn. Phiếu vẫn chờ một người khác nhập lại.",
    counted: "Hai lần nhập khớp nhau: phiếu đã được tính. Tổng điểm {total}.",
    differs: "Hai lần nhập khác nhau ở các tiêu chí được đánh dấu. Chưa tính điểm: hãy xem lại phiếu giấy.",
    round_not_open: "Phần thi này chưa mở hoặc đã khóa: không nhập phiếu.",
    grid_title: "Phiếu của phần thi",
    legend: "● đã tính · ◐ chờ nhập lần 2 · ▭ máy tính bảng · ○ chưa có",
    waiting_title: "Phiếu chờ nhập lần 2",
    waiting_none: "Không có phiếu nào chờ nhập lần 2.",
    typed_by: "Nhập",
    confirmed_by: "Xác nhận",
    paper_mark: "giấy",
    waiting_mark: "chờ nhập lần 2",
    qr_caption: "Mã nhập",
};

static EN: PanelTexts = PanelTexts {
    desk_title: "Paper sheets",
    desk_intro: "Each paper sheet is typed by two people. The second types it from the paper without seeing the first \
        typing; if both agree the sheet counts as the judge's, if they differ nothing counts and both look at the paper again.",
    desk_link: "Type paper sheets",
    scan: "Code on the sheet",
    scan_hint: "Scan the sheet's QR code or paste its link",
    scan_unknown: "This code cannot be read: it must be the QR code printed on a sheet of this contest.",
    judge: "Judge",
    choose_judge: "— Choose a judge —",
    choose_team: "— Choose a team —",
    save_typing: "Save typing",
    no_judged_round: "The contest has no round scored by criteria.",
    state_none: "Not typed yet.",
    state_waiting: "Typed once (by {who}). Someone else must type it again from the paper.",
    state_waiting_you: "You typed it once. Someone else must type it again from the paper; typing it again yourself replaces yours.",
    state_paper: "Counted from paper (typed by {who}; confirmed by {by}). Type a new pair to amend it.",
    state_tablet: "The judge sent this sheet from a tablet: it is not typed from paper.",
    first_saved: "First typing saved. The sheet does not count yet: someone else must type it again.",
    replaced_own: "Your typing was replaced. The sheet still waits for someone else's typing.",
    counted: "Both typings agree: the sheet counts. Total {total}.",
    differs: "The two typings differ on the marked criteria. Nothing counts: look at the paper sheet again.",
    round_not_open: "This round is not open: no sheets are typed.",
    grid_title: "The round's sheets",
    legend: "● counted · ◐ awaiting a second typing · ▭ tablet · ○ none",
    waiting_title: "Sheets awaiting a second typing",
    waiting_none: "No sheet is awaiting a second typing.",
    typed_by: "Typed",
    confirmed_by: "Confirmed",
    paper_mark: "paper",
    waiting_mark: "awaiting second typing",
    qr_caption: "Typing code",
};
