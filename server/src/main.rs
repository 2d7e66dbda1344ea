//! `kheo`: the Khéo server and its command line.

#![recursion_limit = "1024"]

mod api;
mod cli;
mod hall;
mod listen;
mod page_cache;
mod rolling;
mod site;
mod stream;
mod web;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Started by a double-click, the window shows the hall's address and QR
    // code; only warnings are logged under them.
    let quiet = if args.is_empty() { "warn" } else { "info,sqlx=warn,sea_orm=warn" };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("KHEO_LOG").unwrap_or_else(|_| quiet.into()))
        .with_writer(std::io::stderr)
        .init();
    match cli::run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kheo: {message}");
            // A double-clicked window would close before anyone read why.
            if args.is_empty() && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                eprintln!("Nhấn Enter để đóng / press Enter to close.");
                let _ = std::io::stdin().read_line(&mut String::new());
            }
            ExitCode::FAILURE
        }
    }
}
