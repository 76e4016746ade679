//! Field photos: what kind of image the bytes are, and the EXIF time and GPS position a
//! phone camera writes (JPEG APP1 "Exif", TIFF IFDs; CIPA DC-008 tags 0x9003
//! DateTimeOriginal, 0x0132 DateTime, GPS 0x0001–0x0004). A few tags only, so this is a
//! small reader rather than a dependency; every offset is bounds-checked (property-tested:
//! no input panics). Also the distance from the photo's position to the site.

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exif {
    /// "YYYY-MM-DD HH:MM:SS" as the camera wrote it (local time of the camera, no zone).
    pub taken_at: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// The content type of a JPEG or PNG (by magic bytes), or None for anything else.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

struct Tiff<'a> {
    data: &'a [u8],
    little: bool,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.data.get(at..at.checked_add(2)?)?;
        Some(if self.little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) })
    }
    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.data.get(at..at.checked_add(4)?)?;
        let a = [b[0], b[1], b[2], b[3]];
        Some(if self.little { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) })
    }
    /// Entries of the IFD at `offset`: (tag, type, count, value-or-offset position).
    fn entries(&self, offset: usize) -> Vec<(u16, u16, u32, usize)> {
        let Some(n) = self.u16(offset) else { return vec![] };
        (0..n.min(512) as usize)
            .filter_map(|i| {
                let at = offset + 2 + i * 12;
                Some((self.u16(at)?, self.u16(at + 2)?, self.u32(at + 4)?, at + 8))
            })
            .collect()
    }
    /// Where an entry's data is: inline when it fits in 4 bytes, else at the offset stored there.
    fn data_at(&self, kind: u16, count: u32, pos: usize) -> Option<usize> {
        let size = match kind {
            2 | 1 | 7 => 1usize,
            3 => 2,
            4 | 9 => 4,
            5 | 10 => 8,
            _ => return None,
        }
        .checked_mul(count as usize)?;
        if size <= 4 { Some(pos) } else { Some(self.u32(pos)? as usize) }
    }
    fn ascii(&self, kind: u16, count: u32, pos: usize) -> Option<String> {
        if kind != 2 {
            return None;
        }
        let at = self.data_at(kind, count, pos)?;
        let raw = self.data.get(at..at.checked_add(count as usize)?)?;
        let s: String = raw.iter().take_while(|b| **b != 0).map(|b| *b as char).collect();
        Some(s.trim().to_string())
    }
    fn degrees(&self, kind: u16, count: u32, pos: usize) -> Option<f64> {
        if kind != 5 || count < 3 {
            return None;
        }
        let at = self.data_at(kind, count, pos)?;
        let mut parts = [0f64; 3];
        for (i, p) in parts.iter_mut().enumerate() {
            let num = self.u32(at + i * 8)? as f64;
            let den = self.u32(at + i * 8 + 4)? as f64;
            if den == 0.0 {
                return None;
            }
            *p = num / den;
        }
        let v = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
        v.is_finite().then_some(v)
    }
}

fn exif_segment(jpeg: &[u8]) -> Option<&[u8]> {
    let mut at = 2;
    while at + 4 <= jpeg.len() {
        if jpeg[at] != 0xFF {
            return None;
        }
        let marker = jpeg[at + 1];
        let len = u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]) as usize;
        if marker == 0xDA || len < 2 {
            return None;
        }
        let body = jpeg.get(at + 4..at + 2 + len)?;
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return Some(&body[6..]);
        }
        at += 2 + len;
    }
    None
}

fn camera_time(s: &str) -> Option<String> {
    // "YYYY:MM:DD HH:MM:SS"
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b':' || b[7] != b':' || b[10] != b' ' {
        return None;
    }
    let digits = [0..4, 5..7, 8..10, 11..13, 14..16, 17..19].iter().all(|r| s.get(r.clone()).is_some_and(|p| p.bytes().all(|c| c.is_ascii_digit())));
    digits.then(|| format!("{}-{}-{} {}", &s[0..4], &s[5..7], &s[8..10], &s[11..19]))
}

