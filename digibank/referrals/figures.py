"""Anonymous referral figures: how many referrals per partner and month, and how they ended.

Counts only, no names; groups of fewer than five show as "<5" (core/stats.py).
"""

import datetime
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth

from digibank.core.stats import suppress
from digibank.referrals.models import OPEN_STATUSES, Direction, Outcome, Referral, Status

COLUMNS = ("total", "open", "declined", *Outcome.values)


def _period(queryset, start: datetime.date | None, end: datetime.date | None):
    if start:
        queryset = queryset.filter(created_at__date__gte=start)
    if end:
        queryset = queryset.filter(created_at__date__lte=end)
    return queryset


def _add(counts: dict, status: str, outcome: str, n: int) -> None:
    counts["total"] += n
    if status in OPEN_STATUSES:
        counts["open"] += n
    elif status in (Status.DECLINED, Status.WITHDRAWN):
        counts["declined"] += n
    elif outcome:
        counts[outcome] += n


def by_partner(*, digibank, start=None, end=None) -> list[dict]:
    rows = (
        _period(Referral.objects.filter(digibank=digibank), start, end)
        .values("organisation__name", "direction", "status", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for row in rows:
        _add(
            table[(row["organisation__name"], row["direction"])],
            row["status"],
            row["outcome"],
            row["n"],
        )
    return [
        {
            "partner": partner,
            "direction": Direction(direction).label,
            "raw": counts,
            "cells": [suppress(counts[c]) for c in COLUMNS],
        }
        for (partner, direction), counts in sorted(table.items())
    ]


def by_month(*, digibank, start=None, end=None) -> list[dict]:
    rows = (
        _period(Referral.objects.filter(digibank=digibank), start, end)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "status", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for row in rows:
        month = row["month"]
        key = month.date() if isinstance(month, datetime.datetime) else month
        _add(table[key], row["status"], row["outcome"], row["n"])
    return [
        {"month": month, "cells": [suppress(counts[c]) for c in COLUMNS]}
        for month, counts in sorted(table.items(), reverse=True)
    ]
