from digibank.testing.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, only
from digibank.testing.personas import PERSONAS

POST_ONLY = only(set(PERSONAS), ok=NOT_ALLOWED)
STAFF = {"coordinator_a", "staff_a", "coordinator_b"}
SEES_A = {"coordinator_a", "staff_a", "partner_a"}


def extend_world(world):
    from digibank.referrals.tests.factories import FromPartnerFactory, ReferralFactory

    world.referral_a = ReferralFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a, person=world.person_a
    )
    world.inbound_a = FromPartnerFactory(
        digibank=world.digibank_a, organisation=world.partner_org_a
    )


MATRIX = {
    "referrals:list": (None, only(STAFF)),
    "referrals:inbox": (None, only(STAFF)),
    "referrals:create": (None, only(STAFF)),
    "referrals:figures": (None, only(STAFF)),
    "referrals:export": (None, only(STAFF | {"partner_a"})),
    "referrals:partner_list": (None, only({"partner_a"})),
    "referrals:partner_create": (None, only({"partner_a"})),
    "referrals:detail": (
        lambda w: {"pk": w.referral_a.pk},
        only(SEES_A, otherwise=NOT_FOUND),
    ),
    # The receiver answers: the partner for a referral sent to it.
    "referrals:answer": (
        lambda w: {"pk": w.referral_a.pk},
        only({"partner_a"}, otherwise=NOT_FOUND)
        | {"coordinator_a": FORBIDDEN, "staff_a": FORBIDDEN},
    ),
    "referrals:outcome": (
        lambda w: {"pk": w.referral_a.pk},
        only({"partner_a"}, otherwise=NOT_FOUND)
        | {"coordinator_a": FORBIDDEN, "staff_a": FORBIDDEN},
    ),
    "referrals:pickup": (lambda w: {"pk": w.inbound_a.pk}, POST_ONLY),
    "referrals:withdraw": (lambda w: {"pk": w.referral_a.pk}, POST_ONLY),
    "referrals:link_person": (lambda w: {"pk": w.inbound_a.pk}, POST_ONLY),
}
