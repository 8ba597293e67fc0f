"""Device figures: counts from the history, per location and month; impact per type."""

import datetime
from decimal import Decimal

from django.utils import timezone

from digibank.devices import figures, services
from digibank.devices.models import DeviceKind, DeviceState, StorageKind
from digibank.devices.tests.factories import DeviceFactory, ready_device
from digibank.testing import factories as f


def test_flow_and_impact(world):
    user = world.staff_a
    north = f.LocationFactory(digibank=world.digibank_a, name="Noord")
    south = f.LocationFactory(digibank=world.digibank_a, name="Zuid")
    lent = ready_device(user, digibank=world.digibank_a, location=north)
    services.lend(device=lent, by=user)
    services.take_back(device=lent, by=user)
    given = ready_device(
        user, digibank=world.digibank_a, location=south, kind=DeviceKind.SMARTPHONE
    )
    services.give_away(device=given, by=user)
    screen = DeviceFactory(
        digibank=world.digibank_a, location=south, kind=DeviceKind.SCREEN,
        storage_kind=StorageKind.NONE,
    )  # fmt: skip
    services.transition(device=screen, to_state=DeviceState.RECYCLED, by=user, handed_to="Recupel")
    DeviceFactory(digibank=world.digibank_b)  # another digibank: not counted

    rows, total = figures.flow(digibank=world.digibank_a)
    by_label = {r.label: r for r in rows}
    assert (total.collected, total.wiped, total.refurbished) == (3, 2, 2)
    assert (total.lent, total.given, total.recycled) == (1, 1, 1)
    assert by_label["Noord"].lent == 1 and by_label["Zuid"].given == 1
    months, month_total = figures.flow(digibank=world.digibank_a, by="month")
    assert month_total.values() == total.values() and len(months) == 1

    impact_rows, kg, co2e = figures.impact(digibank=world.digibank_a)
    counted = {r.kind: r.devices for r in impact_rows}
    # Each device counts once, however often it went out; recycling is no reuse.
    assert counted == {"laptop": 1, "desktop": 0, "tablet": 0, "smartphone": 1, "screen": 0,
                       "other": 0}  # fmt: skip
    assert kg == Decimal("2.0") + Decimal("0.15")
    assert co2e == Decimal(69 + 27)
    future = timezone.localdate() + datetime.timedelta(days=1)
    assert figures.impact(digibank=world.digibank_a, start=future)[1] == 0


def test_a_wipe_counts_where_the_device_was_wiped(world):
    user = world.staff_a
    north = f.LocationFactory(digibank=world.digibank_a, name="Noord")
    south = f.LocationFactory(digibank=world.digibank_a, name="Zuid")
    device = ready_device(user, digibank=world.digibank_a, location=north)
    services.move_device(device=device, to_location=south, by=user)
    rows, total = figures.flow(digibank=world.digibank_a)
    by_label = {r.label: r for r in rows}
    assert total.wiped == 1 and by_label["Noord"].wiped == 1
    assert "Zuid" not in by_label or by_label["Zuid"].wiped == 0
