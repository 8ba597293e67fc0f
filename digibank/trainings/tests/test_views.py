"""The pages: registering on someone's behalf, attendance with and without htmx, the call
list, certificates, lists with a fixed number of queries, and clear messages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digibank.audit.models import AuditEvent
from digibank.people.models import ServiceActivity
from digibank.testing import factories as f
from digibank.trainings import services
from digibank.trainings.models import (
    Attendance,
    AttendanceStatus,
    CancelledBy,
    Course,
    Notification,
    Registration,
    RegistrationStatus,
    Session,
)
from digibank.trainings.tests.factories import CourseFactory, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(world):
    """A session of digibank A that is on now, with Maria Peeters registered."""
    course = CourseFactory(digibank=world.digibank_a, title="Smartphone", gives_certificate=True)
    running = session(course=course, capacity=3, starts_in=datetime.timedelta(minutes=-30))
    services.register(world.person_a, running, by=world.staff_a, channel="desk")
    return running


def test_staff_add_a_course_and_plan_a_series(client, world):
    client.force_login(world.staff_a)
    location = f.LocationFactory(digibank=world.digibank_a, name="Sociaal Huis")
    response = client.post(
        reverse("trainings:course_create"),
        {
            "title": "Aan de slag met itsme",
            "description": "U installeert itsme op uw smartphone.",
            "topic": "services",
            "level": "starter",
            "languages": ["nl", "fr"],
            "course_format": "group",
            "meetings_count": "3",
            "meeting_minutes": "120",
            "is_active": "on",
            "gives_certificate": "on",
        },
    )
    course = Course.objects.get(title="Aan de slag met itsme")
    assert response.status_code == 302 and course.digibank == world.digibank_a
    assert course.languages == ["nl", "fr"]
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("trainings:session_create", args=[course.pk]),
        {
            "location": location.pk,
            "trainer": world.volunteer_a.pk,
            "capacity": "8",
            "language": "nl",
            "first_day": day.isoformat(),
            "start_time": "09:30",
            "end_time": "12:00",
            "meetings": "3",
        },
    )
    planned = Session.objects.get(course=course)
    assert response["Location"] == planned.get_absolute_url()
    assert planned.meetings.count() == 3
    assert planned.trainer == world.volunteer_a


def test_bad_input_gives_clear_messages(client, world):
    client.force_login(world.staff_a)
    course = CourseFactory(digibank=world.digibank_a)
    other_location = f.LocationFactory(digibank=world.digibank_b)
    response = client.post(
        reverse("trainings:session_create", args=[course.pk]),
        {
            "location": other_location.pk,
            "capacity": "0",
            "language": "xx",
            "first_day": "31-02-2027",
            "start_time": "12:00",
            "end_time": "09:00",
            "meetings": "999",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"location", "capacity", "language", "first_day", "end_time", "meetings"}
    assert not Session.objects.exists()
    response = client.post(reverse("trainings:course_create"), {"title": "x" * 500})
    assert response.status_code == 200 and response.context["form"].errors


def test_staff_register_a_person_on_their_behalf(client, world, today):
    client.force_login(world.volunteer_a)
    url = reverse("trainings:session_register", args=[today.pk])
    newcomer = f.PersonFactory(digibank=world.digibank_a, name="Olena Kovalenko")
    response = client.get(url, {"q": "olena"})
    assert "Olena Kovalenko" in response.content.decode()
    response = client.post(url, {"person": newcomer.pk, "channel": "phone"})
    assert response.status_code == 302
    registration = Registration.objects.get(person=newcomer)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.channel == "phone" and registration.registered_by == world.volunteer_a
    # The same person twice: a message, no second row.
    response = client.post(url, {"person": newcomer.pk, "channel": "desk"}, follow=True)
    assert "heeft al een plaats" in response.content.decode()
    # A person of another digibank cannot be reached through this page.
    assert client.post(url, {"person": world.person_b.pk, "channel": "desk"}).status_code == 404
    assert client.post(url, {"person": "x", "channel": "desk"}).status_code == 200


def test_cancel_page_gives_the_seat_away(client, world, today):
    holders = [f.PersonFactory(digibank=world.digibank_a) for _ in range(2)]
    for p in holders:
        services.register(p, today, by=world.staff_a, channel="desk")
    waiting = services.register(
        f.PersonFactory(digibank=world.digibank_a), today, by=world.staff_a, channel="desk"
    )
    client.force_login(world.staff_a)
    seat = Registration.objects.get(person=world.person_a)
    response = client.post(
        reverse("trainings:registration_cancel", args=[seat.pk]), {"side": "digibank"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    seat.refresh_from_db()
    assert seat.cancelled_by == "digibank"


def test_attendance_without_javascript(client, world, today):
    client.force_login(world.volunteer_a)
    meeting = today.meetings.get()
    url = reverse("trainings:attendance", args=[today.pk, meeting.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Maria Peeters" in page.content.decode()
    registration = Registration.objects.get(person=world.person_a)
    response = client.post(url, {"registration": registration.pk, "status": "present"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#row-{registration.pk}")
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT
    activity = ServiceActivity.objects.get(person=world.person_a)
    assert activity.service == "skills"
    # Changed to "did not come": the person no longer counts as served by this meeting.
    client.post(url, {"registration": registration.pk, "status": "absent"})
    assert not ServiceActivity.objects.filter(person=world.person_a).exists()
    # Nonsense gives a message, never a 500.
    response = client.post(url, {"registration": registration.pk, "status": "dancing"})
    assert response.status_code == 302
    response = client.post(url, {"registration": "abc", "status": "present"})
    assert response.status_code == 302


def test_attendance_row_with_htmx(client, world, today):
    client.force_login(world.staff_a)
    meeting = today.meetings.get()
    registration = Registration.objects.get(person=world.person_a)
    response = client.post(
        reverse("trainings:attendance", args=[today.pk, meeting.pk]),
        {"registration": registration.pk, "status": "present"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li") and 'aria-pressed="true"' in html
    assert "<html" not in html


def test_mark_everyone_left_as_no_show(client, world, today):
    other = f.PersonFactory(digibank=world.digibank_a)
    services.register(other, today, by=world.staff_a, channel="desk")
    meeting = today.meetings.get()
    services.mark_attendance(
        registration=Registration.objects.get(person=world.person_a),
        meeting=meeting,
        status="present",
        by=world.staff_a,
    )
    client.force_login(world.staff_a)
    client.post(reverse("trainings:attendance", args=[today.pk, meeting.pk]), {"all_absent": "1"})
    marks = dict(Attendance.objects.values_list("registration__person", "status"))
    assert marks == {world.person_a.pk: "present", other.pk: "absent"}


def test_no_attendance_before_the_day(world):
    later = session(
        course=CourseFactory(digibank=world.digibank_a), starts_in=datetime.timedelta(days=5)
    )
    registration = services.register(world.person_a, later, by=world.staff_a, channel="desk")
    with pytest.raises(services.TrainingError, match="day of the meeting"):
        services.mark_attendance(
            registration=registration,
            meeting=later.meetings.get(),
            status="present",
            by=world.staff_a,
        )


def test_certificate_in_the_persons_language(client, world, today):
    client.force_login(world.staff_a)
    registration = Registration.objects.get(person=world.person_a)
    url = reverse("trainings:certificate", args=[registration.pk])
    assert url not in client.get(reverse("trainings:session", args=[today.pk])).content.decode()
    response = client.get(url, follow=True)
    assert "meetings attended" not in response.content.decode()  # none attended yet: refused
    assert response.redirect_chain
    services.mark_attendance(
        registration=registration,
        meeting=today.meetings.get(),
        status="present",
        by=world.staff_a,
    )
    world.person_a.language = "fr"
    world.person_a.save()
    page = client.get(reverse("trainings:session", args=[today.pk])).content.decode()
    assert url in page  # the link shows once the person has attended enough
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", note="certificate").exists()


def test_call_list_marks_calls(client, world, today):
    seat = Registration.objects.get(person=world.person_a)
    for _ in range(2):
        services.register(
            f.PersonFactory(digibank=world.digibank_a), today, by=world.staff_a, channel="desk"
        )
    waiting = services.register(
        f.PersonFactory(digibank=world.digibank_a, name="Yusuf Yilmaz"),
        today,
        by=world.staff_a,
        channel="desk",
    )
    services.cancel_registration(seat, by=world.staff_a)
    client.force_login(world.volunteer_a)
    url = reverse("trainings:call_list", args=[today.pk])
    html = client.get(url).content.decode()
    assert "Yusuf Yilmaz" in html
    notification = waiting.notifications.get()
    client.post(url, {"notification": notification.pk})
    notification.refresh_from_db()
    assert notification.called_at is not None
    assert client.post(url, {"notification": "zz"}).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)


def test_pages_keep_the_same_number_of_queries_with_more_rows(client, world):
    """Few or many sessions, participants, marks and calls: the same queries."""
    course = CourseFactory(digibank=world.digibank_a, gives_certificate=True, technical_track=True)
    running = session(course=course, capacity=1, starts_in=datetime.timedelta(minutes=-30))
    meeting = running.meetings.get()

    def person():
        return f.PersonFactory(digibank=world.digibank_a)  # reached by phone: calls

    def add(count):
        """``count`` more of every row: a session (with Maria Peeters in it, for her
        page), a seat with a mark, a person waiting, a registration the digibank
        cancelled (a call), and one person whose seat came free (a call)."""
        seats = running.registrations.confirmed().count() + count
        Session.objects.filter(pk=running.pk).update(capacity=seats)
        for _ in range(count):
            extra = session(course=course, capacity=2)
            services.register(world.person_a, extra, by=world.staff_a, channel="desk")
            seat = services.register(person(), running, by=world.staff_a, channel="desk")
            services.mark_attendance(
                registration=seat, meeting=meeting, status="present", by=world.staff_a
            )
        for _ in range(count):
            services.register(person(), running, by=world.staff_a, channel="desk")
            dropped = services.register(person(), running, by=world.staff_a, channel="desk")
            services.cancel_registration(dropped, by=world.staff_a, side=CancelledBy.DIGIBANK)
        services.update_session(
            session=running,
            by=world.staff_a,
            capacity=seats + 1,
            location=running.location,
        )  # the first person waiting gets the new seat: one more call

    pages = [
        reverse("trainings:catalogue"),
        reverse("trainings:sessions"),
        reverse("trainings:course", args=[course.pk]),
        reverse("trainings:session", args=[running.pk]),
        reverse("trainings:attendance", args=[running.pk, meeting.pk]),
        reverse("trainings:call_list", args=[running.pk]),
        reverse("trainings:calls"),
        reverse("trainings:figures"),
        reverse("core:home"),
        reverse("people:detail", args=[world.person_a.pk]),
    ]
    client.force_login(world.staff_a)
    add(1)
    for url in pages:  # the first request of a session fills caches
        client.get(url)
    few = {url: _queries(client, url) for url in pages}
    add(6)
    many = {url: _queries(client, url) for url in pages}
    assert many == few
    assert Notification.objects.count() == 2 + 7  # the rows did grow
    assert running.registrations.count() == 21


def test_participant_pages_log_every_person_shown(client, world, today):
    others = [f.PersonFactory(digibank=world.digibank_a) for _ in range(3)]
    for other in others:
        services.register(other, today, by=world.staff_a, channel="desk")  # 2 seats, 1 waits
    shown = {world.person_a, *others}
    client.force_login(world.volunteer_a)

    def logged(note):
        events = AuditEvent.objects.filter(action="view", note=note, actor=world.volunteer_a)
        return sorted(events.values_list("target_id", flat=True))

    client.get(reverse("trainings:session", args=[today.pk]))
    assert logged(f"participants {today.reference}") == sorted(str(p.pk) for p in shown)
    meeting = today.meetings.get()
    client.get(reverse("trainings:attendance", args=[today.pk, meeting.pk]))
    seated = [p for p in shown if p != others[-1]]  # the last one waits: not in the room
    assert logged(f"attendance {today.reference}") == sorted(str(p.pk) for p in seated)
    client.get(reverse("trainings:call_list", args=[today.pk]))
    assert logged(f"call list {today.reference}") == sorted(str(p.pk) for p in seated)


def test_figures_are_anonymous(client, world):
    course = CourseFactory(digibank=world.digibank_a)
    held = session(course=course, capacity=10, starts_in=datetime.timedelta(hours=-1))
    people = [f.PersonFactory(digibank=world.digibank_a) for _ in range(6)]
    seniors = people[:3]
    for p in seniors:
        p.target_groups.add("senior")
    meeting = held.meetings.get()
    for index, p in enumerate(people):
        registration = services.register(p, held, by=world.staff_a, channel="desk")
        services.mark_attendance(
            registration=registration,
            meeting=meeting,
            status="present" if index < 5 else "absent",
            by=world.staff_a,
        )
    from digibank.trainings.figures import compute

    figures = compute(digibank=world.digibank_a)
    assert figures.people_trained == 5
    assert figures.sessions == 1 and figures.meetings == 1
    assert figures.training_hours == 2.0 and figures.participant_hours == 10.0
    assert figures.attendance_rate == 5 / 6
    senior = next(g for g in figures.by_group if g.code == "senior")
    assert senior.people == 3 and senior.suppressed and senior.attendance_rate is None
    client.force_login(world.coordinator_a)
    html = client.get(reverse("trainings:figures")).content.decode()
    assert "&lt;5" in html
    response = client.get(reverse("trainings:figures"), {"format": "xlsx"})
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    groups = {row[0]: row[1:] for row in book.worksheets[1].iter_rows(values_only=True)}
    senior_label = next(g.label for g in figures.by_group if g.code == "senior")
    assert groups[senior_label][:2] == (None, None)  # three seniors: left empty
    # Nothing of digibank A shows in digibank B.
    assert compute(digibank=world.digibank_b).people_trained == 0


def test_person_page_lists_registrations(client, world, today):
    client.force_login(world.volunteer_a)
    html = client.get(reverse("people:detail", args=[world.person_a.pk])).content.decode()
    assert "Smartphone" in html


def test_start_page_shows_todays_meetings(client, world, today):
    from django.utils import timezone

    client.force_login(world.volunteer_a)
    html = client.get(reverse("core:home")).content.decode()
    meeting = today.meetings.get()
    if timezone.localdate(meeting.starts_at) == timezone.localdate():  # not just after midnight
        assert reverse("trainings:attendance", args=[today.pk, meeting.pk]) in html
    assert reverse("trainings:catalogue") in html
    client.force_login(world.funder)
    assert reverse("trainings:catalogue") not in client.get(reverse("core:home")).content.decode()
