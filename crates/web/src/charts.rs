//! Server-rendered SVG bar charts: no script, no other origin, readable by screen readers
//! (`role="img"` with a title and a description) and always printed beside an HTML table
//! of the same figures, so nothing depends on seeing the image. The bars are no links: an
//! image's content is hidden from assistive technology, so links inside it would be focus
//! stops nobody can hear (axe: nested-interactive). The table beside it carries the links.

use crate::xml::escape;

/// One bar: its label, its value, and the value as people read it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// Each bar takes one row: its label on a line of its own, the bar below it. Positions across
/// are percentages of the chart's width and there is no `viewBox`, so the text keeps its
/// size (the stylesheet's) on a phone as on a desktop: nothing is scaled down to fit.
const ROW: f64 = 44.0;
const BAR: f64 = 14.0;
/// The widest bar, in percent of the chart's width (room for its value after it).
const ROOM: f64 = 80.0;

/// A horizontal bar chart; `id` names its title and description for `aria-labelledby`.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = ROW * bars.len().max(1) as f64 + 4.0;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         width=\"100%\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description),
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i as f64;
        let width = if max > 0.0 {
            (bar.value.max(0.0) / max * ROOM).max(if bar.value > 0.0 { 0.5 } else { 0.0 })
        } else {
            0.0
        };
        let row = format!(
            "<text x=\"0\" y=\"{ly}\" class=\"chart-label\">{label}</text>\
             <rect x=\"0\" y=\"{by}\" width=\"{width:.1}%\" height=\"{BAR}\" class=\"chart-bar\"/>\
             <text x=\"{vx:.1}%\" y=\"{vy}\" class=\"chart-value\">{shown}</text>",
            ly = y + 16.0,
            by = y + 22.0,
            vy = y + 34.0,
            label = escape(&bar.label),
            vx = width + 1.0,
            shown = escape(&bar.shown),
        );
        svg.push_str(&row);
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_names_itself_and_scales_its_bars() {
        let bars = [
            Bar {
                label: "Creek <Friends>".into(),
                value: 10.0,
                shown: "10".into(),
            },
            Bar {
                label: "Café".into(),
                value: 5.0,
                shown: "5".into(),
            },
        ];
        let svg = bar_chart("minted", "CITY minted", "By issuer", &bars);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"minted-title minted-desc\""));
        assert!(svg.contains("<title id=\"minted-title\">CITY minted</title>"));
        assert!(svg.contains("Creek &lt;Friends&gt;"));
        assert!(svg.contains("width=\"80.0%\""), "{svg}");
        assert!(svg.contains("width=\"40.0%\""), "{svg}");
        assert!(!svg.contains("viewBox"), "text is never scaled down");
        assert!(!svg.contains("<a "), "no focusable content inside an image");
        assert!(!svg.contains("style="), "the CSP forbids inline styles");
    }
}
