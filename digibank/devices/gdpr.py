"""Personal data in the devices module, for the right of access and erasure.

Two kinds: a person registered as a trainee on repair work (the work stays, it is not
identifying once the person is anonymised), and a private donor who is also a registered
person, matched on e-mail address or phone number (donors are not required to be
registered people; a donor who is not can be erased from the donation page).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.people.gdpr import PersonalDataProvider
from digibank.people.gdpr import register as register_provider


def _donations(person):
    from digibank.devices.models import Donation, DonorKind

    query = Q(pk__in=[])
    if person.email:
        query |= Q(contact_email__iexact=person.email)
    if person.phone:
        query |= Q(contact_phone=person.phone)
    return Donation.objects.filter(
        query, digibank_id=person.digibank_id, donor_kind=DonorKind.PERSON
    )


def export(person) -> dict:
    from digibank.devices.models import RepairEntry

    repairs = RepairEntry.objects.filter(trainee=person).select_related("device")
    return {
        "repairs_as_trainee": [
            {
                "date": r.done_on.isoformat(),
                "device": r.device.tag,
                "work": r.work,
                "minutes": r.minutes,
            }
            for r in repairs
        ],
        "donations": [
            {
                "reference": d.reference,
                "received_on": d.received_on.isoformat(),
                "donor_name": d.donor_name,
                "contact_email": d.contact_email,
                "contact_phone": d.contact_phone,
                "devices": d.devices.count(),
            }
            for d in _donations(person)
        ],
    }


def erase(person) -> None:
    from digibank.devices import services

    for donation in _donations(person):
        services.erase_donor(donation=donation, by=None)


def register() -> None:
    register_provider(
        PersonalDataProvider(
            key="devices",
            label=_("Devices: donations and repair work"),
            export=export,
            erase=erase,
        )
    )
