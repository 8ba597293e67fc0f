"""The device inventory at volume: 54 digibanken, one with 20,000 devices.

Measures the inventory list (unfiltered, filtered by state/type/location, by grade and
age, a serial-number search, a scanned tag that jumps to the device, a deep page), a
device page with its wipes, repairs and history, the stock per location and the device
figures. Target: p95 under 150 ms, and query counts that do not grow with the data.

Run:  .venv/bin/python bench/access_devices.py
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/digibank_bench_devices \
          .venv/bin/python bench/access_devices.py
(the PostgreSQL database must exist: createdb -h 127.0.0.1 -U postgres digibank_bench_devices)

``create_devices`` is reusable (e.g. by the lending benchmark): it bulk-creates devices with
tags from the installation's counter, a "received" event each, and, for devices that are
past the wipe, a passed wipe record, keeping the database's wipe rule true.
"""

import datetime
import random

from _harness import analyze, measure, setup_django

DEVICES = 20_000
OTHER_DIGIBANKS = 53
DEVICES_PER_OTHER = 40

KINDS = ["laptop"] * 6 + ["desktop", "tablet", "smartphone", "screen"]
BRANDS = {
    "laptop": [("Lenovo", "ThinkPad T480"), ("Dell", "Latitude 5490"), ("HP", "EliteBook 840")],
    "desktop": [("HP", "EliteDesk 800"), ("Dell", "OptiPlex 7050")],
    "tablet": [("Samsung", "Galaxy Tab A8"), ("Apple", "iPad 6")],
    "smartphone": [("Samsung", "Galaxy A52"), ("Google", "Pixel 6a")],
    "screen": [("Dell", "P2219H"), ("Iiyama", "ProLite")],
}


def _state(rng):
    """A realistic mix: most devices have moved on; a stock remains."""
    from digibank.devices.models import DeviceState as S
    from digibank.devices.models import WipeStatus as W

    return rng.choices(
        [
            (S.RECEIVED, W.NEEDED), (S.WIPED, W.PASSED), (S.IN_REPAIR, W.PASSED),
            (S.READY, W.PASSED), (S.ON_LOAN, W.PASSED), (S.RETURNED, W.NEEDED),
            (S.GIVEN_AWAY, W.PASSED), (S.RECYCLED, W.PASSED), (S.RECEIVED, W.FAILED),
        ],
        weights=[8, 6, 4, 10, 30, 4, 25, 10, 3],
    )[0]  # fmt: skip


def create_devices(*, digibank, count, locations, operator, rng=None, serial_prefix="BENCH"):
    """Bulk-create ``count`` devices in ``digibank`` (no per-row services: volume only).

    Every device gets a tag from ``allocate_tags``, a "received" event, and a passed wipe
    record when its state needs one. Returns the list of created device ids.
    """
    from digibank.devices.models import (
        Device,
        DeviceEvent,
        DeviceState,
        WipeRecord,
        WipeStatus,
        normalise_serial,
    )
    from digibank.devices.services import allocate_tags

    rng = rng or random.Random(7)
    tags = allocate_tags(count)
    today = datetime.date.today()
    devices = []
    for i, tag in enumerate(tags):
        kind = rng.choice(KINDS)
        brand, model = rng.choice(BRANDS[kind])
        state, wipe = _state(rng)
        serial = f"{serial_prefix}{digibank.pk:02d}{i:07d}"
        devices.append(
            Device(
                digibank=digibank, tag=tag, kind=kind, brand=brand, model_name=model,
                serial_number=serial, serial_key=normalise_serial(serial),
                made_year=rng.randint(2012, 2023), condition=rng.choice(["good", "fair", "poor"]),
                memory_gb=rng.choice([4, 8, 16]), storage_gb=rng.choice([128, 256, 512]),
                storage_kind="ssd", state=state, wipe_status=wipe,
                grade=rng.choice(["A", "B", "C"]) if wipe == WipeStatus.PASSED else "",
                location=rng.choice(locations),
                received_on=today - datetime.timedelta(days=rng.randint(0, 2000)),
            )
        )  # fmt: skip
    Device.objects.bulk_create(devices, batch_size=2000)
    created = list(
        Device.objects.filter(tag__in=tags)
        .order_by("pk")
        .values_list("pk", "state", "wipe_status", "location_id", "received_on")
    )
    events, wipes = [], []
    for pk, state, wipe, location_id, received_on in created:
        events.append(
            DeviceEvent(
                device_id=pk, digibank=digibank, from_state="", to_state=DeviceState.RECEIVED,
                location_id=location_id, occurred_on=received_on,
            )
        )  # fmt: skip
        if wipe == WipeStatus.PASSED:
            wiped_on = received_on + datetime.timedelta(days=3)
            wipes.append(
                WipeRecord(
                    device_id=pk, method="clear", tool="nwipe 0.37", operator=operator,
                    location_id=location_id,
                    wiped_on=wiped_on, result="passed", verification="full",
                )
            )  # fmt: skip
            events.append(
                DeviceEvent(
                    device_id=pk, digibank=digibank, from_state=DeviceState.RECEIVED,
                    to_state=DeviceState.WIPED, location_id=location_id, occurred_on=wiped_on,
                )
            )  # fmt: skip
            if state != DeviceState.WIPED:
                events.append(
                    DeviceEvent(
                        device_id=pk, digibank=digibank, from_state=DeviceState.WIPED,
                        to_state=state, location_id=location_id,
                        occurred_on=wiped_on + datetime.timedelta(days=7),
                    )
                )  # fmt: skip
    DeviceEvent.objects.bulk_create(events, batch_size=5000)
    WipeRecord.objects.bulk_create(wipes, batch_size=5000)
    return [row[0] for row in created]


