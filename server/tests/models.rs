//! The register of models, black-box on SQLite and PostgreSQL: who may
//! register a model and move it along its chain (organisers of its unit or
//! a unit above), the chain itself, a council's recognition at exactly its
//! threshold, the province's count by hand for a small tree, and a search
//! typed without accents.

mod common;

use common::{Api, TestDb, assert_error};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "mat-khau-dai-2026";

/// Province P, district D under it, communes C1 and C2 under D, and C3
/// under P directly; an organiser for D, one for C1, one for C2.
struct Tree {
    admin: Api,
    district: Api,
    commune1: Api,
    commune2: Api,
    p: i64,
    d: i64,
    c1: i64,
    c2: i64,
    c3: i64,
}

async fn created(r: reqwest::Response) -> Value {
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{status} {body}");
    body
}

async fn tree(db: &TestDb, server: &common::Server) -> Tree {
    db.add_user("admin", PASSWORD, "admin");
    let admin = server.client();
    admin.sign_in("admin", PASSWORD).await;
    let unit = |name: &str, kind: &str, parent: Option<i64>| json!({"name": name, "kind": kind, "parent_id": parent});
    let p =
        created(admin.post("/units", &unit("Tỉnh Thái Nguyên", "province", None)).await).await["id"].as_i64().unwrap();
    let d =
        created(admin.post("/units", &unit("Huyện Đồng Hỷ", "district", Some(p))).await).await["id"].as_i64().unwrap();
    let c1 =
        created(admin.post("/units", &unit("Xã Hóa Thượng", "commune", Some(d))).await).await["id"].as_i64().unwrap();
    let c2 = created(admin.post("/units", &unit("Xã Nam Hòa", "commune", Some(d))).await).await["id"].as_i64().unwrap();
    let c3 =
        created(admin.post("/units", &unit("Xã Tân Cương", "commune", Some(p))).await).await["id"].as_i64().unwrap();
    let mut orgs = Vec::new();
    for (name, uid) in [("bdv.dh", d), ("btc.ht", c1), ("btc.nh", c2)] {
        let user = json!({"username": name, "password": PASSWORD, "display_name": format!("Cán bộ {name}"),
                          "role": "organiser", "unit_id": uid});
        created(admin.post("/users", &user).await).await;
        let client = server.client();
        client.sign_in(name, PASSWORD).await;
        orgs.push(client);
    }
    let commune2 = orgs.pop().unwrap();
    let commune1 = orgs.pop().unwrap();
    let district = orgs.pop().unwrap();
    Tree { admin, district, commune1, commune2, p, d, c1, c2, c3 }
}

fn model(unit: i64, name: &str, field: &str, kind: &str) -> Value {
    json!({"unit_id": unit, "year": 2026, "name": name, "field": field, "kind": kind,
           "owner": "Chi bộ thôn", "summary": "Vận động nhân dân cùng làm.",
           "details": {"situation": "Đường thôn lầy lội.", "outputs": "2 km đường bê tông"}})
}

async fn register(api: &Api, body: &Value) -> i64 {
    let r = api.post("/models", body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["status"], "registered");
    m["id"].as_i64().unwrap()
}

async fn put_state(api: &Api, path: &str, to: &str) -> reqwest::Response {
    api.put(path, &json!({"state": to})).await
}

async fn step(m: i64, api: &Api, to: &str) -> reqwest::Response {
    api.post(&format!("/models/{m}/status"), &json!({"status": to, "decision": "Quyết định số 12-QĐ"})).await
}

