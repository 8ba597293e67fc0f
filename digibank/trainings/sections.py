"""The trainings section on a person's page: their registrations, newest first."""

from django.db.models import Count, Q

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
    return {"registrations": rows[:LIMIT], "more": len(rows) > LIMIT}
