"""Anonymous reach figures for a digibank, a municipality or all digibanken.

Built only from ``ServiceActivity`` rows, so every module's work counts without a
second entry, and a person counts once.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from digibank.accounts import permissions
from digibank.digibanks.models import Digibank
from digibank.geo.models import Municipality
from digibank.people.models import ServiceActivity
from digibank.people.services import Reach, reach


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
