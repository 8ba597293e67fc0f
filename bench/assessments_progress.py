"""Skill progress at volume: 54 digibanken, one with 10,000 people and 20,000 Digiscans.

Measures ``assessments.services.skill_progress`` (first scan against latest, per area)
for all people, for a period and for a target group, and the figures page that shows it.
Run: `.venv/bin/python bench/assessments_progress.py` (add DATABASE_URL=postgres://... for
PostgreSQL). Target: p95 under 150 ms.
"""

import datetime
import random
from decimal import Decimal

from _harness import analyze, measure, setup_django

PEOPLE = 10_000
SCANS_PER_PERSON = 2  # a base scan and a follow-up: 20,000 assessments, 100,000 area scores
OTHER_DIGIBANKS = 53
SCANS_ELSEWHERE = 40


def build():
    from django.utils import timezone

    from digibank.accounts.models import Membership, User
    from digibank.assessments.models import Area, AreaScore, Assessment, QuestionSet
    from digibank.digibanks.models import Digibank
    from digibank.people.models import Person, TargetGroup

    rng = random.Random(4)
    version = QuestionSet.objects.get(digibank=None, key="digiscan").latest_published()
    digibanks = [Digibank.objects.create(name=f"Digibank {i}", slug=f"d{i}") for i in range(54)]
    big = digibanks[0]
    user = User.objects.create_user("bench@example.org", "x")
    Membership.objects.create(user=user, digibank=big, role="coordinator")
    senior = TargetGroup.objects.get(code="senior")

    def people_of(digibank, count):
        Person.objects.bulk_create(
            [
                Person(
                    digibank=digibank,
                    name=f"Persoon {digibank.pk}-{i}",
                    search_name=f"persoon {digibank.pk}-{i}",
                    contact_channel="phone",
                    phone=f"0470{i:06d}",
                    phone_digits=f"0470{i:06d}",
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        return list(
            Person.objects.filter(digibank=digibank).order_by("pk").values_list("pk", flat=True)
        )

    now = timezone.now()
    for digibank, count in [(big, PEOPLE)] + [(d, SCANS_ELSEWHERE) for d in digibanks[1:]]:
        ids = people_of(digibank, count)
        Person.target_groups.through.objects.bulk_create(
            [
                Person.target_groups.through(person_id=pk, targetgroup_id=senior.pk)
                for pk in ids[::4]
            ],
            batch_size=5000,
        )
        scans = []
        for pk in ids:
            base_day = rng.randint(100, 700)
            for n in range(SCANS_PER_PERSON):
                when = now - datetime.timedelta(days=base_day - n * rng.randint(60, 95))
                scans.append(
                    Assessment(
                        digibank=digibank,
                        version=version,
                        person_id=pk,
                        place="home",
                        started_at=when,
                        completed_at=when,
                    )
                )
        Assessment.objects.bulk_create(scans, batch_size=5000)
        scores = []
        for scan_id in Assessment.objects.filter(digibank=digibank).values_list("pk", flat=True):
            for area in Area.values:
                score = Decimal(rng.randint(0, 1000)) / 1000
                scores.append(AreaScore(assessment_id=scan_id, area=area, score=score, items=3))
        AreaScore.objects.bulk_create(scores, batch_size=5000)
    return user, big


def main():
    engine = setup_django()
    print(f"Building {PEOPLE} people with {PEOPLE * SCANS_PER_PERSON} scans on {engine} ...")
    user, big = build()
    analyze()
    from django.test import Client

    from digibank.assessments.services import skill_progress

    client = Client()
    client.force_login(user)
    today = datetime.date.today()

    def progress(**kwargs):
        def run():
            skill_progress(digibanks=[big], **kwargs)

        return run

    def page(fresh=True, **params):
        from django.core.cache import cache

        def run():
            if fresh:  # what the first visitor after a few minutes waits
                cache.clear()
            response = client.get("/assessments/figures/", params)
            assert response.status_code == 200, response.status_code

        return run

    print(f"\n{engine}: {PEOPLE * SCANS_PER_PERSON} scans in one of 54 digibanken")
    measure("skill_progress, all time", progress(), repeat=20)
    measure(
        "skill_progress, last 6 months",
        progress(start=today - datetime.timedelta(days=182), end=today),
        repeat=20,
    )
    measure("skill_progress, target group senior", progress(target_group="senior"), repeat=20)
    measure("figures page, all time (uncached)", page(), repeat=20)
    measure("figures page, all time (cached)", page(fresh=False), repeat=20)


if __name__ == "__main__":
    main()
