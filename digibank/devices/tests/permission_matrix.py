"""Permission-matrix rows for every devices URL (see core/tests/test_permission_matrix.py)."""

from digibank.testing.matrix import (
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    REDIRECT,
    STAFF_A,
    TEAM_A,
    TEAMS,
    only,
)
from digibank.testing.personas import PERSONAS


def extend_world(world):
    from digibank.devices.tests.factories import DeviceFactory, DonationFactory

    world.donation_a = DonationFactory(digibank=world.digibank_a, location=world.location_a)
    world.device_a = DeviceFactory(
        digibank=world.digibank_a, donation=world.donation_a, location=world.location_a
    )


def _device(w):
    return {"pk": w.device_a.pk}


def _donation(w):
    return {"pk": w.donation_a.pk}


IN_A = only(TEAM_A, otherwise=NOT_FOUND)

MATRIX = {
    "devices:list": (None, only(TEAMS)),
    "devices:stock": (None, only(TEAMS)),
    "devices:figures": (None, only(TEAMS)),
    "devices:donations": (None, only(TEAMS)),
    "devices:donation_create": (None, only(TEAMS)),
    # Digibank B has no devices yet: its team is sent back to the list with a message.
    "devices:labels": (
        None,
        only(TEAM_A) | {"coordinator_b": REDIRECT, "volunteer_b": REDIRECT, "staff_b": REDIRECT},
    ),
    "devices:import": (None, only(STAFF_A | {"coordinator_b"})),
    "devices:by_tag": (
        lambda w: {"tag": w.device_a.tag},
        only(TEAM_A, otherwise=NOT_FOUND, ok=REDIRECT),
    ),
    "devices:detail": (_device, IN_A),
    "devices:edit": (_device, IN_A),
    "devices:wipe": (_device, IN_A),
    "devices:repair": (_device, IN_A),
    "devices:move": (_device, IN_A),
    "devices:transition": (_device, only(set(PERSONAS), ok=NOT_ALLOWED)),
    "devices:donation": (_donation, IN_A),
    "devices:donation_edit": (_donation, IN_A),
    "devices:device_add": (_donation, IN_A),
    "devices:receipt": (_donation, IN_A),
    "devices:certificate": (_donation, IN_A),
    "devices:donor_erase": (
        _donation,
        only({"coordinator_a"}, otherwise=NOT_FOUND)
        | {"staff_a": FORBIDDEN, "volunteer_a": FORBIDDEN},
    ),
}
