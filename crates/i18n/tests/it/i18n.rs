#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use citysync_i18n::{missing_between, register_minijinja, ArgValue, I18n, I18nError, Locale};

const LOCALES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../locales");
const TEMPLATES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates");

fn es() -> Locale {
    Locale::from_code("es").unwrap()
}

fn tiny(en: &str, es_source: &str) -> I18n {
    I18n::from_sources([
        (Locale::SOURCE, "en/test.ftl", en),
        (es(), "es/test.ftl", es_source),
    ])
    .unwrap()
}

#[test]
fn missing_between_finds_keys_in_one_locale_only() {
    let i18n = tiny(
        "shared = Hi\nonly-en = English only\n",
        "shared = Hola\nonly-es = Solo español\n",
    );
    assert_eq!(
        missing_between(&i18n, Locale::SOURCE, es()),
        BTreeSet::from(["only-en".to_owned()])
    );
    assert_eq!(
        missing_between(&i18n, es(), Locale::SOURCE),
        BTreeSet::from(["only-es".to_owned()])
    );
    let same = tiny("a = A\n-term = T\n", "a = A\n");
    assert!(missing_between(&same, Locale::SOURCE, es()).is_empty());
    assert!(missing_between(&same, es(), Locale::SOURCE).is_empty());
}

/// Every language City/Sync ships is complete: the same message ids as the source language
/// (a language added by a city may be partial: `citysync config check` counts what it lacks).
fn assert_parity(i18n: &I18n, source: &str) {
    assert!(
        i18n.locales().len() >= 3,
        "{source}: en, es and zh-Hant at least"
    );
    for locale in i18n.locales().iter().copied() {
        let missing = missing_between(i18n, Locale::SOURCE, locale);
        let extra = missing_between(i18n, locale, Locale::SOURCE);
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{source}: messages in en but not in {locale}: {missing:?}; in {locale} but not in en: {extra:?}"
        );
        assert_eq!(i18n.missing(locale).len(), 0, "{locale}");
    }
    assert!(!i18n.message_ids(Locale::SOURCE).is_empty());
}

#[test]
fn real_locales_have_the_same_message_ids() {
    assert_parity(
        &I18n::from_dir(Path::new(LOCALES_DIR)).unwrap(),
        "locales/ on disk",
    );
    assert_parity(&I18n::load().unwrap(), "embedded locales");
}

#[test]
fn embedded_locales_match_disk() {
    let disk = I18n::from_dir(Path::new(LOCALES_DIR)).unwrap();
    let embedded = I18n::load().unwrap();
    assert_eq!(disk.locales(), embedded.locales());
    for locale in Locale::known() {
        assert_eq!(
            disk.message_ids(locale),
            embedded.message_ids(locale),
            "{locale}"
        );
    }
}

#[test]
fn fallback_goes_to_the_citys_default_then_to_english_then_to_the_id() {
    let i18n = tiny("both = Both\nen-only = Only in English\n", "both = Ambos\n");
    assert_eq!(i18n.message(es(), "both", &[]), "Ambos");
    assert_eq!(i18n.message(es(), "en-only", &[]), "Only in English");
    // A third language missing a message shows the city's default language's, then English.
    let zh = Locale::from_code("zh-Hant").unwrap();
    let three = I18n::from_sources([
        (Locale::SOURCE, "en/t.ftl", "a = A\nb = B\n"),
        (es(), "es/t.ftl", "a = Á\nb = Be\n"),
        (zh, "zh-Hant/t.ftl", "a = 甲\n"),
    ])
    .unwrap();
    assert_eq!(three.message(zh, "a", &[]), "甲");
    assert_eq!(three.message(zh, "b", &[]), "B");
    three.set_default(es());
    assert_eq!(three.default_locale(), es());
    assert_eq!(three.message(zh, "b", &[]), "Be");
    assert_eq!(three.missing(zh), BTreeSet::from(["b".to_owned()]));
    assert_eq!(i18n.message(es(), "nowhere", &[]), "nowhere");
    assert_eq!(i18n.message(Locale::SOURCE, "nowhere", &[]), "nowhere");
    assert!(i18n.has_message(Locale::SOURCE, "en-only"));
    assert!(!i18n.has_message(es(), "en-only"));
}

