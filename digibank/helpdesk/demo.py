"""Demo data for the helpdesk: contacts over the last months at the demo locations,
appointment slots with a few bookings, and a queue today. Fictitious; idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from digibank.accounts.models import Membership
from digibank.accounts.roles import Role
from digibank.helpdesk import services
from digibank.helpdesk.models import Booking, Contact, HelpKind, Outcome, QueueEntry, Topic
from digibank.people.models import Person, TargetGroup

WEIGHTS = {
    "itsme": 14, "tax-on-web": 9, "burgerprofiel": 4, "csam-ebox": 5, "banking": 8,
    "ehealth": 6, "vdab": 4, "email": 10, "smartphone": 14, "laptop": 7, "safety": 6,
    "internet": 3, "local-eservices": 3, "other": 3,
}  # fmt: skip
HELP_KINDS = [
    HelpKind.EXPLAINED, HelpKind.TOGETHER, HelpKind.TOGETHER, HelpKind.TECHNICAL_FIX,
    HelpKind.MINI_LESSON,
]  # fmt: skip
CONTACTS_PER_DIGIBANK = 90
QUEUE_NAMES = ["Anna", "Marc", "Fatima", "Jozef"]


def _ensure_common_topics() -> None:
    """A flushed database (backup tests) lost the seeded taxonomy: seed it again."""
    import importlib

    from django.apps import apps

    importlib.import_module("digibank.helpdesk.migrations.0002_common_topics").seed(apps, None)


@transaction.atomic
def load(out, context: dict) -> dict:
    if not Topic.objects.filter(digibank=None).exists():
        _ensure_common_topics()
    topics = {t.code: t for t in Topic.objects.filter(digibank=None)}
    codes = [code for code in WEIGHTS if code in topics]
    weights = [WEIGHTS[code] for code in codes]
    groups = list(TargetGroup.objects.all())
    today = timezone.localdate()
    for digibank in context["digibanks"].values():
        locations = list(digibank.locations.filter(offers_helpdesk=True).order_by("name"))
        helpers = [
            m.user
            for m in Membership.objects.filter(
                digibank=digibank,
                is_active=True,
                role__in=[Role.VOLUNTEER, Role.STAFF, Role.COORDINATOR],
            ).select_related("user")
        ]
        if not locations or not helpers:
            continue
        people = list(Person.objects.filter(digibank=digibank).active().order_by("pk")[:30])
        municipalities = list(digibank.municipalities.all())
        if not Contact.objects.filter(digibank=digibank).exists():
            rng = random.Random(f"helpdesk-{digibank.slug}")
            for _index in range(CONTACTS_PER_DIGIBANK):
                chosen = {rng.choices(codes, weights)[0] for _ in range(rng.choice([1, 1, 2]))}
                registered = people and rng.random() < 0.6
                outcome = rng.choice([Outcome.SOLVED] * 5 + [Outcome.PARTLY, Outcome.FOLLOW_UP])
                services.register_contact(
                    digibank=digibank,
                    by=rng.choice(helpers),
                    occurred_on=today - datetime.timedelta(days=rng.randint(0, 180)),
                    channel=rng.choice(["face"] * 5 + ["phone", "phone", "online", "home"]),
                    location=rng.choice(locations),
                    person=rng.choice(people) if registered else None,
                    walk_in_municipality=None if registered else rng.choice(municipalities),
                    walk_in_target_group=None if registered else rng.choice(groups),
                    topics=[topics[code] for code in sorted(chosen)],
                    help_kind=rng.choice(HELP_KINDS),
                    minutes=rng.choice([10, 15, 20, 30, 30, 45, 60]),
                    outcome=outcome,
                    can_do_alone=outcome == Outcome.SOLVED and rng.random() < 0.6,
                    notes="Demo: verzonnen notitie.",
                )
        coordinator = next((h for h in helpers if permissions_ok(h, digibank)), helpers[0])
        for location in locations:
            if location.opening_hours.exists():
                services.create_slots(
                    location=location,
                    by=coordinator,
                    start=today,
                    end=today + datetime.timedelta(days=21),
                )
        if people and not Booking.objects.filter(digibank=digibank).exists():
            slots = digibank.helpdesk_slots.upcoming().order_by("starts_at")[:4]
            for slot, person in zip(slots, people[:4], strict=False):
                services.book_slot(slot=slot, person=person, by=coordinator)
        location = locations[0]
        if not QueueEntry.objects.filter(location=location, day=today).exists():
            for index, name in enumerate(QUEUE_NAMES):
                entry = services.join_queue(
                    location=location,
                    by=coordinator,
                    label=name,
                    topic=topics[codes[index % len(codes)]],
                )
                if index == 0:
                    services.move_in_queue(entry=entry, by=helpers[0], status="helping")
    out.write("Helpdesk: contacts, slots, bookings and today's queue are ready.")
    return {}


def permissions_ok(user, digibank) -> bool:
    from digibank.accounts import permissions

    return permissions.can(user, "helpdesk.manage", digibank)
