"""Plane geometry for server-rendered SVG maps, with the standard library only.

Coordinates come in as GeoJSON positions: WGS 84 degrees (longitude, latitude) or a
projected grid in metres (Belgian Lambert 72 or 2008). Degrees are turned into a plane by
an equirectangular projection around Belgium's middle latitude, good enough for a
country this small; metres are already a plane. Both are then fitted into an SVG frame.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Ring = list[Point]

MID_LATITUDE = 50.5
SVG_WIDTH = 1000


def looks_like_degrees(points: Iterable[Point]) -> bool:
    return all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in points)


def to_plane(point: Sequence[float], degrees: bool) -> Point:
    """Longitude/latitude to a plane where one unit is about the same distance both ways."""
    x, y = float(point[0]), float(point[1])
    if degrees:
        return (x * math.cos(math.radians(MID_LATITUDE)), y)
    return (x, y)


@dataclass(frozen=True)
class Frame:
    """Maps plane coordinates into an SVG view box ``0 0 width height`` (y downwards)."""

    min_x: float
    min_y: float
    max_y: float
    scale: float
    width: int
    height: int
    margin: float = 10.0

    @classmethod
    def fit(cls, points: Iterable[Point], width: int = SVG_WIDTH, margin: float = 10.0):
        xs, ys = [], []
        for x, y in points:
            xs.append(x)
            ys.append(y)
        if not xs:
            raise ValueError("no points to fit")
        span_x = max(max(xs) - min(xs), 1e-9)
        span_y = max(max(ys) - min(ys), 1e-9)
        scale = (width - 2 * margin) / span_x
        height = math.ceil(span_y * scale + 2 * margin)
        return cls(min(xs), min(ys), max(ys), scale, width, height, margin)

    def svg(self, point: Point) -> Point:
        x, y = point
        return (
            round((x - self.min_x) * self.scale + self.margin, 1),
            round((self.max_y - y) * self.scale + self.margin, 1),
        )


def _perpendicular_distance(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings of thousands of points would overflow recursion)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_area(ring: Sequence[Point]) -> float:
    """Signed area (shoelace)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2


def ring_centroid(ring: Sequence[Point]) -> tuple[Point, float]:
    """Centroid and absolute area of a simple ring."""
    area = ring_area(ring)
    if abs(area) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return (sum(xs) / len(xs), sum(ys) / len(ys)), 0.0
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return (cx / (6 * area), cy / (6 * area)), abs(area)


def polygons_of(geometry: dict) -> list[list[list[Sequence[float]]]]:
    """The polygons of a GeoJSON Polygon or MultiPolygon (other types: none)."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def centroid(polygons: Sequence[Sequence[Ring]]) -> Point:
    """Area-weighted centroid of the outer rings (holes are small next to them here)."""
    total = sx = sy = 0.0
    fallback = None
    for polygon in polygons:
        if not polygon:
            continue
        (cx, cy), area = ring_centroid(polygon[0])
        fallback = fallback or (cx, cy)
        total += area
        sx += cx * area
        sy += cy * area
    if total == 0:
        if fallback is None:
            raise ValueError("empty geometry")
        return fallback
    return (sx / total, sy / total)


def contains(polygon: Sequence[Ring], point: Point) -> bool:
    """Even-odd rule over all rings, so holes are outside."""
    x, y = point
    inside = False
    for ring in polygon:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def path_data(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data for rings already in SVG coordinates; evenodd fill keeps holes open."""
    parts = []
    for ring in rings:
        if len(ring) < 3:
            continue
        head, *tail = ring
        parts.append(
            f"M{_num(head[0])} {_num(head[1])}"
            + "".join(f"L{_num(x)} {_num(y)}" for x, y in tail)
            + "Z"
        )
    return "".join(parts)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
