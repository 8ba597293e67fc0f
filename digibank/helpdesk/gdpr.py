"""The helpdesk's personal data for the right of access and erasure."""

from django.utils.translation import gettext_lazy as _

from digibank.people import gdpr


def ongoing():
    from django.utils import timezone

    from digibank.helpdesk.models import Booking

    coming = Booking.objects.holding_a_place().filter(slot__starts_at__gte=timezone.now())
    return [(_("a helpdesk appointment still to come"), coming)]


def register() -> None:
    from digibank.helpdesk import services

    gdpr.register(
        gdpr.PersonalDataProvider(
            key="helpdesk",
            label=_("Helpdesk contacts and appointments"),
            export=services.export_person,
            erase=services.erase_person,
            ongoing=ongoing,
        )
    )
