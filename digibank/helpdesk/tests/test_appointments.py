"""Slots, bookings (also the last place at the same moment), reminders and no-shows."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.digibanks.models import OpeningHours
from digibank.helpdesk import services
from digibank.helpdesk.models import Booking, Slot
from digibank.helpdesk.tests.factories import SlotFactory
from digibank.testing import factories as f


@pytest.fixture
def location(world):
    location = f.LocationFactory(digibank=world.digibank_a, offers_helpdesk=True)
    OpeningHours.objects.create(
        location=location, weekday=0, opens=datetime.time(13, 30), closes=datetime.time(16, 30)
    )
    return location


@pytest.mark.django_db
def test_slots_are_cut_from_opening_hours_and_never_twice(world, location):
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    made = services.create_slots(
        location=location, by=world.staff_a, start=monday, end=monday + datetime.timedelta(6)
    )
    assert made == 6  # 13:30 to 16:30 in half hours
    again = services.create_slots(
        location=location, by=world.staff_a, start=monday, end=monday + datetime.timedelta(6)
    )
    assert again == 0
    assert Slot.objects.count() == 6


@pytest.mark.django_db
def test_slots_through_the_page_with_bad_input(client, world, location):
    client.force_login(world.coordinator_a)
    url = reverse("helpdesk:slot_generate")
    response = client.post(
        url, {"location": location.pk, "start": "2026-02-10", "end": "2026-01-01", "minutes": 30}
    )
    assert response.status_code == 200 and response.context["form"].errors
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "location": location.pk,
            "start": today.isoformat(),
            "end": (today + datetime.timedelta(days=13)).isoformat(),
            "minutes": 30,
            "capacity": 1,
        },
    )
    assert response.status_code == 302
    assert Slot.objects.filter(location=location).count() >= 6


@pytest.mark.django_db
def test_booking_the_last_place_twice_is_refused(world):
    slot = SlotFactory(digibank=world.digibank_a, capacity=1)
    services.book_slot(slot=slot, person=world.person_a, by=world.staff_a)
    other = f.PersonFactory(digibank=world.digibank_a)
    with pytest.raises(services.HelpdeskError, match="volzet"):
        services.book_slot(slot=slot, person=other, by=world.staff_a)
    with pytest.raises(services.HelpdeskError):
        services.book_slot(slot=slot, person=world.person_b, by=world.staff_a)


@pytest.mark.django_db
def test_booking_through_the_page_and_recording_a_no_show(client, world):
    slot = SlotFactory(digibank=world.digibank_a, capacity=2)
    client.force_login(world.volunteer_a)
    url = reverse("helpdesk:slot", args=[slot.pk])
    response = client.post(url, {"person_query": world.person_a.reference})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.person == world.person_a and booking.seat == 1
    again = client.post(url, {"person_query": world.person_a.reference})
    assert "heeft deze afspraak al" in again.content.decode()
    nobody = client.post(url, {"person_query": "Niemand Bestaatniet"})
    assert "Niemand gevonden" in nobody.content.decode()
    # Too early to record a no-show.
    status_url = reverse("helpdesk:booking_status", args=[booking.pk])
    client.post(status_url, {"status": "no_show"})
    booking.refresh_from_db()
    assert booking.status == "booked"
    Slot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    client.post(status_url, {"status": "no_show"})
    booking.refresh_from_db()
    assert booking.status == "no_show"
    assert services.no_show_count(world.person_a) == 1
    page = client.get(url).content.decode()
    assert "1 keer niet gekomen" in page


@pytest.mark.django_db
def test_reminders_go_once_and_only_with_consent(world):
    person = f.PersonFactory(
        digibank=world.digibank_a, email="an@example.org", contact_channel="email"
    )
    from digibank.people.services import set_consents

    set_consents(person=person, by=world.staff_a, purposes=["contact"])
    no_consent = f.PersonFactory(
        digibank=world.digibank_a, email="bo@example.org", contact_channel="email"
    )
    slot = SlotFactory(
        digibank=world.digibank_a,
        capacity=3,
        starts_at=timezone.now() + datetime.timedelta(hours=20),
    )
    services.book_slot(slot=slot, person=person, by=world.staff_a)
    services.book_slot(slot=slot, person=no_consent, by=world.staff_a)
    call_command("send_helpdesk_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_helpdesk_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [["an@example.org"]]
    assert Booking.objects.get(person=person).reminder_sent_at is not None


def _contactable(world, **kwargs):
    from digibank.people.services import set_consents

    person = f.PersonFactory(digibank=world.digibank_a, **kwargs)
    set_consents(person=person, by=world.staff_a, purposes=["contact"])
    return person


@pytest.mark.django_db
def test_people_without_email_are_on_the_call_list_and_called_once(
    world, client, django_assert_max_num_queries
):
    slot = SlotFactory(
        digibank=world.digibank_a,
        capacity=5,
        starts_at=timezone.now() + datetime.timedelta(hours=20),
    )
    by_mail = _contactable(world, email="an@example.org", contact_channel="email")
    by_phone = [
        _contactable(world, email="", phone=f"047012345{i}", contact_channel="phone")
        for i in range(3)
    ]
    silent = f.PersonFactory(digibank=world.digibank_a, email="", phone="0470999999")
    for person in [by_mail, *by_phone, silent]:
        services.book_slot(slot=slot, person=person, by=world.staff_a)
    later = SlotFactory(
        digibank=world.digibank_a, starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    services.book_slot(slot=later, person=by_phone[0], by=world.staff_a)

    # The e-mail reminder and the call list share the people: no one gets both.
    assert services.send_reminders() == 1
    listed = list(services.calls_to_make(digibank=world.digibank_a))
    assert {b.person for b in listed} == set(by_phone)  # not the e-mail one, not without consent
    assert all(b.slot == slot for b in listed)  # only the next two days

    client.force_login(world.volunteer_a)
    url = reverse("helpdesk:calls")
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert by_phone[0].phone in page and silent.phone not in page and "an@example.org" not in page
    booking = listed[0]
    response = client.post(url, {"booking": booking.pk})
    assert response.status_code == 302
    client.post(url, {"booking": booking.pk})  # a second click changes nothing
    booking.refresh_from_db()
    assert booking.reminder_sent_at is not None
    assert len(services.calls_to_make(digibank=world.digibank_a)) == 2
    assert (
        AuditEvent.objects.filter(target_label=booking.person.audit_label, action="change").count()
        == 1
    )
    assert services.send_reminders() == 0  # called people get no e-mail afterwards
    # Bad input and other digibanks: a clear refusal, never a 500.
    assert client.post(url, {"booking": "abc"}).status_code == 404
    other = SlotFactory(digibank=world.digibank_b, starts_at=slot.starts_at)
    theirs = services.book_slot(slot=other, person=world.person_b, by=world.coordinator_b)
    assert client.post(url, {"booking": theirs.pk}).status_code == 404


@pytest.mark.django_db
def test_the_call_list_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    client.force_login(world.staff_a)
    url = reverse("helpdesk:calls")
    slot = SlotFactory(
        digibank=world.digibank_a,
        capacity=20,
        starts_at=timezone.now() + datetime.timedelta(hours=3),
    )
    counts = []
    for n in (2, 12):
        while Booking.objects.filter(slot=slot).count() < n:
            person = _contactable(world, email="", phone="0470000000", contact_channel="phone")
            services.book_slot(slot=slot, person=person, by=world.staff_a)
        from django.db import connection as conn
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(conn) as ctx:
            assert client.get(url).status_code == 200
        # Everyone listed is logged, in one insert: the count stays flat.
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_booking_the_last_place_at_the_same_moment(world):
    slot = SlotFactory(digibank=world.digibank_a, capacity=1)
    people = [f.PersonFactory(digibank=world.digibank_a) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def book(person):
        try:
            barrier.wait()
            services.book_slot(slot=slot, person=person, by=world.staff_a)
            outcomes.append("booked")
        except services.HelpdeskError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["booked", "refused"]
    assert Booking.objects.filter(slot=slot).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_booking_on_one_place(world):
    from django.db import IntegrityError, transaction

    slot = SlotFactory(digibank=world.digibank_a, capacity=1)
    Booking.objects.create(digibank=world.digibank_a, slot=slot, seat=1, person=world.person_a)
    other = f.PersonFactory(digibank=world.digibank_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(digibank=world.digibank_a, slot=slot, seat=1, person=other)


@pytest.mark.django_db
def test_the_slot_list_keeps_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    location = f.LocationFactory(digibank=world.digibank_a)
    start = timezone.now() + datetime.timedelta(days=1)

    def slots(first, count):
        for n in range(first, first + count):
            slot = SlotFactory(
                digibank=world.digibank_a,
                location=location,
                starts_at=start + datetime.timedelta(hours=n),
            )
            services.book_slot(
                slot=slot, person=f.PersonFactory(digibank=world.digibank_a), by=world.staff_a
            )

    slots(0, 2)
    client.force_login(world.volunteer_a)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("helpdesk:slots"))
    slots(2, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("helpdesk:slots"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_volunteers_booking_for_a_sensitive_topic_is_for_a_professional(client, world):
    from digibank.helpdesk.tests.factories import topic

    slot = SlotFactory(digibank=world.digibank_a, capacity=3)
    other = f.PersonFactory(digibank=world.digibank_a)
    flagged = services.book_slot(
        slot=slot, person=world.person_a, by=world.volunteer_a, topic=topic("tax-on-web")
    )
    technical = services.book_slot(
        slot=slot, person=other, by=world.volunteer_a, topic=topic("email")
    )
    assert flagged.for_professional and not technical.for_professional
    by_staff = services.book_slot(
        slot=slot,
        person=f.PersonFactory(digibank=world.digibank_a),
        by=world.staff_a,
        topic=topic("tax-on-web"),
    )
    assert not by_staff.for_professional
    client.force_login(world.volunteer_a)
    page = client.get(reverse("helpdesk:slot", args=[slot.pk])).content.decode()
    assert page.count("(voor een professional)") == 1
    client.force_login(world.staff_a)
    handovers = client.get(reverse("helpdesk:handovers")).content.decode()
    assert "Afspraken voor een professional" in handovers
    assert world.person_a.display_name in handovers
    assert other.display_name not in handovers
    # Cancelled: no longer on the list.
    services.set_booking_status(booking=flagged, by=world.staff_a, status="cancelled")
    handovers = client.get(reverse("helpdesk:handovers")).content.decode()
    assert world.person_a.display_name not in handovers


@pytest.mark.django_db
def test_no_shows_and_cancellations_are_in_the_audit_log(world):
    slot = SlotFactory(digibank=world.digibank_a, capacity=2)
    booking = services.book_slot(slot=slot, person=world.person_a, by=world.staff_a)
    services.set_booking_status(booking=booking, by=world.volunteer_a, status="cancelled")
    event = AuditEvent.objects.filter(actor=world.volunteer_a).get()
    assert event.fields == ["helpdesk_booking_cancelled"]
    assert event.target_id == str(world.person_a.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, end, message",
    [
        ("9999-12-30", "9999-12-31", "hoogstens twee jaar"),
        ("0001-01-01", "0001-01-02", "hoogstens een jaar geleden"),
    ],
)
def test_slot_days_far_away_get_a_message(client, world, location, start, end, message):
    client.force_login(world.coordinator_a)
    response = client.post(
        reverse("helpdesk:slot_generate"),
        {"location": location.pk, "start": start, "end": end, "minutes": 30, "capacity": 1},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    with pytest.raises(services.HelpdeskError):
        services.create_slots(
            location=location,
            by=world.coordinator_a,
            start=datetime.date.fromisoformat(start),
            end=datetime.date.fromisoformat(end),
        )
    assert not Slot.objects.exists()
