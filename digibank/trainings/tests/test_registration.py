"""Registration, the waiting list, cancellation and messages (the service rules)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.people import services as people_services
from digibank.people.models import ContactChannel
from digibank.testing import factories as f
from digibank.trainings import services
from digibank.trainings.models import (
    CancelledBy,
    Channel,
    Notification,
    NotificationChannel,
    NotificationKind,
    Registration,
    RegistrationStatus,
)
from digibank.trainings.tests.factories import CourseFactory, session

pytestmark = pytest.mark.django_db


def emailed_person(digibank, name):
    return f.PersonFactory(
        digibank=digibank,
        name=name,
        contact_channel=ContactChannel.EMAIL,
        email=f"{name.lower().replace(' ', '.')}@example.org",
        phone="",
    )


@pytest.fixture
def setting(world):
    course = CourseFactory(digibank=world.digibank_a, title="Start with e-mail")
    return session(course=course, capacity=2)


def test_seats_then_waiting_list(world, setting):
    people = [f.PersonFactory(digibank=world.digibank_a) for _ in range(3)]
    statuses = [
        services.register(p, setting, by=world.staff_a, channel=Channel.DESK).status for p in people
    ]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    waiting = Registration.objects.get(person=people[2])
    assert waiting.waiting_since is not None
    assert (
        AuditEvent.objects.filter(action="create", target_type="trainings.registration").count()
        == 3
    )


def test_self_registration_has_no_acting_user(world, setting):
    """The public pages will call the same function with by=None."""
    registration = services.register(world.person_a, setting)
    assert registration.channel == Channel.SELF
    assert registration.registered_by is None
    with pytest.raises(ValueError):
        services.register(f.PersonFactory(digibank=world.digibank_a), setting, channel="desk")


def test_a_person_registers_once(world, setting):
    services.register(world.person_a, setting, by=world.staff_a, channel=Channel.DESK)
    with pytest.raises(services.TrainingError, match="already has a seat"):
        services.register(world.person_a, setting, by=world.volunteer_a, channel=Channel.PHONE)
    assert Registration.objects.filter(person=world.person_a).count() == 1


def test_rules_say_no_with_a_message(world, setting):
    with pytest.raises(services.TrainingError, match="another digibank"):
        services.register(world.person_b, setting, by=world.staff_a, channel=Channel.DESK)
    gone = f.PersonFactory(digibank=world.digibank_a)
    people_services.erase_person(person=gone, by=world.coordinator_a)
    gone.refresh_from_db()
    with pytest.raises(services.TrainingError, match="anonymised"):
        services.register(gone, setting, by=world.staff_a, channel=Channel.DESK)
    past = session(course=setting.course, starts_in=datetime.timedelta(days=-3))
    with pytest.raises(services.TrainingError, match="over"):
        services.register(world.person_a, past, by=world.staff_a, channel=Channel.DESK)
    started = session(course=setting.course, starts_in=datetime.timedelta(hours=-1))
    with pytest.raises(services.TrainingError, match="already started"):
        services.register(world.person_a, started)
    # Staff may still add someone at the door of a session that has started.
    assert services.register(world.person_a, started, by=world.staff_a, channel="desk")


def test_cancelling_a_seat_promotes_the_first_waiting_and_tells_them_once(
    world, setting, django_capture_on_commit_callbacks
):
    first, second = (f.PersonFactory(digibank=world.digibank_a) for _ in range(2))
    seat = services.register(first, setting, by=world.staff_a, channel="desk")
    services.register(second, setting, by=world.staff_a, channel="desk")
    early = emailed_person(world.digibank_a, "Ann Early")
    late = emailed_person(world.digibank_a, "Bob Late")
    services.register(early, setting, by=world.staff_a, channel="desk")
    services.register(late, setting, by=world.staff_a, channel="desk")

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(seat, by=world.staff_a)
    assert [r.person for r in promoted] == [early]
    assert Registration.objects.get(person=early).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(person=late).status == RegistrationStatus.WAITING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [early.email]
    assert "Start with e-mail" in mail.outbox[0].subject
    notification = Notification.objects.get(kind=NotificationKind.PROMOTED)
    assert notification.sent_at is not None

    # A second attempt to deliver, or to cancel again, tells nobody twice.
    assert services.deliver(notification.pk) is False
    with pytest.raises(services.TrainingError, match="already cancelled"):
        services.cancel_registration(seat, by=world.staff_a)
    assert len(mail.outbox) == 1


def test_leaving_the_waiting_list_promotes_nobody(world, setting):
    for _ in range(2):
        services.register(
            f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
        )
    waiting = services.register(world.person_a, setting, by=world.staff_a, channel="desk")
    assert services.cancel_registration(waiting, side=CancelledBy.PERSON) == []
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CANCELLED
    assert waiting.cancelled_by == CancelledBy.PERSON


def test_registering_again_after_cancelling_joins_the_end_of_the_queue(world, setting):
    holders = [f.PersonFactory(digibank=world.digibank_a) for _ in range(2)]
    for p in holders:
        services.register(p, setting, by=world.staff_a, channel="desk")
    registration = services.register(world.person_a, setting, by=world.staff_a, channel="desk")
    other = services.register(
        f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
    )
    services.cancel_registration(registration, by=world.staff_a, side=CancelledBy.DIGIBANK)
    again = services.register(world.person_a, setting, by=world.staff_a, channel="phone")
    assert again.pk == registration.pk
    assert again.status == RegistrationStatus.WAITING
    assert again.waiting_since > other.waiting_since
    first_seat = Registration.objects.get(person=holders[0])
    promoted = services.cancel_registration(first_seat, by=world.staff_a)
    assert [r.pk for r in promoted] == [other.pk]


def test_people_without_email_are_on_the_call_list(world, setting):
    for _ in range(2):
        services.register(
            f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
        )
    waiting = services.register(world.person_a, setting, by=world.staff_a, channel="desk")
    seat = Registration.objects.confirmed().filter(session=setting).first()
    services.cancel_registration(seat, by=world.staff_a)
    calls = list(services.calls_to_make(digibank=world.digibank_a, session=setting))
    assert [n.registration_id for n in calls] == [waiting.pk]
    assert calls[0].channel == NotificationChannel.CALL
    services.mark_called(notification=calls[0], by=world.staff_a)
    assert not services.calls_to_make(digibank=world.digibank_a, session=setting).exists()


def test_more_seats_promote_from_the_waiting_list(world, setting):
    people = [f.PersonFactory(digibank=world.digibank_a) for _ in range(4)]
    for p in people:
        services.register(p, setting, by=world.staff_a, channel="desk")
    promoted = services.update_session(
        session=setting, by=world.staff_a, capacity=3, location=setting.location
    )
    assert [r.person for r in promoted] == [people[2]]
    with pytest.raises(services.TrainingError, match="already have a seat"):
        services.update_session(
            session=setting, by=world.staff_a, capacity=1, location=setting.location
        )


def test_cancelling_a_session_tells_everyone(world, setting, django_capture_on_commit_callbacks):
    reader = emailed_person(world.digibank_a, "Carla Mail")
    services.register(reader, setting, by=world.staff_a, channel="desk")
    services.register(world.person_a, setting, by=world.staff_a, channel="desk")
    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_session(session=setting, by=world.coordinator_a)
    assert told == 2
    assert not Registration.objects.active().filter(session=setting).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [reader.email]
    assert services.calls_to_make(digibank=world.digibank_a, session=setting).count() == 1
    with pytest.raises(services.TrainingError):
        services.register(
            world.person_b.__class__.objects.get(pk=world.person_a.pk),
            setting,
            by=world.staff_a,
            channel="desk",
        )


def test_reminders_are_sent_once_per_meeting(world, django_capture_on_commit_callbacks):
    course = CourseFactory(digibank=world.digibank_a, meetings_count=2)
    series = session(course=course, capacity=5, starts_in=datetime.timedelta(hours=20), meetings=2)
    reader = emailed_person(world.digibank_a, "Dirk Mail")
    services.register(reader, series, by=world.staff_a, channel="desk")
    services.register(world.person_a, series, by=world.staff_a, channel="desk")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.send_reminders()
    assert (run.emailed, run.to_call) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.send_reminders()
    assert (again.emailed, again.to_call) == (0, 0)
    assert len(mail.outbox) == 1
    assert "Reminder" in mail.outbox[0].subject or "Herinnering" in mail.outbox[0].subject
    # A week later the second meeting gets its own reminder.
    later = timezone.now() + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders(now=later)
    assert len(mail.outbox) == 2


def test_reminders_come_in_the_persons_language(world, django_capture_on_commit_callbacks):
    course = CourseFactory(digibank=world.digibank_a, title="Smartphone")
    soon = session(course=course, capacity=5, starts_in=datetime.timedelta(hours=5))
    reader = emailed_person(world.digibank_a, "Eva Mail")
    reader.language = "fr"
    reader.save()
    services.register(reader, soon, by=world.staff_a, channel="desk")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders()
    assert mail.outbox[0].subject.startswith("Rappel")


def test_a_failed_email_is_tried_again(
    world, setting, monkeypatch, django_capture_on_commit_callbacks
):
    reader = emailed_person(world.digibank_a, "Fien Mail")
    for _ in range(2):
        services.register(
            f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
        )
    services.register(reader, setting, by=world.staff_a, channel="desk")

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken)
    seat = Registration.objects.confirmed().filter(session=setting).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(seat, by=world.staff_a)
    assert Notification.objects.get().sent_at is None
    monkeypatch.undo()
    assert services.deliver_pending() == 1
    assert services.deliver_pending() == 0
    assert len(mail.outbox) == 1


def test_erasing_a_person_frees_their_seat(world, setting):
    services.register(world.person_a, setting, by=world.staff_a, channel="desk")
    services.register(
        f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
    )
    waiting = services.register(
        f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
    )
    people_services.erase_person(person=world.person_a, by=world.coordinator_a)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    data = people_services.export_person(person=waiting.person, by=world.coordinator_a)
    assert data["trainings"][0]["status"] == "confirmed"


def test_a_message_for_someone_without_email_any_more_goes_to_the_call_list(world, setting):
    reader = emailed_person(world.digibank_a, "Gert Mail")
    for _ in range(2):
        services.register(
            f.PersonFactory(digibank=world.digibank_a), setting, by=world.staff_a, channel="desk"
        )
    services.register(reader, setting, by=world.staff_a, channel="desk")
    seat = Registration.objects.confirmed().filter(session=setting).first()
    services.cancel_registration(seat, by=world.staff_a)  # the e-mail waits for the commit
    reader.contact_channel = ContactChannel.PHONE
    reader.phone = "050 11 22 33"
    reader.email = ""
    reader.save()
    assert services.deliver_pending() == 0
    assert len(mail.outbox) == 0
    calls = services.calls_to_make(digibank=world.digibank_a, session=setting)
    assert [n.registration.person for n in calls] == [reader]


def test_reminder_command(world, django_capture_on_commit_callbacks):
    import io

    from django.core.management import CommandError, call_command

    soon = session(course=CourseFactory(digibank=world.digibank_a), capacity=3)
    services.register(
        emailed_person(world.digibank_a, "Hilde Mail"), soon, by=world.staff_a, channel="desk"
    )
    services.register(world.person_a, soon, by=world.staff_a, channel="desk")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_reminders", "--hours", "96", stdout=out)
    assert "1 by e-mail, 1 on the call list" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("send_training_reminders", "--hours", "0")
