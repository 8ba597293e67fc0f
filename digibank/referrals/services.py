"""Every change to a referral, and the rules: consent first, share only what is ticked,
a partner answers only its own referrals, a reminder goes out once.

API for other modules: ``refer_to_partner(...)`` accepts a ``helpdesk_contact``; the
contact is then marked "referred" through ``helpdesk.services.mark_referred``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.accounts import permissions
from digibank.accounts.roles import Role
from digibank.audit import services as audit
from digibank.referrals.models import (
    OPEN_STATUSES,
    Direction,
    Need,
    Outcome,
    Referral,
    SharedField,
    Status,
)

DEFAULT_REMINDER_DAYS = 14


class ReferralError(Exception):
    """A rule of referrals said no; the message is for the user."""


def reminder_days() -> int:
    return int(getattr(settings, "REFERRAL_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def _check_consent(consent_given: bool, consent_on: datetime.date | None) -> None:
    if not consent_given or consent_on is None:
        raise ReferralError(
            _("Without the person's consent we cannot refer. Ask first, then tick the box.")
        )
    if consent_on > timezone.localdate():
        raise ReferralError(_("The date of consent cannot be in the future."))


def _partnership(digibank, organisation):
    from digibank.digibanks.models import Partnership

    partnership = Partnership.objects.filter(digibank=digibank, organisation=organisation).first()
    if partnership is None:
        raise ReferralError(_("This organisation is not a partner of the digibank."))
    return partnership


@transaction.atomic
def refer_to_partner(
    *,
    digibank,
    by,
    person,
    organisation,
    reason: str,
    shared_fields: Iterable[str],
    consent_given: bool,
    consent_on: datetime.date | None,
    topic=None,
    helpdesk_contact=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Referral:
    """A warm referral of a registered person to a partner organisation."""
    _check_consent(consent_given, consent_on)
    if person.digibank_id != digibank.pk or person.is_anonymised:
        raise ReferralError(_("This person cannot be referred."))
    shared = [f for f in SharedField.values if f in set(shared_fields)]
    if not shared:
        raise ReferralError(_("Tick at least one detail, so the partner can reach the person."))
    partnership = _partnership(digibank, organisation)
    if helpdesk_contact is not None and (
        helpdesk_contact.digibank_id != digibank.pk or helpdesk_contact.person_id != person.pk
    ):
        raise ReferralError(_("This helpdesk contact is about someone else."))
    referral = Referral.objects.create(
        digibank=digibank,
        direction=Direction.TO_PARTNER,
        organisation=organisation,
        person=person,
        topic=topic,
        helpdesk_contact=helpdesk_contact,
        reason=reason.strip(),
        shared_fields=shared,
        consent_on=consent_on,
        consent_recorded_by=by,
        contact_name=contact_name or partnership.contact_name,
        contact_email=contact_email or partnership.contact_email,
        contact_phone=contact_phone or partnership.contact_phone,
        created_by=by,
    )
    if helpdesk_contact is not None:
        from digibank.helpdesk.services import mark_referred

        mark_referred(contact=helpdesk_contact, by=by)
    audit.record(actor=by, action="create", target=referral, fields=shared)
    transaction.on_commit(lambda: notify_new(referral, by=by))
    return referral


@transaction.atomic
def refer_to_digibank(
    *,
    digibank,
    by,
    organisation,
    need: str,
    reason: str,
    person_name: str,
    consent_given: bool,
    consent_on: datetime.date | None,
    person_phone: str = "",
    person_email: str = "",
    person_municipality=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Referral:
    """A partner's worker refers someone to the digibank; it lands in the inbox for ``need``."""
    _check_consent(consent_given, consent_on)
    if need not in Need.values:
        raise ReferralError(_("Choose what the person needs."))
    if organisation.pk not in permissions.partner_organisation_ids(by, digibank):
        raise ReferralError(_("You can only refer on behalf of your own organisation."))
    if not (person_phone or person_email):
        raise ReferralError(
            _("Give a phone number or an e-mail address, so we can reach the person.")
        )
    referral = Referral.objects.create(
        digibank=digibank,
        direction=Direction.FROM_PARTNER,
        organisation=organisation,
        need=need,
        reason=reason.strip(),
        person_name=person_name.strip(),
        person_phone=person_phone.strip(),
        person_email=person_email.strip(),
        person_municipality=person_municipality,
        consent_on=consent_on,
        consent_recorded_by=by,
        contact_name=contact_name or by.display_name,
        contact_email=contact_email or by.email,
        contact_phone=contact_phone,
        created_by=by,
    )
    audit.record(actor=by, action="create", target=referral)
    transaction.on_commit(lambda: notify_new(referral, by=by))
    return referral


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _is_receiver(user, referral: Referral) -> bool:
    """Who answers a referral: the partner for one sent to it, the staff for one received."""
    if referral.direction == Direction.TO_PARTNER:
        return referral.organisation_id in permissions.partner_organisation_ids(
            user, referral.digibank_id
        )
    return permissions.can(user, "referral.manage", referral.digibank_id)


