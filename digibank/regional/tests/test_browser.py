"""axe-core in Chromium: the public map (also on a small phone, with its demo notice), its
table, the register, every page of the digest sign-up and unsubscribe (and a broken link),
and the coordinators' calls tracker and regions."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from digibank.regional.models import Region
from digibank.regional.tests import factories as rf
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

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
    rf.project(rnd, municipalities=["21004"], is_demo=True)
    rf.region(world.funder, ["31004", "31043"])
    return prog


def test_public_map_table_register_and_digest(page, live_server, data):
    page.goto(f"{live_server.url}/programmes/map/")
    expect(page.locator("svg.map__svg")).to_be_visible()
    expect(page.locator("main .notice").first).to_contain_text("demogegevens")
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_accessible(page)
    # The filter works without JavaScript and the table is linked next to the map.
    page.select_option("#id_programme", data.slug)
    follow(page, "main form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(f"programme={data.slug}"))
    assert_accessible(page)
    follow(page, "text=Dezelfde informatie als tabel")
    expect(page.locator("main")).to_contain_text("Tongeren-Borgloon")
    expect(page.locator("main .notice").first).to_contain_text("demogegevens")
    assert_accessible(page)
    page.goto(live_server.url + "/programmes/register/")
    assert_accessible(page)


def test_digest_subscribe_confirm_and_unsubscribe(page, live_server):
    from digibank.regional import services
    from digibank.regional.models import Subscriber

    page.goto(f"{live_server.url}/programmes/digest/")
    assert_accessible(page)
    # A bad address: the form says what is wrong, with no JavaScript needed.
    page.fill("#id_email", "niet-een-adres")
    follow(page)
    expect(page.locator(".error-summary, .errorlist").first).to_be_visible()
    assert_accessible(page)
    page.fill("#id_email", "lezer@example.org")
    follow(page)
    expect(page).to_have_url(re.compile(r"/programmes/digest/sent/$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Kijk in uw"))
    assert_accessible(page)
    subscriber = Subscriber.objects.get(email="lezer@example.org")
    page.goto(f"{live_server.url}/programmes/digest/confirm/{services.confirm_token(subscriber)}/")
    expect(page.locator("main")).to_contain_text("lezer@example.org")
    assert_accessible(page)
    follow(page)
    expect(page.locator("h1")).to_have_text("U bent ingeschreven")
    assert_accessible(page)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    token = services.unsubscribe_token(subscriber)
    page.goto(f"{live_server.url}/programmes/digest/unsubscribe/{token}/")
    assert_accessible(page)
    follow(page)
    expect(page.locator("h1")).to_have_text("U bent uitgeschreven")
    assert_accessible(page)
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    # A link that was cut off in the mail program: a clear page, not an error.
    page.goto(f"{live_server.url}/programmes/digest/confirm/{token[:12]}/")
    expect(page.locator("main .message--error")).to_be_visible()
    assert_accessible(page)


def test_calls_tracker(page, live_server, world, data):
    login(page, live_server, world.funder)
    page.goto(f"{live_server.url}/programmes/calls/")
    assert "Regio Brugge" in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/programmes/calls/regions/")
    page.fill("#id_name", "Test")
    page.fill("#id_member_list", "Atlantis")
    follow(page)
    expect(page.locator(".error-summary, .errorlist").first).to_be_visible()
    assert_accessible(page)
    # Changing a region: the page as it opens, and with a municipality that does not exist.
    region = Region.objects.get(owner=world.funder, name="Regio Brugge")
    page.goto(f"{live_server.url}/programmes/calls/regions/{region.pk}/")
    expect(page.locator("#id_name")).to_have_value("Regio Brugge")
    assert_accessible(page)
    page.fill("#id_member_list", "Atlantis")
    follow(page, "main form button[type=submit] >> nth=0")
    expect(page.locator(".error-summary, .errorlist").first).to_be_visible()
    assert_accessible(page)
