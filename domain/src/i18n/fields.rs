//! A field's path (`teams[2].members[1].birth_year`) in words for a person
//! ("Đội thi 3 › Thành viên 2 › Năm sinh"): refusals name the field as the
//! form labels it, never by its wire name.

use super::Lang;

/// The words for a field's path, each list item numbered from 1.
pub fn field_words(path: &str, lang: Lang) -> String {
    let segments: Vec<(&str, Option<usize>)> = path.split('.').map(segment).collect();
    let mut out: Vec<String> = Vec::with_capacity(segments.len());
    let mut parent: (&str, Option<usize>) = ("", None);
    for (key, index) in &segments {
        let words = match index {
            Some(n) => format!("{} {}", item(key, lang), n + 1),
            None => leaf(parent.0, key, lang).to_string(),
        };
        // "Tên đội thi" says "đội thi" already: `team.name` is one field;
        // and an entry's members are its team's (`team.members[1]`).
        let said_already = *key == "name" && index.is_none() && parent.1.is_none() && !parent.0.is_empty();
        if said_already || (parent == ("team", None) && index.is_some()) {
            out.pop();
        }
        out.push(words);
        parent = (key, *index);
    }
    out.join(" › ")
}

/// `members[2]` as ("members", Some(2)); `name` as ("name", None).
fn segment(s: &str) -> (&str, Option<usize>) {
    match s.split_once('[') {
        Some((key, rest)) => (key, rest.trim_end_matches(']').parse().ok()),
        None => (s, None),
    }
}

/// One item of a list: "Đội thi" for `teams[i]`.
fn item(list: &str, lang: Lang) -> &'static str {
    let vi = lang == Lang::Vi;
    match list {
        "teams" if vi => "Đội thi",
        "teams" => "Team",
        "members" if vi => "Thành viên",
        "members" => "Member",
        "rounds" if vi => "Phần thi",
        "rounds" => "Round",
        "criteria" if vi => "Tiêu chí",
        "criteria" => "Criterion",
        "questions" if vi => "Câu hỏi",
        "questions" => "Question",
        "judges" if vi => "Giám khảo",
        "judges" => "Judge",
        "awards" if vi => "Giải",
        "awards" => "Prize",
        "side_prizes" if vi => "Giải phụ",
        "side_prizes" => "Side prize",
        "tie_break_rounds" if vi => "Phần thi xét khi bằng điểm",
        "tie_break_rounds" => "Tie-break round",
        "unit_ids" if vi => "Đơn vị được mời",
        "unit_ids" => "Invited unit",
        "names" if vi => "Tên",
        "names" => "Name",
        "signers" if vi => "Người ký",
        "signers" => "Signer",
        _ if vi => "Mục",
        _ => "Item",
    }
}