@transaction.atomic
def answer(*, referral: Referral, by, accept: bool, note: str = "") -> Referral:
    """The receiver accepts (or declines) the referral. Picking up an inbox item is accepting."""
    referral = _locked(referral)
    if not _is_receiver(by, referral):
        raise ReferralError(_("Only the receiver of this referral can answer it."))
    if referral.status != Status.NEW:
        raise ReferralError(_("This referral has already been answered."))
    referral.status = Status.ACCEPTED if accept else Status.DECLINED
    referral.answer_note = note.strip()[:500]
    referral.answered_at = timezone.now()
    referral.answered_by = by
    if not accept:
        referral.closed_at = referral.answered_at
    referral.save()
    audit.record(actor=by, action="change", target=referral, fields=["status"])
    return referral


@transaction.atomic
def record_outcome(*, referral: Referral, by, outcome: str, note: str = "") -> Referral:
    referral = _locked(referral)
    if not _is_receiver(by, referral):
        raise ReferralError(_("Only the receiver of this referral can record the outcome."))
    if outcome not in Outcome.values:
        raise ReferralError(_("Choose an outcome."))
    if referral.status not in OPEN_STATUSES:
        raise ReferralError(_("This referral is already closed."))
    if referral.status == Status.NEW:  # an outcome implies the referral was taken on
        referral.answered_at = timezone.now()
        referral.answered_by = by
    referral.status = Status.CLOSED
    referral.outcome = outcome
    referral.outcome_note = note.strip()[:500]
    referral.closed_at = timezone.now()
    referral.save()
    audit.record(actor=by, action="change", target=referral, fields=["status", "outcome"])
    return referral


@transaction.atomic
def withdraw(*, referral: Referral, by) -> Referral:
    """The sender takes an open referral back (the person changed their mind)."""
    referral = _locked(referral)
    sender_ok = (
        permissions.can(by, "referral.manage", referral.digibank_id)
        if referral.direction == Direction.TO_PARTNER
        else referral.organisation_id
        in permissions.partner_organisation_ids(by, referral.digibank_id)
    )
    if not sender_ok:
        raise ReferralError(_("Only the sender can withdraw a referral."))
    if referral.status not in OPEN_STATUSES:
        raise ReferralError(_("This referral is already closed."))
    referral.status = Status.WITHDRAWN
    referral.closed_at = timezone.now()
    referral.save(update_fields=["status", "closed_at"])
    audit.record(actor=by, action="change", target=referral, fields=["status"])
    return referral


