"""Rules of programmes and projects: the database and the one place for transitions."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from digibank.programmes import services
from digibank.programmes.models import TRANSITIONS, Payment, ProjectStatus, Round
from digibank.programmes.tests.factories import (
    ProjectFactory,
    RoundFactory,
    TrackFactory,
    awarded_project,
)

pytestmark = pytest.mark.django_db


def test_every_status_has_its_transitions():
    assert set(TRANSITIONS) == set(ProjectStatus.values)
    for targets in TRANSITIONS.values():
        assert targets <= set(ProjectStatus.values)


def test_the_database_refuses_impossible_amounts_and_dates():
    project = ProjectFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        type(project).objects.filter(pk=project.pk).update(amount_requested=Decimal("-1"))
    with transaction.atomic(), pytest.raises(IntegrityError):
        type(project).objects.filter(pk=project.pk).update(amount_approved=Decimal("100001"))
    with transaction.atomic(), pytest.raises(IntegrityError):
        type(project).objects.filter(pk=project.pk).update(
            start_date=datetime.date(2023, 1, 2), end_date=datetime.date(2023, 1, 1)
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Round.objects.filter(pk=project.round_id).update(
            opens_on=datetime.date(2022, 5, 1), closes_on=datetime.date(2022, 4, 1)
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Payment.objects.create(project=project, kind="advance", planned_amount=Decimal("-5"))


def test_programme_comes_from_the_round():
    rnd = RoundFactory()
    project = ProjectFactory(round=rnd)
    assert project.programme_id == rnd.call.programme_id


def test_status_moves_only_along_the_transitions():
    project = ProjectFactory()
    with pytest.raises(services.ProgrammeError):
        services.change_status(project=project, to="running", on=datetime.date(2022, 3, 1))
    services.change_status(project=project, to="admissible", on=datetime.date(2022, 3, 1))
    with pytest.raises(services.ProgrammeError):
        services.change_status(
            project=project, to="approved", on=datetime.date(2022, 3, 2),
            amount_approved=Decimal("200000"),
        )  # fmt: skip
    services.change_status(
        project=project, to="approved", on=datetime.date(2022, 4, 1),
        amount_approved=Decimal("80000"), by_name="WSE",
    )  # fmt: skip
    project.refresh_from_db()
    assert project.status == "approved"
    assert project.decided_on == datetime.date(2022, 4, 1)
    assert [c.to_status for c in project.history.all()] == ["admissible", "approved"]
    with pytest.raises(services.ProgrammeError):
        services.change_status(project=project, to="running", on=datetime.date(2022, 3, 30))


def test_extension_by_amendment_keeps_history_and_extends():
    project = awarded_project(status="running", end_date=datetime.date(2024, 12, 31))
    amendment = services.amend(
        project=project,
        by=None,
        decided_on=datetime.date(2023, 2, 17),
        reference="Decreet, art. 96",
        new_end_date=datetime.date(2026, 7, 31),
    )
    project.refresh_from_db()
    assert amendment.old_end_date == datetime.date(2024, 12, 31)
    assert project.end_date == datetime.date(2026, 7, 31)
    assert project.status == "extended"
    # A raise above the request is allowed once an amendment decided it.
    services.amend(
        project=project, by=None, decided_on=datetime.date(2024, 1, 1),
        reference="B-2", new_amount=Decimal("150000"),
    )  # fmt: skip
    project.refresh_from_db()
    assert project.amount_approved == Decimal("150000")
    assert project.amendments.count() == 2


def test_result_tiers_give_the_amount_for_users_reached():
    track = TrackFactory()
    for start, amount in ((1, "350000"), (1001, "100000"), (1501, "30000"), (1751, "20000")):
        track.result_tiers.create(from_users=start, amount=Decimal(amount))
    assert track.amount_for_users(900) == Decimal("350000")
    assert track.amount_for_users(1200) == Decimal("450000")
    assert track.amount_for_users(1600) == Decimal("480000")
    assert track.amount_for_users(3000) == Decimal("500000")
    assert track.amount_for_users(0) == Decimal("0")
