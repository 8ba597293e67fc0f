"""The overviews on screen and in Excel, merged municipalities, and who sees what."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from digibank.geo.models import FormerMunicipality
from digibank.programmes import overviews, services
from digibank.programmes.models import Project, ProjectMunicipality
from digibank.programmes.tests.factories import (
    ProgrammeFactory,
    ProjectFactory,
    RoundFactory,
    awarded_project,
)
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def test_allocation_adds_up_to_the_amount():
    shares = overviews.allocate(Decimal("100000"), [None, None, None])
    assert sum(shares) == Decimal("100000")
    assert overviews.allocate(Decimal("100"), [Decimal("60"), None]) == [
        Decimal("60"),
        Decimal("40"),
    ]


def test_project_in_merged_municipalities_counts_once_under_its_successor():
    """DIGbij named Borgloon and Tongeren; since 2025 both are Tongeren-Borgloon."""
    project = awarded_project(
        amount=Decimal("400000"), amount_requested=Decimal("400000"), municipalities=["73028"]
    )  # Herstappe
    for former_code in ("73009", "73083"):
        former = FormerMunicipality.objects.get(code=former_code)
        ProjectMunicipality.objects.create(
            project=project, municipality=former.successor, former=former
        )
    table = overviews.projects_by_municipality(type(project).objects.all())
    successor_rows = [r for r in table.rows if r[3] == "73111"]
    assert len(successor_rows) == 1
    assert successor_rows[0][2] == "Borgloon, Tongeren"
    assert table.totals()[-1] == Decimal("400000")
    # The province overview counts the project once, and reaches two municipalities.
    limburg = [r for r in overviews.per_province(type(project).objects.all()).rows if r[1]]
    assert limburg == [[limburg[0][0], 1, 2, Decimal("400000.00")]]


def test_province_overview_totals_and_one_province():
    awarded_project(amount=Decimal("90000"), municipalities=["31004", "31006", "31043"])
    awarded_project(amount=Decimal("50000"), municipalities=["11002"])
    ProjectFactory(municipalities=["31005"])  # submitted only: not in the approved totals
    table = overviews.per_province(Project.objects.all())
    totals = table.totals()
    assert totals[1] == 2 and totals[3] == Decimal("140000")
    west = overviews.one_province(Project.objects.all())
    assert len(west.rows) == 4  # three municipalities of one project, one of the other
    assert west.totals()[-1] == Decimal("90000")


def test_funnel_counts_and_days_to_decision():
    rnd = RoundFactory(closes_on=datetime.date(2022, 3, 1))
    awarded_project(round=rnd, status="approved")
    rejected = ProjectFactory(round=rnd)
    services.change_status(project=rejected, to="admissible", on=datetime.date(2022, 3, 5))
    services.change_status(project=rejected, to="rejected", on=datetime.date(2022, 3, 21))
    row = next(r for r in overviews.funnel(Project.objects.all()).rows if r[2] == rnd.number)
    assert row[5:10] == [2, 2, None, 1, 1]


def test_funder_sees_every_project_and_volunteer_nothing(client, world):
    mine = awarded_project(municipalities=["31043"])
    mine.digibanks.add(world.digibank_a)
    other = awarded_project(municipalities=["11002"])
    client.force_login(world.funder)
    html = client.get(reverse("programmes:projects")).content.decode()
    assert mine.title in html and other.title in html
    client.force_login(world.coordinator_b)
    html = client.get(reverse("programmes:projects")).content.decode()
    assert mine.title not in html and other.title not in html
    client.force_login(world.officer_a)  # Knokke-Heist's officer sees the project there
    assert mine.title in client.get(reverse("programmes:projects")).content.decode()
    client.force_login(world.volunteer_a)
    for name, kwargs in (
        ("programmes:index", {}),
        ("programmes:projects", {}),
        ("programmes:project", {"pk": mine.pk}),
        ("programmes:overview", {"key": "a"}),
        ("programmes:overview_xlsx", {"key": "a"}),
        ("programmes:import", {}),
    ):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("programmes:index")}"' not in home


def test_project_list_keeps_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.funder)
    url = reverse("programmes:projects")
    awarded_project(municipalities=["31043"])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _i in range(6):
        awarded_project(municipalities=["31004"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("key", sorted(overviews.OVERVIEWS))
def test_every_overview_on_screen_and_as_workbook(client, world, key):
    project = awarded_project(
        municipalities=["31043"], end_date=datetime.date(2024, 12, 31), status="running"
    )
    project.payments.create(
        kind="advance", percentage=80, planned_amount=Decimal("80000"),
        planned_on=datetime.date(2022, 5, 1), paid_on=datetime.date(2022, 5, 3),
        paid_amount=Decimal("80000"),
    )  # fmt: skip
    project.reports.create(period="interim", nature="content", due_on=datetime.date(2023, 6, 30))
    services.amend(
        project=project, by=None, decided_on=datetime.date(2023, 2, 17),
        reference="Decreet, art. 96", new_end_date=datetime.date(2026, 7, 31),
    )  # fmt: skip
    project.programme.milestones.create(name="100 gemeenten", measure="municipalities", target=100)
    client.force_login(world.funder)
    response = client.get(reverse("programmes:overview", kwargs={"key": key}))
    assert response.status_code == 200
    table = response.context["table"]
    download = client.get(reverse("programmes:overview_xlsx", kwargs={"key": key}))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(download.content)).active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert [c.value for c in ws[1]] == [c.header for c in table.columns]
    assert ws.max_row >= len(table.rows) + 1


def test_unknown_overview_and_bad_filters_do_not_break(client, world):
    client.force_login(world.funder)
    assert client.get(reverse("programmes:overview", kwargs={"key": "z"})).status_code == 404
    url = reverse("programmes:overview", kwargs={"key": "c"})
    assert client.get(url, {"province": "nonsense", "programme": "x"}).status_code == 200


def test_cofunding_warning_between_excluded_programmes(client, world):
    digibanken = ProgrammeFactory(slug="digibanken", name="Digibanken")
    eib = ProgrammeFactory(slug="eib", name="E-inclusion for Belgium")
    digibanken.no_cofunding_with.add(eib)
    a = awarded_project(round=RoundFactory(call__programme=digibanken))
    b = awarded_project(round=RoundFactory(call__programme=eib))
    assert services.cofunding_conflicts() == []
    a.digibanks.add(world.digibank_a)
    b.digibanks.add(world.digibank_a)
    conflicts = services.cofunding_conflicts()
    assert len(conflicts) == 1
    client.force_login(world.funder)
    assert (
        "funded twice"
        in client.get(a.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert client.get(reverse("programmes:project", kwargs={"pk": a.pk})).context["conflicts"]
    assert client.get(reverse("programmes:project", kwargs={"pk": b.pk})).context["conflicts"]
    # A project of another digibank and applicant is no conflict, and costs no comparison.
    c = awarded_project(round=RoundFactory(call__programme=eib))
    c.digibanks.add(world.digibank_b)
    assert services.conflicts_for(c) == [] and len(services.conflicts_for(a)) == 1


def test_status_and_amendment_forms(client, world):
    project = awarded_project(status="running", end_date=datetime.date(2024, 12, 31))
    client.force_login(world.admin)
    url = reverse("programmes:project_status", kwargs={"pk": project.pk})
    response = client.post(url, {"status": "closed", "on": "1999-01-01"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"status": "running", "on": "2024-01-01"})
    assert response.status_code == 200  # not a choice any more
    url = reverse("programmes:project_amend", kwargs={"pk": project.pk})
    assert client.post(url, {"decided_on": "2023-02-17", "reference": "x"}).status_code == 200
    response = client.post(
        url,
        {"decided_on": "2023-02-17", "reference": "Decreet art. 96", "new_end_date": "2026-07-31"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.end_date == datetime.date(2026, 7, 31) and project.status == "extended"


def test_digibank_links_to_its_projects():
    digibank = f.DigibankFactory()
    project = awarded_project()
    project.digibanks.add(digibank)
    assert list(digibank.projects.all()) == [project]


def test_coordinator_start_page_shows_the_projects_of_the_digibank(client, world):
    project = awarded_project(title="Digibank Brugge Noord 2022")
    project.reports.create(period="final", nature="content", due_on=datetime.date(2026, 10, 31))
    project.digibanks.add(world.digibank_a)
    client.force_login(world.coordinator_a)
    assert "Digibank Brugge Noord 2022" in client.get(reverse("core:home")).content.decode()
    client.force_login(world.coordinator_b)
    assert "Digibank Brugge Noord 2022" not in client.get(reverse("core:home")).content.decode()


def test_overview_pages_on_screen_with_totals_of_all_rows(client, world, monkeypatch):
    from digibank.programmes import views

    monkeypatch.setattr(views, "OVERVIEW_PAGE_SIZE", 2)
    for code in ("31043", "31004", "31006"):
        awarded_project(municipalities=[code], amount=Decimal("1000"))
    client.force_login(world.funder)
    url = reverse("programmes:overview", kwargs={"key": "a"})
    first = client.get(url)
    table = first.context["table"]
    assert len(table.rows) == 3 and len(first.context["rows"]) == 2
    html = first.content.decode()
    assert 'class="pagination"' in html and "page=2" in html
    second = client.get(url, {"page": "2"})
    assert len(second.context["rows"]) == 1
    # The totals count every row, on every page.
    assert first.context["totals"] == second.context["totals"]
    assert any("3.000" in text or "3,000" in text for text, _n in second.context["totals"])
    # A page that does not exist shows the last; the Excel file keeps every row.
    assert len(client.get(url, {"page": "99"}).context["rows"]) == 1
    assert client.get(url, {"page": "x"}).status_code == 200
    download = client.get(reverse("programmes:overview_xlsx", kwargs={"key": "a"}), {"page": 2})
    ws = load_workbook(io.BytesIO(download.content)).active
    assert ws.max_row >= 4
