//! The command line: `serve` (the default), `migrate`, `backup`, `restore`, `migrate-data`, `config check`,
//! `admin …`, `federation …`, `ledger …`, `protocol …`.

use crate::config::{Config, Overrides};
use crate::{runtime, serve};
use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "citysync",
    version,
    about = "City/Sync: a city's civic work as one shared, federated system"
)]
pub struct Cli {
    /// A TOML configuration file (see docs/config.example.toml).
    #[arg(long, global = true, env = "CITYSYNC_CONFIG")]
    pub config: Option<PathBuf>,
    /// Folder for the SQLite database, mail files and uploads [default: ./data].
    #[arg(long, global = true, env = "CITYSYNC_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// `postgres://…` selects PostgreSQL; by default a SQLite file in the data folder.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the city (the default): migrations applied, keys generated on first start.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// SQLite: write a consistent copy of the database to a new file, safe while serving.
    /// PostgreSQL: print the pg_dump procedure and exit non-zero.
    Backup {
        /// The file to write; refused if it exists.
        #[arg(long)]
        out: PathBuf,
    },
    /// SQLite, with the server stopped: put a backup in place of the database, keeping the
    /// previous one as `<name>.before-restore-<timestamp>`.
    Restore {
        /// A file written by `citysync backup`.
        #[arg(long)]
        from: PathBuf,
    },
    /// Copy this city from its SQLite database into an empty PostgreSQL database (with the
    /// server stopped), then verify the ledger there.
    MigrateData {
        /// The PostgreSQL database, `postgres://user@host:5432/name`.
        #[arg(long)]
        to: String,
    },
    /// Configuration commands.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Administration commands.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Federation with peer cities.
    #[command(subcommand)]
    Federation(FederationCommand),
    /// The CITY/VOTE ledger.
    #[command(subcommand)]
    Ledger(LedgerCommand),
    /// The portable city protocol: this city's way of working as one signed document.
    #[command(subcommand)]
    Protocol(ProtocolCommand),
    /// Signed attestations of verified work.
    #[command(subcommand)]
    Attestation(AttestationCommand),
    /// The privileged-action log.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the privileged-action log's hash chain from its first entry. Exits 0 when it
    /// holds, 1 naming the first broken entry.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum AttestationCommand {
    /// Check a resident's service-hours record (the JSON file from /me/hours.json) offline:
    /// every signature and total. Exits 0 when all holds, 1 naming the entry that fails.
    Verify {
        /// The record.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProtocolCommand {
    /// Write this city's protocol document, signed with the city's ledger key.
    Export {
        /// The file to write [default: standard output].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check another city's protocol document (its signature included) and print what
    /// importing it would change here; with --apply, import the chosen parts.
    Import {
        /// The document.
        file: PathBuf,
        /// The parts to import, comma-separated: taxonomy, templates, parameters,
        /// governance [default: all].
        #[arg(long, value_delimiter = ',')]
        parts: Vec<String>,
        /// The organization (handle of an approved issuer) that receives the templates.
        #[arg(long)]
        organization: Option<String>,
        /// The administrator (username) recorded as making the import; needed with --apply.
        #[arg(long)]
        admin: Option<String>,
        /// Import; without it only the preview is printed and nothing changes.
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Recompute the whole hash chain and every balance from the database and check every
    /// checkpoint's signature. Exits 0 when all holds, 1 naming the first bad entry.
    Verify,
    /// Sign a checkpoint at the journal's head now.
    Checkpoint,
    /// Close the open epoch now, ahead of its planned end (writes the settlement
    /// statements, seals the report, signs a checkpoint); the next epoch begins now.
    CloseEpoch,
}

#[derive(Debug, Default, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "CITYSYNC_SERVER__BIND")]
    pub bind: Option<String>,
    /// The instance's public origin [default: http://127.0.0.1:8080].
    #[arg(long, env = "CITYSYNC_SERVER__PUBLIC_URL")]
    pub public_url: Option<String>,
    /// `web`: HTTP only, no background work; `worker`: background work only (plus /livez,
    /// /readyz, /healthz and /metrics on the port); `all`: both.
    #[arg(long, value_enum, default_value_t = serve::Role::All)]
    pub role: serve::Role,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the configuration and print it with secrets redacted.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an account; the password is read from standard input.
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Make the account a city administrator.
        #[arg(long)]
        admin: bool,
        /// Mark the email address as verified (no verification mail).
        #[arg(long)]
        verified: bool,
    },
    /// Print a new API bearer token for an account.
    CreateToken {
        #[arg(long)]
        username: String,
        /// Space-separated scopes, e.g. "read write:claims".
        #[arg(long)]
        scopes: String,
        /// What the token is for.
        #[arg(long, default_value = "command line")]
        label: String,
    },
    /// Delete a registered OAuth app: its authorizations and tokens stop working at once.
    DeleteApp {
        #[arg(long)]
        client_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FederationCommand {
    /// The city follows a peer city, by handle (@city@berkeley.example) or actor URL.
    Follow { handle_or_url: String },
    /// Peers with follow state, reachability, delivery backlog, last success and last error,
    /// and what each sent us (received, duplicates dropped, content ignored).
    Peers,
    /// Blocks a domain (and its subdomains): nothing from it is accepted, nothing sent to it.
    Block { domain: String },
    /// Puts a domain on the allowlist (used when `federation.mode = "allowlist"`).
    Allow { domain: String },
    /// Removes a domain's block or allowlist entry.
    Forget { domain: String },
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // `serve`'s own flags; other commands get the same settings from the environment
    // overlay (`CITYSYNC_SERVER__*`) that `Config::load` applies anyway.
    let (bind, public_url, role) = match &cli.command {
        Some(Command::Serve(args)) => (args.bind.clone(), args.public_url.clone(), args.role),
        _ => (None, None, serve::Role::All),
    };
    let overrides = Overrides {
        data_dir: cli.data_dir.clone(),
        database_url: cli.database_url.clone(),
        bind,
        public_url,
    };
    // Offline: no configuration, database or network.
    if let Some(Command::Attestation(AttestationCommand::Verify { file })) = &cli.command {
        return crate::hours_record::verify_command(file);
    }
    let config = Config::load(cli.config.as_deref(), &overrides)?;
    match cli.command {
        None | Some(Command::Serve(_)) => {
            runtime::init_logging(&config)?;
            serve::serve(config, role).await?;
        }
        Some(Command::Backup { out }) => {
            runtime::init_logging(&config)?;
            return crate::backup::backup(&config, &out).await;
        }
        Some(Command::Restore { from }) => {
            runtime::init_logging(&config)?;
            return crate::backup::restore(&config, &from).await;
        }
        Some(Command::MigrateData { to }) => {
            runtime::init_logging(&config)?;
            crate::migrate_data::run(&config, &to).await?;
        }
        Some(Command::Migrate) => {
            runtime::init_logging(&config)?;
            let db = runtime::open_database(&config).await?;
            println!("migrations applied ({:?})", db.backend());
        }
        Some(Command::Config(ConfigCommand::Check)) => {
            print!("{}", config.redacted_toml()?);
            // Each offered language, and how many messages it lacks (shown from the
            // city's default language, then English).
            let i18n = runtime::load_i18n(&config)?;
            for locale in i18n.locales() {
                let missing = i18n.missing(*locale).len();
                eprintln!(
                    "language {} ({}): {missing} messages missing",
                    locale.code(),
                    locale.native_name()
                );
            }
            eprintln!("configuration is valid");
        }
        Some(Command::Admin(cmd)) => {
            runtime::init_logging(&config)?;
            let ctx = runtime::context(&config).await?;
            citysync_app::instance::ensure_keys(&ctx).await?;
            match cmd {
                AdminCommand::CreateUser {
                    username,
                    email,
                    admin,
                    verified,
                    ..
                } => {
                    let mut password = String::new();
                    std::io::stdin()
                        .read_to_string(&mut password)
                        .context("reading the password from standard input")?;
                    let password = password.strip_suffix('\n').unwrap_or(&password);
                    let password = password.strip_suffix('\r').unwrap_or(password);
                    let user = citysync_app::accounts::create_user(
                        &ctx, &username, &email, password, admin, verified,
                    )
                    .await
                    .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
                    println!("created user {} ({})", user.username, user.id);
                }
                AdminCommand::CreateToken {
                    username,
                    scopes,
                    label,
                } => {
                    let token = citysync_app::tokens::create(&ctx, &username, &scopes, &label)
                        .await
                        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
                    println!("{token}");
                }
                AdminCommand::DeleteApp { client_id } => {
                    citysync_app::oauth::delete_app_as_admin(&ctx, &client_id)
                        .await
                        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
                    println!("deleted app {client_id}: its tokens no longer work");
                }
            }
        }
        Some(Command::Ledger(cmd)) => {
            runtime::init_logging(&config)?;
            let ctx = runtime::context(&config).await?;
            citysync_app::instance::ensure_keys(&ctx).await?;
            let failed = |e: citysync_app::AppError| anyhow::anyhow!("{}: {e}", e.code());
            match cmd {
                LedgerCommand::Verify => {
                    let v = citysync_app::ledger::check::run(&ctx)
                        .await
                        .map_err(failed)?;
                    match &v.failure {
                        None => {
                            println!(
                                "ledger verified: {} entries chain and balance; checkpoints signed by the city and matching: {}",
                                v.entries, v.checkpoints
                            );
                        }
                        Some(why) => {
                            println!(
                                "LEDGER VERIFICATION FAILED after {} good entries and {} good checkpoints",
                                v.entries, v.checkpoints
                            );
                            println!("{why}");
                            return Ok(ExitCode::FAILURE);
                        }
                    }
                }
                LedgerCommand::Checkpoint => {
                    let cp = citysync_app::ledger::checkpoints::sign_now(&ctx)
                        .await
                        .map_err(failed)?;
                    println!(
                        "checkpoint signed at entry {} (head {})",
                        cp.seq, cp.head_hash
                    );
                }
                LedgerCommand::CloseEpoch => {
                    let n = citysync_app::ledger::epochs::close_now(&ctx)
                        .await
                        .map_err(failed)?;
                    println!("epoch {n} closed");
                }
            }
        }
        Some(Command::Attestation(AttestationCommand::Verify { file })) => {
            return crate::hours_record::verify_command(&file);
        }
        Some(Command::Audit(AuditCommand::Verify)) => {
            runtime::init_logging(&config)?;
            let ctx = runtime::context(&config).await?;
            let v = citysync_app::privileged_log::check_chain(&ctx)
                .await
                .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
            match v.broken {
                None => println!(
                    "privileged-action log verified: {} entries chain",
                    v.entries
                ),
                Some(broken) => {
                    println!(
                        "PRIVILEGED-ACTION LOG VERIFICATION FAILED after {} good entries",
                        v.entries
                    );
                    println!(
                        "first broken entry: {} ({})",
                        broken.seq,
                        broken.reason.describe()
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Some(Command::Protocol(cmd)) => {
            runtime::init_logging(&config)?;
            let ctx = runtime::context(&config).await?;
            citysync_app::instance::ensure_keys(&ctx).await?;
            return match cmd {
                ProtocolCommand::Export { out } => {
                    crate::protocol::export(&ctx, out.as_deref()).await
                }
                ProtocolCommand::Import {
                    file,
                    parts,
                    organization,
                    admin,
                    apply,
                } => {
                    let request = crate::protocol::ImportRequest {
                        file: &file,
                        parts: &parts,
                        organization,
                        admin,
                        apply,
                    };
                    crate::protocol::import(&ctx, request).await
                }
            };
        }
        Some(Command::Federation(cmd)) => {
            runtime::init_logging(&config)?;
            let ctx = runtime::context(&config).await?;
            citysync_app::instance::ensure_keys(&ctx).await?;
            match cmd {
                FederationCommand::Follow { handle_or_url } => {
                    let federation = runtime::federation(&config, ctx.clone()).await?;
                    let data = federation.to_request_data();
                    let peer = citysync_federation::peers::follow(&data, &handle_or_url).await?;
                    println!(
                        "follow requested: {} (delivered by the running server)",
                        peer.ap_id
                    );
                }
                FederationCommand::Block { domain } => {
                    let domain = citysync_app::federation::peers::set_policy(
                        &ctx,
                        &domain,
                        Some(citysync_app::federation::peers::BLOCK),
                    )
                    .await?;
                    println!("blocked: {domain}");
                }
                FederationCommand::Allow { domain } => {
                    let domain = citysync_app::federation::peers::set_policy(
                        &ctx,
                        &domain,
                        Some(citysync_app::federation::peers::ALLOW),
                    )
                    .await?;
                    println!("allowed: {domain}");
                }
                FederationCommand::Forget { domain } => {
                    let domain =
                        citysync_app::federation::peers::set_policy(&ctx, &domain, None).await?;
                    println!("no policy for: {domain}");
                }
                FederationCommand::Peers => {
                    let peers = citysync_federation::peers::states(&ctx).await?;
                    println!(
                        "{:<40} {:<10} {:<11} {:>7} {:>9} {:>6} {:>8} {:>10} {:>7}  {:<20} last error",
                        "peer",
                        "follow",
                        "state",
                        "backlog",
                        "delivered",
                        "failed",
                        "received",
                        "duplicates",
                        "ignored",
                        "last success"
                    );
                    for p in peers {
                        println!(
                            "{:<40} {:<10} {:<11} {:>7} {:>9} {:>6} {:>8} {:>10} {:>7}  {:<20} {}",
                            if p.actor.is_empty() {
                                &p.domain
                            } else {
                                &p.actor
                            },
                            p.follow_state.map_or("-", |s| s.as_str()),
                            if p.reachable {
                                "reachable"
                            } else {
                                "unreachable"
                            },
                            p.pending,
                            p.delivered,
                            p.failed,
                            p.received,
                            p.duplicates,
                            p.ignored,
                            p.last_success
                                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                                .unwrap_or_else(|| "-".into()),
                            p.last_error.unwrap_or_default()
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
