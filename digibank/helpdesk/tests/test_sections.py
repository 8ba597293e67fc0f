"""The helpdesk on the person page and the start page; personal data export and erasure."""

import pytest
from django.urls import reverse

from digibank.helpdesk import services
from digibank.helpdesk.models import Contact
from digibank.helpdesk.tests.factories import topic
from digibank.people import services as people_services

pytestmark = pytest.mark.django_db


def _contacts(world):
    services.register_contact(
        digibank=world.digibank_a,
        by=world.staff_a,
        person=world.person_a,
        topics=[topic("ehealth")],
        channel="face",
        notes="Geheime medische vraag",
    )
    services.register_contact(
        digibank=world.digibank_a,
        by=world.volunteer_a,
        person=world.person_a,
        topics=[topic("email")],
        channel="phone",
        notes="Wachtwoord vergeten, opnieuw ingesteld",
    )


def test_the_person_page_respects_the_volunteer_rule(client, world):
    _contacts(world)
    client.force_login(world.volunteer_a)
    page = client.get(reverse("people:detail", args=[world.person_a.pk])).content.decode()
    assert "Wachtwoord vergeten" in page
    assert "Geheime medische vraag" not in page
    client.force_login(world.staff_a)
    page = client.get(reverse("people:detail", args=[world.person_a.pk])).content.decode()
    assert "Geheime medische vraag" in page


def test_the_start_page_shows_todays_helpdesk(client, world):
    from digibank.testing import factories as f

    location = f.LocationFactory(digibank=world.digibank_a, name="Digipunt Test")
    services.join_queue(location=location, by=world.volunteer_a, label="Dirk")
    client.force_login(world.volunteer_a)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("helpdesk:contact_create") in page
    assert "Digipunt Test" in page


def test_export_and_erasure_reach_the_helpdesk(world):
    _contacts(world)
    data = people_services.export_person(person=world.person_a, by=world.coordinator_a)
    assert len(data["helpdesk"]["contacts"]) == 2
    people_services.erase_person(person=world.person_a, by=world.coordinator_a, reason="asked")
    assert not Contact.objects.exclude(notes="").exists()
    assert Contact.objects.count() == 2  # the figures stay
