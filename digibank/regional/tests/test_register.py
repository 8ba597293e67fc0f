"""The public register of awarded subsidies, on screen and as CSV."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse

from digibank.programmes.models import ProjectStatus
from digibank.regional import register
from digibank.regional.tests import factories as rf

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[3] / "docs" / "register-schema.md"


@pytest.fixture
def awarded():
    prog = rf.programme("Digibanken")
    day = datetime.date(2022, 1, 1)
    rnd = rf.call_round(prog, opens_on=day, closes_on=day)
    applicant = rf.organisation("Stad Tongeren", enterprise_number="0207437468")
    project = rf.project(
        rnd,
        applicant=applicant,
        municipalities=["73022"],  # Heers
        former=[("73009", "73111"), ("73083", "73111")],
        amount="480000.50",
    )
    rf.project(rnd, municipalities=["31004"], status=ProjectStatus.SUBMITTED)
    rf.project(rnd, municipalities=["31004"], status=ProjectStatus.REJECTED)
    return project


def _rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_csv_has_the_documented_columns_and_only_awarded_projects(client, awarded):
    response = client.get(reverse("regional:register_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == list(register.COLUMNS)
    assert row["beneficiary"] == "Stad Tongeren"
    assert row["beneficiary_enterprise_number"] == "0207437468"
    assert row["amount_awarded_eur"] == "480000.50"
    assert row["decision_date"] == "2022-12-20"
    assert row["funder"] == "Departement WSE"
    # Merged in 2025: once, under the successor, with the former names.
    assert row["municipality_codes"] == "73022|73111"
    assert row["municipalities"] == "Heers|Tongeren-Borgloon (voorheen Borgloon, Tongeren)"
    assert row["provinces"] == "Limburg"
    assert row["demo_data"] == "false"


def test_schema_document_lists_every_column():
    text = DOCS.read_text(encoding="utf-8")
    for name in register.COLUMNS:
        assert f"`{name}`" in text, name


def test_html_register_paginates_with_fixed_queries(client, awarded, django_assert_max_num_queries):
    rnd = awarded.round
    for _i in range(60):
        rf.project(rnd, municipalities=["31004", "31043"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("regional:register"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 61
    assert len(response.context["rows"]) == 50
    assert client.get(reverse("regional:register"), {"page": "2"}).status_code == 200
    assert client.get(reverse("regional:register"), {"page": "x"}).status_code == 200


def test_filters_by_programme_and_province(client, awarded):
    other = rf.programme("Iedereen Digitaal")
    day = datetime.date(2022, 1, 1)
    rf.project(rf.call_round(other, opens_on=day, closes_on=day), municipalities=["31004"])
    rows = _rows(client.get(reverse("regional:register_csv"), {"province": "30000"}))
    assert [r["programme"] for r in rows] == ["Iedereen Digitaal"]
    rows = _rows(client.get(reverse("regional:register_csv"), {"programme": other.slug}))
    assert len(rows) == 1
    response = client.get(reverse("regional:register"), {"programme": awarded.programme.slug})
    assert response.context["page_obj"].paginator.count == 1


def test_a_name_that_looks_like_a_formula_stays_text(client, awarded):
    awarded.applicant.name = '=HYPERLINK("http://evil.example")'
    awarded.applicant.save()
    awarded.title = "+Digitale inclusie"
    awarded.save()
    row = _rows(client.get(reverse("regional:register_csv")))[0]
    assert row["beneficiary"].startswith("'=")
    assert row["purpose"].startswith("'+")
    assert row["amount_awarded_eur"] == "480000.50"  # numbers stay numbers
