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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_of_one_referrer_respect_its_cap(world):
    """Ten people referred by one partner at the same moment: a cap of 1 lets one through."""
    from digibank.loans import eligibility
    from digibank.loans.models import LoanRequest

    policy = eligibility.policy_for(world.digibank_a)
    policy.require_referral = True
    policy.max_open_requests_per_referrer = 1
    policy.save()
    referrer = world.partner_org_a
    people = [person_in_a(world, name=f"Referred {i}") for i in range(10)]
    barrier = threading.Barrier(len(people))

    def attempt(person):
        try:
            with translation.override("en"):
                barrier.wait()
                try:
                    services.register_request(
                        person=person, by=world.staff_a, wish="laptop", referrer=referrer
                    )
                except services.LoanError as exc:
                    return " ".join(exc.reasons)
                return "registered"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        results = list(pool.map(attempt, people))
    assert results.count("registered") == 1, results
    refusals = [r for r in results if r != "registered"]
    assert all("the limit is 1" in r for r in refusals), set(refusals)
    assert LoanRequest.objects.waiting().filter(referrer=referrer).count() == 1
