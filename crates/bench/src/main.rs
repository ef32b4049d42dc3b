//! `citysync-bench`: City/Sync benchmarks, each figure beside baselines measured in the same
//! run on the same machine (absolute rates drift run to run on a shared box; ratios hold).
//!
//! `citysync-bench federation` measures the signed inbox against a bare actix-web handler
//! that only verifies one RSA signature (pure-Rust `rsa`, the implementation the inbox uses,
//! and OpenSSL), then the outbound fan-out of the city's announcements to loopback inbox
//! sinks with every peer alive, with one dead peer, and with one hung peer.
//!
//! `citysync-bench suite` runs the whole performance suite (inbox, fan-out, ledger on SQLite
//! and PostgreSQL, catalog page, memory, start-up, binary size) and prints one table, each
//! figure beside its same-run baseline.
//!
//! The city and the baselines run as child processes of this binary (the hidden `city`,
//! `baseline` and `hello` subcommands): `city` is exactly `citysync serve`, configured by
//! `CITYSYNC_*`.

mod baseline;
mod catalog;
mod city;
mod fanout;
mod footprint;
mod inbox;
mod ledger;
mod load;
mod proc;
mod report;
mod signing;
mod sinks;
mod suite;

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "citysync-bench",
    about = "City/Sync benchmarks with same-run baselines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The whole suite, bounded in time (about 6–10 minutes; `--quick` 2–3), on loopback:
    /// prints one markdown table, each figure beside its same-run baseline.
    Suite(SuiteArgs),
    /// Signed inbox throughput beside bare RSA-verify handlers; outbound fan-out to loopback
    /// inbox sinks with and without a dead peer. Prints a markdown report.
    Federation(FederationArgs),
    /// (internal) `citysync serve`, configured from CITYSYNC_* variables.
    #[command(hide = true)]
    City,
    /// (internal) a bare actix-web handler that verifies one RSA signature per request.
    #[command(hide = true)]
    Baseline {
        #[arg(long, value_enum)]
        kind: baseline::Kind,
        #[arg(long)]
        port: u16,
        #[arg(long, default_value_t = 2)]
        workers: usize,
    },
    /// (internal) actix-web's "hello world", the catalog page's baseline.
    #[command(hide = true)]
    Hello {
        #[arg(long)]
        port: u16,
        #[arg(long, default_value_t = 2)]
        workers: usize,
    },
}

#[derive(Debug, Clone, Args)]
pub struct SuiteArgs {
    /// Shorter windows, one round, fewer mints and templates: about 2–3 minutes.
    #[arg(long)]
    pub quick: bool,
    /// Seconds of each timed inbox and catalog window (default 5; 3 with --quick).
    #[arg(long)]
    pub seconds: Option<u64>,
    /// Rounds of inbox and catalog windows (default 3; 1 with --quick).
    #[arg(long)]
    pub rounds: Option<usize>,
    /// Concurrent client connections of the inbox and catalog loads (baselines included).
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// Loopback inbox sinks following the city (one of them dies).
    #[arg(long, default_value_t = 100)]
    pub peers: usize,
    /// Templates activated per fan-out run (default 30; 10 with --quick).
    #[arg(long)]
    pub templates: Option<usize>,
    /// Parts to leave out: inbox, fanout, ledger, catalog, size (comma-separated; the ledger
    /// alone, `--skip inbox,fanout,catalog,size`, does not build the release `citysync`).
    #[arg(long, value_delimiter = ',')]
    pub skip: Vec<String>,
    /// The city's log filter (its `log.level`); by default the city's own, `info`.
    #[arg(long)]
    pub city_log: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct FederationArgs {
    /// Seconds of each timed inbox window (the baselines get the same).
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Rounds of inbox windows; each round measures the two baselines and the inbox once,
    /// in a rotating order, so drift on a shared machine hits all three alike.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Loopback inbox sinks following the city.
    #[arg(long, default_value_t = 100)]
    pub peers: usize,
    /// Concurrent client connections of the inbox load (baselines included).
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// Templates activated per fan-out run; each is announced to every follower.
    #[arg(long, default_value_t = 50)]
    pub templates: usize,
    /// Only the fan-out part.
    #[arg(long)]
    pub skip_inbox: bool,
    /// Only the inbox part.
    #[arg(long)]
    pub skip_fanout: bool,
    /// Also measure, in each round, the inbox with an invalid signature (everything up to and
    /// including the RSA verify, nothing stored) and with duplicates (verified, found already
    /// received): where the inbox's time goes.
    #[arg(long)]
    pub decompose: bool,
    /// The city's log filter (its `log.level`); by default the city's own default, `info`,
    /// which logs every request.
    #[arg(long)]
    pub city_log: Option<String>,
    /// Leave out the extra fan-out run with a peer that accepts connections and never answers.
    #[arg(long)]
    pub no_hung: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::City => city::serve_here(),
        Command::Baseline {
            kind,
            port,
            workers,
        } => baseline::serve(kind, port, workers).map(|()| ExitCode::SUCCESS),
        Command::Hello { port, workers } => {
            baseline::serve_hello(port, workers).map(|()| ExitCode::SUCCESS)
        }
        Command::Suite(args) => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(anyhow::Error::from)
            .and_then(|rt| rt.block_on(suite::run(args)))
            .map(|()| ExitCode::SUCCESS),
        Command::Federation(args) => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(anyhow::Error::from)
            .and_then(|rt| rt.block_on(federation(args)))
            .map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("citysync-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn federation(args: FederationArgs) -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let machine = proc::machine();
    eprintln!("# {machine}");
    let inbox = if args.skip_inbox {
        None
    } else {
        Some(inbox::run(&args).await?)
    };
    let fanout = if args.skip_fanout {
        None
    } else {
        Some(fanout::run(&args).await?)
    };
    println!("## Federation benchmark\n");
    println!("Machine: {machine}\n");
    let argv: Vec<String> = std::env::args().skip(1).collect();
    println!(
        "Command: `citysync-bench {}` (--seconds {} --rounds {} --peers {} --connections {} --templates {})\n",
        argv.join(" "),
        args.seconds,
        args.rounds,
        args.peers,
        args.connections,
        args.templates
    );
    if let Some(inbox) = &inbox {
        println!("{}", inbox.markdown(&args));
    }
    if let Some(fanout) = &fanout {
        println!("{}", fanout.markdown(inbox.as_ref().map(|i| i.sign_rate)));
    }
    Ok(())
}
