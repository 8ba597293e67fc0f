"""axe-core in Chromium on the lending pages, walking through one loan."""

import re

import pytest
from playwright.sync_api import expect

from digibank.loans import services
from digibank.loans.models import Channel, LoanKind, Reminder, ReminderMessage
from digibank.loans.tests.factories import device_for, loan_for, person_in_a
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lending_pages(page, live_server, world):
    device = device_for(world)
    loan = loan_for(world)
    call = ReminderMessage.objects.create(
        digibank=world.digibank_a, person=loan.person, channel=Channel.CALL
    )
    Reminder.objects.create(loan=loan, stage="due_soon", due_on=loan.due_on, message=call)
    login(page, live_server, world.coordinator_a)
    page.goto(f"{live_server.url}/people/{world.person_a.pk}/")
    follow(page, f"a[href$='/loans/requests/new/{world.person_a.pk}/']")
    assert_accessible(page)
    page.check("input[name=wish][value=laptop]")
    follow(page)
    expect(page).to_have_url(re.compile("/loans/requests/"))
    assert_accessible(page)
    follow(page, "main a[href$='/lend/']")
    page.fill("#id_tag", "nonsense")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_tag", device.tag)
    follow(page)
    expect(page.locator("h1")).to_have_text(re.compile(r"^Lening L-"))
    assert_accessible(page)
    long_term = loan_for(world, kind=LoanKind.LONG_TERM)
    waiting = services.register_request(person=person_in_a(world), by=world.staff_a, wish="any")
    for path in ("", "requests/", "overdue/", "conditions/", "reminders/", "connectivity/",
                 "figures/", f"{loan.pk}/", f"{loan.pk}/extend/", f"{loan.pk}/return/",
                 f"{loan.pk}/lost/", f"{long_term.pk}/gift/", f"requests/{waiting.pk}/",
                 f"requests/{waiting.pk}/close/"):  # fmt: skip
        page.goto(f"{live_server.url}/loans/{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/loans/reminders/")
    follow(page, "main a[href$='/loans/reminders/calls/']")
    expect(page).to_have_url(re.compile("/loans/reminders/calls/$"))
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/loans/reminders/calls/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/loans/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/loans/connectivity/new/{world.person_a.pk}/")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
