//! Numbers as each language writes them. Spanish follows Mexico City's usage (es-MX, as
//! CLDR has it): a decimal point, commas between thousands, a space before `%`.

use crate::Locale;

/// `value` with `decimals` decimals and grouped thousands: `1,234.5` / `1,234.5`.
pub fn number(locale: Locale, value: f64, decimals: usize) -> String {
    let (group, point) = match locale {
        Locale::En | Locale::Es => (',', '.'),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
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
    match locale {
        Locale::En => format!("{n}%"),
        Locale::Es => format!("{n}\u{a0}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_and_decimals_kept() {
        assert_eq!(number(Locale::En, 1234567.891, 2), "1,234,567.89");
        assert_eq!(number(Locale::Es, 1234.5, 1), "1,234.5");
        assert_eq!(number(Locale::En, 999.0, 0), "999");
        assert_eq!(number(Locale::En, -1500.0, 0), "-1,500");
        assert_eq!(number(Locale::En, -0.001, 1), "0.0");
        assert_eq!(percent(Locale::En, 75.0), "75.0%");
        assert_eq!(percent(Locale::Es, 75.0), "75.0\u{a0}%");
    }
}
