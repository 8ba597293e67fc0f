"""Rows of the permission matrix for the regional module (public pages and tracker)."""

from digibank.testing.matrix import EVERYONE, NOT_ALLOWED, NOT_FOUND, only
from digibank.testing.personas import PERSONAS

PROGRAMME_VIEWERS = {"coordinator_a", "coordinator_b", "officer_a", "funder", "admin"}


def extend_world(world):
    from digibank.regional import services
    from digibank.regional.models import Subscriber
    from digibank.regional.tests import factories as rf

    world.region = rf.region(world.funder, ["31004", "31043"])
    subscriber = Subscriber.objects.create(email="reader@example.org")
    world.confirm_token = services.confirm_token(subscriber)
    world.unsubscribe_token = services.unsubscribe_token(subscriber)


MATRIX = {
    # Public: facts about public money, for everyone, no login.
    "regional:map": (None, EVERYONE),
    "regional:map_table": (None, EVERYONE),
    "regional:register": (None, EVERYONE),
    "regional:register_csv": (None, EVERYONE),
    "regional:calendar": (None, EVERYONE),
    "regional:subscribe": (None, EVERYONE),
    "regional:subscribe_sent": (None, EVERYONE),
    "regional:confirm": (lambda w: {"token": w.confirm_token}, EVERYONE),
    "regional:unsubscribe": (lambda w: {"token": w.unsubscribe_token}, EVERYONE),
    # Coordinators: programme.view; a volunteer sees none of it.
    "regional:tracker": (None, only(PROGRAMME_VIEWERS)),
    "regional:regions": (None, only(PROGRAMME_VIEWERS)),
    "regional:region_edit": (
        lambda w: {"pk": w.region.pk},
        only(PROGRAMME_VIEWERS) | {p: NOT_FOUND for p in PROGRAMME_VIEWERS - {"funder"}},
    ),
    "regional:region_delete": (
        lambda w: {"pk": w.region.pk},
        only(set(PERSONAS), ok=NOT_ALLOWED),
    ),
}
