"""The demo data holds the real facts, and the parliamentary-question overviews (a, b, c)
opened by LibreOffice give the same figures as the screen, with totals that add up."""

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.accounts.roles import Role
from digibank.programmes import demo, overviews
from digibank.programmes.models import AWARDED, Project, ProjectMunicipality, Round
from digibank.programmes.templatetags.programmes_tags import cell
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NUMBERS = ("int", "money", "decimal", "percent")


@pytest.fixture
def demo_data():
    demo.load(io.StringIO(), {})
    return Project.objects.all()


def _facts():
    digibanken = Project.objects.filter(programme__slug="digibanken")
    eib = Project.objects.filter(programme__slug="eib-ocmw-2022")
    regions = {
        region: eib.filter(places__municipality__region=region).distinct().count()
        for region in ("02000", "03000", "04000")
    }
    return {
        "pre": digibanken.filter(track__kind="pre_trajectory", status__in=AWARDED).count(),
        "impl_1_4": digibanken.filter(
            track__kind="implementation", round__number__lte=4, status__in=AWARDED
        ).count(),
        "impl": digibanken.filter(track__kind="implementation", status__in=AWARDED).count(),
        "round5_admissible": Round.objects.get(
            call__name="Uitvoering strategie", number=5
        ).admissible_count,
        "round5_files": digibanken.filter(round__number=5, track__kind="implementation").count(),
        "eib_projects": eib.count(),
        "eib_ocmws": ProjectMunicipality.objects.filter(project__in=eib).count(),
        "eib_regions": regions,
        "total": Project.objects.count(),
    }


def test_demo_data_holds_the_real_facts_and_loads_twice_without_duplicates(demo_data):
    facts = _facts()
    assert facts["pre"] == 42
    assert facts["impl_1_4"] == 35
    assert facts["impl"] == 54
    assert facts["round5_admissible"] == 21 == facts["round5_files"]
    assert facts["eib_projects"] == 40 and facts["eib_ocmws"] == 73
    assert facts["eib_regions"] == {"02000": 11, "03000": 21, "04000": 8}
    assert Project.objects.filter(is_demo=False).count() == 0  # invented details are marked
    demo.load(io.StringIO(), {})
    assert _facts() == facts


def test_demo_has_an_open_and_an_upcoming_round_for_the_calls_tracker(demo_data, client):

    from digibank.programmes.models import Call
    from digibank.regional import tracker

    today = timezone.localdate()
    states = [tracker.state_of(r, today) for r in tracker.rounds(today)]
    assert "open" in states and "upcoming" in states
    invented = Call.objects.get(name__endswith="(demo)")
    assert invented.is_demo and "verzonnen" in invented.demo_note
    counts = (Call.objects.count(), Round.objects.count())
    demo.load(io.StringIO(), {})
    assert (Call.objects.count(), Round.objects.count()) == counts
    assert [tracker.state_of(r, today) for r in invented.rounds.order_by("number")] == [
        "open",
        "upcoming",
    ]
    # The tracker page shows them, marked as invented.
    client.force_login(f.MembershipFactory(digibank=None, role=Role.FUNDER).user)
    html = client.get(reverse("regional:tracker")).content.decode()
    assert html.count(invented.name) == 2 and invented.demo_note in html


def _convert(paths: list[Path], outdir: Path) -> None:
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{outdir}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false",
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def _number(text: str) -> Decimal:
    return Decimal(text) if text.strip() else Decimal("0")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
)
def test_parliamentary_overviews_in_libreoffice_match_the_screen(demo_data, client, tmp_path):
    funder = f.MembershipFactory(digibank=None, role=Role.FUNDER).user
    client.force_login(funder)
    screens, paths = {}, []
    for key in ("a", "b", "c"):
        response = client.get(reverse("programmes:overview", kwargs={"key": key}))
        assert response.status_code == 200
        screens[key] = response
        download = client.get(reverse("programmes:overview_xlsx", kwargs={"key": key}))
        path = tmp_path / f"overview-{key}.xlsx"
        path.write_bytes(download.content)
        paths.append(path)
    _convert(paths, tmp_path)
    for key, response in screens.items():
        table = response.context["table"]
        html = response.content.decode()
        with open(tmp_path / f"overview-{key}.csv", newline="", encoding="utf-8") as fh:
            lines = list(csv.reader(fh))
        header, body = lines[0], lines[1 : 1 + len(table.rows)]
        total_line = lines[1 + len(table.rows)]
        assert header == [c.header for c in table.columns]
        assert len(body) == len(table.rows)
        totals = table.totals()
        for index, column in enumerate(table.columns):
            if column.kind not in NUMBERS:
                continue
            # Every figure of the workbook is the figure on the screen.
            for row, line in zip(table.rows, body, strict=True):
                assert _number(line[index]) == Decimal(str(row[index] or 0)), (key, column.header)
            if column.total:
                column_sum = sum(_number(line[index]) for line in body)
                assert _number(total_line[index]) == column_sum == totals[index], (
                    key,
                    column.header,
                )
                assert cell(totals[index], column) in html
    # (b) adds up to the total approved amount of the projects with municipalities.
    awarded = Project.objects.filter(status__in=AWARDED)
    expected = sum(p.amount_approved for p in awarded if p.places.exists())
    assert screens["b"].context["table"].totals()[3] == expected
    assert overviews.per_province(awarded).totals()[3] == expected


def test_the_demo_records_no_payment_in_the_future(demo_data):
    from django.utils import timezone

    from digibank.programmes.models import Payment

    assert not Payment.objects.filter(paid_on__gt=timezone.localdate()).exists()
    assert Payment.objects.filter(paid_on__isnull=True).exists()  # the balances still due


def test_overviews_of_demo_data_say_so_on_screen_and_in_the_workbook(client, world, demo_data):
    from openpyxl import load_workbook

    client.force_login(world.funder)
    page = client.get(reverse("programmes:overview", args=["a"])).content.decode()
    assert "demo" in page.lower() and "verzonnen" in page
    workbook = client.get(reverse("programmes:overview_xlsx", args=["a"]))
    sheet = load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("verzonnen" in t for t in texts)
