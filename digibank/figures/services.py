"""Anonymous reach figures for a digibank, a municipality or all digibanken.

Built only from ``ServiceActivity`` rows, so every module's work counts without a
second entry, and a person counts once.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from digibank.accounts import permissions
from digibank.digibanks.models import Digibank
from digibank.geo.models import Municipality
from digibank.people.models import ServiceActivity
from digibank.people.services import Reach, reach


def cached(parts: tuple, compute: Callable):
    """Anonymous figures are heavy to count and may be a few minutes old: keep them.

    Returns ``(computed_at, value)``; the page shows when the figures were counted.
    ``parts`` must name everything the figures depend on (scope, filters, period).
    """
    key = "figures:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = (timezone.now(), compute())
        cache.set(key, found, settings.FIGURES_CACHE_SECONDS)
    return found


def scope_key(user, action: str = "figures.view") -> str:
    scope = permissions.digibank_scope(user, action)
    return "all" if scope is permissions.ALL else ",".join(str(i) for i in sorted(scope))


def scoped_activities(*, user, digibank=None):
    """Activities the user may count: one digibank, or every digibank in their scope."""
    activities = ServiceActivity.objects.for_user(user, "figures.view")
    if digibank is not None:
        activities = activities.filter(digibank=digibank)
    return activities


def per_digibank(*, user, start=None, end=None) -> list[tuple[Digibank, int]]:
    """People reached per digibank in the user's scope (one query for all of them)."""
    activities = scoped_activities(user=user).between(start, end)
    counts = {
        row["digibank_id"]: row["n"]
        for row in activities.values("digibank_id").annotate(n=Count("person_id", distinct=True))
    }
    return [
        (d, counts.get(d.pk, 0))
        for d in Digibank.objects.for_user(user, "figures.view").order_by("name")
    ]


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    reach: Reach
    digibanks: list


def online_services(*, user, start=None, end=None):
    """Helpdesk questions per online service across the digibanken in the user's scope,
    for the organisations that run those services (anonymous counts)."""
    from digibank.helpdesk.figures import online_services as count

    digibanks = Digibank.objects.for_user(user, "figures.view")
    return count(digibanks=digibanks, start=start, end=end)


def municipality_reach(*, user, start=None, end=None) -> list[MunicipalityFigures]:
    """For a local-government officer: the people of their municipality reached by any
    digibank, anonymously."""
    start = start or timezone.localdate() - datetime.timedelta(days=365)
    result = []
    codes = permissions.officer_municipality_ids(user)
    for municipality in Municipality.objects.filter(code__in=codes).prefetch_related("digibanks"):
        activities = ServiceActivity.objects.filter(person__municipality=municipality)
        result.append(
            MunicipalityFigures(
                municipality=municipality,
                reach=reach(activities=activities, start=start, end=end),
                digibanks=list(municipality.digibanks.all()),
            )
        )
    return result
