"""The trainings parts of other pages: a person's registrations (person page), and
today's meetings and the calls to make (start page of staff and volunteers)."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from digibank.accounts import permissions
from digibank.trainings import repairs, services
from digibank.trainings.models import (
    AttendanceStatus,
    Meeting,
    Registration,
    RegistrationStatus,
    Session,
)

LIMIT = 20


def registrations(request, person) -> dict:
    rows = list(
        Registration.objects.filter(person=person)
        .select_related("session__course")
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT))
        )
        .order_by("-session__first_starts_at", "-pk")[: LIMIT + 1]
    )
    context = {"registrations": rows[:LIMIT], "more": len(rows) > LIMIT}
    # The technical-skills track: repair work this person did as a trainee.
    if permissions.can(request.user, "device.view", person.digibank_id):
        work = repairs.for_person(person)
        if work.repairs:
            context["repairs"] = work
    return context


def start_summary(request) -> dict:
    """Today's meetings in the active digibank, with a way into attendance taking, and
    how many training messages still wait on the call list."""
    digibank = request.digibank
    if digibank is None or not permissions.can(request.user, "training.view", digibank):
        return {"meetings": [], "may_view": False}
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    sessions = Session.objects.for_user(request.user).filter(digibank=digibank).planned()
    meetings = (
        Meeting.objects.planned()
        .filter(
            session__in=sessions,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        .select_related("session__course", "session__location")
        .annotate(
            taken=Count(
                "session__registrations",
                filter=Q(session__registrations__status=RegistrationStatus.CONFIRMED),
            )
        )
        .order_by("starts_at")[:10]
    )
    may_register = permissions.can(request.user, "training.register", digibank)
    return {
        "meetings": list(meetings),
        "may_view": True,
        "may_attend": permissions.can(request.user, "attendance.take", digibank),
        "calls": services.calls_to_make(digibank=digibank).count() if may_register else 0,
    }
