//! The configuration: the documented example cannot drift from the code, unknown keys are
//! refused, the environment overlay works, secrets are redacted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_server::config::{Config, Overrides};
use std::collections::BTreeSet;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../docs/config.example.toml"
);

fn keys(value: &toml::Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let toml::Value::Table(t) = value {
        for (k, v) in t {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            if v.is_table() {
                keys(v, &key, out);
            } else {
                out.insert(key);
            }
        }
    }
}

#[test]
fn the_example_config_documents_every_key_with_its_default() {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    // Every key the code has appears in the example, commented out or not, with a comment above.
    let defaults = toml::Value::try_from(Config::default()).unwrap();
    let mut code_keys = BTreeSet::new();
    keys(&defaults, "", &mut code_keys);
    code_keys.insert("database.url".into()); // optional: no default value
    code_keys.insert("i18n.dir".into()); // optional: no default value
    let uncommented: String = text
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|rest| rest.contains(" = ") && !rest.starts_with(' '))
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let parsed: toml::Value =
        toml::from_str(&uncommented).expect("the example, uncommented, is TOML");
    let mut example_keys = BTreeSet::new();
    keys(&parsed, "", &mut example_keys);
    assert_eq!(
        code_keys, example_keys,
        "docs/config.example.toml and Config differ"
    );
    // The example as shipped (comments kept) loads and equals the defaults: it cannot lie about them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, &text).unwrap();
    let loaded = Config::load(Some(&path), &Overrides::default()).unwrap();
    assert_eq!(loaded, Config::default());
    // Every key line has a comment line above it.
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let l = line.trim_start_matches("# ");
        if l.contains(" = ") && !l.starts_with('#') && !line.starts_with("#  ") {
            assert!(
                i > 0 && lines[i - 1].starts_with('#'),
                "key without a comment: {line}"
            );
        }
    }
}

#[test]
fn unknown_keys_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "[server]\nbnid = \"0.0.0.0:1\"\n").unwrap();
    let err = Config::load(Some(&path), &Overrides::default()).unwrap_err();
    assert!(err.to_string().contains("bnid"), "{err}");
}

#[test]
fn http_is_refused_for_a_public_non_loopback_url_and_secrets_are_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[server]\npublic_url = \"http://berkeley.example\"\n",
    )
    .unwrap();
    assert!(Config::load(Some(&path), &Overrides::default())
        .unwrap_err()
        .to_string()
        .contains("https"));
    std::fs::write(
        &path,
        "[mail]\ntransport = \"smtp://bob:hunter2@mail.example:587\"\n",
    )
    .unwrap();
    let overrides = Overrides {
        database_url: Some("postgres://app:s3cret@db.example/city".into()),
        ..Overrides::default()
    };
    let config = Config::load(Some(&path), &overrides).unwrap();
    let shown = config.redacted_toml().unwrap();
    assert!(
        !shown.contains("hunter2") && !shown.contains("s3cret"),
        "{shown}"
    );
    assert!(shown.contains("mail.example") && shown.contains("db.example"));
    assert!(!format!("{config:?}").contains("hunter2"));
}
