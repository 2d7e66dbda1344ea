//! The command line of the contract: `serve`, `migrate`, `demo`, `user add`.

use kheo_domain::api::NewUser;
use kheo_domain::i18n::Lang;
use kheo_service::accounts::users;
use kheo_service::{Services, db, demo};
use std::io::BufRead;

const USAGE: &str = "\
Cách dùng / usage:
  kheo                       chạy cho hội trường: mọi giao diện mạng, cổng 3000 hoặc cổng trống kế tiếp,
                             dữ liệu trong thư mục kheo-data bên cạnh chương trình, mở trình duyệt
  kheo serve                 cập nhật lược đồ rồi chạy máy chủ (KHEO_ADDR, DATABASE_URL)
  kheo migrate               cập nhật lược đồ cơ sở dữ liệu rồi thoát
  kheo demo                  nạp hội thi mẫu (chạy lại không thay đổi gì)
  kheo user add TÊN --role admin|organiser|judge [--display-name \"HỌ TÊN\"]
                             tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (một dòng)
  kheo backup ĐƯỜNG_DẪN      chép cơ sở dữ liệu SQLite ra một tệp mới, kể cả khi máy chủ đang chạy
                             (PostgreSQL: dùng pg_dump)
  kheo restore TỆP          (khi Khéo đã dừng; SQLite) khôi phục từ một bản sao lưu sau khi kiểm tra: đúng là
                             cơ sở dữ liệu Khéo, nguyên vẹn, lược đồ không mới hơn, sổ điểm mọi hội thi khớp;
                             cơ sở dữ liệu hiện tại được cất sang tên mới, không bị xóa
  kheo verify MÃ_HỘI_THI     kiểm tra sổ điểm: chuỗi băm, từng phiếu và bảng xếp hạng
                             tính lại từ sổ; thoát 0 và in mã băm cuối khi khớp, 1 khi không
  kheo routes                in các đường dẫn API và hàm máy chủ (JSON), cho máy chủ trung gian và kiểm thử";

fn database_url() -> String {
    db::url_from_env()
}

/// The database, migrated; a server keeps its connections open.
async fn open(serving: bool) -> Result<Services, String> {
    let url = database_url();
    let db = if serving { db::connect_warm(&url).await? } else { db::connect(&url).await? };
    db::migrate(&db).await?;
    Ok(Services::new(db))
}

/// Runs the command named by `args`; an error is one line for the person.
pub async fn run(args: &[String]) -> Result<(), String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    // Started with no arguments, and for every command of the packaged
    // program (so `kheo user add` reaches the hall's database), the database
    // is kept beside the program unless DATABASE_URL says otherwise.
    if (words.is_empty() || crate::site::embedded()) && std::env::var_os("DATABASE_URL").is_none() {
        db::use_data_folder(&crate::hall::data_folder()?);
    }
    match words.as_slice() {
        ["serve"] => crate::web::serve(open(true).await?, false).await,
        [] => crate::web::serve(open(true).await?, true).await,
        ["migrate"] => {
            open(false).await?;
            println!("Lược đồ cơ sở dữ liệu đã cập nhật.");
            Ok(())
        }
        ["demo"] => {
            let svc = open(false).await?;
            let outcome = demo::load(&svc).await.map_err(|e| e.into_problem().message(Lang::Vi))?;
            print_demo(&outcome);
            Ok(())
        }
        ["user", "add", rest @ ..] => user_add(rest).await,
        ["verify", contest] => verify(contest).await,
        ["restore", file] => restore(file).await,
        ["backup", path] => {
            // No migration here: a copy is taken of the database as it is.
            let db = db::connect(&database_url()).await?;
            db::backup(&db, std::path::Path::new(path)).await?;
            println!("Đã sao lưu vào {path} / backed up to {path}.");
            Ok(())
        }
        ["routes"] => {
            println!("{}", routes());
            Ok(())
        }
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("lệnh không hợp lệ: {}\n{USAGE}", words.join(" "))),
    }
}

/// Every path the server answers besides pages: the API's, under
/// `/api/v1`, and the web pages' server functions, by name.
fn routes() -> serde_json::Value {
    let mut functions: Vec<serde_json::Value> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| {
            // The macro names a function's path by its name and a hash.
            let name = path.rsplit('/').next().unwrap_or(path).trim_end_matches(|c: char| c.is_ascii_digit());
            serde_json::json!({"name": name, "method": method.as_str(), "path": path})
        })
        .collect();
    functions.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    serde_json::json!({"api": crate::api::PATHS, "server_functions": functions})
}