/// Read time and position from a JPEG's EXIF block (PNG and photos without EXIF give nothing).
pub fn read_exif(bytes: &[u8]) -> Exif {
    let mut out = Exif::default();
    let Some(tiff) = (if bytes.starts_with(&[0xFF, 0xD8]) { exif_segment(bytes) } else { None }) else { return out };
    let little = match tiff.get(0..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return out,
    };
    let t = Tiff { data: tiff, little };
    if t.u16(2) != Some(42) {
        return out;
    }
    let Some(ifd0) = t.u32(4) else { return out };
    let mut fallback_time = None;
    for (tag, kind, count, pos) in t.entries(ifd0 as usize) {
        match tag {
            0x0132 => fallback_time = t.ascii(kind, count, pos).and_then(|s| camera_time(&s)),
            0x8769 => {
                if let Some(sub) = t.u32(pos) {
                    for (tag, kind, count, pos) in t.entries(sub as usize) {
                        if tag == 0x9003 {
                            out.taken_at = t.ascii(kind, count, pos).and_then(|s| camera_time(&s));
                        }
                    }
                }
            }
            0x8825 => {
                if let Some(gps) = t.u32(pos) {
                    let (mut lat, mut lon, mut lat_ref, mut lon_ref) = (None, None, String::new(), String::new());
                    for (tag, kind, count, pos) in t.entries(gps as usize) {
                        match tag {
                            1 => lat_ref = t.ascii(kind, count, pos).unwrap_or_default(),
                            2 => lat = t.degrees(kind, count, pos),
                            3 => lon_ref = t.ascii(kind, count, pos).unwrap_or_default(),
                            4 => lon = t.degrees(kind, count, pos),
                            _ => {}
                        }
                    }
                    out.latitude = lat.filter(|v| *v <= 90.0).map(|v| if lat_ref == "S" { -v } else { v });
                    out.longitude = lon.filter(|v| *v <= 180.0).map(|v| if lon_ref == "W" { -v } else { v });
                }
            }
            _ => {}
        }
    }
    if out.taken_at.is_none() {
        out.taken_at = fallback_time;
    }
    out
}

/// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m, IUGG).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let r = 6_371_008.8;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * a.sqrt().min(1.0).asin()
}

/// A minimal JPEG with an EXIF block holding a time and a GPS position (tests, demo and
/// the browser test use it; real cameras write the same tags).
pub fn sample_jpeg(taken_at: &str, latitude: f64, longitude: f64) -> Vec<u8> {
    // Little-endian TIFF: IFD0 with ExifIFD and GPS pointers.
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    // IFD0 at 8: 2 entries (2 + 24 + 4 bytes) → ends at 38.
    let exif_ifd = 38u32;
    // Exif IFD: 1 entry (2 + 12 + 4) → 56; its time string (20 bytes) at 56 → 76.
    let gps_ifd = 76u32;
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x8769, 4, 1, exif_ifd);
    entry(&mut t, 0x8825, 4, 1, gps_ifd);
    t.extend(0u32.to_le_bytes());
    t.extend(1u16.to_le_bytes());
    entry(&mut t, 0x9003, 2, 20, 56);
    t.extend(0u32.to_le_bytes());
    let mut time = taken_at.replacen('-', ":", 2).into_bytes();
    time.resize(19, b'0');
    time.push(0);
    t.extend(&time);
    // GPS IFD at 76: 4 entries (2 + 48 + 4) → 130; rationals at 130 (lat) and 154 (lon).
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 1, 2, 2, u32::from_le_bytes([if latitude < 0.0 { b'S' } else { b'N' }, 0, 0, 0]));
    entry(&mut t, 2, 5, 3, 130);
    entry(&mut t, 3, 2, 2, u32::from_le_bytes([if longitude < 0.0 { b'W' } else { b'E' }, 0, 0, 0]));
    entry(&mut t, 4, 5, 3, 154);
    t.extend(0u32.to_le_bytes());
    for v in [latitude.abs(), longitude.abs()] {
        let deg = v.trunc();
        let min = ((v - deg) * 60.0).trunc();
        let sec_e4 = (((v - deg) * 60.0 - min) * 60.0 * 10000.0).round();
        for (n, d) in [(deg as u32, 1u32), (min as u32, 1), (sec_e4 as u32, 10000)] {
            t.extend(n.to_le_bytes());
            t.extend(d.to_le_bytes());
        }
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(&t);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend(((app1.len() + 2) as u16).to_be_bytes());
    jpeg.extend(&app1);
    // A tiny baseline image body is not needed for the metadata; end of image.
    jpeg.extend([0xFF, 0xD9]);
    jpeg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_time_and_position_round_trip() {
        let jpeg = sample_jpeg("2026-12-02 09:15:30", 34.2658, 108.9541);
        assert_eq!(image_type(&jpeg), Some("image/jpeg"));
        let e = read_exif(&jpeg);
        assert_eq!(e.taken_at.as_deref(), Some("2026-12-02 09:15:30"));
        assert!((e.latitude.unwrap() - 34.2658).abs() < 1e-6, "{e:?}");
        assert!((e.longitude.unwrap() - 108.9541).abs() < 1e-6);
        assert_eq!(read_exif(b"\x89PNG\r\n\x1a\n"), Exif::default());
        assert_eq!(image_type(b"GIF89a"), None);
    }

    #[test]
    fn distances() {
        // One degree of latitude ≈ 111.2 km.
        assert!((distance_m(34.0, 108.0, 35.0, 108.0) - 111_195.0).abs() < 10.0);
        assert!(distance_m(34.2658, 108.9541, 34.2658, 108.9541) < 1e-6);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(mut bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), cut in 0usize..200) {
            let _ = read_exif(&bytes);
            let mut jpeg = sample_jpeg("2026-01-01 00:00:00", 1.0, 2.0);
            jpeg.truncate(cut.min(jpeg.len()));
            jpeg.append(&mut bytes);
            let _ = read_exif(&jpeg);
        }
    }
}
