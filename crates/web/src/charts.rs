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

const WIDTH: f64 = 640.0;
const LABEL: f64 = 200.0;
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;

/// A horizontal bar chart; `id` names its title and description for `aria-labelledby`.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let room = WIDTH - LABEL - 90.0;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" preserveAspectRatio=\"xMinYMin meet\" \
         xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description),
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let width = if max > 0.0 {
            (bar.value.max(0.0) / max * room).max(if bar.value > 0.0 { 2.0 } else { 0.0 })
        } else {
            0.0
        };
        let row = format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" class=\"chart-label\">{label}</text>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{width:.1}\" height=\"{BAR}\" class=\"chart-bar\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" class=\"chart-value\">{shown}</text>",
            lx = LABEL - 8.0,
            ty = y + BAR - 4.0,
            label = escape(&bar.label),
            vx = LABEL + width + 6.0,
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
        assert!(svg.contains("width=\"350.0\""), "{svg}");
        assert!(svg.contains("width=\"175.0\""), "{svg}");
        assert!(!svg.contains("<a "), "no focusable content inside an image");
        assert!(!svg.contains("style="), "the CSP forbids inline styles");
    }
}