#[test]
fn arguments_and_plurals() {
    let i18n = tiny(
        "hello = Hello { $name }\nhours = { $n ->\n    [one] { $n } hour\n   *[other] { $n } hours\n}\nbtn = Button\n    .title = Press it\n",
        "hello = Hola { $name }\n",
    );
    // No Unicode isolation marks around arguments.
    assert_eq!(
        i18n.message(Locale::SOURCE, "hello", &[("name", "Ana".into())]),
        "Hello Ana"
    );
    assert_eq!(
        i18n.message(Locale::SOURCE, "hours", &[("n", 1u32.into())]),
        "1 hour"
    );
    assert_eq!(
        i18n.message(Locale::SOURCE, "hours", &[("n", ArgValue::from(24i64))]),
        "24 hours"
    );
    assert_eq!(i18n.message(Locale::SOURCE, "btn.title", &[]), "Press it");
    // A missing argument is logged, not a panic.
    assert!(i18n
        .message(Locale::SOURCE, "hello", &[])
        .starts_with("Hello"));
}

#[test]
fn real_mail_validity_plurals() {
    let i18n = I18n::load().unwrap();
    assert_eq!(
        i18n.message(
            Locale::SOURCE,
            "mail-link-validity",
            &[("hours", 1u32.into())]
        ),
        "The link works for 1 hour."
    );
    assert_eq!(
        i18n.message(es(), "mail-link-validity", &[("hours", 24u32.into())]),
        "El enlace es válido durante 24 horas."
    );
}

#[test]
fn parse_errors_name_file_and_entry() {
    let err = I18n::from_sources([(
        Locale::SOURCE,
        "en/broken.ftl",
        "good = Fine\nbad-entry = { $oops\nnext = ok\n",
    )])
    .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, I18nError::Parse { .. }), "{text}");
    assert!(text.contains("en/broken.ftl"), "{text}");
    assert!(text.contains("bad-entry"), "{text}");
    assert!(text.contains("line 2"), "{text}");

    let dup = I18n::from_sources([(es(), "es/a.ftl", "x = 1\n"), (es(), "es/b.ftl", "x = 2\n")])
        .unwrap_err();
    assert!(dup.to_string().contains("es/b.ftl"), "{dup}");
}

#[test]
fn a_folder_is_a_language_and_the_source_language_is_required() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("es")).unwrap();
    std::fs::write(dir.path().join("es/x.ftl"), "x = Equis\n").unwrap();
    assert!(
        matches!(I18n::from_dir(dir.path()), Err(I18nError::MissingLocale(code)) if code == "en")
    );
    std::fs::create_dir(dir.path().join("en")).unwrap();
    std::fs::write(dir.path().join("en/x.ftl"), "x = X\ny = Y\n").unwrap();
    std::fs::write(dir.path().join("es/notes.txt"), "not fluent {").unwrap();
    // A language City/Sync was never built with: a folder and its facts, no code.
    std::fs::create_dir(dir.path().join("fr")).unwrap();
    std::fs::write(
        dir.path().join("fr/_locale.ftl"),
        "locale-native-name = Français\nlocale-chrono = fr_FR\nlocale-group-separator = {\"\\u202F\"}\nlocale-decimal-separator = ,\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("fr/x.ftl"), "x = Iks\n").unwrap();
    let i18n = I18n::from_dir(dir.path()).unwrap();
    assert_eq!(i18n.message(es(), "x", &[]), "Equis");
    let fr = i18n.locale("fr-CA").expect("fr offered");
    assert_eq!(fr.native_name(), "Français");
    assert_eq!(i18n.message(fr, "x", &[]), "Iks");
    assert_eq!(i18n.message(fr, "y", &[]), "Y");
    assert_eq!(i18n.missing(fr).len(), 1);
    assert_eq!(citysync_i18n::number(fr, 1234.5, 1), "1\u{202F}234,5");
    assert_eq!(i18n.negotiate("fr-FR, en;q=0.5"), Some(fr));
    // The configuration narrows what the city offers, and refuses a language it lacks.
    let narrowed = I18n::from_dir(dir.path())
        .unwrap()
        .offering(&["es".to_owned(), "en".to_owned()])
        .unwrap();
    assert_eq!(narrowed.locales(), [es(), Locale::SOURCE]);
    assert_eq!(narrowed.negotiate("fr"), None);
    let err = I18n::from_dir(dir.path())
        .unwrap()
        .offering(&["de".to_owned()])
        .err()
        .unwrap();
    assert!(err.to_string().contains("\"de\""), "{err}");
}

fn env_with(i18n: I18n) -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    register_minijinja(&mut env, Arc::new(i18n));
    env
}

