//! Footprint: resident memory of a process from /proc, start-up time of the city, the size
//! of the release binary.

use crate::city::City;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// VmRSS and VmHWM (peak) of a process, in MiB.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rss {
    pub rss: f64,
    pub hwm: f64,
    /// Anonymous memory (heap, stacks) and file-backed pages (the binary's code) of `rss`.
    pub anon: f64,
    pub file: f64,
}

pub fn rss(pid: u32) -> Option<Rss> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    };
    Some(Rss {
        rss: field("VmRSS:")?,
        hwm: field("VmHWM:")?,
        anon: field("RssAnon:")?,
        file: field("RssFile:")?,
    })
}

/// Spawn of a city with a fresh data folder (so including its migrations on a new SQLite
/// database) to its first 200 on /healthz, polled every 10 ms.
pub async fn startup(log: Option<&str>) -> anyhow::Result<Duration> {
    let t0 = Instant::now();
    let city = City::start("startup", log).await?;
    let took = t0.elapsed();
    drop(city);
    Ok(took)
}

pub struct BinarySize {
    pub path: PathBuf,
    pub bytes: u64,
    /// The size after `strip`, when `strip` is installed.
    pub stripped: Option<u64>,
    /// What the binary is.
    pub what: &'static str,
}

fn stripped(path: &Path) -> Option<u64> {
    let out = tempfile::NamedTempFile::new().ok()?;
    let status = std::process::Command::new("strip")
        .arg("-o")
        .arg(out.path())
        .arg(path)
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    Some(std::fs::metadata(out.path()).ok()?.len())
}

/// The main workspace's `citysync` release binary, the one a city installs.
pub fn citysync_binary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/citysync")
}

/// Builds the main workspace's `citysync` release binary (`cargo build --release --bin
/// citysync` at the top of the repository; quick when it is up to date), so the cities the
/// suite starts and the size it reports are those of the binary a city installs.
pub fn build_citysync() -> anyhow::Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    let status = std::process::Command::new(cargo)
        .args(["build", "--release", "--bin", "citysync", "--manifest-path"])
        .arg(&manifest)
        .env_remove("CARGO_TARGET_DIR")
        .status()?;
    anyhow::ensure!(
        status.success(),
        "cargo build --release --bin citysync failed"
    );
    Ok(())
}

/// The main workspace's `citysync` release binary when it has been built, else this
/// bench's own release binary, which holds the whole server plus the bench and vendored
/// OpenSSL: an upper bound.
pub fn binary_size() -> anyhow::Result<BinarySize> {
    let main = citysync_binary();
    let (path, what) = if main.is_file() {
        (main, "`citysync` (main workspace, release)")
    } else {
        (
            std::env::current_exe()?,
            "`citysync-bench` (the server + bench + vendored OpenSSL; no `citysync` release build found)",
        )
    };
    let bytes = std::fs::metadata(&path)?.len();
    Ok(BinarySize {
        stripped: stripped(&path),
        path,
        bytes,
        what,
    })
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
