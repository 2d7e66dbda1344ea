//! Setting a contest up, through the services on both databases: the
//! template, a whole-definition save checked like `POST /contests`, the
//! team import, the draw (audited), the freeze once a round opens, and
//! organisers kept to their own unit's contests.

mod common;

use common::TestDb;
use kheo_domain::contest::Level;
use kheo_domain::i18n::{Lang, Problem};
use kheo_domain::setup::NewContest;
use kheo_service::accounts::auth;
use kheo_service::contests::setup;
use kheo_service::{Actor, Services};

async fn actor(svc: &Services, username: &str, password: &str) -> Actor {
    let (token, _) = auth::sign_in(svc, username, password, auth::Origin::default()).await.expect("signs in");
    auth::authenticate(svc, &token).await.unwrap().expect("session")
}

on_both!(an_organiser_sets_a_contest_up_until_it_begins, |db: TestDb| async move {
    for (name, role) in [("btc", "organiser"), ("btc2", "organiser"), ("gk1", "judge"), ("gk2", "judge")] {
        db.add_user(name, "mat-khau-dai-2026", role);
    }
    let svc = Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    // `user add` gives organisers no unit: each runs the contests he made.
    let btc = actor(&svc, "btc", "mat-khau-dai-2026").await;
    let other = actor(&svc, "btc2", "mat-khau-dai-2026").await;

    let new = NewContest {
        level: Level::Commune,
        name: "Hội thi xã Yên Lạc".into(),
        unit: "Xã Yên Lạc".into(),
        date: None,
        venue: None,
        unit_id: None,
        parent_id: None,
        purpose: None,
    };
    let created = setup::create_from_template(&svc, &btc, &new).await.unwrap();
    let cid = created.id as i32;
    assert_eq!(created.rounds.len(), 4);

    // Import: a bad sheet stores nothing and names line and column.
    let bad = "Tên đội,Đơn vị\nĐội A,\n";
    let report = setup::import_teams(&svc, &btc, cid, "doi.csv", bad.as_bytes(), Lang::Vi).await.unwrap();
    assert_eq!((report.added, report.faults[0].line, report.faults[0].column.as_str()), (0, 2, "Đơn vị"));
    let good = "Tên đội;Đơn vị;Lĩnh vực\nĐội A;Thôn A;Kinh tế\nĐội B;Thôn B;\nĐội C;Thôn C;Quốc phòng - An ninh\n";
    let report = setup::import_teams(&svc, &btc, cid, "doi.csv", good.as_bytes(), Lang::Vi).await.unwrap();
    assert_eq!(report.added, 3);

    // A whole save is checked as a whole; a bad field changes nothing.
    let mut def = setup::view(&svc, &btc, cid).await.unwrap().definition;
    def.judges =
        vec![kheo_domain::api::JudgeDef::Username("gk1".into()), kheo_domain::api::JudgeDef::Username("gk2".into())];
    let mut broken = def.clone();
    broken.rounds[0].criteria[0].max_points = "-3".into();
    let err = setup::replace(&svc, &btc, cid, &broken).await.unwrap_err().into_problem();
    assert!(
        matches!(&err, Problem::InvalidField { field, .. } if field == "rounds[0].criteria[0].max_points"),
        "{err:?}"
    );
    assert!(setup::view(&svc, &btc, cid).await.unwrap().definition.judges.is_empty());
    let saved = setup::replace(&svc, &btc, cid, &def).await.unwrap();
    assert_eq!((saved.definition.judges.len(), saved.definition.rounds.len(), saved.definition.teams.len()), (2, 4, 3));

    // Another unit's organiser can neither read nor change it.
    for err in [
        setup::view(&svc, &other, cid).await.unwrap_err(),
        setup::replace(&svc, &other, cid, &def).await.unwrap_err(),
        setup::draw_running_order(&svc, &other, cid).await.unwrap_err(),
    ] {
        assert_eq!(err.into_problem(), Problem::Forbidden);
    }

    // The draw keeps the teams, renumbers them 1..n and is recorded.
    let drawn = setup::draw_running_order(&svc, &btc, cid).await.unwrap();
    let mut names: Vec<String> = drawn.definition.teams.iter().map(|t| t.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["Đội A", "Đội B", "Đội C"]);
    let log = kheo_service::audit::for_contest(&svc.db, cid).await.unwrap();
    assert!(log.iter().any(|l| l.action == "teams.draw"), "{log:?}");

    // Once a round is open, the shape is fixed.
    // Saving replaced the rounds: ask for their ids again.
    let round = kheo_service::contests::get(&svc, None, cid).await.unwrap().rounds[0].id as i32;
    kheo_service::contests::set_round_state(&svc, &btc, cid, round, "open").await.unwrap();
    for err in [
        setup::replace(&svc, &btc, cid, &def).await.unwrap_err(),
        setup::draw_running_order(&svc, &btc, cid).await.unwrap_err(),
    ] {
        assert_eq!(err.into_problem(), Problem::ContestStarted);
    }
});

