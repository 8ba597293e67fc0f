"""Demo referrals between Digibank Brugge Noord and OCMW Knokke-Heist, both ways, in every
state. Fictitious people; idempotent (found again by their reason)."""

import datetime

from django.db import transaction
from django.utils import timezone

from digibank.accounts.models import Membership
from digibank.accounts.roles import Role
from digibank.digibanks.models import Organisation, Partnership
from digibank.people.models import Person
from digibank.referrals.models import Referral

TO_PARTNER = [
    # (reason, shared, status, outcome, days ago)
    ("Brief van de deurwaarder; wil hulp bij schuldbemiddeling.", ["name", "phone"],
     "new", "", 3),
    ("Vraagt naar het sociaal tarief voor internet.", ["name", "phone", "municipality"],
     "accepted", "", 20),
    ("Heeft hulp nodig bij een aanvraag voor een leefloon.", ["name", "email"],
     "closed", "helped", 45),
    ("Wil een budgetbegeleiding bespreken.", ["name", "phone"], "declined", "", 60),
]  # fmt: skip
FROM_PARTNER = [
    # (need, person name, phone, reason)
    ("device", "Yusuf (demo)", "0470 00 11 22", "Zoekt een laptop om te solliciteren."),
    ("training", "Greta (demo)", "0470 00 33 44", "Wil leren e-mailen met haar kleinkinderen."),
    ("help", "Ali (demo)", "0470 00 55 66", "Krijgt itsme niet geactiveerd."),
]


@transaction.atomic
def load(out, context: dict) -> dict:
    digibank = context["digibanks"].get("brugge-noord")
    organisation = Organisation.objects.filter(name="OCMW Knokke-Heist").first()
    if digibank is None or organisation is None:
        return {}
    partnership = Partnership.objects.filter(digibank=digibank, organisation=organisation).first()
    staff = Membership.objects.filter(digibank=digibank, role=Role.STAFF).first()
    partner = Membership.objects.filter(
        digibank=digibank, role=Role.PARTNER, organisation=organisation
    ).first()
    people = list(Person.objects.filter(digibank=digibank).active().order_by("pk")[:10])
    if not (staff and partner and people):
        return {}
    now = timezone.now()
    for (reason, shared, status, outcome, days), person in zip(TO_PARTNER, people, strict=False):
        referral, created = Referral.objects.get_or_create(
            digibank=digibank,
            organisation=organisation,
            direction="to_partner",
            reason=reason,
            defaults={
                "person": person,
                "shared_fields": shared,
                "consent_on": (now - datetime.timedelta(days=days)).date(),
                "consent_recorded_by": staff.user,
                "contact_name": getattr(partnership, "contact_name", ""),
                "contact_email": getattr(partnership, "contact_email", ""),
                "status": status,
                "outcome": outcome,
                "answered_by": partner.user if status != "new" else None,
                "answered_at": now - datetime.timedelta(days=days - 1) if status != "new" else None,
                "closed_at": now if status in ("closed", "declined") else None,
                "created_by": staff.user,
            },
        )
        if created:
            Referral.objects.filter(pk=referral.pk).update(
                created_at=now - datetime.timedelta(days=days)
            )
    for need, name, phone, reason in FROM_PARTNER:
        Referral.objects.get_or_create(
            digibank=digibank,
            organisation=organisation,
            direction="from_partner",
            person_name=name,
            defaults={
                "need": need,
                "person_phone": phone,
                "reason": reason,
                "consent_on": now.date(),
                "consent_recorded_by": partner.user,
                "contact_name": partner.user.display_name,
                "contact_email": partner.user.email,
                "created_by": partner.user,
            },
        )
    out.write(f"Referrals: {Referral.objects.filter(digibank=digibank).count()}")
    return {}
