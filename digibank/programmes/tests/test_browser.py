"""axe-core in Chromium on the programme pages and every overview."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from digibank.programmes import services
from digibank.programmes.tests.factories import awarded_project
from digibank.testing.browser import SMALL_PHONE, assert_accessible, follow, login

CSV = (
    b"programme;call;round;reference;title;applicant;municipalities;amount_requested;submitted_on\n"
    b"x;y;1;R;T;A;Atlantis;-1;31/02/2022\n"
)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_programme_pages_and_overviews_are_accessible(page, live_server, world):
    project = awarded_project(
        municipalities=["31043", "31004"], status="running", end_date=datetime.date(2024, 12, 31)
    )
    project.payments.create(
        kind="advance", percentage=80, planned_amount=Decimal("80000"),
        planned_on=datetime.date(2022, 5, 1), paid_on=datetime.date(2022, 5, 3),
        paid_amount=Decimal("80000"),
    )  # fmt: skip
    project.reports.create(period="final", nature="content", due_on=datetime.date(2025, 3, 31))
    line = project.budget_lines.create(category="staff", label="Coach", amount=Decimal("50000"))
    financial = project.reports.create(
        period="interim", nature="financial", due_on=datetime.date(2023, 3, 31),
        submitted_on=datetime.date(2023, 3, 20),
    )  # fmt: skip
    financial.cost_lines.create(budget_line=line, amount=Decimal("12000"))
    payment = project.payments.first()
    services.amend(
        project=project, by=None, decided_on=datetime.date(2023, 2, 17),
        reference="Decreet, art. 96", new_end_date=datetime.date(2026, 7, 31),
    )  # fmt: skip
    milestone = project.programme.milestones.create(
        name="100 gemeenten", measure="municipalities", target=100
    )
    login(page, live_server, world.admin)
    paths = [
        "/programmes/",
        "/programmes/projects/",
        f"/programmes/projects/{project.pk}/",
        f"/programmes/projects/{project.pk}/status/",
        f"/programmes/projects/{project.pk}/amend/",
        f"/programmes/projects/{project.pk}/payments/add/",
        f"/programmes/projects/{project.pk}/payments/{payment.pk}/paid/",
        f"/programmes/projects/{project.pk}/budget/add/",
        f"/programmes/projects/{project.pk}/budget/{line.pk}/",
        f"/programmes/projects/{project.pk}/reports/add/",
        f"/programmes/projects/{project.pk}/reports/{financial.pk}/submitted/",
        f"/programmes/projects/{project.pk}/reports/{financial.pk}/approved/",
        f"/programmes/projects/{project.pk}/reports/{financial.pk}/costs/",
        f"/programmes/programme/{project.programme.slug}/milestones/{milestone.pk}/",
        f"/programmes/programme/{project.programme.slug}/",
        "/programmes/import/",
    ] + [f"/programmes/overviews/{key}/" for key in "abcdefghi"]
    for path in paths:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    # A bad entry shows the error summary; a good one goes back to the project page.
    page.goto(live_server.url + f"/programmes/projects/{project.pk}/payments/add/")
    page.fill("#id_planned_amount", "-5")
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_planned_amount", "")
    page.fill("#id_percentage", "20")
    page.select_option("#id_kind", "balance")
    follow(page)
    expect(page.locator("#payments")).to_be_visible()
    expect(page.locator("table:has(#project-table-3)")).to_contain_text("(20 %)")
    assert_accessible(page)
    # The import's error report and an overview on a small phone.
    page.goto(live_server.url + "/programmes/import/")
    page.set_input_files("#id_file", files=[{
        "name": "lijst.csv", "mimeType": "text/csv",
        "buffer": CSV,
    }])  # fmt: skip
    follow(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + "/programmes/overviews/a/")
    assert_accessible(page)
    page.goto(live_server.url + f"/programmes/projects/{project.pk}/")
    assert_accessible(page)
    page.goto(live_server.url + f"/programmes/projects/{project.pk}/payments/add/")
    assert_accessible(page)
