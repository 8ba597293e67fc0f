"""The Digiscan with a person: start, answer screen by screen, finish, result, progress."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.assessments.models import AreaScore, Assessment
from digibank.assessments.tests.factories import completed_scan, digiscan_set
from digibank.audit.models import AuditEvent
from digibank.people.models import ServiceActivity

pytestmark = pytest.mark.django_db


def test_a_helper_takes_the_digiscan_screen_by_screen(client, world):
    client.force_login(world.volunteer_a)
    person = world.person_a
    response = client.get(reverse("assessments:start"), {"q": "Maria"})
    assert response.status_code == 200
    assert f"?person={person.pk}" in response.content.decode()
    response = client.post(
        reverse("assessments:start"),
        {"person": person.pk, "question_set": digiscan_set().pk, "place": "home"},
    )
    scan = Assessment.objects.get(person=person)
    assert response["Location"] == reverse("assessments:step", args=[scan.pk, 1])
    assert scan.conducted_by == world.volunteer_a and scan.follow_up_of is None

    screens = scan.version.screens()
    for screen in screens:
        items = scan.version.items.filter(screen=screen)
        data = {"go": "next"}
        for item in items:
            choice = item.choices()[0][0]
            data[item.key] = [choice] if item.multiple else choice
        response = client.post(reverse("assessments:step", args=[scan.pk, screen]), data)
        assert response.status_code == 302
    assert response["Location"] == reverse("assessments:finish", args=[scan.pk])
    follow_up = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        reverse("assessments:finish", args=[scan.pk]), {"follow_up_on": follow_up}
    )
    assert response["Location"] == scan.get_absolute_url()
    scan.refresh_from_db()
    assert scan.is_completed and scan.follow_up_on == follow_up
    assert AreaScore.objects.filter(assessment=scan).count() == 5
    assert ServiceActivity.objects.filter(person=person, kind="assessment").count() == 1
    # The helper who took it sees the result with the person, in plain words.
    page = client.get(scan.get_absolute_url()).content.decode()
    # Every first answer: a smartphone only, mobile data only, every area done well.
    steps = [
        "Een laptop of tablet van de uitleendienst",
        "Nagaan of u het sociaal tarief kunt krijgen",
        "Blijf oefenen; u kunt ook anderen helpen",
    ]
    assert all(step in page for step in steps), page
    assert [page.index(step) for step in steps] == sorted(page.index(step) for step in steps)
    assert "Gevorderd" in page and "Samen itsme instellen" not in page
    assert AuditEvent.objects.filter(target_label=scan.reference, action="view").exists()


def test_going_back_keeps_the_answers_and_skipping_is_allowed(client, world):
    client.force_login(world.staff_a)
    scan = Assessment.objects.create(
        digibank=world.digibank_a,
        version=digiscan_set().latest_published(),
        person=world.person_a,
        conducted_by=world.staff_a,
    )
    url = reverse("assessments:step", args=[scan.pk, 2])
    response = client.post(url, {"costs_hard": "yes", "go": "back"})
    assert response["Location"] == reverse("assessments:step", args=[scan.pk, 1])
    scan.refresh_from_db()
    assert scan.answers == {"costs_hard": "yes"}
    page = client.get(url).content.decode()
    assert re.search(r'name="costs_hard" value="yes"[^>]*checked', page)


def test_bad_input_gives_a_message_not_a_500(client, world):
    client.force_login(world.staff_a)
    scan = Assessment.objects.create(
        digibank=world.digibank_a,
        version=digiscan_set().latest_published(),
        person=world.person_a,
        conducted_by=world.staff_a,
    )
    response = client.post(reverse("assessments:step", args=[scan.pk, 4]), {"info_search": "x"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert client.get(reverse("assessments:step", args=[scan.pk, 99])).status_code == 404
    # Finishing without any skill answered says what to do.
    response = client.post(reverse("assessments:finish", args=[scan.pk]), {}, follow=True)
    assert "Beantwoord minstens één vraag over vaardigheden" in response.content.decode()
    response = client.post(
        reverse("assessments:finish", args=[scan.pk]), {"follow_up_on": "2001-01-01"}
    )
    assert "Kies een dag na vandaag" in response.content.decode()


def test_a_finished_scan_cannot_change(client, world):
    scan = completed_scan(world.person_a, by=world.staff_a)
    client.force_login(world.staff_a)
    before = dict(scan.answers)
    response = client.post(
        reverse("assessments:step", args=[scan.pk, 4]), {"info_search": "cannot"}, follow=True
    )
    assert response.status_code == 200
    scan.refresh_from_db()
    assert scan.answers == before


def test_the_follow_up_scan_shows_progress_per_area(client, world):
    base = completed_scan(world.person_a, by=world.staff_a, level="with_help", days_ago=90)
    follow_up = completed_scan(world.person_a, by=world.staff_a, level="alone")
    assert follow_up.follow_up_of == base
    client.force_login(world.staff_a)
    response = client.get(reverse("assessments:progress", args=[world.person_a.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    # with_help -> 33 (self-rating) / 50 (can-do); alone -> 67 / 100: every area goes up.
    assert page.count('class="change--up"') == 5
    # Two chosen scans, also in the other order.
    response = client.get(
        reverse("assessments:progress", args=[world.person_a.pk]),
        {"first": follow_up.pk, "second": base.pk},
    )
    assert response.content.decode().count('class="change--up"') == 5
    response = client.get(
        reverse("assessments:progress", args=[world.person_a.pk]), {"first": "x", "second": 9}
    )
    assert response.status_code == 200


def test_the_person_page_lists_the_scans(client, world):
    completed_scan(world.person_a, by=world.staff_a)
    client.force_login(world.staff_a)
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    assert "Digiscan" in page and "Een opvolgscan doen" in page


def test_a_volunteer_does_not_see_results_they_did_not_take(client, world):
    scan = completed_scan(world.person_a, by=world.staff_a)
    client.force_login(world.volunteer_a)
    assert client.get(scan.get_absolute_url()).status_code == 403
    client.force_login(world.coordinator_b)
    assert client.get(scan.get_absolute_url()).status_code == 404


def test_the_list_keeps_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for _n in range(3):
        completed_scan(world.person_a, by=world.staff_a)
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("assessments:list"))
    for _n in range(6):
        completed_scan(world.person_a, by=world.staff_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("assessments:list"))


def test_the_result_suggests_courses_of_this_digibank_for_weak_areas(client, world):
    from digibank.trainings.tests.factories import CourseFactory

    CourseFactory(digibank=world.digibank_a, title="Veilig online", topic="safety")
    CourseFactory(digibank=world.digibank_b, title="Veilig in West", topic="safety")
    f_partner = world.digibank_a.partnerships.get()
    scan = completed_scan(world.person_a, by=world.staff_a, level="cannot")
    client.force_login(world.staff_a)
    page = client.get(scan.get_absolute_url()).content.decode()
    assert "Veilig online" in page and "Veilig in West" not in page
    # A non-profit takes up none of these steps (courses, government services): no
    # partner is listed just because it is a partner (see test_referral_from_result.py).
    assert f_partner.organisation.name not in page


def test_the_helper_moves_the_follow_up_scan(client, world):
    scan = completed_scan(world.person_a, by=world.staff_a)
    client.force_login(world.staff_a)
    day = timezone.localdate() + datetime.timedelta(days=30)
    client.post(reverse("assessments:follow_up", args=[scan.pk]), {"follow_up_on": day})
    scan.refresh_from_db()
    assert scan.follow_up_on == day
    response = client.post(
        reverse("assessments:follow_up", args=[scan.pk]),
        {"follow_up_on": "2001-01-01"},
        follow=True,
    )
    assert "Kies een dag na vandaag" in response.content.decode()
    client.force_login(world.volunteer_a)
    response = client.post(reverse("assessments:follow_up", args=[scan.pk]), {"follow_up_on": day})
    assert response.status_code == 403


def test_the_start_page_lists_follow_up_scans_due(client, world, django_assert_max_num_queries):
    from digibank.testing import factories as f

    due = completed_scan(world.person_a, by=world.staff_a)
    type(due).objects.filter(pk=due.pk).update(
        follow_up_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    other = f.PersonFactory(digibank=world.digibank_a, name="Jan Later")
    completed_scan(other, by=world.staff_a)  # planned in three months: not due yet
    client.force_login(world.staff_a)
    page = client.get(reverse("core:home")).content.decode()
    assert "Maria Peeters" in page and "Jan Later" not in page
    # Once the follow-up scan is started, it is no longer due.
    completed_scan(world.person_a, by=world.staff_a)
    page = client.get(reverse("core:home")).content.decode()
    assert "Maria Peeters" not in page.split('id="start-digiscan"')[1].split("</section>")[0]


def test_the_result_on_paper_is_in_the_persons_language(client, world):
    import io

    from pypdf import PdfReader

    from digibank.trainings.tests.factories import CourseFactory

    CourseFactory(digibank=world.digibank_a, title="Veilig online", topic="safety")
    world.person_a.language = "fr"
    world.person_a.save()
    scan = completed_scan(world.person_a, by=world.staff_a, level="cannot")
    client.force_login(world.staff_a)
    assert (
        reverse("assessments:result_pdf", args=[scan.pk])
        in client.get(scan.get_absolute_url()).content.decode()
    )
    response = client.get(reverse("assessments:result_pdf", args=[scan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert world.person_a.display_name in text and "Veilig online" in text
    assert "Résultat du Digiscan" in text and "Ce que vous savez faire" in text
    assert AuditEvent.objects.filter(note="result PDF").exists()
