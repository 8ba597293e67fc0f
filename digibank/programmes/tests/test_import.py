"""Import of the funder's list: a dry run, every bad row named, all or nothing, no duplicates."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from digibank.programmes import importer
from digibank.programmes.models import Project, ProjectMunicipality
from digibank.programmes.tests.factories import RoundFactory, TrackFactory

pytestmark = pytest.mark.django_db

HEADER = ["programme", "call", "round", "track", "reference", "title", "applicant",
          "enterprise_number", "municipalities", "amount_requested", "amount_approved",
          "status", "submitted_on", "decided_on", "start_date", "end_date"]  # fmt: skip


@pytest.fixture
def rnd():
    rnd = RoundFactory(
        call__name="Uitvoering strategie", number=4, call__programme__slug="digibanken"
    )
    TrackFactory(programme=rnd.call.programme, name="Implementatietraject")
    return rnd


def good_rows():
    return [
        ["digibanken", "Uitvoering strategie", "4", "Implementatietraject", "DB-1",
         "Digibank Brugge Noord", "OCMW Knokke-Heist", "", "Damme; Knokke-Heist; 31004",
         "480.000,00", "450000", "goedgekeurd", "27/10/2022", "2022-12-20", "2023-01-01",
         "2024-12-31"],
        ["digibanken", "Uitvoering strategie", "4", "", "DB-2", "DIGbij", "Stad Tongeren",
         "0207.451.227", "Borgloon; Tongeren; Heers", "300000", "", "ingediend",
         "2022-10-27", "", "", ""],
    ]  # fmt: skip


def test_a_good_file_imports_and_a_second_import_does_not_duplicate(rnd):
    table = [HEADER, *good_rows()]
    dry = importer.run(table, by=None, dry_run=True)
    assert dry.ok and not dry.imported and Project.objects.count() == 0
    first = importer.run(table, by=None)
    assert first.imported and first.created == 2
    again = importer.run(table, by=None)
    assert again.imported and again.created == 0 and again.updated == 2
    assert Project.objects.count() == 2
    digbij = Project.objects.get(reference="DB-2")
    # Borgloon and Tongeren merged: both count under Tongeren-Borgloon, with their names kept.
    places = ProjectMunicipality.objects.filter(project=digbij)
    assert places.count() == 3
    assert {p.municipality.code for p in places} == {"73111", "73022"}
    noord = Project.objects.get(reference="DB-1")
    assert noord.amount_approved == Decimal("450000") and noord.status == "approved"
    assert noord.history.count() == 1


def test_one_bad_row_imports_nothing_and_names_line_and_reason(rnd):
    rows = good_rows()
    bad = list(rows[1])
    bad[8] = "Atlantis"
    rows.append(list(rows[0]))  # line 4: the same file reference again
    rows.insert(1, bad)  # line 3
    rows.append([*rows[0][:9], "-5", "", "", "31/02/2022", "", "2024-01-01", "2023-01-01"])
    rows[-1][4] = "DB-9"
    result = importer.run([HEADER, *rows], by=None)
    assert not result.imported and Project.objects.count() == 0
    found = {(e.line, e.column) for e in result.errors}
    assert (3, "municipalities") in found  # unknown municipality
    assert (5, "reference") in found  # duplicate project
    assert (6, "amount_requested") in found  # impossible amount
    assert (6, "submitted_on") in found  # impossible date
    assert (6, "end_date") in found  # end before start
    messages = " ".join(str(e) for e in result.errors)
    assert "Atlantis" in messages


def test_xlsx_upload_through_the_page(client, world, rnd):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in good_rows():
        ws.append(row)
    ws.cell(row=2, column=13).value = datetime.date(2022, 10, 27)  # a real date cell
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("lijst.xlsx", buffer.getvalue())
    client.force_login(world.admin)
    url = reverse("programmes:import")
    response = client.post(url, {"file": upload, "dry_run": "on"})
    assert response.status_code == 200 and response.context["result"].ok
    assert Project.objects.count() == 0
    upload.seek(0)
    response = client.post(url, {"file": upload})
    assert response.context["result"].imported and Project.objects.count() == 2
    broken = SimpleUploadedFile("lijst.xlsx", b"not a workbook")
    response = client.post(url, {"file": broken})
    assert response.status_code == 200 and response.context["form"].errors
    other = SimpleUploadedFile("lijst.pdf", b"%PDF")
    assert client.post(url, {"file": other}).context["form"].errors


cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
)


@pytest.mark.parametrize("column", range(len(HEADER)))
def test_a_nul_character_in_any_cell_is_no_crash(rnd, column):
    """PostgreSQL refuses NUL in text: it found this, so every column is tried once."""
    row = list(good_rows()[0])
    row[column] = f"{row[column] or ''}\x00"
    result = importer.run([HEADER, row], by=None, dry_run=True)
    assert result.ok, result.errors  # the character is dropped; the row is as good as before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=len(HEADER) + 2), max_size=6))
def test_parser_never_crashes_and_blames_a_line(rnd, rows):
    """Whatever the cells hold, the parser answers with rows or with located errors."""
    result = importer.parse([HEADER, *rows])
    for error in result.errors:
        assert 1 <= error.line <= len(rows) + 1
        assert error.reason
    for row in result.rows:
        assert row.amount_requested >= 0
        assert row.amount_approved is None or row.amount_approved <= row.amount_requested
        assert not (row.start_date and row.end_date) or row.start_date <= row.end_date
    assert Project.objects.count() == 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amount=st.decimals(min_value=0, max_value=10**9, places=2),
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)),
    belgian=st.booleans(),
)
def test_amounts_and_dates_round_trip(amount, day, belgian):
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",") if belgian else str(amount)
    assert importer.parse_amount(text) == amount
    assert importer.parse_date(day.strftime("%d/%m/%Y")) == day
    assert importer.parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("480.000", Decimal("480000")),
        ("€ 15.000", Decimal("15000")),
        ("1.500.000", Decimal("1500000")),
        ("1.500.000,50", Decimal("1500000.50")),
        ("1,5", Decimal("1.50")),
        ("12.5", Decimal("12.50")),
    ],
)
def test_belgian_thousands_separators_are_read_as_such(cell, expected):
    assert importer.parse_amount(cell) == expected


@pytest.mark.parametrize("cell", ["15,000", "1,500,000"])
def test_an_ambiguous_amount_is_refused_not_guessed(cell):
    with pytest.raises(importer.CellError, match="15000"):
        importer.parse_amount(cell)


def test_a_real_date_cell_gets_the_same_year_check():
    with pytest.raises(importer.CellError, match="1900"):
        importer.parse_date(datetime.date(1900, 1, 1))
    assert importer.parse_date(datetime.datetime(2024, 12, 31, 0, 0)) == datetime.date(2024, 12, 31)


def test_a_broken_file_is_a_message_not_a_crash():
    with pytest.raises(importer.ImportFileError):
        importer.read_table("x.csv", ("a;" + "x" * 200_000 + "\n").encode().replace(b"x", b'"', 1))
    with pytest.raises(importer.ImportFileError):
        importer.read_table("x.xlsx", b"PK\x03\x04 not really a workbook")


def test_a_status_that_cannot_be_reached_is_a_bad_row_and_nothing_is_imported(rnd):
    from digibank.programmes import services
    from digibank.programmes.models import reachable_statuses

    assert reachable_statuses("submitted") >= {"running", "closed", "rejected"}
    assert reachable_statuses("closed") == {"closed"}
    table = [HEADER, *good_rows()]
    assert importer.run(table, by=None).imported
    closed = Project.objects.get(reference="DB-1")
    for step, on in (("running", "2023-01-01"), ("closed", "2025-01-10")):
        services.change_status(project=closed, to=step, on=datetime.date.fromisoformat(on))
    rejected = Project.objects.get(reference="DB-2")
    services.change_status(project=rejected, to="admissible", on=datetime.date(2022, 11, 1))
    services.change_status(project=rejected, to="rejected", on=datetime.date(2022, 12, 1))
    rows = good_rows()
    rows[0][11] = "lopend"  # closed cannot run again
    rows[1][11] = "goedgekeurd"  # rejected cannot be approved
    rows[1][10] = "250000"
    result = importer.run([HEADER, *rows], by=None)
    assert not result.imported
    assert [(e.line, e.column) for e in result.errors] == [(2, "status"), (3, "status")]
    assert "cannot become" in result.errors[0].reason or "kan niet" in result.errors[0].reason
    closed.refresh_from_db()
    rejected.refresh_from_db()
    assert closed.status == "closed" and rejected.status == "rejected"
    assert rejected.amount_approved is None
    # A status that is reachable in more than one step is fine: submitted -> running.
    rows = good_rows()
    rows[1][1:5] = ["Uitvoering strategie", "4", "", "DB-3"]
    rows[1][10:12] = ["250000", "lopend"]
    result = importer.run([HEADER, rows[1]], by=None)
    assert result.imported and Project.objects.get(reference="DB-3").status == "running"


def test_a_new_import_does_not_undo_an_amendment(rnd):
    from django.utils import translation

    from digibank.programmes import services
    from digibank.programmes.models import Amendment

    table = [HEADER, *good_rows()]
    assert importer.run(table, by=None).imported
    project = Project.objects.get(reference="DB-1")
    services.change_status(project=project, to="running", on=datetime.date(2023, 1, 1))
    services.amend(
        project=project,
        by=None,
        decided_on=datetime.date(2024, 6, 14),
        reference="BVR 2024/123",
        new_end_date=datetime.date(2026, 7, 31),
        new_amount=Decimal("500000"),  # above the amount requested: allowed by amendment
    )
    rows = good_rows()
    rows[0][11] = "verlengd"
    # The funder's old list: the amount and end date from before the amendment.
    with translation.override("en"):
        result = importer.run([HEADER, rows[0]], by=None)
    assert not result.imported
    assert [(e.line, e.column) for e in result.errors] == [
        (2, "amount_approved"),
        (2, "end_date"),
    ]
    for error in result.errors:
        assert "amended on" in error.reason and "BVR 2024/123" in error.reason
        assert "change it through an amendment" in error.reason
    assert "July 31, 2026" in result.errors[1].reason or "31" in result.errors[1].reason
    project.refresh_from_db()
    assert project.amount_approved == Decimal("500000")
    assert project.end_date == datetime.date(2026, 7, 31)
    assert Amendment.objects.filter(project=project).count() == 1
    # A blank cell would erase the amended value: also refused.
    rows[0][10], rows[0][15] = "500000", ""
    result = importer.run([HEADER, rows[0]], by=None)
    assert [(e.line, e.column) for e in result.errors] == [(2, "end_date")]
    # In Dutch, the message is Dutch.
    with translation.override("nl"):
        result = importer.run([HEADER, rows[0]], by=None)
    assert "wijziging" in result.errors[0].reason
    # The same values as the amendment pass, the amount above the request included.
    rows[0][15] = "31/07/2026"
    result = importer.run([HEADER, rows[0]], by=None)
    assert result.imported and result.updated == 1, result.errors
    project.refresh_from_db()
    assert project.amount_approved == Decimal("500000") and project.status == "extended"
    # A project without amendments still takes the list's new values.
    other = good_rows()[1]
    other[9:12] = ["300000", "250000", "goedgekeurd"]
    assert importer.run([HEADER, other], by=None).imported
    assert Project.objects.get(reference="DB-2").amount_approved == Decimal("250000")


def test_an_amendment_between_check_and_save_is_caught_on_the_locked_row(rnd, monkeypatch):
    """The check runs again on the locked project, so a late amendment is not undone."""
    from digibank.programmes import services

    assert importer.run([HEADER, *good_rows()], by=None).imported
    project = Project.objects.get(reference="DB-1")
    real_parse = importer.parse

    def parse_then_amend(*args, **kwargs):
        checked = real_parse(*args, **kwargs)
        assert checked.ok  # the file was fine when it was checked
        services.amend(
            project=project,
            by=None,
            decided_on=datetime.date(2024, 6, 14),
            reference="BVR 2024/9",
            new_amount=Decimal("400000"),
        )
        return checked

    monkeypatch.setattr(importer, "parse", parse_then_amend)
    rows = good_rows()
    rows[0][9] = "490000"  # a change that would be saved if the row were not checked again
    result = importer.run([HEADER, *rows], by=None)
    assert not result.imported and result.created == result.updated == 0
    assert [(e.line, e.column) for e in result.errors] == [(2, "amount_approved")]
    assert "BVR 2024/9" in result.errors[0].reason
    # Nothing of the row was saved. (The simulated amendment ran inside the import's
    # transaction, so the rollback takes it along; a real one is committed on its own.)
    project.refresh_from_db()
    assert project.amount_requested == Decimal("480000")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_imports_of_the_same_new_project_take_turns():
    """Without the programme lock the second insert hits the unique key: a 500."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    rnd = RoundFactory(
        call__name="Uitvoering strategie", number=4, call__programme__slug="digibanken"
    )
    TrackFactory(programme=rnd.call.programme, name="Implementatietraject")
    table = [HEADER, *good_rows()]
    workers = 6
    barrier = threading.Barrier(workers)

    def run(_):
        try:
            barrier.wait(timeout=10)
            result = importer.run(table, by=None)
            return (result.imported, result.created, result.updated, result.errors)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(run, range(workers)))
    assert all(imported for imported, *_rest in results), results
    assert sorted(created for _i, created, *_rest in results) == [0] * (workers - 1) + [2]
    assert sum(updated for *_rest, updated, _e in results) == 2 * (workers - 1)
    assert Project.objects.filter(reference__in=["DB-1", "DB-2"]).count() == 2
    assert ProjectMunicipality.objects.count() == 6


def test_the_import_page_explains_status_and_amendments_once_in_the_page(client, world):
    import re

    client.force_login(world.admin)
    html = client.get(reverse("programmes:import")).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and "&lt;" not in title
    assert html.count("De status moet volgen uit de status") == 1 and "amendement" in html.lower()
