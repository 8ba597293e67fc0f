"""axe-core in Chromium on the assessments pages, the Digiscan also on a small phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from digibank.assessments import content
from digibank.assessments.models import Assessment, Item, QuestionSet, QuestionSetVersion
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def question_sets(db):
    """Transactional tests flush the data migration's question sets: load them again."""
    content.sync(
        QuestionSet=QuestionSet,
        QuestionSetVersion=QuestionSetVersion,
        Item=Item,
        now=timezone.now(),
    )


def test_the_digiscan_on_a_small_phone(page, live_server, world, question_sets):
    login(page, live_server, world.volunteer_a)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/assessments/start/?q=Maria")
    assert_accessible(page)
    page.goto(f"{live_server.url}/assessments/start/?person={world.person_a.pk}")
    assert_accessible(page)
    follow(page)
    # Screen 1: the household, with tick boxes and radio buttons as big targets.
    page.check("input[name=devices][value=smartphone]")
    page.check("input[name=internet][value=mobile_only]")
    assert_accessible(page)
    follow(page, "button[value=next]")
    follow(page, "button[value=next]")  # screen 2 skipped
    page.check("input[name=itsme][value=not_active]")
    follow(page, "button[value=next]")
    # Screen 4: an area with a practical task.
    page.check("input[name=info_search][value=with_help]")
    page.check("input[name=info_task_search][value=done]")
    assert_accessible(page)
    follow(page, "button[value=next]")
    # The other screens may be skipped: straight on to the review.
    scan = Assessment.objects.get(person=world.person_a)
    page.goto(f"{live_server.url}/assessments/{scan.pk}/finish/")
    assert_accessible(page)
    follow(page)
    expect(page).to_have_url(re.compile(f"/assessments/{scan.pk}/$"))
    expect(page.locator("main")).to_contain_text("Samen itsme instellen")
    assert_accessible(page)


def test_staff_pages_and_the_staff_screening(page, live_server, world, question_sets):
    from digibank.assessments import services
    from digibank.assessments.tests import factories as af

    af.completed_scan(world.person_a, by=world.staff_a, level="with_help", days_ago=90)
    af.completed_scan(world.person_a, by=world.staff_a, level="alone")
    screening = af.screening_round(world.digibank_a, af.local_government(world.digibank_a))
    done = [af.completed_screening(screening) for _n in range(5)]
    # A closed round with figures: a level split with hidden cells.
    closed = af.screening_round(
        world.digibank_a, af.local_government(world.digibank_a), title="Gesloten"
    )
    for level, times in (("with_help", 5), ("alone", 6), ("can_explain", 1)):
        for _n in range(times):
            af.completed_screening(closed, level=level)
    services.close_round(screening_round=closed, by=world.coordinator_a)
    follow_up = Assessment.objects.filter(person=world.person_a).latest("completed_at")
    login(page, live_server, world.coordinator_a)
    for path in (
        f"/assessments/screenings/{closed.pk}/",
        f"/assessments/{follow_up.pk}/",
        "/assessments/",
        f"/assessments/person/{world.person_a.pk}/progress/",
        f"/people/{world.person_a.pk}/",
        "/assessments/figures/",
        "/assessments/screenings/",
        f"/assessments/screenings/{screening.pk}/",
        "/assessments/screenings/new/",
        "/assessments/question-sets/",
        f"/assessments/question-sets/version/{af.digiscan_set().latest_published().pk}/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # The digibank's own draft: questions to order and take out, one to add (with an error).
    draft = services.adopt(
        question_set=af.digiscan_set(), digibank=world.digibank_a, by=world.coordinator_a
    ).versions.get()
    page.goto(f"{live_server.url}/assessments/question-sets/version/{draft.pk}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/assessments/question-sets/version/{draft.pk}/add/")
    assert_accessible(page)
    page.check("input[name=kind][value=task]")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    # The staff member's own pages (no login), on a small phone.
    page.context.clear_cookies()
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/assessments/screening/{screening.code}/")
    assert_accessible(page)
    follow(page)
    assert_accessible(page)
    page.goto(f"{live_server.url}/assessments/screening/result/{done[0].token}/")
    assert_accessible(page)
