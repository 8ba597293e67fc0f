"""Small builders of programme data for the regional tests (plain ORM, no shared state)."""

import datetime
import itertools
from decimal import Decimal

from digibank.digibanks.models import Organisation, OrganisationKind
from digibank.programmes import models as pm
from digibank.regional.models import Region

_n = itertools.count(1)


def programme(name=None, funder_name="Departement WSE"):
    funder, _created = pm.Funder.objects.get_or_create(
        name=funder_name,
        defaults={"level": pm.FunderLevel.FLEMISH, "enterprise_number": "0316380940"},
    )
    n = next(_n)
    return pm.Programme.objects.create(
        name=name or f"Programme {n}", slug=f"programme-{n}", funder=funder
    )


def call_round(prog, *, opens_on, closes_on, number=1, eligibility="Local partnerships."):
    call = pm.Call.objects.create(programme=prog, name=f"Call {next(_n)}", eligibility=eligibility)
    return pm.Round.objects.create(call=call, number=number, opens_on=opens_on, closes_on=closes_on)


def new_enterprise_number() -> str:
    """A fresh, well-formed KBO/BCE number: 0 + eight digits + 97 - (eight digits mod 97)."""
    first8 = 2_000_000 + next(_n)
    return f"{first8:08d}{97 - first8 % 97:02d}"


def organisation(name=None, enterprise_number=None):
    enterprise_number = enterprise_number or new_enterprise_number()
    return Organisation.objects.create(
        name=name or f"Organisation {next(_n)}",
        kind=OrganisationKind.LOCAL_GOVERNMENT,
        enterprise_number=enterprise_number,
    )


def project(
    rnd,
    *,
    municipalities=(),
    former=(),
    status=pm.ProjectStatus.APPROVED,
    amount=Decimal("100000"),
    decided_on=datetime.date(2022, 12, 20),
    applicant=None,
    partners=(),
    is_demo=False,
):
    """A project serving current municipalities and (former code, successor) pairs."""
    p = pm.Project.objects.create(
        round=rnd,
        reference=f"REF-{next(_n)}",
        title="Digibank project",
        purpose="Laptops, trainings and a helpdesk.",
        applicant=applicant or organisation(),
        status=status,
        submitted_on=datetime.date(2022, 10, 1),
        decided_on=decided_on if status in pm.AWARDED or status == "rejected" else None,
        decision_reference="BVR 2022/123",
        amount_requested=amount,
        amount_approved=amount if status in pm.AWARDED else None,
        is_demo=is_demo,
    )
    for code in municipalities:
        pm.ProjectMunicipality.objects.create(project=p, municipality_id=code)
    for former_code, successor in former:
        pm.ProjectMunicipality.objects.create(
            project=p, municipality_id=successor, former_id=former_code
        )
    for org in partners:
        pm.ProjectPartner.objects.create(project=p, organisation=org)
    return p


def region(owner, codes, name="Regio Brugge"):
    r = Region.objects.create(owner=owner, name=name)
    r.municipalities.set(codes)
    return r
