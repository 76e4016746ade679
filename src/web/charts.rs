//! Charts as inline SVG drawn on the server: no JavaScript library, no CDN.

use maud::{html, Markup, PreEscaped};

/// A label cut to what the bar chart's label column holds: `units` half-width characters, a
/// Chinese character counting two (about 12 px against 6.5 px at the chart's font size), with
/// "…" where it was cut. The whole label stays in the bar's tooltip.
fn fit_label(label: &str, units: usize) -> String {
    let width = |c: char| if crate::i18n::has_chinese(&c.to_string()) { 2 } else { 1 };
    if label.chars().map(width).sum::<usize>() <= units {
        return label.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in label.chars() {
        if used + width(c) > units - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

/// Horizontal bar chart of (label, value) pairs; each bar may link somewhere.
pub fn bars(items: &[(String, i64, Option<String>)], aria: &str) -> Markup {
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1) as f64;
    let row = 26.0;
    let label_w = 190.0;
    let bar_w = 300.0;
    let height = row * items.len() as f64 + 4.0;
    html! {
        svg viewBox=(format!("0 0 {} {height}", label_w + bar_w + 70.0)) width="100%" role="img" aria-label=(aria) {
            @for (i, (label, value, href)) in items.iter().enumerate() {
                @let y = i as f64 * row;
                @let w = (*value as f64 / max * bar_w).max(1.0);
                @let short = fit_label(label, 28);
                g {
                    text.chart-label x=(label_w - 6.0) y=(y + 17.0) text-anchor="end" { (short) }
                    @if let Some(h) = href {
                        a href=(h) { rect.chart-bar x=(label_w) y=(y + 4.0) width=(format!("{w:.1}")) height="18" rx="2" { title { (label) ": " (value) } } }
                    } @else {
                        rect.chart-bar x=(label_w) y=(y + 4.0) width=(format!("{w:.1}")) height="18" rx="2" { title { (label) ": " (value) } }
                    }
                    text.chart-label x=(label_w + w + 6.0) y=(y + 17.0) { (value) }
                }
            }
        }
    }
}

/// Colours of the enterprise statuses on maps and tags: one colour per status, told apart
/// also by people with red–green colour blindness (green/blue/amber/red differ in lightness).
pub fn status_color(status: &str) -> &'static str {
    match status {
        "operating" => "#2f855a",
        "suspended" => "#d69e2e",
        "under_construction" => "#2b6cb0",
        "closed" => "#c53030",
        _ => "#718096",
    }
}

/// Pale fills told apart from their neighbours for the districts of a map.
const DISTRICT_FILLS: [&str; 6] = ["#eef4fb", "#f4f1e8", "#eef6ef", "#f6eef3", "#f1f0f8", "#eef5f5"];

/// Map of enterprise locations over district boundaries, coloured by status, with a legend.
/// `legend` is (status code, label, colour); boundaries outside the points' area are left out
/// (a county account sees its county and the edges of its neighbours).
pub fn map(points: &[(f64, f64, String)], legend: &[(&str, &str, &str)], boundaries: &[crate::map::Boundary]) -> Markup {
    let dots: Vec<Dot> = points.iter().map(|(x, y, s)| Dot { lon: *x, lat: *y, status: s.clone(), href: None, title: None }).collect();
    map_of(&dots, legend, boundaries)
}

/// A point of a map: where, its status (the legend's colour), and optionally a link and a title.
pub struct Dot {
    pub lon: f64,
    pub lat: f64,
    pub status: String,
    pub href: Option<String>,
    pub title: Option<String>,
}

/// The map of `map`, with dots that may link somewhere and name themselves (drawn larger, to be tapped).
pub fn map_of(points: &[Dot], legend: &[(&str, &str, &str)], boundaries: &[crate::map::Boundary]) -> Markup {
    if points.is_empty() && boundaries.is_empty() {
        return html! {};
    }
    let (px0, py0, px1, py1) = crate::map::bbox(points.iter().map(|p| (p.lon, p.lat)));
    let shown: Vec<&crate::map::Boundary> = boundaries
        .iter()
        .filter(|b| {
            let (a, c, d, e) = b.bbox();
            points.is_empty() || (a <= px1 && d >= px0 && c <= py1 && e >= py0)
        })
        .collect();
    let (mut x0, mut y0, mut x1, mut y1) = crate::map::bbox(shown.iter().flat_map(|b| b.polygons.iter().flatten().flatten().copied()).chain(points.iter().map(|p| (p.lon, p.lat))));
    if !points.is_empty() && !shown.is_empty() {
        // Frame the points' area with a margin rather than every neighbour's whole polygon.
        let (mx, my) = ((px1 - px0).max(0.02) * 0.25, (py1 - py0).max(0.02) * 0.25);
        x0 = x0.max(px0 - mx);
        x1 = x1.min(px1 + mx);
        y0 = y0.max(py0 - my);
        y1 = y1.min(py1 + my);
    }
    let (w, h) = (560.0_f64, 420.0_f64);
    let pad = 10.0;
    // Keep the aspect ratio of degrees at this latitude (1° lon ≈ cos(lat) × 1° lat).
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let scale = ((w - 2.0 * pad) / ((x1 - x0) * kx).max(1e-6)).min((h - 2.0 * pad) / (y1 - y0).max(1e-6));
    let (ox, oy) = ((w - 2.0 * pad - (x1 - x0) * kx * scale) / 2.0, (h - 2.0 * pad - (y1 - y0) * scale) / 2.0);
    let project = |x: f64, y: f64| (pad + ox + (x - x0) * kx * scale, h - pad - oy - (y - y0) * scale);
    let mut base = String::new();
    let mut labels = String::new();
    for (i, b) in shown.iter().enumerate() {
        let mut d = String::new();
        for ring in b.polygons.iter().flatten() {
            for (k, &(x, y)) in ring.iter().enumerate() {
                let (sx, sy) = project(x, y);
                d.push_str(&format!("{}{sx:.1} {sy:.1}", if k == 0 { "M" } else { "L" }));
            }
            d.push('Z');
        }
        let name = maud::html! { (b.name) }.into_string();
        base.push_str(&format!(
            r##"<path d="{d}" fill="{}" fill-rule="evenodd" stroke="#8a9bb0" stroke-width="1" stroke-linejoin="round"><title>{name}</title></path>"##,
            DISTRICT_FILLS[i % DISTRICT_FILLS.len()]
        ));
        // Label at the mean of the outer ring of the largest polygon, if it is in the frame.
        if let Some(outer) = b.polygons.iter().filter_map(|p| p.first()).max_by_key(|r| r.len()) {
            let n = outer.len().max(1) as f64;
            let (cx, cy) = outer.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
            if (x0..=x1).contains(&cx) && (y0..=y1).contains(&cy) {
                let (sx, sy) = project(cx, cy);
                labels.push_str(&format!(r##"<text x="{sx:.1}" y="{sy:.1}" text-anchor="middle" class="map-label">{name}</text>"##));
            }
        }
    }
    let mut dots = String::with_capacity(points.len() * 60);
    for d in points {
        let color = legend.iter().find(|l| l.0 == d.status).map(|l| l.2).unwrap_or("#888");
        let (sx, sy) = project(d.lon, d.lat);
        let title = d.title.as_deref().map(|t| format!("<title>{}</title>", maud::html! { (t) }.into_string())).unwrap_or_default();
        match &d.href {
            Some(h) => dots.push_str(&format!(
                r##"<a href="{}"><circle cx="{sx:.1}" cy="{sy:.1}" r="6" fill="{color}" fill-opacity="0.85" stroke="#fff" stroke-width="1">{title}</circle></a>"##,
                maud::html! { (h) }.into_string()
            )),
            None if !title.is_empty() => dots.push_str(&format!(r#"<circle cx="{sx:.1}" cy="{sy:.1}" r="4" fill="{color}" fill-opacity="0.8">{title}</circle>"#)),
            None => dots.push_str(&format!(r#"<circle cx="{sx:.1}" cy="{sy:.1}" r="2" fill="{color}" fill-opacity="0.8"/>"#)),
        }
    }
    // Named by what it shows (the legend's labels are in the viewer's language already).
    let label = legend.iter().map(|(_, l, _)| *l).collect::<Vec<_>>().join(" · ");
    html! {
        svg.map viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label=(label) {
            rect x="0" y="0" width=(w) height=(h) fill="#f8fafc" {}
            g.base { (PreEscaped(base)) }
            g.dots { (PreEscaped(dots)) }
            g.labels { (PreEscaped(labels)) }
        }
        div.map-legend {
            @for (code, label, color) in legend {
                span data-status=(code) { svg width="12" height="12" { circle cx="6" cy="6" r="5" fill=(color) {} } " " (label) }
            }
        }
    }
}

/// One line of a time chart: x in seconds, y None where there is no value (a gap is drawn).
pub struct Line<'a> {
    pub label: String,
    pub color: &'a str,
    pub dashed: bool,
    pub points: Vec<(f64, Option<f64>)>,
}

/// A shaded stretch of the x axis (invalid hours, marked periods, offline).
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub color: &'static str,
    pub title: String,
}

/// Keeps at most `3 × buckets` points: per bucket its minimum and its maximum in time order, so
/// a spike survives downsampling, and the first missing value of the bucket, so a gap stays a gap.
pub fn downsample_min_max(points: &[(f64, Option<f64>)], buckets: usize) -> Vec<(f64, Option<f64>)> {
    if points.len() <= buckets * 2 || buckets == 0 {
        return points.to_vec();
    }
    let per = points.len().div_ceil(buckets);
    let mut out = Vec::with_capacity(buckets * 2);
    for chunk in points.chunks(per) {
        let mut lo: Option<(f64, f64)> = None;
        let mut hi: Option<(f64, f64)> = None;
        for &(x, y) in chunk {
            if let Some(y) = y {
                if lo.is_none_or(|l| y < l.1) {
                    lo = Some((x, y));
                }
                if hi.is_none_or(|h| y > h.1) {
                    hi = Some((x, y));
                }
            }
        }
        let mut kept: Vec<(f64, Option<f64>)> = Vec::with_capacity(3);
        if let Some(l) = lo {
            kept.push((l.0, Some(l.1)));
        }
        if let Some(h) = hi.filter(|h| lo.is_none_or(|l| l.0 != h.0)) {
            kept.push((h.0, Some(h.1)));
        }
        // A gap inside the bucket stays a gap (offline stretches must stay visible).
        if let Some(&(x, _)) = chunk.iter().find(|p| p.1.is_none()) {
            kept.push((x, None));
        }
        kept.sort_by(|a, b| a.0.total_cmp(&b.0));
        out.extend(kept);
    }
    out
}

/// A time chart: lines (gaps where a value is missing), a dashed limit line, shaded bands and
/// x-axis ticks (x, label). Drawn as inline SVG.
pub fn time_chart(x0: f64, x1: f64, lines: &[Line], limit: Option<(f64, String)>, bands: &[Band], ticks: &[(f64, String)], aria: &str) -> Markup {
    let (w, h) = (720.0_f64, 240.0_f64);
    let (left, right, top, bottom) = (48.0, 8.0, 10.0, 24.0);
    let mut y_max = limit.as_ref().map(|l| l.0).unwrap_or(0.0);
    for l in lines {
        for (_, y) in &l.points {
            if let Some(y) = y {
                if y.is_finite() {
                    y_max = y_max.max(*y);
                }
            }
        }
    }
    let y_max = if y_max <= 0.0 { 1.0 } else { nice_ceiling(y_max * 1.05) };
    let span = (x1 - x0).max(1.0);
    let px = |x: f64| left + (x - x0) / span * (w - left - right);
    let py = |y: f64| top + (1.0 - y / y_max) * (h - top - bottom);
    let mut svg = String::with_capacity(16_384);
    for b in bands {
        let (a, z) = (px(b.from.max(x0)), px(b.to.min(x1)));
        if z > a {
            svg.push_str(&format!(
                r#"<rect x="{a:.1}" y="{top}" width="{:.1}" height="{:.1}" fill="{}" fill-opacity="0.35"><title>{}</title></rect>"#,
                (z - a).max(0.8),
                h - top - bottom,
                b.color,
                escape(&b.title)
            ));
        }
    }
    for i in 0..=4 {
        let y = y_max * i as f64 / 4.0;
        let yy = py(y);
        svg.push_str(&format!(r##"<line x1="{left}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#e5e7eb"/><text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##, w - right, left - 4.0, yy + 4.0, short_number(y)));
    }
    for (x, label) in ticks {
        let xx = px(*x);
        svg.push_str(&format!(r##"<line x1="{xx:.1}" x2="{xx:.1}" y1="{:.1}" y2="{:.1}" stroke="#9ca3af"/><text class="chart-label" x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"##, h - bottom, h - bottom + 4.0, h - 6.0, escape(label)));
    }
    for l in lines {
        let mut d = String::new();
        let mut pen_down = false;
        for (x, y) in &l.points {
            match y {
                Some(y) if y.is_finite() => {
                    d.push_str(&format!("{}{:.1},{:.1}", if pen_down { " L" } else { " M" }, px(*x), py(*y)));
                    pen_down = true;
                }
                _ => pen_down = false,
            }
        }
        if !d.is_empty() {
            let dash = if l.dashed { r#" stroke-dasharray="4 3""# } else { "" };
            svg.push_str(&format!(r#"<path d="{d}" fill="none" stroke="{}" stroke-width="1.4"{dash}><title>{}</title></path>"#, l.color, escape(&l.label)));
        }
    }
    if let Some((v, label)) = &limit {
        let yy = py(*v);
        svg.push_str(&format!(
            r##"<line class="limit-line" x1="{left}" x2="{:.1}" y1="{yy:.1}" y2="{yy:.1}" stroke="#dc2626" stroke-width="1.2" stroke-dasharray="6 4"><title>{}</title></line>"##,
            w - right,
            escape(label)
        ));
    }
    html! {
        svg.time-chart viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label=(aria) { (PreEscaped(svg)) }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn nice_ceiling(v: f64) -> f64 {
    let magnitude = 10f64.powf(v.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * magnitude >= v {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

fn short_number(v: f64) -> String {
    if v >= 100.0 || v == 0.0 { format!("{v:.0}") } else if v >= 1.0 { format!("{v:.1}") } else { format!("{v:.2}") }
}

#[cfg(test)]
mod time_chart_tests {
    #[test]
    fn bar_labels_fit_their_column_in_either_language() {
        assert_eq!(super::fit_label("basically completed", 28), "basically completed");
        assert_eq!(super::fit_label("at or above the benchmark level of the sector", 28), "at or above the benchmark l…");
        assert_eq!(super::fit_label("基本完成", 28), "基本完成");
        assert_eq!(super::fit_label("一二三四五六七八九十一二三四五六", 28), "一二三四五六七八九十一二三…");
    }

    use super::*;

    #[test]
    fn downsampling_keeps_extremes_and_gaps() {
        let mut points: Vec<(f64, Option<f64>)> = (0..10_000).map(|i| (i as f64, Some(1.0))).collect();
        points[5_123].1 = Some(900.0);
        points[7_777].1 = Some(-5.0);
        for p in &mut points[2_000..2_100] {
            p.1 = None;
        }
        let d = downsample_min_max(&points, 50);
        assert!(d.len() <= 150);
        assert!(d.iter().any(|p| p.1 == Some(900.0)) && d.iter().any(|p| p.1 == Some(-5.0)));
        assert!(d.iter().any(|p| p.1.is_none()), "a gap stays a gap");
        assert!(d.windows(2).all(|w| w[0].0 < w[1].0), "time order");
    }

    #[test]
    fn chart_draws_lines_limit_and_bands() {
        let line = Line { label: "SO2".into(), color: "#2563eb", dashed: false, points: vec![(0.0, Some(1.0)), (1.0, None), (2.0, Some(3.0))] };
        let svg = time_chart(0.0, 2.0, &[line], Some((2.5, "限值 2.5".into())), &[Band { from: 0.5, to: 1.5, color: "#f00", title: "<x>".into() }], &[], "t").into_string();
        assert_eq!(svg.matches(" M").count(), 2, "the gap breaks the line: {svg}");
        assert!(svg.contains("limit-line") && svg.contains("&lt;x&gt;"));
    }
}


/// A district of a district map: its fill, where a click leads, what its tooltip and label say.
pub struct Area {
    pub code: String,
    pub fill: String,
    pub href: String,
    pub title: String,
    pub label: String,
}

/// The districts of `boundaries` that have an `Area`, each filled and linked (a choropleth).
pub fn district_map(boundaries: &[crate::map::Boundary], areas: &[Area], id: &str, aria: &str) -> Markup {
    let shown: Vec<(&crate::map::Boundary, &Area)> = boundaries.iter().filter_map(|b| areas.iter().find(|a| a.code == b.code).map(|a| (b, a))).collect();
    if shown.is_empty() {
        return html! {};
    }
    let (x0, y0, x1, y1) = crate::map::bbox(shown.iter().flat_map(|(b, _)| b.polygons.iter().flatten().flatten().copied()));
    let (w, h, pad) = (520.0_f64, 400.0_f64, 10.0_f64);
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let scale = ((w - 2.0 * pad) / ((x1 - x0) * kx).max(1e-6)).min((h - 2.0 * pad) / (y1 - y0).max(1e-6));
    let (ox, oy) = ((w - 2.0 * pad - (x1 - x0) * kx * scale) / 2.0, (h - 2.0 * pad - (y1 - y0) * scale) / 2.0);
    let project = |x: f64, y: f64| (pad + ox + (x - x0) * kx * scale, h - pad - oy - (y - y0) * scale);
    let mut svg = String::new();
    let esc = |t: &str| maud::html! { (t) }.into_string();
    for (b, a) in &shown {
        let mut d = String::new();
        for ring in b.polygons.iter().flatten() {
            for (k, &(x, y)) in ring.iter().enumerate() {
                let (sx, sy) = project(x, y);
                d.push_str(&format!("{}{sx:.1} {sy:.1}", if k == 0 { "M" } else { "L" }));
            }
            d.push('Z');
        }
        svg.push_str(&format!(
            r##"<a href="{}"><path d="{d}" fill="{}" fill-rule="evenodd" stroke="#334155" stroke-width="1" data-district="{}"><title>{}</title></path></a>"##,
            esc(&a.href),
            esc(&a.fill),
            esc(&a.code),
            esc(&a.title)
        ));
        if let Some(outer) = b.polygons.iter().filter_map(|p| p.first()).max_by_key(|r| r.len()) {
            let n = outer.len().max(1) as f64;
            let (cx, cy) = outer.iter().fold((0.0, 0.0), |acc, p| (acc.0 + p.0 / n, acc.1 + p.1 / n));
            let (sx, sy) = project(cx, cy);
            svg.push_str(&format!(
                r##"<text x="{sx:.1}" y="{sy:.1}" text-anchor="middle" class="map-label">{}</text><text x="{sx:.1}" y="{:.1}" text-anchor="middle" class="map-label">{}</text>"##,
                esc(&b.name),
                sy + 13.0,
                esc(&a.label)
            ));
        }
    }
    html! {
        svg.map id=(id) viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label=(aria) {
            rect x="0" y="0" width=(w) height=(h) fill="#f8fafc" {}
            (PreEscaped(svg))
        }
    }
}

/// A fill from pale to strong for a share 0–1 of "how far behind" (0: none, 1: the worst).
pub fn behind_fill(share: f64) -> String {
    // From #eef6ef (pale green) through #f6e05e (amber) to #c53030 (red), by the share.
    let s = share.clamp(0.0, 1.0);
    let stops = [(0.0, (0xee, 0xf6, 0xef)), (0.5, (0xf6, 0xe0, 0x5e)), (1.0, (0xc5, 0x30, 0x30))];
    let (a, b) = if s <= 0.5 { (stops[0], stops[1]) } else { (stops[1], stops[2]) };
    let t = if (b.0 - a.0) > 0.0 { (s - a.0) / (b.0 - a.0) } else { 0.0 };
    let mix = |x: i32, y: i32| (x as f64 + (y - x) as f64 * t).round() as i32;
    format!("#{:02x}{:02x}{:02x}", mix(a.1 .0, b.1 .0), mix(a.1 .1, b.1 .1), mix(a.1 .2, b.1 .2))
}
