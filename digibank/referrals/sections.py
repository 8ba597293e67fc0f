"""What referrals add to other pages: the person page and the partner's start page."""

from digibank.accounts import permissions


def person_referrals(request, person) -> dict:
    from digibank.referrals.models import Referral

    referrals = list(
        Referral.objects.for_user(request.user)
        .filter(person=person)
        .select_related("organisation")
        .order_by("-created_at", "-pk")[:20]
    )
    return {
        "referrals": referrals,
        "person_id": person.pk,
        "may_refer": not person.is_anonymised
        and permissions.can(request.user, "referral.manage", person.digibank_id),
    }


def partner_start(request) -> dict:
    from digibank.referrals.models import Referral

    digibank = getattr(request, "digibank", None)
    organisations = permissions.partner_organisation_ids(request.user, digibank)
    if digibank is None or not organisations:
        return {"open_referrals": [], "open_count": 0}
    referrals = (
        Referral.objects.visible_to(request.user)
        .filter(digibank=digibank, organisation_id__in=organisations)
        .open()
    )
    return {
        "open_referrals": list(referrals.order_by("created_at", "pk")[:10]),
        "open_count": referrals.count(),
    }
