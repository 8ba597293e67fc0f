"""Races on PostgreSQL: the last seat, and the seat that frees up (threads, real locks)."""

import threading

import pytest
from django.core import mail
from django.db import connection

from digibank.people.models import ContactChannel
from digibank.testing import factories as f
from digibank.trainings import services
from digibank.trainings.models import Notification, Registration, RegistrationStatus
from digibank.trainings.tests.factories import CourseFactory, session

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(*calls):
    """Run every call in its own thread and connection, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # collected and checked by the test
            errors[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_people_take_the_last_seat_at_once_then_the_first_waiting_is_promoted_once():
    digibank = f.DigibankFactory()
    staff = f.MembershipFactory(digibank=digibank).user
    course = CourseFactory(digibank=digibank)
    target = session(course=course, capacity=2)
    services.register(f.PersonFactory(digibank=digibank), target, by=staff, channel="desk")
    ann, bob = (
        f.PersonFactory(
            digibank=digibank,
            name=name,
            contact_channel=ContactChannel.EMAIL,
            email=f"{name}@example.org",
            phone="",
        )
        for name in ("ann", "bob")
    )

    for _round in range(3):  # a race can hide; run it a few times
        Registration.objects.filter(person__in=[ann, bob]).delete()
        results, errors = run_at_once(
            lambda: services.register(ann, target, by=staff, channel="desk"),
            lambda: services.register(bob, target, by=staff, channel="desk"),
        )
        assert errors == [None, None]
        assert sorted(r.status for r in results) == ["confirmed", "waiting"]
        assert Registration.objects.filter(session=target).confirmed().count() == 2

    waiting = Registration.objects.get(session=target, status=RegistrationStatus.WAITING)
    holder = Registration.objects.get(
        session=target, status=RegistrationStatus.CONFIRMED, person__in=[ann, bob]
    )
    mail.outbox = []
    # The seat frees up twice at once (a double click, two staff members): one promotion.
    results, errors = run_at_once(
        lambda: services.cancel_registration(holder, by=staff),
        lambda: services.cancel_registration(holder, by=staff),
    )
    assert sum(1 for e in errors if e is None) == 1
    assert all(e is None or isinstance(e, services.TrainingError) for e in errors)
    promoted = [r for result in results if result for r in result]
    assert [r.pk for r in promoted] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Notification.objects.filter(registration=waiting).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [waiting.person.email]


def test_many_people_at_once_never_overbook():
    digibank = f.DigibankFactory()
    staff = f.MembershipFactory(digibank=digibank).user
    target = session(course=CourseFactory(digibank=digibank), capacity=3)
    people = [f.PersonFactory(digibank=digibank) for _ in range(8)]
    results, errors = run_at_once(
        *[(lambda p=p: services.register(p, target, by=staff, channel="desk")) for p in people]
    )
    assert errors == [None] * 8
    assert sum(1 for r in results if r.status == "confirmed") == 3
    assert Registration.objects.filter(session=target).confirmed().count() == 3
    assert Registration.objects.filter(session=target).waiting().count() == 5


def test_two_staff_members_give_away_the_last_seat_through_the_pages_at_once():
    """The same race through the views, as two staff members at two desks: two requests
    at once for the last seat, then two clicks at once that free a seat."""
    from django.test import Client
    from django.urls import reverse

    digibank = f.DigibankFactory()
    desks = [f.MembershipFactory(digibank=digibank).user for _ in range(2)]
    target = session(course=CourseFactory(digibank=digibank), capacity=2)
    services.register(f.PersonFactory(digibank=digibank), target, by=desks[0], channel="desk")
    ann, bob = (
        f.PersonFactory(
            digibank=digibank,
            name=name,
            contact_channel=ContactChannel.EMAIL,
            email=f"{name}@example.org",
            phone="",
        )
        for name in ("ann", "bob")
    )

    def post(user, url, data):
        def call():
            client = Client()
            client.force_login(user)
            return client.post(url, data).status_code

        return call

    register_url = reverse("trainings:session_register", args=[target.pk])
    for _round in range(3):  # a race can hide; run it a few times
        Registration.objects.filter(person__in=[ann, bob]).delete()
        results, errors = run_at_once(
            post(desks[0], register_url, {"person": ann.pk, "channel": "desk"}),
            post(desks[1], register_url, {"person": bob.pk, "channel": "phone"}),
        )
        assert errors == [None, None] and results == [302, 302]
        statuses = Registration.objects.filter(person__in=[ann, bob]).values_list(
            "status", flat=True
        )
        assert sorted(statuses) == ["confirmed", "waiting"]
        assert Registration.objects.filter(session=target).confirmed().count() == 2

    waiting = Registration.objects.get(session=target, status=RegistrationStatus.WAITING)
    holder = Registration.objects.get(
        session=target, status=RegistrationStatus.CONFIRMED, person__in=[ann, bob]
    )
    mail.outbox = []
    cancel_url = reverse("trainings:registration_cancel", args=[holder.pk])
    results, errors = run_at_once(
        post(desks[0], cancel_url, {"side": "person"}),
        post(desks[1], cancel_url, {"side": "person"}),
    )
    assert errors == [None, None] and results == [302, 302]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert Registration.objects.filter(session=target).confirmed().count() == 2
    assert Notification.objects.filter(registration=waiting).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [waiting.person.email]


def test_a_meeting_is_never_called_off_while_attendance_is_taken():
    """The trainer taps names while a coordinator calls the meeting off: one of them wins."""
    import datetime

    from django.utils import timezone

    from digibank.trainings.models import Attendance, AttendanceStatus, Meeting

    digibank = f.DigibankFactory()
    staff = f.MembershipFactory(digibank=digibank).user
    for _round in range(5):
        # Attendance opens on the day of a meeting; calling off needs it not begun yet.
        target = session(
            course=CourseFactory(digibank=digibank, meetings_count=2),
            capacity=2,
            meetings=2,
            starts_in=datetime.timedelta(minutes=3),
        )
        first = target.meetings.order_by("starts_at").first()
        if timezone.localdate(first.starts_at) != timezone.localdate():
            pytest.skip("the meeting falls after midnight: attendance is not open yet")
        registration = services.register(f.PersonFactory(digibank=digibank), target, by=staff)
        _results, errors = run_at_once(
            lambda m=first: services.cancel_meeting(meeting=m, by=staff),
            lambda m=first, r=registration: services.mark_attendance(
                registration=r, meeting=m, status=AttendanceStatus.PRESENT, by=staff
            ),
        )
        assert sum(1 for e in errors if e is not None) == 1, errors
        assert all(e is None or isinstance(e, services.TrainingError) for e in errors)
        called_off = Meeting.objects.get(pk=first.pk).is_cancelled
        assert called_off != Attendance.objects.filter(meeting=first).exists()