on_both!(members_keep_their_rows_and_details_through_draws_and_saves, |db: TestDb| async move {
    use kheo_domain::api::{MemberDef, MemberLine, TeamDef};
    db.add_user("btc", "mat-khau-dai-2026", "organiser");
    db.add_user("gk1", "mat-khau-dai-2026", "judge");
    let svc = Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    let btc = actor(&svc, "btc", "mat-khau-dai-2026").await;
    let new = NewContest {
        level: Level::Commune,
        name: "Hội thi xã Bản Piềng".into(),
        unit: "Xã Bản Piềng".into(),
        date: Some("2026-12-20".into()),
        venue: None,
        unit_id: None,
        parent_id: None,
        purpose: None,
    };
    let cid = setup::create_from_template(&svc, &btc, &new).await.unwrap().id as i32;
    let person = |name: &str, role: &str, year: i32, gender: &str, ethnicity: &str| {
        MemberDef::Line(MemberLine {
            id: None,
            name: name.into(),
            role: role.into(),
            birth_year: Some(year),
            gender: Some(gender.into()),
            ethnicity: Some(ethnicity.into()),
            position: None,
        })
    };
    let mut def = setup::view(&svc, &btc, cid).await.unwrap().definition;
    def.teams = vec![
        TeamDef {
            name: "Đội thôn Bản Piềng".into(),
            unit: "Thôn Bản Piềng".into(),
            members: vec![
                person("Lò Văn Pánh", "captain", 1975, "male", "Thái"),
                person("Cà Thị Ón", "main", 1990, "female", "Thái"),
            ],
            ..TeamDef::default()
        },
        TeamDef {
            name: "Đội thôn Làng Mạ".into(),
            unit: "Thôn Làng Mạ".into(),
            members: vec![
                person("Hoàng Thị Nhung", "captain", 1985, "female", "Tày"),
                person("Nông Văn Dũng", "main", 1999, "male", "Nùng"),
            ],
            ..TeamDef::default()
        },
    ];
    let saved = setup::replace(&svc, &btc, cid, &def).await.unwrap();
    let lines = |v: &kheo_domain::api::SetupView, team: &str| -> Vec<MemberLine> {
        v.definition
            .teams
            .iter()
            .find(|t| t.name == team)
            .unwrap()
            .members
            .iter()
            .map(|m| match m {
                MemberDef::Line(l) => l.clone(),
                MemberDef::Name(n) => panic!("{n} came back without its details"),
            })
            .collect()
    };
    let piềng = lines(&saved, "Đội thôn Bản Piềng");
    let mạ = lines(&saved, "Đội thôn Làng Mạ");
    assert_eq!(piềng[1].birth_year, Some(1990));
    assert!(piềng.iter().chain(&mạ).all(|m| m.id.is_some()));

    // The draw moves teams, never members.
    let drawn = setup::draw_running_order(&svc, &btc, cid).await.unwrap();
    assert_eq!(lines(&drawn, "Đội thôn Bản Piềng"), piềng);
    assert_eq!(lines(&drawn, "Đội thôn Làng Mạ"), mạ);

    // A save that reverses the teams, renames one member and clears
    // another's ethnicity changes exactly that; the rest keep rows and
    // details, and a line without its id keeps the stored details of the
    // member of that name.
    let mut def = drawn.definition.clone();
    def.teams.reverse();
    for t in &mut def.teams {
        for m in &mut t.members {
            if let MemberDef::Line(l) = m {
                if l.name == "Cà Thị Ón" {
                    l.name = "Cà Thị Ỏn".into();
                }
                if l.name == "Nông Văn Dũng" {
                    l.ethnicity = None;
                }
                if l.name == "Hoàng Thị Nhung" {
                    *m = MemberDef::Name("Hoàng Thị Nhung".into());
                }
            }
        }
    }
    let after = setup::replace(&svc, &btc, cid, &def).await.unwrap();
    let mut want_piềng = piềng.clone();
    want_piềng[1].name = "Cà Thị Ỏn".into();
    assert_eq!(lines(&after, "Đội thôn Bản Piềng"), want_piềng);
    let got_mạ = lines(&after, "Đội thôn Làng Mạ");
    assert_eq!(got_mạ[0].id, mạ[0].id, "a name alone finds its member");
    assert_eq!(got_mạ[0].birth_year, Some(1985));
    assert_eq!(got_mạ[0].role, "main", "the line's role is taken");
    assert_eq!(got_mạ[1].ethnicity, None);
    assert_eq!(got_mạ[1].birth_year, Some(1999));

    // The template's knowledge round has no questions: it cannot open, and
    // nothing changes.
    let contest = kheo_service::contests::get(&svc, Some(&btc), cid).await.unwrap();
    assert!(contest.teams.iter().all(|t| t.member_details.is_some()), "the organiser sees the details");
    assert!(
        kheo_service::contests::get(&svc, None, cid).await.unwrap().teams.iter().all(|t| t.member_details.is_none())
    );
    let quiz = contest.rounds.iter().find(|r| r.kind == kheo_domain::contest::RoundKind::Quiz).unwrap().id as i32;
    let err = kheo_service::contests::set_round_state(&svc, &btc, cid, quiz, "open").await.unwrap_err();
    assert!(matches!(err.into_problem(), Problem::RoundIncomplete { .. }));
    assert!(!setup::view(&svc, &btc, cid).await.unwrap().started);
});
