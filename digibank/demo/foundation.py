"""Demo data for the foundation, from the public facts in the sources.

The three Bruges-region digibanken and their service areas are real (files approved
since October 2022). Partner lists, addresses, accounts and every citizen are invented
for the demo; citizens' names are fictitious and contain no real personal data.
"""

import datetime
import random

from django.db import transaction

from digibank.accounts.models import Membership, User
from digibank.accounts.roles import PLATFORM_ADMIN_LABEL, Role
from digibank.digibanks.models import (
    Digibank,
    Location,
    LocationKind,
    OpeningHours,
    Organisation,
    OrganisationKind,
    PartnerRole,
    Partnership,
)
from digibank.geo.models import Municipality
from digibank.people.models import Consent, ConsentPurpose, ContactChannel, Person, TargetGroup

DEMO_PASSWORD = "digibank-demo"  # noqa: S105 - printed on purpose: demo installations only

DIGIBANKS = [
    {
        "slug": "brugge-noord",
        "name": "Digibank Brugge Noord",
        "municipalities": ["31004", "31006", "31043", "31042"],
        "description": "Digibank voor Blankenberge, Damme, Knokke-Heist en Zuienkerke.",
        "email": "info@brugge-noord.digibank.invalid",
        "phone": "050 00 00 01",
    },
    {
        "slug": "brugge-centrum",
        "name": "Digibank Brugge Centrum",
        "municipalities": ["31005"],
        "description": "Digibank voor Brugge.",
        "email": "info@brugge-centrum.digibank.invalid",
        "phone": "050 00 00 02",
    },
    {
        "slug": "brugge-west",
        "name": "Digibank Brugge West",
        "municipalities": ["31003", "31012", "31022", "31033", "31040"],
        "description": "Digibank voor Beernem, Jabbeke, Oostkamp, Torhout en Zedelgem.",
        "email": "info@brugge-west.digibank.invalid",
        "phone": "050 00 00 03",
    },
]

# (digibank slug, organisation name, kind, role, municipality code)
PARTNERS = [
    (
        "brugge-noord",
        "Stad Blankenberge",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.LEAD,
        "31004",
    ),
    (
        "brugge-noord",
        "Gemeente Damme",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31006",
    ),
    (
        "brugge-noord",
        "Gemeente Knokke-Heist",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31043",
    ),
    (
        "brugge-noord",
        "Gemeente Zuienkerke",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31042",
    ),
    ("brugge-noord", "OCMW Knokke-Heist", OrganisationKind.OCMW, PartnerRole.REFERRER, "31043"),
    (
        "brugge-noord",
        "Bibliotheek Blankenberge",
        OrganisationKind.LIBRARY,
        PartnerRole.LOCATION_HOST,
        "31004",
    ),
    (
        "brugge-noord",
        "Kringwinkel Kust (demo)",
        OrganisationKind.SOCIAL_ECONOMY,
        PartnerRole.PARTNER,
        "31004",
    ),
    ("brugge-centrum", "Stad Brugge", OrganisationKind.LOCAL_GOVERNMENT, PartnerRole.LEAD, "31005"),
    ("brugge-centrum", "OCMW Brugge", OrganisationKind.OCMW, PartnerRole.REFERRER, "31005"),
    (
        "brugge-centrum",
        "Openbare Bibliotheek Brugge",
        OrganisationKind.LIBRARY,
        PartnerRole.LOCATION_HOST,
        "31005",
    ),
    (
        "brugge-centrum",
        "Digitaal Buurtwerk Brugge vzw (demo)",
        OrganisationKind.NON_PROFIT,
        PartnerRole.PARTNER,
        "31005",
    ),
    (
        "brugge-centrum",
        "Laptopherstel Brugge (demo)",
        OrganisationKind.COMPANY,
        PartnerRole.SUPPORTER,
        "31005",
    ),
    (
        "brugge-west",
        "Gemeente Oostkamp",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.LEAD,
        "31022",
    ),
    (
        "brugge-west",
        "Gemeente Beernem",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31003",
    ),
    (
        "brugge-west",
        "Gemeente Jabbeke",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31012",
    ),
    (
        "brugge-west",
        "Stad Torhout",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31033",
    ),
    (
        "brugge-west",
        "Gemeente Zedelgem",
        OrganisationKind.LOCAL_GOVERNMENT,
        PartnerRole.PARTNER,
        "31040",
    ),
    ("brugge-west", "OCMW Oostkamp", OrganisationKind.OCMW, PartnerRole.REFERRER, "31022"),
    (
        "brugge-west",
        "Vormingscentrum West (demo)",
        OrganisationKind.TRAINING_PROVIDER,
        PartnerRole.PARTNER,
        "31033",
    ),
]

