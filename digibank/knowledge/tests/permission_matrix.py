from digibank.testing.matrix import EVERYONE, NOT_ALLOWED, NOT_FOUND, STAFF_A, TEAM_A, TEAMS, only
from digibank.testing.personas import PERSONAS

POST_ONLY = only(set(PERSONAS), ok=NOT_ALLOWED)
PUBLISHERS = {"coordinator_a", "staff_a", "coordinator_b"}


def extend_world(world):
    from digibank.knowledge.tests.factories import SuggestionFactory, published_guide

    world.guide_a = published_guide(world.digibank_a, title="itsme installeren")
    world.suggestion_a = SuggestionFactory(guide=world.guide_a)


MATRIX = {
    "knowledge:list": (None, only(TEAMS | {"partner_a"})),
    "knowledge:create": (None, only(PUBLISHERS)),
    "knowledge:suggestions": (None, only(PUBLISHERS)),
    "knowledge:review": (
        lambda w: {"pk": w.suggestion_a.pk},
        only(STAFF_A, otherwise=NOT_FOUND),
    ),
    "knowledge:detail": (
        lambda w: {"pk": w.guide_a.pk},
        only(TEAM_A | {"partner_a"}, otherwise=NOT_FOUND),
    ),
    "knowledge:print": (
        lambda w: {"pk": w.guide_a.pk},
        only(TEAM_A | {"partner_a"}, otherwise=NOT_FOUND),
    ),
    "knowledge:edit": (
        lambda w: {"pk": w.guide_a.pk},
        only(STAFF_A, otherwise=NOT_FOUND) | {"volunteer_a": 403, "partner_a": 403},
    ),
    "knowledge:publish": (lambda w: {"pk": w.guide_a.pk}, POST_ONLY),
    "knowledge:checked": (lambda w: {"pk": w.guide_a.pk}, POST_ONLY),
    "knowledge:suggest": (
        lambda w: {"pk": w.guide_a.pk},
        only(TEAM_A, otherwise=NOT_FOUND) | {"partner_a": 403},
    ),
    "knowledge:public_list": (lambda w: {"slug": w.digibank_a.slug}, EVERYONE),
    "knowledge:public_detail": (
        lambda w: {"slug": w.digibank_a.slug, "pk": w.guide_a.pk},
        EVERYONE,
    ),
}
