"""Demo lending in Digibank Brugge Noord: a few wiped laptops, loans (one overdue, one
long-term), a waiting list and help with the social tariff. Fictitious people only.

Idempotent: devices are found again by their demo serial numbers, and a person who
already has a loan or request is left alone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from digibank.accounts.models import User
from digibank.devices import services as device_services
from digibank.devices.models import Device, DeviceState, WipeMethod, WipeResult
from digibank.digibanks.models import Digibank, Location
from digibank.loans import eligibility, services
from digibank.loans.models import ConnectivityHelp, ConnectivityKind, Loan, LoanKind, LoanRequest
from digibank.people.models import Person

DEVICES = [
    ("DEMOLEEN0001", "laptop", "Lenovo", "ThinkPad T480"),
    ("DEMOLEEN0002", "laptop", "Dell", "Latitude 5490"),
    ("DEMOLEEN0003", "laptop", "HP", "EliteBook 840 G5"),
    ("DEMOLEEN0004", "tablet", "Samsung", "Galaxy Tab A8"),
    ("DEMOLEEN0005", "laptop", "Lenovo", "ThinkPad L390"),
]


def _ready_device(digibank, location, by, serial, kind, brand, model):
    device = Device.objects.filter(serial_key=serial).first()
    if device is None:
        device = device_services.add_device(
            donation=None,
            digibank=digibank,
            by=by,
            location=location,
            data={"serial_number": serial, "kind": kind, "brand": brand, "model_name": model,
                  "condition": "good", "accessories": "lader"},
        )  # fmt: skip
    if device.state == DeviceState.RECEIVED:
        from digibank.devices.models import Verification, WipeRecord

        device_services.record_wipe(
            device=device,
            by=by,
            method=WipeMethod.CLEAR,
            tool="nwipe 0.37 (demo)",
            result=WipeResult.PASSED,
            verification=Verification.FULL,
            checklist=WipeRecord.MOBILE_CHECKLIST if device.is_mobile else (),
        )
    if device.state == DeviceState.WIPED:
        device_services.transition(device=device, to_state=DeviceState.READY, by=by)
    return device


@transaction.atomic
def load(out, context: dict) -> dict:
    digibank = Digibank.objects.filter(slug="brugge-noord").first()
    if digibank is None:
        return {}
    by = User.objects.get(email="coordinator.noord@digibank.invalid")
    location = Location.objects.filter(digibank=digibank, offers_lending=True).first()
    policy = eligibility.policy_for(digibank)
    if not policy.lends_sim_cards:
        policy.lends_sim_cards = True
        policy.save(update_fields=["lends_sim_cards"])
    devices = [_ready_device(digibank, location, by, *spec) for spec in DEVICES]
    area = list(digibank.municipalities.values_list("pk", flat=True))
    people = list(
        Person.objects.active()
        .filter(digibank=digibank, municipality_id__in=area, loans__isnull=True,
                loan_requests__isnull=True)
        .order_by("pk")[:6]
    )  # fmt: skip
    today = timezone.localdate()
    made = 0
    if not Loan.objects.filter(device__in=devices).exists() and len(people) >= 6:
        plans = [
            (devices[0], LoanKind.FIXED, today - datetime.timedelta(weeks=10), 8),  # overdue
            (devices[1], LoanKind.FIXED, today - datetime.timedelta(weeks=3), 12),
            (devices[2], LoanKind.LONG_TERM, today - datetime.timedelta(weeks=30), None),
        ]
        for person, (device, kind, start, weeks) in zip(people, plans, strict=False):
            due = start + datetime.timedelta(weeks=weeks) if weeks else None
            services.lend(device=device, person=person, by=by, kind=kind, due_on=due,
                          started_on=start, location=location)  # fmt: skip
            made += 1
        for offset, person in enumerate(people[3:5]):
            services.register_request(
                person=person,
                by=by,
                wish="laptop",
                purpose="Werk zoeken en e-mail" if offset == 0 else "Schoolwerk van de kinderen",
                requested_on=today - datetime.timedelta(days=10 - offset),
            )
        services.record_connectivity(
            person=people[5],
            by=by,
            data={"kind": ConnectivityKind.SOCIAL_TARIFF, "provider": "Proximus",
                  "outcome_ok": True, "helped_on": today - datetime.timedelta(days=20)},
        )  # fmt: skip
    out.write(
        f"Lending: {Loan.objects.filter(digibank=digibank).count()} loans, "
        f"{LoanRequest.objects.filter(digibank=digibank).waiting().count()} waiting, "
        f"{ConnectivityHelp.objects.filter(digibank=digibank).count()} connectivity help "
        f"({made} new loans)"
    )
    return {}