# (digibank slug, name, kind, street, postcode, municipality, services, hours)
WEEKDAY_AFTERNOONS = [(0, "13:30", "16:30"), (2, "13:30", "16:30"), (4, "09:30", "12:00")]
LOCATIONS = [
    (
        "brugge-noord",
        "Digipunt Blankenberge (bibliotheek)",
        LocationKind.FIXED,
        "Demostraat 1",
        "8370",
        "31004",
        ("helpdesk", "lending", "collection", "computer_room"),
        WEEKDAY_AFTERNOONS,
    ),
    (
        "brugge-noord",
        "Digibus Noord",
        LocationKind.MOBILE,
        "",
        "",
        "31006",
        ("helpdesk", "training"),
        [(1, "09:00", "12:00")],
    ),
    (
        "brugge-noord",
        "Sociaal Huis Knokke-Heist",
        LocationKind.HYBRID,
        "Demoplein 2",
        "8300",
        "31043",
        ("helpdesk", "training"),
        [(3, "09:00", "12:00")],
    ),
    (
        "brugge-centrum",
        "Digipunt Biekorf",
        LocationKind.FIXED,
        "Kuipersstraat 3",
        "8000",
        "31005",
        ("helpdesk", "training", "computer_room"),
        WEEKDAY_AFTERNOONS,
    ),
    (
        "brugge-centrum",
        "Hersteldepot Brugge",
        LocationKind.FIXED,
        "Demodreef 10",
        "8200",
        "31005",
        ("lending", "collection"),
        [(1, "10:00", "16:00"), (3, "10:00", "16:00")],
    ),
    (
        "brugge-west",
        "Digipunt Oostkamp",
        LocationKind.FIXED,
        "Demolaan 5",
        "8020",
        "31022",
        ("helpdesk", "lending", "collection", "training"),
        WEEKDAY_AFTERNOONS,
    ),
    (
        "brugge-west",
        "Digipunt Torhout",
        LocationKind.HYBRID,
        "Demomarkt 7",
        "8820",
        "31033",
        ("helpdesk", "training"),
        [(2, "09:00", "12:00")],
    ),
]

# (e-mail, first name, last name, digibank slug or None, role, extra)
ACCOUNTS = [
    (
        "coordinator.noord@digibank.invalid",
        "Els",
        "Coördinator",
        "brugge-noord",
        Role.COORDINATOR,
        {},
    ),
    ("staff.noord@digibank.invalid", "Tom", "Medewerker", "brugge-noord", Role.STAFF, {}),
    ("volunteer.noord@digibank.invalid", "Mia", "Digihelper", "brugge-noord", Role.VOLUNTEER, {}),
    (
        "partner.noord@digibank.invalid",
        "Sara",
        "Maatschappelijk werker",
        "brugge-noord",
        Role.PARTNER,
        {"organisation": "OCMW Knokke-Heist"},
    ),
    (
        "officer.knokke@digibank.invalid",
        "Pieter",
        "E-inclusieambtenaar",
        "brugge-noord",
        Role.LOCAL_OFFICER,
        {"municipality": "31043"},
    ),
    (
        "coordinator.centrum@digibank.invalid",
        "An",
        "Coördinator",
        "brugge-centrum",
        Role.COORDINATOR,
        {},
    ),
    (
        "coordinator.west@digibank.invalid",
        "Jan",
        "Coördinator",
        "brugge-west",
        Role.COORDINATOR,
        {},
    ),
    ("volunteer.west@digibank.invalid", "Noah", "Digihelper", "brugge-west", Role.VOLUNTEER, {}),
    ("funder@digibank.invalid", "Lotte", "Financier", None, Role.FUNDER, {}),
]
ADMIN_EMAIL = "admin@digibank.invalid"

FIRST_NAMES = [
    "Maria",
    "Jozef",
    "Rita",
    "Marc",
    "Godelieve",
    "Luc",
    "Annie",
    "Willy",
    "Fatima",
    "Mohamed",
    "Olena",
    "Dmytro",
    "Nadia",
    "Yusuf",
    "Lieve",
    "Roger",
    "Chantal",
    "Eddy",
    "Agnes",
    "Frans",
    "Sofia",
    "Ahmed",
    "Kevin",
    "Jessica",
    "Rosa",
    "Hilde",
    "Marcel",
    "Ingrid",
    "Patrick",
    "Monique",
]
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Vermeulen", "Pauwels", "Dubois", "Hermans", "Aerts", "El Amrani",
    "Kovalenko", "Yilmaz", "Vandenberghe", "Desmet",
]  # fmt: skip


