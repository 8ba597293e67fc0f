"""Permission-matrix rows for the assessments URLs (see core/tests/test_permission_matrix)."""

from digibank.testing.matrix import (
    EVERYONE,
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    TEAMS,
    only,
)
from digibank.testing.personas import PERSONAS


def extend_world(world):
    from digibank.assessments import services
    from digibank.assessments.models import Assessment
    from digibank.assessments.tests import factories as af

    world.scan_a = af.completed_scan(world.person_a, by=world.staff_a)
    world.open_scan_a = Assessment.objects.create(
        digibank=world.digibank_a,
        version=af.digiscan_set().latest_published(),
        person=world.person_a,
        conducted_by=world.staff_a,
    )
    world.round_a = af.screening_round(world.digibank_a, af.local_government(world.digibank_a))
    world.open_screening = services.start_screening(screening_round=world.round_a)
    world.done_screening = af.completed_screening(world.round_a)
    world.default_version = af.digiscan_set().latest_published()
    own = services.adopt(
        question_set=af.digiscan_set(), digibank=world.digibank_a, by=world.coordinator_a
    )
    world.draft_item = own.versions.get().items.first()


SCAN_STAFF_A = only({"coordinator_a", "staff_a"}, otherwise=NOT_FOUND) | {"volunteer_a": FORBIDDEN}

MATRIX = {
    "assessments:list": (None, only({"coordinator_a", "staff_a", "coordinator_b"})),
    "assessments:start": (None, only(TEAMS)),
    "assessments:result": (lambda w: {"pk": w.scan_a.pk}, SCAN_STAFF_A),
    "assessments:result_pdf": (lambda w: {"pk": w.scan_a.pk}, SCAN_STAFF_A),
    "assessments:step": (lambda w: {"pk": w.open_scan_a.pk, "screen": 1}, SCAN_STAFF_A),
    "assessments:finish": (lambda w: {"pk": w.open_scan_a.pk}, SCAN_STAFF_A),
    "assessments:follow_up": (
        lambda w: {"pk": w.scan_a.pk},
        {**only(set(PERSONAS), ok=NOT_ALLOWED)},
    ),
    "assessments:progress": (lambda w: {"person_pk": w.person_a.pk}, SCAN_STAFF_A),
    "assessments:figures": (None, only({"coordinator_a", "staff_a", "coordinator_b"})),
    "assessments:rounds": (
        None,
        only({"coordinator_a", "staff_a", "coordinator_b", "officer_a"}),
    ),
    "assessments:round_create": (None, only({"coordinator_a", "coordinator_b"})),
    "assessments:round": (
        lambda w: {"pk": w.round_a.pk},
        only({"coordinator_a", "staff_a", "officer_a"}, otherwise=NOT_FOUND),
    ),
    "assessments:round_close": (
        lambda w: {"pk": w.round_a.pk},
        {**only(set(PERSONAS), ok=NOT_ALLOWED)},
    ),
    "assessments:screening": (lambda w: {"code": w.round_a.code}, EVERYONE),
    "assessments:screening_step": (
        lambda w: {"token": w.open_screening.token, "screen": 1},
        EVERYONE,
    ),
    "assessments:screening_finish": (lambda w: {"token": w.open_screening.token}, EVERYONE),
    "assessments:screening_result": (lambda w: {"token": w.done_screening.token}, EVERYONE),
    "assessments:question_sets": (None, only({"coordinator_a", "coordinator_b"})),
    "assessments:version": (
        lambda w: {"pk": w.default_version.pk},
        only({"coordinator_a", "coordinator_b"}),
    ),
    "assessments:version_action": (
        lambda w: {"pk": w.default_version.pk},
        {**only(set(PERSONAS), ok=NOT_ALLOWED)},
    ),
    "assessments:item_create": (
        lambda w: {"pk": w.draft_item.version_id},
        only({"coordinator_a"}) | {"coordinator_b": NOT_FOUND},
    ),
    "assessments:item_action": (
        lambda w: {"pk": w.draft_item.pk},
        {**only(set(PERSONAS), ok=NOT_ALLOWED)},
    ),
    "assessments:item_edit": (
        lambda w: {"pk": w.draft_item.pk},
        only({"coordinator_a"}) | {"coordinator_b": NOT_FOUND},
    ),
}
