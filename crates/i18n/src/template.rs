//! The `t()` function for minijinja templates.

use std::sync::Arc;

use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, State};

use crate::moments::{Instant, Moment};
use crate::{ArgValue, I18n, Locale};

/// Registers a global function `t(id, **kwargs)` on a minijinja Environment. It reads the
/// locale code from the template variable `lang` (a string "en"/"es"; default En when
/// absent) and returns the message (kwargs become Fluent args; numbers stay numbers).
/// Returns a plain String (so it IS auto-escaped in .html templates).
/// `lang` is also seen from included templates and imported macros (tested).
pub fn register_minijinja(env: &mut Environment<'static>, i18n: Arc<I18n>) {
    let moments = i18n.clone();
    env.add_function(
        "t",
        move |state: &State<'_, '_>,
              id: &str,
              kwargs: Kwargs|
              -> Result<String, minijinja::Error> {
            let locale = state
                .lookup("lang")
                .and_then(|lang| lang.as_str().and_then(Locale::from_code))
                .unwrap_or_else(|| i18n.default_locale());
            let mut args: Vec<(&str, ArgValue)> = Vec::new();
            for name in kwargs.args() {
                let value: Value = kwargs.get(name)?;
                if let Some(arg) = to_arg(&value) {
                    args.push((name, arg));
                }
            }
            Ok(i18n.message(locale, id, &args))
        },
    );
    // `num(value, decimals)` and `pct(value)`: numbers as the page's language writes them.
    env.add_function(
        "num",
        |state: &State<'_, '_>, value: f64, decimals: Option<usize>| -> String {
            crate::number(page_locale(state), value, decimals.unwrap_or(0))
        },
    );
    env.add_function("pct", |state: &State<'_, '_>, value: f64| -> String {
        crate::percent(page_locale(state), value)
    });
    // `at | local` (or `local("date")`, `local("time")`, `local("input")`): a stored UTC
    // instant on the city's clocks — the template variable `city_tz`, an IANA zone name
    // (UTC when absent) — as the page's language writes it. None shows as nothing; a bare
    // day as the day; text that is no instant as it is.
    env.add_filter(
        "local",
        move |state: &State<'_, '_>, value: Value, moment: Option<&str>| -> String {
            if value.is_none() || value.is_undefined() {
                return String::new();
            }
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            let zone = state
                .lookup("city_tz")
                .and_then(|tz| tz.as_str().map(crate::moments::zone))
                .unwrap_or(chrono_tz::Tz::UTC);
            let locale = page_locale(state);
            match crate::moments::parse_instant(&text) {
                Some(Instant::At(at)) => {
                    moments.moment(locale, zone, at, Moment::named(moment.unwrap_or("")))
                }
                Some(Instant::Day(day)) => moments.day(locale, day),
                None => text,
            }
        },
    );
}

fn page_locale(state: &State<'_, '_>) -> Locale {
    state
        .lookup("lang")
        .and_then(|lang| lang.as_str().and_then(Locale::from_code))
        .unwrap_or(Locale::SOURCE)
}

/// Numbers stay numbers (for plurals); none/undefined are left out; the rest is text.
fn to_arg(value: &Value) -> Option<ArgValue> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => None,
        ValueKind::Number => f64::try_from(value.clone())
            .ok()
            .map(ArgValue::Num)
            .or_else(|| Some(ArgValue::Str(value.to_string()))),
        _ => Some(ArgValue::Str(
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned),
        )),
    }
}
