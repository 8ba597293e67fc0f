"""axe-core in Chromium on the devices pages (few and fast: one test walks them all)."""

import pytest
from playwright.sync_api import expect

from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_devices_pages(page, live_server, world):
    from digibank.devices import services
    from digibank.devices.tests.factories import DeviceFactory, DonationFactory, ready_device
    from digibank.testing import factories as f

    place = f.LocationFactory(digibank=world.digibank_a, name="Bibliotheek Knokke")
    donation = DonationFactory(digibank=world.digibank_a, location=place)
    device = ready_device(
        world.staff_a, digibank=world.digibank_a, location=place, donation=donation
    )
    phone = DeviceFactory(digibank=world.digibank_a, location=place, kind="smartphone")
    services.add_repair(device=device, by=world.staff_a, work="New battery", minutes=20)
    login(page, live_server, world.coordinator_a)
    for path in (
        "/devices/",
        "/devices/?state=in_stock&kind=laptop",
        "/devices/stock/",
        "/devices/donations/",
        "/devices/donations/new/",
        f"/devices/donations/{donation.pk}/",
        f"/devices/donations/{donation.pk}/add/",
        f"/devices/{device.pk}/",
        f"/devices/{device.pk}/edit/",
        f"/devices/{phone.pk}/wipe/",
        f"/devices/{device.pk}/repair/",
        f"/devices/{device.pk}/move/",
        "/devices/import/",
        "/devices/figures/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)
    # The wipe form with errors, on a small phone (devices are wiped at the workbench).
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/devices/{phone.pk}/wipe/")
    page.fill("#id_tool", "Factory reset")
    page.check("#id_result_0")
    page.check("#id_verification_3")
    page.check("#id_method_1")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    # Scanning a tag into the search opens the device.
    page.goto(f"{live_server.url}/devices/")
    page.fill("#id_q", device.tag)
    page.press("#id_q", "Enter")
    page.wait_for_url(f"**/devices/{device.pk}/")
