"""The devices pages: intake to exit through the web, bad input, fixed query counts."""

import pytest
from django.urls import reverse

from digibank.devices.models import Device, DeviceState, Donation, WipeStatus
from digibank.devices.tests.factories import DeviceFactory, DonationFactory, ready_device
from digibank.testing import factories as f


@pytest.fixture
def location_a(world):
    return f.LocationFactory(digibank=world.digibank_a, name="Bib Knokke")


def test_intake_through_the_forms(client, world, location_a):
    client.force_login(world.volunteer_a)
    response = client.post(
        reverse("devices:donation_create"),
        {
            "donor_kind": "company", "donor_name": "Bakkerij Peeters", "contact_name": "Els",
            "contact_email": "els@example.org", "received_on": "2026-11-20",
            "location": location_a.pk, "consent_contact": "on",
        },
    )  # fmt: skip
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("devices:device_add", args=[donation.pk])
    device_data = {
        "kind": "laptop", "brand": "Dell", "model_name": "Latitude 5490",
        "serial_number": "ABC-123", "condition": "good", "memory_gb": "8",
    }  # fmt: skip
    response = client.post(reverse("devices:device_add", args=[donation.pk]), device_data)
    assert response.status_code == 302
    device = Device.objects.get()
    assert device.tag.startswith("DB-") and device.location == location_a
    # The same serial number again (written differently) is refused with a message.
    response = client.post(
        reverse("devices:device_add", args=[donation.pk]),
        {**device_data, "serial_number": "abc 123"},
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert Device.objects.count() == 1


def test_bad_input_gives_messages_not_errors(client, world, location_a):
    client.force_login(world.staff_a)
    response = client.post(reverse("devices:donation_create"), {"donor_kind": "x"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    device = DeviceFactory(digibank=world.digibank_a, location=location_a)
    response = client.post(reverse("devices:wipe", args=[device.pk]), {"method": "clear"})
    assert response.status_code == 200
    response = client.post(reverse("devices:transition", args=[device.pk]), {"to_state": "on_loan"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.state == DeviceState.RECEIVED
    response = client.get(reverse("devices:list"), {"age": "nonsense", "page": "x"})
    assert response.status_code == 200


def test_wipe_form_with_a_mismatching_log(client, world, location_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    device = DeviceFactory(digibank=world.digibank_a, location=location_a, serial_number="S1")
    client.force_login(world.staff_a)
    log = SimpleUploadedFile(
        "nwipe.log",
        b"! Device | Status | Thru-put | HH:MM:SS | Model/Serial Number\n"
        b"  sda    | Erased |  120 MB/s | 01:02:03 | WDC WD5000/OTHER999\n",
    )
    response = client.post(
        reverse("devices:wipe", args=[device.pk]),
        {
            "method": "clear", "tool": "nwipe", "wiped_on": "2026-11-20", "result": "passed",
            "verification": "full", "log_file": log,
        },
        follow=True,
    )  # fmt: skip
    assert "differs from the device" in response.content.decode()
    wipe = device.wipes.get()
    assert wipe.serial_mismatch and wipe.log_serial == "OTHER999"
    device.refresh_from_db()
    assert device.wipe_status == WipeStatus.PASSED


def test_scanning_a_tag_opens_the_device(client, world, location_a):
    device = DeviceFactory(digibank=world.digibank_a, location=location_a)
    client.force_login(world.volunteer_a)
    number = device.tag.split("-")[1]
    response = client.get(reverse("devices:list"), {"q": f"db{number}"})
    assert response.status_code == 302 and response.url == device.get_absolute_url()
    response = client.get(reverse("devices:by_tag", args=[device.tag]))
    assert response.url == device.get_absolute_url()
    # Another digibank's team does not find it.
    client.force_login(world.volunteer_b)
    assert client.get(reverse("devices:by_tag", args=[device.tag])).status_code == 404
    assert client.get(reverse("devices:detail", args=[device.pk])).status_code == 404


def test_list_filters_and_query_count(client, world, location_a, django_assert_max_num_queries):
    client.force_login(world.staff_a)
    DeviceFactory.create_batch(3, digibank=world.digibank_a, location=location_a)
    url = reverse("devices:list")
    with django_assert_max_num_queries(12) as first:
        client.get(url, {"state": "in_stock", "kind": "laptop", "location": location_a.pk})
    DeviceFactory.create_batch(30, digibank=world.digibank_a, location=location_a)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url, {"state": "in_stock", "kind": "laptop"})
    assert response.context["page_obj"].paginator.count == 33
    response = client.get(url, {"kind": "phone"})  # not a choice: a message, no 500
    assert response.status_code == 200


def test_device_page_query_count(client, world, location_a, django_assert_max_num_queries):
    device = ready_device(world.staff_a, digibank=world.digibank_a, location=location_a)
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(25) as first:
        client.get(device.get_absolute_url())
    from digibank.devices import services

    for n in range(5):
        services.add_repair(device=device, by=world.staff_a, work=f"Fix {n}", minutes=10)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(device.get_absolute_url())
    assert response.status_code == 200


def test_exports_and_pdfs(client, world, location_a):
    donation = DonationFactory(digibank=world.digibank_a, location=location_a)
    device = ready_device(
        world.staff_a, digibank=world.digibank_a, location=location_a, donation=donation
    )
    client.force_login(world.staff_a)
    for name in ("devices:list", "devices:stock", "devices:donations", "devices:figures"):
        response = client.get(reverse(name), {"format": "xlsx"})
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    pypdf = pytest.importorskip("pypdf")
    import io

    for name in ("devices:receipt", "devices:certificate"):
        response = client.get(reverse(name, args=[donation.pk]))
        assert response.content.startswith(b"%PDF")
        text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        assert device.tag in text and device.serial_number in text
    response = client.get(reverse("devices:labels"), {"q": device.serial_number})
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert device.tag in text


def test_donor_erasure(client, world, location_a):
    donation = DonationFactory(
        digibank=world.digibank_a, location=location_a, donor_kind="person",
        donor_name="Jan Janssens", contact_email="jan@example.org",
    )  # fmt: skip
    DeviceFactory(digibank=world.digibank_a, location=location_a, donation=donation)
    client.force_login(world.coordinator_a)
    response = client.post(reverse("devices:donor_erase", args=[donation.pk]), {"confirm": "on"})
    assert response.status_code == 302
    donation.refresh_from_db()
    assert donation.donor_erased_at and donation.donor_name == "" and donation.devices.count() == 1


def test_start_page_section(client, world, location_a):
    ready_device(world.staff_a, digibank=world.digibank_a, location=location_a)
    DeviceFactory(digibank=world.digibank_a, location=location_a)
    client.force_login(world.volunteer_a)
    text = client.get("/").content.decode()
    assert "1 device ready to go out" in text
    assert "1 device in stock waiting for a wipe" in text
    client.force_login(world.partner_a)
    assert "ready to go out" not in client.get("/").content.decode()


def test_private_donor_contact_is_for_staff_and_in_the_gdpr_export(client, world, location_a):
    from digibank.audit.models import AuditEvent
    from digibank.devices import gdpr, services

    person = world.person_a
    person.email = "maria@example.org"
    person.save()
    donation = DonationFactory(
        digibank=world.digibank_a, location=location_a, donor_kind="person",
        donor_name="Maria Peeters", contact_email="Maria@example.org",
    )  # fmt: skip
    device = DeviceFactory(digibank=world.digibank_a, location=location_a, donation=donation)
    from digibank.trainings import services as trainings
    from digibank.trainings.tests.factories import CourseFactory, session

    workshop = session(course=CourseFactory(digibank=world.digibank_a, technical_track=True))
    trainings.register(person, workshop, by=world.staff_a, channel="desk")
    services.add_repair(device=device, by=world.staff_a, work="RAM", minutes=5, trainee=person)
    client.force_login(world.volunteer_a)
    page = client.get(donation.get_absolute_url()).content.decode()
    assert "Maria@example.org" not in page
    assert client.get(reverse("devices:donation_edit", args=[donation.pk])).status_code == 403
    client.force_login(world.staff_a)
    assert "Maria@example.org" in client.get(donation.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(action="view", target_label=donation.reference).count() == 1
    exported = gdpr.export(person)
    assert exported["repairs_as_trainee"][0]["device"] == device.tag
    assert exported["donations"][0]["reference"] == donation.reference
    gdpr.erase(person)
    donation.refresh_from_db()
    assert donation.donor_erased_at and donation.contact_email == ""


def test_device_figures_with_a_wrong_period_show_the_message_not_a_workbook(client, world):
    client.force_login(world.coordinator_a)
    response = client.get(
        reverse("devices:figures"),
        {"start": "2026-05-01", "end": "2026-01-01", "format": "xlsx"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response["Content-Type"].startswith("text/html")
    assert "error-summary" in response.content.decode()
