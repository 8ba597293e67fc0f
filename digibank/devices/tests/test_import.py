"""Import: a dry run reports every bad row (line, column, reason); one bad row imports
nothing; a good file imports through the same rules as the forms."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digibank.devices import importer
from digibank.devices.models import Device, DeviceState, WipeStatus
from digibank.testing import factories as f

HEADER = (
    "type;brand;model;serial;condition;state;grade;"
    "wipe method;wipe tool;wipe date;wipe verification"
)
GOOD = [
    "laptop;Dell;Latitude 5490;SER-{n};good;received;;;;;",
    "Laptop;Lenovo;T480;SER-{n};Goed;ready;A;clear;nwipe;01/10/2026;full",
    "desktop;HP;EliteDesk;SER-{n};fair;in_repair;;;;;",
    "screen;Iiyama;ProLite;SER-{n};good;received;;;;;",
]
BAD = {
    "kind": ("toaster;X;Y;SER-{n};good;received;;;;;", "kind"),
    "condition": ("laptop;X;Y;SER-{n};shiny;received;;;;;", "condition"),
    "state": ("laptop;X;Y;SER-{n};good;on_loan;;;;;", "state"),
    "unwiped ready": ("laptop;X;Y;SER-{n};good;ready;;;;;", "wipe_method"),
    "unverified": (
        "laptop;X;Y;SER-{n};good;ready;;clear;nwipe;01/10/2026;none",
        "wipe_verification",
    ),
    "duplicate serial": ("laptop;X;Y;SER-0;good;received;;;;;", "serial_number"),
    "grade": ("laptop;X;Y;SER-{n};good;received;Z;;;;", "grade"),
}


def _csv(lines):
    return io.BytesIO("\n".join([HEADER, *lines]).encode())


@pytest.fixture
def place(world):
    return f.LocationFactory(digibank=world.digibank_a, name="Depot")


def test_a_good_file_imports_everything(world, place):
    lines = [line.format(n=n) for n, line in enumerate(GOOD)]
    report, count = importer.run(
        upload=_csv(lines), filename="x.csv", digibank=world.digibank_a,
        default_location=place, by=world.staff_a,
    )  # fmt: skip
    assert report.problems == [] and count == 4
    ready = Device.objects.get(serial_number="SER-1")
    assert (ready.state, ready.wipe_status, ready.grade) == (
        DeviceState.READY, WipeStatus.PASSED, "A",
    )  # fmt: skip
    assert ready.wipes.get().verification == "full"
    assert Device.objects.get(serial_number="SER-2").state == DeviceState.IN_REPAIR


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    good=st.lists(st.sampled_from(GOOD), min_size=1, max_size=8),
    bad=st.sampled_from(sorted(BAD)),
    position=st.integers(min_value=0, max_value=8),
)
def test_one_bad_row_imports_nothing_and_is_named(world, place, good, bad, position):
    lines = [line.format(n=n) for n, line in enumerate(good)]
    bad_line, column = BAD[bad]
    position = min(position, len(lines))
    lines.insert(position, bad_line.format(n=999))
    before = Device.objects.count()
    report, count = importer.run(
        upload=_csv(lines), filename="x.csv", digibank=world.digibank_a,
        default_location=place, by=world.staff_a,
    )  # fmt: skip
    assert count == 0 and Device.objects.count() == before
    problem_lines = {(p.line, p.column) for p in report.problems}
    if bad == "duplicate serial" and position == 0:
        # The row with the first "SER-0" is the bad one's twin, which comes later.
        assert any(c == "serial_number" for _l, c in problem_lines)
    else:
        assert (position + 2, column) in problem_lines, report.problems


def test_import_pages_dry_run_then_confirm(client, world, place):
    client.force_login(world.staff_a)
    data = "\n".join([HEADER, GOOD[0].format(n=1), GOOD[1].format(n=2)]).encode()
    upload = SimpleUploadedFile("devices.csv", data, content_type="text/csv")
    response = client.post(reverse("devices:import"), {"file": upload, "location": place.pk})
    assert response.status_code == 200 and Device.objects.count() == 0
    token = response.context["token"]
    assert token
    response = client.post(reverse("devices:import"), {"token": token})
    assert response.status_code == 302 and Device.objects.count() == 2
    # The same check cannot be imported twice.
    response = client.post(reverse("devices:import"), {"token": token})
    assert response.status_code == 302 and Device.objects.count() == 2
    bad = SimpleUploadedFile("x.csv", b"\x00\xff garbage", content_type="text/csv")
    response = client.post(reverse("devices:import"), {"file": bad, "location": place.pk})
    assert response.status_code == 200
    response = client.post(reverse("devices:import"), {"token": "../../etc:1"})
    assert response.status_code == 302


def test_xlsx_import(world, place):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Soort", "Merk", "Serienummer", "Staat", "Bouwjaar"])
    sheet.append(["Laptop", "Acer", "XL-1", "Goed", 2019])
    sheet.append(["Smartphone", "Samsung", "XL-2", "Redelijk", "twintig"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = importer.check(
        upload=buffer, filename="x.xlsx", digibank=world.digibank_a, default_location=place
    )
    assert [(p.line, p.column) for p in report.problems] == [(3, "made_year")]


def test_a_serial_of_another_digibank_is_refused_without_naming_its_tag(world, place):
    from digibank.devices.tests.factories import DeviceFactory

    theirs = DeviceFactory(digibank=world.digibank_b, serial_number="THEIRS-1")
    ours = DeviceFactory(digibank=world.digibank_a, serial_number="OURS-1")
    lines = ["laptop;X;Y;THEIRS-1;good;received;;;;;", "laptop;X;Y;OURS-1;good;received;;;;;"]
    report = importer.check(
        upload=_csv(lines), filename="x.csv", digibank=world.digibank_a, default_location=place
    )
    reasons = {p.line: str(p.reason) for p in report.problems}
    assert "another digibank" in reasons[2] and theirs.tag not in reasons[2]
    assert ours.tag in reasons[3]
