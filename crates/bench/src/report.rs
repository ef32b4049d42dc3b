//! The suite's one table: measure | City/Sync | baseline | ratio | notes.

pub struct Row {
    pub measure: String,
    pub city: String,
    pub baseline: String,
    pub ratio: String,
    pub notes: String,
}

impl Row {
    pub fn new(measure: impl Into<String>, city: impl Into<String>) -> Row {
        Row {
            measure: measure.into(),
            city: city.into(),
            baseline: "—".into(),
            ratio: "—".into(),
            notes: String::new(),
        }
    }

    pub fn baseline(mut self, b: impl Into<String>) -> Row {
        self.baseline = b.into();
        self
    }

    pub fn ratio(mut self, r: impl Into<String>) -> Row {
        self.ratio = r.into();
        self
    }

    pub fn notes(mut self, n: impl Into<String>) -> Row {
        self.notes = n.into();
        self
    }

    /// A part that did not run or failed.
    pub fn missing(measure: impl Into<String>, why: impl Into<String>) -> Row {
        Row::new(measure, "skipped").notes(why)
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn table(rows: &[Row]) -> String {
    let mut out = String::from("| measure | City/Sync | baseline (same run) | ratio | notes |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&r.measure),
            cell(&r.city),
            cell(&r.baseline),
            cell(&r.ratio),
            cell(&r.notes)
        ));
    }
    out
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v.get(n / 2).copied().unwrap_or(0.0),
        n => {
            (v.get(n / 2 - 1).copied().unwrap_or(0.0) + v.get(n / 2).copied().unwrap_or(0.0)) / 2.0
        }
    }
}

/// `a` as a percentage of `b`.
pub fn pct(a: f64, b: f64) -> String {
    format!("{:.1} %", 100.0 * a / b.max(1e-9))
}

/// Thousands separated by a thin space, as docs/benchmarks.md writes them.
pub fn num(x: f64) -> String {
    let n = x.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

pub fn list(v: &[f64]) -> String {
    v.iter().map(|x| num(*x)).collect::<Vec<_>>().join(" / ")
}
