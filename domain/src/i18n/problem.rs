//! Everything that can go wrong for a person: a stable code, an HTTP
//! status, and a sentence in either language.

use super::Lang;
use serde::{Deserialize, Serialize};

/// Everything that can go wrong for a person, with its stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Wrong user name or password.
    InvalidCredentials,
    /// A judge's pass with a wrong PIN.
    WrongPin,
    /// A judge's pass that was revoked, replaced or has run out.
    PassNotValid,
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
    /// A model's status change outside its chain.
    ModelTransition { from: String, to: String },
    /// The request body is not JSON.
    UnsupportedMediaType,
    /// The request body is not valid JSON of the expected shape.
    MalformedBody { detail: String },
    /// The request body is larger than the server reads.
    PayloadTooLarge,
    /// A photo larger than the register keeps (`max_mb` megabytes).
    PhotoTooLarge { max_mb: u32 },
    /// A call for models whose deadline has passed.
    CallClosed,
    /// A download of the database where PostgreSQL keeps it.
    BackupElsewhere,
    /// A request from another site.
    CrossSite,
    /// A unit of that name already sits under the same parent.
    UnitExists,
    /// The registration's deadline has passed, or the entry is approved.
    RegistrationClosed,
    /// An entry sent without what a submission needs.
    EntryIncomplete {
        /// The fields still missing, as paths (`team.name`, `model.kind`).
        missing: Vec<String>,
    },
    /// A decision on an entry that has not been submitted.
    EntryNotSubmitted,
    /// Results asked for before every round is published.
    ResultsNotFinal,
    /// A team already sent on to this contest.
    AlreadyAdvanced,
    /// A team withdrawn from the contest takes no more marks.
    TeamWithdrawn,
    /// A round that cannot open: a quiz without questions, a judged round
    /// without criteria.
    RoundIncomplete {
        /// The round's name.
        round: String,
        /// What it lacks.
        lack: crate::completeness::RoundLack,
    },
    /// A paper sheet for a judge who has already sent that sheet from his
    /// tablet: the tablet's sheet is never overwritten from paper.
    SheetExists,
    /// The second typing of a paper sheet differs from the first.
    EntriesDiffer {
        /// The criteria that differ, by id.
        criteria: Vec<i64>,
        /// Their names, for the message.
        names: Vec<String>,
    },
    /// A judge scoring a team he is in conflict with (from its village).
    ConflictOfInterest,
    /// An audience answer to a question that is not on screen, or after
    /// its countdown.
    PlayClosed,
    /// A vote while the audience's vote is not open.
    VoteClosed,
    /// One address voting far faster than people do; wait this long.
    TooManyVotes { retry_after_secs: u64 },
    /// The vote's counts before it closes, asked by someone not organising it.
    VotesHidden,
    /// The server's disk is full: nothing was stored, and the same request
    /// succeeds once space is freed.
    StorageFull,
    /// Something failed on our side; details are in the server log.
    Internal,
}

