"""The calls tracker: open and upcoming call rounds, and who in a region applied.

A round is open from ``opens_on`` to ``closes_on`` (both inclusive), upcoming before it
opens, and recently closed for ``RECENT_DAYS`` after its deadline, when a coordinator
still wants to see who applied. Applications are read through ``Project.for_user``, so
a coordinator of one digibank only sees its own files, a funder all of them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from digibank.programmes.models import Project, ProjectMunicipality, ProjectPartner, Round

RECENT_DAYS = 90


@dataclass
class TrackedRound:
    round: Round
    state: str  # "open", "upcoming", "closed"
    days_left: int | None
    applications: list = field(default_factory=list)  # (project, [municipality names])


def rounds(today: datetime.date):
    """Rounds that are open, upcoming or recently closed, soonest deadline first."""
    recent = today - datetime.timedelta(days=RECENT_DAYS)
    return (
        Round.objects.filter(
            Q(closes_on__gte=recent) | Q(closes_on__isnull=True, opens_on__gte=recent)
        )
        .select_related("call__programme__funder", "call__track")
        .order_by("closes_on", "opens_on", "pk")
    )


def state_of(item: Round, today: datetime.date) -> str:
    if item.opens_on and item.opens_on > today:
        return "upcoming"
    if item.closes_on and item.closes_on < today:
        return "closed"
    return "open"


def track(*, user, today: datetime.date, region=None, programme=None) -> list[TrackedRound]:
    """The rounds, each with the applications serving the region's municipalities."""
    items = rounds(today)
    if programme is not None:
        items = items.filter(call__programme=programme)
    tracked = []
    for item in items:
        days = (item.closes_on - today).days if item.closes_on else None
        tracked.append(TrackedRound(item, state_of(item, today), days))
    if region is None or not tracked:
        return tracked
    members = set(region.municipalities.values_list("code", flat=True))
    projects = (
        Project.objects.for_user(user)
        .filter(round__in=[t.round for t in tracked], places__municipality_id__in=members)
        .distinct()
        .select_related("applicant")
        .prefetch_related(
            Prefetch(
                "places",
                queryset=ProjectMunicipality.objects.select_related("municipality", "former"),
            ),
            Prefetch(
                "partner_links", queryset=ProjectPartner.objects.select_related("organisation")
            ),
        )
        .order_by("reference")
    )
    by_round = defaultdict(list)
    for project in projects:
        names = sorted(
            {p.municipality.name for p in project.places.all() if p.municipality_id in members}
        )
        by_round[project.round_id].append((project, names))
    for t in tracked:
        t.applications = by_round.get(t.round.pk, [])
    return tracked


def not_applied(region, tracked: list[TrackedRound]) -> list:
    """Member municipalities without an application in any open or upcoming round."""
    applied = {
        p.municipality_id
        for t in tracked
        if t.state != "closed"
        for project, _names in t.applications
        for p in project.places.all()
    }
    return [m for m in region.municipalities.order_by("name_nl") if m.code not in applied]


def calendar(*, base_url: str, programme=None) -> bytes:
    """An RFC 5545 calendar with each round's opening and deadline as all-day events."""
    cal = Calendar()
    cal.add("prodid", "-//Digibank//Calls and deadlines//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Digibank: calls and deadlines"))
    stamp = datetime.datetime.now(tz=datetime.UTC)
    # Every round, past ones too: a calendar keeps its history, and the feed stays small.
    items = Round.objects.select_related("call__programme").order_by("pk")
    if programme is not None:
        items = items.filter(call__programme=programme)
    for item in items:
        call = item.call
        title = _("%(programme)s: %(call)s, round %(number)s") % {
            "programme": call.programme.name,
            "call": call.name,
            "number": item.number,
        }
        description = "\n\n".join(
            part for part in (call.eligibility, call.description, call.website) if part
        )
        for kind, day, label in (
            ("opens", item.opens_on, _("Opens")),
            ("closes", item.closes_on, _("Deadline")),
        ):
            if day is None:
                continue
            event = Event()
            event.add("uid", f"round-{item.pk}-{kind}@{base_url.split('//')[-1]}")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            event.add("summary", f"{label}: {title}")
            event.add("transp", "TRANSPARENT")
            if description:
                event.add("description", description)
            if call.website:
                event.add("url", call.website)
            cal.add_component(event)
    return cal.to_ical()