@transaction.atomic
def link_person(*, referral: Referral, by, person) -> Referral:
    """Staff link a referral from a partner to the registered person it is about, so that
    the person's export and erasure reach it too."""
    referral = _locked(referral)
    if not permissions.can(by, "referral.manage", referral.digibank_id):
        raise ReferralError(_("You may not change this referral."))
    if referral.direction != Direction.FROM_PARTNER:
        raise ReferralError(_("Only a referral from a partner can be linked to a person."))
    if person.digibank_id != referral.digibank_id or person.is_anonymised:
        raise ReferralError(_("This person cannot be referred."))
    referral.person = person
    referral.save(update_fields=["person"])
    audit.record(actor=by, action="change", target=referral, fields=["person"])
    return referral


# --- Where a referral from a partner lands ----------------------------------------------


@dataclass(frozen=True)
class Landing:
    label: str
    url: str
    help: str = ""


def landings(referral: Referral, user) -> list[Landing]:
    """The next step for a referral from a partner, in the module that gives what the
    partner asked for: the waiting list for a device, a training, the helpdesk. Only
    once the referral is picked up and linked to a registered person."""
    if (
        referral.direction != Direction.FROM_PARTNER
        or referral.status != Status.ACCEPTED
        or referral.person_id is None
    ):
        return []
    person, digibank_id = referral.person, referral.digibank_id
    steps = []
    if referral.need == Need.DEVICE and permissions.can(user, "loan.manage", digibank_id):
        url = reverse("loans:request_create", args=[person.pk])
        steps.append(
            Landing(
                _("Put on the waiting list for a device"),
                f"{url}?referrer={referral.organisation_id}",
                _("The partner is filled in as the one who referred."),
            )
        )
    if referral.need == Need.TRAINING and permissions.can(user, "training.register", digibank_id):
        steps.append(
            Landing(
                _("Register for a training"),
                reverse("trainings:sessions"),
                _("Choose a session, then register %(ref)s.") % {"ref": person.reference},
            )
        )
    if referral.need == Need.HELP and permissions.can(user, "helpdesk.register", digibank_id):
        steps.append(
            Landing(
                _("Register the help given"),
                f"{reverse('helpdesk:contact_create')}?person={person.pk}",
            )
        )
        steps.append(
            Landing(
                _("Book an appointment at the helpdesk"),
                reverse("helpdesk:slots"),
                _("Choose a free time, then book it for %(ref)s.") % {"ref": person.reference},
            )
        )
    return steps


# --- Reminders --------------------------------------------------------------------------


def due_for_reminder(now: datetime.datetime | None = None, days: int | None = None):
    """Open referrals nobody acted on for ``days``: never reminded yet, or reminded at
    least ``days`` ago (the reminder comes back until somebody answers)."""
    now = now or timezone.now()
    days = reminder_days() if days is None else days
    before = now - datetime.timedelta(days=days)
    return (
        Referral.objects.filter(status__in=OPEN_STATUSES, created_at__lte=before)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=before))
        .select_related("digibank", "organisation", "created_by")
        .order_by("pk")
    )


def notify_new(referral: Referral, *, by) -> int:
    """Tell whoever receives a new referral that it is there: a reference and a link,
    never the person's details (those stay behind the login). Returns mails sent."""
    recipients = [
        address
        for address in reminder_recipients(referral)
        if not (by and address.lower() == (by.email or "").lower())
    ]
    if not recipients:
        return 0
    link = settings.SITE_URL + reverse("referrals:detail", args=[referral.pk])
    send_mail(
        subject=_("New referral %(ref)s") % {"ref": referral.reference},
        message=_(
            "%(sender)s sent referral %(ref)s to %(receiver)s. Log in to read it and to "
            "say whether you take it on: %(link)s"
        )
        % {
            "sender": referral.digibank.name
            if referral.direction == Direction.TO_PARTNER
            else referral.organisation.name,
            "ref": referral.reference,
            "receiver": referral.organisation.name
            if referral.direction == Direction.TO_PARTNER
            else referral.digibank.name,
            "link": link,
        },
        from_email=None,
        recipient_list=recipients,
    )
    return 1


