"""Registering people: minimum data, duplicates, clear messages for bad input."""

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.people import services
from digibank.people.models import Consent, Person
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Rita Vermeulen",
        "year_of_birth": "1948",
        "municipality": "Knokke heist",
        "language": "nl",
        "contact_channel": "phone",
        "phone": "050 12 34 56",
        "target_groups": ["senior"],
        "consents": ["service"],
    }
    data.update(overrides)
    return data


def test_staff_registers_a_person_with_consent_and_target_groups(client, world):
    client.force_login(world.staff_a)
    response = client.post(reverse("people:create"), form_data())
    person = Person.objects.get(name="Rita Vermeulen")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert person.digibank == world.digibank_a
    assert person.municipality.code == "31043"
    assert list(person.target_groups.values_list("code", flat=True)) == ["senior"]
    consent = Consent.objects.get(person=person)
    assert consent.purpose == "service"
    assert consent.given_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="create", target_label=person.reference).exists()


def test_only_the_chosen_channel_is_kept(client, world):
    client.force_login(world.staff_a)
    client.post(
        reverse("people:create"),
        form_data(
            contact_channel="email", email="rita@example.org", street="Dijk 1", postcode="8300"
        ),
    )
    person = Person.objects.get(name="Rita Vermeulen")
    assert person.email == "rita@example.org"
    assert person.street == "" and person.postcode == ""  # an address only for letters


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "83A0", "Een Belgische postcode heeft 4 cijfers"),
        ("postcode", "80000", "Een Belgische postcode heeft 4 cijfers"),
        ("municipality", "Nergenshuizen", "We kennen de gemeente “Nergenshuizen” niet"),
        ("year_of_birth", "2999", "Het geboortejaar kan niet in de toekomst liggen"),
        ("year_of_birth", "1800", "vóór 1900 kan niet"),
        ("year_of_birth", "56", "met vier cijfers"),
        ("name", "x" * 121, "niet meer dan 120 tekens"),
    ],
)
def test_bad_input_gets_a_clear_dutch_message_and_loses_nothing(
    client, world, field, value, message
):
    client.force_login(world.staff_a)
    data = form_data(contact_channel="post", street="Zeedijk 10", postcode="8300")
    data[field] = value
    response = client.post(reverse("people:create"), data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'class="error-summary"' in content
    assert "Zeedijk 10" in content  # what was typed is still there
    assert not Person.objects.filter(digibank=world.digibank_a, year_of_birth=1948).exists()
    # One message per mistake: a malformed postcode is not also "missing".
    assert "Typ de postcode voor brieven" not in content


def test_likely_duplicates_are_shown_before_saving(client, world):
    client.force_login(world.staff_a)
    existing = world.person_a  # "Maria Peeters", 1960
    data = form_data(name="maria  peeters", year_of_birth="1960", phone="0499 99 99 99")
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 200
    assert existing.get_absolute_url() in response.content.decode()
    assert Person.objects.filter(search_name="maria peeters").count() == 1
    # Confirming that it is another person registers them.
    data["confirm_new"] = "on"
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 302
    assert Person.objects.filter(search_name="maria peeters").count() == 2


def test_duplicates_by_phone_and_similar_name():
    person = f.PersonFactory(name="Mohamed El Amrani", year_of_birth=1970, phone="0470 11 22 33")
    same_phone = services.find_likely_duplicates(
        digibank=person.digibank, name="Someone Else", phone="+32 470 11 22 33"
    )
    assert [c.person for c in same_phone] == [person]
    similar = services.find_likely_duplicates(
        digibank=person.digibank, name="Mohammed El Amrani", year_of_birth=1970
    )
    assert [c.person for c in similar] == [person]
    other_digibank = f.DigibankFactory()
    assert not services.find_likely_duplicates(
        digibank=other_digibank, name="Mohamed El Amrani", phone="0470 11 22 33"
    )


def test_volunteer_form_has_no_sensitive_fields(client, world):
    client.force_login(world.volunteer_a)
    page = client.get(reverse("people:create")).content.decode()
    assert 'name="target_groups"' not in page
    assert 'name="notes"' not in page
    assert 'value="post"' not in page
    response = client.post(
        reverse("people:create"),
        form_data(notes="secret", target_groups=["low_income"]),
    )
    person = Person.objects.get(name="Rita Vermeulen")
    assert response.status_code == 302
    assert person.notes == ""
    assert not person.target_groups.exists()


def test_database_refuses_a_channel_without_its_details(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            digibank=world.digibank_a, name="No Phone", contact_channel="phone", phone=""
        )