@transaction.atomic
def load(out, context: dict) -> dict:
    """Create or update the demo data; running it twice changes nothing."""
    rng = random.Random(20221001)
    digibanks = {}
    for spec in DIGIBANKS:
        digibank, _created = Digibank.objects.update_or_create(
            slug=spec["slug"],
            defaults={k: spec[k] for k in ("name", "description", "email", "phone")},
        )
        digibank.municipalities.set(Municipality.objects.filter(code__in=spec["municipalities"]))
        digibanks[spec["slug"]] = digibank

    organisations = {}
    for slug, name, kind, role, code in PARTNERS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality_id": code}
        )
        organisations[name] = organisation
        Partnership.objects.get_or_create(
            digibank=digibanks[slug],
            organisation=organisation,
            defaults={"role": role, "since": datetime.date(2022, 10, 1)},
        )

    services_map = {
        "helpdesk": "offers_helpdesk", "lending": "offers_lending",
        "collection": "offers_collection", "training": "offers_training",
        "computer_room": "offers_computer_room",
    }  # fmt: skip
    for slug, name, kind, street, postcode, code, offered, hours in LOCATIONS:
        location, created = Location.objects.get_or_create(
            digibank=digibanks[slug],
            name=name,
            defaults={
                "kind": kind,
                "street": street,
                "postcode": postcode,
                "municipality_id": code,
                "phone": digibanks[slug].phone,
                "email": digibanks[slug].email,
                "step_free_access": kind != LocationKind.MOBILE,
                "accessibility_notes": "Demo: adres verzonnen."
                if street.startswith("Demo")
                else "",
                **{services_map[s]: True for s in offered},
            },
        )
        if created:
            for weekday, opens, closes in hours:
                OpeningHours.objects.create(
                    location=location, weekday=weekday, opens=opens, closes=closes
                )

    logins = []
    for email, first, last, slug, role, extra in ACCOUNTS:
        user = _user(email, first, last)
        Membership.objects.get_or_create(
            user=user,
            digibank=digibanks.get(slug),
            defaults={
                "role": role,
                "organisation": organisations.get(extra.get("organisation")),
                "municipality_id": extra.get("municipality"),
            },
        )
        logins.append((email, role.label, digibanks[slug].name if slug else "—"))
    admin = _user(ADMIN_EMAIL, "Ada", "Beheerder", superuser=True)
    logins.append((admin.email, PLATFORM_ADMIN_LABEL, "—"))

    groups = {g.code: g for g in TargetGroup.objects.all()}
    coordinators = {
        slug: User.objects.get(email=f"coordinator.{slug.split('-')[1]}@digibank.invalid")
        for slug in digibanks
    }
    for slug, digibank in digibanks.items():
        codes = next(spec for spec in DIGIBANKS if spec["slug"] == slug)["municipalities"]
        pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        names = random.Random(slug).sample(pairs, 40)
        for index, (first, last) in enumerate(names):
            # One generator per person: a second run draws the same values.
            rng = random.Random(f"{slug}-{index}")
            name = f"{first} {last}"
            year = rng.randint(1935, 2005)
            channel = rng.choice(
                [
                    ContactChannel.PHONE,
                    ContactChannel.PHONE,
                    ContactChannel.EMAIL,
                    ContactChannel.NONE,
                ]
            )
            person, created = Person.objects.get_or_create(
                digibank=digibank,
                name=name,
                defaults={
                    "year_of_birth": year,
                    "municipality_id": rng.choice(codes),
                    "language": rng.choice(["nl"] * 6 + ["fr", "en", "ar", "uk"]),
                    "contact_channel": channel,
                    "phone": f"0470 00 {index:02d} {rng.randint(10, 99)}"
                    if channel == ContactChannel.PHONE
                    else "",
                    "email": f"burger{index}@{slug}.invalid"
                    if channel == ContactChannel.EMAIL
                    else "",
                    "created_by": coordinators[slug],
                    "last_activity_on": datetime.date(2026, 1, 1)
                    + datetime.timedelta(days=rng.randint(0, 300)),
                },
            )
            if created:
                picked = []
                if year < 1961:
                    picked.append(groups["senior"])
                picked += rng.sample(list(groups.values()), rng.randint(0, 2))
                person.target_groups.set(set(picked))
                Consent.objects.create(
                    person=person,
                    purpose=ConsentPurpose.SERVICE,
                    given_on=datetime.date(2025, 9, 1),
                    recorded_by=coordinators[slug],
                )
    return {"digibanks": digibanks, "logins": logins, "organisations": organisations}


def _user(email, first, last, superuser=False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first, last_name=last)
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = superuser
        user.save()
    return user
