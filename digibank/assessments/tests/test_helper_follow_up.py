"""The helper who does a follow-up scan sees what changed, and finds unfinished scans."""

import pytest
from django.urls import reverse

from digibank.assessments.models import Assessment
from digibank.assessments.tests.factories import completed_scan, digiscan_set
from digibank.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_follow_up_result_shows_the_change_since_the_base_scan(client, world):
    completed_scan(world.person_a, by=world.staff_a, level="with_help", days_ago=90)
    follow_up = completed_scan(world.person_a, by=world.volunteer_a, level="alone")
    client.force_login(world.volunteer_a)
    response = client.get(follow_up.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wat veranderde sinds de basisscan" in page
    assert page.count('class="change--up"') == 5
    assert "Verschil" in page and "Wijzigen" not in page
    # The volunteer still has no access to the progress page (staff only).
    assert reverse("assessments:progress", args=[world.person_a.pk]) not in page
    assert AuditEvent.objects.filter(
        actor=world.volunteer_a, action="view", target_label=follow_up.reference
    ).exists()


def test_a_base_scan_shows_no_change(client, world):
    base = completed_scan(world.person_a, by=world.staff_a)
    client.force_login(world.staff_a)
    assert (
        "Wat veranderde sinds de basisscan"
        not in client.get(base.get_absolute_url()).content.decode()
    )


def test_a_volunteer_finds_their_unfinished_scans_again(client, world):
    mine = Assessment.objects.create(
        digibank=world.digibank_a,
        version=digiscan_set().latest_published(),
        person=world.person_a,
        conducted_by=world.volunteer_a,
    )
    other = Assessment.objects.create(
        digibank=world.digibank_a,
        version=digiscan_set().latest_published(),
        person=world.person_a,
        conducted_by=world.staff_a,
    )
    client.force_login(world.volunteer_a)
    page = client.get(reverse("assessments:start")).content.decode()
    assert reverse("assessments:step", args=[mine.pk, 1]) in page
    assert reverse("assessments:step", args=[other.pk, 1]) not in page
    assert AuditEvent.objects.filter(
        actor=world.volunteer_a, target_label=mine.reference, note="unfinished scans"
    ).exists()
    # The person page shows the volunteer their own scans, not the others'.
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    assert reverse("assessments:step", args=[mine.pk, 1]) in page
    assert reverse("assessments:step", args=[other.pk, 1]) not in page
    assert "Een opvolgscan doen" in page


def test_the_finish_page_is_logged(client, world):
    scan = Assessment.objects.create(
        digibank=world.digibank_a,
        version=digiscan_set().latest_published(),
        person=world.person_a,
        conducted_by=world.volunteer_a,
        answers={"eid": "no_pin"},
    )
    client.force_login(world.volunteer_a)
    assert client.get(reverse("assessments:finish", args=[scan.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        actor=world.volunteer_a, action="view", target_label=scan.reference
    ).exists()
