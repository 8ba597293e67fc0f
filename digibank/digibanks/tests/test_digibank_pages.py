import pytest
from django.test import Client
from django.urls import reverse

from digibank.digibanks.models import Location, Organisation, Partnership

pytestmark = pytest.mark.django_db


def test_coordinator_adds_a_partner_reusing_a_known_organisation(client, world):
    library = Organisation.objects.create(
        name="Bibliotheek", kind="library", enterprise_number="0207451227"
    )
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("digibanks:partner_add"),
        {
            "name": "Bib",
            "kind": "library",
            "enterprise_number": "0207.451.227",
            "role": "location_host",
        },
    )
    assert response.status_code == 302
    assert Partnership.objects.get(digibank=world.digibank_a, organisation=library)


def test_invalid_enterprise_number_gets_a_message(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("digibanks:partner_add"),
        {"name": "X", "kind": "company", "enterprise_number": "0123.456.789", "role": "partner"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_location_with_opening_hours_and_checked_postcode(client, world):
    client.force_login(world.coordinator_a)
    data = {
        "name": "Digipunt",
        "kind": "fixed",
        "street": "Markt 1",
        "postcode": "8000",
        "municipality": "Knokke-Heist",
        "offers_helpdesk": "on",
        "is_active": "on",
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-0-weekday": "0",
        "hours-0-opens": "13:30",
        "hours-0-closes": "16:30",
        "hours-1-weekday": "",
        "hours-1-opens": "",
        "hours-1-closes": "",
    }
    response = client.post(reverse("digibanks:location_add"), data)
    assert response.status_code == 200  # 8000 is not a postcode of Knokke-Heist
    data["postcode"] = "8300"
    data["hours-0-closes"] = "12:00"  # closes before it opens
    response = client.post(reverse("digibanks:location_add"), data)
    assert response.status_code == 200
    data["hours-0-closes"] = "16:30"
    response = client.post(reverse("digibanks:location_add"), data)
    assert response.status_code == 302
    location = Location.objects.get(name="Digipunt")
    assert location.digibank == world.digibank_a
    assert [str(h) for h in location.opening_hours.all()] == [
        "Maandag 13:30–16:30"
    ]  # Django translates weekdays


def test_a_second_location_with_the_same_name_gets_a_message_not_an_error(client, world):
    Location.objects.create(
        digibank=world.digibank_a, name="Digipunt", postcode="8300", municipality_id="31043"
    )
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("digibanks:location_add"),
        {
            "name": "digipunt",
            "kind": "fixed",
            "postcode": "8300",
            "municipality": "Knokke-Heist",
            "is_active": "on",
            "hours-TOTAL_FORMS": "0",
            "hours-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "heeft al een locatie met deze naam" in response.content.decode()
    assert Location.objects.filter(digibank=world.digibank_a).count() == 1


def test_removing_a_partner_ends_the_access_of_its_workers(client, world):
    partnership = Partnership.objects.get(
        digibank=world.digibank_a, organisation=world.partner_org_a
    )
    client.force_login(world.partner_a)
    assert client.get(reverse("referrals:partner_list")).status_code == 200

    coordinator = Client()
    coordinator.force_login(world.coordinator_a)
    response = coordinator.post(
        reverse("digibanks:partner_edit", args=[partnership.pk]), {"remove": "1"}
    )
    assert response.status_code == 302
    assert not world.partner_a.memberships.filter(is_active=True).exists()
    assert client.get(reverse("referrals:partner_list")).status_code in (403, 404)


def test_a_digibank_keeps_personal_data_no_longer_than_the_installation(client, world, settings):
    settings.PERSON_RETENTION_MONTHS = 36
    client.force_login(world.coordinator_a)
    url = reverse("digibanks:edit", args=[world.digibank_a.pk])
    response = client.post(url, {"retention_months": "60", "email": "", "phone": ""})
    assert response.status_code == 200
    assert "36" in response.content.decode()
    world.digibank_a.refresh_from_db()
    assert world.digibank_a.retention_months != 60
    response = client.post(url, {"retention_months": "24", "email": "", "phone": ""})
    assert response.status_code == 302
    world.digibank_a.refresh_from_db()
    assert world.digibank_a.retention_months == 24
