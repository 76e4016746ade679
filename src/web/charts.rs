//! Charts as inline SVG drawn on the server: no JavaScript library, no CDN.

use maud::{html, Markup, PreEscaped};

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
                @let short: String = label.chars().take(13).collect();
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

/// Scatter map of enterprise locations, coloured by status, with a legend.
pub fn map(points: &[(f64, f64, String)], legend: &[(&str, &str, &str)]) -> Markup {
    if points.is_empty() {
        return html! {};
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y, _) in points {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y0 = y0.min(*y);
        y1 = y1.max(*y);
    }
    let (w, h) = (560.0_f64, 400.0_f64);
    let pad = 10.0;
    // Keep the aspect ratio of degrees at this latitude (1° lon ≈ cos(lat) × 1° lat).
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let span = ((x1 - x0) * kx).max(y1 - y0).max(1e-6);
    let scale = (w.min(h) - 2.0 * pad) / span;
    let mut dots = String::with_capacity(points.len() * 60);
    for (x, y, status) in points {
        let color = legend.iter().find(|l| l.0 == status).map(|l| l.2).unwrap_or("#888");
        // Centre the cloud of points in the frame.
        let px = pad + (x - x0) * kx * scale + (w - 2.0 * pad - (x1 - x0) * kx * scale) / 2.0;
        let py = h - pad - (y - y0) * scale - (h - 2.0 * pad - (y1 - y0) * scale) / 2.0;
        dots.push_str(&format!(r#"<circle cx="{px:.1}" cy="{py:.1}" r="1.8" fill="{color}" fill-opacity="0.7"/>"#));
    }
    html! {
        svg viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label="map" style="background:#f8fafc;border-radius:4px;max-width:760px;display:block;margin:auto" {
            (PreEscaped(dots))
        }
        div.muted style="font-size:13px" {
            @for (_, label, color) in legend {
                span style="margin-right:12px" { span style=(format!("color:{color}")) { "● " } (label) }
            }
        }
    }
}
