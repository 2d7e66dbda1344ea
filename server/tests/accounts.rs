//! Accounts after they are made, through the services on both databases:
//! an organiser edits, disables and resets his own judges and no one
//! else's, a user changes his own password, and an organiser with no unit
//! is refused once the unit tree exists.

mod common;

use common::TestDb;
use kheo_domain::api::{AccountEdit, NewUnit, NewUser};
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_service::accounts::{auth, users};
use kheo_service::{Actor, Services};

const PASSWORD: &str = "mat-khau-dai-2026";

async fn actor(svc: &Services, username: &str, password: &str) -> Option<Actor> {
    let (token, _) = auth::sign_in(svc, username, password, auth::Origin::default()).await.ok()?;
    auth::authenticate(svc, &token).await.unwrap()
}

fn organiser(name: &str, unit_id: Option<i64>) -> NewUser {
    NewUser {
        username: name.into(),
        password: PASSWORD.into(),
        display_name: None,
        role: "organiser".into(),
        unit: None,
        unit_id,
    }
}

fn field_of(p: &Problem) -> Option<(&str, &FieldFault)> {
    match p {
        Problem::InvalidField { field, fault } => Some((field.as_str(), fault)),
        _ => None,
    }
}

on_both!(organisers_look_after_their_own_judges, |db: TestDb| async move {
    db.add_user("admin", PASSWORD, "admin");
    let svc = Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    let admin = actor(&svc, "admin", PASSWORD).await.unwrap();
    let unit = |name: &str| NewUnit { name: name.into(), kind: "commune".into(), parent_id: None };
    let u1 = kheo_service::units::create(&svc, &admin, &unit("Xã Yên Lạc")).await.unwrap().id;
    let u2 = kheo_service::units::create(&svc, &admin, &unit("Xã Phú Thượng")).await.unwrap().id;

    // Once units exist, an organiser belongs to one.
    let err = users::create_user(&svc, Some(&admin), organiser("btc0", None)).await.unwrap_err().into_problem();
    assert!(matches!(field_of(&err), Some(("unit_id", FieldFault::OrganiserNeedsUnit))), "{err:?}");
    users::create_user(&svc, Some(&admin), organiser("btc", Some(u1))).await.unwrap();
    users::create_user(&svc, Some(&admin), organiser("btc2", Some(u2))).await.unwrap();
    let btc = actor(&svc, "btc", PASSWORD).await.unwrap();
    let btc2 = actor(&svc, "btc2", PASSWORD).await.unwrap();

    // The organiser's new judge takes his unit.
    let judge = NewUser { role: "judge".into(), unit_id: None, ..organiser("gk1", None) };
    let gk1 = users::create_user(&svc, Some(&btc), judge).await.unwrap();
    let gid = gk1.id as i32;
    let line = users::list(&svc, &btc).await.unwrap().into_iter().find(|l| l.user.id == gk1.id).unwrap();
    assert_eq!(line.unit_id, Some(u1));

    // He renames, resets and disables his judge; the other unit's cannot.
    let rename = AccountEdit { display_name: Some("Bà Lò Thị Mai".into()), ..Default::default() };
    let renamed = users::update(&svc, &btc, gid, &rename).await.unwrap();
    assert_eq!(renamed.user.display_name, "Bà Lò Thị Mai");
    let err = users::update(&svc, &btc2, gid, &rename).await.unwrap_err().into_problem();
    assert_eq!(err, Problem::Forbidden);
    let err = users::reset_password(&svc, &btc2, gid, "mat-khau-moi-2026").await.unwrap_err().into_problem();
    assert_eq!(err, Problem::Forbidden);
    let err = users::reset_password(&svc, &btc, gid, "ngan").await.unwrap_err().into_problem();
    assert_eq!(err, Problem::WeakPassword);
    assert!(actor(&svc, "gk1", PASSWORD).await.is_some(), "a refused reset changes nothing");
    users::reset_password(&svc, &btc, gid, "mat-khau-moi-2026").await.unwrap();
    assert!(actor(&svc, "gk1", PASSWORD).await.is_none());
    let (token, _) = auth::sign_in(&svc, "gk1", "mat-khau-moi-2026", auth::Origin::default())
        .await
        .expect("the new password signs in");

    let disable = AccountEdit { active: Some(false), ..Default::default() };
    assert!(!users::update(&svc, &btc, gid, &disable).await.unwrap().active);
    assert!(actor(&svc, "gk1", "mat-khau-moi-2026").await.is_none(), "a disabled account cannot sign in");
    assert!(auth::authenticate(&svc, &token).await.unwrap().is_none(), "and its tablet is signed out");
    // An organiser cannot edit another organiser.
    let btc2_id = users::list(&svc, &admin).await.unwrap().into_iter().find(|l| l.user.username == "btc2").unwrap();
    let err = users::update(&svc, &btc, btc2_id.user.id as i32, &rename).await.unwrap_err().into_problem();
    assert_eq!(err, Problem::Forbidden);

    // Everyone changes his own password, knowing the current one.
    let err = users::change_own_password(&svc, &btc, "sai-mat-khau", "mat-khau-moi-2026").await.unwrap_err();
    assert!(matches!(field_of(&err.into_problem()), Some(("current_password", FieldFault::WrongPassword))));
    let err = users::change_own_password(&svc, &btc, PASSWORD, "btc").await.unwrap_err();
    assert!(matches!(field_of(&err.into_problem()), Some(("new_password", FieldFault::WeakPassword))));
    users::change_own_password(&svc, &btc, PASSWORD, "mat-khau-moi-2026").await.unwrap();
    assert!(actor(&svc, "btc", PASSWORD).await.is_none());
    assert!(actor(&svc, "btc", "mat-khau-moi-2026").await.is_some());
});
