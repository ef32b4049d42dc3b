//! Streets under the map and "open in maps" links (issue 26).
//!
//! When the city names a tile server (`[map] tile_url`), the map page lays that server's
//! 256-pixel tiles under its dots. Everything is computed here, on the server: the zoom that
//! fits the points, the Web Mercator position of each dot and the grid of tiles that covers
//! the view. The tiles are SVG `<image>` elements inside the map's SVG (positioned by
//! attributes: the CSP forbids inline styles), hidden from assistive technology since the
//! numbered list beside the map says the same thing. No JavaScript.
//!
//! "Open in maps" links go to `https://www.openstreetmap.org`: on a phone that opens the
//! browser (or a maps app registered for those links, as Organic Maps and OsmAnd do), and it
//! works the same on a desktop; a `geo:` URI does nothing in iOS Safari or desktop browsers.

use std::f64::consts::PI;

/// One tile's side, in pixels (and in map units: the map draws one tile pixel per unit).
pub const TILE: f64 = 256.0;
/// The closest zoom used, even for a single point: a few streets around it.
pub const MAX_ZOOM: u32 = 17;
/// Web Mercator stops short of the poles.
const MAX_LATITUDE: f64 = 85.051_128_78;

/// A point's position on the world map at `zoom`, in pixels from the top-left corner (the
/// world is `256 × 2^zoom` pixels wide and high).
pub fn world_pixel(latitude: f64, longitude: f64, zoom: u32) -> (f64, f64) {
    let size = TILE * f64::from(1u32 << zoom.min(30));
    let lat = latitude.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (longitude + 180.0) / 360.0 * size;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * size;
    (x, y)
}

/// One tile to draw: its address and where its top-left corner falls in the view.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub url: String,
    pub x: f64,
    pub y: f64,
}

/// The view of the map at one zoom: its top-left corner in world pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub zoom: u32,
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl View {
    /// The closest zoom at which every point fits in `width × height` with `margin` left at
    /// each edge, centred on the points' bounding box. `None` without points.
    pub fn fitting(points: &[(f64, f64)], width: f64, height: f64, margin: f64) -> Option<View> {
        points.first()?;
        let (usable_w, usable_h) = (width - 2.0 * margin, height - 2.0 * margin);
        let mut zoom = MAX_ZOOM;
        loop {
            let (left, top, right, bottom) = bounds(points, zoom);
            if zoom == 0 || (right - left <= usable_w && bottom - top <= usable_h) {
                return Some(View {
                    zoom,
                    left: (left + right - width) / 2.0,
                    top: (top + bottom - height) / 2.0,
                    width,
                    height,
                });
            }
            zoom -= 1;
        }
    }

    /// Where a point falls in the view.
    pub fn place(&self, latitude: f64, longitude: f64) -> (f64, f64) {
        let (x, y) = world_pixel(latitude, longitude, self.zoom);
        (x - self.left, y - self.top)
    }

    /// The tiles that cover the view, row by row; columns wrap around the antimeridian and
    /// rows beyond the poles are left out. `template` holds `{z}`, `{x}` and `{y}`.
    pub fn tiles(&self, template: &str) -> Vec<Tile> {
        let count = 1i64 << self.zoom.min(30);
        let first_col = (self.left / TILE).floor() as i64;
        let last_col = ((self.left + self.width) / TILE).ceil() as i64 - 1;
        let first_row = (self.top / TILE).floor() as i64;
        let last_row = ((self.top + self.height) / TILE).ceil() as i64 - 1;
        let mut tiles = Vec::new();
        for row in first_row.max(0)..=last_row.min(count - 1) {
            for col in first_col..=last_col {
                let wrapped = col.rem_euclid(count);
                tiles.push(Tile {
                    url: template
                        .replace("{z}", &self.zoom.to_string())
                        .replace("{x}", &wrapped.to_string())
                        .replace("{y}", &row.to_string()),
                    x: col as f64 * TILE - self.left,
                    y: row as f64 * TILE - self.top,
                });
            }
        }
        tiles
    }
}

/// The points' bounding box in world pixels at `zoom`: left, top, right, bottom.
fn bounds(points: &[(f64, f64)], zoom: u32) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(lat, lon) in points {
        let (x, y) = world_pixel(lat, lon, zoom);
        b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    b
}

/// The origin (`https://host[:port]`) of a tile address, for the Content-Security-Policy.
pub fn tile_origin(template: &str) -> Option<String> {
    let url = url::Url::parse(&template.replace(['{', '}'], "")).ok()?;
    let host = url.host_str()?;
    Some(match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    })
}

