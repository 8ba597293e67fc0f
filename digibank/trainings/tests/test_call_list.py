"""Messages for people without e-mail: the digibank's call list of all trainings (a seat
from the waiting list, reminders, cancellations by either the digibank or of the whole
session), its count on the start page, and the list of one session, also once cancelled."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.people.models import ContactChannel
from digibank.testing import factories as f
from digibank.trainings import services
from digibank.trainings.models import (
    CancelledBy,
    Notification,
    NotificationChannel,
    NotificationKind,
    Registration,
    Session,
)
from digibank.trainings.tests.factories import CourseFactory, session

pytestmark = pytest.mark.django_db


def by_phone(digibank, name, **extra):
    return f.PersonFactory(digibank=digibank, name=name, **extra)


def by_email(digibank, name):
    return f.PersonFactory(
        digibank=digibank,
        name=name,
        contact_channel=ContactChannel.EMAIL,
        email=f"{name.split()[0].lower()}@example.org",
        phone="",
    )


@pytest.fixture
def messages(world, django_capture_on_commit_callbacks):
    """One message of every kind in digibank A for people without e-mail, one by e-mail,
    and one in digibank B."""
    a = world.digibank_a
    full = session(course=CourseFactory(digibank=a, title="Smartphone"), capacity=1)
    dropped = by_phone(a, "Ahmed Dropped")
    seat = services.register(dropped, full, by=world.staff_a, channel="desk")
    promoted = by_phone(a, "Bea Promoted")
    services.register(promoted, full, by=world.staff_a, channel="desk")
    services.cancel_registration(seat, by=world.staff_a, side=CancelledBy.DIGIBANK)

    soon = session(
        course=CourseFactory(digibank=a, title="Tax-on-web"),
        capacity=5,
        starts_in=datetime.timedelta(hours=20),
    )
    reminded = by_phone(a, "Chris Reminded", language="fr")
    services.register(reminded, soon, by=world.staff_a, channel="desk")
    services.register(by_email(a, "Dora Mail"), soon, by=world.staff_a, channel="desk")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders()

    off = session(course=CourseFactory(digibank=a, title="Itsme"), capacity=5)
    told = by_phone(a, "Emma Told")
    services.register(told, off, by=world.staff_a, channel="desk")
    services.cancel_session(session=off, by=world.coordinator_a)

    other = session(course=CourseFactory(digibank=world.digibank_b), capacity=5)
    services.register(world.person_b, other, by=world.coordinator_b, channel="desk")
    services.cancel_session(session=other, by=world.coordinator_b)
    return {
        "dropped": dropped,
        "promoted": promoted,
        "reminded": reminded,
        "told": told,
        "full": full,
        "off": off,
        "soon": soon,
    }


def test_the_digibank_call_list_has_every_kind_of_message(client, world, messages):
    client.force_login(world.volunteer_a)
    url = reverse("trainings:calls")
    response = client.get(url)
    html = response.content.decode()
    for key in ("dropped", "promoted", "reminded", "told"):
        assert messages[key].name in html, key
    assert "Dora Mail" not in html  # told by e-mail
    assert world.person_b.name not in html  # another digibank
    assert response.context["page_obj"].paginator.count == 4
    # In the person's own language: Chris reads French.
    assert "Rappel" in html
    assert "We moesten uw inschrijving annuleren" in html
    assert "De sessie is geannuleerd." in html and "Er kwam een plaats vrij" in html
    # Phone numbers of citizens: who saw which person is logged, one event per person.
    events = AuditEvent.objects.filter(action="view", note="training call list")
    assert sorted(events.values_list("target_id", flat=True)) == sorted(
        str(messages[k].pk) for k in ("dropped", "promoted", "reminded", "told")
    )
    assert {e.actor_id for e in events} == {world.volunteer_a.pk}


def test_marking_a_call_takes_it_off_the_list(client, world, messages):
    client.force_login(world.staff_a)
    url = reverse("trainings:calls")
    notification = Notification.objects.get(registration__person=messages["told"])
    response = client.post(url, {"notification": notification.pk})
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.called_at is not None
    assert messages["told"].name not in client.get(url).content.decode()
    assert AuditEvent.objects.filter(action="change", actor=world.staff_a).exists()
    # Twice is harmless; nonsense and another digibank's message are not found.
    assert client.post(url, {"notification": notification.pk}).status_code == 302
    assert client.post(url, {"notification": "abc"}).status_code == 404
    elsewhere = Notification.objects.get(registration__person=world.person_b)
    assert client.post(url, {"notification": elsewhere.pk}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.called_at is None


def test_a_message_leaves_the_list_when_it_is_no_longer_true(world, messages):
    def listed():
        return {
            n.registration.person.name for n in services.calls_to_make(digibank=world.digibank_a)
        }

    assert listed() == {"Ahmed Dropped", "Bea Promoted", "Chris Reminded", "Emma Told"}
    # Bea cancels herself: the news of her seat is moot.
    services.cancel_registration(
        Registration.objects.get(person=messages["promoted"]), by=world.staff_a
    )
    # Ahmed registers again: the news that he lost his place is moot.
    services.register(messages["dropped"], messages["full"], by=world.staff_a, channel="desk")
    assert listed() == {"Chris Reminded", "Emma Told"}
    # Once the meeting has begun, its reminder is moot; after the session, everything is.
    meeting = messages["soon"].meetings.get()
    later = meeting.starts_at + datetime.timedelta(minutes=1)
    assert {
        n.registration.person.name
        for n in services.calls_to_make(digibank=world.digibank_a, now=later)
    } == {"Emma Told"}
    far = timezone.now() + datetime.timedelta(days=30)
    assert not services.calls_to_make(digibank=world.digibank_a, now=far).exists()


def test_the_start_page_counts_the_calls(client, world, messages):
    client.force_login(world.staff_a)
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("trainings:calls") in html
    assert "4 berichten over opleidingen om door te bellen" in html
    client.force_login(world.coordinator_b)  # digibank B: one call of its own
    html = client.get(reverse("core:home")).content.decode()
    assert "1 bericht over opleidingen om door te bellen" in html
    client.force_login(world.funder)
    assert reverse("trainings:calls") not in client.get(reverse("core:home")).content.decode()


def test_a_cancelled_session_still_leads_to_its_call_list(client, world, messages):
    off = messages["off"]
    client.force_login(world.volunteer_a)
    page = client.get(reverse("trainings:session", args=[off.pk])).content.decode()
    url = reverse("trainings:call_list", args=[off.pk])
    assert url in page
    assert "1 persoon zonder e-mail moet nog gebeld worden." in page
    html = client.get(url).content.decode()
    assert "Emma Told" in html and "De sessie is geannuleerd." in html
    assert "Iedereen is bereikbaar via e-mail." not in html  # nobody has a seat any more
    events = AuditEvent.objects.filter(action="view", note=f"call list {off.reference}")
    assert list(events.values_list("target_id", flat=True)) == [str(messages["told"].pk)]


# --- Cancellation by the digibank tells the person, once -----------------------------------


def test_the_digibank_cancelling_a_seat_tells_the_person_once(
    world, django_capture_on_commit_callbacks
):
    target = session(course=CourseFactory(digibank=world.digibank_a, title="Mail"), capacity=2)
    reader = by_email(world.digibank_a, "Fons Mail")
    registration = services.register(reader, target, by=world.staff_a, channel="desk")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration, by=world.staff_a, side=CancelledBy.DIGIBANK)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [reader.email]
    assert "Uw inschrijving is geannuleerd" in mail.outbox[0].subject
    assert "Mail" in mail.outbox[0].body
    notification = Notification.objects.get(registration=registration)
    assert notification.kind == NotificationKind.REGISTRATION_CANCELLED
    assert notification.sent_at is not None
    # Cancelled already: refused, and nothing is sent again, not even by the command.
    with pytest.raises(services.TrainingError):
        services.cancel_registration(registration, by=world.staff_a, side=CancelledBy.DIGIBANK)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders()
    assert len(mail.outbox) == 1
    # Registered again and cancelled again: that is new news, told once more.
    services.register(reader, target, by=world.staff_a, channel="desk")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration, by=world.staff_a, side=CancelledBy.DIGIBANK)
    assert len(mail.outbox) == 2


def test_who_is_told_of_a_cancellation(world):
    target = session(course=CourseFactory(digibank=world.digibank_a), capacity=1)
    seat = services.register(world.person_a, target, by=world.staff_a, channel="desk")
    waiting = services.register(
        by_phone(world.digibank_a, "Gina Waiting"), target, by=world.staff_a, channel="desk"
    )
    # The digibank takes someone off the waiting list: told, on the call list.
    services.cancel_registration(waiting, by=world.staff_a, side=CancelledBy.DIGIBANK)
    notification = Notification.objects.get(registration=waiting)
    assert notification.kind == NotificationKind.REGISTRATION_CANCELLED
    assert notification.channel == NotificationChannel.CALL
    # The person cancels themselves: they know already.
    services.cancel_registration(seat, by=world.staff_a, side=CancelledBy.PERSON)
    assert not Notification.objects.filter(registration=seat).exists()
    # After the session is over, nobody is told any more.
    past = session(course=CourseFactory(digibank=world.digibank_a))
    late = services.register(world.person_a, past, by=world.staff_a, channel="phone")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Session.objects.filter(pk=past.pk).update(
        first_starts_at=yesterday - datetime.timedelta(hours=2), last_ends_at=yesterday
    )
    services.cancel_registration(late, by=world.staff_a, side=CancelledBy.DIGIBANK)
    assert not Notification.objects.filter(registration=late).exists()


def test_the_cancel_page_says_the_person_will_be_told(client, world):
    target = session(course=CourseFactory(digibank=world.digibank_a), capacity=2)
    registration = services.register(world.person_a, target, by=world.staff_a, channel="desk")
    client.force_login(world.volunteer_a)
    response = client.post(
        reverse("trainings:registration_cancel", args=[registration.pk]),
        {"side": "digibank"},
        follow=True,
    )
    assert "Maria Peeters krijgt bericht." in response.content.decode()
    notification = Notification.objects.get(registration=registration)
    assert notification.channel == NotificationChannel.CALL


def test_moving_one_meeting_tells_everyone_with_a_seat_once(
    client, world, django_capture_on_commit_callbacks
):
    planned = session(
        course=CourseFactory(digibank=world.digibank_a, meetings_count=3),
        meetings=3,
        capacity=5,
        by=world.staff_a,
    )
    phone, mailer = by_phone(world.digibank_a, "Jan Phone"), by_email(world.digibank_a, "Eva Mail")
    for person in (phone, mailer):
        services.register(person, planned, by=world.staff_a, channel="desk")
    second = planned.meetings.order_by("starts_at")[1]
    new_day = timezone.localdate(second.starts_at) + datetime.timedelta(days=1)
    client.force_login(world.staff_a)
    url = reverse("trainings:meeting_move", args=[planned.pk, second.pk])
    data = {"day": new_day.isoformat(), "start_time": "13:30", "end_time": "15:30"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    second.refresh_from_db()
    assert timezone.localtime(second.starts_at).date() == new_day
    assert timezone.localtime(second.starts_at).strftime("%H:%M") == "13:30"
    moved = Notification.objects.filter(kind=NotificationKind.MEETING_MOVED)
    assert moved.count() == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [mailer.email]
    assert services.calls_to_make(digibank=world.digibank_a).filter(kind="moved").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)  # the same move again: nobody is told twice
    assert moved.count() == 2 and len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="change", fields=["meetings"]).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_time": "15:00", "end_time": "14:00"}, "end time must be after"),
        ({"day": "2999-01-01"}, "Choose"),
    ],
)
def test_a_meeting_cannot_move_to_an_impossible_time(client, world, change, message):
    planned = session(course=CourseFactory(digibank=world.digibank_a, meetings_count=2), meetings=2)
    _first, second = planned.meetings.order_by("starts_at")
    client.force_login(world.staff_a)
    data = {
        "day": timezone.localdate(second.starts_at).isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        **change,
    }
    response = client.post(
        reverse("trainings:meeting_move", args=[planned.pk, second.pk]),
        data,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_meeting_cannot_move_onto_another_meeting_of_the_series(world):
    planned = session(course=CourseFactory(digibank=world.digibank_a, meetings_count=2), meetings=2)
    first, second = planned.meetings.order_by("starts_at")
    local = timezone.localtime(first.starts_at)
    with pytest.raises(services.TrainingError):
        services.move_meeting(
            meeting=second,
            by=world.staff_a,
            day=local.date(),
            start=local.time(),
            end=(local + datetime.timedelta(hours=1)).time(),
        )
