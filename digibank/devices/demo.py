"""Demo devices for the three Bruges-region digibanken: donations from fictitious donors,
devices in every stage (received, wiped, in repair, ready, failed wipe, recycled).

Idempotent: a donation is found again by its demo note, a device by its serial number,
and every step checks the device's state before it acts.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from digibank.accounts.models import User
from digibank.devices import services
from digibank.devices.models import (
    Device,
    DeviceState,
    Donation,
    DonorKind,
    StorageKind,
    Verification,
    WipeMethod,
    WipeRecord,
    WipeResult,
)
from digibank.digibanks.models import Digibank, Location

COORDINATORS = {
    "brugge-noord": "coordinator.noord@digibank.invalid",
    "brugge-centrum": "coordinator.centrum@digibank.invalid",
    "brugge-west": "coordinator.west@digibank.invalid",
}

# (donor kind, donor name, contact, e-mail, days ago, devices)
# device: (serial, kind, brand, model, year, target stage, grade, os)
DONATIONS = {
    "brugge-noord": [
        (DonorKind.COMPANY, "Bakkerij Vlaemynck bv", "Katrien", "it@vlaemynck.invalid", 60, [
            ("DEMO-N-001", "laptop", "Lenovo", "ThinkPad T470", 2017, "ready", "B", "Mint 22"),
            ("DEMO-N-002", "laptop", "Lenovo", "ThinkPad T470", 2017, "ready", "A", "Mint 22"),
            ("DEMO-N-003", "laptop", "Dell", "Latitude 5480", 2017, "in_repair", "", ""),
            ("DEMO-N-004", "screen", "Dell", "P2219H", 2019, "received", "", ""),
        ]),
        (DonorKind.PERSON, "Marc Demeester", "", "marc.demeester@example.invalid", 12, [
            ("DEMO-N-005", "smartphone", "Samsung", "Galaxy A52", 2021, "wiped", "", ""),
            ("DEMO-N-006", "laptop", "HP", "ProBook 450 G3", 2016, "failed", "", ""),
        ]),
    ],
    "brugge-centrum": [
        (DonorKind.ORGANISATION, "Stad Brugge, dienst ICT", "Helpdesk ICT",
         "ict@brugge.invalid", 40, [
            ("DEMO-C-001", "desktop", "HP", "EliteDesk 800 G3", 2017, "ready", "B", "Windows 10"),
            ("DEMO-C-002", "desktop", "HP", "EliteDesk 800 G3", 2017, "ready", "B", "Windows 10"),
            ("DEMO-C-003", "laptop", "Fujitsu", "Lifebook E548", 2018, "wiped", "", ""),
            ("DEMO-C-004", "laptop", "Acer", "Aspire 3", 2012, "recycled", "", ""),
        ]),
    ],
    "brugge-west": [
        (DonorKind.COMPANY, "Garage Vandenberghe", "Wim", "wim@garage-vdb.invalid", 20, [
            ("DEMO-W-001", "laptop", "Lenovo", "ThinkPad L480", 2018, "ready", "A", "Ubuntu 24.04"),
            ("DEMO-W-002", "tablet", "Apple", "iPad (6th gen)", 2018, "received", "", ""),
        ]),
    ],
}  # fmt: skip


def _wipe(device, by, result=WipeResult.PASSED):
    services.record_wipe(
        device=device,
        by=by,
        method=WipeMethod.PURGE if device.is_mobile else WipeMethod.CLEAR,
        tool="Factory reset" if device.is_mobile else "nwipe 0.37 (ShredOS)",
        result=result,
        verification=Verification.VISUAL if device.is_mobile else Verification.FULL,
        checklist=WipeRecord.MOBILE_CHECKLIST if device.is_mobile else (),
    )


def _bring_to(device, stage, by, grade, os_installed):
    S = DeviceState
    if stage == "failed":
        if not device.wipes.exists():
            _wipe(device, by, WipeResult.FAILED)
        return
    if stage == "recycled":
        if device.state == S.RECEIVED:
            services.record_wipe(
                device=device, by=by, method=WipeMethod.DESTROY, tool="Disk shredder",
                result=WipeResult.PASSED, verification=Verification.VISUAL,
            )  # fmt: skip
        if device.state == S.WIPED:
            services.transition(
                device=device, to_state=S.RECYCLED, by=by, handed_to="Recupel",
                reference="RC-2026-0412", note="Too old to repair",
            )  # fmt: skip
        return
    if stage == "in_repair" and device.state == S.RECEIVED:
        services.transition(device=device, to_state=S.IN_REPAIR, by=by)
        services.add_repair(
            device=device, by=by, work="Keyboard replaced", parts="Keyboard NL-BE", minutes=45
        )
        return
    if stage in ("wiped", "ready") and device.state == S.RECEIVED:
        _wipe(device, by)
    if stage == "ready" and device.state == S.WIPED:
        services.transition(device=device, to_state=S.IN_REPAIR, by=by)
        services.add_repair(device=device, by=by, work="Cleaned, new thermal paste", minutes=30)
        services.refurbish(device=device, by=by, grade=grade, os_installed=os_installed)
        services.transition(device=device, to_state=S.READY, by=by)


@transaction.atomic
def load(out, context: dict) -> dict:
    created = 0
    today = timezone.localdate()
    for slug, donations in DONATIONS.items():
        digibank = Digibank.objects.filter(slug=slug).first()
        by = User.objects.filter(email=COORDINATORS[slug]).first()
        location = (
            Location.objects.filter(digibank=digibank).order_by("-offers_collection", "pk").first()
            if digibank
            else None
        )
        if not (digibank and by and location):
            continue
        for kind, name, contact, email, days_ago, devices in donations:
            note = f"Demo donation: {name}"
            donation = Donation.objects.filter(digibank=digibank, notes=note).first()
            if donation is None:
                donation = services.register_donation(
                    digibank=digibank,
                    by=by,
                    data={
                        "donor_kind": kind,
                        "donor_name": name,
                        "contact_name": contact,
                        "contact_email": email,
                        "consent_contact": True,
                        "consent_public": kind != DonorKind.PERSON,
                        "received_on": today - datetime.timedelta(days=days_ago),
                        "location": location,
                        "notes": note,
                    },
                )
            for serial, device_kind, brand, model, year, stage, grade, os_name in devices:
                device = Device.objects.filter(serial_key=serial.replace("-", "")).first()
                if device is None:
                    device = services.add_device(
                        donation=donation,
                        digibank=digibank,
                        by=by,
                        data={
                            "kind": device_kind, "brand": brand, "model_name": model,
                            "serial_number": serial, "made_year": year,
                            "condition": "good" if stage != "recycled" else "broken",
                            "storage_kind": StorageKind.EMMC if device_kind in (
                                "smartphone", "tablet") else (
                                StorageKind.NONE if device_kind == "screen" else StorageKind.SSD),
                            "memory_gb": 8 if device_kind in ("laptop", "desktop") else None,
                            "storage_gb": 256 if device_kind != "screen" else None,
                            "accessories": "Charger" if device_kind == "laptop" else "",
                        },
                    )  # fmt: skip
                    created += 1
                _bring_to(device, stage, by, grade, os_name)
    out.write(f"Devices: {created} demo devices added.")
    return {}