/// "Open in maps": OpenStreetMap at the point when there is one, else a search for the
/// address; `None` when there is neither.
pub fn open_in_maps(point: Option<(f64, f64)>, address: &str) -> Option<String> {
    if let Some((lat, lon)) = point {
        return Some(format!(
            "https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=17/{lat:.6}/{lon:.6}"
        ));
    }
    let address = address.trim();
    if address.is_empty() {
        return None;
    }
    let query: String = url::form_urlencoded::byte_serialize(address.as_bytes()).collect();
    Some(format!(
        "https://www.openstreetmap.org/search?query={query}"
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn web_mercator_matches_the_tile_scheme() {
        // The null island is the centre of the world at every zoom.
        let (x, y) = world_pixel(0.0, 0.0, 0);
        assert!(close(x, 128.0) && close(y, 128.0), "{x} {y}");
        // Berkeley City Hall (37.8694, -122.2705) is in tile 16/10509/25309, as the slippy-map
        // formula (x = (lon + 180) / 360 · 2^z, y = (1 − asinh(tan φ) / π) / 2 · 2^z) gives.
        let (x, y) = world_pixel(37.8694, -122.2705, 16);
        assert_eq!(((x / TILE) as i64, (y / TILE) as i64), (10509, 25309));
        // North is up, east is right; the poles clamp instead of running to infinity.
        let (_, north) = world_pixel(40.0, 0.0, 3);
        let (_, south) = world_pixel(-40.0, 0.0, 3);
        assert!(north < south);
        let (_, pole) = world_pixel(90.0, 0.0, 3);
        assert!(pole.is_finite() && close(pole, 0.0), "{pole}");
    }

    #[test]
    fn the_zoom_is_the_closest_that_fits_and_the_points_are_centred() {
        let points = [(37.8694, -122.2705), (37.8044, -122.2712)];
        let view = View::fitting(&points, 640.0, 420.0, 28.0).unwrap();
        // About 7 km north–south: zoom 12 puts them ~240 pixels apart (364 fit), 13 ~480.
        assert_eq!(view.zoom, 12, "{view:?}");
        let a = view.place(points[0].0, points[0].1);
        let b = view.place(points[1].0, points[1].1);
        assert!(close((a.1 + b.1) / 2.0, 210.0) && close((a.0 + b.0) / 2.0, 320.0));
        for (x, y) in [a, b] {
            assert!((28.0..=612.0).contains(&x) && (28.0..=392.0).contains(&y));
        }
        // A single point gets the closest zoom.
        let one = View::fitting(&points[..1], 640.0, 420.0, 28.0).unwrap();
        assert_eq!(one.zoom, MAX_ZOOM);
        assert!(View::fitting(&[], 640.0, 420.0, 28.0).is_none());
    }

    #[test]
    fn the_tiles_cover_the_view_exactly() {
        let view = View {
            zoom: 2,
            left: 100.0,
            top: 300.0,
            width: 640.0,
            height: 420.0,
        };
        let tiles = view.tiles("https://t.example/{z}/{x}/{y}.png");
        // Columns 0..=2 (0–768 covers 100–740), rows 1..=2 (256–768 covers 300–720).
        assert_eq!(tiles.len(), 6, "{tiles:?}");
        assert_eq!(tiles[0].url, "https://t.example/2/0/1.png");
        assert!(close(tiles[0].x, -100.0) && close(tiles[0].y, -44.0));
        assert_eq!(tiles[5].url, "https://t.example/2/2/2.png");
        // Across the antimeridian the column numbers wrap; above the pole there is no row.
        let view = View {
            zoom: 1,
            left: -200.0,
            top: -100.0,
            width: 640.0,
            height: 420.0,
        };
        let urls: Vec<String> = view
            .tiles("{z}/{x}/{y}")
            .into_iter()
            .map(|t| t.url)
            .collect();
        assert_eq!(urls, ["1/1/0", "1/0/0", "1/1/0", "1/1/1", "1/0/1", "1/1/1"]);
    }

    #[test]
    fn tile_origins_and_map_links() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tile_origin("http://127.0.0.1:8080/t/{z}/{x}/{y}.png").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            open_in_maps(Some((37.8694, -122.2705)), "ignored").as_deref(),
            Some("https://www.openstreetmap.org/?mlat=37.869400&mlon=-122.270500#map=17/37.869400/-122.270500")
        );
        assert_eq!(
            open_in_maps(None, " 2180 Milvia St, Berkeley ").as_deref(),
            Some("https://www.openstreetmap.org/search?query=2180+Milvia+St%2C+Berkeley")
        );
        assert_eq!(open_in_maps(None, "  "), None);
    }
}
