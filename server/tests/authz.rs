//! The authorisation matrix: every API operation and every server function,
//! tried by eight people against one contest, with the answer each must get.
//! The table is checked against what the binary serves (`kheo routes` and
//! the OpenAPI document), so an endpoint added without a row fails here.
//!
//! The people, against contest A of unit U1:
//! - anonymous;
//! - a judge on A's panel (signed in with his password);
//! - a judge on another contest's panel only;
//! - a tablet pass for another contest B, of a judge who also sits on A's
//!   panel: the pass reaches B alone;
//! - the organiser of another unit;
//! - the holder of another unit's registration link (no session: a link
//!   is the only thing it carries, so `{token}` is its own link, and every
//!   other person's `{token}` is a well-formed link that was never issued);
//! - the admin;
//! - A's own organiser, as the control that the door opens for the owner.

mod common;

use common::{Api, TestDb};
use kheo_domain::i18n::{Lang, Problem};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

const PASSWORD: &str = "mat-khau-dai-2026";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Judge,
    OtherJudge,
    OtherPass,
    OtherOrganiser,
    OtherUnitLink,
    Admin,
    Owner,
}

const PEOPLE: [Who; 8] = [
    Who::Anonymous,
    Who::Judge,
    Who::OtherJudge,
    Who::OtherPass,
    Who::OtherOrganiser,
    Who::OtherUnitLink,
    Who::Admin,
    Who::Owner,
];

