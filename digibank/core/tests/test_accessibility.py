"""axe-core in Chromium: the login page, every role's start page, and the person pages."""

import pytest
from playwright.sync_api import expect

from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    # A failed login shows an error summary that is accessible too.
    page.fill("#id_username", "nobody@example.org")
    page.fill("#id_password", "wrong")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "persona",
    ["coordinator_a", "staff_a", "volunteer_a", "partner_a", "officer_a", "funder", "admin"],
)
def test_start_pages(page, live_server, world, persona):
    login(page, live_server, world.persona(persona))
    assert page.url.rstrip("/") == live_server.url
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_accessible(page)


def test_person_pages(page, live_server, world):
    login(page, live_server, world.coordinator_a)
    for path in (
        "/people/",
        "/people/new/",
        f"/people/{world.person_a.pk}/",
        f"/people/{world.person_a.pk}/edit/",
        f"/people/{world.person_a.pk}/export/",
        f"/people/{world.person_a.pk}/erase/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # The registration form with errors, on a small phone.
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + "/people/new/")
    page.fill("#id_name", "x" * 10)
    page.fill("#id_year_of_birth", "2999")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


def test_skip_link_and_keyboard(page, live_server, world):
    login(page, live_server, world.volunteer_a)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
