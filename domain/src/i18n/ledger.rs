//! The words of the score ledger's public page and of the head hash shown
//! on the projector and the record; Vietnamese first, English second.

use super::Lang;

impl Lang {
    /// The ledger's words in this language.
    pub fn ledger(self) -> &'static LedgerTexts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The ledger's words in this language.
#[allow(missing_docs)]
pub struct LedgerTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub head: &'static str,
    pub head_short: &'static str,
    pub entries: &'static str,
    pub download: &'static str,
    pub empty: &'static str,
    pub begin: &'static str,
    pub how_title: &'static str,
    pub how_steps: [&'static str; 4],
    pub script_intro: &'static str,
    pub cli_intro: &'static str,
    pub col_seq: &'static str,
    pub col_time: &'static str,
    pub col_action: &'static str,
    pub col_hash: &'static str,
    pub link: &'static str,
    pub backups_title: &'static str,
    pub backups_download: &'static str,
    pub backups_rolling: &'static str,
    pub backups_restore: &'static str,
}

static VI: LedgerTexts = LedgerTexts {
    title: "Sổ điểm",
    intro: "Mọi phiếu chấm, mọi lần sửa phiếu, điểm trả lời câu hỏi, điểm trừ quá giờ và mọi lần mở, khoá, công bố phần thi đều được ghi vào sổ theo thứ tự, mỗi mục mang mã băm của mục trước. Sửa một mục bất kỳ làm đứt chuỗi từ mục đó, nên ai cũng có thể tự kiểm tra rằng kết quả công bố được tính đúng từ phiếu của giám khảo.",
    head: "Mã băm cuối của sổ",
    head_short: "Sổ điểm",
    entries: "Số mục",
    download: "Tải sổ điểm (.json)",
    empty: "Sổ điểm chưa có mục nào: hội thi chưa bắt đầu.",
    begin: "Bắt đầu hội thi (cấu trúc, đội, giám khảo)",
    how_title: "Cách tự kiểm tra",
    how_steps: [
        "Tải tệp sổ điểm ở trên.",
        "Với từng mục theo thứ tự: ghép mã băm của mục trước (“prev”, mục đầu là 64 chữ số 0) với JSON chuẩn của {\"action\", \"at\", \"data\", \"seq\"} (khoá xếp theo bảng chữ cái, không khoảng trắng, giữ nguyên chữ tiếng Việt), rồi tính SHA-256; kết quả phải bằng “hash” của mục.",
        "Mã băm của mục cuối phải trùng với mã in trên biên bản và trên màn chiếu.",
        "Tính lại điểm từ các phiếu trong sổ theo thể lệ của hội thi; máy chủ làm việc này bằng lệnh kheo verify.",
    ],
    script_intro: "Đoạn Python sau (chỉ dùng thư viện chuẩn) kiểm tra chuỗi băm của tệp đã tải:",
    cli_intro: "Ban tổ chức kiểm tra cả chuỗi, từng phiếu và bảng xếp hạng trên máy chủ bằng:",
    col_seq: "Mục",
    col_time: "Thời điểm",
    col_action: "Thao tác",
    col_hash: "Mã băm",
    link: "Sổ điểm",
    backups_title: "Sao lưu",
    backups_download: "Tải bản sao lưu",
    backups_rolling: "Khéo tự chép cơ sở dữ liệu mỗi {minutes} phút khi có thay đổi và ngay khi khoá một phần thi, giữ {keep} bản mới nhất trong thư mục:",
    backups_restore: "Khôi phục: tắt Khéo, đặt bản sao vào chỗ tệp cơ sở dữ liệu (xoá các tệp -wal, -shm đi kèm), rồi bật lại.",
};

static EN: LedgerTexts = LedgerTexts {
    title: "Score ledger",
    intro: "Every judge's sheet, every amendment, quiz mark, over-time deduction and every time a round is opened, locked or published is written to the ledger in order, each entry carrying the hash of the one before. Changing any entry breaks the chain from that entry on, so anyone can check that the published results follow from the judges' sheets.",
    head: "The ledger's head hash",
    head_short: "Ledger",
    entries: "Entries",
    download: "Download the ledger (.json)",
    empty: "The ledger has no entry yet: the contest has not begun.",
    begin: "The contest begins (its rounds, teams and judges)",
    how_title: "How to check it yourself",
    how_steps: [
        "Download the ledger file above.",
        "For each entry in order: take the previous entry's hash (“prev”; 64 zeros before the first) followed by the canonical JSON of {\"action\", \"at\", \"data\", \"seq\"} (keys sorted, no whitespace, Vietnamese letters kept as they are), and compute SHA-256; it must equal the entry's “hash”.",
        "The last entry's hash must match the one printed on the signed record and shown on the projector.",
        "Recompute the scores from the sheets in the ledger with the contest's rules; the server does this with kheo verify.",
    ],
    script_intro: "This Python snippet (standard library only) checks the chain of the downloaded file:",
    cli_intro: "The organisers check the chain, each sheet and the standings on the server with:",
    col_seq: "Entry",
    col_time: "Time",
    col_action: "Action",
    col_hash: "Hash",
    link: "Score ledger",
    backups_title: "Backups",
    backups_download: "Download a backup",
    backups_rolling: "Khéo copies the database every {minutes} minutes while something changes and as soon as a round is locked, keeping the newest {keep} copies in the folder:",
    backups_restore: "To restore: stop Khéo, put the copy in place of the database file (removing its -wal and -shm files), and start it again.",
};
