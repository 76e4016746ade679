#!/usr/bin/env python3
"""Draw the district boundaries of the fictional demo city 青岚市 (612000).

The city does not exist, so its boundaries are drawn from the demo generator's geography
(src/demo/mod.rs, COUNTIES): each district or county is the region closer to its seat than to
any other seat (a Voronoi cell, distances in kilometres at this latitude), inside a hand-drawn
city outline, with every edge given a deterministic irregular course so that it looks like a
map rather than a diagram. Shared edges are drawn once, so neighbours match exactly.
The demo generator places townships, grid cells and enterprises inside these polygons
(tested in src/demo). Run: python3 data/demo/make_boundaries.py > data/demo/boundaries.geojson
"""
import hashlib
import json
import math

CITY = ("612000", "青岚市")
# (code, name, seat longitude, seat latitude) — the same seats as src/demo/mod.rs COUNTIES.
COUNTIES = [
    ("612002", "青城区", 108.42, 34.12),
    ("612003", "岚山区", 108.55, 34.05),
    ("612004", "东川区", 108.68, 34.16),
    ("612021", "石门县", 108.20, 34.28),
    ("612022", "柳溪县", 108.85, 33.92),
    ("612023", "云台县", 108.30, 33.86),
]
OUTLINE = [
    (107.98, 34.05), (108.04, 34.33), (108.14, 34.47), (108.33, 34.47), (108.50, 34.35),
    (108.72, 34.37), (108.93, 34.26), (109.07, 34.05), (109.03, 33.80), (108.82, 33.71),
    (108.54, 33.72), (108.24, 33.66), (108.06, 33.80),
]
KX = math.cos(math.radians(34.07))  # 1° of longitude in degrees of latitude here


def clip(poly, a, b, c):
    """Keep the part of the polygon where a*x + b*y <= c (Sutherland-Hodgman, one half-plane)."""
    out = []
    for i, p in enumerate(poly):
        q = poly[(i + 1) % len(poly)]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0) != (fq < 0) and fp != fq:
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def cell(i):
    poly = list(OUTLINE)
    _, _, xi, yi = COUNTIES[i]
    for j, (_, _, xj, yj) in enumerate(COUNTIES):
        if i == j:
            continue
        # |p - si|² <= |p - sj|² in scaled coordinates  ⇔  2(sj - si)·p <= |sj|² - |si|²
        a, b = 2 * (xj - xi) * KX * KX, 2 * (yj - yi)
        c = (xj * xj - xi * xi) * KX * KX + (yj * yj - yi * yi)
        poly = clip(poly, a, b, c)
    return [(round(x, 5), round(y, 5)) for x, y in poly]


def wiggle(p, q, depth=4):
    """Points strictly between p and q along an irregular course that depends only on the
    unordered pair {p, q}, so both neighbours draw the same line."""
    flip = q < p
    if flip:
        p, q = q, p
    def rec(a, b, d, key):
        if d == 0:
            return []
        h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF - 0.5
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx * KX, dy)
        # perpendicular offset of up to ±9% of the segment length
        nx, ny = -dy, dx * KX * KX
        norm = math.hypot(nx * KX, ny) or 1
        off = h * 0.18 * length / norm
        m = ((a[0] + b[0]) / 2 + nx * off, (a[1] + b[1]) / 2 + ny * off)
        return rec(a, m, d - 1, key + "l") + [m] + rec(m, b, d - 1, key + "r")
    pts = rec(p, q, depth, f"{p}{q}")
    return pts[::-1] if flip else pts


def ring(poly):
    out = []
    for i, p in enumerate(poly):
        q = poly[(i + 1) % len(poly)]
        out.append(p)
        out.extend(wiggle(p, q))
    out.append(poly[0])
    return [[round(x, 5), round(y, 5)] for x, y in out]


features = []
for i, (code, name, x, y) in enumerate(COUNTIES):
    features.append({
        "type": "Feature",
        "properties": {"code": code, "name": name, "level": "county", "parent": CITY[0], "seat": [x, y]},
        "geometry": {"type": "Polygon", "coordinates": [ring(cell(i))]},
    })
doc = {
    "type": "FeatureCollection",
    "name": "青岚市(虚构示范城市)区县界线",
    "source": (
        "Fictional: 青岚市 (612000) is the demo city and does not exist. These boundaries are drawn by "
        "data/demo/make_boundaries.py from the demo generator's county seats (src/demo/mod.rs): each "
        "district/county is the region nearest its seat inside a hand-drawn outline, edges made irregular "
        "deterministically. The demo generator places every township, grid cell and enterprise inside its "
        "county's polygon (tested). Not a survey; not for any real use. Coordinates WGS 84 longitude/latitude."
    ),
    "checked": "not applicable (fictional)",
    "features": features,
}
print(json.dumps(doc, ensure_ascii=False, indent=1))
