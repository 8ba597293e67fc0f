"""Factories for programmes, calls, rounds and projects."""

import datetime
from decimal import Decimal

import factory

from digibank.programmes import models
from digibank.testing import factories as f


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Funder
        django_get_or_create = ("name",)

    name = "Departement Werk en Sociale Economie"
    short_name = "WSE"
    policy_domain = "Werk en Sociale Economie"
    level = models.FunderLevel.FLEMISH


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    funder = factory.SubFactory(FunderFactory)
    budget = Decimal("50000000")
    start_date = datetime.date(2021, 12, 17)
    end_date = datetime.date(2026, 7, 31)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Track

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    kind = models.TrackKind.IMPLEMENTATION
    max_amount = Decimal("500000")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Call

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Call {n}")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Round

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    opens_on = datetime.date(2022, 1, 1)
    closes_on = datetime.date(2022, 3, 1)
    assessment_by = datetime.date(2022, 4, 1)
    award_by = datetime.date(2022, 5, 1)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Project
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    reference = factory.Sequence(lambda n: f"P-{n:04d}")
    title = factory.Sequence(lambda n: f"Project {n}")
    applicant = factory.SubFactory(f.OrganisationFactory)
    submitted_on = datetime.date(2022, 2, 15)
    amount_requested = Decimal("100000")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        for code in extracted or ():
            models.ProjectMunicipality.objects.create(
                project=self, municipality=f.municipality(code)
            )


def awarded_project(*, status="running", amount=Decimal("100000"), municipalities=(), **kw):
    """A project moved through the real transitions up to ``status``."""
    from digibank.programmes import services

    project = ProjectFactory(municipalities=municipalities, **kw)
    steps = ["admissible", "approved", "running", "extended", "closed"]
    day = project.submitted_on
    for step in steps:
        day += datetime.timedelta(days=10)
        services.change_status(project=project, to=step, on=day, amount_approved=amount)
        if step == status:
            break
    project.refresh_from_db()
    return project
