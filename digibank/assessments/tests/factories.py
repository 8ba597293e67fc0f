"""Factories and helpers for assessment tests."""

import datetime

from django.utils import timezone

from digibank.assessments import services
from digibank.assessments.models import QuestionSet, ScreeningRound
from digibank.testing import factories as f


def digiscan_set():
    return QuestionSet.objects.get(digibank=None, key="digiscan")


def staff_set():
    return QuestionSet.objects.get(digibank=None, key="staff-screening")


def answers(level: str = "with_help", task: str | None = None, **context) -> dict:
    """Answers to every scored item of the Digiscan at one level, plus context."""
    version = digiscan_set().latest_published()
    data = {}
    for item in version.items.all():
        if item.kind == "self_rating":
            data[item.key] = level
        elif item.kind == "can_do":
            data[item.key] = {"cannot": "no", "alone": "yes", "can_explain": "yes"}.get(
                level, level
            )
        elif item.kind == "task" and task:
            data[item.key] = task
    data.update(context)
    return data


def completed_scan(person, *, by, level="with_help", task=None, days_ago=0, **context):
    scan = services.start_digiscan(person=person, question_set=digiscan_set(), by=by, place="home")
    items = list(scan.version.items.all())
    services.save_answers(assessment=scan, items=items, data=answers(level, task, **context), by=by)
    services.complete(assessment=scan, by=by)
    if days_ago:
        when = timezone.now() - datetime.timedelta(days=days_ago)
        type(scan).objects.filter(pk=scan.pk).update(started_at=when, completed_at=when)
        scan.refresh_from_db()
    return scan


def screening_round(digibank, organisation, **extra):
    today = timezone.localdate()
    return ScreeningRound.objects.create(
        digibank=digibank,
        organisation=organisation,
        question_set=staff_set(),
        title=extra.pop("title", "Screening personeel 2026"),
        opens_on=extra.pop("opens_on", today - datetime.timedelta(days=1)),
        closes_on=extra.pop("closes_on", today + datetime.timedelta(days=30)),
        **extra,
    )


def local_government(digibank, code="31043"):
    from digibank.digibanks.models import OrganisationKind

    return f.PartnershipFactory(
        digibank=digibank,
        organisation__name="Gemeente Knokke-Heist",
        organisation__kind=OrganisationKind.LOCAL_GOVERNMENT,
        organisation__municipality=f.municipality(code),
    ).organisation


def completed_screening(screening_round, level="alone"):
    scan = services.start_screening(screening_round=screening_round)
    items = list(scan.version.items.all())
    data = {}
    for item in items:
        if item.kind == "self_rating":
            data[item.key] = level
        elif item.kind == "can_do":
            data[item.key] = {"cannot": "no", "alone": "yes", "can_explain": "yes"}.get(
                level, level
            )
    services.save_answers(assessment=scan, items=items, data=data, by=None)
    services.complete(assessment=scan, by=None)
    return scan
