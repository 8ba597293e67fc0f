"""Writes and domain rules for people: registration, duplicates, export, erasure,
retention, and the activity records that make reach figures.

Functions take keyword arguments and the acting user, never a request, and raise
``PersonError`` with a message for the user when a rule says no.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.audit import services as audit
from digibank.geo.text import normalise
from digibank.people import gdpr
from digibank.people.models import (
    Consent,
    ConsentPurpose,
    ContactChannel,
    Person,
    Service,
    ServiceActivity,
    TargetGroup,
)


class PersonError(Exception):
    """A rule about people said no; the message is meant for the user."""


# --- Registration and changes ------------------------------------------------------------

PERSON_FIELDS = (
    "name", "is_pseudonym", "year_of_birth", "municipality", "language", "contact_channel",
    "phone", "email", "street", "postcode", "notes",
)  # fmt: skip


@transaction.atomic
def register_person(
    *,
    digibank,
    by,
    data: dict,
    target_groups: Iterable[str] = (),
    consents: Iterable[str] = (),
    consent_date: datetime.date | None = None,
) -> Person:
    """Register a person in ``digibank`` with the given fields, target groups and consents."""
    person = Person(digibank=digibank, created_by=by)
    for field in PERSON_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    _clear_unused_contact(person)
    person.save()
    person.target_groups.set(TargetGroup.objects.filter(code__in=list(target_groups)))
    given_on = consent_date or timezone.localdate()
    Consent.objects.bulk_create(
        [Consent(person=person, purpose=p, given_on=given_on, recorded_by=by) for p in consents]
    )
    audit.record(actor=by, action="create", target=person)
    return person


@transaction.atomic
def update_person(
    *,
    person: Person,
    by,
    data: dict,
    target_groups: Iterable[str] | None = None,
    consents: Iterable[str] | None = None,
) -> list[str]:
    """Change a person; fields left out of ``data`` stay as they are (a volunteer's form
    has no sensitive fields, and must not blank them). Returns the changed field names."""
    if person.is_anonymised:
        raise PersonError(_("This person has been anonymised and can no longer be changed."))
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = []
    for field in PERSON_FIELDS:
        if field in data and getattr(person, field) != data[field]:
            setattr(person, field, data[field])
            changed.append(field)
    cleared = _clear_unused_contact(person)
    changed.extend(f for f in cleared if f not in changed)
    person.save()
    if target_groups is not None:
        wanted = set(target_groups)
        if wanted != set(person.target_groups.values_list("code", flat=True)):
            person.target_groups.set(TargetGroup.objects.filter(code__in=wanted))
            changed.append("target_groups")
    if consents is not None and set_consents(person=person, by=by, purposes=consents):
        changed.append("consents")
    if changed:
        audit.record(actor=by, action="change", target=person, fields=changed)
    return changed


def _clear_unused_contact(person: Person) -> list[str]:
    """Keep only the contact details the chosen channel needs (data minimisation).

    The address is kept for post only; phone and e-mail may both be kept because people
    often give both, but nothing is kept when the person does not want to be contacted.
    """
    cleared = []
    if person.contact_channel != ContactChannel.POST:
        for field in ("street", "postcode"):
            if getattr(person, field):
                setattr(person, field, "")
                cleared.append(field)
    if person.contact_channel == ContactChannel.NONE:
        for field in ("phone", "email"):
            if getattr(person, field):
                setattr(person, field, "")
                cleared.append(field)
    return cleared


def set_consents(*, person: Person, by, purposes: Iterable[str]) -> bool:
    """Give the consents in ``purposes`` and withdraw the others (today). True if changed."""
    wanted = set(purposes) & set(ConsentPurpose.values)
    today = timezone.localdate()
    active = {c.purpose: c for c in person.consents.filter(withdrawn_on__isnull=True)}
    changed = False
    for purpose, consent in active.items():
        if purpose not in wanted:
            consent.withdrawn_on = max(today, consent.given_on)
            consent.save(update_fields=["withdrawn_on"])
            changed = True
    for purpose in wanted - set(active):
        Consent.objects.create(person=person, purpose=purpose, given_on=today, recorded_by=by)
        changed = True
    return changed


# --- Duplicates --------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateCandidate:
    person: Person
    reasons: tuple[str, ...]


def find_likely_duplicates(
    *,
    digibank,
    name: str,
    year_of_birth: int | None = None,
    phone: str = "",
    email: str = "",
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[DuplicateCandidate]:
    """People in the same digibank who are probably the same person.

    Matches: the same phone number or e-mail; the same name; or a very similar name with
    the same year of birth. Candidates are narrowed in the database first so this stays
    fast for a digibank with tens of thousands of people.
    """
    key = normalise(name)
    digits = "".join(ch for ch in phone if ch.isdigit())
    query = models.Q(search_name=key) if key else models.Q(pk__in=[])
    if len(digits) >= 8:
        query |= models.Q(phone_digits__endswith=digits[-9:])
    if email:
        query |= models.Q(email__iexact=email.strip())
    if key and year_of_birth:
        first_word = key.split()[0]
        query |= models.Q(year_of_birth=year_of_birth, search_name__startswith=first_word[:3])
    candidates = Person.objects.active().filter(digibank=digibank).filter(query)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    result = []
    for person in candidates.select_related("municipality")[:50]:
        reasons = []
        if len(digits) >= 8 and person.phone_digits.endswith(digits[-9:]):
            reasons.append(_("same phone number"))
        if email and person.email.lower() == email.strip().lower():
            reasons.append(_("same e-mail address"))
        if key and person.search_name == key:
            reasons.append(_("same name"))
        elif (
            key
            and year_of_birth
            and person.year_of_birth == year_of_birth
            and difflib.SequenceMatcher(None, key, person.search_name).ratio() >= 0.8
        ):
            reasons.append(_("similar name and same year of birth"))
        if reasons:
            result.append(DuplicateCandidate(person, tuple(reasons)))
    return result[:limit]


# --- Activities and reach ------------------------------------------------------------------


def record_activity(
    *, person: Person, service: str, kind: str, occurred_on: datetime.date, source
) -> ServiceActivity:
    """Record that ``person`` was served (once per source record and kind).

    Called by every module when it serves a person: a loan starts, someone attends a
    session, a helpdesk contact is registered. Keeps ``last_activity_on`` for retention.
    """
    if service not in Service.values:
        raise ValueError(f"unknown service {service!r}")
    activity, _created = ServiceActivity.objects.get_or_create(
        source_type=source._meta.label_lower,
        source_id=str(source.pk),
        kind=kind,
        defaults={
            "digibank_id": person.digibank_id,
            "person": person,
            "service": service,
            "occurred_on": occurred_on,
        },
    )
    Person.objects.filter(pk=person.pk, last_activity_on__lt=occurred_on).update(
        last_activity_on=occurred_on
    )
    return activity


@dataclass
class Reach:
    """Anonymous reach figures: every person counted once per breakdown."""

    people: int
    by_service: dict[str, int]
    by_target_group: dict[str, int]
    by_municipality: list[tuple[str, str, int]]  # (code, name, count)
    by_age_band: dict[str, int]
    activities: int


AGE_BANDS = (
    ("0-24", 0, 24),
    ("25-44", 25, 44),
    ("45-64", 45, 64),
    ("65-79", 65, 79),
    ("80+", 80, 200),
)


def reach(
    *,
    activities,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Reach:
    """Reach over a queryset of ``ServiceActivity`` (already scoped by the caller).

    Five queries whatever the number of people. The activity counts are answered from
    the covering index on (digibank, date, person, service); the people's attributes are
    grouped once by municipality and year of birth together.
    """
    acts = activities.between(start, end)
    people = Person.objects.filter(pk__in=acts.values("person_id"))
    totals = acts.aggregate(people=Count("person_id", distinct=True), activities=Count("pk"))
    by_service = {
        row["service"]: row["n"]
        for row in acts.values("service").annotate(n=Count("person_id", distinct=True))
    }
    by_group = {
        row["targetgroup_id"]: row["n"]
        for row in Person.target_groups.through.objects.filter(person__in=people)
        .values("targetgroup_id")
        .annotate(n=Count("person_id"))
    }
    year = (end or timezone.localdate()).year
    ages = {label: 0 for label, _low, _high in AGE_BANDS}
    ages["unknown"] = 0
    municipalities: dict[tuple[str, str], int] = {}
    for row in people.values(
        "municipality__code", "municipality__name_nl", "year_of_birth"
    ).annotate(n=Count("pk")):
        key = (row["municipality__code"] or "", row["municipality__name_nl"] or "")
        municipalities[key] = municipalities.get(key, 0) + row["n"]
        ages[_age_band(year, row["year_of_birth"])] += row["n"]
    by_municipality = sorted(
        ((code, name, n) for (code, name), n in municipalities.items()),
        key=lambda item: (-item[2], item[1]),
    )
    return Reach(
        people=totals["people"],
        by_service=by_service,
        by_target_group=by_group,
        by_municipality=by_municipality,
        by_age_band=ages,
        activities=totals["activities"],
    )


def reach_summary(
    *, activities, start: datetime.date | None = None, end: datetime.date | None = None
) -> tuple[int, dict[str, int]]:
    """Only the people reached and their split per service (two index-only queries)."""
    acts = activities.between(start, end)
    people = acts.aggregate(n=Count("person_id", distinct=True))["n"]
    by_service = {
        row["service"]: row["n"]
        for row in acts.values("service").annotate(n=Count("person_id", distinct=True))
    }
    return people, by_service


def _age_band(year: int, year_of_birth: int | None) -> str:
    if not year_of_birth:
        return "unknown"
    age = year - year_of_birth
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return "unknown"


# --- Right of access, erasure and retention ----------------------------------------------


def export_activities(person: Person) -> list[dict]:
    return [
        {"date": a.occurred_on.isoformat(), "service": a.service, "kind": a.kind}
        for a in person.activities.order_by("occurred_on", "pk")
    ]


def export_person(*, person: Person, by) -> dict:
    """Everything the platform holds about a person (GDPR art. 15), as plain data."""
    data = {
        "reference": person.reference,
        "digibank": person.digibank.name,
        "name": person.name,
        "is_pseudonym": person.is_pseudonym,
        "year_of_birth": person.year_of_birth,
        "municipality": str(person.municipality) if person.municipality_id else None,
        "preferred_language": person.language,
        "contact_channel": person.contact_channel,
        "phone": person.phone,
        "email": person.email,
        "street": person.street,
        "postcode": person.postcode,
        "target_groups": sorted(person.target_groups.values_list("code", flat=True)),
        "notes": person.notes,
        "registered_at": person.created_at.isoformat(),
        "last_activity_on": person.last_activity_on.isoformat(),
        "consents": [
            {
                "purpose": c.purpose,
                "given_on": c.given_on.isoformat(),
                "withdrawn_on": c.withdrawn_on.isoformat() if c.withdrawn_on else None,
            }
            for c in person.consents.all()
        ],
        "exported_at": timezone.now().isoformat(),
    }
    for provider in gdpr.providers():
        data[provider.key] = provider.export(person)
    audit.record(actor=by, action="export", target=person)
    return data


@transaction.atomic
def erase_person(*, person: Person, by, reason: str = "") -> Person:
    """Erase a person's identity for good, keeping anonymous figures right.

    Name, contact details, address, notes and consents go; the year of birth, the
    municipality, the language and the target groups stay, because the funders' figures
    are made of them, and without a name they no longer identify anyone. Every module's
    provider removes its own identifying data. Cannot be undone.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_anonymised:
        raise PersonError(_("This person has already been anonymised."))
    for provider in gdpr.providers():
        provider.erase(person)
    person.name = ""
    person.is_pseudonym = False
    person.phone = ""
    person.email = ""
    person.street = ""
    person.postcode = ""
    person.notes = ""
    person.contact_channel = ContactChannel.NONE
    person.anonymised_at = timezone.now()
    person.save()
    person.consents.all().delete()
    audit.record(actor=by, action="erase" if by else "anonymise", target=person, note=reason)
    return person


