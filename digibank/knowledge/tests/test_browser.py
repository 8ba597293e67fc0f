"""axe-core in Chromium: the guide pages for staff, volunteers and citizens."""

import pytest
from playwright.sync_api import expect

from digibank.knowledge.tests.factories import SuggestionFactory, published_guide
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guide_pages(page, live_server, world):
    guide = published_guide(world.digibank_a, title="itsme installeren", audience="both")
    suggestion = SuggestionFactory(guide=guide)
    login(page, live_server, world.staff_a)
    for path in (
        "/guides/",
        f"/guides/{guide.pk}/",
        f"/guides/{guide.pk}/print/",
        f"/guides/{guide.pk}/edit/",
        "/guides/new/",
        "/guides/suggestions/",
        f"/guides/suggestions/{suggestion.pk}/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.goto(f"{live_server.url}/guides/{guide.pk}/print/")
    expect(page.locator("[data-print]")).to_be_visible()  # shown where JavaScript runs
    # The guide form with errors.
    page.goto(live_server.url + "/guides/new/")
    follow(page)
    expect(page.locator(".error-summary").first).to_be_visible()
    assert_accessible(page)


def test_volunteer_suggests_with_the_keyboard_on_a_phone(page, live_server, world):
    guide = published_guide(world.digibank_a, title="Phishing herkennen")
    page.set_viewport_size(SMALL_PHONE)
    login(page, live_server, world.volunteer_a)
    page.goto(f"{live_server.url}/guides/{guide.pk}/suggest/")
    assert_accessible(page)
    page.focus("#id_reason")
    page.keyboard.type("De knop heet nu Doorgaan.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/guides/{guide.pk}/")
    assert_accessible(page)


def test_public_guide_pages(page, live_server, world):
    guide = published_guide(world.digibank_a, title="Inloggen op Tax-on-web", audience="citizens")
    page.goto(f"{live_server.url}/guides/public/{world.digibank_a.slug}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/guides/public/{world.digibank_a.slug}/{guide.pk}/")
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_accessible(page)
