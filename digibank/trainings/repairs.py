"""The technical-skills track: repair work that trainees did on the digibank's devices.

The devices module logs each repair (``devices.RepairEntry``) with an optional
``trainee``. A repair training (``Course.technical_track``) shows that work on its course
and session pages and on the trainee's record, so both the skill learned and the devices
that came back into use are visible, and the figures count both.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone

from digibank.devices.models import RepairEntry


@dataclass
class RepairWork:
    entries: list  # the most recent entries, with device and trainee
    repairs: int
    devices: int
    trainees: int
    hours: float


def repair_work(
    *,
    digibank,
    people,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    limit: int = 20,
) -> RepairWork:
    """Repairs of this digibank's devices by ``people`` (a queryset or ids), in a period.

    Three queries whatever the number of trainees or repairs.
    """
    entries = RepairEntry.objects.filter(device__digibank=digibank, trainee__in=people)
    if since:
        entries = entries.filter(done_on__gte=since)
    if until:
        entries = entries.filter(done_on__lte=until)
    totals = entries.aggregate(
        repairs=Count("pk"),
        devices=Count("device", distinct=True),
        trainees=Count("trainee", distinct=True),
        minutes=Sum("minutes"),
    )
    recent = list(entries.select_related("device", "trainee").order_by("-done_on", "-pk")[:limit])
    return RepairWork(
        entries=recent,
        repairs=totals["repairs"],
        devices=totals["devices"],
        trainees=totals["trainees"],
        hours=round((totals["minutes"] or 0) / 60, 1),
    )


def for_session(session) -> RepairWork:
    """Work by the session's trainees (people with a seat) while the session ran."""
    from digibank.trainings.models import Registration

    trainees = Registration.objects.confirmed().filter(session=session).values("person")
    return repair_work(
        digibank=session.digibank,
        people=trainees,
        since=timezone.localdate(session.first_starts_at),
        until=timezone.localdate(session.last_ends_at),
    )


def for_course(course) -> RepairWork:
    """Work by everyone who had a seat in a session of the course, at any time."""
    from digibank.trainings.models import Registration

    trainees = Registration.objects.confirmed().filter(session__course=course).values("person")
    return repair_work(digibank=course.digibank, people=trainees, limit=10)


def for_person(person) -> RepairWork:
    return repair_work(digibank=person.digibank, people=[person.pk], limit=20)
