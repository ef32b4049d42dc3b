//! `citysync`: `cargo run --release` with no arguments serves the city.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = citysync_server::cli::Cli::parse();
    let system = actix_web::rt::System::new();
    match system.block_on(citysync_server::cli::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("citysync: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
