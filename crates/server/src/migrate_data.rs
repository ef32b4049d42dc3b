//! `citysync migrate-data --to postgres://…`: moves a city from its SQLite file to an empty
//! PostgreSQL database (migrations applied there first), all tables in one transaction,
//! then checks the ledger's hash chain and signatures on the new database.

use crate::config::{redact_url, Config};
use crate::runtime;
use anyhow::{bail, Context as _};
use citysync_storage::{transfer, Backend, Db};

/// Copies the configured SQLite city into `target`; prints each table's row count.
pub async fn run(config: &Config, target: &str) -> anyhow::Result<()> {
    let source_url = config.database_url();
    if Backend::of_url(&source_url) != Backend::Sqlite {
        bail!("migrate-data copies a SQLite city; this one already runs on PostgreSQL");
    }
    if Backend::of_url(target) != Backend::Postgres {
        bail!("--to must be a postgres:// URL");
    }
    let source = runtime::open_database(config).await?;
    let target_url = target.to_owned();
    let target_db = tokio::task::spawn_blocking(move || Db::open(&target_url, 2))
        .await?
        .with_context(|| format!("opening {}", redact_url(target)))?;
    let (from, to) = (source.clone(), target_db.clone());
    let copied = tokio::task::spawn_blocking(move || {
        let mut from = from.connection()?;
        let mut to = to.connection()?;
        transfer::copy_sqlite_to_postgres(&mut from, &mut to)
    })
    .await?
    .context("copying the city")?;
    let mut total = 0;
    for (table, rows) in &copied {
        println!("{table:<32} {rows:>9}");
        total += rows;
    }
    println!("{} tables, {total} rows copied", copied.len());

    let mut on_target = config.clone();
    on_target.database.url = Some(crate::config::Secret(target.to_owned()));
    let ctx = runtime::context(&on_target).await?;
    let v = citysync_app::ledger::check::run(&ctx)
        .await
        .map_err(|e| anyhow::anyhow!("verifying the ledger on PostgreSQL: {e:?}"))?;
    if let Some(why) = &v.failure {
        bail!("the ledger does not verify on PostgreSQL: {why}");
    }
    println!(
        "ledger verified on PostgreSQL: {} entries chain and balance; {} checkpoints match",
        v.entries, v.checkpoints
    );
    println!(
        "Done. Keep the data folder (uploads, mail) and start the city with DATABASE_URL={}",
        redact_url(target)
    );
    Ok(())
}
