//! Child processes (killed on drop), free ports, CPU time from /proc, the machine's name.

use anyhow::{bail, Context as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A child process of this benchmark, killed when dropped.
pub struct Proc {
    pub name: String,
    child: Child,
    log: PathBuf,
}

impl Proc {
    /// Starts this binary again with `args`, stdout and stderr to `log`.
    pub fn spawn_self(
        name: &str,
        args: &[&str],
        env: &[(&str, String)],
        log: PathBuf,
    ) -> anyhow::Result<Proc> {
        let exe = std::env::current_exe().context("this executable's path")?;
        Proc::spawn(exe, name, args, env, log)
    }

    /// Starts `exe` with `args` and only the given `CITYSYNC_*` settings, stdout and stderr
    /// to `log`.
    pub fn spawn(
        exe: PathBuf,
        name: &str,
        args: &[&str],
        env: &[(&str, String)],
        log: PathBuf,
    ) -> anyhow::Result<Proc> {
        let mut cmd = Command::new(exe);
        for (key, _) in std::env::vars() {
            if key.starts_with("CITYSYNC_") || key == "DATABASE_URL" || key == "RUST_LOG" {
                cmd.env_remove(key);
            }
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .with_context(|| format!("opening {}", log.display()))?;
        let child = cmd
            .args(args)
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .with_context(|| format!("starting {name}"))?;
        Ok(Proc {
            name: name.to_owned(),
            child,
            log,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The last `lines` lines of the process's output.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Fails if the process has exited.
    pub fn check_alive(&mut self) -> anyhow::Result<()> {
        if let Some(status) = self.child.try_wait()? {
            bail!(
                "{} exited ({status}); its output:\n{}",
                self.name,
                self.log_tail(40)
            );
        }
        Ok(())
    }

    /// Waits until a TCP connection to `port` succeeds.
    pub async fn wait_port(&mut self, port: u16, limit: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + limit;
        loop {
            self.check_alive()?;
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("{} is not listening on {port}", self.name);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_listener() -> anyhow::Result<std::net::TcpListener> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?)
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(free_listener()?.local_addr()?.port())
}

fn clock_ticks() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// User + system CPU seconds a process has used (`None` for `self`'s pid 0 means this one).
pub fn cpu_seconds(pid: Option<u32>) -> Option<f64> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/stat"),
        None => "/proc/self/stat".to_owned(),
    };
    let stat = std::fs::read_to_string(path).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields after the command name start at field 3 (state); utime is 14, stime 15.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / clock_ticks())
}

/// CPU cores a process kept busy between two `cpu_seconds` readings over `elapsed`.
pub fn cores(before: Option<f64>, after: Option<f64>, elapsed: Duration) -> Option<f64> {
    Some((after? - before?) / elapsed.as_secs_f64().max(1e-9))
}

/// "2 cores, AMD EPYC, load 0.31 at start".
pub fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    format!("{cores} cores (nproc), {model}, 1-min load {load} at start")
}
