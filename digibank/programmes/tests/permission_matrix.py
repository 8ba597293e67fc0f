"""Permission rows for the programmes module: every URL, every persona.

Programme viewers: coordinators, local officers, funders and platform administrators.
Volunteers, staff, partners and strangers see nothing of this module.
"""

import datetime

from digibank.testing.matrix import FORBIDDEN, NOT_FOUND, OK, only

VIEWERS = {"coordinator_a", "coordinator_b", "officer_a", "funder", "admin"}
MANAGERS = {"admin"}


def extend_world(world):
    from digibank.programmes.tests.factories import ProjectFactory, awarded_project

    world.project_a = awarded_project(status="running", municipalities=["31043"])
    world.project_a.digibanks.add(world.digibank_a)
    world.project_other = ProjectFactory(municipalities=["11002"])
    world.payment_a = world.project_a.payments.create(kind="advance", planned_amount=80000)
    world.budget_line_a = world.project_a.budget_lines.create(
        category="staff", label="Coach", amount=50000
    )
    world.report_a = world.project_a.reports.create(
        period="interim",
        nature="financial",
        due_on=datetime.date(2023, 3, 31),
        submitted_on=datetime.date(2023, 3, 20),
    )
    world.milestone_a = world.project_a.programme.milestones.create(
        name="100 gemeenten", measure="municipalities", target=100
    )


def _project(w):
    return {"pk": w.project_a.pk}


def _report(w):
    return {"pk": w.project_a.pk, "report_pk": w.report_a.pk}


# Entry forms: only programme managers. The check comes before the fetch, so everyone
# else gets 403, also for a project they cannot see.
MANAGE = only(MANAGERS)


MATRIX = {
    "programmes:index": (None, only(VIEWERS)),
    "programmes:projects": (None, only(VIEWERS)),
    # A programme is not one digibank's: a local officer anywhere may read it.
    "programmes:programme": (
        lambda w: {"slug": w.project_a.programme.slug},
        only(VIEWERS) | {"officer_b": OK},
    ),
    # coordinator_b's digibank has no part in project A: it does not exist for them.
    "programmes:project": (_project, only(VIEWERS) | {"coordinator_b": NOT_FOUND}),
    "programmes:project_status": (
        _project,
        only(MANAGERS) | {"coordinator_a": FORBIDDEN, "officer_a": FORBIDDEN},
    ),
    "programmes:project_amend": (_project, only(MANAGERS)),
    "programmes:payment_add": (_project, MANAGE),
    "programmes:payment_paid": (
        lambda w: {"pk": w.project_a.pk, "payment_pk": w.payment_a.pk},
        MANAGE,
    ),
    "programmes:budget_line_add": (_project, MANAGE),
    "programmes:budget_line_edit": (
        lambda w: {"pk": w.project_a.pk, "line_pk": w.budget_line_a.pk},
        MANAGE,
    ),
    "programmes:report_add": (_project, MANAGE),
    "programmes:report_submitted": (_report, MANAGE),
    "programmes:report_approved": (_report, MANAGE),
    "programmes:cost_line_add": (_report, MANAGE),
    "programmes:milestone_edit": (
        lambda w: {"slug": w.project_a.programme.slug, "pk": w.milestone_a.pk},
        MANAGE,
    ),
    "programmes:overview": (lambda w: {"key": "a"}, only(VIEWERS) | {"officer_b": OK}),
    "programmes:overview_xlsx": (lambda w: {"key": "b"}, only(VIEWERS) | {"officer_b": OK}),
    "programmes:import": (None, only(MANAGERS)),
}

__all__ = ["MATRIX", "OK", "extend_world"]
