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
