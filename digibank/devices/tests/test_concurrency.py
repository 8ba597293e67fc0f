"""Races on PostgreSQL: the row lock in ``services.transition`` lets exactly one of many
parallel attempts put a device on loan, and parallel intakes of one serial give one row."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import translation

from digibank.devices import services
from digibank.devices.models import Device, DeviceEvent, DeviceKind, DeviceState
from digibank.devices.services import DeviceError
from digibank.devices.tests.factories import ready_device
from digibank.testing import factories as f


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_lends_give_one_loan(world):
    device = ready_device(world.staff_a, digibank=world.digibank_a)

    def lend(_):
        translation.activate("en")
        try:
            stale = Device.objects.get(pk=device.pk)
            services.lend(device=stale, by=world.staff_a)
            return "ok"
        except DeviceError as exc:
            return str(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lend, range(20)))
    assert results.count("ok") == 1
    assert all("already on loan" in r for r in results if r != "ok")
    assert DeviceEvent.objects.filter(device=device, to_state=DeviceState.ON_LOAN).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_intake_of_one_serial_gives_one_device(world):
    place = f.LocationFactory(digibank=world.digibank_a)

    def add(_):
        try:
            services.add_device(
                donation=None, digibank=world.digibank_a, by=None, location=place,
                data={"kind": DeviceKind.LAPTOP, "condition": "good", "serial_number": "RACE-1"},
            )  # fmt: skip
            return "ok"
        except DeviceError as exc:
            return str(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(add, range(10)))
    assert results.count("ok") == 1
    assert Device.objects.filter(serial_key="RACE1").count() == 1