def ongoing_business(person) -> list:
    """What still runs for ``person`` (labels), e.g. an open loan: to check before erasing."""
    from digibank.people import gdpr

    ongoing = gdpr.ongoing_querysets()
    return [label for label, rows in ongoing if rows.filter(person=person).exists()]


def retention_cutoff(digibank, today: datetime.date | None = None) -> datetime.date:
    months = digibank.retention_months or settings.PERSON_RETENTION_MONTHS
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + (today.month - 1) - months, 12)
    day = min(today.day, 28)
    return datetime.date(year, month + 1, day)


def apply_retention(*, digibank, today: datetime.date | None = None, dry_run: bool = False):
    """Anonymise everyone in ``digibank`` without activity since the retention cut-off.

    Returns the people concerned (anonymised unless ``dry_run``).
    """
    from digibank.people import gdpr

    cutoff = retention_cutoff(digibank, today)
    due = Person.objects.filter(digibank=digibank).inactive_since(cutoff)
    # A long-term loan or a long waiting list is activity too, even without new events.
    for _label, rows in gdpr.ongoing_querysets():
        due = due.exclude(pk__in=rows.values("person_id"))
    due = list(due)
    if not dry_run:
        for person in due:
            erase_person(person=person, by=None, reason=f"retention: no activity since {cutoff}")
        for provider in gdpr.providers():
            if provider.expire is not None:
                provider.expire(digibank=digibank, cutoff=cutoff)
    return due
