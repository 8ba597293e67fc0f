"""Writes for the digibank's partnership and locations."""

from django.db import transaction
from django.utils.translation import gettext as _

from digibank.digibanks.models import Organisation, Partnership


class PartnershipError(Exception):
    pass


@transaction.atomic
def add_partner(*, digibank, by, data: dict) -> Partnership:
    """Add an organisation to the partnership; reuse it if its enterprise number is known."""
    organisation = None
    if data.get("enterprise_number"):
        organisation = Organisation.objects.filter(
            enterprise_number=data["enterprise_number"]
        ).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=data["name"],
            kind=data["kind"],
            enterprise_number=data.get("enterprise_number", ""),
            municipality=data.get("municipality"),
        )
    if Partnership.objects.filter(digibank=digibank, organisation=organisation).exists():
        raise PartnershipError(_("This organisation is already a partner of this digibank."))
    return Partnership.objects.create(
        digibank=digibank,
        organisation=organisation,
        role=data["role"],
        contact_name=data.get("contact_name", ""),
        contact_email=data.get("contact_email", ""),
        contact_phone=data.get("contact_phone", ""),
        since=data.get("since"),
    )


@transaction.atomic
def remove_partner(*, partnership: Partnership) -> int:
    """End a partnership. Its workers lose their access to this digibank at once: a
    former partner must not keep reading referrals. Returns how many accounts lost it."""
    from digibank.accounts.models import Membership

    ended = Membership.objects.filter(
        digibank=partnership.digibank, organisation=partnership.organisation, is_active=True
    ).update(is_active=False)
    partnership.delete()
    return ended
