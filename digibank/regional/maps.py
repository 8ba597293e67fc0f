"""Which programmes reached which municipality, drawn as a server-rendered SVG map.

Reach counts awarded projects only, per current municipality: a project that named a
municipality merged in 2025 counts under its successor (``ProjectMunicipality`` already
points there) and the former name is shown beside it. The map needs no JavaScript and
no tile server: with imported official boundaries (``import_boundaries``) it draws areas,
otherwise the shipped cartogram of points (see ``layout``). Classes differ in shape or
pattern as well as in colour, and the same numbers are in the table beside the map.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from digibank.geo.models import Municipality, MunicipalityBoundary
from digibank.programmes.models import AWARDED, Programme, ProjectMunicipality
from digibank.regional import layout


@dataclass
class Place:
    code: str
    name: str
    province: str
    programmes: list = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)

    @property
    def level(self) -> int:
        """0, 1, 2 or 3 (three or more programmes): the map's classes."""
        return min(len(self.programmes), 3)

    @property
    def tooltip(self) -> str:
        name = self.name
        if self.former_names:
            name += " (" + _("formerly %(names)s") % {"names": ", ".join(self.former_names)} + ")"
        if not self.programmes:
            return f"{name}: " + str(_("no programme"))
        return f"{name}: " + ", ".join(p.name for p in self.programmes)


# Classes of the map: colour, and a second cue that is not colour (shape or pattern).
LEVELS = (
    {"level": 0, "label": _("No programme"), "fill": "#ffffff", "pattern": ""},
    {"level": 1, "label": _("One programme"), "fill": "#9ecae1", "pattern": ""},
    {"level": 2, "label": _("Two programmes"), "fill": "#3f7fbf", "pattern": "hatch"},
    {"level": 3, "label": _("Three or more programmes"), "fill": "#0b3c6e", "pattern": "cross"},
)
SINGLE_LEVELS = (
    {"level": 0, "label": _("Not reached"), "fill": "#ffffff", "pattern": ""},
    {"level": 1, "label": _("Reached by this programme"), "fill": "#3f7fbf", "pattern": "hatch"},
)


def reach(programme: Programme | None = None, province_code: str | None = None) -> list[Place]:
    """Every municipality with the programmes whose awarded projects serve it.

    Three queries whatever the number of projects: municipalities, programmes, places.
    """
    places = {
        code: Place(code, Municipality(name_nl=nl, name_fr=fr).name, province)
        for code, nl, fr, province in Municipality.objects.order_by("name_nl").values_list(
            "code", "name_nl", "name_fr", "province_id"
        )
        if not province_code or province == province_code
    }
    programmes = {p.pk: p for p in Programme.objects.order_by("name")}
    links = ProjectMunicipality.objects.filter(project__status__in=AWARDED)
    if programme is not None:
        links = links.filter(project__programme=programme)
    reached: dict[str, set[int]] = defaultdict(set)
    formers: dict[str, set[str]] = defaultdict(set)
    for code, programme_id, former_nl, former_fr in links.values_list(
        "municipality_id", "project__programme_id", "former__name_nl", "former__name_fr"
    ).distinct():
        if code not in places:
            continue
        reached[code].add(programme_id)
        if former_nl:
            formers[code].add(Municipality(name_nl=former_nl, name_fr=former_fr).name)
    for code, ids in reached.items():
        places[code].programmes = sorted((programmes[i] for i in ids), key=lambda p: p.name)
        places[code].former_names = sorted(formers.get(code, ()))
    return list(places.values())


def demo_notice(programme: Programme | None = None, province_code: str | None = None):
    """The notice for ``programmes/_demo.html`` when a project behind the map (with the
    same filters) is demo data, else None. One query."""
    links = ProjectMunicipality.objects.filter(project__status__in=AWARDED, project__is_demo=True)
    if programme is not None:
        links = links.filter(project__programme=programme)
    if province_code:
        links = links.filter(municipality__province_id=province_code)
    if not links.exists():
        return None
    return {
        "is_demo": True,
        "demo_note": _(
            "Some projects shown here are demo data: which municipalities they serve is "
            "partly invented for the demonstration."
        ),
    }


@dataclass
class Shape:
    place: Place
    kind: str  # "area", "circle", "square", "diamond", "dot"
    x: float = 0
    y: float = 0
    d: str = ""
    fill: str = ""


@dataclass
class MapDrawing:
    width: int
    height: int
    areas: bool
    outline: str
    shapes: list[Shape]
    levels: tuple
    attribution: str
    summary: str
    legend: list[dict] = field(default_factory=list)


def draw(places: list[Place], single: bool = False) -> MapDrawing:
    """The drawing for the template: areas when boundaries were imported, else points."""
    levels = SINGLE_LEVELS if single else LEVELS
    style = {item["level"]: item for item in levels}
    by_code = {p.code: p for p in places}
    boundaries = list(
        MunicipalityBoundary.objects.filter(municipality_id__in=by_code).values_list(
            "municipality_id", "svg_path", "frame_width", "frame_height"
        )
    )
    shapes = []
    if boundaries:
        width, height = boundaries[0][2], boundaries[0][3]
        for code, path, _w, _h in boundaries:
            place = by_code[code]
            level = min(place.level, 1) if single else place.level
            shapes.append(Shape(place, "area", d=path, fill=_fill(style[level])))
        outline, attribution = "", _("Boundaries: imported official file.")
    else:
        data = layout.shipped()
        width, height, outline = data["width"], data["height"], data["outline"]
        attribution = data["attribution"]
        for place in places:
            x, y = data["points"].get(place.code, (None, None))
            if x is None:
                continue
            level = min(place.level, 1) if single else place.level
            kind = ("dot", "circle", "square", "diamond")[level if not single else level * 2]
            shapes.append(
                Shape(place, kind, x=x, y=y, d=_marker(kind, x, y), fill=style[level]["fill"])
            )
        # Reached municipalities last, so that they are drawn on top.
        shapes.sort(key=lambda s: s.place.level)
    reached = sum(1 for p in places if p.programmes)
    summary = ngettext(
        "%(reached)s of %(total)s municipality reached by at least one programme.",
        "%(reached)s of %(total)s municipalities reached by at least one programme.",
        len(places),
    ) % {"reached": reached, "total": len(places)}
    counts = defaultdict(int)
    for place in places:
        counts[min(place.level, 1) if single else place.level] += 1
    kinds = ("dot", "square") if single else ("dot", "circle", "square", "diamond")
    legend = [
        {**item, "kind": kinds[i], "count": counts[item["level"]]} for i, item in enumerate(levels)
    ]
    return MapDrawing(
        legend=legend,
        width=width,
        height=height,
        areas=bool(boundaries),
        outline=outline,
        shapes=shapes,
        levels=levels,
        attribution=attribution,
        summary=summary,
    )


def _fill(item: dict) -> str:
    return f"url(#map-{item['pattern']}-{item['level']})" if item["pattern"] else item["fill"]


def _marker(kind: str, x: float, y: float) -> str:
    """Path data for the square and diamond markers (circles are drawn as circles)."""
    if kind == "square":
        return f"M{x - 4.5:.1f} {y - 4.5:.1f}h9v9h-9Z"
    if kind == "diamond":
        return f"M{x:.1f} {y - 6.5:.1f}l6.5 6.5l-6.5 6.5l-6.5 -6.5Z"
    return ""
