//! Keeps the "never depends on" column of docs/architecture.md true. Reads the resolved
//! dependency graph from `cargo metadata` and fails when a crate reaches something its row
//! forbids: some things never, through any chain of normal or build dependencies (the
//! domain never reaches diesel, even through a crate in between); others never directly
//! (a door — api, web, federation — reaches storage and diesel only through `app`).
//! Dev-dependencies are not followed: tests may use anything.

use std::collections::{BTreeMap, BTreeSet};
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

const ABOVE_STORAGE: &[&str] = &[
    "citysync-app",
    "citysync-federation",
    "citysync-api",
    "citysync-web",
    "citysync-server",
];

/// A crate's row: what it may never reach, and what it may not name itself.
struct Rule {
    never: Vec<&'static str>,
    never_directly: Vec<&'static str>,
}

fn rule(package: &str) -> Option<Rule> {
    let door_directly = vec!["citysync-storage", "diesel", "diesel_migrations"];
    let (never, never_directly): (Vec<&'static str>, Vec<&'static str>) = match package {
        "citysync-domain" => (
            [
                IO,
                &["citysync-storage", "citysync-i18n", "citysync-mail"],
                ABOVE_STORAGE,
            ]
            .concat(),
            vec![],
        ),
        "citysync-storage" => (
            [
                &["actix-web", "activitypub_federation", "minijinja", "lettre"][..],
                ABOVE_STORAGE,
            ]
            .concat(),
            vec![],
        ),
        // The email templates are mail's: app reaches minijinja only through that leaf.
        "citysync-app" => (
            vec![
                "actix-web",
                "activitypub_federation",
                "reqwest",
                "citysync-federation",
                "citysync-api",
                "citysync-web",
                "citysync-server",
            ],
            vec!["minijinja"],
        ),
        "citysync-federation" => (
            vec!["citysync-api", "citysync-web", "citysync-server"],
            door_directly,
        ),
        "citysync-api" => (
            vec!["citysync-web", "citysync-federation", "citysync-server"],
            door_directly,
        ),
        "citysync-web" => (
            vec!["citysync-api", "citysync-federation", "citysync-server"],
            door_directly,
        ),
        // The doors' shared edge: HTTP meanings of app's errors, below every door.
        "citysync-edge" => (
            vec![
                "citysync-api",
                "citysync-web",
                "citysync-federation",
                "citysync-server",
            ],
            door_directly,
        ),
        "citysync-i18n" | "citysync-mail" => (
            [
                &[
                    "diesel",
                    "actix-web",
                    "activitypub_federation",
                    "citysync-storage",
                ][..],
                ABOVE_STORAGE,
            ]
            .concat(),
            vec![],
        ),
        _ => return None,
    };
    Some(Rule {
        never,
        never_directly,
    })
}

/// The graph by package name: each package's normal and build dependencies.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every broken rule, as "who -> … -> what" chains.
fn violations(graph: &Graph) -> Vec<String> {
    let mut found = Vec::new();
    for (package, direct) in graph {
        let Some(rule) = rule(package) else {
            continue;
        };
        for dep in direct {
            if rule.never_directly.contains(&dep.as_str()) {
                found.push(format!("{package} depends directly on {dep}"));
            }
        }
        // Breadth-first, remembering the way each package was reached, so the message
        // shows the chain to fix.
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
        queue.push_back(package.as_str());
        while let Some(at) = queue.pop_front() {
            for next in graph.get(at).into_iter().flatten() {
                if next == package || came_from.contains_key(next.as_str()) {
                    continue;
                }
                came_from.insert(next, at);
                if rule.never.contains(&next.as_str()) {
                    let mut chain = vec![next.as_str()];
                    let mut step = at;
                    while step != package {
                        chain.push(step);
                        step = came_from.get(step).copied().unwrap_or(package);
                    }
                    chain.push(package);
                    chain.reverse();
                    found.push(format!("{package} reaches {next}: {}", chain.join(" -> ")));
                }
                queue.push_back(next);
            }
        }
    }
    found
}

