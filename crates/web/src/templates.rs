//! The minijinja environment: templates embedded in the binary, `t()` for Fluent messages.
//! Every page template is named `*.html`, so minijinja auto-escapes it.

use citysync_i18n::I18n;
use include_dir::{include_dir, Dir};
use minijinja::{Environment, UndefinedBehavior};
use std::sync::Arc;

static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../templates");
/// The stylesheet, served at `/static/app.css` (no inline styles: the CSP forbids them).
pub static STYLESHEET: &str = include_str!("../../../templates/static/app.css");

pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new(i18n: Arc<I18n>) -> Result<Templates, minijinja::Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Page templates are the top-level `*.html` files; `mail/` belongs to the mail crate.
        for file in TEMPLATES.files() {
            let Some(name) = file.path().to_str() else {
                continue;
            };
            if name.ends_with(".html") {
                if let Some(source) = file.contents_utf8() {
                    env.add_template_owned(name.to_owned(), source.to_owned())?;
                }
            }
        }
        env.add_filter("markdown", crate::markdown::filter);
        register_former_resident(&mut env, i18n.clone());
        citysync_i18n::register_minijinja(&mut env, i18n);
        Ok(Templates { env })
    }

    pub fn render(
        &self,
        name: &str,
        context: minijinja::Value,
    ) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(context)
    }

    /// Names of every page template (a test renders each in every locale).
    pub fn names(&self) -> Vec<String> {
        self.env
            .templates()
            .map(|(name, _)| name.to_owned())
            .collect()
    }
}

/// `name | resident` shows a deleted account's placeholder username as "a former resident"
/// in the page's language (other names as they are); `name is former_resident` tells them
/// apart (no link to a profile that is gone). Issue 27.
fn register_former_resident(env: &mut Environment<'static>, i18n: Arc<I18n>) {
    use citysync_app::accounts::data_rights::is_former_resident;
    env.add_filter(
        "resident",
        move |state: &minijinja::State<'_, '_>, name: String| -> String {
            if !is_former_resident(&name) {
                return name;
            }
            let locale = state
                .lookup("lang")
                .and_then(|l| l.as_str().and_then(citysync_i18n::Locale::from_code))
                .unwrap_or(citysync_i18n::Locale::SOURCE);
            i18n.message(locale, "data-rights-former-resident", &[])
        },
    );
    env.add_test("former_resident", |name: String| is_former_resident(&name));
}
