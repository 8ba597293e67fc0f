"""axe-core in Chromium on the trainings pages, the attendance page on a phone and a
tablet, and attendance taken by tapping (htmx swaps the row)."""

import datetime

import pytest
from playwright.sync_api import expect

from digibank.testing import factories as f
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login
from digibank.trainings import services
from digibank.trainings.models import Attendance
from digibank.trainings.tests.factories import CourseFactory, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TABLET = {"width": 768, "height": 1024}


def test_trainings_pages(page, live_server, world):
    course = CourseFactory(
        digibank=world.digibank_a, title="Aan de slag met uw smartphone", gives_certificate=True
    )
    running = session(course=course, capacity=1, starts_in=datetime.timedelta(minutes=-20))
    services.register(world.person_a, running, by=world.staff_a, channel="desk")
    services.register(
        f.PersonFactory(digibank=world.digibank_a, name="Rita Maes"),
        running,
        by=world.staff_a,
        channel="phone",
    )
    meeting = running.meetings.get()
    login(page, live_server, world.staff_a)
    for path in (
        "/trainings/",
        f"/trainings/courses/{course.pk}/",
        "/trainings/courses/new/",
        f"/trainings/sessions/{running.pk}/",
        f"/trainings/sessions/{running.pk}/register/?q=maria",
        f"/trainings/sessions/{running.pk}/calls/",
        f"/trainings/sessions/{running.pk}/meetings/{meeting.pk}/move/",
        f"/trainings/courses/{course.pk}/sessions/new/",
        "/trainings/figures/",
        f"/people/{world.person_a.pk}/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # Calls to make: Maria loses her seat (the digibank cancels), Rita gets it, and a
    # cancelled session; the start page counts them. A figures period with an error.
    services.cancel_registration(
        running.registrations.get(person=world.person_a), by=world.staff_a, side="digibank"
    )
    off = session(course=course, capacity=5)
    services.register(world.person_a, off, by=world.staff_a, channel="desk")
    services.cancel_session(session=off, by=world.staff_a)
    for path in (
        "/trainings/calls/",
        f"/trainings/sessions/{off.pk}/",
        f"/trainings/sessions/{off.pk}/calls/",
        "/",
        "/trainings/figures/?start=2026-06-30&end=2026-01-01",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # One meeting of a series called off through its page.
    series = session(
        course=CourseFactory(digibank=world.digibank_a, meetings_count=3), capacity=5, meetings=3
    )
    services.register(world.person_a, series, by=world.staff_a, channel="desk")
    second = series.meetings.order_by("starts_at")[1]
    page.goto(f"{live_server.url}/trainings/sessions/{series.pk}/meetings/{second.pk}/cancel/")
    assert_accessible(page)
    follow(page)
    expect(page.locator("main .meetings")).to_contain_text("afgelast")
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + "/trainings/calls/")
    expect(page.locator("main table")).to_contain_text("Rita Maes")
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    # A form with errors.
    page.goto(live_server.url + "/trainings/courses/new/")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    # Attendance on a tablet and on a small phone; a tap marks Rita (now with a seat) present.
    attendance = (
        f"{live_server.url}/trainings/sessions/{running.pk}/meetings/{meeting.pk}/attendance/"
    )
    for size in (TABLET, SMALL_PHONE):
        page.set_viewport_size(size)
        page.goto(attendance)
        assert_accessible(page)
    row = page.locator(".attendance__row", has_text="Rita Maes")
    row.get_by_role("button", name="Aanwezig").click()
    page.wait_for_selector(
        ".attendance__row:has-text('Rita Maes') button[value=present][aria-pressed=true]"
    )
    assert Attendance.objects.get().status == "present"
    assert page.url == attendance  # htmx swapped the row; no page load
    assert_accessible(page)
