"""Every lending condition, with the explanation staff read out when it is not met."""

import datetime

import pytest
from django.utils import timezone

from digibank.loans import eligibility, services
from digibank.loans.models import RequestStatus
from digibank.loans.tests.factories import loan_for, person_in_a
from digibank.people.models import TargetGroup
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db


def failed(checks):
    return {c.rule: c.explanation for c in checks if not c.ok}


@pytest.fixture
def policy(world):
    return eligibility.policy_for(world.digibank_a)


def test_a_person_in_the_area_passes_the_default_rules(world, policy):
    checks = eligibility.check_person(person=world.person_a, policy=policy)
    assert failed(checks) == {}
    assert {c.rule for c in checks} == {"area", "overdue", "max_devices"}


def test_outside_the_service_area_is_explained(world, policy):
    person = f.PersonFactory(digibank=world.digibank_a, municipality=f.municipality("31005"))
    reasons = failed(eligibility.check_person(person=person, policy=policy))
    assert "Brugge" in reasons["area"] and "outside the service area" in reasons["area"]


def test_unknown_municipality_is_explained(world, policy):
    person = f.PersonFactory(digibank=world.digibank_a, municipality=None)
    assert (
        "do not know where"
        in failed(eligibility.check_person(person=person, policy=policy))["area"]
    )


def test_target_group_rule(world, policy):
    policy.target_groups.set([TargetGroup.objects.get(code="senior")])
    person = person_in_a(world)
    reasons = failed(eligibility.check_person(person=person, policy=policy))
    assert "Senior" in reasons["target_group"]
    person.target_groups.add("senior")
    assert "target_group" not in failed(eligibility.check_person(person=person, policy=policy))


def test_referral_rule_and_cap_per_referrer(world, policy):
    policy.require_referral = True
    policy.max_open_requests_per_referrer = 2
    policy.save()
    person = person_in_a(world)
    assert (
        "must refer" in failed(eligibility.check_person(person=person, policy=policy))["referral"]
    )
    stranger_org = f.OrganisationFactory(name="Club elders")
    reasons = failed(eligibility.check_person(person=person, policy=policy, referrer=stranger_org))
    assert "not a partner" in reasons["referral"]
    ocmw = world.partner_org_a
    for _ in range(2):
        services.register_request(
            person=person_in_a(world), by=world.staff_a, wish="laptop", referrer=ocmw
        )
    with pytest.raises(services.LoanError) as exc:
        services.register_request(person=person, by=world.staff_a, wish="laptop", referrer=ocmw)
    assert any("already has 2 waiting requests; the limit is 2" in r for r in exc.value.reasons)


def test_proof_must_be_valid_today(world, policy):
    policy.require_proof = True
    policy.save()
    person = person_in_a(world)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert (
        "Proof with an end date"
        in failed(eligibility.check_person(person=person, policy=policy))["proof"]
    )
    reasons = failed(
        eligibility.check_person(
            person=person, policy=policy, proof="OCMW attest", proof_valid_until=yesterday
        )
    )
    assert "expired" in reasons["proof"]


def test_one_device_per_person_and_no_overdue_loan(world, policy):
    person = person_in_a(world)
    started = timezone.localdate() - datetime.timedelta(weeks=6)
    loan = loan_for(world, person, started_on=started, weeks=4)
    reasons = failed(eligibility.check_person(person=person, policy=policy))
    assert "already has 1 device on loan" in reasons["max_devices"]
    assert loan.reference in reasons["overdue"]
    # Extending settles the overdue loan; the one-device rule still holds.
    services.extend(
        loan=loan, by=world.staff_a, new_due_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    assert set(failed(eligibility.check_person(person=person, policy=policy))) == {"max_devices"}


def test_a_waiting_person_cannot_ask_twice(world):
    person = person_in_a(world)
    services.register_request(person=person, by=world.staff_a, wish="laptop")
    with pytest.raises(services.LoanError, match="already on the waiting list"):
        services.register_request(person=person, by=world.staff_a, wish="tablet")
    assert person.loan_requests.get().status == RequestStatus.WAITING
