"""axe-core in Chromium: the public map (also on a small phone), its table, the register,
the digest sign-up, and the coordinators' calls tracker."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from digibank.regional.tests import factories as rf
from digibank.testing.browser import SMALL_PHONE, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(world):
    today = timezone.localdate()
    prog = rf.programme("Digibanken")
    other = rf.programme("E-inclusion for Belgium", funder_name="POD MI")
    rnd = rf.call_round(
        prog,
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=10),
    )
    rf.project(rnd, municipalities=["31004", "31043"], former=[("73009", "73111")])
    rf.project(
        rf.call_round(other, opens_on=today, closes_on=today), municipalities=["31004", "21004"]
    )
    rf.region(world.funder, ["31004", "31043"])
    return prog


def test_public_map_table_register_and_digest(page, live_server, data):
    page.goto(f"{live_server.url}/programmes/map/")
    expect(page.locator("svg.map__svg")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_accessible(page)
    # The filter works without JavaScript and the table is linked next to the map.
    page.select_option("#id_programme", data.slug)
    page.click("main form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(f"programme={data.slug}"))
    assert_accessible(page)
    page.click("text=Dezelfde informatie als tabel")
    expect(page.locator("main")).to_contain_text("Tongeren-Borgloon")
    assert_accessible(page)
    for path in ("/programmes/register/", "/programmes/digest/"):
        page.goto(live_server.url + path)
        assert_accessible(page)


def test_calls_tracker(page, live_server, world, data):
    login(page, live_server, world.funder)
    page.goto(f"{live_server.url}/programmes/calls/")
    assert "Regio Brugge" in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/programmes/calls/regions/")
    page.fill("#id_name", "Test")
    page.fill("#id_member_list", "Atlantis")
    page.click("main form button[type=submit]")
    expect(page.locator(".error-summary, .errorlist").first).to_be_visible()
    assert_accessible(page)
