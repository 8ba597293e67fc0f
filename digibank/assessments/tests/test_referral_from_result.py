"""The next steps of a Digiscan lead to a fitting partner, and to a warm referral."""

import html

import pytest
from django.urls import reverse

from digibank.assessments import advice
from digibank.assessments.tests.factories import completed_scan
from digibank.digibanks.models import OrganisationKind
from digibank.helpdesk.models import Topic
from digibank.referrals.models import Referral
from digibank.testing import factories as f

pytestmark = pytest.mark.django_db

# No PIN for the eID, no itsme yet, paying is hard, a smartphone only.
HOUSEHOLD = {
    "devices": ["smartphone"],
    "internet": "mobile_only",
    "costs_hard": "yes",
    "eid": "no_pin",
    "itsme": "not_active",
}


@pytest.fixture
def partners(world):
    def partner(name, kind, **extra):
        return f.PartnershipFactory(
            digibank=world.digibank_a,
            organisation__name=name,
            organisation__kind=kind,
            **extra,
        ).organisation

    return {
        "ocmw": partner("OCMW Damme", OrganisationKind.OCMW),
        "town": partner("Gemeente Damme", OrganisationKind.LOCAL_GOVERNMENT),
        "library": partner("Bibliotheek Damme", OrganisationKind.LIBRARY),
        "library2": partner("Bibliotheek Aardenburg", OrganisationKind.LIBRARY),
        "gone": partner(
            "Bibliotheek Oud", OrganisationKind.LIBRARY, until="2020-01-01", since="2019-01-01"
        ),
        "company": partner("Bedrijf Damme", OrganisationKind.COMPANY),
    }


def test_each_step_gets_partners_that_take_it_up(world, partners):
    scan = completed_scan(world.person_a, by=world.staff_a, level="alone", **HOUSEHOLD)
    steps = {step.code: step for step in advice.steps_with_partners(scan)}
    names = {code: [p.organisation.name for p in step.partners] for code, step in steps.items()}
    # An OCMW before a non-profit (the persona's partner) for the social tariff.
    assert names["social_tariff"] == ["OCMW Damme", world.partner_org_a.name]
    assert names["eid_pin"] == ["Gemeente Damme"]
    # Libraries first for itsme, alphabetically while none has been used yet.
    assert names["setup_itsme"] == ["Bibliotheek Aardenburg", "Bibliotheek Damme"]
    assert not any("Oud" in n or "Bedrijf" in n for row in names.values() for n in row)
    assert steps["setup_itsme"].topic_id == Topic.objects.get(digibank=None, code="itsme").pk


def test_the_town_hall_of_the_persons_own_municipality_comes_first(world, partners):
    # person_a lives in Knokke-Heist (31043); Damme's town hall is another municipality.
    f.PartnershipFactory(
        digibank=world.digibank_a,
        organisation__name="Gemeente Knokke-Heist",
        organisation__kind=OrganisationKind.LOCAL_GOVERNMENT,
        organisation__municipality=f.municipality("31043"),
    )
    scan = completed_scan(world.person_a, by=world.staff_a, level="alone", **HOUSEHOLD)
    steps = {step.code: step for step in advice.steps_with_partners(scan)}
    first = steps["eid_pin"].partners[0]
    assert first.organisation.name == "Gemeente Knokke-Heist"


def test_partners_the_digibank_refers_to_for_that_topic_come_first(world, partners):
    itsme = Topic.objects.get(digibank=None, code="itsme")
    for _n in range(2):
        Referral.objects.create(
            digibank=world.digibank_a,
            direction="to_partner",
            organisation=partners["library"],
            person=world.person_a,
            topic=itsme,
            reason="itsme",
            consent_on="2026-01-01",
        )
    scan = completed_scan(world.person_a, by=world.staff_a, level="alone", **HOUSEHOLD)
    steps = {step.code: step for step in advice.steps_with_partners(scan)}
    assert [p.organisation.name for p in steps["setup_itsme"].partners] == [
        "Bibliotheek Damme",
        "Bibliotheek Aardenburg",
    ]


def test_staff_start_a_warm_referral_from_a_step(client, world, partners):
    scan = completed_scan(world.person_a, by=world.staff_a, level="alone", **HOUSEHOLD)
    client.force_login(world.staff_a)
    page = client.get(scan.get_absolute_url()).content.decode()
    links = [html.unescape(u) for u in _refer_links(page)]
    ocmw = next(u for u in links if f"organisation={partners['ocmw'].pk}&" in u)
    assert f"person={world.person_a.pk}" in ocmw and "reason=" in ocmw
    # The referral form opens pre-filled; consent is still asked there.
    form_page = client.get(ocmw).content.decode()
    assert f'value="{partners["ocmw"].pk}" selected' in form_page
    assert world.person_a.reference in form_page
    assert "Na een Digiscan bij de digibank" in form_page
    assert 'name="consent_given"' in form_page
    assert not Referral.objects.exists()


def test_a_volunteer_sees_the_partners_but_cannot_refer(client, world, partners):
    scan = completed_scan(world.person_a, by=world.volunteer_a, level="alone", **HOUSEHOLD)
    client.force_login(world.volunteer_a)
    page = client.get(scan.get_absolute_url()).content.decode()
    assert "OCMW Damme" in page
    assert not _refer_links(page)
    assert client.get(reverse("referrals:create")).status_code == 403


def _refer_links(page: str) -> list[str]:
    import re

    start = reverse("referrals:create")
    return re.findall(rf'href="({re.escape(start)}\?[^"]+)"', page)
