"""Browser tests: a walk-in registered with the keyboard only, and axe-core on the
helpdesk pages."""

import pytest
from playwright.sync_api import expect

from digibank.helpdesk import services
from digibank.helpdesk.models import Contact, Topic
from digibank.helpdesk.tests.factories import ContactFactory, SlotFactory, seed_common_topics
from digibank.testing import factories as f
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused_matches(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if _focused_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_walk_in_with_the_keyboard_only(page, live_server, world):
    seed_common_topics()
    smartphone = Topic.objects.get(digibank=None, code="smartphone")
    login(page, live_server, world.volunteer_a)
    # Screen 1: who and where.
    page.goto(f"{live_server.url}/helpdesk/contacts/new/")
    assert_accessible(page)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    tab_to(page, "#id_municipality")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_target_group")
    page.keyboard.press("ArrowDown")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Screen 2: what and how it ended.
    assert page.locator("input[name=step1]").count() == 1, page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, f"input[name=topics][value='{smartphone.pk}']")
    page.keyboard.press("Space")
    tab_to(page, "#id_minutes")
    page.keyboard.press("Control+A")
    page.keyboard.type("25")
    tab_to(page, "#id_can_do_alone")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Screen 3: saved.
    contact = Contact.objects.get()
    assert contact.reference in page.locator("h1").inner_text()
    assert contact.person is None and contact.minutes == 25 and contact.can_do_alone
    assert contact.walk_in_municipality is not None and contact.walk_in_target_group is not None
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_accessible(page)


def test_helpdesk_pages_are_accessible(page, live_server, world):
    seed_common_topics()
    location = f.LocationFactory(digibank=world.digibank_a, offers_helpdesk=True)
    ethics = Topic.objects.get(digibank=None, code="tax-on-web")
    routed = services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        person=world.person_a,
        topics=[ethics],
        channel="face",
        notes="Demo",
    ).contact
    contact = ContactFactory(digibank=world.digibank_a, person=world.person_a, location=location)
    slot = SlotFactory(digibank=world.digibank_a, location=location)
    services.book_slot(slot=slot, person=world.person_a, by=world.staff_a)
    services.join_queue(location=location, by=world.staff_a, label="Anna")
    login(page, live_server, world.coordinator_a)
    for path in (
        "/helpdesk/",
        f"/helpdesk/contacts/{contact.pk}/",
        f"/helpdesk/contacts/{routed.pk}/registered/",
        "/helpdesk/handovers/",
        "/helpdesk/topics/",
        "/helpdesk/topics/new/",
        "/helpdesk/slots/",
        "/helpdesk/slots/generate/",
        f"/helpdesk/slots/{slot.pk}/",
        f"/helpdesk/queue/?location={location.pk}",
        "/helpdesk/figures/",
        f"/people/{world.person_a.pk}/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # A form with errors.
    page.goto(live_server.url + "/helpdesk/topics/new/")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    # The queue on a small phone.
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/helpdesk/queue/?location={location.pk}")
    assert_accessible(page)


def test_the_queue_refresh_keeps_the_keyboard_focus(page, live_server, world, settings):
    settings.HELPDESK_QUEUE_REFRESH_SECONDS = 1
    seed_common_topics()
    location = f.LocationFactory(digibank=world.digibank_a, offers_helpdesk=True)
    services.join_queue(location=location, by=world.staff_a, label="Anna")
    login(page, live_server, world.staff_a)
    page.goto(f"{live_server.url}/helpdesk/queue/?location={location.pk}")
    news = page.locator("#queue-news")
    # The refresh runs while the focus is elsewhere, and announces only changes.
    services.join_queue(location=location, by=world.staff_a, label="Bert")
    expect(page.locator("#queue")).to_contain_text("Bert", timeout=5000)
    expect(news).to_have_text("Wachtrij: wachtend 2, aan de beurt 0.")
    button = page.get_by_role("button", name="Help nummer 1")
    button.focus()
    services.join_queue(location=location, by=world.staff_a, label="Chris")
    page.wait_for_timeout(2500)  # past two refresh intervals
    assert _focused_matches(page, "#queue button[name=status][value=helping]")
    expect(button).to_be_focused()
    expect(page.locator("#queue")).not_to_contain_text("Chris")  # no refresh under the focus
    # Focus leaves the list: the refresh resumes.
    page.locator("#queue-location").focus()
    expect(page.locator("#queue")).to_contain_text("Chris", timeout=5000)
    expect(page.locator("#queue-location")).to_be_focused()
    assert_accessible(page)
