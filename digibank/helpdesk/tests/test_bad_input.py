"""Bad input on the helpdesk's forms and lists gets a message or a 404, never a 500:
ids too large for the database, dates at the ends of the calendar."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digibank.digibanks.models import OpeningHours
from digibank.helpdesk.forms import BookingForm, QueueJoinForm, SlotGenerateForm, WhatForm
from digibank.helpdesk.models import Contact, Slot
from digibank.helpdesk.tests.factories import SlotFactory, topic
from digibank.helpdesk.tests.test_registration import _step1, _step2
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
FUZZ = dict(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ids = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just(HUGE),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=25),
)
dates = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(
        datetime.date.isoformat
    ),
    st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "", "morgen"]),
)


@pytest.fixture
def location(world):
    location = f.LocationFactory(digibank=world.digibank_a, offers_helpdesk=True)
    for weekday in range(7):
        OpeningHours.objects.create(
            location=location,
            weekday=weekday,
            opens=datetime.time(9),
            closes=datetime.time(10),
        )
    return location


def test_a_huge_topic_id_on_screen_two_is_an_invalid_choice(client, world):
    client.force_login(world.volunteer_a)
    response = _step2(client, _step1(client), topics=[HUGE])
    assert response.status_code == 200
    assert "geen geldige keuze" in response.content.decode() or "Selecteer een geldige" in (
        response.content.decode()
    )
    assert not Contact.objects.exists()


def test_huge_ids_in_lists_and_buttons_are_not_a_500(client, world):
    client.force_login(world.coordinator_a)
    assert client.get(reverse("helpdesk:slots"), {"location": HUGE}).status_code == 200
    assert client.get(reverse("helpdesk:contacts"), {"topic": HUGE}).status_code == 200
    assert client.get(reverse("helpdesk:contact_create"), {"person": HUGE}).status_code == 200
    assert client.get(reverse("helpdesk:queue"), {"location": HUGE}).status_code == 404
    assert client.post(reverse("helpdesk:calls"), {"booking": HUGE}).status_code == 404


@settings(**FUZZ)
@given(value=ids)
def test_id_fields_never_crash(world, value):
    digibank = world.digibank_a
    what = WhatForm(
        {"topics": [value], "help_kind": "explained", "minutes": "5", "outcome": "solved",
         "helped_by": value},
        digibank=digibank,
        user=world.staff_a,
    )  # fmt: skip
    assert not what.is_valid()
    assert "topics" in what.errors or "helped_by" in what.errors
    queue = QueueJoinForm({"label": "x", "topic": value}, digibank=digibank)
    assert queue.is_valid() == (value == "")
    booking = BookingForm({"person_query": "x", "topic": value}, digibank=digibank)
    assert booking.is_valid() == (value == "")
    slots = SlotGenerateForm(
        {"location": value, "start": "2026-01-01", "end": "2026-01-02", "minutes": "30",
         "capacity": "1"},
        digibank=digibank,
    )  # fmt: skip
    assert not slots.is_valid() and "location" in slots.errors


def test_a_real_topic_id_still_works(world):
    form = QueueJoinForm({"label": "x", "topic": str(topic("email").pk)}, digibank=world.digibank_a)
    assert form.is_valid() and form.cleaned_data["topic"] == topic("email")


@settings(**FUZZ)
@given(start=dates, end=dates)
def test_slot_generation_never_crashes(client, world, location, start, end):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("helpdesk:slot_generate"),
        {"location": location.pk, "start": start, "end": end, "minutes": 30, "capacity": 1},
    )
    assert response.status_code in (200, 302)
    Slot.objects.all().delete()


@settings(**FUZZ)
@given(value=ids)
def test_list_filters_never_crash(client, world, value):
    SlotFactory(digibank=world.digibank_a)
    client.force_login(world.coordinator_a)
    assert client.get(reverse("helpdesk:slots"), {"location": value}).status_code == 200
    assert client.get(reverse("helpdesk:contacts"), {"topic": value}).status_code == 200
    assert client.get(reverse("helpdesk:queue"), {"location": value}).status_code in (200, 404)


@settings(**FUZZ)
@given(start=dates, end=dates)
def test_figures_periods_never_crash(client, world, start, end):
    client.force_login(world.coordinator_a)
    response = client.get(reverse("helpdesk:figures"), {"start": start, "end": end})
    assert response.status_code == 200
