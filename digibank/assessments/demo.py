"""Demo data: Digiscans (base and follow-up, showing progress) and a staff screening.

Fictitious people from the foundation demo. Idempotent: people who already have a scan
are left alone, and the screening is found by its title.
"""

import datetime
import random

from django.utils import timezone

from digibank.accounts.models import User
from digibank.assessments import services
from digibank.assessments.models import Assessment, QuestionSet, ScreeningRound
from digibank.digibanks.models import Organisation
from digibank.people.models import Person, ServiceActivity

LEVELS = ["cannot", "with_help", "alone", "can_explain"]
CAN_DO = {"cannot": "no", "with_help": "with_help", "alone": "yes", "can_explain": "yes"}
TASK = {"cannot": "not_done", "with_help": "with_help", "alone": "done", "can_explain": "done"}
HOUSEHOLDS = [
    {"devices": ["smartphone"], "internet": "mobile_only", "subscriptions": ["prepaid"],
     "providers": ["orange"], "costs_hard": "yes", "eid": "no_pin", "card_reader": "no",
     "itsme": "not_active"},
    {"devices": ["smartphone", "computer"], "internet": "fixed",
     "subscriptions": ["home_internet", "mobile"], "providers": ["telenet"], "costs_hard": "no",
     "eid": "with_pin", "card_reader": "no", "itsme": "dont_know"},
    {"devices": ["none"], "internet": "none", "subscriptions": ["none"],
     "providers": ["dont_know"], "costs_hard": "yes", "eid": "with_pin", "card_reader": "no",
     "itsme": "not_active"},
    {"devices": ["smartphone", "tablet"], "internet": "fixed",
     "subscriptions": ["home_internet", "social_tariff"], "providers": ["proximus"],
     "costs_hard": "no", "eid": "with_pin", "card_reader": "yes", "itsme": "active"},
]  # fmt: skip


def _answers(version, rng, level_index: int, household: dict) -> dict:
    data = dict(household)
    for item in version.items.all():
        level = LEVELS[max(0, min(3, level_index + rng.choice([-1, 0, 0, 1])))]
        if item.kind == "self_rating":
            data[item.key] = level
        elif item.kind == "can_do":
            data[item.key] = CAN_DO[level]
        elif item.kind == "task":
            data[item.key] = TASK[level]
        elif item.kind == "attitude":
            data[item.key] = rng.choice(["agree", "partly", "disagree"])
    return data


def _scan(person, by, version_set, rng, level_index, household, days_ago):
    scan = services.start_digiscan(person=person, question_set=version_set, by=by, place="home")
    services.save_answers(
        assessment=scan,
        items=list(scan.version.items.all()),
        data=_answers(scan.version, rng, level_index, household),
        by=by,
    )
    services.complete(assessment=scan, by=by)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Assessment.objects.filter(pk=scan.pk).update(
        started_at=when,
        completed_at=when,
        follow_up_on=when.date() + services.FOLLOW_UP_AFTER,
    )
    ServiceActivity.objects.filter(
        source_type="assessments.assessment", source_id=str(scan.pk)
    ).update(occurred_on=when.date())
    return scan


def load(out, context: dict) -> dict:
    digibank = context["digibanks"]["brugge-noord"]
    helper = User.objects.get(email="volunteer.noord@digibank.invalid")
    digiscan = QuestionSet.objects.get(digibank=None, key="digiscan")
    people = list(Person.objects.filter(digibank=digibank).active().order_by("name")[:10])
    made = 0
    for index, person in enumerate(people):
        if Assessment.objects.filter(person=person).exists():
            continue
        rng = random.Random(f"digiscan-{person.name}")
        household = HOUSEHOLDS[index % len(HOUSEHOLDS)]
        start_level = rng.choice([0, 1, 1])
        _scan(person, helper, digiscan, rng, start_level, household, days_ago=150)
        if index < 7:  # most come back for the follow-up scan, a little further
            better = (
                {**household, "itsme": "active"} if household["itsme"] != "active" else household
            )
            _scan(person, helper, digiscan, rng, start_level + 1, better, days_ago=20)
        made += 1

    organisation = Organisation.objects.get(name="Gemeente Knokke-Heist")
    today = timezone.localdate()
    screening, created = ScreeningRound.objects.get_or_create(
        digibank=digibank,
        title="Screening digitale basisvaardigheden personeel Knokke-Heist (demo)",
        defaults={
            "organisation": organisation,
            "question_set": QuestionSet.objects.get(digibank=None, key="staff-screening"),
            "opens_on": today - datetime.timedelta(days=14),
            "closes_on": today + datetime.timedelta(days=60),
            # Open: its figures show once it closes (the coordinator can close it early).
            "staff_count": 25,
        },
    )
    if created:
        for index in range(7):
            rng = random.Random(f"staff-{index}")
            scan = services.start_screening(screening_round=screening)
            services.save_answers(
                assessment=scan,
                items=list(scan.version.items.all()),
                data=_answers(scan.version, rng, 2, {}),
                by=None,
            )
            services.complete(assessment=scan, by=None)
    out.write(f"Assessments: {made} people with a Digiscan, staff screening ready.")
    return {"staff_screening": screening}