impl Problem {
    /// The stable snake_case code of the contract.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::InvalidCredentials | Problem::WrongPin => "invalid_credentials",
            Problem::PassNotValid => "pass_not_valid",
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
            Problem::InvalidTransition { .. } | Problem::ModelTransition { .. } => "invalid_transition",
            Problem::UnsupportedMediaType => "unsupported_media_type",
            Problem::MalformedBody { .. } => "malformed_body",
            Problem::PayloadTooLarge => "payload_too_large",
            Problem::PhotoTooLarge { .. } => "photo_too_large",
            Problem::CallClosed => "call_closed",
            Problem::BackupElsewhere => "backup_elsewhere",
            Problem::CrossSite => "cross_site_request",
            Problem::UnitExists => "unit_exists",
            Problem::RegistrationClosed => "registration_closed",
            Problem::EntryIncomplete { .. } => "entry_incomplete",
            Problem::EntryNotSubmitted => "entry_not_submitted",
            Problem::ResultsNotFinal => "results_not_final",
            Problem::AlreadyAdvanced => "already_advanced",
            Problem::TeamWithdrawn => "team_withdrawn",
            Problem::RoundIncomplete { .. } => "round_incomplete",
            Problem::SheetExists => "sheet_exists",
            Problem::EntriesDiffer { .. } => "entries_differ",
            Problem::ConflictOfInterest => "conflict_of_interest",
            Problem::PlayClosed => "play_closed",
            Problem::VoteClosed => "vote_closed",
            Problem::TooManyVotes { .. } => "too_many_votes",
            Problem::VotesHidden => "votes_hidden",
            Problem::StorageFull => "storage_full",
            Problem::Internal => "internal_error",
        }
    }

    /// The HTTP status the contract gives this problem.
    pub fn status(&self) -> u16 {
        match self {
            Problem::InvalidCredentials | Problem::WrongPin | Problem::PassNotValid | Problem::NotSignedIn => 401,
            Problem::Forbidden
            | Problem::NotOnPanel
            | Problem::CrossSite
            | Problem::ConflictOfInterest
            | Problem::VotesHidden => 403,
            Problem::NotFound { .. } => 404,
            Problem::UsernameTaken
            | Problem::RoundNotOpen
            | Problem::ContestStarted
            | Problem::InvalidTransition { .. }
            | Problem::ModelTransition { .. }
            | Problem::UnitExists
            | Problem::RegistrationClosed
            | Problem::CallClosed
            | Problem::EntryNotSubmitted
            | Problem::ResultsNotFinal
            | Problem::AlreadyAdvanced
            | Problem::TeamWithdrawn
            | Problem::RoundIncomplete { .. }
            | Problem::SheetExists
            | Problem::EntriesDiffer { .. }
            | Problem::PlayClosed
            | Problem::VoteClosed
            | Problem::BackupElsewhere => 409,
            Problem::PayloadTooLarge | Problem::PhotoTooLarge { .. } => 413,
            Problem::UnsupportedMediaType => 415,
            Problem::WeakPassword
            | Problem::InvalidField { .. }
            | Problem::InvalidScore { .. }
            | Problem::MalformedBody { .. }
            | Problem::EntryIncomplete { .. } => 422,
            Problem::TooManyAttempts { .. } | Problem::TooManyVotes { .. } => 429,
            Problem::StorageFull => 503,
            Problem::Internal => 500,
        }
    }

    /// Whether the same request, sent again later unchanged, can succeed:
    /// a tablet keeps such a sheet queued instead of showing it refused.
    pub fn retry_later(&self) -> bool {
        matches!(self, Problem::NotSignedIn | Problem::StorageFull | Problem::Internal)
    }

    /// The path of the field the problem is about, for a form to mark.
    pub fn field(&self) -> Option<&str> {
        match self {
            Problem::InvalidField { field, .. } => Some(field),
            Problem::EntryIncomplete { missing } => missing.first().map(String::as_str),
            _ => None,
        }
    }

    /// A sentence for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        let vi = lang == Lang::Vi;
        match self {
            InvalidCredentials if vi => "Tên đăng nhập hoặc mật khẩu không đúng.".into(),
            InvalidCredentials => "Wrong username or password.".into(),
            WrongPin if vi => "Mã PIN không đúng. Xem lại 6 chữ số in trên thẻ chấm điểm.".into(),
            WrongPin => "Wrong PIN. Check the 6 digits printed on the judging pass.".into(),
            PassNotValid if vi => {
                "Thẻ chấm điểm này không còn hiệu lực (đã được cấp lại, thu hồi hoặc hết hạn). Xin Ban tổ chức thẻ mới.".into()
            }
            PassNotValid => "This judging pass is no longer valid (reissued, revoked or expired). Ask the organisers for a new one.".into(),
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
            InvalidField { field, fault } => format!("{}: {}.", super::field_words(field, lang), fault.message(lang)),
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
            InvalidTransition { from, to } => {
                let t = lang.texts();
                let word = |s: &str| crate::contest::RoundState::parse(s).map_or_else(|| s.to_string(), |s| t.round_state(s).to_string());
                if vi {
                    format!("Không thể chuyển phần thi từ trạng thái “{}” sang “{}”.", word(from), word(to))
                } else {
                    format!("A round cannot go from “{}” to “{}”.", word(from), word(to))
                }
            }
            ModelTransition { from, to } => {
                let word = |s: &str| crate::models::ModelStatus::parse(s).map_or_else(|| s.to_string(), |s| s.label(lang).to_string());
                if vi {
                    format!(
                        "Mô hình đang ở bước “{}” nên không chuyển sang “{}” được: mỗi lần chỉ tiến một bước (đăng ký → triển khai → công nhận → điển hình → đề nghị khen thưởng), hoặc rút.",
                        word(from),
                        word(to)
                    )
                } else {
                    format!("A model at “{}” cannot go to “{}”: one step at a time, or withdrawn.", word(from), word(to))
                }
            }
            UnsupportedMediaType if vi => "Yêu cầu phải gửi dữ liệu JSON (Content-Type: application/json).".into(),
            UnsupportedMediaType => "The request must send JSON (Content-Type: application/json).".into(),
            MalformedBody { detail } if vi => format!("Dữ liệu gửi lên không đúng định dạng: {detail}"),
            MalformedBody { detail } => format!("The request body is malformed: {detail}"),
            PayloadTooLarge if vi => "Dữ liệu gửi lên quá lớn (tối đa 2 MB).".into(),
            PayloadTooLarge => "The request body is too large (at most 2 MB).".into(),
            PhotoTooLarge { max_mb } if vi => {
                format!("Ảnh quá lớn: mỗi ảnh tối đa {max_mb} MB. Không có ảnh nào được lưu.")
            }
            PhotoTooLarge { max_mb } => format!("The photo is too large: at most {max_mb} MB each. Nothing was stored."),
            CallClosed if vi => "Đợt đăng ký mô hình đã hết hạn: không gửi thêm được; mô hình đã gửi vẫn giữ nguyên.".into(),
            CallClosed => "The call for models has closed: nothing more can be sent; what was sent stays.".into(),
            BackupElsewhere if vi => "Cơ sở dữ liệu là PostgreSQL: sao lưu bằng pg_dump trên máy chủ.".into(),
            BackupElsewhere => "The database is PostgreSQL: back it up with pg_dump on the server.".into(),
            CrossSite if vi => "Yêu cầu từ trang web khác bị từ chối.".into(),
            CrossSite => "Cross-site request refused.".into(),
            UnitExists if vi => "Đã có đơn vị cùng tên thuộc cùng đơn vị cấp trên.".into(),
            UnitExists => "A unit of this name already sits under the same parent.".into(),
            RegistrationClosed if vi => {
                "Đăng ký đã đóng (quá hạn hoặc đã được duyệt): không sửa được nữa; dữ liệu đã lưu vẫn giữ nguyên.".into()
            }
            RegistrationClosed => {
                "Registration is closed (past the deadline, or approved): no more changes; what was saved stays.".into()
            }
            EntryIncomplete { missing } if vi => {
                format!("Hồ sơ chưa đủ để gửi, còn thiếu: {}.", missing.iter().map(|m| entry_field_vi(m)).collect::<Vec<_>>().join(", "))
            }
            EntryIncomplete { missing } => format!(
                "The entry cannot be submitted yet; missing: {}.",
                missing.iter().map(|m| super::field_words(m, lang)).collect::<Vec<_>>().join(", ")
            ),
            EntryNotSubmitted if vi => "Đơn vị chưa gửi hồ sơ này: chưa thể duyệt hay trả lại.".into(),
            EntryNotSubmitted => "The unit has not submitted this entry: it cannot be approved or returned yet.".into(),
            ResultsNotFinal if vi => "Kết quả chưa được công bố chính thức.".into(),
            ResultsNotFinal => "The results are not final yet.".into(),
            AlreadyAdvanced if vi => "Đội này đã được chọn đi thi ở hội thi này rồi.".into(),
            AlreadyAdvanced => "This team has already been sent on to this contest.".into(),
            TeamWithdrawn if vi => "Đội này đã rút khỏi hội thi: không nhận điểm.".into(),
            TeamWithdrawn => "This team has withdrawn from the contest: no marks are taken.".into(),
            RoundIncomplete { round, lack } => {
                use crate::completeness::RoundLack::*;
                match (lack, vi) {
                    (NoQuestions, true) => format!(
                        "Phần thi “{round}” chưa có câu hỏi nào nên chưa mở được (mở ra thì mọi đội đều 0 điểm). Hãy thêm câu hỏi ở trang Thiết lập hội thi."
                    ),
                    (NoQuestions, false) => {
                        format!("Round “{round}” has no questions, so it cannot open (every team would get 0). Add its questions on the set-up page.")
                    }
                    (NoCriteria, true) => format!(
                        "Phần thi “{round}” chưa có tiêu chí chấm nên chưa mở được. Hãy thêm tiêu chí ở trang Thiết lập hội thi."
                    ),
                    (NoCriteria, false) => {
                        format!("Round “{round}” has no criteria, so it cannot open. Add its criteria on the set-up page.")
                    }
                }
            }
            SheetExists if vi => {
                "Giám khảo này đã gửi phiếu này từ máy tính bảng: không nhập đè từ phiếu giấy.".into()
            }
            SheetExists => "This judge already sent this sheet from a tablet: it is not overwritten from paper.".into(),
            EntriesDiffer { names, .. } if vi => format!(
                "Hai lần nhập khác nhau ở tiêu chí: {}. Chưa tính điểm; hãy xem lại phiếu giấy và nhập lại.",
                names.join(", ")
            ),
            EntriesDiffer { names, .. } => format!(
                "The two typings differ on: {}. Nothing counts yet; look at the paper sheet again and retype.",
                names.join(", ")
            ),
            ConflictOfInterest if vi => {
                "Giám khảo này không chấm đội này (xung đột lợi ích, theo Ban tổ chức): phiếu không được nhận.".into()
            }
            ConflictOfInterest => "This judge does not score this team (a conflict of interest set by the organisers): the sheet is refused.".into(),
            PlayClosed if vi => "Câu hỏi này đã hết giờ trả lời (hoặc chưa được trình chiếu): câu trả lời không được tính.".into(),
            PlayClosed => "This question is closed for answers (time is up, or it is not on screen): the answer does not count.".into(),
            VoteClosed if vi => "Bình chọn đang đóng: phiếu bình chọn không được nhận.".into(),
            VoteClosed => "The audience's vote is not open: the vote is not taken.".into(),
            TooManyVotes { retry_after_secs: s } if vi => {
                format!("Quá nhiều lượt bình chọn từ cùng một địa chỉ mạng. Vui lòng thử lại sau {s} giây.")
            }
            TooManyVotes { retry_after_secs: s } => {
                format!("Too many votes from one network address. Try again in {s} seconds.")
            }
            VotesHidden if vi => "Số phiếu bình chọn chỉ công bố khi bình chọn kết thúc.".into(),
            VotesHidden => "The vote's counts are published once the vote closes.".into(),
            StorageFull if vi => "Ổ đĩa của máy chủ đã đầy nên chưa lưu được. Dữ liệu vẫn được giữ trên máy này \
                và sẽ tự gửi lại khi máy chủ có chỗ trống; hãy báo ban tổ chức giải phóng dung lượng."
                .into(),
            StorageFull => "The server's disk is full, so nothing was saved. It is kept on this device and sent \
                again by itself once the server has room; tell the organisers to free some space."
                .into(),
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
    /// Not a text.
    NotText,
    /// Not an object (`{…}`).
    NotAnObject,
    /// Not a list (`[…]`).
    NotAList,
    /// Not a year between these two.
    YearBetween { from: i64, to: i64 },
    /// More than `max` items.
    TooMany { max: usize },
    /// A team has one captain.
    OneCaptain,
    /// One stored member given on two lines.
    RepeatedMember,
    /// No unit of that name.
    UnknownUnit { name: String },
    /// Several units of that name.
    AmbiguousUnit { name: String },
    /// A unit placed under itself.
    UnitLoop,
    /// A unit named twice under one parent.
    DuplicateUnit { name: String },
    /// Not a date and time (RFC 3339).
    DateTime,
    /// A time that has already passed.
    InThePast,
    /// An account that cannot organise.
    NotAnOrganiser,
    /// Not a model of the register (or withdrawn).
    NoSuchModel,
    /// A file that is not a photo the server can read.
    NotAnImage,
    /// A unit the acting organiser does not reach.
    OutsideYourUnits { name: String },
    /// A prize named twice.
    RepeatedPrize { name: String },
    /// Not one of the contest's teams (or withdrawn).
    NoSuchTeam,
    /// Not a member of that team.
    NoSuchMember,
    /// An organiser needs a unit once units exist.
    OrganiserNeedsUnit,
    /// A place name with a date in it, which the paper adds itself.
    PlaceWithDate,
    /// A blank in a certificate's wording that no value fills.
    UnknownBlank {
        /// The blank as written, `{…}`.
        blank: String,
    },
    /// Not allowed on one's own account (disabling it, leaving the admins).
    OwnAccount,
    /// The current password given is not the account's.
    WrongPassword,
    /// A new password weaker than the policy.
    WeakPassword,
    /// Results are not kept for a ceremony.
    NotSealed,
    /// Not the next step of the ceremony (or the one before).
    NoSuchStep { max: usize },
    /// Not one of the contest's prizes given by hand.
    NoSuchPrize,
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
            TooFewJudges { need, have } if vi => {
                format!("bỏ điểm cao nhất và thấp nhất cần ít nhất {need} giám khảo (mới có {have})")
            }
            TooFewJudges { need, have } => {
                format!("dropping the highest and lowest needs at least {need} judges ({have} given)")
            }
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
            NotText if vi => "cần là chuỗi ký tự".into(),
            NotText => "must be text".into(),
            NotAnObject if vi => "cần là một đối tượng {…}".into(),
            NotAnObject => "must be an object {…}".into(),
            NotAList if vi => "cần là một danh sách […]".into(),
            NotAList => "must be a list […]".into(),
            YearBetween { from, to } if vi => format!("cần là năm từ {from} đến {to}"),
            YearBetween { from, to } => format!("must be a year from {from} to {to}"),
            TooMany { max } if vi => format!("tối đa {max} mục"),
            TooMany { max } => format!("at most {max} items"),
            OneCaptain if vi => "mỗi đội chỉ có một đội trưởng".into(),
            OneCaptain => "a team has one captain only".into(),
            RepeatedMember if vi => "thành viên này đã có ở một dòng khác".into(),
            RepeatedMember => "this member is given on another line too".into(),
            UnknownUnit { name } if vi => format!("không có đơn vị “{name}”"),
            UnknownUnit { name } => format!("no unit “{name}”"),
            AmbiguousUnit { name } if vi => format!("có nhiều đơn vị tên “{name}”"),
            AmbiguousUnit { name } => format!("several units are named “{name}”"),
            UnitLoop if vi => "đơn vị không thể trực thuộc chính nó".into(),
            UnitLoop => "a unit cannot sit under itself".into(),
            DuplicateUnit { name } if vi => format!("đơn vị “{name}” đã có"),
            DuplicateUnit { name } => format!("unit “{name}” exists already"),
            DateTime if vi => "cần là ngày giờ (ví dụ 2026-12-01T17:00:00+07:00)".into(),
            DateTime => "must be a date and time (such as 2026-12-01T17:00:00+07:00)".into(),
            InThePast if vi => "thời điểm này đã qua".into(),
            InThePast => "this time has passed".into(),
            NotAnOrganiser if vi => "tài khoản này không phải của Ban tổ chức".into(),
            NotAnOrganiser => "this account is not an organiser's".into(),
            NoSuchModel if vi => "không có mô hình này trong sổ (hoặc mô hình đã rút)".into(),
            NoSuchModel => "no such model in the register (or it was withdrawn)".into(),
            NotAnImage if vi => "không phải ảnh (cần tệp JPEG, PNG hoặc WebP)".into(),
            NotAnImage => "not a photo (a JPEG, PNG or WebP file is needed)".into(),
            OutsideYourUnits { name } if vi => format!("đơn vị “{name}” không thuộc đơn vị của tài khoản này"),
            OutsideYourUnits { name } => format!("unit “{name}” is not under this account's unit"),
            RepeatedPrize { name } if vi => format!("giải “{name}” bị lặp lại"),
            RepeatedPrize { name } => format!("prize “{name}” given twice"),
            NoSuchTeam if vi => "không phải đội thi của hội thi đó (hoặc đội đã rút)".into(),
            NoSuchTeam => "not a team of that contest (or withdrawn)".into(),
            NoSuchMember if vi => "không có thành viên này trong đội đã chọn".into(),
            NoSuchMember => "no such member in that team".into(),
            OrganiserNeedsUnit if vi => {
                "tài khoản Ban tổ chức cần thuộc một đơn vị (chọn đơn vị mà người này tổ chức hội thi)".into()
            }
            OrganiserNeedsUnit => {
                "an organiser's account needs a unit (the one whose contests this person runs)".into()
            }
            PlaceWithDate if vi => "chỉ ghi địa danh (ví dụ: Nông Thượng); ngày tháng năm được tự động thêm".into(),
            PlaceWithDate => "the place name only (such as Nông Thượng); the date is added by itself".into(),
            UnknownBlank { blank } if vi => format!(
                "không có chỗ trống {blank}; dùng các nút chèn bên dưới ({})",
                crate::paperwork::blanks_written()
            ),
            UnknownBlank { blank } => {
                format!("there is no blank {blank}; use the buttons below ({})", crate::paperwork::blanks_written())
            }
            OwnAccount if vi => "không làm được với chính tài khoản của mình (để không mất quyền quản trị)".into(),
            OwnAccount => "not on one's own account (the installation would lose its admin)".into(),
            WrongPassword if vi => "mật khẩu hiện tại không đúng".into(),
            WrongPassword => "the current password is wrong".into(),
            WeakPassword if vi => format!(
                "mật khẩu quá yếu: cần ít nhất {} ký tự, khác tên đăng nhập và không phải mật khẩu phổ biến",
                crate::user::MIN_PASSWORD_CHARS
            ),
            WeakPassword => format!(
                "too weak: at least {} characters, not the username, not a common password",
                crate::user::MIN_PASSWORD_CHARS
            ),
            NotSealed if vi => "kết quả không được giữ kín để công bố tại lễ trao giải".into(),
            NotSealed => "results are not kept for a ceremony".into(),
            NoSuchStep { max } if vi => format!("chỉ công bố lần lượt từng giải (tối đa bước {max})"),
            NoSuchStep { max } => format!("prizes are revealed one at a time (step {max} at most)"),
            NoSuchPrize if vi => "không có giải phụ trao tay này".into(),
            NoSuchPrize => "no such side prize given by hand".into(),
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

/// Vietnamese names of an entry's fields, for "còn thiếu: …".
fn entry_field_vi(path: &str) -> &str {
    match path {
        "team.name" => "tên đội",
        "team.members" => "thành viên",
        "model" => "mô hình",
        "model.name" => "tên mô hình",
        "model.field" => "lĩnh vực",
        "model.kind" => "tập thể/cá nhân",
        other => other,
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
        "unit" => "đơn vị",
        "invitation" => "lời mời đăng ký",
        "entry" => "hồ sơ đăng ký",
        "question" => "câu hỏi",
        "model" => "mô hình",
        "photo" => "ảnh",
        "link" => "đường link đăng ký này",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_vietnamese_first() {
        let p = Problem::NotFound { what: "team".into() };
        assert_eq!(p.message(Lang::Vi), "Không tìm thấy đội thi.");
        assert_eq!(p.message(Lang::En), "No such team.");
        assert_eq!(p.status(), 404);
        assert_eq!(Problem::TooManyAttempts { retry_after_secs: 3 }.status(), 429);
    }

    #[test]
    fn a_full_disk_is_a_wait_not_a_refusal() {
        let p = Problem::StorageFull;
        assert_eq!((p.status(), p.code()), (503, "storage_full"));
        assert!(p.message(Lang::Vi).contains("Ổ đĩa của máy chủ đã đầy"));
        assert!(p.retry_later());
        assert!(!Problem::Forbidden.retry_later());
    }
}
