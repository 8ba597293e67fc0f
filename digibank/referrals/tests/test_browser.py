"""axe-core in Chromium: the referral pages of staff and of a partner's worker."""

import pytest
from playwright.sync_api import expect

from digibank.referrals.tests.factories import FromPartnerFactory, ReferralFactory
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_referral_pages(page, live_server, world):
    referral = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    FromPartnerFactory(digibank=world.digibank_a, organisation=world.partner_org_a)
    login(page, live_server, world.staff_a)
    for path in (
        "/referrals/",
        "/referrals/inbox/",
        "/referrals/figures/",
        f"/referrals/{referral.pk}/",
        f"/referrals/new/?person={world.person_a.pk}",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # Without consent the form says why, accessibly.
    page.fill("#id_reason", "Schuldbemiddeling")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


def test_partner_referral_pages_on_a_phone(page, live_server, world):
    referral = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    page.set_viewport_size(SMALL_PHONE)
    login(page, live_server, world.partner_a)
    assert referral.reference in page.content()  # the start page lists open referrals
    assert_accessible(page)
    for path in (
        "/referrals/partner/",
        f"/referrals/{referral.pk}/",
        f"/referrals/{referral.pk}/answer/",
        f"/referrals/{referral.pk}/outcome/",
        "/referrals/partner/new/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
