"""Twenty desks try to lend the same device at once: one loan, nineteen clear messages."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import translation

from digibank.devices.models import DeviceState
from digibank.loans import services
from digibank.loans.models import Loan, LoanKind
from digibank.loans.tests.factories import device_for, person_in_a


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_attempts_to_lend_one_device_give_one_loan(world):
    device = device_for(world)
    people = [person_in_a(world, name=f"Parallel {i}") for i in range(20)]
    barrier = threading.Barrier(20)

    def attempt(person):
        try:
            with translation.override("en"):
                barrier.wait()
                try:
                    services.lend(
                        device=device, person=person, by=world.staff_a, kind=LoanKind.LONG_TERM
                    )
                except services.LoanError as exc:
                    return exc.message
                return "lent"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(attempt, people))
    assert results.count("lent") == 1
    refusals = [r for r in results if r != "lent"]
    assert len(refusals) == 19
    assert all("already on loan" in r for r in refusals), set(refusals)
    assert Loan.objects.filter(device=device).count() == 1
    device.refresh_from_db()
    assert device.state == DeviceState.ON_LOAN


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_allows_one_open_loan_per_device(world):
    from django.db import IntegrityError

    loan = services.lend(
        device=device_for(world), person=person_in_a(world), by=world.staff_a,
        kind=LoanKind.LONG_TERM,
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        Loan.objects.create(
            digibank=world.digibank_a,
            person=person_in_a(world),
            device=loan.device,
            kind=LoanKind.LONG_TERM,
        )
