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
    let (token, _) =
        auth::sign_in(&svc.db, &svc.throttle, username, password, auth::Origin::default()).await.expect("signs in");
    auth::authenticate(&svc.db, &token).await.unwrap().expect("session")
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
    };
    let created = setup::create_from_template(&svc.db, &btc, &new).await.unwrap();
    let cid = created.id as i32;
    assert_eq!(created.rounds.len(), 4);

    // Import: a bad sheet stores nothing and names line and column.
    let bad = "Tên đội,Đơn vị\nĐội A,\n";
    let report = setup::import_teams(&svc.db, &svc.hub, &btc, cid, "doi.csv", bad.as_bytes(), Lang::Vi).await.unwrap();
    assert_eq!((report.added, report.faults[0].line, report.faults[0].column.as_str()), (0, 2, "Đơn vị"));
    let good = "Tên đội;Đơn vị;Lĩnh vực\nĐội A;Thôn A;Kinh tế\nĐội B;Thôn B;\nĐội C;Thôn C;Quốc phòng - An ninh\n";
    let report = setup::import_teams(&svc.db, &svc.hub, &btc, cid, "doi.csv", good.as_bytes(), Lang::Vi).await.unwrap();
    assert_eq!(report.added, 3);

    // A whole save is checked as a whole; a bad field changes nothing.
    let mut def = setup::view(&svc.db, &btc, cid).await.unwrap().definition;
    def.judges =
        vec![kheo_domain::api::JudgeDef::Username("gk1".into()), kheo_domain::api::JudgeDef::Username("gk2".into())];
    let mut broken = def.clone();
    broken.rounds[0].criteria[0].max_points = "-3".into();
    let err = setup::replace(&svc.db, &svc.hub, &btc, cid, &broken).await.unwrap_err().into_problem();
    assert!(
        matches!(&err, Problem::InvalidField { field, .. } if field == "rounds[0].criteria[0].max_points"),
        "{err:?}"
    );
    assert!(setup::view(&svc.db, &btc, cid).await.unwrap().definition.judges.is_empty());
    let saved = setup::replace(&svc.db, &svc.hub, &btc, cid, &def).await.unwrap();
    assert_eq!((saved.definition.judges.len(), saved.definition.rounds.len(), saved.definition.teams.len()), (2, 4, 3));

    // Another unit's organiser can neither read nor change it.
    for err in [
        setup::view(&svc.db, &other, cid).await.unwrap_err(),
        setup::replace(&svc.db, &svc.hub, &other, cid, &def).await.unwrap_err(),
        setup::draw_running_order(&svc.db, &svc.hub, &other, cid).await.unwrap_err(),
    ] {
        assert_eq!(err.into_problem(), Problem::Forbidden);
    }

    // The draw keeps the teams, renumbers them 1..n and is recorded.
    let drawn = setup::draw_running_order(&svc.db, &svc.hub, &btc, cid).await.unwrap();
    let mut names: Vec<String> = drawn.definition.teams.iter().map(|t| t.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["Đội A", "Đội B", "Đội C"]);
    let log = kheo_service::audit::for_contest(&svc.db, cid).await.unwrap();
    assert!(log.iter().any(|l| l.action == "teams.draw"), "{log:?}");

    // Once a round is open, the shape is fixed.
    // Saving replaced the rounds: ask for their ids again.
    let round = kheo_service::contests::get(&svc.db, cid).await.unwrap().rounds[0].id as i32;
    kheo_service::contests::set_round_state(&svc.db, &svc.hub, &btc, cid, round, "open").await.unwrap();
    for err in [
        setup::replace(&svc.db, &svc.hub, &btc, cid, &def).await.unwrap_err(),
        setup::draw_running_order(&svc.db, &svc.hub, &btc, cid).await.unwrap_err(),
    ] {
        assert_eq!(err.into_problem(), Problem::ContestStarted);
    }
});