on_both!(who_may_register_and_act, |db: TestDb| async move {
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    // Each organiser for his unit and those under it.
    register(&t.commune1, &model(t.c1, "Dân vận khéo trong hiến đất làm đường", "economy", "collective")).await;
    let m = register(&t.district, &model(t.c2, "Tổ hòa giải ở cơ sở", "defence_security", "collective")).await;
    register(&t.admin, &model(t.c3, "Nữ cán bộ dân vận khéo", "political_system", "individual")).await;
    // Not above the model's unit: refused, nothing stored.
    assert_error(
        t.commune1.post("/models", &model(t.c2, "Của xã khác", "economy", "collective")).await,
        403,
        "forbidden",
    )
    .await;
    assert_error(t.commune1.post("/models", &model(t.d, "Của huyện", "economy", "collective")).await, 403, "forbidden")
        .await;
    assert_error(
        t.district.post("/models", &model(t.c3, "Ngoài huyện", "economy", "collective")).await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        server.client().post("/models", &model(t.c1, "Ẩn danh", "economy", "collective")).await,
        401,
        "not_signed_in",
    )
    .await;
    db.add_user("gk1", PASSWORD, "judge");
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    assert_error(judge.post("/models", &model(t.c1, "Giám khảo", "economy", "collective")).await, 403, "forbidden")
        .await;
    // Enums and fields named.
    let e =
        assert_error(t.commune1.post("/models", &model(t.c1, "X", "sport", "collective")).await, 422, "invalid_field")
            .await;
    assert_eq!(e["error"]["field"], "field");
    let e = assert_error(t.commune1.post("/models", &model(t.c1, "X", "economy", "team")).await, 422, "invalid_field")
        .await;
    assert_eq!(e["error"]["field"], "kind");
    let e = assert_error(t.admin.post("/models", &model(987_654, "X", "economy", "team")).await, 422, "invalid_field")
        .await;
    assert_eq!(e["error"]["field"], "kind", "the body is checked before the unit is looked up");
    let e = assert_error(
        t.admin.post("/models", &model(987_654, "X", "economy", "collective")).await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(e["error"]["field"], "unit_id");
    let all: Value = server.client().get("/models").await.json().await.unwrap();
    assert_eq!(all["models"].as_array().unwrap().len(), 3, "{all}");

    // Acting: the model's unit's organiser and the district above; not a sibling.
    assert_error(step(m, &t.commune1, "implementing").await, 403, "forbidden").await;
    assert_error(step(m, &judge, "implementing").await, 403, "forbidden").await;
    assert_eq!(step(m, &t.commune2, "implementing").await.status(), StatusCode::OK);
    let e = assert_error(step(m, &t.commune2, "exemplary").await, 409, "invalid_transition").await;
    assert!(e["error"]["message"].as_str().unwrap().contains("Đang triển khai"), "{e}");
    assert_error(step(m, &t.commune2, "launched").await, 422, "invalid_field").await;
    let r = step(m, &t.district, "recognised").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page: Value = r.json().await.unwrap();
    assert_eq!(page["status"], "recognised");
    assert_eq!(page["recognised_by"]["unit_id"], t.d, "recognised by the acting organiser's unit");
    assert_eq!(page["recognised_by"]["kind"], "district");
    let history: Vec<&str> =
        page["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(history, ["registered", "implementing", "recognised"]);
    assert_eq!(page["history"][2]["decision"], "Quyết định số 12-QĐ");
    assert_eq!(page["history"][2]["by"], "Cán bộ bdv.dh");
    assert_eq!(page["details"]["outputs"], "2 km đường bê tông");
    assert_eq!(step(m, &t.commune2, "withdrawn").await.status(), StatusCode::OK);
    assert_error(step(m, &t.commune2, "implementing").await, 409, "invalid_transition").await;
    assert_error(server.client().get("/models/987654").await, 404, "not_found").await;
    // Withdrawn models only when asked for.
    let listed: Value = server.client().get("/models").await.json().await.unwrap();
    assert_eq!(listed["models"].as_array().unwrap().len(), 2);
    let withdrawn: Value = server.client().get("/models?status=withdrawn").await.json().await.unwrap();
    assert_eq!(withdrawn["models"][0]["id"], m);
    assert_error(server.client().get("/models?status=gone").await, 422, "invalid_field").await;
});

on_both!(search_without_accents_and_filters, |db: TestDb| async move {
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    register(&t.commune1, &model(t.c1, "Dân vận khéo trong hiến đất làm đường", "economy", "collective")).await;
    register(&t.commune2, &model(t.c2, "Đường hoa thôn Nam Hòa", "culture_society", "collective")).await;
    register(&t.admin, &model(t.c3, "Nữ cán bộ dân vận khéo", "political_system", "individual")).await;
    let names = |v: &Value| -> Vec<String> {
        v["models"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_string()).collect()
    };
    let get = |q: &str| {
        let (c, q) = (server.client(), q.to_string());
        async move { c.get(&format!("/models?{q}")).await.json::<Value>().await.unwrap() }
    };
    assert_eq!(names(&get("q=hien%20dat").await), ["Dân vận khéo trong hiến đất làm đường"]);
    assert_eq!(names(&get("q=DUONG").await), ["Dân vận khéo trong hiến đất làm đường", "Đường hoa thôn Nam Hòa"]);
    assert_eq!(names(&get("q=nam%20hoa").await), ["Đường hoa thôn Nam Hòa"], "the unit's name is searched too");
    assert_eq!(names(&get("q=100%25").await).len(), 0, "a typed % is a character, not a wildcard");
    assert_eq!(names(&get(&format!("unit_id={}", t.d)).await).len(), 2, "a unit takes in the units under it");
    assert_eq!(names(&get(&format!("unit_id={}", t.p)).await).len(), 3);
    assert_eq!(names(&get("field=political_system").await), ["Nữ cán bộ dân vận khéo"]);
    assert_eq!(names(&get("kind=individual&year=2026").await).len(), 1);
    assert_eq!(names(&get("year=2025").await).len(), 0);
    assert_error(server.client().get("/models?field=sport").await, 422, "invalid_field").await;
});

on_both!(statistics_counted_by_hand, |db: TestDb| async move {
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    // D's tree: C1 two economy (one collective, one individual), C2 one
    // culture-society collective (recognised by D) and one withdrawn; D
    // itself one defence-security collective. Outside D: C3 one economy.
    register(&t.commune1, &model(t.c1, "Một", "economy", "collective")).await;
    register(&t.commune1, &model(t.c1, "Hai", "economy", "individual")).await;
    let three = register(&t.commune2, &model(t.c2, "Ba", "culture_society", "collective")).await;
    let gone = register(&t.commune2, &model(t.c2, "Bốn", "economy", "collective")).await;
    register(&t.district, &model(t.d, "Năm", "defence_security", "collective")).await;
    register(&t.admin, &model(t.c3, "Sáu", "economy", "collective")).await;
    for to in ["implementing", "recognised"] {
        assert_eq!(
            t.district.post(&format!("/models/{three}/status"), &json!({"status": to})).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        t.commune2.post(&format!("/models/{gone}/status"), &json!({"status": "withdrawn"})).await.status(),
        StatusCode::OK
    );
    let s: Value =
        server.client().get(&format!("/statistics/models?year=2026&unit_id={}", t.d)).await.json().await.unwrap();
    assert_eq!(s["year"], 2026);
    assert_eq!(s["total"], 4, "{s}");
    assert_eq!(s["fields"]["economy"], json!({"collective": 1, "individual": 1}));
    assert_eq!(s["fields"]["culture_society"], json!({"collective": 1, "individual": 0}));
    assert_eq!(s["fields"]["defence_security"], json!({"collective": 1, "individual": 0}));
    assert_eq!(s["fields"]["political_system"], json!({"collective": 0, "individual": 0}));
    assert_eq!(
        s["status"],
        json!({"registered": 3, "implementing": 0, "recognised": 1, "exemplary": 0, "proposed_award": 0})
    );
    assert_eq!(s["recognised_at"]["district"], 1);
    let whole: Value = server.client().get("/statistics/models?year=2026").await.json().await.unwrap();
    assert_eq!(whole["total"], 5);
    assert_eq!(whole["fields"]["economy"]["collective"], 2);
    let before: Value = server.client().get("/statistics/models?year=2025").await.json().await.unwrap();
    assert_eq!(before["total"], 0);
});

on_both!(a_council_recognises_at_exactly_its_threshold, |db: TestDb| async move {
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    db.add_user("gk1", PASSWORD, "judge");
    let judge = server.client();
    judge.sign_in("gk1", PASSWORD).await;
    let a = register(&t.commune1, &model(t.c1, "Dân vận khéo trong hiến đất làm đường", "economy", "collective")).await;
    let b = register(&t.commune2, &model(t.c2, "Đường hoa thôn Nam Hòa", "culture_society", "collective")).await;
    let c = register(&t.commune2, &model(t.c2, "Tổ hòa giải ở cơ sở", "defence_security", "collective")).await;
    assert_eq!(
        t.commune2.post(&format!("/models/{c}/status"), &json!({"status": "implementing"})).await.status(),
        StatusCode::OK
    );
    let council = json!({
        "name": "Hội đồng xét công nhận mô hình Dân vận khéo huyện Đồng Hỷ năm 2026", "level": "district",
        "unit_id": t.d, "purpose": "recognition", "recognition_threshold": "70",
        "rounds": [{"name": "Xét công nhận", "criteria": [{"name": "Hiệu quả", "max_points": "100", "step": "0.5"}]}],
        "teams": [{"model_id": a}, {"model_id": b}, {"model_id": c}],
        "judges": ["gk1"], "awards": []
    });
    // A commune's organiser cannot put a sibling's model before a council.
    assert_error(t.commune1.post("/contests", &council).await, 403, "forbidden").await;
    let bad = json!({"name": "X", "level": "district", "unit_id": t.d, "purpose": "recognition",
                     "rounds": [{"name": "Xét", "criteria": [{"name": "Hiệu quả", "max_points": "100"}]}]});
    let e = assert_error(t.district.post("/contests", &bad).await, 422, "invalid_field").await;
    assert_eq!(e["error"]["field"], "recognition_threshold");
    let mut unknown = council.clone();
    unknown["teams"][1]["model_id"] = json!(987_654);
    let e = assert_error(t.district.post("/contests", &unknown).await, 422, "invalid_field").await;
    assert_eq!(e["error"]["field"], "teams[1].model_id");
    let contest = created(t.district.post("/contests", &council).await).await;
    assert_eq!(contest["purpose"], "recognition");
    assert_eq!(contest["recognition_threshold"], "70");
    let teams = contest["teams"].as_array().unwrap();
    assert_eq!(teams[0]["name"], "Dân vận khéo trong hiến đất làm đường", "the model names its line");
    assert_eq!(teams[0]["unit"], "Xã Hóa Thượng");
    assert_eq!(teams[0]["model"]["id"], a);
    let (cid, round) = (contest["id"].as_i64().unwrap(), &contest["rounds"][0]);
    let rid = round["id"].as_i64().unwrap();
    let path = format!("/contests/{cid}/rounds/{rid}/state");
    assert_eq!(put_state(&t.district, &path, "open").await.status(), StatusCode::OK);
    for (team, total) in teams.iter().zip(["70", "69.5", "85"]) {
        let path = format!("/contests/{cid}/rounds/{rid}/teams/{}/sheet", team["id"]);
        let r = judge.put(&path, &json!({"scores": {round["criteria"][0]["id"].to_string(): total}})).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert_eq!(put_state(&t.district, &path, "locked").await.status(), StatusCode::OK);
    let still: Value = server.client().get(&format!("/models/{a}")).await.json().await.unwrap();
    assert_eq!(still["status"], "registered", "nothing is recognised before publication");
    assert_eq!(put_state(&t.district, &path, "published").await.status(), StatusCode::OK);
    let status = |id: i64| {
        let c = server.client();
        async move { c.get(&format!("/models/{id}")).await.json::<Value>().await.unwrap() }
    };
    let (ma, mb, mc) = (status(a).await, status(b).await, status(c).await);
    assert_eq!(ma["status"], "recognised", "70 reaches a threshold of 70");
    assert_eq!(mb["status"], "registered", "69.5 does not");
    assert_eq!(mc["status"], "recognised", "an implementing model is recognised too");
    assert_eq!(ma["recognised_by"]["unit_id"], t.d);
    assert_eq!(ma["history"].as_array().unwrap().last().unwrap()["decision"], council["name"]);
    assert_eq!(ma["presented_in"][0][0], cid);
    // Withdrawing the publication takes the council's recognitions back,
    // each to the step it was at, in its history; publishing again
    // recognises them again.
    assert_eq!(put_state(&t.district, &path, "locked").await.status(), StatusCode::OK);
    let (ma, mc) = (status(a).await, status(c).await);
    assert_eq!((ma["status"].as_str(), mc["status"].as_str()), (Some("registered"), Some("implementing")));
    assert!(ma.get("recognised_by").is_none_or(Value::is_null), "{ma}");
    let last = ma["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status"], "registered");
    assert!(last["decision"].as_str().unwrap().starts_with("Rút công bố kết quả"), "{last}");
    assert_eq!(put_state(&t.district, &path, "published").await.status(), StatusCode::OK);
    let ma = status(a).await;
    assert_eq!(ma["status"], "recognised");
    assert_eq!(ma["history"].as_array().unwrap().len(), 4);
    // A model moved on after the council is not taken back.
    assert_eq!(step(c, &t.district, "exemplary").await.status(), StatusCode::OK);
    assert_eq!(put_state(&t.district, &path, "locked").await.status(), StatusCode::OK);
    assert_eq!(status(c).await["status"], "exemplary");
    assert_eq!(status(a).await["status"], "registered");
    assert_eq!(put_state(&t.district, &path, "published").await.status(), StatusCode::OK);
    // The record is the council's.
    let record = reqwest::get(format!("{}/contests/{cid}/record", server.base)).await.unwrap().text().await.unwrap();
    assert!(record.contains("BIÊN BẢN XÉT CÔNG NHẬN MÔ HÌNH"), "the record's title");
    assert!(record.contains("Đạt — công nhận") && record.contains("Chưa đạt"));
    let _ = t.p;
});

on_both!(importing_a_list_names_each_bad_cell_or_stores_all, |db: TestDb| async move {
    use kheo_service::accounts::auth;
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    let svc = kheo_service::Services::new(kheo_service::db::connect(&db.url).await.unwrap());
    let (token, _) = auth::sign_in(&svc, "bdv.dh", PASSWORD, auth::Origin::default()).await.unwrap();
    let district = auth::authenticate(&svc, &token).await.unwrap().unwrap();
    let import = |sheet: &str| {
        let (svc, district, sheet) = (svc.clone(), district.clone(), sheet.to_string());
        async move {
            kheo_service::models::import::import(
                &svc,
                &district,
                "mo-hinh.csv",
                sheet.as_bytes(),
                kheo_domain::i18n::Lang::Vi,
            )
            .await
            .unwrap()
        }
    };
    let head = "Đơn vị,Năm,Tên mô hình,Lĩnh vực,Loại,Chủ thể,Tóm tắt,Trạng thái\n";
    let bad = format!(
        "{head}Xã Hóa Thượng,2025,Hũ gạo tình thương,Văn hóa - Xã hội,Tập thể,Chi hội Phụ nữ,Góp gạo.,\n\
         Xã Tân Cương,2025,Ngoài huyện,Kinh tế,Tập thể,Chi bộ,Thử.,\n\
         Xã Nam Hòa,2025,Sai lĩnh vực,Thể thao,Nhóm,Chi bộ,Thử.,Xong\n"
    );
    let report = import(&bad).await;
    assert_eq!(report.added, 0);
    let named: Vec<(usize, &str)> = report.faults.iter().map(|f| (f.line, f.column.as_str())).collect();
    assert_eq!(named, [(3, "Đơn vị"), (4, "Lĩnh vực"), (4, "Loại"), (4, "Trạng thái")], "{:?}", report.faults);
    assert!(report.faults[0].message.contains("Xã Tân Cương"), "{}", report.faults[0].message);
    let listed: Value = server.client().get("/models?status=registered").await.json().await.unwrap();
    assert_eq!(listed["models"].as_array().unwrap().len(), 0, "nothing stored");
    let good = format!(
        "{head}xa hoa thuong,2025,Hũ gạo tình thương,Văn hoá - xã hội,tập thể,Chi hội Phụ nữ,Góp gạo.,\n\
         Xã Nam Hòa,2025,Tổ hòa giải giỏi,Xây dựng hệ thống chính trị,Cá nhân,Ông Lục Văn Thành,Hòa giải.,Điển hình\n"
    );
    let report = import(&good).await;
    assert_eq!((report.added, report.faults.len()), (2, 0), "{:?}", report.faults);
    let all: Value = server.client().get("/models?year=2025").await.json().await.unwrap();
    let statuses: Vec<&str> = all["models"].as_array().unwrap().iter().map(|m| m["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["registered", "exemplary"]);
    assert_eq!(all["models"][1]["recognised_by"]["unit_id"], t.d);
    let id = all["models"][1]["id"].as_i64().unwrap();
    let page: Value = server.client().get(&format!("/models/{id}")).await.json().await.unwrap();
    assert_eq!(page["history"].as_array().unwrap().len(), 4, "registered, implementing, recognised, exemplary");
    assert!(page["history"][3]["decision"].as_str().unwrap().contains("dòng 3"));
    let _ = (&t.commune1, &t.commune2, &t.admin);
});

/// How many photos a model shows.
async fn photo_count(api: &Api, m: i64) -> usize {
    let page: Value = api.get(&format!("/models/{m}")).await.json().await.unwrap();
    page["photos"].as_array().unwrap().len()
}

on_both!(a_call_sends_each_unit_a_link_that_registers_without_an_account, |db: TestDb| async move {
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    let call = |units: Vec<i64>, by: i64| json!({"unit_id": by, "year": 2026, "deadline": "2099-06-30T17:00:00+07:00", "unit_ids": units});
    // Only units under the calling unit; only organisers reaching it.
    let e =
        assert_error(t.district.post("/model-calls", &call(vec![t.c1, t.c3], t.d)).await, 422, "invalid_field").await;
    assert_eq!(e["error"]["field"], "unit_ids[1]");
    assert_error(t.commune1.post("/model-calls", &call(vec![t.c1], t.d)).await, 403, "forbidden").await;
    let e = assert_error(
        t.district
            .post(
                "/model-calls",
                &json!({"unit_id": t.d, "year": 2026, "deadline": "2020-01-01T00:00:00+07:00", "unit_ids": [t.c1]}),
            )
            .await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(e["error"]["field"], "deadline");
    let opened = created(t.district.post("/model-calls", &call(vec![t.c1, t.c2], t.d)).await).await;
    assert_eq!(opened["title"], "Đăng ký mô hình “Dân vận khéo” năm 2026");
    let links = opened["links"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    let link_of = |u: i64| links.iter().find(|l| l["unit_id"] == u).unwrap()["token"].as_str().unwrap().to_string();
    let (l1, l2) = (link_of(t.c1), link_of(t.c2));
    assert!(
        links.iter().all(|l| l["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/mo-hinh/dang-ky/{}", l["token"].as_str().unwrap())))
    );

    // No account: the link alone. Unit and year are the link's, whatever is sent.
    let anyone = server.client();
    let page: Value = anyone.get(&format!("/model-calls/links/{l1}")).await.json().await.unwrap();
    assert_eq!((page["unit"].as_str(), page["open"].as_bool()), (Some("Xã Hóa Thượng"), Some(true)));
    let mut body = model(t.c2, "Dân vận khéo trong xây dựng nông thôn mới", "economy", "collective");
    body["year"] = json!(2019);
    let sent = created(anyone.post(&format!("/model-calls/links/{l1}/models"), &body).await).await;
    assert_eq!((sent["unit_id"].as_i64(), sent["year"].as_i64()), (Some(t.c1), Some(2026)));
    assert_eq!(sent["status"], "registered");
    let m = sent["id"].as_i64().unwrap();
    // A bad model names its field and stores nothing.
    let e = assert_error(
        anyone.post(&format!("/model-calls/links/{l1}/models"), &model(0, "", "economy", "collective")).await,
        422,
        "invalid_field",
    )
    .await;
    assert_eq!(e["error"]["field"], "name");
    // The link's photos: only for what it sent.
    let photo = |token: &str, m: i64| format!("/model-calls/links/{token}/models/{m}/photos");
    let r = anyone.post_bytes(&photo(&l1, m), "image/jpeg", common::photo(2400, 1800)).await;
    let p = created(r).await;
    assert_eq!((p["width"].as_i64(), p["height"].as_i64()), (Some(1600), Some(1200)));
    assert_eq!(anyone.post_bytes(&photo(&l2, m), "image/jpeg", common::photo(64, 48)).await.status(), 404);
    assert_eq!(photo_count(&anyone, m).await, 1);
    // The district's organiser sees it like any other model of his, and decides.
    assert_eq!(step(m, &t.district, "implementing").await.status(), StatusCode::OK);
    let calls: Value = t.district.get("/model-calls").await.json().await.unwrap();
    let counts: Vec<(i64, i64)> = calls["calls"][0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["unit_id"].as_i64().unwrap(), l["models"].as_i64().unwrap()))
        .collect();
    assert!(counts.contains(&(t.c1, 1)) && counts.contains(&(t.c2, 0)), "{counts:?}");
    let theirs: Value = t.commune2.get("/model-calls").await.json().await.unwrap();
    assert_eq!(theirs["calls"].as_array().unwrap().len(), 0, "a commune does not see its district's calls");

    // Past the deadline: closed, and what was sent stays.
    let conn = sea_orm::Database::connect(&db.url).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&conn, "UPDATE model_calls SET deadline = 0").await.unwrap();
    assert_error(anyone.post(&format!("/model-calls/links/{l2}/models"), &body).await, 409, "call_closed").await;
    assert_error(anyone.post_bytes(&photo(&l1, m), "image/jpeg", common::photo(64, 48)).await, 409, "call_closed")
        .await;
    let page: Value = anyone.get(&format!("/model-calls/links/{l1}")).await.json().await.unwrap();
    assert_eq!((page["open"].as_bool(), page["sent"].as_array().unwrap().len()), (Some(false), 1));
    assert_eq!(anyone.get("/model-calls/links/nope").await.status(), 404);
});

on_both!(photos_are_resized_and_bad_ones_store_nothing, |db: TestDb| async move {
    let server = db.serve().await;
    let t = tree(&db, &server).await;
    let m = register(&t.commune1, &model(t.c1, "Mô hình có ảnh", "culture_society", "collective")).await;
    let path = format!("/models/{m}/photos");
    let p = created(t.commune1.post_bytes(&path, "image/jpeg", common::photo(1200, 3000)).await).await;
    assert_eq!((p["width"].as_i64(), p["height"].as_i64()), (Some(640), Some(1600)));
    let anyone = server.client();
    let r = anyone.get(&format!("/models/{m}/photos/{}", p["id"])).await;
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let big = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((big.width(), big.height()), (640, 1600));
    let thumb = anyone.get(&format!("/models/{m}/photos/{}?size=thumb", p["id"])).await.bytes().await.unwrap();
    let thumb = image::load_from_memory(&thumb).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (192, 480));

    // Not an image, too large, a stranger, too many: refused, nothing stored.
    let e = assert_error(
        t.commune1.post_bytes(&path, "image/jpeg", b"%PDF-1.4 this is a document".to_vec()).await,
        422,
        "invalid_field",
    )
    .await;
    assert!(e["error"]["message"].as_str().unwrap().contains("không phải ảnh"), "{e}");
    let e = assert_error(
        t.commune1.post_bytes(&path, "image/png", vec![7u8; 10 * 1024 * 1024 + 1]).await,
        413,
        "photo_too_large",
    )
    .await;
    assert!(e["error"]["message"].as_str().unwrap().contains("10 MB"), "{e}");
    assert_error(t.commune2.post_bytes(&path, "image/jpeg", common::photo(64, 48)).await, 403, "forbidden").await;
    assert_error(anyone.post_bytes(&path, "image/jpeg", common::photo(64, 48)).await, 401, "not_signed_in").await;
    assert_eq!(photo_count(&anyone, m).await, 1);
    for _ in 0..4 {
        created(t.district.post_bytes(&path, "image/png", common::photo(64, 48)).await).await;
    }
    let e = assert_error(t.district.post_bytes(&path, "image/jpeg", common::photo(64, 48)).await, 422, "invalid_field")
        .await;
    assert_eq!(e["error"]["field"], "photos");
    assert_eq!(photo_count(&anyone, m).await, 5);
    // Removed by an organiser above it; a stranger may not.
    let page: Value = anyone.get(&format!("/models/{m}")).await.json().await.unwrap();
    let last = page["photos"][4]["id"].as_i64().unwrap();
    assert_eq!(t.commune2.delete(&format!("/models/{m}/photos/{last}")).await.status(), 403);
    assert_eq!(t.district.delete(&format!("/models/{m}/photos/{last}")).await.status(), 204);
    assert_eq!(photo_count(&anyone, m).await, 4);

    // In a backup of the database, with the model.
    if db.backend == common::Backend::Sqlite {
        let copy = std::env::temp_dir().join(format!("kheo-photos-{}-{}.db", std::process::id(), m));
        let _ = std::fs::remove_file(&copy);
        let out = db.kheo(&["backup", copy.to_str().unwrap()], "");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let conn = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", copy.display())).await.unwrap();
        let row = sea_orm::ConnectionTrait::query_one_raw(
            &conn,
            sea_orm::Statement::from_string(
                sea_orm::DatabaseBackend::Sqlite,
                format!("SELECT COUNT(*) AS n, SUM(LENGTH(image)) AS bytes FROM model_photos WHERE model_id = {m}"),
            ),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(row.try_get::<i64>("", "n").unwrap(), 4);
        assert!(row.try_get::<i64>("", "bytes").unwrap() > 0);
        let _ = std::fs::remove_file(&copy);
    }
});
