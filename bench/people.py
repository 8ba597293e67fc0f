"""People at volume: one digibank with 50,000 people and 200,000 activities.

Measures the people list (plain and searched), a person's page, the duplicate check of
a registration and the reach figures. Run: `.venv/bin/python bench/people.py`
(add DATABASE_URL=postgres://... for PostgreSQL). Target: p95 under 150 ms per page.
"""

import datetime
import random

from _harness import analyze, measure, setup_django

PEOPLE = 50_000
ACTIVITIES = 200_000


def build():
    from digibank.accounts.models import Membership, User
    from digibank.digibanks.models import Digibank
    from digibank.geo.models import Municipality
    from digibank.people.models import Person, ServiceActivity

    rng = random.Random(1)
    codes = list(Municipality.objects.filter(province_id="30000").values_list("code", flat=True))
    digibanks = [Digibank.objects.create(name=f"Digibank {i}", slug=f"d{i}") for i in range(54)]
    big = digibanks[0]
    user = User.objects.create_user("bench@example.org", "x")
    Membership.objects.create(user=user, digibank=big, role="coordinator")
    first = ["Maria", "Jozef", "Rita", "Marc", "Fatima", "Mohamed", "Olena", "Luc", "An", "Tom"]
    last = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Claes", "Yilmaz", "Desmet"]
    people = [
        Person(
            digibank=big,
            name=f"{rng.choice(first)} {rng.choice(last)} {i}",
            search_name=f"{rng.choice(first)} {rng.choice(last)} {i}".lower(),
            year_of_birth=rng.randint(1930, 2005),
            municipality_id=rng.choice(codes),
            contact_channel="phone",
            phone=f"0470{i:06d}",
            phone_digits=f"0470{i:06d}",
            last_activity_on=datetime.date(2026, 1, 1),
        )
        for i in range(PEOPLE)
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    ids = list(Person.objects.filter(digibank=big).values_list("pk", flat=True))
    start = datetime.date(2025, 1, 1)
    ServiceActivity.objects.bulk_create(
        [
            ServiceActivity(
                digibank=big,
                person_id=rng.choice(ids),
                service=rng.choice(["access", "skills", "support"]),
                kind="bench",
                occurred_on=start + datetime.timedelta(days=rng.randint(0, 600)),
                source_type="bench",
                source_id=str(i),
            )
            for i in range(ACTIVITIES)
        ],
        batch_size=5000,
    )
    return user, ids


def main():
    engine = setup_django()
    print(f"Building {PEOPLE} people and {ACTIVITIES} activities on {engine} ...")
    user, ids = build()
    analyze()
    from django.test import Client

    client = Client()
    client.force_login(user)
    person_id = ids[len(ids) // 2]

    def get(url, **params):
        def run():
            response = client.get(url, params)
            assert response.status_code in (200, 302), response.status_code

        return run

    def duplicate_check():
        from digibank.digibanks.models import Digibank
        from digibank.people.services import find_likely_duplicates

        find_likely_duplicates(
            digibank=Digibank.objects.get(slug="d0"),
            name="Maria Peeters 12",
            year_of_birth=1950,
            phone="0470 000 123",
        )

    print(f"\n{engine}: {PEOPLE} people, {ACTIVITIES} activities in one of 54 digibanken")
    measure("people list, page 1", get("/people/"))
    measure("people list, page 100", get("/people/", page=100))
    measure("people search by name", get("/people/", q="maria peet"))
    measure("people search by phone", get("/people/", q="0470 012 345"))
    measure("person page", get(f"/people/{person_id}/"))
    measure("duplicate check on registration", duplicate_check)
    measure("start page (with 12 months' reach)", get("/"), repeat=10)
    measure("reach figures, all time", get("/figures/"), repeat=10)
    measure("reach figures, one month", get("/figures/", start="2026-03-01", end="2026-03-31"))


if __name__ == "__main__":
    main()
