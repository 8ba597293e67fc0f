"""Device figures: collected, wiped, refurbished, lent, given, recycled; per period and
location; and the e-waste and CO2e avoided per device type (see ``impact``).

Counts come from ``DeviceEvent`` (one row per change of state, with the location of that
moment) and passed ``WipeRecord`` rows, in a fixed number of grouped queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth

from digibank.devices.impact import FACTORS
from digibank.devices.models import (
    LEFT_STOCK_STATES,
    Device,
    DeviceEvent,
    DeviceKind,
    DeviceState,
    WipeRecord,
    WipeResult,
)

S = DeviceState
MEASURES = ("collected", "wiped", "refurbished", "lent", "given", "recycled", "lost")


def _event_counts():
    return {
        "collected": Count("pk", filter=Q(to_state=S.RECEIVED)),
        "refurbished": Count("pk", filter=Q(to_state=S.READY)),
        "lent": Count("pk", filter=Q(to_state=S.ON_LOAN)),
        "given": Count("pk", filter=Q(to_state__in=[S.GIVEN_AWAY, S.SOLD])),
        "recycled": Count("pk", filter=Q(to_state__in=[S.RECYCLED, S.DESTROYED])),
        "lost": Count("pk", filter=Q(to_state=S.LOST)),
    }


def _between(qs, field, start, end):
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


@dataclass
class Row:
    label: str
    collected: int = 0
    wiped: int = 0
    refurbished: int = 0
    lent: int = 0
    given: int = 0
    recycled: int = 0
    lost: int = 0

    def values(self) -> list[int]:
        return [getattr(self, m) for m in MEASURES]


def flow(*, digibank, start=None, end=None, by: str = "location") -> tuple[list[Row], Row]:
    """Counts per location (``by="location"``) or per month (``by="month"``), and a total."""
    events = _between(DeviceEvent.objects.filter(digibank=digibank), "occurred_on", start, end)
    wipes = _between(
        WipeRecord.objects.filter(device__digibank=digibank, result=WipeResult.PASSED),
        "wiped_on",
        start,
        end,
    )
    rows: dict = {}
    if by == "month":
        grouped = events.values(key=TruncMonth("occurred_on"))
        wiped = wipes.values(key=TruncMonth("wiped_on"))
    else:
        grouped = events.values(key=F("location__name"))
        # Where the device was wiped; wipes recorded before that was kept: where it is now.
        wiped = wipes.values(key=Coalesce("location__name", "device__location__name"))
    for item in grouped.annotate(**_event_counts()).order_by("key"):
        row = rows.setdefault(item["key"], Row(_label(item["key"])))
        for measure in MEASURES:
            if measure in item:
                setattr(row, measure, getattr(row, measure) + item[measure])
    for item in wiped.annotate(n=Count("pk")).order_by("key"):
        row = rows.setdefault(item["key"], Row(_label(item["key"])))
        row.wiped += item["n"]
    ordered = [rows[k] for k in sorted(rows, key=lambda k: (k is None, k or ""))]
    total = Row("")
    for row in ordered:
        for measure in MEASURES:
            setattr(total, measure, getattr(total, measure) + getattr(row, measure))
    return ordered, total


def _label(key) -> str:
    if key is None:
        return ""
    if isinstance(key, datetime.datetime | datetime.date):
        return key.strftime("%Y-%m")
    return str(key)


@dataclass
class ImpactRow:
    kind: str
    label: str
    devices: int
    kg: Decimal | None
    co2e: Decimal | None
    factor: object


def impact(*, digibank, start=None, end=None) -> tuple[list[ImpactRow], Decimal, Decimal]:
    """Devices that went to a person for the first time in the period, per type, and what
    their reuse avoided. A device counts once, however often it is lent."""
    first = (
        DeviceEvent.objects.filter(device=OuterRef("pk"), to_state__in=LEFT_STOCK_STATES)
        .order_by("occurred_on", "pk")
        .values("occurred_on")[:1]
    )
    first_out = Device.objects.filter(digibank=digibank).annotate(first_out=Subquery(first))
    first_out = _between(first_out.filter(first_out__isnull=False), "first_out", start, end)
    counts = dict(first_out.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    rows = []
    total_kg = Decimal(0)
    total_co2e = Decimal(0)
    for kind in DeviceKind:
        factor = FACTORS[kind]
        n = counts.get(kind.value, 0)
        kg = factor.kg * n if factor.kg is not None else None
        co2e = factor.co2e * n if factor.co2e is not None else None
        total_kg += kg or 0
        total_co2e += co2e or 0
        rows.append(ImpactRow(kind.value, str(kind.label), n, kg, co2e, factor))
    return rows, total_kg, total_co2e
