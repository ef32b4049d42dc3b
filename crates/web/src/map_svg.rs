//! A server-rendered map of points: an SVG in an equirectangular projection fitted to the
//! points' bounding box, with no tiles and nothing from another origin. Each point is a
//! numbered link with a `<title>`, and the page prints the same numbers as a list, so
//! nothing depends on seeing the image. The SVG is a named `group`, not an `img`: an image's
//! content is hidden from assistive technology, so its links would be focus stops nobody
//! can hear (axe: nested-interactive); in a group each point is a link read by its title. No inline `style` (the CSP forbids it): classes only.

use crate::street_map::{View, TILE};
use crate::xml::escape;

/// One point: its number in the list beside the map, its name, where it leads, and where it is.
#[derive(Debug, Clone)]
pub struct MapPoint {
    pub number: usize,
    pub label: String,
    pub href: String,
    pub latitude: f64,
    pub longitude: f64,
}

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 420.0;
/// Room kept free at each edge, in SVG units, so markers and numbers are never cut.
const MARGIN: f64 = 28.0;
/// The smallest span drawn, in degrees (about a kilometre): one point, or points on a line,
/// still get a sensible scale.
const MIN_SPAN: f64 = 0.01;
/// Extra room around the bounding box, as a share of its span.
const PADDING: f64 = 0.1;

/// Where each point falls in the `WIDTH` × `HEIGHT` view box, in the same order: longitude
/// grows to the right and latitude upwards, east–west distances shrunk by the cosine of the
/// middle latitude so that shapes keep their proportions; the box is centred.
pub fn project(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let Some(&(lat0, lon0)) = points.first() else {
        return Vec::new();
    };
    let (mut south, mut north, mut west, mut east) = (lat0, lat0, lon0, lon0);
    for &(lat, lon) in points {
        south = south.min(lat);
        north = north.max(lat);
        west = west.min(lon);
        east = east.max(lon);
    }
    let squeeze = ((south + north) / 2.0).to_radians().cos().max(0.01);
    let span_y = (north - south).max(MIN_SPAN) * (1.0 + 2.0 * PADDING);
    let span_x = ((east - west) * squeeze).max(MIN_SPAN) * (1.0 + 2.0 * PADDING);
    let scale = ((WIDTH - 2.0 * MARGIN) / span_x).min((HEIGHT - 2.0 * MARGIN) / span_y);
    let (mid_lat, mid_lon) = ((south + north) / 2.0, (west + east) / 2.0);
    points
        .iter()
        .map(|&(lat, lon)| {
            (
                WIDTH / 2.0 + (lon - mid_lon) * squeeze * scale,
                HEIGHT / 2.0 - (lat - mid_lat) * scale,
            )
        })
        .collect()
}

/// The map; `id` names its title and description for `aria-labelledby`. `None` when no
/// point has a position: the page then shows only its list.
pub fn map(id: &str, title: &str, description: &str, points: &[MapPoint]) -> Option<String> {
    map_with_tiles(id, title, description, points, None)
}

