"""The trainings section on a person's page: their registrations, newest first."""

from django.db.models import Count, Q

from digibank.accounts import permissions
from digibank.trainings import repairs
from digibank.trainings.models import AttendanceStatus, Registration

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
