"""Trainings' part of the right of access and of erasure."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.people import gdpr


def export(person) -> list[dict]:
    from digibank.trainings.models import Registration

    registrations = (
        Registration.objects.filter(person=person)
        .select_related("session__course", "session__location")
        .prefetch_related("attendances__meeting", "notifications")
        .order_by("registered_at", "pk")
    )
    return [
        {
            "course": r.session.course.title,
            "session": r.session.reference,
            "location": r.session.location.name,
            "starts_at": r.session.first_starts_at.isoformat(),
            "status": r.status,
            "registered_at": r.registered_at.isoformat(),
            "channel": r.channel,
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "cancelled_by": r.cancelled_by or None,
            "attendance": [
                {"meeting": a.meeting.starts_at.isoformat(), "status": a.status}
                for a in r.attendances.all()
            ],
            "messages": [
                {"kind": n.kind, "channel": n.channel, "created_at": n.created_at.isoformat()}
                for n in r.notifications.all()
            ],
        }
        for r in registrations
    ]


def erase(person) -> None:
    """An erased person cannot come any more: their future seats and places on a waiting
    list are cancelled (which gives the seat to the next person). Past registrations and
    attendance stay without a name, for the figures; messages are removed."""
    from digibank.trainings import services
    from digibank.trainings.models import CancelledBy, Notification, Registration

    upcoming = Registration.objects.active().filter(session__last_ends_at__gt=timezone.now())
    for registration in upcoming.filter(person=person):
        services.cancel_registration(registration, by=None, side=CancelledBy.PERSON)
    Notification.objects.filter(registration__person=person).delete()


def ongoing():
    from digibank.trainings.models import Registration

    upcoming = Registration.objects.active().filter(session__last_ends_at__gt=timezone.now())
    return [(_("a training still to come, or a place on its waiting list"), upcoming)]


def register_provider() -> None:
    gdpr.register(
        gdpr.PersonalDataProvider(
            key="trainings", label=_("Trainings"), export=export, erase=erase, ongoing=ongoing
        )
    )
