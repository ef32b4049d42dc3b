//! Numbers as each language writes them: the separators and the percent sign come from the
//! language's `_locale.ftl` (Spanish follows Mexico City's usage, as CLDR has it: a decimal
//! point, commas between thousands, a space before `%`).

use crate::Locale;

/// `value` with `decimals` decimals and grouped thousands: `1,234.5` / `1,234.5`.
pub fn number(locale: Locale, value: f64, decimals: usize) -> String {
    let def = locale.def();
    let (group, point) = (def.group.as_str(), def.decimal.as_str());
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// A percentage with one decimal: `75.0%` / `75.0 %`.
pub fn percent(locale: Locale, value: f64) -> String {
    let n = number(locale, value, 1);
    format!("{n}{}", locale.def().percent_suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_and_decimals_kept() {
        let (en, es) = (
            Locale::SOURCE,
            Locale::from_code("es").unwrap_or(Locale::SOURCE),
        );
        assert_eq!(number(en, 1234567.891, 2), "1,234,567.89");
        assert_eq!(number(es, 1234.5, 1), "1,234.5");
        assert_eq!(number(en, 999.0, 0), "999");
        assert_eq!(number(en, -1500.0, 0), "-1,500");
        assert_eq!(number(en, -0.001, 1), "0.0");
        assert_eq!(percent(en, 75.0), "75.0%");
        assert_eq!(percent(es, 75.0), "75.0\u{a0}%");
    }
}
