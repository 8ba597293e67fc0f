"""GDPR export and erasure reach the scans; skill-progress figures stay anonymous."""

import pytest
from django.urls import reverse

from digibank.assessments import services
from digibank.assessments.models import AreaScore, Assessment
from digibank.assessments.tests.factories import completed_scan
from digibank.people import services as people_services
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def test_export_and_erasure_include_the_scans(world):
    scan = completed_scan(
        world.person_a, by=world.staff_a, devices=["smartphone"], itsme="not_active"
    )
    data = people_services.export_person(person=world.person_a, by=world.coordinator_a)
    exported = data["assessments"][0]
    assert exported["reference"] == scan.reference
    assert "setup_itsme" in exported["next_steps"]
    assert any("itsme" in question for question in exported["answers"])
    people_services.erase_person(person=world.person_a, by=world.coordinator_a, reason="asked")
    scan.refresh_from_db()
    assert scan.answers == {} and scan.next_steps == []
    assert AreaScore.objects.filter(assessment=scan).count() == 5  # figures stay right


def test_skill_progress_is_suppressed_under_five_people(client, world):
    people = [f.PersonFactory(digibank=world.digibank_a) for _n in range(5)]
    for person in people[:4]:
        completed_scan(person, by=world.staff_a, level="with_help", days_ago=60)
        completed_scan(person, by=world.staff_a, level="alone")
    count, rows = services.skill_progress(digibanks=[world.digibank_a])
    assert count == 4
    assert all(row.first is None and row.people_shown == "<5" for row in rows)

    completed_scan(people[4], by=world.staff_a, level="with_help", days_ago=60)
    completed_scan(people[4], by=world.staff_a, level="alone")
    count, rows = services.skill_progress(digibanks=[world.digibank_a])
    info = next(r for r in rows if r.area == "information")
    assert count == 5 and info.people == 5 and info.change > 0
    # All five improved: "5 of 5" would tell the reader that each of them improved.
    assert info.improved is None
    # A target group that only one of them belongs to shows nothing.
    people[0].target_groups.add("senior")
    _count, rows = services.skill_progress(digibanks=[world.digibank_a], target_group="senior")
    assert all(r.first is None for r in rows)
    client.force_login(world.coordinator_a)
    response = client.get(reverse("assessments:figures"), {"target_group": "senior"})
    assert response.status_code == 200
    page = response.content.decode()
    # The group of one is not counted on the page either.
    assert "Mensen met gemeten vooruitgang: &lt;5" in page
    assert "Mensen met gemeten vooruitgang: 1" not in page
    assert "Verschil" in page and "Wijzigen" not in page
    response = client.get(
        reverse("assessments:figures"), {"start": "2026-02-01", "end": "2025-01-01"}
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_a_scan_counts_the_person_once_in_reach(world):
    scan = completed_scan(world.person_a, by=world.staff_a)
    assert world.person_a.activities.filter(source_id=str(scan.pk)).count() == 1
    assert Assessment.objects.for_user(world.coordinator_b).filter(pk=scan.pk).count() == 0


def test_people_who_improved_show_only_when_both_groups_are_five_or_more(world):
    people = [f.PersonFactory(digibank=world.digibank_a) for _n in range(11)]
    for person in people[:6]:
        completed_scan(person, by=world.staff_a, level="with_help", days_ago=60)
        completed_scan(person, by=world.staff_a, level="alone")
    for person in people[6:]:
        completed_scan(person, by=world.staff_a, level="alone", days_ago=60)
        completed_scan(person, by=world.staff_a, level="with_help")
    _count, rows = services.skill_progress(digibanks=[world.digibank_a])
    info = next(r for r in rows if r.area == "information")
    assert info.people == 11 and info.improved == 6
    # One more who improved: 7 and 4, and the 4 could be worked out from 11 - 7.
    completed_scan(people[6], by=world.staff_a, level="can_explain")
    _count, rows = services.skill_progress(digibanks=[world.digibank_a])
    info = next(r for r in rows if r.area == "information")
    assert info.people == 11 and info.improved is None


def _reference_progress(digibank, start=None, end=None):
    """The plain-Python version of skill_progress (pairs per person, before suppression)."""
    from collections import defaultdict

    from django.utils import timezone

    scans = defaultdict(list)
    for scan in (
        Assessment.objects.filter(digibank=digibank, person__isnull=False)
        .completed()
        .prefetch_related("area_scores")
        .order_by("completed_at", "pk")
    ):
        scores = {s.area: s.score for s in scan.area_scores.all() if s.score is not None}
        if scores:
            scans[scan.person_id].append((scan.completed_at, scores))
    people, pairs = 0, defaultdict(list)
    for person_scans in scans.values():
        if len(person_scans) < 2:
            continue
        day = timezone.localtime(person_scans[-1][0]).date()
        if (start and day < start) or (end and day > end):
            continue
        people += 1
        first, latest = person_scans[0][1], person_scans[-1][1]
        for area in first.keys() & latest.keys():
            pairs[area].append((first[area], latest[area]))
    return people, pairs


def test_skill_progress_in_the_database_matches_the_plain_rules(world):
    """First against latest per person, ties by order of finishing, areas both scored,
    the period on the latest scan's day, scans without any score left out."""
    import datetime
    import random

    from django.utils import timezone

    rng = random.Random(7)
    levels = ["cannot", "with_help", "alone", "can_explain"]
    people = [f.PersonFactory(digibank=world.digibank_a) for _n in range(14)]
    for index, person in enumerate(people):
        for n in range(index % 4):  # 0 to 3 scans
            completed_scan(
                person, by=world.staff_a, level=rng.choice(levels), days_ago=200 - 60 * n
            )
    # One scan without a score in an area, one without any score at all.
    some = Assessment.objects.filter(person=people[3]).first()
    AreaScore.objects.filter(assessment=some, area="safety").update(score=None, band="")
    empty = Assessment.objects.filter(person=people[7]).last()
    AreaScore.objects.filter(assessment=empty).update(score=None, band="")
    today = timezone.localdate()
    for start, end in ((None, None), (today - datetime.timedelta(days=150), today)):
        people_count, pairs = _reference_progress(world.digibank_a, start, end)
        count, rows = services.skill_progress(digibanks=[world.digibank_a], start=start, end=end)
        assert count == people_count
        for row in rows:
            expected = pairs[row.area]
            assert row.people == len(expected)
            if row.first is not None:
                mean = sum(a for a, _b in expected) / len(expected)
                assert abs(row.first - mean) < 0.001
                mean = sum(b for _a, b in expected) / len(expected)
                assert abs(row.latest - mean) < 0.001
        assert count >= 5 and any(row.first is not None for row in rows)
