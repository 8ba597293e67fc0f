"""Importing official municipal boundaries from a GeoJSON file (Statbel, NGI, ...).

The file is read with the standard library. Each feature names its municipality by a
REFNIS code in one of its properties; codes of municipalities that merged in 2025 are
added to their successor. Outlines are projected, simplified and stored as SVG path
data, so that map pages render them without any geometry work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from digibank.geo import geometry as geo
from digibank.geo.models import FormerMunicipality, Municipality, MunicipalityBoundary

# Property names under which known publishers put the REFNIS code.
CODE_PROPERTIES = (
    "CNIS5_2025", "CNIS5_2024", "CNIS5_2023", "cd_munty_refnis", "CD_MUNTY_REFNIS",
    "NISCODE", "niscode", "NIS_CODE", "nis_code", "NISCode", "refnis", "REFNIS", "code",
)  # fmt: skip


class BoundaryImportError(Exception):
    """A file that cannot be imported; the message says why, in the user's language."""


@dataclass
class ImportResult:
    imported: int = 0
    merged_into_successor: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _code_of(properties: dict, code_property: str | None) -> str:
    keys = (code_property,) if code_property else CODE_PROPERTIES
    for key in keys:
        value = properties.get(key)
        if value not in (None, ""):
            text = str(value).strip()
            if text.endswith(".0"):
                text = text[:-2]
            return text.zfill(5) if text.isdigit() else text
    return ""


def read_features(path: str | Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BoundaryImportError(_("Cannot read the file: %(error)s") % {"error": exc}) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BoundaryImportError(
            _("The file is not valid GeoJSON: %(error)s") % {"error": exc}
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BoundaryImportError(_("The file is not a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryImportError(_("The file has no features."))
    return features


def import_file(
    path: str | Path, *, code_property: str | None = None, tolerance_px: float = 0.6
) -> ImportResult:
    """Replace all stored boundaries by those in the file, or change nothing on a problem."""
    features = read_features(path)
    current = set(Municipality.objects.values_list("code", flat=True))
    successor_of = dict(FormerMunicipality.objects.values_list("code", "successor_id"))
    result = ImportResult()
    shapes: dict[str, list] = {}
    for number, feature in enumerate(features, start=1):
        properties = (feature or {}).get("properties") or {}
        code = _code_of(properties, code_property)
        polygons = geo.polygons_of((feature or {}).get("geometry") or {})
        if not code:
            result.problems.append(
                _("Feature %(n)s: no REFNIS code found in its properties.") % {"n": number}
            )
            continue
        if not polygons:
            result.problems.append(
                _("Feature %(n)s (%(code)s): no polygon geometry.") % {"n": number, "code": code}
            )
            continue
        if code not in current:
            if code not in successor_of:
                result.problems.append(
                    _("Feature %(n)s: unknown municipality code %(code)s.")
                    % {"n": number, "code": code}
                )
                continue
            result.merged_into_successor.append(code)
            code = successor_of[code]
        shapes.setdefault(code, []).extend(polygons)
    if result.problems:
        return result

    try:
        degrees = geo.looks_like_degrees(
            (float(p[0]), float(p[1]))
            for polys in shapes.values()
            for poly in polys
            for p in poly[0]
        )
        planar = {
            code: [[[geo.to_plane(p, degrees) for p in ring] for ring in poly] for poly in polys]
            for code, polys in shapes.items()
        }
    except (TypeError, ValueError, IndexError) as exc:
        raise BoundaryImportError(
            _("The file has invalid coordinates: %(error)s") % {"error": exc}
        ) from exc
    frame = geo.Frame.fit(p for polys in planar.values() for poly in polys for p in poly[0])
    tolerance = tolerance_px / frame.scale
    rows = []
    for code, polys in sorted(planar.items()):
        rings = []
        for poly in polys:
            for ring in poly:
                simple = geo.simplify(ring, tolerance)
                if len(simple) >= 3:
                    rings.append([frame.svg(p) for p in simple])
        label_x, label_y = frame.svg(geo.centroid(polys))
        rows.append(
            MunicipalityBoundary(
                municipality_id=code,
                svg_path=geo.path_data(rings),
                label_x=label_x,
                label_y=label_y,
                frame_width=frame.width,
                frame_height=frame.height,
                source=Path(path).name[:300],
            )
        )
    with transaction.atomic():
        MunicipalityBoundary.objects.all().delete()
        MunicipalityBoundary.objects.bulk_create(rows)
    result.imported = len(rows)
    return result
