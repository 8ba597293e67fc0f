"""Calling off one meeting of a series: everyone with a seat is told once, and the meeting
counts nowhere any more (reminders, attendance, certificates, figures, the call list)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.trainings import figures, services
from digibank.trainings.models import (
    AttendanceStatus,
    Notification,
    NotificationKind,
    Session,
)
from digibank.trainings.tests.factories import CourseFactory, session
from digibank.trainings.tests.test_call_list import by_email, by_phone

pytestmark = pytest.mark.django_db


def series(world, meetings=3, **extra):
    return session(
        course=CourseFactory(digibank=world.digibank_a, meetings_count=meetings),
        meetings=meetings,
        capacity=5,
        by=world.staff_a,
        **extra,
    )


def test_calling_off_one_meeting_tells_everyone_with_a_seat_once(
    client, world, django_capture_on_commit_callbacks
):
    planned = series(world)
    phone, mailer = by_phone(world.digibank_a, "Jan Phone"), by_email(world.digibank_a, "Eva Mail")
    for person in (phone, mailer):
        services.register(person, planned, by=world.staff_a, channel="desk")
    second = planned.meetings.order_by("starts_at")[1]
    client.force_login(world.staff_a)
    url = reverse("trainings:meeting_cancel", args=[planned.pk, second.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Een les afgelasten" in page and "De andere lessen blijven" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, HTTP_ACCEPT_LANGUAGE="nl", follow=True)
    page = response.content.decode()
    assert "Er krijgen 2 mensen bericht." in page
    assert "afgelast" in page
    second.refresh_from_db()
    assert second.is_cancelled
    told = Notification.objects.filter(kind=NotificationKind.MEETING_CANCELLED)
    assert told.count() == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [mailer.email]
    assert timezone.localtime(second.starts_at).strftime("%-d") in mail.outbox[0].subject
    calls = services.calls_to_make(digibank=world.digibank_a)
    assert [c.registration.person for c in calls.filter(kind="skipped")] == [phone]
    # Again, by a second click or a second tab: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert told.count() == 2 and len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="change", fields=["meetings"]).exists()


def test_a_called_off_meeting_counts_nowhere(world):
    planned = series(world, meetings=3, starts_in=datetime.timedelta(hours=5))
    registration = services.register(world.person_a, planned, by=world.staff_a, channel="desk")
    _first, second, third = planned.meetings.order_by("starts_at")
    services.cancel_meeting(meeting=third, by=world.staff_a)
    planned.refresh_from_db()
    # The session now ends with its second meeting: lists and the call list follow.
    assert planned.last_ends_at == second.ends_at
    # No reminder for it, whenever the command runs.
    services.send_reminders(now=third.starts_at - datetime.timedelta(hours=2))
    assert not Notification.objects.filter(kind=NotificationKind.REMINDER, meeting=third)
    # No attendance, no move.
    with pytest.raises(services.TrainingError):
        services.mark_attendance(
            registration=registration,
            meeting=third,
            status=AttendanceStatus.PRESENT,
            by=world.staff_a,
        )
    with pytest.raises(services.TrainingError):
        services.move_meeting(
            meeting=third,
            by=world.staff_a,
            day=timezone.localdate(third.starts_at),
            start=datetime.time(10),
            end=datetime.time(12),
        )
    # Two meetings remain: a certificate needs both (three quarters, rounded up).
    assert planned.certificate_threshold() == 2
    # The figures plan two meetings, not three.
    result = figures.compute(
        digibank=world.digibank_a, now=third.ends_at + datetime.timedelta(days=1)
    )
    assert result.meetings == 2


def test_a_reminder_already_on_the_call_list_goes_when_its_meeting_is_called_off(world):
    planned = series(world, meetings=2, starts_in=datetime.timedelta(hours=5))
    services.register(by_phone(world.digibank_a, "Jan Phone"), planned, by=world.staff_a)
    first, _second = planned.meetings.order_by("starts_at")
    services.send_reminders()
    calls = services.calls_to_make(digibank=world.digibank_a)
    assert list(calls.values_list("kind", flat=True)) == ["reminder"]
    services.cancel_meeting(meeting=first, by=world.staff_a)
    # Only the news that it does not take place is left to pass on.
    assert list(calls.values_list("kind", flat=True)) == ["skipped"]


def test_another_meeting_may_move_to_the_time_of_a_called_off_one(world):
    # Mornings, so that no meeting runs past midnight whatever time the test runs.
    morning = timezone.localtime() + datetime.timedelta(days=3)
    morning = morning.replace(hour=10, minute=0, second=0, microsecond=0)
    planned = series(world, meetings=3, starts_in=morning - timezone.now())
    _first, second, third = planned.meetings.order_by("starts_at")
    services.cancel_meeting(meeting=second, by=world.staff_a)
    local = timezone.localtime(second.starts_at)
    services.move_meeting(
        meeting=third,
        by=world.staff_a,
        day=local.date(),
        start=local.time(),
        end=timezone.localtime(second.ends_at).time(),
    )
    third.refresh_from_db()
    assert third.starts_at == second.starts_at and not third.is_cancelled


@pytest.mark.parametrize("case", ["only_one_left", "begun", "session_cancelled"])
def test_what_cannot_be_called_off_gets_a_message(client, world, case):
    if case == "only_one_left":
        planned = series(world, meetings=2)
        first, target = planned.meetings.order_by("starts_at")
        services.cancel_meeting(meeting=first, by=world.staff_a)
        message = "Annuleer dan de hele sessie"
    elif case == "begun":
        planned = series(world, meetings=2)
        target = planned.meetings.order_by("starts_at")[0]
        start = timezone.now() - datetime.timedelta(minutes=5)
        type(target).objects.filter(pk=target.pk).update(starts_at=start)
        message = "al begonnen"
    else:
        planned = series(world, meetings=2)
        target = planned.meetings.order_by("starts_at")[1]
        services.cancel_session(session=planned, by=world.staff_a)
        message = "geannuleerd"
    client.force_login(world.staff_a)
    response = client.post(
        reverse("trainings:meeting_cancel", args=[planned.pk, target.pk]),
        HTTP_ACCEPT_LANGUAGE="nl",
        follow=True,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    target.refresh_from_db()
    assert not target.is_cancelled
    assert not Notification.objects.filter(kind=NotificationKind.MEETING_CANCELLED, meeting=target)


def test_the_pages_of_a_called_off_meeting_are_gone(client, world):
    planned = series(world, meetings=2, starts_in=datetime.timedelta(hours=1))
    first, second = planned.meetings.order_by("starts_at")
    services.cancel_meeting(meeting=first, by=world.staff_a)
    client.force_login(world.staff_a)
    for name in ("trainings:attendance", "trainings:meeting_move"):
        assert client.get(reverse(name, args=[planned.pk, first.pk])).status_code == 404
    page = client.get(planned.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert page.count("afgelast") == 1
    assert reverse("trainings:attendance", args=[planned.pk, first.pk]) not in page
    assert Session.objects.get(pk=planned.pk).first_starts_at == second.starts_at


def test_calling_off_the_last_meeting_keeps_the_call_to_make(world):
    # Two meetings are over; the third, tomorrow, is called off: the session has now
    # ended, but people without e-mail must still hear not to come.
    planned = series(world, meetings=3, starts_in=datetime.timedelta(days=-13))
    phone = by_phone(world.digibank_a, "Jan Phone")
    services.register(phone, planned, by=world.staff_a, channel="desk")
    last = planned.meetings.order_by("starts_at").last()
    services.cancel_meeting(meeting=last, by=world.staff_a)
    assert Session.objects.get(pk=planned.pk).has_ended
    calls = services.calls_to_make(digibank=world.digibank_a)
    assert [c.kind for c in calls] == ["skipped"]
    # Once its time has passed, the call is moot.
    later = services.calls_to_make(
        digibank=world.digibank_a, now=last.ends_at + datetime.timedelta(minutes=1)
    )
    assert not later.exists()


def test_a_reminder_that_failed_is_not_sent_after_the_meeting_was_called_off(
    world, settings, django_capture_on_commit_callbacks
):
    planned = series(world, meetings=2, starts_in=datetime.timedelta(hours=5))
    services.register(by_email(world.digibank_a, "Eva Mail"), planned, by=world.staff_a)
    first = planned.meetings.order_by("starts_at").first()
    settings.EMAIL_BACKEND = "digibank.trainings.tests.test_meeting_cancel.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders()
    reminder = Notification.objects.get(kind=NotificationKind.REMINDER)
    assert reminder.sent_at is None  # the mail server was down: tried again later
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting=first, by=world.staff_a)
    services.deliver_pending()
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Geen les"]
    assert not Notification.objects.filter(pk=reminder.pk).exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("the mail server is down")


def test_a_session_with_one_meeting_left_offers_no_call_off(client, world):
    planned = series(world, meetings=2)
    first, second = planned.meetings.order_by("starts_at")
    client.force_login(world.staff_a)
    call_off = reverse("trainings:meeting_cancel", args=[planned.pk, second.pk])
    assert call_off in client.get(planned.get_absolute_url()).content.decode()
    services.cancel_meeting(meeting=first, by=world.staff_a)
    assert call_off not in client.get(planned.get_absolute_url()).content.decode()
