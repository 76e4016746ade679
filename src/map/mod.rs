//! District boundaries: GeoJSON read into polygons (with a clear reason for anything that
//! is not usable), point-in-polygon, and the demo city's boundaries. No I/O.
//!
//! Accepted input is what boundary files in China usually are: a FeatureCollection whose
//! features carry a Polygon or MultiPolygon and, in their properties, the division code
//! (`code`, or `adcode` as in the DataV/GeoAtlas exports, a string or a number) and a name
//! (`name`). Coordinates are longitude/latitude.

use std::sync::LazyLock;

use serde_json::Value;

/// The demo city's district boundaries (fictional; see the file's `source`).
pub const DEMO_GEOJSON: &str = include_str!("../../data/demo/boundaries.geojson");
pub const DEMO_SOURCE: &str = "data/demo/boundaries.geojson";

pub static DEMO: LazyLock<Vec<Boundary>> = LazyLock::new(|| parse(DEMO_GEOJSON).expect("data/demo/boundaries.geojson is valid (tested)"));

/// Largest boundary file accepted (a province's county boundaries at full detail are a few MB).
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// A ring is a closed line of (longitude, latitude) points; a polygon is an outer ring and
/// its holes.
pub type Ring = Vec<(f64, f64)>;

#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    pub code: String,
    pub name: String,
    /// county, city, township… from the `level` property, or guessed from the code's length.
    pub level: String,
    pub polygons: Vec<Vec<Ring>>,
}

impl Boundary {
    /// Whether the point lies inside (outer ring, not in a hole) of any of its polygons.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.polygons.iter().any(|p| p.first().is_some_and(|outer| in_ring(outer, lon, lat)) && !p[1..].iter().any(|h| in_ring(h, lon, lat)))
    }

    /// The polygons as a GeoJSON geometry (for storage).
    pub fn geometry(&self) -> Value {
        let poly = |p: &Vec<Ring>| Value::Array(p.iter().map(|r| Value::Array(r.iter().map(|&(x, y)| serde_json::json!([x, y])).collect())).collect());
        if self.polygons.len() == 1 {
            serde_json::json!({ "type": "Polygon", "coordinates": poly(&self.polygons[0]) })
        } else {
            serde_json::json!({ "type": "MultiPolygon", "coordinates": self.polygons.iter().map(poly).collect::<Vec<_>>() })
        }
    }

    /// (min lon, min lat, max lon, max lat)
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        bbox(self.polygons.iter().flatten().flatten().copied())
    }
}

pub fn bbox(points: impl IntoIterator<Item = (f64, f64)>) -> (f64, f64, f64, f64) {
    points.into_iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(a, b, c, d), (x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)))
}

/// Even–odd ray casting.
pub fn in_ring(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn level_of(code: &str) -> &'static str {
    match code.len() {
        12 => "grid",
        9 => "township",
        6 if code.ends_with("0000") => "province",
        6 if code.ends_with("00") => "city",
        _ => "county",
    }
}

fn ring_of(v: &Value, at: &str) -> Result<Ring, String> {
    let points = v.as_array().ok_or_else(|| format!("{at}: a ring must be an array of [longitude, latitude] points"))?;
    let mut ring = Vec::with_capacity(points.len());
    for (k, p) in points.iter().enumerate() {
        let xy = p.as_array().filter(|a| a.len() >= 2).and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)));
        match xy {
            Some((x, y)) if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => ring.push((x, y)),
            Some((x, y)) => return Err(format!("{at}, point {}: ({x}, {y}) is not a longitude/latitude", k + 1)),
            None => return Err(format!("{at}, point {}: not a pair of numbers", k + 1)),
        }
    }
    if ring.len() < 4 {
        return Err(format!("{at}: a ring needs at least 4 points (closed), it has {}", ring.len()));
    }
    Ok(ring)
}

fn polygon_of(v: &Value, at: &str) -> Result<Vec<Ring>, String> {
    let rings = v.as_array().filter(|a| !a.is_empty()).ok_or_else(|| format!("{at}: a polygon must be a non-empty array of rings"))?;
    rings.iter().enumerate().map(|(i, r)| ring_of(r, &format!("{at}, ring {}", i + 1))).collect()
}

