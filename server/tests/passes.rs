//! Judges' tablet passes on both databases: only the contest's organisers
//! issue them, the link needs its PIN, the session it opens reaches that
//! contest alone, and revoking it signs the tablet out at once.

mod common;

use common::{TestDb, assert_error};
use kheo_domain::i18n::Problem;
use kheo_service::accounts::auth;
use kheo_service::{Actor, Services, judging};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

fn contest(name: &str, unit: &str) -> Value {
    json!({
        "name": name, "level": "commune", "unit": unit, "aggregation": "mean",
        "rounds": [{"name": "Chào hỏi", "criteria": [{"name": "Nội dung", "max_points": "20"}]}],
        "teams": [{"name": "Đội thôn Nà Vị", "unit": "Chi bộ thôn Nà Vị"}],
        "judges": ["gk1", "gk2"]
    })
}

async fn actor(svc: &Services, username: &str) -> Actor {
    let (token, _) = auth::sign_in(svc, username, PASSWORD, auth::Origin::default()).await.expect("signs in");
    auth::authenticate(svc, &token).await.unwrap().expect("session")
}

/// The token in a pass's link `/j/{token}`.
fn token(link_path: &str) -> &str {
    link_path.strip_prefix("/j/").expect("a pass link")
}

on_both!(a_pass_opens_one_contest_until_revoked, |db: TestDb| async move {
    for (name, role) in [("btc", "organiser"), ("btc2", "organiser"), ("gk1", "judge"), ("gk2", "judge")] {
        db.add_user(name, PASSWORD, role);
    }
    let server = db.serve().await;
    let organiser = server.client();
    organiser.sign_in("btc", PASSWORD).await;
    // gk1 sits on the panels of two contests.
    let mut made = Vec::new();
    for (name, unit) in [("Hội thi xã Yên Lạc", "Xã Yên Lạc"), ("Hội thi xã Phú Thượng", "Xã Phú Thượng")]
    {
        let r = organiser.post("/contests", &contest(name, unit)).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let c: Value = r.json().await.unwrap();
        let state = format!("/contests/{}/rounds/{}/state", c["id"], c["rounds"][0]["id"]);
        assert_eq!(organiser.put(&state, &json!({"state": "open"})).await.status(), StatusCode::OK);
        made.push(c);
    }
    let sheet_path = |c: &Value| {
        format!("/contests/{}/rounds/{}/teams/{}/sheet", c["id"], c["rounds"][0]["id"], c["teams"][0]["id"])
    };
    let sheet = |c: &Value, points: &str| json!({"scores": {c["rounds"][0]["criteria"][0]["id"].to_string(): points}});
    let (yen_lac, phu_thuong) = (&made[0], &made[1]);
    let cid = yen_lac["id"].as_i64().unwrap() as i32;

    let svc = Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    let btc = actor(&svc, "btc").await;

    // Only the contest's organisers issue passes.
    for someone in ["btc2", "gk1"] {
        let err = judging::issue_passes(&svc, &actor(&svc, someone).await, cid, None).await.unwrap_err();
        assert_eq!(err.into_problem(), Problem::Forbidden, "{someone}");
    }
    let passes = judging::issue_passes(&svc, &btc, cid, None).await.unwrap();
    assert_eq!(passes.len(), 2);
    let pass = passes.iter().find(|p| p.username == "gk1").unwrap();
    assert_eq!(pass.pin.len(), 6);

    // The link alone is not enough.
    let wrong_pin = if pass.pin == "000000" { "111111" } else { "000000" };
    let err = judging::redeem(&svc, token(&pass.link_path), wrong_pin, auth::Origin::default()).await.unwrap_err();
    // The judge is told it is the PIN, not a user name or password.
    let err = err.into_problem();
    assert_eq!(err, Problem::WrongPin);
    assert!(
        err.message(kheo_domain::i18n::Lang::Vi).to_lowercase().contains("mã pin"),
        "{}",
        err.message(kheo_domain::i18n::Lang::Vi)
    );
    let (session, redeemed_for) =
        judging::redeem(&svc, token(&pass.link_path), &pass.pin, auth::Origin::default()).await.unwrap();
    assert_eq!(redeemed_for, cid);

    // The tablet scores in its contest, and in no other, although its
    // judge sits on that panel too.
    let tablet = reqwest::Client::new();
    let cookie = format!("kheo_session={session}");
    let put = |c: &Value, points: &str| {
        tablet
            .put(format!("{}{}", organiser.base, sheet_path(c)))
            .header("cookie", &cookie)
            .json(&sheet(c, points))
            .send()
    };
    assert_eq!(put(yen_lac, "17.5").await.unwrap().status(), StatusCode::OK);
    assert_error(put(phu_thuong, "18").await.unwrap(), 403, "not_on_panel").await;
    let other_sheets =
        format!("{}/contests/{}/rounds/{}/sheets", organiser.base, phu_thuong["id"], phu_thuong["rounds"][0]["id"]);
    assert_error(tablet.get(&other_sheets).header("cookie", &cookie).send().await.unwrap(), 403, "forbidden").await;
    let judge = actor(&svc, "gk1").await;
    let tablet_actor = auth::authenticate(&svc, &session).await.unwrap().unwrap();
    assert_eq!(judging::panels_of(&svc, &tablet_actor).await.unwrap().len(), 1);
    assert_eq!(judging::panels_of(&svc, &judge).await.unwrap().len(), 2, "a password session sees both");

    // Revoking signs the tablet out at once, and the old link is dead.
    judging::revoke_passes(&svc, &btc, cid, judge.user_id).await.unwrap();
    assert_error(put(yen_lac, "18").await.unwrap(), 401, "not_signed_in").await;
    let err = judging::redeem(&svc, token(&pass.link_path), &pass.pin, auth::Origin::default()).await.unwrap_err();
    assert_eq!(err.into_problem(), Problem::PassNotValid, "the revoked pass says so, whatever the PIN");
    let active = judging::list_passes(&svc, &btc, cid).await.unwrap();
    assert_eq!(
        active.iter().map(|p| (p.username.as_str(), p.active)).collect::<Vec<_>>(),
        [("gk1", false), ("gk2", true)]
    );

    // The acknowledged sheet stays; the log says who issued and revoked.
    let stored: Value = organiser
        .get(&sheet_path(yen_lac).replace(&format!("teams/{}/sheet", yen_lac["teams"][0]["id"]), "sheets"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["sheets"][0]["total"], "17.5");
    let log = kheo_service::audit::for_contest(&svc.db, cid).await.unwrap();
    for action in ["judge_pass.issue", "judge_pass.revoke", "sheet.submit"] {
        assert!(log.iter().any(|l| l.action == action), "{action}");
    }
    let submitted = log.iter().find(|l| l.action == "sheet.submit").unwrap();
    assert_eq!(submitted.session_id, Some(tablet_actor.session_id), "the log names the tablet's session");
});