#[test]
fn t_escapes_arguments_in_html_templates() {
    let mut env = env_with(tiny(
        "hi = Hi { $name } ({ $count })\n",
        "hi = Hola { $name } ({ $count })\n",
    ));
    env.add_template("x.html", r#"<p>{{ t("hi", name=name, count=3) }}</p>"#)
        .unwrap();
    env.add_template("x.txt", r#"{{ t("hi", name=name, count=3) }}"#)
        .unwrap();
    let ctx = minijinja::context! { lang => "es", name => "<b>Ana</b>" };
    let html = env.get_template("x.html").unwrap().render(&ctx).unwrap();
    assert_eq!(html, "<p>Hola &lt;b&gt;Ana&lt;&#x2f;b&gt; (3)</p>");
    let text = env.get_template("x.txt").unwrap().render(&ctx).unwrap();
    assert_eq!(text, "Hola <b>Ana</b> (3)");
}

#[test]
fn t_reads_lang_and_defaults_to_english() {
    let mut env = env_with(tiny(
        "n = { $n ->\n    [one] one\n   *[other] many\n}\n",
        "n = { $n ->\n    [one] uno\n   *[other] muchos\n}\n",
    ));
    env.add_template("n.txt", r#"{{ t("n", n=count) }}"#)
        .unwrap();
    let tpl = env.get_template("n.txt").unwrap();
    assert_eq!(
        tpl.render(minijinja::context! { count => 1 }).unwrap(),
        "one"
    );
    assert_eq!(
        tpl.render(minijinja::context! { lang => "es", count => 1 })
            .unwrap(),
        "uno"
    );
    assert_eq!(
        tpl.render(minijinja::context! { lang => "es-MX", count => 5 })
            .unwrap(),
        "muchos"
    );
    assert_eq!(
        tpl.render(minijinja::context! { lang => "fr", count => 5 })
            .unwrap(),
        "many"
    );
}

/// Every `t("id"` / `t('id'` in the files under `start`, with the file it is in.
fn template_ids(start: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![start.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // binary files (images, fonts) have no t() calls
        };
        for id in t_call_ids(&text) {
            found.push((path.clone(), id));
        }
    }
    found
}

fn t_call_ids(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut ids = Vec::new();
    for (at, _) in text.match_indices("t(") {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            continue;
        }
        let rest = &text[at + 2..];
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let body = &rest[1..];
        if let Some(end) = body.find(quote) {
            ids.push(body[..end].to_owned());
        }
    }
    ids
}

#[test]
fn t_call_scanner_finds_ids() {
    let ids = t_call_ids(
        r#"{{ t("a-b") }} {{ t('c', x=1) }} {{ alt("no") }} {{ x.t("no") }} {{ t( "d" ) }}"#,
    );
    assert_eq!(ids, ["a-b", "c", "d"]);
}

#[test]
fn every_template_message_exists() {
    let i18n = I18n::from_dir(Path::new(LOCALES_DIR)).unwrap();
    let known: BTreeSet<String> = Locale::known()
        .iter()
        .flat_map(|l| i18n.message_ids(*l))
        .collect();
    let calls = template_ids(Path::new(TEMPLATES_DIR));
    assert!(
        calls
            .iter()
            .any(|(path, _)| path.to_string_lossy().contains("mail")),
        "the scan found no mail templates: is {TEMPLATES_DIR} right?"
    );
    let missing: Vec<String> = calls
        .iter()
        .filter(|(_, id)| {
            let message = id.split_once('.').map_or(id.as_str(), |(m, _)| m);
            !known.contains(message)
        })
        .map(|(path, id)| format!("{}: t(\"{id}\")", path.display()))
        .collect();
    assert!(
        missing.is_empty(),
        "templates use message ids no locale defines:\n{}",
        missing.join("\n")
    );
}

#[test]
fn t_sees_lang_in_includes_and_imported_macros() {
    let mut env = env_with(tiny("hi = Hi\n", "hi = Hola\n"));
    env.add_template(
        "_m.html",
        r#"{% macro greet() %}{{ t("hi") }}{% endmacro %}"#,
    )
    .unwrap();
    env.add_template("_i.html", r#"{{ t("hi") }}"#).unwrap();
    env.add_template(
        "page.html",
        r#"{% import "_m.html" as m %}{% include "_i.html" %} {{ m.greet() }}"#,
    )
    .unwrap();
    let out = env
        .get_template("page.html")
        .unwrap()
        .render(minijinja::context! { lang => "es" })
        .unwrap();
    assert_eq!(out, "Hola Hola");
}