def reminder_recipients(referral) -> list[str]:
    """Who has to act: for a referral to a partner, the partner's contact person and its
    workers with an account in this digibank (and, to follow up, who referred); for one
    from a partner, the digibank's address and its coordinators and staff."""
    from digibank.accounts.models import Membership

    if referral.direction == Direction.TO_PARTNER:
        members = Membership.objects.active().filter(
            digibank=referral.digibank, organisation=referral.organisation, role=Role.PARTNER
        )
        recipients = [referral.contact_email]
        if referral.created_by:
            recipients.append(referral.created_by.email)
    else:
        members = Membership.objects.active().filter(
            digibank=referral.digibank, role__in=[Role.COORDINATOR, Role.STAFF]
        )
        recipients = [referral.digibank.email]
    recipients += members.values_list("user__email", flat=True)
    unique = {}
    for address in recipients:
        if address:
            unique.setdefault(address.lower(), address)
    return list(unique.values())


def send_reminders(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Remind whoever has to act on a referral open for too long, again every ``days``.

    The mails hold a reference and a link, never the person's details. Each reminder is
    claimed with a conditional update first, so two runs at the same time send once. A
    referral with nobody to write to is not marked: it stays flagged in the lists.
    """
    now = now or timezone.now()
    sent = 0
    for referral in due_for_reminder(now, days):
        recipients = reminder_recipients(referral)
        if not recipients:
            continue
        claimed = Referral.objects.filter(pk=referral.pk, reminded_at=referral.reminded_at).update(
            reminded_at=now
        )
        if not claimed:
            continue
        link = settings.SITE_URL + reverse("referrals:detail", args=[referral.pk])
        send_mail(
            subject=_("Referral %(ref)s is still open") % {"ref": referral.reference},
            message=_(
                "Referral %(ref)s from %(date)s between %(digibank)s and %(partner)s is still "
                "open. Please record whether it was accepted and how it ended: %(link)s"
            )
            % {
                "ref": referral.reference,
                "date": timezone.localtime(referral.created_at).date().isoformat(),
                "digibank": referral.digibank.name,
                "partner": referral.organisation.name,
                "link": link,
            },
            from_email=None,
            recipient_list=recipients,
        )
        sent += 1
    return sent


# --- Personal data (right of access and erasure) ----------------------------------------


def export_for_person(person) -> list[dict]:
    return [
        {
            "reference": r.reference,
            "date": timezone.localtime(r.created_at).date().isoformat(),
            "direction": r.direction,
            "partner": r.organisation.name,
            "reason": r.reason,
            "details_shared": r.shared_fields,
            "consent_on": r.consent_on.isoformat(),
            "status": r.status,
            "outcome": r.outcome,
        }
        for r in person.referrals.select_related("organisation").order_by("created_at", "pk")
    ]


def expire_unlinked(*, digibank, cutoff) -> int:
    """A partner's referral that was never linked to a registered person keeps the name,
    phone and e-mail the partner sent: they go with the retention period, like a person's."""
    return (
        Referral.objects.filter(digibank=digibank, person__isnull=True, created_at__date__lt=cutoff)
        .exclude(person_name="", person_phone="", person_email="", reason="")
        .update(person_name="", person_phone="", person_email="", reason="", outcome_note="")
    )


def ongoing():
    """A referral still waiting for an answer or accepted and not yet closed."""
    still_open = Referral.objects.filter(person__isnull=False, status__in=OPEN_STATUSES)
    return [(gettext_lazy("a referral that is still open"), still_open)]


def erase_for_person(person) -> None:
    """Free text and identifying details go; direction, partner, dates, outcome stay."""
    person.referrals.update(
        reason="",
        answer_note="",
        outcome_note="",
        person_name="",
        person_phone="",
        person_email="",
        shared_fields=[],
    )
