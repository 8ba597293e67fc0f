"""Lending at volume: 54 digibanken, one with 20,000 devices, 20,000 people and 50,000
past loans.

Measures lending a device (the form post, which locks the device and runs every
eligibility rule and the devices state machine), the loans list (open loans, all loans,
a search by tag, a deep page), the waiting list, the overdue list, a loan page and the
lending figures. Target: p95 under 150 ms, and query counts that do not grow with data.

Run:  .venv/bin/python bench/access_loans.py
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/digibank_bench_loans \
          .venv/bin/python bench/access_loans.py
(the PostgreSQL database must exist: createdb -h 127.0.0.1 -U postgres digibank_bench_loans)
"""

import datetime
import random

from _harness import analyze, measure, setup_django

DEVICES = 20_000
PEOPLE = 20_000
PAST_LOANS = 50_000
OPEN_LOANS = 3_000
TO_LEND = 60  # ready devices and waiting requests used by the lending measurement


def build():
    from digibank.accounts.models import Membership, User
    from digibank.devices.models import Device, DeviceState, WipeStatus, normalise_serial
    from digibank.devices.services import allocate_tags
    from digibank.digibanks.models import Digibank, Location
    from digibank.geo.models import Municipality
    from digibank.loans.models import Loan, LoanRequest, LoanStatus
    from digibank.people.models import Person

    rng = random.Random(3)
    codes = list(Municipality.objects.filter(province_id="30000").values_list("code", flat=True))
    digibanks = [Digibank.objects.create(name=f"Digibank {i}", slug=f"d{i}") for i in range(54)]
    big = digibanks[0]
    big.municipalities.set(codes)
    user = User.objects.create_user("bench@example.org", "x")
    Membership.objects.create(user=user, digibank=big, role="coordinator")
    locations = [
        Location.objects.create(
            digibank=big, name=f"Digipunt {i}", municipality_id=codes[i], offers_lending=True
        )
        for i in range(5)
    ]
    people = [
        Person(
            digibank=big,
            name=f"Persoon {i}",
            search_name=f"persoon {i}",
            year_of_birth=rng.randint(1930, 2005),
            municipality_id=rng.choice(codes),
            contact_channel="phone",
            phone=f"0470{i:06d}",
            phone_digits=f"0470{i:06d}",
            last_activity_on=datetime.date(2026, 1, 1),
        )
        for i in range(PEOPLE + TO_LEND)
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    person_ids = list(
        Person.objects.filter(digibank=big).order_by("pk").values_list("pk", flat=True)
    )
    free_people, person_ids = person_ids[-TO_LEND:], person_ids[:-TO_LEND]

    tags = allocate_tags(DEVICES)

    # The last OPEN_LOANS are on loan, the TO_LEND before them are ready, the rest came back.
    def state(i):
        if i >= DEVICES - OPEN_LOANS:
            return DeviceState.ON_LOAN, WipeStatus.PASSED
        if i >= DEVICES - OPEN_LOANS - TO_LEND:
            return DeviceState.READY, WipeStatus.PASSED
        return rng.choice(
            [(DeviceState.RETURNED, WipeStatus.NEEDED), (DeviceState.READY, WipeStatus.PASSED),
             (DeviceState.GIVEN_AWAY, WipeStatus.PASSED), (DeviceState.RECYCLED, WipeStatus.PASSED)]
        )  # fmt: skip

    devices = []
    for i, tag in enumerate(tags):
        st, wipe = state(i)
        serial = f"BENCH{i:08d}"
        devices.append(
            Device(
                digibank=big, tag=tag, kind="laptop", brand="Lenovo", model_name="T480",
                serial_number=serial, serial_key=normalise_serial(serial), condition="good",
                state=st, wipe_status=wipe, location=rng.choice(locations),
            )
        )  # fmt: skip
    Device.objects.bulk_create(devices, batch_size=2000)
    device_ids = list(
        Device.objects.filter(digibank=big).order_by("pk").values_list("pk", flat=True)
    )

    start = datetime.date(2019, 1, 1)
    loans = []
    for _ in range(PAST_LOANS):
        began = start + datetime.timedelta(days=rng.randint(0, 2400))
        loans.append(
            Loan(
                digibank=big, person_id=rng.choice(person_ids),
                device_id=device_ids[rng.randrange(DEVICES - OPEN_LOANS)], kind="fixed",
                started_on=began, due_on=began + datetime.timedelta(weeks=26),
                status=LoanStatus.RETURNED, ended_on=began + datetime.timedelta(weeks=20),
                condition_in="good", location=rng.choice(locations),
            )
        )  # fmt: skip
    on_loan = device_ids[DEVICES - OPEN_LOANS :]
    borrowers = rng.sample(person_ids, OPEN_LOANS)
    today = datetime.date.today()
    for device_id, person_id in zip(on_loan, borrowers, strict=True):
        began = today - datetime.timedelta(days=rng.randint(1, 300))
        loans.append(
            Loan(
                digibank=big, person_id=person_id, device_id=device_id, kind="fixed",
                started_on=began, due_on=began + datetime.timedelta(weeks=26),
                location=rng.choice(locations),
            )
        )  # fmt: skip
    Loan.objects.bulk_create(loans, batch_size=5000)
    requests = LoanRequest.objects.bulk_create(
        [
            LoanRequest(digibank=big, person_id=pk, wish="laptop", requested_on=today)
            for pk in free_people
        ]
    )
    ready = list(
        Device.objects.filter(
            pk__in=device_ids[DEVICES - OPEN_LOANS - TO_LEND : DEVICES - OPEN_LOANS]
        )
        .order_by("pk")
        .values_list("tag", flat=True)
    )
    return user, requests, ready


def main():
    engine = setup_django()
    print(
        f"Building {DEVICES} devices, {PEOPLE} people and {PAST_LOANS} past loans on {engine} ..."
    )
    user, requests, ready = build()
    analyze()
    from django.test import Client

    from digibank.loans.models import Loan

    client = Client()
    client.force_login(user)
    pending = list(zip([r.pk for r in requests], ready, strict=True))
    due = (datetime.date.today() + datetime.timedelta(weeks=12)).isoformat()

    def lend():
        request_pk, tag = pending.pop()
        response = client.post(
            f"/loans/requests/{request_pk}/lend/",
            {"tag": tag, "kind": "fixed", "due_on": due, "condition_out": "good"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    def get(url, **params):
        def run():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        return run

    some_loan = Loan.objects.filter(status="returned").order_by("pk")[PAST_LOANS // 2]
    print(f"\n{engine}: {DEVICES} devices, {PAST_LOANS} past loans in one of 54 digibanken")
    measure("lend a device (form post)", lend, repeat=40, warmup=3)
    measure("loans list, open loans", get("/loans/"))
    measure("loans list, all loans", get("/loans/", status=""))
    measure("loans list, all loans, page 1000", get("/loans/", status="", page=1000))
    measure("loans list, search by tag", get("/loans/", q=some_loan.device.tag, status=""))
    measure("loan page", get(f"/loans/{some_loan.pk}/"))
    measure("waiting list", get("/loans/requests/"))
    measure("overdue list", get("/loans/overdue/"))
    measure("lending figures, all time", get("/loans/figures/"), repeat=10)
    print(
        "\nRepeat: .venv/bin/python bench/access_loans.py "
        "(DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> for PostgreSQL)"
    )


if __name__ == "__main__":
    main()