/// A named field: the label the form gives it. `name` depends on what it
/// names.
fn leaf(parent: &str, key: &str, lang: Lang) -> &'static str {
    let vi = lang == Lang::Vi;
    let pick = |v: &'static str, e: &'static str| if vi { v } else { e };
    match key {
        "name" => match parent {
            "teams" | "team" => pick("Tên đội thi", "Team name"),
            "rounds" => pick("Tên phần thi", "Round name"),
            "criteria" => pick("Tên tiêu chí", "Criterion name"),
            "members" => pick("Họ và tên", "Full name"),
            "awards" | "side_prizes" => pick("Tên giải", "Prize name"),
            "model" => pick("Tên mô hình", "Model name"),
            "unit" => pick("Tên đơn vị", "Unit name"),
            "" => pick("Tên", "Name"),
            _ => pick("Tên", "Name"),
        },
        "level" => pick("Cấp hội thi", "Level"),
        "unit" => pick("Đơn vị", "Unit"),
        "unit_id" => pick("Đơn vị", "Unit"),
        "date" => pick("Ngày thi", "Date"),
        "venue" => pick("Địa điểm", "Venue"),
        "aggregation" => pick("Cách tính điểm", "Aggregation"),
        "rounds" => pick("Các phần thi", "Rounds"),
        "kind" if parent == "model" => pick("Tập thể hay cá nhân", "Collective or individual"),
        "kind" => pick("Hình thức", "Kind"),
        "step" => pick("Bước điểm", "Score step"),
        "max_points" => pick("Điểm tối đa", "Maximum"),
        "criteria" => pick("Tiêu chí", "Criteria"),
        "questions" => pick("Câu hỏi", "Questions"),
        "prompt" => pick("Nội dung câu hỏi", "Question"),
        "options" => pick("Các phương án", "Options"),
        "answer" => pick("Đáp án", "Answer"),
        "points" => pick("Điểm", "Points"),
        "overtime" => pick("Quá giờ", "Over time"),
        "per_started_minute" => pick("Điểm trừ mỗi phút quá giờ", "Deduction per minute over"),
        "grace_seconds" => pick("Số giây cho phép quá", "Seconds allowed over"),
        "time_limit_seconds" => pick("Thời gian", "Time limit"),
        "tie_break_rounds" => pick("Phần thi xét khi bằng điểm", "Tie-break rounds"),
        "teams" => pick("Đội thi", "Teams"),
        "team" => pick("Đội thi", "Team"),
        "members" => pick("Thành viên", "Members"),
        "role" => pick("Vai trò", "Role"),
        "birth_year" => pick("Năm sinh", "Year of birth"),
        "gender" => pick("Giới tính", "Gender"),
        "ethnicity" => pick("Dân tộc", "Ethnicity"),
        "position" => pick("Chức vụ", "Position"),
        "id" => pick("Mã", "Id"),
        "model_name" | "model" => pick("Mô hình “Dân vận khéo”", "The model"),
        "model_field" | "field" => pick("Lĩnh vực", "Field"),
        "model_kind" => pick("Tập thể hay cá nhân", "Collective or individual"),
        "summary" => pick("Tóm tắt mô hình", "Summary"),
        "judges" => pick("Ban giám khảo", "Jury"),
        "awards" => pick("Cơ cấu giải", "Prizes"),
        "count" => pick("Số giải", "Count"),
        "side_prizes" => pick("Giải phụ", "Side prizes"),
        "round" => pick("Phần thi", "Round"),
        "parent_id" => pick("Hội thi cấp trên", "Contest above"),
        "qualified_from" => pick("Hội thi nguồn", "Source contest"),
        "deadline" => pick("Hạn đăng ký", "Deadline"),
        "unit_ids" => pick("Đơn vị được mời", "Invited units"),
        "reason" => pick("Lý do", "Reason"),
        "decision" => pick("Quyết định", "Decision"),
        "username" => pick("Tên đăng nhập", "Username"),
        "password" => pick("Mật khẩu", "Password"),
        "display_name" => pick("Họ và tên", "Full name"),
        "state" => pick("Trạng thái", "State"),
        "file" => pick("Tệp", "File"),
        "seconds" => pick("Số giây", "Seconds"),
        "parent" => pick("Đơn vị cấp trên", "Parent unit"),
        "names" => pick("Tên", "Names"),
        "team_ids" => pick("Đội thi", "Teams"),
        "team_id" => pick("Đội thi", "Team"),
        "from_contest_id" => pick("Hội thi nguồn", "Source contest"),
        "place" => pick("Địa danh", "Place"),
        "signers" => pick("Người ký", "Signers"),
        "title" => pick("Chức danh", "Title"),
        "issuer" => pick("Cơ quan cấp", "Issuer"),
        "wording" | "certificate_text" => pick("Nội dung giấy chứng nhận", "Certificate wording"),
        "decision_date" => pick("Ngày quyết định", "Decision date"),
        "decision_number" => pick("Số quyết định", "Decision number"),
        "signer_title" => pick("Chức danh người ký", "Signer's title"),
        "signer_name" => pick("Họ tên người ký", "Signer's name"),
        "jury_head" => pick("Trưởng Ban giám khảo", "Head of the jury"),
        "secretary" => pick("Thư ký", "Secretary"),
        "committee_head" => pick("Trưởng Ban tổ chức", "Head of the committee"),
        "step_index" | "steps" => pick("Bước công bố", "Step"),
        "new_password" => pick("Mật khẩu mới", "New password"),
        "current_password" => pick("Mật khẩu hiện tại", "Current password"),
        "pin" => pick("Mã PIN", "PIN"),
        "active" => pick("Trạng thái tài khoản", "Account state"),
        _ => pick("Trường này", "This field"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_the_form_labels_them() {
        assert_eq!(field_words("teams[2].members[1].birth_year", Lang::Vi), "Đội thi 3 › Thành viên 2 › Năm sinh");
        assert_eq!(field_words("team.name", Lang::Vi), "Tên đội thi");
        assert_eq!(field_words("teams[0].name", Lang::Vi), "Đội thi 1 › Tên đội thi");
        assert_eq!(field_words("judges[1]", Lang::Vi), "Giám khảo 2");
        assert_eq!(field_words("team.members[1].birth_year", Lang::Vi), "Thành viên 2 › Năm sinh");
        assert_eq!(field_words("rounds[0].criteria[1].max_points", Lang::En), "Round 1 › Criterion 2 › Maximum");
        assert_eq!(field_words("name", Lang::Vi), "Tên");
        assert_eq!(field_words("deadline", Lang::Vi), "Hạn đăng ký");
    }

    #[test]
    fn no_path_shows_its_wire_name() {
        for path in ["team.members[0].gender", "model.kind", "rounds[3].overtime.per_started_minute", "unit_ids[0]"] {
            let words = field_words(path, Lang::Vi);
            assert!(!words.contains('_') && !words.contains('['), "{path} → {words}");
        }
    }
}
