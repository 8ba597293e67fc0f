"""Bad input on the trainings pages gets a clear message, never a 500: dates at the ends of
the calendar, a period that ends before it starts, and hours the clock skips."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.testing import factories as f
from digibank.trainings import services
from digibank.trainings.models import Session
from digibank.trainings.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Kies een datum tussen 1 januari 2000 en 31 december 2099."


def summer_time_starts(after: datetime.date) -> datetime.date:
    """The night the clocks go forward in Belgium (last Sunday of March) after ``after``."""
    year = after.year + 1
    last = datetime.date(year, 3, 31)
    return last - datetime.timedelta(days=(last.weekday() + 1) % 7)


# --- Figures: the period -----------------------------------------------------------------


@pytest.mark.parametrize(
    "period",
    [
        {"start": "9999-12-31", "end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"end": "9999-12-31"},
        {"start": "1999-12-31", "format": "xlsx"},
    ],
)
def test_figures_refuse_dates_outside_the_years_they_cover(client, world, period):
    client.force_login(world.coordinator_a)
    response = client.get(reverse("trainings:figures"), period)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert OUT_OF_RANGE in html and "data-error-summary" in html
    assert response.context["figures"] is None


def test_figures_show_an_end_before_the_start_and_give_no_excel(client, world):
    client.force_login(world.coordinator_a)
    url = reverse("trainings:figures")
    period = {"start": "2026-06-30", "end": "2026-01-01"}
    html = client.get(url, period).content.decode()
    assert "data-error-summary" in html
    assert "De einddatum ligt vóór de begindatum." in html
    assert "format=xlsx" not in html
    # The Excel link of a wrong period gives the page with the message, not all-time figures.
    response = client.get(url, {**period, "format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    # A right period still downloads.
    response = client.get(url, {"start": "2026-01-01", "end": "2026-06-30", "format": "xlsx"})
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(response.content)).worksheets[0].title


def test_period_form_bounds():
    from digibank.core.forms import PeriodForm

    assert PeriodForm({"start": "2000-01-01", "end": "2099-12-31"}).is_valid()
    for data in ({"start": "1999-12-31"}, {"end": "2100-01-01"}, {"start": "9999-12-31"}):
        form = PeriodForm(data)
        assert not form.is_valid() and set(form.errors) == set(data)


# --- Planning a session ------------------------------------------------------------------


@pytest.fixture
def plan(client, world):
    client.force_login(world.staff_a)
    course = CourseFactory(digibank=world.digibank_a)
    location = f.LocationFactory(digibank=world.digibank_a)

    def post(**fields):
        data = {
            "location": location.pk,
            "capacity": "8",
            "language": "nl",
            "start_time": "09:30",
            "end_time": "12:00",
            "meetings": "1",
            **fields,
        }
        return client.post(reverse("trainings:session_create", args=[course.pk]), data)

    return post


def test_a_first_day_at_the_end_of_the_calendar_is_refused(plan):
    response = plan(first_day="9999-12-30", meetings="52")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "first_day" in errors and "Kies een eerste dag tussen" in errors["first_day"][0]
    assert not Session.objects.exists()
    response = plan(first_day="0001-01-01")
    assert response.status_code == 200 and "first_day" in response.context["form"].errors
    # Two years ahead is still fine; a series of 52 weeks from there too.
    later = timezone.localdate() + datetime.timedelta(days=services.PLAN_DAYS_AHEAD)
    response = plan(first_day=later.isoformat(), meetings="52")
    assert response.status_code == 302
    assert Session.objects.get().meetings.count() == 52


def test_the_service_refuses_dates_it_cannot_plan(world):
    course = CourseFactory(digibank=world.digibank_a)
    location = f.LocationFactory(digibank=world.digibank_a)
    nine, noon = datetime.time(9), datetime.time(12)
    with pytest.raises(services.TrainingError, match="Choose a first day between"):
        services.weekly_meetings(
            first_day=datetime.date(9999, 12, 30), start=nine, end=noon, count=52
        )
    with pytest.raises(services.TrainingError, match="between 1 and 52 meetings"):
        services.weekly_meetings(first_day=timezone.localdate(), start=nine, end=noon, count=53)
    far = datetime.datetime(9999, 12, 31, 9, tzinfo=datetime.UTC)
    with pytest.raises(services.TrainingError, match="Choose a first day between"):
        services.plan_session(
            course=course,
            by=world.staff_a,
            location=location,
            capacity=5,
            meetings=[(far, far + datetime.timedelta(hours=2))],
        )
    soon = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(services.TrainingError, match="within one year"):
        services.plan_session(
            course=course,
            by=world.staff_a,
            location=location,
            capacity=5,
            meetings=[
                (soon, soon + datetime.timedelta(hours=2)),
                (far, far + datetime.timedelta(hours=2)),
            ],
        )
    assert not Session.objects.exists()


def test_hours_the_clock_skips_are_refused(plan, world):
    day = summer_time_starts(timezone.localdate())
    assert day.weekday() == 6 and day.month == 3
    response = plan(first_day=day.isoformat(), start_time="02:30", end_time="03:30")
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors and "02:30" in errors[0] and "klok" in errors[0]
    assert not Session.objects.exists()
    # A weekly series that meets that night from its second week on: refused too.
    response = plan(
        first_day=(day - datetime.timedelta(weeks=1)).isoformat(),
        start_time="02:30",
        end_time="04:00",
        meetings="3",
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Session.objects.exists()
    # The hour after the change exists: 03:00–04:00 that night is one hour.
    response = plan(first_day=day.isoformat(), start_time="03:00", end_time="04:00")
    assert response.status_code == 302
    meeting = Session.objects.get().meetings.get()
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=1)


def test_the_service_compares_meeting_times_in_utc(world):
    """02:30 and 03:30 on that night are the same moment: not a meeting of an hour."""
    day = summer_time_starts(timezone.localdate())
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(2, 30), tzinfo=zone)
    end = datetime.datetime.combine(day, datetime.time(3, 30), tzinfo=zone)
    assert start < end and start.astimezone(datetime.UTC) == end.astimezone(datetime.UTC)
    with pytest.raises(services.TrainingError, match="end time must be after"):
        services.plan_session(
            course=CourseFactory(digibank=world.digibank_a),
            by=world.staff_a,
            location=f.LocationFactory(digibank=world.digibank_a),
            capacity=5,
            meetings=[(start, end)],
        )
    with pytest.raises(services.TrainingError, match="clocks go forward"):
        services.weekly_meetings(
            first_day=day, start=datetime.time(2, 30), end=datetime.time(3, 30), count=1
        )