/// The platform this test was built on, as `rustc -vV` names it.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output().expect("rustc -vV");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

/// The workspace's resolved graph for this platform, read from `cargo metadata` (offline:
/// the packages of other platforms need not be on this machine).
fn workspace_graph() -> (Graph, BTreeSet<String>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host_triple()])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let members: BTreeSet<String> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| names[id.as_str().unwrap()].to_owned())
        .collect();
    let mut graph = Graph::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let name = names[node["id"].as_str().unwrap()].to_owned();
        let deps = graph.entry(name).or_default();
        for dep in node["deps"].as_array().unwrap() {
            let not_dev_only = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].as_str() != Some("dev"));
            if not_dev_only {
                deps.insert(names[dep["pkg"].as_str().unwrap()].to_owned());
            }
        }
    }
    (graph, members)
}

#[test]
fn crates_respect_the_dependency_rules() {
    let (graph, members) = workspace_graph();
    let ruled: Vec<&String> = members.iter().filter(|m| rule(m).is_some()).collect();
    assert_eq!(
        ruled.len(),
        9,
        "every crate of docs/architecture.md's table has a rule; saw {ruled:?}"
    );
    let broken = violations(&graph);
    assert!(
        broken.is_empty(),
        "dependency rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_rules_catch_direct_and_transitive_edges() {
    let graph: Graph = [
        ("citysync-domain", vec!["helper"]),
        ("helper", vec!["diesel"]),
        ("citysync-web", vec!["citysync-app", "citysync-storage"]),
        ("citysync-app", vec!["citysync-storage"]),
        ("citysync-storage", vec!["diesel"]),
        ("citysync-api", vec!["citysync-app"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    let broken = violations(&graph);
    assert!(
        broken.contains(
            &"citysync-domain reaches diesel: citysync-domain -> helper -> diesel".to_owned()
        ),
        "{broken:?}"
    );
    assert!(
        broken.contains(&"citysync-web depends directly on citysync-storage".to_owned()),
        "{broken:?}"
    );
    // Through app is the way a door reaches storage: allowed.
    assert!(
        !broken.iter().any(|b| b.starts_with("citysync-api")),
        "{broken:?}"
    );
    assert_eq!(broken.len(), 2, "{broken:?}");
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    found
}

fn crate_src(name: &str) -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join(name)
        .join("src")
}

/// Lines of the crates' sources (comments aside) on which `bad` finds something.
fn offending(crates: &[&str], bad: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for name in crates {
        for (path, text) in sources(&crate_src(name)) {
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if !code.starts_with("//") && bad(code) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, code));
                }
            }
        }
    }
    found
}

const DOORS_AND_ROOT: &[&str] = &["web", "api", "federation", "edge", "server"];

/// `app` owns every transaction: outside it nobody reaches the database under a `Ctx`
/// (the field is `pub(crate)`; `Ctx::db()` exists for the test kit only).
#[test]
fn only_app_opens_the_database_of_a_ctx() {
    let found = offending(DOORS_AND_ROOT, |line| {
        line.contains(".db()")
            || line.contains("ctx.db.")
            || line.ends_with("ctx.db")
            || line == ".db"
            || line.starts_with(".db.")
    });
    assert!(
        found.is_empty(),
        "the database outside app:\n{}",
        found.join("\n")
    );
    // The test kit's door to it stays behind the feature.
    let context = std::fs::read_to_string(crate_src("app").join("context.rs")).unwrap();
    let accessor = context.find("pub fn db(&self)").expect("Ctx::db()");
    assert!(
        context[..accessor]
            .trim_end()
            .ends_with("#[cfg(feature = \"test-kit\")]"),
        "Ctx::db() is for the test kit only"
    );
    assert!(context.contains("pub(crate) db: Db"), "Ctx.db is app's own");
}

