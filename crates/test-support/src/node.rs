//! Node.js packages a test runs (an independent peer, a real OpenID provider), pinned by a
//! lockfile in their folder and installed with `npm ci` when the lockfile changed since the
//! last install.

use std::path::{Path, PathBuf};

/// `dir` with its packages installed from its lockfile. `None` when Node.js or npm is
/// missing or the install fails — except in CI (`CI=true`), where that fails the test.
/// `what` names the packages in the messages ("the Fedify peer").
pub fn npm_packages(dir: &Path, what: &str) -> Option<PathBuf> {
    let lock = std::fs::read_to_string(dir.join("package-lock.json")).expect("the lockfile");
    let marker = dir.join("node_modules/.citysync-installed-from");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(lock.as_str()) {
        return Some(dir.to_path_buf());
    }
    let installed = std::process::Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .status();
    if !matches!(installed, Ok(s) if s.success()) {
        let why = format!("`npm ci` in {} failed: {installed:?}", dir.display());
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{what} is required in CI: {why}"
        );
        eprintln!("skipping {what}: {why}");
        return None;
    }
    std::fs::write(&marker, lock).expect("writing the install marker");
    Some(dir.to_path_buf())
}