def build():
    from digibank.accounts.models import Membership, User
    from digibank.devices import services
    from digibank.digibanks.models import Digibank, Location
    from digibank.geo.models import Municipality

    rng = random.Random(11)
    codes = list(Municipality.objects.filter(province_id="30000").values_list("code", flat=True))
    digibanks = [Digibank.objects.create(name=f"Digibank {i}", slug=f"d{i}") for i in range(54)]
    big = digibanks[0]
    user = User.objects.create_user("bench@example.org", "x")
    Membership.objects.create(user=user, digibank=big, role="coordinator")
    locations = [
        Location.objects.create(digibank=big, name=f"Digipunt {i}", municipality_id=codes[i])
        for i in range(6)
    ]
    create_devices(digibank=big, count=DEVICES, locations=locations, operator=user, rng=rng)
    for other in digibanks[1 : 1 + OTHER_DIGIBANKS]:
        place = Location.objects.create(digibank=other, name="Depot", municipality_id=codes[0])
        create_devices(
            digibank=other, count=DEVICES_PER_OTHER, locations=[place], operator=user, rng=rng
        )
    # One device with a long history, for the device page.
    from digibank.devices.models import Device, DeviceState

    device = Device.objects.filter(digibank=big, state=DeviceState.IN_REPAIR).first()
    for n in range(30):
        services.add_repair(device=device, by=user, work=f"Work {n}", parts="RAM", minutes=15)
    return user, big, locations, device


def main():
    engine = setup_django()
    print(f"Building {DEVICES} devices in one digibank (+{OTHER_DIGIBANKS} others) on {engine} ...")
    user, _big, locations, device = build()
    analyze()
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get(url, data=None, status=200):
        def run():
            response = client.get(url, data or {})
            assert response.status_code == status, (url, response.status_code)

        return run

    def afresh(run):
        """Empty the figures cache first: what the first visitor after a few minutes waits."""
        from django.core.cache import cache

        def inner():
            cache.clear()
            run()

        return inner

    results = [
        measure("inventory, unfiltered", get("/devices/")),
        measure(
            "inventory, in stock + laptop + location",
            get("/devices/", {"state": "in_stock", "kind": "laptop", "location": locations[2].pk}),
        ),
        measure("inventory, grade A + age 3-5", get("/devices/", {"grade": "A", "age": "3-5"})),
        measure("inventory, on loan, page 40", get("/devices/", {"state": "on_loan", "page": 40})),
        measure("inventory, unfiltered, page 700", get("/devices/", {"page": 700})),
        measure("inventory, serial search", get("/devices/", {"q": device.serial_number[:-2]})),
        measure("inventory, scanned tag jumps", get("/devices/", {"q": device.tag}, status=302)),
        measure("device page (30 repairs)", get(f"/devices/{device.pk}/")),
        measure("stock per location", get("/devices/stock/")),
        measure("device figures (all time, cached)", get("/devices/figures/"), repeat=15),
        measure("device figures, counted afresh", afresh(get("/devices/figures/")), repeat=10),
    ]
    worst = max(results[:-1])  # the cached figures page is what people see
    print(f"\nworst p95: {worst:.1f} ms (target 150 ms)")
    print("Repeat: .venv/bin/python bench/access_devices.py  (DATABASE_URL=... for PostgreSQL)")


if __name__ == "__main__":
    main()
