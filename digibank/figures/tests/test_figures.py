import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from digibank.people.services import record_activity
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def serve(person, service, day, n):
    for index in range(n):
        record_activity(
            person=person,
            service=service,
            kind=f"{service}{index}",
            occurred_on=day,
            source=person,
        )


@pytest.fixture
def served(world):
    day = timezone.localdate() - datetime.timedelta(days=3)
    people_a = f.PersonFactory.create_batch(
        6, digibank=world.digibank_a, municipality=f.municipality("31043")
    )
    for person in people_a:
        serve(person, "support", day, 2)
        person.target_groups.set(["senior"])
    serve(people_a[0], "access", day, 1)
    people_b = f.PersonFactory.create_batch(
        2, digibank=world.digibank_b, municipality=f.municipality("31043")
    )
    for person in people_b:
        serve(person, "skills", day, 1)
    return world


def test_coordinator_sees_own_digibank_with_small_groups_suppressed(client, served):
    client.force_login(served.coordinator_a)
    response = client.get(reverse("figures:overview"), HTTP_ACCEPT_LANGUAGE="en")
    figures = response.context["figures"]
    assert figures.people == 6
    assert figures.by_service == {"support": 6, "access": 1}
    page = response.content.decode()
    assert "&lt;5" in page  # the one person with a device is not shown as 1


def test_funder_sees_all_digibanken(client, served):
    client.force_login(served.funder)
    response = client.get(reverse("figures:overview"))
    assert response.context["figures"].people == 8
    assert {d.slug: n for d, n in response.context["per_digibank"]} == {
        "brugge-noord": 6,
        "brugge-west": 2,
    }


def test_officer_sees_their_municipality_across_digibanken(client, served):
    client.force_login(served.officer_a)
    response = client.get(reverse("figures:municipality"))
    (row,) = response.context["rows"]
    assert row.municipality.code == "31043"
    assert row.reach.people == 8


def test_excel_export_is_well_formed_and_suppresses_small_groups(client, served):
    client.force_login(served.coordinator_a)
    response = client.get(reverse("figures:overview"), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1")
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert isinstance(values[next(k for k in values if "helpdesk" in str(k).lower())], int)
    assert any(v is None for v in values.values())  # the suppressed "<5" cell is empty


def test_period_filter_with_bad_dates_is_not_an_error(client, served):
    client.force_login(served.coordinator_a)
    response = client.get(reverse("figures:overview"), {"start": "2026-13-45", "end": "x"})
    assert response.status_code == 200


def test_figures_are_cached_for_a_few_minutes(client, served, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "figures-test",
        }
    }
    client.force_login(served.coordinator_a)
    first = client.get(reverse("figures:overview")).context["figures"].people
    serve(f.PersonFactory(digibank=served.digibank_a), "support", timezone.localdate(), 1)
    assert client.get(reverse("figures:overview")).context["figures"].people == first
    caches["default"].clear()
    assert client.get(reverse("figures:overview")).context["figures"].people == first + 1


def test_funders_see_the_online_services_that_cause_most_questions_across_digibanken(client, world):
    from digibank.helpdesk.tests.factories import ContactFactory, topic

    for _ in range(4):
        ContactFactory(digibank=world.digibank_a, topics=[topic("tax-on-web")])
    for _ in range(3):  # 7 in all: shown; 4 or 3 alone would be hidden
        ContactFactory(digibank=world.digibank_b, topics=[topic("tax-on-web")])
    ContactFactory(digibank=world.digibank_b, topics=[topic("itsme")])
    client.force_login(world.funder)
    page = client.get(reverse("figures:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Online services that cause the most questions" in page
    row = page[page.index("Tax-on-web") :][:400]
    assert ">7<" in row
    response = client.get(reverse("figures:overview"), {"format": "services"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert any(r[0] and "Tax-on-web" in r[0] and r[2] == 7 for r in values)
    assert any(r[0] and "itsme" in r[0] and r[2] is None for r in values)  # 1: hidden

    client.force_login(world.coordinator_a)  # one digibank: no cross-digibank table
    page = client.get(reverse("figures:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Online services that cause the most questions" not in page
    assert client.get(reverse("figures:overview"), {"format": "services"}).status_code == 200
