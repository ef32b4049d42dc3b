//! `citysync backup` and `citysync restore`: SQLite's online backup into one file, and
//! putting such a file back in place (the server stopped). PostgreSQL has its own tools:
//! both commands print the `pg_dump`/`pg_restore` procedure and exit non-zero.

use crate::config::Config;
use anyhow::{bail, Context as _};
use citysync_storage::operations::{inspect_sqlite, sqlite_backup, sqlite_in_use};
use citysync_storage::{Backend, Db};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const PG_PROCEDURE: &str = "\
This city runs on PostgreSQL: back it up with PostgreSQL's own tools.

  Backup (safe while serving; a consistent snapshot):
    pg_dump --format=custom --file=citysync-$(date +%F).dump \"$DATABASE_URL\"
    tar czf uploads-$(date +%F).tar.gz -C DATA_DIR uploads

  Restore (every citysync process stopped; into an empty database):
    createdb citysync_restored
    pg_restore --no-owner --dbname=postgres://…/citysync_restored citysync-DATE.dump
    tar xzf uploads-DATE.tar.gz -C DATA_DIR
    then point DATABASE_URL at the restored database and start citysync.

See docs/admin-guide.md, Backups.";

/// The SQLite file of the configuration.
fn sqlite_path(config: &Config) -> PathBuf {
    let url = config.database_url();
    PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(&url))
}

fn is_postgres(config: &Config) -> bool {
    Backend::of_url(&config.database_url()) == Backend::Postgres
}

/// `citysync backup --out FILE`.
pub async fn backup(config: &Config, out: &Path) -> anyhow::Result<ExitCode> {
    if is_postgres(config) {
        eprintln!("{PG_PROCEDURE}");
        return Ok(ExitCode::from(2));
    }
    let database = sqlite_path(config);
    if !database.is_file() {
        bail!("there is no database at {} to back up", database.display());
    }
    if out.exists() {
        bail!("{} exists: refusing to overwrite it", out.display());
    }
    let url = database.to_string_lossy().into_owned();
    let db = tokio::task::spawn_blocking(move || Db::open(&url, 1))
        .await?
        .with_context(|| format!("opening the database {}", database.display()))?;
    let target = out.to_path_buf();
    db.run(move |conn| sqlite_backup(conn, &target))
        .await
        .with_context(|| format!("writing the backup {}", out.display()))?;
    let file = inspect_sqlite(out).context("checking the backup just written")?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "backup written: {} ({} bytes, city {:?}, {} migrations)",
        out.display(),
        size,
        file.city_name.unwrap_or_default(),
        file.migrations
    );
    println!(
        "also keep a copy of {} (proof photos and other uploads)",
        config.data_dir.join("uploads").display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Moves `from` to `to` if it exists.
fn move_aside(from: &Path, to: &Path) -> anyhow::Result<()> {
    if from.exists() {
        std::fs::rename(from, to)
            .with_context(|| format!("moving {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `citysync restore --from FILE`: the server must be stopped.
pub async fn restore(config: &Config, from: &Path) -> anyhow::Result<ExitCode> {
    if is_postgres(config) {
        eprintln!("{PG_PROCEDURE}");
        return Ok(ExitCode::from(2));
    }
    let source = from.to_path_buf();
    let file = tokio::task::spawn_blocking(move || inspect_sqlite(&source))
        .await?
        .with_context(|| format!("{} cannot be restored", from.display()))?;
    let database = sqlite_path(config);
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    if std::fs::canonicalize(from).ok() == std::fs::canonicalize(&database).ok()
        && database.exists()
    {
        bail!("{} is the database itself", from.display());
    }
    if database.exists() {
        let path = database.clone();
        if tokio::task::spawn_blocking(move || sqlite_in_use(&path))
            .await?
            .with_context(|| format!("checking {}", database.display()))?
        {
            bail!(
                "{} is in use: stop every citysync process before restoring",
                database.display()
            );
        }
    }
    // Copy first, next to the database, so the swap below is two renames.
    let incoming = with_suffix(&database, ".restoring");
    std::fs::copy(from, &incoming)
        .with_context(|| format!("copying {} to {}", from.display(), incoming.display()))?;
    let mut kept = None;
    if database.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let before = with_suffix(&database, &format!(".before-restore-{stamp}"));
        if before.exists() {
            bail!("{} exists: try again in a second", before.display());
        }
        // The WAL may hold committed changes: it goes with its database.
        move_aside(&database, &before)?;
        for ext in ["-wal", "-shm"] {
            move_aside(&with_suffix(&database, ext), &with_suffix(&before, ext))?;
        }
        kept = Some(before);
    }
    std::fs::rename(&incoming, &database)
        .with_context(|| format!("moving the restored file to {}", database.display()))?;
    println!(
        "restored {} into {} (city {:?}, {} migrations)",
        from.display(),
        database.display(),
        file.city_name.unwrap_or_default(),
        file.migrations
    );
    if let Some(before) = kept {
        println!("the previous database is kept as {}", before.display());
    }
    if file.schema.pending > 0 {
        println!(
            "{} migrations will be applied at the next start",
            file.schema.pending
        );
    }
    println!(
        "restore the uploads folder ({}) from the same backup, then start citysync",
        config.data_dir.join("uploads").display()
    );
    Ok(ExitCode::SUCCESS)
}