/// Read a GeoJSON FeatureCollection (or a single Feature) of division boundaries.
/// Every problem is reported with the feature's position and what is wrong; features
/// without a polygon geometry (points, lines) are refused rather than skipped silently.
pub fn parse(text: &str) -> Result<Vec<Boundary>, String> {
    if text.len() > MAX_BYTES {
        return Err(format!("the file has {} bytes; at most {MAX_BYTES} are accepted", text.len()));
    }
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| format!("not JSON: {e}"))?;
    let features: Vec<&Value> = match doc["type"].as_str() {
        Some("FeatureCollection") => doc["features"].as_array().ok_or("a FeatureCollection without a \"features\" array")?.iter().collect(),
        Some("Feature") => vec![&doc],
        Some(other) => return Err(format!("GeoJSON type {other:?}: expected a FeatureCollection of division polygons")),
        None => return Err("not GeoJSON: no \"type\"".into()),
    };
    let mut out: Vec<Boundary> = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        let props = &f["properties"];
        let code = match props.get("code").or_else(|| props.get("adcode")) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let name = props["name"].as_str().unwrap_or("").trim().to_string();
        let at = format!("feature {} ({})", i + 1, if name.is_empty() { code.as_str() } else { name.as_str() });
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || !matches!(code.len(), 6 | 9 | 12) {
            return Err(format!("{at}: property \"code\" (or \"adcode\") must be a GB/T 2260 division code of 6, 9 or 12 digits, found {:?}", props.get("code").or_else(|| props.get("adcode")).map(|v| v.to_string()).unwrap_or_default()));
        }
        if name.is_empty() {
            return Err(format!("{at}: property \"name\" is missing"));
        }
        if out.iter().any(|b| b.code == code) {
            return Err(format!("{at}: division {code} appears twice"));
        }
        let g = &f["geometry"];
        let polygons = match g["type"].as_str() {
            Some("Polygon") => vec![polygon_of(&g["coordinates"], &at)?],
            Some("MultiPolygon") => {
                let ps = g["coordinates"].as_array().filter(|a| !a.is_empty()).ok_or_else(|| format!("{at}: MultiPolygon without polygons"))?;
                ps.iter().enumerate().map(|(k, p)| polygon_of(p, &format!("{at}, polygon {}", k + 1))).collect::<Result<_, _>>()?
            }
            Some(other) => return Err(format!("{at}: geometry {other:?} is not a Polygon or MultiPolygon")),
            None => return Err(format!("{at}: no geometry")),
        };
        let level = props["level"].as_str().filter(|l| ["province", "city", "county", "district", "township", "street", "grid"].contains(l)).map(|l| match l {
            "district" => "county",
            "street" => "township",
            other => other,
        });
        out.push(Boundary { level: level.unwrap_or_else(|| level_of(&code)).to_string(), code, name, polygons });
    }
    if out.is_empty() {
        return Err("the file holds no features".into());
    }
    Ok(out)
}

/// A stored geometry back into polygons (the inverse of `Boundary::geometry`).
pub fn polygons_of_geometry(text: &str) -> Result<Vec<Vec<Ring>>, String> {
    let g: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    match g["type"].as_str() {
        Some("Polygon") => Ok(vec![polygon_of(&g["coordinates"], "geometry")?]),
        Some("MultiPolygon") => g["coordinates"].as_array().ok_or("MultiPolygon without polygons")?.iter().map(|p| polygon_of(p, "geometry")).collect(),
        _ => Err("not a Polygon or MultiPolygon".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_file_is_the_demo_city() {
        let codes: Vec<&str> = DEMO.iter().map(|b| b.code.as_str()).collect();
        assert_eq!(codes, ["612002", "612003", "612004", "612021", "612022", "612023"]);
        assert!(DEMO.iter().all(|b| b.level == "county"));
    }

    #[test]
    fn points_in_and_out() {
        let square = Boundary {
            code: "612002".into(),
            name: "x".into(),
            level: "county".into(),
            polygons: vec![vec![vec![(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)], vec![(0.5, 0.5), (1.0, 0.5), (1.0, 1.0), (0.5, 1.0), (0.5, 0.5)]]],
        };
        assert!(square.contains(1.5, 1.5));
        assert!(!square.contains(0.75, 0.75), "in the hole");
        assert!(!square.contains(3.0, 1.0));
        let back = polygons_of_geometry(&square.geometry().to_string()).unwrap();
        assert_eq!(back, square.polygons);
    }

    #[test]
    fn bad_files_name_the_feature_and_the_reason() {
        let cases = [
            ("[]", "not GeoJSON"),
            ("{\"type\":\"FeatureCollection\",\"features\":[]}", "no features"),
            (r#"{"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}"#, "\"code\""),
            (r#"{"type":"Feature","properties":{"adcode":610102,"name":"甲"},"geometry":{"type":"Point","coordinates":[1,1]}}"#, "is not a Polygon"),
            (r#"{"type":"Feature","properties":{"code":"610102","name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[1,1]]]}}"#, "at least 4 points"),
            (r#"{"type":"Feature","properties":{"code":"610102","name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[200,1],[2,2],[1,1]]]}}"#, "point 2"),
            (r#"{"type":"Feature","properties":{"code":"610102"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}"#, "\"name\""),
        ];
        for (text, reason) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.contains(reason), "{text}: {e}");
        }
        let ok = parse(r#"{"type":"Feature","properties":{"adcode":610102,"name":"新城区"},"geometry":{"type":"MultiPolygon","coordinates":[[[[1,1],[2,1],[2,2],[1,1]]]]}}"#).unwrap();
        assert_eq!((ok[0].code.as_str(), ok[0].level.as_str()), ("610102", "county"));
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for s in ["", "{", "null", "{\"type\":1}", "{\"type\":\"FeatureCollection\",\"features\":[1,2]}", "{\"type\":\"Feature\"}"] {
            let _ = parse(s);
        }
        const ALPHABET: &[u8] = b"{}[]\",:0123456789.-typeFeaturcoinsPlgM ";
        let mut seed = 1u64;
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..64).map(|_| { seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1); ALPHABET[(seed >> 33) as usize % ALPHABET.len()] }).collect();
            let _ = parse(&String::from_utf8_lossy(&bytes));
        }
    }
}
