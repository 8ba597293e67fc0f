"""The calls tracker, the regions a coordinator follows, and the iCalendar feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from digibank.regional.models import Region
from digibank.regional.tests import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(world):
    today = timezone.localdate()
    prog = rf.programme("Digibanken")
    open_round = rf.call_round(
        prog,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=20),
        eligibility="Partnerships of local governments.",
    )
    upcoming = rf.call_round(
        prog,
        opens_on=today + datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
    )
    old = rf.call_round(
        prog, opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2020, 2, 1)
    )
    partner = rf.organisation("OCMW Knokke-Heist")
    project = rf.project(
        open_round,
        municipalities=["31043"],
        status="submitted",
        partners=[partner],
    )
    project.digibanks.add(world.digibank_a)
    other = rf.project(open_round, municipalities=["31022"], status="submitted")
    other.digibanks.add(world.digibank_b)
    return open_round, upcoming, old, project, other


def test_tracker_shows_rounds_and_member_applications(client, world, calls):
    open_round, upcoming, old, project, other = calls
    rf.region(world.funder, ["31043", "31022", "31004"])
    client.force_login(world.funder)
    response = client.get(reverse("regional:tracker"))
    assert [t.round for t in response.context["open_rounds"]] == [open_round]
    assert [t.round for t in response.context["upcoming_rounds"]] == [upcoming]
    assert old not in [t.round for t in response.context["closed_rounds"]]
    applications = response.context["open_rounds"][0].applications
    assert {p for p, _names in applications} == {project, other}
    html = response.content.decode()
    assert "OCMW Knokke-Heist" in html and "Partnerships of local governments." in html
    assert [m.code for m in response.context["not_applied"]] == ["31004"]


def test_coordinator_only_sees_own_digibank_applications(client, world, calls):
    _open, _up, _old, project, _other = calls
    region = rf.region(world.coordinator_a, ["31043", "31022"])
    client.force_login(world.coordinator_a)
    response = client.get(reverse("regional:tracker"), {"region": region.pk})
    applications = response.context["open_rounds"][0].applications
    assert [p for p, _names in applications] == [project]


def test_volunteer_sees_nothing(client, world, calls):
    client.force_login(world.volunteer_a)
    assert client.get(reverse("regional:tracker")).status_code == 403
    assert client.get(reverse("regional:regions")).status_code == 403


def test_region_form_reports_unknown_names_and_finds_former_ones(client, world):
    client.force_login(world.funder)
    response = client.post(
        reverse("regional:regions"),
        {"name": "DIGbij", "member_list": "Borgloon, Heers\nWellen; Atlantis"},
    )
    assert response.status_code == 200
    assert "Atlantis" in str(response.context["form"].errors)
    assert not Region.objects.exists()
    response = client.post(
        reverse("regional:regions"), {"name": "DIGbij", "member_list": "Borgloon, Heers\nWellen"}
    )
    assert response.status_code == 302
    region = Region.objects.get()
    assert set(region.municipalities.values_list("code", flat=True)) == {
        "73111",
        "73022",
        "73098",
    }
    # Someone else's region does not exist for you.
    client.force_login(world.coordinator_a)
    assert client.get(reverse("regional:region_edit", args=[region.pk])).status_code == 404
    assert client.post(reverse("regional:region_delete", args=[region.pk])).status_code == 404
    client.force_login(world.funder)
    assert client.post(reverse("regional:region_delete", args=[region.pk])).status_code == 302
    assert not Region.objects.exists()


def test_calendar_is_valid_icalendar(client, calls):
    open_round, _upcoming, _old, _p, _o = calls
    response = client.get(reverse("regional:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 6  # opening and deadline of each of the three rounds
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 6
    # Filtered per programme.
    other = rf.programme("Other")
    rf.call_round(other, opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 2, 1))
    filtered = client.get(reverse("regional:calendar"), {"programme": other.slug})
    assert len(Calendar.from_ical(filtered.content).walk("VEVENT")) == 2
    deadline = next(e for e in events if str(e["UID"]).startswith(f"round-{open_round.pk}-closes"))
    assert deadline.decoded("DTSTART") == open_round.closes_on
    assert deadline.decoded("DTEND") == open_round.closes_on + datetime.timedelta(days=1)
    assert "DTSTAMP" in deadline
    assert "Partnerships of local governments." in str(deadline["DESCRIPTION"])
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_tracker_queries_do_not_grow_with_rounds(client, world, calls):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    open_round = calls[0]
    rf.region(world.funder, ["31043", "31022", "31004"])
    client.force_login(world.funder)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("regional:tracker")).status_code == 200
        return len(queries)

    before = count()
    today = timezone.localdate()
    for _i in range(4):
        rnd = rf.call_round(
            open_round.call.programme,
            opens_on=today,
            closes_on=today + datetime.timedelta(days=5),
        )
        rf.project(rnd, municipalities=["31004"], status="submitted", partners=[rf.organisation()])
    assert count() == before
