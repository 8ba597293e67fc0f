"""Permission rows for the programmes module: every URL, every persona.

Programme viewers: coordinators, local officers, funders and platform administrators.
Volunteers, staff, partners and strangers see nothing of this module.
"""

from digibank.testing.matrix import FORBIDDEN, NOT_FOUND, OK, only

VIEWERS = {"coordinator_a", "coordinator_b", "officer_a", "funder", "admin"}
MANAGERS = {"funder", "admin"}


def extend_world(world):
    from digibank.programmes.tests.factories import ProjectFactory, awarded_project

    world.project_a = awarded_project(status="running", municipalities=["31043"])
    world.project_a.digibanks.add(world.digibank_a)
    world.project_other = ProjectFactory(municipalities=["11002"])


def _project(w):
    return {"pk": w.project_a.pk}


MATRIX = {
    "programmes:index": (None, only(VIEWERS)),
    "programmes:projects": (None, only(VIEWERS)),
    "programmes:programme": (lambda w: {"slug": w.project_a.programme.slug}, only(VIEWERS)),
    # coordinator_b's digibank has no part in project A: it does not exist for them.
    "programmes:project": (_project, only(VIEWERS) | {"coordinator_b": NOT_FOUND}),
    "programmes:project_status": (
        _project,
        only(MANAGERS) | {"coordinator_a": FORBIDDEN, "officer_a": FORBIDDEN},
    ),
    "programmes:project_amend": (_project, only(MANAGERS)),
    "programmes:overview": (lambda w: {"key": "a"}, only(VIEWERS)),
    "programmes:overview_xlsx": (lambda w: {"key": "b"}, only(VIEWERS)),
    "programmes:import": (None, only(MANAGERS)),
}

__all__ = ["MATRIX", "OK", "extend_world"]