/// What an error means in HTTP is the doors' business (`citysync-edge`): `app`'s error names
/// no HTTP status and no form field. (`app` may still be an HTTP *client*: the city's
/// registry and the identity provider answer with statuses it reads.)
#[test]
fn app_speaks_no_http() {
    let found = offending(&["app"], |line| {
        line.contains("http_status") || line.contains("form_field")
    });
    assert!(found.is_empty(), "HTTP in app:\n{}", found.join("\n"));
    let error = std::fs::read_to_string(crate_src("app").join("error.rs")).unwrap();
    for http in ["StatusCode", "fn field(", "u16"] {
        assert!(!error.contains(http), "app's error speaks HTTP: {http}");
    }
}

/// Every `.rs` file of every crate and of federation-tests (sources and tests), storage's
/// own sources aside (the one place where a state is text is storage's mapping of a
/// column) and this file, whose examples show the check what to catch.
fn outside_storage() -> Vec<(std::path::PathBuf, String)> {
    let crates = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let storage = crate_src("storage");
    let this_file = std::path::Path::new(file!()).file_name().unwrap();
    let mut all = sources(crates);
    all.extend(sources(&crates.join("../federation-tests")));
    all.into_iter()
        .filter(|(path, _)| {
            let this =
                path.file_name() == Some(this_file) && path.parent().unwrap().ends_with("it");
            let built = path.components().any(|c| c.as_os_str() == "target");
            !(path.starts_with(&storage) || this || built)
        })
        .collect()
}

