"""Demo data runs twice without duplicates; export and erasure reach lending data."""

import datetime
import io

import pytest
from django.utils import timezone

from digibank.demo import foundation
from digibank.loans import demo, services
from digibank.loans.models import ConnectivityHelp, Loan, LoanRequest
from digibank.loans.tests.factories import device_for
from digibank.people import services as people_services

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent():
    out = io.StringIO()
    foundation.load(out, {})
    demo.load(out, {})
    counts = (Loan.objects.count(), LoanRequest.objects.count(), ConnectivityHelp.objects.count())
    assert counts == (3, 2, 1)
    assert Loan.objects.overdue().count() == 1
    demo.load(out, {})
    again = (Loan.objects.count(), LoanRequest.objects.count(), ConnectivityHelp.objects.count())
    assert again == counts


def test_export_and_erasure_reach_lending_data(world):
    person = world.person_a
    loan = services.lend(
        device=device_for(world),
        person=person,
        by=world.staff_a,
        kind="fixed",
        due_on=timezone.localdate() + datetime.timedelta(weeks=4),
    )
    services.return_loan(
        loan=loan, by=world.staff_a, condition_in="good", accessories_complete=True,
        note="Maria liet haar foto's staan",
    )  # fmt: skip
    services.record_connectivity(
        person=person, by=world.staff_a, data={"kind": "social_tariff", "note": "Proximus klant"}
    )
    data = people_services.export_person(person=person, by=world.coordinator_a)
    assert data["loans"]["loans"][0]["reference"] == loan.reference
    assert data["loans"]["connectivity"][0]["kind"] == "social_tariff"
    people_services.erase_person(person=person, by=world.coordinator_a)
    loan.refresh_from_db()
    assert loan.end_note == "" and loan.status == "returned"  # the record stays, anonymous
    assert ConnectivityHelp.objects.get(person=person).note == ""