/// What a request carries besides its path.
enum Body {
    Empty,
    Json(Value),
    /// A server function's default encoding.
    Form(Vec<(&'static str, String)>),
    /// Fields and one file.
    Multipart(Vec<(&'static str, String)>, &'static str, Vec<u8>),
    /// Fields and a photo (part `photos`).
    Photos(Vec<(&'static str, String)>, Vec<u8>),
    /// A body of its own type: a photo sent as itself.
    Raw(&'static str, Vec<u8>),
}

/// The objects of the world the matrix is tried in.
struct World {
    backend: common::Backend,
    cid: i64,
    rid: i64,
    criterion: i64,
    quiz_rid: i64,
    question: i64,
    tid: i64,
    /// A team of the contest no tablet scores here: its paper sheets.
    paper_tid: i64,
    other_cid: i64,
    other_tid: i64,
    judge_id: i64,
    uid: i64,
    iid: i64,
    other_unit_link: String,
    /// A model registered for U1, and another the page's functions move.
    mid: i64,
    mid2: i64,
    /// A call for models to U1: its id, U1's link (the link holder's), a
    /// model sent through it, and three photos of `mid2`.
    call_id: i64,
    call_link: String,
    link_mid: i64,
    photos: [i64; 3],
    made: AtomicUsize,
}

impl World {
    /// A fresh suffix for names that must be unique.
    fn fresh(&self) -> usize {
        self.made.fetch_add(1, Ordering::SeqCst)
    }

    fn token(&self, who: Who) -> String {
        if who == Who::OtherUnitLink { self.other_unit_link.clone() } else { "a".repeat(43) }
    }

    /// A call's link: the link holder's is real, everyone else's made up.
    fn call_token(&self, who: Who) -> String {
        if who == Who::OtherUnitLink { self.call_link.clone() } else { "b".repeat(43) }
    }

    fn contest(&self, n: usize) -> Value {
        json!({
            "name": format!("Hội thi thử quyền số {n}"), "level": "commune", "unit_id": self.uid,
            "unit": "Xã Yên Lạc", "aggregation": "mean",
            "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]}],
            "teams": [{"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị"}],
            "judges": ["gk1"]
        })
    }
}

/// One row: who may do it. Each cell is `ok` (a 2xx that is not a refusal),
/// `refused[:code]` (a 200 whose value is a `Refused`, as the tablet's and
/// the unit form's functions answer), or a status with an optional error
/// code (`403:not_on_panel`); a bare 401, 403 or 404 means `not_signed_in`,
/// `forbidden` or `not_found`. A status other than 401/403/404 on a person
/// who may act says the request passed the door and met a rule of the
/// contest (a round already open, results not final).
struct Row {
    key: String,
    method: Method,
    path: String,
    body: Box<dyn Fn(Who) -> Body>,
    path_of: Option<Box<dyn Fn(Who) -> String>>,
    cells: [&'static str; 8],
}

fn api(
    method: Method,
    template: &str,
    path: String,
    cells: [&'static str; 8],
    body: impl Fn(Who) -> Body + 'static,
) -> Row {
    Row {
        key: format!("{method} {template}"),
        method,
        path: format!("/api/v1{path}"),
        body: Box::new(body),
        path_of: None,
        cells,
    }
}

fn function(name: &str, cells: [&'static str; 8], body: impl Fn(Who) -> Body + 'static) -> Row {
    Row {
        key: format!("fn {name}"),
        method: Method::POST,
        path: String::new(),
        body: Box::new(body),
        path_of: None,
        cells,
    }
}

fn none(_: Who) -> Body {
    Body::Empty
}

fn form(fields: &[(&'static str, String)]) -> Body {
    Body::Form(fields.to_vec())
}

fn contest_form(cid: i64) -> impl Fn(Who) -> Body {
    move |_| form(&[("contest_id", cid.to_string())])
}

// Cells in the order of `PEOPLE`:
// anonymous, judge, other judge, other pass, other organiser, other link, admin, owner.
const PUBLIC: [&str; 8] = ["ok"; 8];
const MANAGE: [&str; 8] = ["401", "403", "403", "403", "403", "401", "ok", "ok"];
const SIGNED_IN: [&str; 8] = ["401", "ok", "ok", "ok", "ok", "401", "ok", "ok"];
const ORGANISERS: [&str; 8] = ["401", "403", "403", "403", "ok", "401", "ok", "ok"];
const ADMIN: [&str; 8] = ["401", "403", "403", "403", "403", "401", "ok", "403"];
const VOTES_HIDDEN: [&str; 8] = [
    "403:votes_hidden",
    "403:votes_hidden",
    "403:votes_hidden",
    "403:votes_hidden",
    "403:votes_hidden",
    "403:votes_hidden",
    "ok",
    "ok",
];
const LINK: [&str; 8] = ["404", "404", "404", "404", "404", "ok", "404", "404"];

fn rows(w: &std::sync::Arc<World>) -> Vec<Row> {
    let (cid, rid, tid) = (w.cid, w.rid, w.tid);
    let sheet_body = {
        let w = w.clone();
        move |_| Body::Json(json!({"scores": {criterion(&w): "15"}}))
    };
    // PostgreSQL's copy is pg_dump's job: the admin passes, and is told so.
    let backup = ADMIN_ONLY_BACKUP[usize::from(w.backend == common::Backend::Sqlite)];
    let mut rows = vec![
        // Reading.
        api(Method::GET, "/openapi.json", "/openapi.json".into(), PUBLIC, none),
        api(Method::GET, "/contests", "/contests".into(), PUBLIC, none),
        api(Method::GET, "/contests/{cid}", format!("/contests/{cid}"), PUBLIC, none),
        api(Method::GET, "/contests/{cid}/leaderboard", format!("/contests/{cid}/leaderboard"), PUBLIC, none),
        api(
            Method::GET,
            "/contests/{cid}/leaderboard/stream",
            format!("/contests/{cid}/leaderboard/stream"),
            PUBLIC,
            none,
        ),
        api(Method::GET, "/units", "/units".into(), PUBLIC, none),
        api(Method::GET, "/statistics", "/statistics?year=2026".into(), PUBLIC, none),
        api(Method::GET, "/statistics.xlsx", "/statistics.xlsx?year=2026".into(), PUBLIC, none),
        api(Method::GET, "/statistics/models", "/statistics/models?year=2026".into(), PUBLIC, none),
        api(Method::GET, "/statistics/models.xlsx", "/statistics/models.xlsx?year=2026".into(), PUBLIC, none),
        api(Method::GET, "/models", "/models?q=hien dat".into(), PUBLIC, none),
        api(Method::GET, "/models/{mid}", format!("/models/{}", w.mid), PUBLIC, none),
        api(
            Method::GET,
            "/models/{mid}/photos/{pid}",
            format!("/models/{}/photos/{}?size=thumb", w.mid2, w.photos[0]),
            PUBLIC,
            none,
        ),
        api(Method::GET, "/model-calls", "/model-calls".into(), SIGNED_IN, none),
        api(Method::GET, "/model-calls/links/{token}", String::new(), LINK, none),
        api(
            Method::GET,
            "/contests/{cid}/rounds/{rid}/sheets",
            format!("/contests/{cid}/rounds/{rid}/sheets"),
            ["401", "ok", "403", "403", "403", "401", "ok", "ok"],
            none,
        ),
        api(Method::GET, "/contests/{cid}/invitations", format!("/contests/{cid}/invitations"), MANAGE, none),
        api(
            Method::GET,
            "/contests/{cid}/invitations/{iid}",
            format!("/contests/{cid}/invitations/{}", w.iid),
            MANAGE,
            none,
        ),
        api(
            Method::GET,
            "/contests/{cid}/registrations.xlsx",
            format!("/contests/{cid}/registrations.xlsx"),
            MANAGE,
            none,
        ),
        api(Method::GET, "/contests/{cid}/results", format!("/contests/{cid}/results"), NOT_FINAL, none),
        api(Method::GET, "/contests/{cid}/results.xlsx", format!("/contests/{cid}/results.xlsx"), NOT_FINAL, none),
        api(Method::GET, "/contests/{cid}/results.csv", format!("/contests/{cid}/results.csv"), NOT_FINAL, none),
        api(Method::GET, "/contests/{cid}/ledger", format!("/contests/{cid}/ledger"), NOT_FINAL, none),
        api(Method::GET, "/contests/{cid}/ceremony", format!("/contests/{cid}/ceremony"), MANAGE, none),
        api(Method::GET, "/backup.db", "/backup.db".into(), backup, none),
        api(Method::GET, "/entries/{token}", String::new(), LINK, none),
        // Writing.
        api(
            Method::PUT,
            "/contests/{cid}/rounds/{rid}/teams/{tid}/sheet",
            format!("/contests/{cid}/rounds/{rid}/teams/{tid}/sheet"),
            PANEL,
            sheet_body,
        ),
        api(
            Method::PUT,
            "/contests/{cid}/rounds/{rid}/teams/{tid}/paper/{judge_id}",
            format!("/contests/{cid}/rounds/{rid}/teams/{}/paper/{}", w.paper_tid, w.judge_id),
            MANAGE,
            {
                let w = w.clone();
                move |_| Body::Json(json!({"scores": {criterion(&w): "12"}}))
            },
        ),
        api(Method::PUT, "/contests/{cid}/conflicts", format!("/contests/{cid}/conflicts"), MANAGE, |_| {
            Body::Json(json!({"conflicts": []}))
        }),
        api(
            Method::PUT,
            "/contests/{cid}/rounds/{rid}/quiz",
            format!("/contests/{cid}/rounds/{}/quiz", w.quiz_rid),
            MANAGE,
            {
                let q = w.question;
                move |_| Body::Json(json!({"question_id": q, "phase": "closed"}))
            },
        ),
        // Nothing is on screen: anyone reaches the rule, nobody plays.
        api(Method::POST, "/contests/{cid}/play", format!("/contests/{cid}/play"), ["409:play_closed"; 8], {
            let q = w.question;
            move |_| Body::Json(json!({"question_id": q, "choice": "A", "nickname": "Khán giả"}))
        }),
        api(Method::GET, "/contests/{cid}/play/leaderboard", format!("/contests/{cid}/play/leaderboard"), PUBLIC, none),
        api(Method::PUT, "/contests/{cid}/vote", format!("/contests/{cid}/vote"), MANAGE, |_| {
            Body::Json(json!({"open": false}))
        }),
        api(
            Method::POST,
            "/contests/{cid}/votes",
            format!("/contests/{cid}/votes"),
            ["409:vote_closed"; 8],
            move |_| Body::Json(json!({"team_id": tid})),
        ),
        // Counts before the vote closes: its organisers only.
        api(Method::GET, "/contests/{cid}/votes", format!("/contests/{cid}/votes"), VOTES_HIDDEN, none),
        api(Method::GET, "/contests/{cid}/votes/addresses", format!("/contests/{cid}/votes/addresses"), MANAGE, none),
        api(Method::POST, "/contests/{cid}/votes/void", format!("/contests/{cid}/votes/void"), MANAGE, |_| {
            Body::Json(json!({"address": "203.0.113.1", "reason": "Thử quyền"}))
        }),
        api(Method::GET, "/time", "/time".into(), PUBLIC, none),
        api(
            Method::PUT,
            "/contests/{cid}/rounds/{rid}/teams/{tid}/overtime",
            format!("/contests/{cid}/rounds/{rid}/teams/{tid}/overtime"),
            MANAGE,
            |_| Body::Json(json!({"seconds": 0})),
        ),
        api(
            Method::PUT,
            "/contests/{cid}/rounds/{rid}/state",
            format!("/contests/{cid}/rounds/{rid}/state"),
            REOPEN,
            |_| Body::Json(json!({"state": "open"})),
        ),
        api(Method::POST, "/contests/{cid}/invitations", format!("/contests/{cid}/invitations"), STARTED, {
            let uid = w.uid;
            move |_| Body::Json(json!({"deadline": "2099-01-01T00:00:00+07:00", "unit_ids": [uid]}))
        }),
        api(
            Method::POST,
            "/contests/{cid}/invitations/{iid}/decision",
            format!("/contests/{cid}/invitations/{}/decision", w.iid),
            STARTED,
            |_| Body::Json(json!({"decision": "return", "reason": "Thiếu danh sách thành viên"})),
        ),
        api(Method::POST, "/contests/{cid}/advance", format!("/contests/{cid}/advance"), STARTED, {
            let (from, team) = (w.other_cid, w.other_tid);
            move |_| Body::Json(json!({"from_contest_id": from, "team_ids": [team]}))
        }),
        api(Method::PUT, "/contests/{cid}/ceremony", format!("/contests/{cid}/ceremony"), MANAGE, |_| {
            Body::Json(json!({"sealed": false}))
        }),
        api(
            Method::POST,
            "/contests/{cid}/ceremony/reveal",
            format!("/contests/{cid}/ceremony/reveal"),
            NOT_SEALED,
            |_| Body::Json(json!({"step": 1})),
        ),
        api(Method::PUT, "/entries/{token}", String::new(), LINK, |_| {
            Body::Json(
                json!({"team": {"name": "Đội xã Thần Sa", "members": [{"name": "Ma Thị Hoa", "role": "captain"}]},
                              "model": {"name": "Dân vận khéo", "field": "economy", "kind": "collective", "summary": ""}}),
            )
        }),
        api(Method::POST, "/entries/{token}/submit", String::new(), LINK, none),
        api(Method::POST, "/units", "/units".into(), ADMIN, {
            let w = w.clone();
            move |_| {
                Body::Json(
                    json!({"name": format!("Thôn thử quyền {}", w.fresh()), "kind": "other", "parent_id": w.uid}),
                )
            }
        }),
        api(Method::POST, "/models", "/models".into(), MANAGE, {
            let uid = w.uid;
            move |_| {
                Body::Json(
                    json!({"unit_id": uid, "year": 2026, "name": "Mô hình thử quyền", "field": "culture_society",
                                  "kind": "individual", "owner": "Bà Nông Thị Hoa", "summary": "Thử."}),
                )
            }
        }),
        api(Method::POST, "/models/{mid}/photos", format!("/models/{}/photos", w.mid), MANAGE, |_| {
            Body::Raw("image/jpeg", common::photo(64, 48))
        }),
        // The admin removes one photo, the model's organiser another.
        api(Method::DELETE, "/models/{mid}/photos/{pid}", String::new(), MANAGE, none),
        api(Method::POST, "/model-calls", "/model-calls".into(), MANAGE, {
            let uid = w.uid;
            move |_| {
                Body::Json(
                    json!({"unit_id": uid, "year": 2026, "deadline": "2099-01-01T00:00:00+07:00", "unit_ids": [uid]}),
                )
            }
        }),
        api(Method::POST, "/model-calls/links/{token}/models", String::new(), LINK, |_| {
            Body::Json(json!({"name": "Mô hình gửi qua đường link", "field": "economy", "kind": "collective",
                              "owner": "Chi bộ thôn", "summary": "Thử."}))
        }),
        api(Method::POST, "/model-calls/links/{token}/models/{mid}/photos", String::new(), LINK, |_| {
            Body::Raw("image/jpeg", common::photo(64, 48))
        }),
        // The admin takes the model one step, its unit's organiser the next.
        api(Method::POST, "/models/{mid}/status", format!("/models/{}/status", w.mid), MANAGE, |who| {
            let to = if who == Who::Owner { "recognised" } else { "implementing" };
            Body::Json(json!({"status": to, "decision": "Quyết định số 1"}))
        }),
        api(Method::PUT, "/units/{uid}", format!("/units/{}", w.uid), ADMIN, |_| {
            Body::Json(json!({"name": "Xã Yên Lạc", "kind": "commune"}))
        }),
        api(Method::POST, "/users", "/users".into(), ORGANISERS, {
            let w = w.clone();
            move |_| {
                Body::Json(json!({"username": format!("gkmoi{}", w.fresh()), "password": PASSWORD,
                                  "display_name": "Giám khảo mới", "role": "judge"}))
            }
        }),
        // The body names unit U1: only its organiser, or the admin, may.
        api(Method::POST, "/contests", "/contests".into(), MANAGE, {
            let w = w.clone();
            move |_| Body::Json(w.contest(w.fresh()))
        }),
        // Anyone may try to sign in; a wrong password is refused to all.
        // Each tries another name, so no account's limit is reached.
        api(Method::POST, "/session", "/session".into(), ["401:invalid_credentials"; 8], |who| {
            Body::Json(json!({"username": format!("khong-co-ai-{who:?}"), "password": "sai-mat-khau-2026"}))
        }),
    ];
    for r in rows.iter_mut().filter(|r| r.key.contains("/model-calls/links/{token}")) {
        let w = w.clone();
        let tail = r.key.split("{token}").nth(1).unwrap_or("").replace("{mid}", &w.link_mid.to_string());
        r.path_of = Some(Box::new(move |who| format!("/api/v1/model-calls/links/{}{tail}", w.call_token(who))));
    }
    for r in rows.iter_mut().filter(|r| r.key == "DELETE /models/{mid}/photos/{pid}") {
        let w = w.clone();
        r.path_of = Some(Box::new(move |who| {
            let pid = if who == Who::Owner { w.photos[2] } else { w.photos[1] };
            format!("/api/v1/models/{}/photos/{pid}", w.mid2)
        }));
    }
    for r in rows.iter_mut().filter(|r| r.key.contains("/entries/{token}")) {
        let w = w.clone();
        let tail = if r.key.ends_with("/submit") { "/submit" } else { "" };
        r.path_of = Some(Box::new(move |who| format!("/api/v1/entries/{}{tail}", w.token(who))));
    }
    rows.extend(functions(w));
    // Last: these end the sessions the rows above use.
    rows.push(api(Method::DELETE, "/session", "/session".into(), SIGNED_IN, none));
    rows.push(function("sign_out", PUBLIC, none));
    rows
}

/// Only a judge on the contest's panel.
const PANEL: [&str; 8] = [
    "401",
    "ok",
    "403:not_on_panel",
    "403:not_on_panel",
    "403:not_on_panel",
    "401",
    "403:not_on_panel",
    "403:not_on_panel",
];
const NOT_FINAL: [&str; 8] = [
    "409:results_not_final",
    "409:results_not_final",
    "409:results_not_final",
    "409:results_not_final",
    "409:results_not_final",
    "409:results_not_final",
    "ok",
    "ok",
];
/// Kept for the ceremony only once sealed: the owner passes, and is told so.
const NOT_SEALED: [&str; 8] = ["401", "403", "403", "403", "403", "401", "422:invalid_field", "422:invalid_field"];
/// A round already open: the owner passes, and is told it is open.
const REOPEN: [&str; 8] =
    ["401", "403", "403", "403", "403", "401", "409:invalid_transition", "409:invalid_transition"];
/// The organiser's results page: before the results are final, a signed-in
/// person who does not manage the contest is told they are not final.
const RESULTS_DESK: [&str; 8] = [
    "401",
    "409:results_not_final",
    "409:results_not_final",
    "409:results_not_final",
    "409:results_not_final",
    "401",
    "ok",
    "ok",
];
/// The tablet's own sheet call answers a refusal as a value its outbox
/// reads (`Refused` with a code), never as a transport error.
const TABLET: [&str; 8] = [
    "refused:not_signed_in",
    "ok",
    "refused:not_on_panel",
    "refused:not_on_panel",
    "refused:not_on_panel",
    "refused:not_signed_in",
    "refused:not_on_panel",
    "refused:not_on_panel",
];
/// The unit's form saves by its link and answers a refusal as a value.
const LINK_FORM: [&str; 8] = ["refused", "refused", "refused", "refused", "refused", "ok", "refused", "refused"];
const STARTED: [&str; 8] = ["401", "403", "403", "403", "403", "401", "409:contest_started", "409:contest_started"];
const ADMIN_ONLY_BACKUP: [[&str; 8]; 2] = [
    ["401", "403", "403", "403", "403", "401", "409:backup_elsewhere", "403"],
    ["401", "403", "403", "403", "403", "401", "ok", "403"],
];

fn criterion(w: &World) -> String {
    w.criterion.to_string()
}

/// The web pages' server functions.
fn functions(w: &std::sync::Arc<World>) -> Vec<Row> {
    let (cid, rid, tid) = (w.cid, w.rid, w.tid);
    let c = cid.to_string();
    let csv = "Tên đơn vị,Loại,Đơn vị cấp trên\n".as_bytes().to_vec();
    vec![
        function("list_contests", PUBLIC, none),
        function("whoami", PUBLIC, none),
        // Says something to organisers and admins only; nothing to others.
        function("disk_warning", PUBLIC, none),
        function("get_standings", PUBLIC, move |_| form(&[("id", cid.to_string())])),
        function("search_archive", PUBLIC, |_| form(&[("q", String::new())])),
        function("load_statistics", PUBLIC, |_| form(&[("year", "2026".into())])),
        function("load_units", PUBLIC, none),
        function("public_results", NOT_FINAL, contest_form(cid)),
        function("contest_ledger", NOT_FINAL, contest_form(cid)),
        function("load_record", NOT_FINAL, contest_form(cid)),
        // Nobody's panels are the empty list.
        function("my_panels", PUBLIC, none),
        function("load_desk", PANEL, contest_form(cid)),
        function("submit_sheet", TABLET, {
            let w = w.clone();
            move |_| {
                Body::Json(json!({"contest_id": cid, "round_id": rid, "team_id": tid,
                                  "scores": {criterion(&w): "16"}, "client_version": 0}))
            }
        }),
        function("my_contests", ORGANISERS, none),
        function("new_contest_choices", ORGANISERS, none),
        // Offered to the admin; to an organiser it is `null`.
        function("backup_offer", ORGANISERS, none),
        function("load_accounts", ORGANISERS, none),
        function("managed_contest", MANAGE, contest_form(cid)),
        // Named, the contest's own checklist: for those who run it.
        function("load_checklist", MANAGE, contest_form(cid)),
        function("get_setup", MANAGE, contest_form(cid)),
        function("load_board", MANAGE, move |_| {
            form(&[("contest_id", cid.to_string()), ("round_id", rid.to_string())])
        }),
        function("audit_log", MANAGE, contest_form(cid)),
        function("load_paper_desk", MANAGE, contest_form(cid)),
        function("save_conflicts", MANAGE, move |_| Body::Json(json!({"contest_id": cid, "conflicts": []}))),
        function("cue_quiz", MANAGE, {
            let (quiz_rid, q) = (w.quiz_rid, w.question);
            move |_| {
                form(&[
                    ("contest_id", cid.to_string()),
                    ("round_id", quiz_rid.to_string()),
                    ("question_id", q.to_string()),
                    ("phase", "closed".into()),
                ])
            }
        }),
        function("quiz_rounds", MANAGE, contest_form(cid)),
        // The audience's game is public; the console's copy is for organisers.
        function("audience_game", ORGANISERS, contest_form(cid)),
        function("vote_desk", MANAGE, contest_form(cid)),
        function("switch_vote", MANAGE, move |_| {
            form(&[("contest_id", cid.to_string()), ("open", "false".into()), ("prize_name", String::new())])
        }),
        function("void_votes", MANAGE, move |_| {
            form(&[("contest_id", cid.to_string()), ("address", "203.0.113.1".into()), ("reason", "Thử quyền".into())])
        }),
        function("type_paper", MANAGE, {
            let w = w.clone();
            move |_| {
                // The form's key names the criterion: made once, for the table.
                let key: &'static str = Box::leak(format!("scores[{}]", criterion(&w)).into_boxed_str());
                form(&[
                    ("contest_id", cid.to_string()),
                    ("round_id", rid.to_string()),
                    ("team_id", w.paper_tid.to_string()),
                    ("judge_id", w.judge_id.to_string()),
                    (key, "11".into()),
                ])
            }
        }),
        function("judge_passes", MANAGE, contest_form(cid)),
        function("load_registrations", MANAGE, contest_form(cid)),
        function("load_invitation", MANAGE, {
            let iid = w.iid;
            move |_| form(&[("contest_id", cid.to_string()), ("invitation_id", iid.to_string())])
        }),
        function("load_results", RESULTS_DESK, contest_form(cid)),
        function("load_paperwork", MANAGE, contest_form(cid)),
        function("load_ceremony", MANAGE, contest_form(cid)),
        function("load_sources", MANAGE, contest_form(cid)),
        function("load_source", ORGANISERS, {
            let from = w.other_cid;
            move |_| form(&[("from_id", from.to_string())])
        }),
        function("load_entry", LINK, {
            let w = w.clone();
            move |who| form(&[("token", w.token(who))])
        }),
        function("entry_models", LINK, {
            let w = w.clone();
            move |who| form(&[("token", w.token(who))])
        }),
        function("read_member_sheet", LINK, {
            let w = w.clone();
            let csv = csv.clone();
            move |who| Body::Multipart(vec![("token", w.token(who))], "thanh-vien.csv", csv.clone())
        }),
        function("save_entry", LINK_FORM, {
            let w = w.clone();
            move |who| {
                Body::Json(json!({"token": w.token(who), "submit": false,
                    "entry": {"team": {"name": "Đội xã Thần Sa", "members": [{"name": "Ma Thị Hoa", "role": "captain"}]},
                              "model": {"name": "Dân vận khéo", "field": "economy", "kind": "collective", "summary": ""}}}))
            }
        }),
        // A pass that was never issued, another for each person.
        function("redeem_pass", ["401:pass_not_valid"; 8], |who| {
            form(&[("token", format!("{:b<43}", format!("{who:?}"))), ("pin", "000000".into())])
        }),
        function("sign_in", ["401:invalid_credentials"; 8], |who| {
            form(&[("username", format!("khong-co-ai-nua-{who:?}")), ("password", "sai-mat-khau-2026".into())])
        }),
        // Writing.
        function("mark_answer", MANAGE, {
            let (qrid, q) = (w.quiz_rid, w.question);
            move |_| {
                form(&[
                    ("contest_id", cid.to_string()),
                    ("round_id", qrid.to_string()),
                    ("team_id", tid.to_string()),
                    ("question_id", q.to_string()),
                    ("correct", "true".into()),
                ])
            }
        }),
        function("call_on_stage", MANAGE, move |_| {
            form(&[("contest_id", cid.to_string()), ("round_id", rid.to_string()), ("team_id", tid.to_string())])
        }),
        function("change_round_state", REOPEN, move |_| {
            form(&[("contest_id", cid.to_string()), ("round_id", rid.to_string()), ("state", "open".into())])
        }),
        function("issue_passes", MANAGE, contest_form(cid)),
        // A weak password changes nothing for those allowed to set it; gk1
        // sits on both units' panels, so only the admin may touch him.
        function("reset_account_password", ["401", "403", "403", "403", "403", "401", "422:weak_password", "403"], {
            let judge = w.judge_id;
            move |_| form(&[("user_id", judge.to_string()), ("password", "ngan".into())])
        }),
        // Renaming the panel's judge to the name he has.
        function("update_account", ADMIN, {
            let judge = w.judge_id;
            move |_| Body::Json(json!({"user_id": judge, "edit": {"display_name": "Giám khảo Một"}}))
        }),
        // A wrong current password changes nothing.
        function(
            "change_password",
            [
                "401",
                "422:invalid_field",
                "422:invalid_field",
                "422:invalid_field",
                "422:invalid_field",
                "401",
                "422:invalid_field",
                "422:invalid_field",
            ],
            |_| form(&[("current", "khong-phai-mat-khau".into()), ("new_password", "mat-khau-moi-2026".into())]),
        ),
        function("reprint_passes", MANAGE, contest_form(cid)),
        function("load_round_gaps", MANAGE, move |_| {
            form(&[("contest_id", cid.to_string()), ("round_id", rid.to_string())])
        }),
        function("revoke_pass", MANAGE, {
            let judge = w.judge_id;
            move |_| form(&[("contest_id", cid.to_string()), ("judge_id", judge.to_string())])
        }),
        function("correct_team", MANAGE, move |_| {
            Body::Json(json!({"contest_id": cid, "team_id": tid,
                "fix": {"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị", "members": []}}))
        }),
        function("save_paperwork", MANAGE, move |_| {
            Body::Json(json!({"contest_id": cid, "paperwork": {"place": "Nhà văn hoá xã Yên Lạc"}}))
        }),
        function("seal_results", MANAGE, move |_| form(&[("contest_id", cid.to_string()), ("sealed", "false".into())])),
        // The contest has no side prize to hand over.
        function(
            "give_prize",
            ["401", "403", "403", "403", "403", "401", "422:invalid_field", "422:invalid_field"],
            move |_| {
                form(&[
                    ("contest_id", cid.to_string()),
                    ("prize", "0".into()),
                    ("team_id", tid.to_string()),
                    ("given", "true".into()),
                ])
            },
        ),
        function("reveal_prize", NOT_SEALED, move |_| form(&[("contest_id", cid.to_string()), ("step", "1".into())])),
        function("invite_units", STARTED, {
            let uid = w.uid;
            move |_| Body::Json(json!({"contest_id": cid, "deadline": "2099-01-01T00:00:00+07:00", "unit_ids": [uid]}))
        }),
        function("decide_entry", STARTED, {
            let iid = w.iid;
            move |_| {
                form(&[
                    ("contest_id", cid.to_string()),
                    ("invitation_id", iid.to_string()),
                    ("decision", "return".into()),
                    ("reason", "Thiếu danh sách".into()),
                ])
            }
        }),
        function("send_teams", STARTED, {
            let (from, team) = (w.other_cid, w.other_tid);
            move |_| Body::Json(json!({"contest_id": cid, "request": {"from_contest_id": from, "team_ids": [team]}}))
        }),
        function("make_clusters", MANAGE, move |_| Body::Json(json!({"contest_id": cid, "names": ["Cụm 1"]}))),
        function("take_from_clusters", MANAGE, move |_| form(&[("contest_id", cid.to_string()), ("n", "1".into())])),
        function("save_setup", STARTED, {
            let w = w.clone();
            move |_| Body::Json(json!({"contest_id": cid, "definition": w.contest(0)}))
        }),
        function("draw_running_order", STARTED, contest_form(cid)),
        function("import_team_sheet", STARTED, {
            let csv =
                "Tên đội,Đơn vị,Thành viên\nĐội thôn Làng Chẽ,Chi bộ thôn Làng Chẽ,Lý Văn Hùng\n".as_bytes().to_vec();
            move |_| Body::Multipart(vec![("contest_id", c.clone())], "doi-thi.csv", csv.clone())
        }),
        function("withdraw_team", MANAGE, {
            let t = w.tid;
            move |_| {
                form(&[("contest_id", cid.to_string()), ("team_id", t.to_string()), ("reason", "Thử quyền".into())])
            }
        }),
        function("save_unit", ADMIN, {
            let w = w.clone();
            move |_| {
                Body::Json(
                    json!({"unit_id": null, "unit": {"name": format!("Thôn thử {}", w.fresh()), "kind": "other", "parent_id": w.uid}}),
                )
            }
        }),
        function("search_models", PUBLIC, |_| {
            form(&[
                ("field", String::new()),
                ("kind", String::new()),
                ("status", String::new()),
                ("q", "hien dat".into()),
            ])
        }),
        function("load_model", PUBLIC, {
            let mid = w.mid;
            move |_| form(&[("id", mid.to_string())])
        }),
        function("load_model_statistics", PUBLIC, |_| form(&[("year", "2026".into())])),
        function("load_my_models", SIGNED_IN, none),
        function("load_calls", SIGNED_IN, none),
        function("start_call", MANAGE, {
            let uid = w.uid;
            move |_| {
                Body::Json(json!({"call": {"unit_id": uid, "year": 2026, "title": "", "deadline": "2099-01-01T00:00",
                                           "unit_ids": [uid]}}))
            }
        }),
        function("load_call", MANAGE, {
            let id = w.call_id;
            move |_| form(&[("id", id.to_string())])
        }),
        function("load_call_link", LINK, {
            let w = w.clone();
            move |who| form(&[("token", w.call_token(who))])
        }),
        function("send_model_by_link", LINK, {
            let w = w.clone();
            move |who| {
                Body::Photos(
                    vec![
                        ("token", w.call_token(who)),
                        ("name", "Mô hình gửi từ điện thoại".into()),
                        ("field", "economy".into()),
                        ("kind", "individual".into()),
                        ("owner", "Bà Hà Thị Mai".into()),
                        ("summary", "Thử.".into()),
                    ],
                    common::photo(64, 48),
                )
            }
        }),
        function("register_model", MANAGE, {
            let uid = w.uid;
            move |_| {
                Body::Photos(
                    vec![
                        ("unit_id", uid.to_string()),
                        ("year", "2026".into()),
                        ("name", "Mô hình thử hàm".into()),
                        ("field", "economy".into()),
                        ("kind", "collective".into()),
                        ("owner", "Chi bộ".into()),
                        ("summary", "Thử.".into()),
                    ],
                    common::photo(64, 48),
                )
            }
        }),
        // The admin takes the model one step, its unit's organiser the next.
        function("move_model", MANAGE, {
            let mid = w.mid2;
            move |who| {
                let to = if who == Who::Owner { "recognised" } else { "implementing" };
                Body::Json(json!({"id": mid, "change": {"status": to, "decision": null}}))
            }
        }),
        // Another unit's organiser is told, cell by cell, that the unit is not his.
        function("import_models", ORGANISERS, |_| {
            let sheet = "Đơn vị,Năm,Tên mô hình,Lĩnh vực,Loại,Chủ thể,Tóm tắt\nXã Yên Lạc,2026,Mô hình nhập,Kinh tế,Tập thể,Chi bộ,Thử.\n";
            Body::Multipart(vec![], "mo-hinh.csv", sheet.as_bytes().to_vec())
        }),
        function("import_units", ADMIN, |_| {
            Body::Multipart(vec![], "don-vi.csv", "Tên đơn vị,Loại,Đơn vị cấp trên\n".as_bytes().to_vec())
        }),
        function("add_account", ORGANISERS, {
            let w = w.clone();
            move |_| {
                Body::Json(json!({"user": {"username": format!("gkfn{}", w.fresh()), "password": PASSWORD,
                                           "display_name": "Giám khảo mới", "role": "judge"}}))
            }
        }),
        // The body names unit U1: only its organiser, or the admin, may.
        function("create_contest", MANAGE, {
            let w = w.clone();
            move |_| {
                Body::Json(json!({"new": {"level": "commune", "name": format!("Hội thi mẫu thử quyền {}", w.fresh()),
                                          "unit": "Xã Yên Lạc", "unit_id": w.uid}}))
            }
        }),
    ]
}

/// Each person's way in: a browser with its own cookies.
struct People {
    clients: Vec<(Who, Api)>,
}

impl People {
    fn of(&self, who: Who) -> &Api {
        &self.clients.iter().find(|(w, _)| *w == who).unwrap().1
    }
}

async fn created(r: reqwest::Response) -> Value {
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{status} {body}");
    body
}

/// Units U1 and U2, their organisers, contest A of U1 (a judged round open,
/// a quiz round) and contest B of U2, gk1 on both panels, gk2 on B's, a
/// tablet pass of gk1 for B, and U2's link to register for A.
async fn world(db: &TestDb, server: &common::Server) -> (std::sync::Arc<World>, People) {
    db.add_user("admin", PASSWORD, "admin");
    for (name, role) in [("gk1", "judge"), ("gk2", "judge")] {
        db.add_user(name, PASSWORD, role);
    }
    let admin = server.client();
    admin.sign_in("admin", PASSWORD).await;
    let unit = |name: &str| json!({"name": name, "kind": "commune"});
    let u1 = created(admin.post("/units", &unit("Xã Yên Lạc")).await).await["id"].as_i64().unwrap();
    let u2 = created(admin.post("/units", &unit("Xã Phú Thượng")).await).await["id"].as_i64().unwrap();
    for (name, uid) in [("btc", u1), ("btc2", u2)] {
        let user =
            json!({"username": name, "password": PASSWORD, "display_name": name, "role": "organiser", "unit_id": uid});
        created(admin.post("/users", &user).await).await;
    }
    let owner = server.client();
    owner.sign_in("btc", PASSWORD).await;
    let other_organiser = server.client();
    other_organiser.sign_in("btc2", PASSWORD).await;

    let a = created(
        owner
            .post(
                "/contests",
                &json!({
                    "name": "Hội thi Dân vận khéo xã Yên Lạc", "level": "commune", "unit_id": u1, "unit": "Xã Yên Lạc",
                    "aggregation": "mean", "date": "2026-10-15",
                    "rounds": [
                        {"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]},
                        {"name": "Kiến thức", "kind": "quiz",
                         "questions": [{"prompt": "Dân vận khéo là gì?", "options": ["A", "B"], "answer": "A", "points": "10"}]}
                    ],
                    "teams": [{"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị"},
                              {"name": "Đội thôn Bản Chang", "unit": "Chi bộ thôn Bản Chang"}],
                    "judges": ["gk1"]
                }),
            )
            .await,
    )
    .await;
    let b = created(
        other_organiser
            .post(
                "/contests",
                &json!({
                    "name": "Hội thi Dân vận khéo xã Phú Thượng", "level": "commune", "unit_id": u2, "unit": "Xã Phú Thượng",
                    "aggregation": "mean", "date": "2026-10-16",
                    "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]}],
                    "teams": [{"name": "Đội thôn Tiền Phong", "unit": "Chi bộ thôn Tiền Phong"}],
                    "judges": ["gk1", "gk2"]
                }),
            )
            .await,
    )
    .await;
    let (cid, other_cid) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());

    // Both units are invited to A before it starts; U2's link is the stranger's.
    let invited = created(
        owner
            .post(
                &format!("/contests/{cid}/invitations"),
                &json!({"deadline": "2099-01-01T00:00:00+07:00", "unit_ids": [u1, u2]}),
            )
            .await,
    )
    .await;
    let invitation =
        |uid: i64| invited["invitations"].as_array().unwrap().iter().find(|i| i["unit_id"] == uid).unwrap().clone();
    let (iid, other_unit_link) =
        (invitation(u1)["id"].as_i64().unwrap(), invitation(u2)["token"].as_str().unwrap().to_string());

    for (c, client) in [(&a, &owner), (&b, &other_organiser)] {
        let path = format!("/contests/{}/rounds/{}/state", c["id"], c["rounds"][0]["id"]);
        created(client.put(&path, &json!({"state": "open"})).await).await;
    }
    let quiz = format!("/contests/{cid}/rounds/{}/state", a["rounds"][1]["id"]);
    created(owner.put(&quiz, &json!({"state": "open"})).await).await;

    let model = json!({"unit_id": u1, "year": 2026, "name": "Dân vận khéo trong hiến đất làm đường", "field": "economy",
                       "kind": "collective", "owner": "Chi bộ thôn Nà Vị", "summary": "Vận động hiến đất."});
    let mid = created(owner.post("/models", &model).await).await["id"].as_i64().unwrap();
    let mid2 = created(owner.post("/models", &model).await).await["id"].as_i64().unwrap();
    let mut photos = [0; 3];
    for p in &mut photos {
        let r = owner.post_bytes(&format!("/models/{mid2}/photos"), "image/jpeg", common::photo(80, 60)).await;
        *p = created(r).await["id"].as_i64().unwrap();
    }
    let call = created(
        owner
            .post(
                "/model-calls",
                &json!({"unit_id": u1, "year": 2026, "deadline": "2099-01-01T00:00:00+07:00", "unit_ids": [u1]}),
            )
            .await,
    )
    .await;
    let call_link = call["links"][0]["token"].as_str().unwrap().to_string();
    let sent = json!({"name": "Mô hình của thôn", "field": "economy", "kind": "collective", "owner": "Chi bộ", "summary": "Thử."});
    let link_mid = created(owner.post(&format!("/model-calls/links/{call_link}/models"), &sent).await).await["id"]
        .as_i64()
        .unwrap();

    let judge = server.client();
    let judge_view = judge.sign_in("gk1", PASSWORD).await;
    let other_judge = server.client();
    other_judge.sign_in("gk2", PASSWORD).await;

    // gk1's tablet pass for B.
    let svc = kheo_service::Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    let (btc2, _) =
        kheo_service::accounts::auth::sign_in(&svc, "btc2", PASSWORD, kheo_service::accounts::auth::Origin::default())
            .await
            .unwrap();
    let btc2 = kheo_service::accounts::auth::authenticate(&svc, &btc2).await.unwrap().unwrap();
    let passes = kheo_service::judging::issue_passes(&svc, &btc2, other_cid as i32, None).await.unwrap();
    let pass = passes.iter().find(|p| p.username == "gk1").unwrap();
    let token = pass.link_path.strip_prefix("/j/").unwrap();
    let (session, _) =
        kheo_service::judging::redeem(&svc, token, &pass.pin, kheo_service::accounts::auth::Origin::default())
            .await
            .unwrap();
    let tablet = server.client_with_cookie(&format!("kheo_session={session}"));

    let w = World {
        backend: db.backend,
        cid,
        rid: a["rounds"][0]["id"].as_i64().unwrap(),
        criterion: a["rounds"][0]["criteria"][0]["id"].as_i64().unwrap(),
        quiz_rid: a["rounds"][1]["id"].as_i64().unwrap(),
        question: a["rounds"][1]["questions"][0]["id"].as_i64().unwrap(),
        tid: a["teams"][0]["id"].as_i64().unwrap(),
        paper_tid: a["teams"][1]["id"].as_i64().unwrap(),
        other_cid,
        other_tid: b["teams"][0]["id"].as_i64().unwrap(),
        judge_id: judge_view["user"]["id"].as_i64().unwrap(),
        uid: u1,
        iid,
        other_unit_link,
        mid,
        mid2,
        call_id: call["id"].as_i64().unwrap(),
        call_link,
        link_mid,
        photos,
        made: AtomicUsize::new(0),
    };
    let people = People {
        clients: vec![
            (Who::Anonymous, server.client()),
            (Who::Judge, judge),
            (Who::OtherJudge, other_judge),
            (Who::OtherPass, tablet),
            (Who::OtherOrganiser, other_organiser),
            (Who::OtherUnitLink, server.client()),
            (Who::Admin, admin),
            (Who::Owner, owner),
        ],
    };
    (std::sync::Arc::new(w), people)
}

/// What the binary serves: `METHOD /path` of every API operation in the
/// OpenAPI document, and `fn name` of every server function.
async fn served(db: &TestDb, anyone: &Api) -> BTreeSet<String> {
    let out = db.kheo(&["routes"], "");
    assert!(out.status.success(), "kheo routes: {}", String::from_utf8_lossy(&out.stderr));
    let routes: Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc: Value = anyone.get("/openapi.json").await.json().await.unwrap();
    let documented: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let routed: BTreeSet<String> =
        routes["api"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    assert_eq!(documented, routed, "the OpenAPI document lists exactly the router's paths");
    let mut keys = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|m| *m != "parameters") {
            keys.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    for f in routes["server_functions"].as_array().unwrap() {
        assert_eq!(f["method"], "POST", "{f}");
        keys.insert(format!("fn {}", f["name"].as_str().unwrap()));
    }
    keys
}

/// Where each server function is served, by name.
fn function_paths(db: &TestDb) -> std::collections::BTreeMap<String, String> {
    let routes: Value = serde_json::from_slice(&db.kheo(&["routes"], "").stdout).unwrap();
    routes["server_functions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), f["path"].as_str().unwrap().to_string()))
        .collect()
}

async fn send(api: &Api, method: &Method, path: &str, body: Body) -> reqwest::Response {
    let root = api.base.trim_end_matches("/api/v1");
    let req = api.http.request(method.clone(), format!("{root}{path}"));
    let req = match body {
        Body::Empty if *method == Method::GET => req,
        Body::Empty => req.header(
            "content-type",
            if path.starts_with("/api/v1") { "application/json" } else { "application/x-www-form-urlencoded" },
        ),
        Body::Json(v) => req.json(&v),
        Body::Form(fields) => req.form(&fields),
        Body::Multipart(fields, name, bytes) => {
            let mut parts = reqwest::multipart::Form::new();
            for (k, v) in fields {
                parts = parts.text(k, v);
            }
            parts = parts.part("file", reqwest::multipart::Part::bytes(bytes).file_name(name));
            req.multipart(parts)
        }
        Body::Photos(fields, bytes) => {
            let mut parts = reqwest::multipart::Form::new();
            for (k, v) in fields {
                parts = parts.text(k, v);
            }
            let photo = reqwest::multipart::Part::bytes(bytes).file_name("anh.jpg").mime_str("image/jpeg").unwrap();
            req.multipart(parts.part("photos", photo))
        }
        Body::Raw(content_type, bytes) => req.header("content-type", content_type).body(bytes),
    };
    req.send().await.unwrap()
}

/// Whether a response is what a cell says; the reason when it is not.
async fn check(cell: &str, r: reqwest::Response, function: bool) -> Result<(), String> {
    let status = r.status();
    if cell == "ok" || cell.starts_with("refused") {
        let body = text(r).await;
        let refused = serde_json::from_str::<Value>(&body).ok().and_then(|v| v.get("Refused").cloned());
        let wanted = cell.strip_prefix("refused").map(|c| c.trim_start_matches(':'));
        return match (status.is_success(), refused, wanted) {
            (true, None, None) => Ok(()),
            (true, Some(_), Some("")) => Ok(()),
            (true, Some(r), Some(code)) if r["code"] == code => Ok(()),
            _ => Err(format!("{status} {body}")),
        };
    }
    let (want, code) = match cell.split_once(':') {
        Some((s, c)) => (s.parse::<u16>().unwrap(), c),
        None => {
            let s = cell.parse::<u16>().unwrap();
            (
                s,
                match s {
                    401 => "not_signed_in",
                    403 => "forbidden",
                    404 => "not_found",
                    _ => unreachable!("{cell}"),
                },
            )
        }
    };
    if status.as_u16() != want {
        return Err(format!("{status} {}", text(r).await));
    }
    let body = text(r).await;
    if function {
        // A server function's error is its message; the code's message in
        // Vietnamese, which these requests ask for by default.
        let message = problem_of(code).map(|p| p.message(Lang::Vi));
        match message {
            Some(m) if !body.contains(&m) => Err(format!("{status} {body} (wanted {m})")),
            _ => Ok(()),
        }
    } else {
        let v: Value = serde_json::from_str(&body).map_err(|_| format!("{status} {body}"))?;
        if v["error"]["code"] == code { Ok(()) } else { Err(format!("{status} {body}")) }
    }
}

async fn text(r: reqwest::Response) -> String {
    // Enough to read a refusal; a stream or a workbook is not read to its end.
    use futures::StreamExt;
    let mut bytes = Vec::new();
    let mut body = r.bytes_stream();
    while bytes.len() < 600 {
        match tokio::time::timeout(std::time::Duration::from_millis(500), body.next()).await {
            Ok(Some(Ok(chunk))) => bytes.extend_from_slice(&chunk),
            _ => break,
        }
    }
    String::from_utf8_lossy(&bytes).chars().take(300).collect()
}

fn problem_of(code: &str) -> Option<Problem> {
    match code {
        "not_signed_in" => Some(Problem::NotSignedIn),
        "forbidden" => Some(Problem::Forbidden),
        "not_on_panel" => Some(Problem::NotOnPanel),
        "invalid_credentials" => Some(Problem::InvalidCredentials),
        _ => None,
    }
}

on_both!(every_endpoint_answers_each_person_as_the_table_says, |db: TestDb| async move {
    let server = db.serve().await;
    let (w, people) = world(&db, &server).await;
    let table = rows(&w);
    let paths = function_paths(&db);

    // The table and what is served name the same things, once each.
    let keys: Vec<&str> = table.iter().map(|r| r.key.as_str()).collect();
    let in_table: BTreeSet<String> = keys.iter().map(|k| k.to_string()).collect();
    assert_eq!(in_table.len(), keys.len(), "a row is written twice");
    let served = served(&db, people.of(Who::Anonymous)).await;
    let missing: Vec<_> = served.difference(&in_table).collect();
    let extra: Vec<_> = in_table.difference(&served).collect();
    assert!(missing.is_empty() && extra.is_empty(), "rows missing for {missing:?}; rows for nothing served: {extra:?}");

    let mut wrong = Vec::new();
    let mut tried = 0;
    for row in &table {
        let function = row.key.starts_with("fn ");
        // Refusals first: a person who may act changes things last.
        let mut order: Vec<usize> = (0..PEOPLE.len()).collect();
        order.sort_by_key(|&i| row.cells[i] == "ok");
        for i in order {
            let who = PEOPLE[i];
            let path = match (&row.path_of, function) {
                (Some(p), _) => p(who),
                (None, true) => paths[row.key.trim_start_matches("fn ")].clone(),
                (None, false) => row.path.clone(),
            };
            let r = send(people.of(who), &row.method, &path, (row.body)(who)).await;
            tried += 1;
            if let Err(got) = check(row.cells[i], r, function).await {
                wrong.push(format!("{} as {who:?}: wanted {}, got {got}", row.key, row.cells[i]));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {tried} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(tried, table.len() * PEOPLE.len());
});