/// The operand an `==` or `!=` at byte `at` (of width 2) compares on each side, trimmed.
fn operands(line: &str, at: usize) -> (&str, &str) {
    let is_part = |c: char| c.is_alphanumeric() || "_.()[]*&\"".contains(c);
    let left = line[..at].trim_end();
    let start = left
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_part(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let right = line[at + 2..].trim_start();
    let end = right.find(|c: char| !is_part(c)).unwrap_or(right.len());
    (&left[start..], &right[..end])
}

/// Whether a line compares a state with a string literal (`org.state != "approved"`).
fn compares_state_with_text(line: &str) -> bool {
    let is_state = |s: &str| {
        let s = s.trim_start_matches(['&', '*']);
        let s = s.strip_suffix(".as_str()").unwrap_or(s);
        let s = s.strip_suffix("()").unwrap_or(s);
        s == "state" || s.ends_with(".state") || s.ends_with("_state")
    };
    let is_text = |s: &str| s.starts_with('"');
    line.match_indices("==")
        .chain(line.match_indices("!="))
        .any(|(at, _)| {
            let (left, right) = operands(line, at);
            (is_state(left) && is_text(right)) || (is_text(left) && is_state(right))
        })
}

/// Issue 28: a state is one of its lifecycle's words from the row up (`lifecycle_states!`
/// with `TryFrom<String>`, rows `deserialize_as = String`), never text compared by hand.
#[test]
fn states_are_compared_as_words_not_text() {
    let mut found = Vec::new();
    for (path, text) in outside_storage() {
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") && compares_state_with_text(code) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, code));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a state compared as text (use its lifecycle enum):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_state_check_sees_both_sides_and_lets_words_pass() {
    for bad in [
        r#"if org.state != "approved" {"#,
        r#"let open = last_row.state == "open";"#,
        r#".filter(|i| self.model.redemptions[*i].state == "reserved")"#,
        r#"if "withdrawn" == proposal.state.as_str() {"#,
        r#"assert!(claim.state() == "verified");"#,
    ] {
        assert!(compares_state_with_text(bad), "missed: {bad}");
    }
    for good in [
        "if org.state != OrganizationState::Approved {",
        "let open = row.state == EpochState::Open;",
        r#"assert_eq!(body["state"], "verified");"#,
        r#"if name == "state" {"#,
    ] {
        assert!(!compares_state_with_text(good), "flagged: {good}");
    }
}

/// Whether a line declares a public id field held as text (`pub offering_id: String`).
fn declares_text_id(line: &str) -> bool {
    let Some(field) = line.strip_prefix("pub ") else {
        return false;
    };
    let Some((name, ty)) = field.split_once(':') else {
        return false;
    };
    let ty = ty.trim().trim_end_matches(',');
    name.ends_with("_id")
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && (ty == "String" || ty == "Option<String>")
}

/// How many public id fields are still text. Issue 28 moves them to typed ids
/// (`typed_id!`, read and written by storage with `deserialize_as`/`serialize_as = String`,
/// as `OfferingId` is); this number only goes down, and a new text id fails here.
const TEXT_IDS_LEFT: usize = 214;

#[test]
fn no_new_id_is_text() {
    let mut found = Vec::new();
    for name in [
        "domain",
        "storage",
        "app",
        "federation",
        "api",
        "web",
        "edge",
        "server",
        "i18n",
        "mail",
    ] {
        for (path, text) in sources(&crate_src(name)) {
            for (n, line) in text.lines().enumerate() {
                if declares_text_id(line.trim_start()) {
                    found.push(format!("{}:{}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.len() <= TEXT_IDS_LEFT,
        "{} public id fields are text, more than the {TEXT_IDS_LEFT} left: type the new one \
         (typed_id!) instead:\n{}",
        found.len(),
        found.join("\n")
    );
    assert!(declares_text_id("pub offering_id: String,"));
    assert!(declares_text_id("pub organization_id: Option<String>,"));
    assert!(!declares_text_id("pub offering_id: OfferingId,"));
    assert!(!declares_text_id("pub key_ids: String,"));
}

/// What the doors still do by hand that their extractors and `?` do for them (issue 28):
/// an API handler mapping an app error to its problem itself, a page handler rendering the
/// error page itself, a post handler checking its form token itself. Each number only goes
/// down; a new one fails here — use `?` (`Problem: From<AppError>`, `Page`), `CsrfForm<T>`
/// and `Scoped<S>` instead.
const PROBLEMS_MAPPED_BY_HAND: usize = 10;
const ERROR_PAGES_BY_HAND: usize = 113;
const FORM_TOKENS_CHECKED_BY_HAND: usize = 30;

#[test]
fn doors_pass_errors_on_and_check_before_the_handler() {
    let by_hand = |crates: &[&str], pattern: &str, left: usize, instead: &str| {
        let found = offending(crates, |code| code.contains(pattern));
        assert!(
            found.len() <= left,
            "{} places do `{pattern}` by hand, more than the {left} left: {instead}:\n{}",
            found.len(),
            found.join("\n")
        );
    };
    by_hand(
        &["api"],
        "Problem::from_app(&e",
        PROBLEMS_MAPPED_BY_HAND,
        "return the app error with `?`",
    );
    by_hand(
        &["web"],
        "viewer.error_page(",
        ERROR_PAGES_BY_HAND,
        "answer `Page` and pass the error on with `?`",
    );
    by_hand(
        &["web"],
        "poster(",
        FORM_TOKENS_CHECKED_BY_HAND,
        "take the form as `CsrfForm<T>`",
    );
    // The one place that asks is the extractor, with its type's scope (`S::SCOPE`).
    let inline_scopes = offending(&["api"], |code| code.contains("bearer.require(Scope::"));
    assert!(
        inline_scopes.is_empty(),
        "take the bearer as `Scoped<scoped::…>`:\n{}",
        inline_scopes.join("\n")
    );
    let nested = offending(DOORS_AND_ROOT, |code| code.contains("Ok((||"))
        .into_iter()
        .chain(offending(&["app", "storage"], |code| {
            code.contains("Ok((||")
        }))
        .collect::<Vec<_>>();
    assert!(
        nested.is_empty(),
        "Db::run takes the closure's own error: no inner closure needed:\n{}",
        nested.join("\n")
    );
}