fn print_demo(outcome: &demo::Outcome) {
    match outcome.contest {
        Some((id, true)) => println!("Đã nạp hội thi mẫu #{id}: {}", demo::CONTEST_NAME),
        Some((id, false)) => println!("Hội thi mẫu #{id} đã có sẵn, không thay đổi gì."),
        None => {}
    }
    for (name, id) in &outcome.season_made {
        println!("Đã nạp mùa thi mẫu: #{id} {name}");
    }
    if outcome.accounts_made.is_empty() {
        println!("Các tài khoản mẫu đã có sẵn:");
    } else {
        println!("Tài khoản mẫu đã tạo:");
    }
    for (username, password, role, name) in demo::ACCOUNTS {
        println!("  {username:<6} mật khẩu {password:<16} {:<9} {name}", role.as_str());
    }
}

async fn user_add(rest: &[&str]) -> Result<(), String> {
    let mut username = None;
    let mut role = None;
    let mut display_name = None;
    let mut it = rest.iter();
    while let Some(word) = it.next() {
        match *word {
            "--role" => role = it.next().map(|s| s.to_string()),
            "--display-name" => display_name = it.next().map(|s| s.to_string()),
            w if w.starts_with("--role=") => role = Some(w["--role=".len()..].to_string()),
            w if w.starts_with("--display-name=") => display_name = Some(w["--display-name=".len()..].to_string()),
            w if !w.starts_with("--") && username.is_none() => username = Some(w.to_string()),
            w => return Err(format!("tham số không hợp lệ: {w}\n{USAGE}")),
        }
    }
    let username = username.ok_or_else(|| format!("thiếu tên đăng nhập\n{USAGE}"))?;
    let role = role.ok_or_else(|| format!("thiếu --role\n{USAGE}"))?;
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password).map_err(|e| format!("không đọc được mật khẩu: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let svc = open(false).await?;
    let user =
        users::create_user(&svc, None, NewUser { username, password, display_name, role, unit: None, unit_id: None })
            .await
            .map_err(|e| e.into_problem().message(Lang::Vi))?;
    println!("Đã tạo tài khoản {} (#{}, {}).", user.username, user.id, user.role.as_str());
    Ok(())
}

async fn verify(contest: &str) -> Result<(), String> {
    let cid: i32 = contest.parse().map_err(|_| format!("mã hội thi không hợp lệ: {contest}\n{USAGE}"))?;
    let svc = open(false).await?;
    match kheo_service::ledger::verify(&svc, cid).await.map_err(|e| e.into_problem().message(Lang::Vi))? {
        kheo_service::ledger::Verdict::Holds { head, entries } => {
            println!("Sổ điểm hội thi #{cid} khớp ({entries} mục) / the ledger holds ({entries} entries).");
            println!("{head}");
            Ok(())
        }
        kheo_service::ledger::Verdict::Fails(why) => {
            Err(format!("Sổ điểm hội thi #{cid} KHÔNG khớp / the ledger does not hold: {why}"))
        }
    }
}

async fn restore(file: &str) -> Result<(), String> {
    use kheo_service::restore;
    let url = database_url();
    let current = kheo_service::db::sqlite_file(&url).ok_or_else(|| {
        "kheo restore chỉ dùng cho SQLite; PostgreSQL khôi phục bằng pg_restore. / SQLite only: use pg_restore."
            .to_string()
    })?;
    let held = restore::check(std::path::Path::new(file)).await?;
    let kept = restore::replace(std::path::Path::new(file), &current, db::now_ms())?;
    println!("Đã khôi phục {file} vào {} / restored.", current.display());
    if let Some(kept) = kept {
        println!("Cơ sở dữ liệu trước đó được giữ ở / the previous database is kept at: {}", kept.display());
    }
    println!(
        "{} hội thi, {} mục sổ điểm đều khớp / contests, ledger entries, all holding.",
        held.contests, held.entries
    );
    if let Some((name, at)) = held.last_change {
        println!("Thay đổi cuối / last change: {} — {}", db::in_vietnam(at).format("%d/%m/%Y %H:%M"), name);
    }
    Ok(())
}
