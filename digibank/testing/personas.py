"""The people of every test: two digibanken (A = Brugge Noord, B = Brugge West) and one
user per role, so that each test reads like a small story."""

from dataclasses import dataclass

from digibank.accounts.roles import Role
from digibank.testing import factories as f


@dataclass
class World:
    digibank_a: object
    digibank_b: object
    partner_org_a: object
    coordinator_a: object
    staff_a: object
    volunteer_a: object
    partner_a: object
    officer_a: object
    coordinator_b: object
    volunteer_b: object
    funder: object
    admin: object
    stranger: object
    person_a: object
    person_b: object

    def persona(self, name):
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = (
    "anonymous", "stranger", "coordinator_a", "staff_a", "volunteer_a", "partner_a",
    "officer_a", "coordinator_b", "volunteer_b", "funder", "admin",
)  # fmt: skip


def build_world() -> World:
    a = f.DigibankFactory(
        name="Digibank Brugge Noord",
        slug="brugge-noord",
        municipalities=["31004", "31006", "31043", "31042"],
    )
    b = f.DigibankFactory(
        name="Digibank Brugge West",
        slug="brugge-west",
        municipalities=["31003", "31012", "31022", "31033", "31040"],
    )
    partner_org = f.PartnershipFactory(
        digibank=a, organisation__name="OCMW Knokke-Heist"
    ).organisation

    def member(email, digibank, role, **extra):
        return f.MembershipFactory(
            user__email=email,
            user__first_name=email.split("@")[0].title(),
            digibank=digibank,
            role=role,
            **extra,
        ).user

    admin = f.UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    return World(
        digibank_a=a,
        digibank_b=b,
        partner_org_a=partner_org,
        coordinator_a=member("coordinator.a@example.org", a, Role.COORDINATOR),
        staff_a=member("staff.a@example.org", a, Role.STAFF),
        volunteer_a=member("volunteer.a@example.org", a, Role.VOLUNTEER),
        partner_a=member("partner.a@example.org", a, Role.PARTNER, organisation=partner_org),
        officer_a=member(
            "officer.a@example.org", a, Role.LOCAL_OFFICER, municipality=f.municipality("31043")
        ),
        coordinator_b=member("coordinator.b@example.org", b, Role.COORDINATOR),
        volunteer_b=member("volunteer.b@example.org", b, Role.VOLUNTEER),
        funder=member("funder@example.org", None, Role.FUNDER),
        admin=admin,
        stranger=f.UserFactory(email="stranger@example.org"),
        person_a=f.PersonFactory(
            digibank=a,
            name="Maria Peeters",
            municipality=f.municipality("31043"),
            notes="Needs help with itsme.",
        ),
        person_b=f.PersonFactory(
            digibank=b, name="Jozef Claes", municipality=f.municipality("31022")
        ),
    )
