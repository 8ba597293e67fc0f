"""Anonymous training figures: people trained, sessions, hours, attendance rate and the
waiting list, for a period and per target group; for the technical-skills track also the
repair work trainees did on the digibank's devices (the devices module's repair log).

A period holds the meetings that started in it. Counts are of distinct people; every
group of fewer than five people is suppressed (``core/stats.py``), and so is any rate
computed from such a group, because a rate over three people tells about those three.
A fixed number of queries whatever the number of sessions or people.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from digibank.core import stats
from digibank.devices.models import RepairEntry
from digibank.people.models import Person, TargetGroupCode
from digibank.trainings.models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    Registration,
    RegistrationStatus,
)

DURATION = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
MEETING_DURATION = ExpressionWrapper(
    F("meeting__ends_at") - F("meeting__starts_at"), output_field=DurationField()
)


@dataclass
class GroupFigures:
    code: str
    label: str
    people: int
    present: int
    marked: int
    waiting: int

    @property
    def suppressed(self) -> bool:
        return stats.is_suppressed(self.people)

    @property
    def attendance_rate(self) -> float | None:
        if self.suppressed or not self.marked:
            return None
        return self.present / self.marked


@dataclass
class TrainingFigures:
    start: datetime.date | None
    end: datetime.date | None
    people_trained: int
    sessions: int
    meetings: int
    training_hours: float
    participant_hours: float
    present: int
    marked: int
    waiting: int
    technical_people: int = 0  # people present in a technical-skills training
    repairs: int = 0  # repair entries by trainees (devices module)
    repaired_devices: int = 0
    repair_hours: float = 0.0
    by_group: list[GroupFigures] = field(default_factory=list)

    @property
    def attendance_rate(self) -> float | None:
        if stats.is_suppressed(self.people_trained) or not self.marked:
            return None
        return self.present / self.marked

    @property
    def no_shows(self) -> int:
        return self.marked - self.present


def _hours(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, datetime.timedelta):
        return round(value.total_seconds() / 3600, 1)
    return round(value / 3_600_000_000, 1)  # microseconds on some backends


def _bounds(start, end):
    lower = (
        timezone.make_aware(datetime.datetime.combine(start, datetime.time.min)) if start else None
    )
    upper = (
        timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
        )
        if end
        else None
    )
    return lower, upper


def compute(*, digibank, start=None, end=None, now=None) -> TrainingFigures:
    """The figures of one digibank's trainings for meetings that started in the period."""
    now = now or timezone.now()
    lower, upper = _bounds(start, end)
    in_period = Q(session__digibank=digibank, session__cancelled_at__isnull=True)
    if lower:
        in_period &= Q(starts_at__gte=lower)
    if upper:
        in_period &= Q(starts_at__lt=upper)
    planned = Meeting.objects.planned().filter(in_period)
    held = planned.filter(starts_at__lte=now)

    meeting_totals = held.aggregate(
        meetings=Count("pk"),
        sessions=Count("session", distinct=True),
        hours=Sum(DURATION),
    )
    present = Q(status=AttendanceStatus.PRESENT)
    marks = Attendance.objects.filter(meeting__in=held)
    attendance_totals = marks.aggregate(
        marked=Count("pk"),
        present=Count("pk", filter=present),
        people=Count("registration__person", distinct=True, filter=present),
        hours=Sum(MEETING_DURATION, filter=present),
        technical=Count(
            "registration__person",
            distinct=True,
            filter=present & Q(meeting__session__course__technical_track=True),
        ),
    )
    waiting = Registration.objects.filter(
        status=RegistrationStatus.WAITING,
        session__in=planned.values("session"),
    )
    waiting_people = waiting.aggregate(n=Count("person", distinct=True))["n"]

    trained = Person.objects.filter(pk__in=marks.filter(present).values("registration__person"))
    people_per_group = {
        row["targetgroup_id"]: row["n"]
        for row in Person.target_groups.through.objects.filter(person__in=trained)
        .values("targetgroup_id")
        .annotate(n=Count("person_id"))
    }
    marks_per_group = {
        row["registration__person__target_groups"]: row
        for row in marks.filter(registration__person__target_groups__isnull=False)
        .values("registration__person__target_groups")
        .annotate(marked=Count("pk"), present=Count("pk", filter=present))
    }
    waiting_per_group = {
        row["person__target_groups"]: row["n"]
        for row in waiting.filter(person__target_groups__isnull=False)
        .values("person__target_groups")
        .annotate(n=Count("person", distinct=True))
    }
    groups = [
        GroupFigures(
            code=code,
            label=str(label),
            people=people_per_group.get(code, 0),
            present=marks_per_group.get(code, {}).get("present", 0),
            marked=marks_per_group.get(code, {}).get("marked", 0),
            waiting=waiting_per_group.get(code, 0),
        )
        for code, label in TargetGroupCode.choices
    ]
    repairs = RepairEntry.objects.filter(device__digibank=digibank, trainee__isnull=False)
    if start:
        repairs = repairs.filter(done_on__gte=start)
    if end:
        repairs = repairs.filter(done_on__lte=end)
    repair_totals = repairs.aggregate(
        repairs=Count("pk"), devices=Count("device", distinct=True), minutes=Sum("minutes")
    )
    return TrainingFigures(
        start=start,
        end=end,
        people_trained=attendance_totals["people"] or 0,
        sessions=meeting_totals["sessions"] or 0,
        meetings=meeting_totals["meetings"] or 0,
        training_hours=_hours(meeting_totals["hours"]),
        participant_hours=_hours(attendance_totals["hours"]),
        present=attendance_totals["present"] or 0,
        marked=attendance_totals["marked"] or 0,
        waiting=waiting_people or 0,
        technical_people=attendance_totals["technical"] or 0,
        repairs=repair_totals["repairs"],
        repaired_devices=repair_totals["devices"],
        repair_hours=round((repair_totals["minutes"] or 0) / 60, 1),
        by_group=groups,
    )
