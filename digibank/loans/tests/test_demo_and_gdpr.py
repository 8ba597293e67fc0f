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


def test_retention_leaves_people_with_a_device_or_a_place_on_the_waiting_list(world):
    from digibank.loans.tests.factories import loan_for, person_in_a
    from digibank.people.models import Person

    long_ago = timezone.localdate() - datetime.timedelta(days=5 * 365)
    holder = loan_for(world, weeks=52 * 6).person
    waiting = services.register_request(
        person=person_in_a(world), by=world.staff_a, wish="laptop", requested_on=long_ago
    ).person
    gone = person_in_a(world)
    Person.objects.filter(pk__in=[holder.pk, waiting.pk, gone.pk]).update(last_activity_on=long_ago)
    assert people_services.ongoing_business(holder) and people_services.ongoing_business(waiting)
    assert people_services.ongoing_business(gone) == []

    due = people_services.apply_retention(digibank=world.digibank_a)

    assert [p.pk for p in due] == [gone.pk]
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert not holder.is_anonymised and not waiting.is_anonymised


def test_erase_page_says_what_still_runs(client, world):
    from django.urls import reverse

    from digibank.loans.tests.factories import loan_for

    loan = loan_for(world)
    client.force_login(world.coordinator_a)
    page = client.get(reverse("people:erase", args=[loan.person.pk])).content.decode()
    assert "A device on loan" in page


def test_printed_export_shows_everything_in_words(client, world):
    """The paper version holds what the JSON file holds, with labels instead of codes."""
    from django.urls import reverse

    from digibank.loans.tests.factories import loan_for

    loan = loan_for(world)
    client.force_login(world.coordinator_a)
    response = client.post(reverse("people:export", args=[loan.person.pk]), {"format": "print"})
    page = response.content.decode()
    assert loan.reference in page and loan.device.tag in page
    assert "On loan" in page  # the loan's status, in words
    assert "Loan of a device" in page  # the help received, in words
    for code in ('"open"', ">open<", ">loan<", ">fixed<", "requests loans"):
        assert code not in page
