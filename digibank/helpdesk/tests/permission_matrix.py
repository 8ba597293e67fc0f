"""Permission-matrix rows for every helpdesk URL (see core/tests/test_permission_matrix.py)."""

from digibank.testing.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, STAFF_A, TEAM_A, TEAMS, only
from digibank.testing.personas import PERSONAS

PROFESSIONALS = STAFF_A | {"coordinator_b"}
POST_ONLY = only(set(PERSONAS), ok=NOT_ALLOWED)


def extend_world(world):
    from digibank.helpdesk.tests.factories import ContactFactory, LocalTopicFactory, SlotFactory

    world.hd_contact = ContactFactory(digibank=world.digibank_a, person=world.person_a)
    world.hd_topic = LocalTopicFactory(digibank=world.digibank_a)
    world.hd_slot = SlotFactory(digibank=world.digibank_a, location=world.location_a)


MATRIX = {
    "helpdesk:contacts": (None, only(TEAMS)),
    "helpdesk:contact_create": (None, only(TEAMS)),
    "helpdesk:contact": (lambda w: {"pk": w.hd_contact.pk}, only(TEAM_A, otherwise=NOT_FOUND)),
    "helpdesk:registered": (
        lambda w: {"pk": w.hd_contact.pk},
        only(TEAM_A, otherwise=NOT_FOUND),
    ),
    "helpdesk:handovers": (None, only(PROFESSIONALS)),
    "helpdesk:handover_take": (lambda w: {"pk": 1}, POST_ONLY),
    "helpdesk:handover_close": (lambda w: {"pk": 1}, POST_ONLY),
    "helpdesk:topics": (None, only(PROFESSIONALS)),
    "helpdesk:topic_create": (None, only(PROFESSIONALS)),
    "helpdesk:topic_edit": (
        lambda w: {"pk": w.hd_topic.pk},
        only(STAFF_A, otherwise=FORBIDDEN) | {"coordinator_b": NOT_FOUND},
    ),
    "helpdesk:slots": (None, only(TEAMS)),
    "helpdesk:slot_generate": (None, only(PROFESSIONALS)),
    "helpdesk:slot": (lambda w: {"pk": w.hd_slot.pk}, only(TEAM_A, otherwise=NOT_FOUND)),
    "helpdesk:calls": (None, only(TEAMS)),
    "helpdesk:booking_status": (lambda w: {"pk": 1}, POST_ONLY),
    "helpdesk:queue": (None, only(TEAMS)),
    "helpdesk:queue_join": (None, POST_ONLY),
    "helpdesk:queue_move": (lambda w: {"pk": 1}, POST_ONLY),
    "helpdesk:figures": (None, only(PROFESSIONALS)),
    "helpdesk:figures_export": (None, only(PROFESSIONALS)),
}
