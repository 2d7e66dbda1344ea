//! Khéo started by a double-click on the organiser's laptop: it listens on
//! the hall's network, keeps its data beside itself, prints the address
//! the hall's phones and tablets use with a QR code, and opens the browser.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use tokio::net::TcpListener;

/// The first port tried, and how many after it.
const FIRST_PORT: u16 = 3000;
const PORTS_TRIED: u16 = 20;

/// Where a double-clicked Khéo keeps its database and backups: a
/// `kheo-data` folder beside the program, or the user's data folder when
/// the program sits somewhere it may not write (Program Files, a CD).
pub fn data_folder() -> Result<PathBuf, String> {
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("kheo-data")))
        .filter(|dir| writable(dir));
    if let Some(dir) = beside {
        return Ok(dir);
    }
    let user = user_data_folder().map(|d| d.join("Kheo")).filter(|dir| writable(dir));
    user.ok_or_else(|| "không tìm được thư mục nào ghi được để lưu dữ liệu (đặt DATABASE_URL)".to_string())
}

fn user_data_folder() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        var("LOCALAPPDATA").or_else(|| var("APPDATA"))
    } else {
        var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local").join("share")))
    }
}

/// Whether a folder exists or can be made, and takes a file.
fn writable(dir: &Path) -> bool {
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let probe = dir.join(".kheo-ghi-thu");
    let ok = std::fs::write(&probe, b"ok").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// Binds `KHEO_ADDR` when it is set. Otherwise a double-clicked Khéo
/// listens on every interface at port 3000 or the next free one, and
/// `kheo serve` on 127.0.0.1:3000 as the contract says.
pub async fn bind(hall: bool) -> Result<TcpListener, String> {
    if let Ok(text) = std::env::var("KHEO_ADDR") {
        let addr: SocketAddr = text.parse().map_err(|_| format!("KHEO_ADDR không hợp lệ: {text}"))?;
        return TcpListener::bind(addr).await.map_err(|e| format!("không mở được cổng {addr}: {e}"));
    }
    if !hall {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, FIRST_PORT));
        return TcpListener::bind(addr).await.map_err(|e| format!("không mở được cổng {addr}: {e}"));
    }
    for port in FIRST_PORT..FIRST_PORT + PORTS_TRIED {
        if let Ok(l) = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))).await {
            return Ok(l);
        }
    }
    Err(format!("các cổng {FIRST_PORT}–{} đều đang bận", FIRST_PORT + PORTS_TRIED - 1))
}

/// This machine's address on the local network: the one its route out
/// uses (no packet is sent), else the first private IPv4 address of an
/// interface that is up. `None` on a machine with no network at all.
pub fn lan_address() -> Option<IpAddr> {
    let routed = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).map(|_| s))
        .and_then(|s| s.local_addr())
        .ok()
        .map(|a| a.ip())
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    routed.or_else(|| {
        let interfaces = if_addrs::get_if_addrs().ok()?;
        let mut v4: Vec<Ipv4Addr> = interfaces
            .iter()
            .filter(|i| !i.is_loopback())
            .filter_map(|i| match i.ip() {
                IpAddr::V4(v4) if !v4.is_link_local() => Some(v4),
                _ => None,
            })
            .collect();
        v4.sort_by_key(|ip| !ip.is_private());
        v4.first().copied().map(IpAddr::V4)
    })
}

/// What the terminal shows once Khéo listens: where to open it on this
/// machine, the hall's address, and that address as a QR code.
pub fn banner(port: u16, lan: Option<IpAddr>, data: Option<&Path>) -> String {
    let local = format!("http://localhost:{port}");
    let mut out = String::new();
    out.push_str("\n  Khéo — Hội thi \"Dân vận khéo\"\n\n");
    out.push_str(&format!("  Trên máy này / on this computer:   {local}\n"));
    match lan {
        Some(ip) => {
            let hall = match ip {
                IpAddr::V4(v4) => format!("http://{v4}:{port}"),
                IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
            };
            out.push_str(&format!("  Trong hội trường / in the hall:    {hall}\n"));
            out.push_str("  (điện thoại, máy tính bảng cùng mạng Wi-Fi với máy này)\n\n");
            out.push_str(&qr_text(&hall));
            out.push_str("  Quét mã QR để mở Khéo trên điện thoại / scan to open Khéo on a phone\n");
        }
        None => {
            out.push_str("  Máy chưa nối mạng: chỉ mở được trên máy này. Nối Wi-Fi rồi chạy lại.\n");
            out.push_str("  Not on a network: only this computer can open Khéo.\n");
        }
    }
    if let Some(d) = data {
        out.push_str(&format!("\n  Dữ liệu / data: {}\n", d.display()));
    }
    out.push_str("  Đóng cửa sổ này (hoặc Ctrl+C) để dừng Khéo / close this window to stop.\n");
    out
}

/// `text` as a QR code drawn with half-block characters, two rows of
/// modules per line, dark on light so that phones read it on any terminal.
pub fn qr_text(text: &str) -> String {
    use qrcode::render::unicode::Dense1x2;
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else { return String::new() };
    let drawn =
        code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build();
    drawn.lines().map(|l| format!("  {l}\n")).collect()
}

/// Opens `url` in the default browser, unless `KHEO_NO_BROWSER` is set;
/// a failure only means the person opens it by hand.
pub fn open_browser(url: &str) {
    if std::env::var_os("KHEO_NO_BROWSER").is_some() {
        return;
    }
    let spawned = if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open")
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    };
    if let Err(e) = spawned {
        tracing::info!(error = %e, "could not open a browser");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_names_the_halls_address_and_draws_its_qr_code() {
        let lan = Some(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 10)));
        let text = banner(3001, lan, None);
        assert!(text.contains("http://localhost:3001"));
        assert!(text.contains("http://192.168.1.10:3001"));
        assert!(!text.contains("127.0.0.1"));
        let qr_lines = text.lines().filter(|l| l.contains('█') || l.contains('▀') || l.contains('▄')).count();
        assert!(qr_lines >= 12, "a QR code of about 25 modules takes 13 lines or more: {text}");
    }

    #[test]
    fn without_a_network_the_banner_says_so() {
        let text = banner(3000, None, None);
        assert!(text.contains("http://localhost:3000"));
        assert!(text.contains("chưa nối mạng"));
    }

    #[test]
    fn a_folder_that_takes_a_file_is_writable_and_one_under_a_file_is_not() {
        let dir = std::env::temp_dir().join(format!("kheo-hall-{}", std::process::id()));
        assert!(writable(&dir.join("Thư mục có dấu cách")));
        std::fs::write(dir.join("a-file"), b"x").unwrap();
        assert!(!writable(&dir.join("a-file").join("below")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
