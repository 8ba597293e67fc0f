"""What the helpdesk adds to the start page and to a person's page."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.accounts import permissions
from digibank.helpdesk.models import Booking, BookingStatus, Contact, Handover, QueueEntry, Slot

# The menu entry lives in core/navigation.py; these copies put its words in this app's
# catalogue, so the helpdesk brings its own translations (Django merges all catalogues).
MENU_WORDS = (_("Helpdesk"), _("Register a contact, today's queue and appointments."))


def start_summary(request) -> dict:
    """Today's queue per location, today's appointments and open handovers."""
    digibank = request.digibank
    if digibank is None or not permissions.can(request.user, "helpdesk.view", digibank):
        return {"shown": False}
    today = timezone.localdate()
    queue = (
        QueueEntry.objects.filter(digibank=digibank, day=today)
        .values("location__pk", "location__name")
        .annotate(
            waiting=Count("pk", filter=Q(status="waiting")),
            helping=Count("pk", filter=Q(status="helping")),
        )
        .order_by("location__name")
    )
    appointments = Slot.objects.filter(digibank=digibank, starts_at__date=today).aggregate(
        n=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED))
    )["n"]
    sensitive = permissions.can(request.user, "helpdesk.view_sensitive", digibank)
    return {
        "shown": True,
        "queue": list(queue),
        "appointments_today": appointments,
        "may_register": permissions.can(request.user, "helpdesk.register", digibank),
        "open_handovers": (
            Handover.objects.filter(digibank=digibank).open().count() if sensitive else None
        ),
    }


def person_contacts(request, person) -> dict:
    """The person's helpdesk contacts; notes only where the user may read them."""
    contacts = (
        Contact.objects.for_user(request.user)
        .filter(person=person)
        .with_visible_notes(request.user)
        .select_related("helped_by")
        .prefetch_related("topics")
        .order_by("-occurred_on", "-pk")[:10]
    )
    bookings = (
        Booking.objects.for_user(request.user)
        .filter(person=person)
        .select_related("slot__location")
        .order_by("-slot__starts_at")[:5]
    )
    no_shows = Booking.objects.filter(person=person, status=BookingStatus.NO_SHOW).count()
    return {
        "contacts": list(contacts),
        "bookings": list(bookings),
        "no_shows": no_shows,
        "may_register": permissions.can(request.user, "helpdesk.register", person.digibank_id)
        and not person.is_anonymised,
    }