/// The map, on street tiles from `tiles` (a `{z}/{x}/{y}` address, see
/// [`crate::street_map`]) when given: the points are then placed in Web Mercator at the zoom
/// that fits them, over the tiles that cover the view. Without tiles, as [`map`].
pub fn map_with_tiles(
    id: &str,
    title: &str,
    description: &str,
    points: &[MapPoint],
    tiles: Option<&str>,
) -> Option<String> {
    if points.is_empty() {
        return None;
    }
    let at: Vec<(f64, f64)> = points.iter().map(|p| (p.latitude, p.longitude)).collect();
    let view = tiles.and_then(|t| Some((View::fitting(&at, WIDTH, HEIGHT, MARGIN)?, t)));
    let placed: Vec<(f64, f64)> = match &view {
        Some((view, _)) => at.iter().map(|&(la, lo)| view.place(la, lo)).collect(),
        None => project(&at),
    };
    let id = escape(id);
    let mut svg = format!(
        "<svg class=\"map\" role=\"group\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" preserveAspectRatio=\"xMidYMid meet\" \
         xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect class=\"map-frame\" x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\"/>",
        escape(title),
        escape(description),
        WIDTH - 1.0,
        HEIGHT - 1.0,
    );
    if let Some((view, template)) = view {
        // The tiles only repeat what the numbered list says: hidden from assistive technology.
        svg.push_str("<g class=\"map-tiles\" aria-hidden=\"true\">");
        for tile in view.tiles(template) {
            svg.push_str(&format!(
                "<image href=\"{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{TILE}\" height=\"{TILE}\" \
                 preserveAspectRatio=\"none\"/>",
                escape(&tile.url),
                tile.x,
                tile.y,
            ));
        }
        svg.push_str("</g>");
    }
    for (point, (x, y)) in points.iter().zip(placed) {
        svg.push_str(&format!(
            "<a href=\"{href}\"><title>{number}. {label}</title>\
             <circle class=\"map-point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"11\"/>\
             <text class=\"map-number\" x=\"{x:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\">{number}</text></a>",
            href = escape(&point.href),
            number = point.number,
            label = escape(&point.label),
            ty = y + 4.5,
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn the_bounding_box_is_fitted_and_centred_with_north_up() {
        // Two points on the same latitude near the equator: the span is east–west.
        let at = project(&[(0.0, 10.0), (0.0, 11.0)]);
        let usable = WIDTH - 2.0 * MARGIN;
        let inner = usable / (1.0 + 2.0 * PADDING);
        assert!(close(at[0].0, WIDTH / 2.0 - inner / 2.0), "{at:?}");
        assert!(close(at[1].0, WIDTH / 2.0 + inner / 2.0), "{at:?}");
        assert!(close(at[0].1, HEIGHT / 2.0) && close(at[1].1, HEIGHT / 2.0));
        // North is up, east is right, and every point stays inside the margins.
        let at = project(&[(37.87, -122.27), (37.80, -122.25), (37.85, -122.30)]);
        assert!(at[0].1 < at[1].1, "the northern point is higher: {at:?}");
        assert!(
            at[1].0 > at[2].0,
            "the eastern point is further right: {at:?}"
        );
        for (x, y) in &at {
            assert!((MARGIN..=WIDTH - MARGIN).contains(x), "{at:?}");
            assert!((MARGIN..=HEIGHT - MARGIN).contains(y), "{at:?}");
        }
    }

    #[test]
    fn one_point_sits_in_the_middle_and_none_gives_nothing() {
        let at = project(&[(37.87, -122.27)]);
        assert!(close(at[0].0, WIDTH / 2.0) && close(at[0].1, HEIGHT / 2.0));
        assert!(project(&[]).is_empty());
        assert!(map("m", "Map", "Nothing", &[]).is_none());
    }

    #[test]
    fn east_west_distances_shrink_with_latitude() {
        // At 60° a degree of longitude is half a degree of latitude long.
        let at = project(&[(59.75, 0.0), (59.75, 1.0), (60.25, 0.0)]);
        let dx = at[1].0 - at[0].0;
        let dy = at[0].1 - at[2].1;
        assert!(close(dx, dy), "{dx} vs {dy}");
    }

    #[test]
    fn points_are_numbered_links_with_escaped_titles_and_no_inline_style() {
        let points = [
            MapPoint {
                number: 1,
                label: "Creek <cleanup> & \"more\"".into(),
                href: "/opportunities/a?x=1&y=2".into(),
                latitude: 37.87,
                longitude: -122.27,
            },
            MapPoint {
                number: 2,
                label: "Café".into(),
                href: "/opportunities/b".into(),
                latitude: 37.80,
                longitude: -122.25,
            },
        ];
        let svg = map("city-map", "Map <of> work", "Two points", &points).unwrap_or_default();
        assert!(
            svg.contains("role=\"group\""),
            "links inside an img are hidden"
        );
        assert!(svg.contains("aria-labelledby=\"city-map-title city-map-desc\""));
        assert!(svg.contains("<title id=\"city-map-title\">Map &lt;of&gt; work</title>"));
        assert!(svg.contains("<desc id=\"city-map-desc\">Two points</desc>"));
        assert!(
            svg.contains("<a href=\"/opportunities/a?x=1&amp;y=2\">"),
            "{svg}"
        );
        assert!(svg.contains("<title>1. Creek &lt;cleanup&gt; &amp; &quot;more&quot;</title>"));
        assert!(svg.contains("<title>2. Café</title>"));
        assert!(svg.contains(">2</text></a>"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(!svg.contains("style="), "the CSP forbids inline styles");
        assert!(!svg.contains("href=\"http"), "nothing from another origin");
    }
    #[test]
    fn with_a_tile_server_the_points_sit_on_its_tiles() {
        let points = [
            MapPoint {
                number: 1,
                label: "City Hall".into(),
                href: "/opportunities/a".into(),
                latitude: 37.8694,
                longitude: -122.2705,
            },
            MapPoint {
                number: 2,
                label: "Lake".into(),
                href: "/opportunities/b".into(),
                latitude: 37.8044,
                longitude: -122.2712,
            },
        ];
        let template = "https://tile.example/{z}/{x}/{y}.png";
        let svg = map_with_tiles("m", "Map", "Two", &points, Some(template)).unwrap_or_default();
        let view = View::fitting(
            &[(37.8694, -122.2705), (37.8044, -122.2712)],
            WIDTH,
            HEIGHT,
            MARGIN,
        )
        .unwrap();
        let tiles = view.tiles(template);
        assert!(!tiles.is_empty());
        assert_eq!(
            svg.matches("<image href=\"https://tile.example/").count(),
            tiles.len()
        );
        for tile in &tiles {
            assert!(svg.contains(&format!("href=\"{}\"", tile.url)), "{svg}");
        }
        // The tiles are decoration under the points, which are drawn after them.
        assert!(svg.contains("<g class=\"map-tiles\" aria-hidden=\"true\">"));
        assert!(svg.find("<image").unwrap_or(0) < svg.find("<circle").unwrap_or(0));
        let (x, y) = view.place(37.8694, -122.2705);
        assert!(
            svg.contains(&format!("cx=\"{x:.1}\" cy=\"{y:.1}\"")),
            "{svg}"
        );
        assert!(!svg.contains("style="));
        // Without a tile server: no image at all.
        let offline = map("m", "Map", "Two", &points).unwrap_or_default();
        assert!(!offline.contains("<image"));
    }
}
