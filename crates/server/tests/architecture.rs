//! Keeps STYLE.md's "never depends on" column true: reads `cargo metadata` and fails when a
//! crate depends (normally, not as a dev-dependency) on something its row forbids.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

const IO: &[&str] = &[
    "diesel",
    "diesel_migrations",
    "actix-web",
    "actix",
    "tokio",
    "reqwest",
    "activitypub_federation",
    "minijinja",
    "lettre",
];

fn forbidden(package: &str) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = match package {
        "citysync-domain" => IO.to_vec(),
        "citysync-storage" => vec!["actix-web", "activitypub_federation", "minijinja", "lettre"],
        "citysync-app" => vec![
            "actix-web",
            "activitypub_federation",
            "minijinja",
            "reqwest",
        ],
        "citysync-federation" => vec!["citysync-api", "citysync-web", "diesel"],
        "citysync-api" => vec!["citysync-web", "citysync-federation", "diesel"],
        "citysync-web" => vec!["citysync-api", "citysync-federation", "diesel"],
        "citysync-i18n" => vec!["diesel", "actix-web", "activitypub_federation"],
        "citysync-mail" => vec!["diesel", "actix-web", "activitypub_federation"],
        _ => vec![],
    };
    // The layering: nothing below may depend on what is above it.
    let above: &[&str] = match package {
        "citysync-domain" => &[
            "citysync-storage",
            "citysync-app",
            "citysync-federation",
            "citysync-api",
            "citysync-web",
            "citysync-server",
            "citysync-i18n",
            "citysync-mail",
        ],
        "citysync-storage" => &[
            "citysync-app",
            "citysync-federation",
            "citysync-api",
            "citysync-web",
            "citysync-server",
        ],
        "citysync-app" => &[
            "citysync-federation",
            "citysync-api",
            "citysync-web",
            "citysync-server",
        ],
        "citysync-i18n" | "citysync-mail" => &[
            "citysync-storage",
            "citysync-app",
            "citysync-federation",
            "citysync-api",
            "citysync-web",
            "citysync-server",
        ],
        _ => &[],
    };
    rules.extend_from_slice(above);
    rules
}

#[test]
fn crates_respect_the_dependency_rules() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut violations = Vec::new();
    let mut checked = 0;
    for pkg in meta["packages"].as_array().unwrap() {
        let name = pkg["name"].as_str().unwrap();
        let rules = forbidden(name);
        checked += 1;
        for dep in pkg["dependencies"].as_array().unwrap() {
            let dep_name = dep["name"].as_str().unwrap();
            let is_dev = dep["kind"].as_str() == Some("dev");
            if !is_dev && rules.contains(&dep_name) {
                violations.push(format!("{name} depends on {dep_name}"));
            }
        }
    }
    assert!(
        checked >= 10,
        "expected every workspace crate, saw {checked}"
    );
    assert!(
        violations.is_empty(),
        "dependency rules broken:\n{}",
        violations.join("\n")
    );
}
