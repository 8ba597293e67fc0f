"""Writes and domain rules for devices: intake, wiping, the state machine, repairs, moves.

Every function takes keyword arguments and the acting user (``by``), never a request, and
raises ``DeviceError`` with a message for the user when a rule says no.

The state machine (for other apps, e.g. ``digibank.loans``)
------------------------------------------------------------
``TRANSITIONS`` below is the ONE table of allowed state changes, and ``transition`` is the
one function that changes ``Device.state``. It locks the device row
(``select_for_update``), checks the table and the wipe rule on the locked row, writes a
``DeviceEvent`` and updates the instance you passed in. The database adds a check
constraint (``device_leaves_stock_only_wiped``), so even a raw ``update()`` cannot put an
unwiped device on loan.

Use it inside your own ``transaction.atomic()`` so your record and the device change commit
together; the row lock is held until your transaction ends, so 20 parallel attempts to
lend one device give exactly one loan::

    from digibank.devices import services as devices
    from digibank.devices.models import Device, DeviceState

    with transaction.atomic():
        device = Device.objects.select_for_update().get(pk=device_id)  # optional: lend()
        devices.ensure_can_leave_stock(device)          # DeviceError with a clear message
        devices.lend(device=device, by=user, note="L-000123")          # -> on_loan
        Loan.objects.create(device=device, ...)

    devices.take_back(device=device, by=user, note="...")   # on_loan/lost -> returned
                                                            # (a new wipe is now required)
    devices.give_away(device=device, by=user, note="...")   # ready/on_loan -> given_away
    devices.mark_lost(device=device, by=user, note="...")   # -> lost (or stolen)
    devices.transition(device=device, to_state=..., by=user, note="...")  # anything else

``ensure_can_leave_stock(device)`` and ``can_transition(device, to_state)`` answer without
changing anything (for a form's ``clean`` or to show a button). ``Device.objects.available()``
lists devices that may go out now.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.audit import services as audit
from digibank.devices.models import (
    FINAL_STATES,
    IN_STOCK_STATES,
    AssetTagCounter,
    Device,
    DeviceEvent,
    DeviceState,
    Donation,
    Move,
    RepairEntry,
    StorageKind,
    Verification,
    WipeMethod,
    WipeRecord,
    WipeResult,
    WipeStatus,
    normalise_serial,
)

S = DeviceState


class DeviceError(Exception):
    """A rule about devices said no; the message is meant for the user."""


# --- The state machine ------------------------------------------------------------------

# The one table: from a state, the states a device may go to. ``wiped`` is reached only by
# recording a passed wipe (``record_wipe``), never by hand.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.WIPED, S.IN_REPAIR, S.RECYCLED, S.DESTROYED, S.LOST}),
    S.WIPED: frozenset({S.IN_REPAIR, S.READY, S.RECYCLED, S.DESTROYED, S.LOST}),
    S.IN_REPAIR: frozenset({S.READY, S.RECYCLED, S.DESTROYED, S.LOST}),
    S.READY: frozenset(
        {S.ON_LOAN, S.GIVEN_AWAY, S.SOLD, S.IN_REPAIR, S.RECYCLED, S.DESTROYED, S.LOST}
    ),
    S.ON_LOAN: frozenset({S.RETURNED, S.GIVEN_AWAY, S.LOST}),
    S.RETURNED: frozenset({S.WIPED, S.IN_REPAIR, S.RECYCLED, S.DESTROYED, S.LOST}),
    S.LOST: frozenset({S.RETURNED}),  # found again: it must be wiped before it goes out
    S.GIVEN_AWAY: frozenset(),
    S.SOLD: frozenset(),
    S.RECYCLED: frozenset(),
    S.DESTROYED: frozenset(),
}
assert set(TRANSITIONS) == set(S.values)

# Going to these states needs a passed wipe since the device last came in.
NEEDS_PASSED_WIPE = frozenset({S.WIPED, S.READY, S.ON_LOAN, S.GIVEN_AWAY, S.SOLD})
# Coming in (again): the data of the previous user may be on it.
RESETS_WIPE = frozenset({S.RETURNED})
# Exits that need a record of who took the device.
NEEDS_HANDED_TO = frozenset({S.RECYCLED, S.DESTROYED})
# A failed wipe blocks everything but these (the storage is destroyed, or the device gone).
ALLOWED_WHEN_WIPE_FAILED = frozenset({S.DESTROYED, S.LOST})
# States that only ``record_wipe`` may enter.
ENTERED_BY_WIPE_ONLY = frozenset({S.WIPED})
# A loan is the only way in and out of "on loan": it records who holds the device, the
# agreement and the return, loss or gift (``digibank.loans`` calls ``lend`` and friends).
ENTERED_BY_LOAN_ONLY = frozenset({S.ON_LOAN})
# Given away or sold by hand (to an organisation, not a person): say to whom.
NEEDS_RECIPIENT_BY_HAND = frozenset({S.GIVEN_AWAY, S.SOLD})
# States in which a wipe can be recorded.
WIPEABLE_STATES = frozenset({S.RECEIVED, S.RETURNED, S.IN_REPAIR})


def _state_label(state: str) -> str:
    return str(S(state).label)


def _refusal(device: Device, to_state: str, *, internal: bool = False) -> str | None:
    """Why the device may not go to ``to_state`` now, or None if it may."""
    if to_state not in S.values:
        return _("“{state}” is not a state a device can have.").format(state=to_state)
    if device.state == to_state:
        return _("This device is already “{state}”.").format(state=_state_label(to_state))
    if device.state in FINAL_STATES:
        return _(
            "This device is “{state}”: it has left the digibank for good and "
            "cannot change any more."
        ).format(state=_state_label(device.state))
    if to_state in ENTERED_BY_WIPE_ONLY and not internal:
        return _("A device becomes “wiped” by recording a passed wipe.")
    if to_state in ENTERED_BY_LOAN_ONLY and not internal:
        return _("A device goes on loan by lending it to a person, under Lending.")
    if device.state in ENTERED_BY_LOAN_ONLY and not internal:
        return _(
            "This device is on loan. Record its return, loss or gift on the loan, under "
            "Lending, so the loan is closed too."
        )
    if device.wipe_status == WipeStatus.FAILED and to_state not in ALLOWED_WHEN_WIPE_FAILED:
        return _(
            "The last wipe of this device failed. Wipe it again until it passes, or "
            "destroy the storage, before doing anything else with it."
        )
    if to_state in NEEDS_PASSED_WIPE and device.wipe_status != WipeStatus.PASSED:
        if device.state == S.RETURNED or device.events.filter(to_state=S.RETURNED).exists():
            return _(
                "This device came back from a loan and has not been wiped since. "
                "Record a passed wipe first."
            )
        return _("This device has no passed wipe yet. Record a passed wipe first.")
    if to_state not in TRANSITIONS[device.state]:
        return _("A device that is “{current}” cannot become “{target}”.").format(
            current=_state_label(device.state), target=_state_label(to_state)
        )
    if (
        to_state == S.RECYCLED
        and device.wipe_status != WipeStatus.PASSED
        and device.storage_kind != StorageKind.NONE
    ):
        return _(
            "A device with storage goes to recycling only after a passed wipe or with "
            "its storage destroyed. Record the wipe (method “destroy” if the disk was "
            "shredded) first."
        )
    return None


def can_transition(device: Device, to_state: str) -> bool:
    return _refusal(device, to_state) is None


def can_go_out(device: Device) -> bool:
    """Whether the device may be lent, given or sold now (through a loan)."""
    try:
        ensure_can_leave_stock(device)
    except DeviceError:
        return False
    return True


def allowed_transitions(device: Device) -> list[str]:
    """The states the device may go to now by hand (for buttons and choices)."""
    return [s for s in S.values if s in TRANSITIONS[device.state] and can_transition(device, s)]


def check_transition(device: Device, to_state: str) -> None:
    reason = _refusal(device, to_state)
    if reason:
        raise DeviceError(reason)


def ensure_can_leave_stock(device: Device) -> None:
    """Raise ``DeviceError`` unless the device may be lent, given or sold now."""
    if device.state == S.ON_LOAN:
        raise DeviceError(_("This device is already on loan."))
    if device.state in FINAL_STATES or device.state == S.LOST:
        raise DeviceError(
            _("This device is “{state}” and cannot go out.").format(
                state=_state_label(device.state)
            )
        )
    if device.wipe_status == WipeStatus.FAILED:
        raise DeviceError(_("The last wipe of this device failed: it cannot go out."))
    if device.wipe_status != WipeStatus.PASSED:
        reason = _refusal(device, S.ON_LOAN, internal=True)
        raise DeviceError(reason or _("This device has no passed wipe yet."))
    if device.state != S.READY:
        raise DeviceError(
            _("Only a device that is “ready” can go out; this one is “{state}”.").format(
                state=_state_label(device.state)
            )
        )


@transaction.atomic
def transition(
    *,
    device: Device,
    to_state: str,
    by,
    note: str = "",
    handed_to: str = "",
    reference: str = "",
    on: datetime.date | None = None,
    _internal: bool = False,
) -> DeviceEvent:
    """Move ``device`` to ``to_state`` if the table and the wipe rule allow it.

    Locks the row and checks the locked state, so concurrent callers cannot both succeed.
    Updates ``device`` in place and returns the event written.
    """
    locked = Device.objects.select_for_update().get(pk=device.pk)
    reason = _refusal(locked, to_state, internal=_internal)
    if reason:
        _refresh(device, locked)
        raise DeviceError(reason)
    if to_state in NEEDS_HANDED_TO and not (handed_to or "").strip():
        raise DeviceError(
            _("Say who took the device (recycler, destruction firm or place) for the record.")
        )
    if to_state in NEEDS_RECIPIENT_BY_HAND and not _internal and not (handed_to or "").strip():
        raise DeviceError(
            _(
                "Say which organisation took the device. A device for a person goes "
                "through Lending (a loan, or a gift at the end of a long-term loan)."
            )
        )
    if to_state == S.LOST and not (note or "").strip():
        raise DeviceError(_("Write down briefly what happened (lost or stolen, when, where)."))
    now = timezone.now()
    event = DeviceEvent.objects.create(
        device=locked,
        digibank_id=locked.digibank_id,
        from_state=locked.state,
        to_state=to_state,
        location_id=locked.location_id,
        occurred_on=on or timezone.localdate(),
        at=now,
        by=by if getattr(by, "pk", None) else None,
        note=(note or "")[:300],
        handed_to=(handed_to or "")[:200],
        reference=(reference or "")[:100],
    )
    locked.state = to_state
    locked.state_changed_at = now
    fields = ["state", "state_changed_at"]
    if to_state in RESETS_WIPE:
        locked.wipe_status = WipeStatus.NEEDED
        fields.append("wipe_status")
    locked.save(update_fields=fields)
    _refresh(device, locked)
    return event


def _refresh(device: Device, locked: Device) -> None:
    for field in ("state", "state_changed_at", "wipe_status", "location_id"):
        setattr(device, field, getattr(locked, field))


def lend(*, device: Device, by, note: str = "", on: datetime.date | None = None) -> DeviceEvent:
    """The device goes out on loan (ready -> on_loan). Call inside the loan's transaction."""
    with transaction.atomic():
        locked = Device.objects.select_for_update().get(pk=device.pk)
        try:
            ensure_can_leave_stock(locked)
        except DeviceError:
            _refresh(device, locked)
            raise
        return transition(
            device=device, to_state=S.ON_LOAN, by=by, note=note, on=on, _internal=True
        )


def take_back(
    *, device: Device, by, note: str = "", on: datetime.date | None = None
) -> DeviceEvent:
    """The device comes back (from a loan, or found after loss): it must be wiped again."""
    return transition(device=device, to_state=S.RETURNED, by=by, note=note, on=on, _internal=True)


def give_away(
    *, device: Device, by, note: str = "", on: datetime.date | None = None
) -> DeviceEvent:
    """Ownership goes to the person (a gift, or a long-term loan that becomes a gift)."""
    return transition(device=device, to_state=S.GIVEN_AWAY, by=by, note=note, on=on, _internal=True)


def mark_lost(*, device: Device, by, note: str, on: datetime.date | None = None) -> DeviceEvent:
    """Lost or stolen while on loan (the loans module calls this)."""
    return transition(device=device, to_state=S.LOST, by=by, note=note, on=on, _internal=True)


# --- Asset tags ---------------------------------------------------------------------------


def tag_prefix() -> str:
    return getattr(settings, "DIGIBANK_ASSET_TAG_PREFIX", "DB")


def format_tag(number: int) -> str:
    return f"{tag_prefix()}-{number:06d}"


def allocate_tags(count: int) -> list[str]:
    """Reserve ``count`` new asset tags for the whole installation (never reused)."""
    if count < 1:
        return []
    with transaction.atomic():
        AssetTagCounter.objects.get_or_create(key="device")
        counter = AssetTagCounter.objects.select_for_update().get(key="device")
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return [format_tag(n) for n in range(first, first + count)]


def tag_from_text(text: str) -> str | None:
    """The canonical tag that ``text`` means, if it looks like one (typed or scanned).

    Accepts "DB-000123", "db000123", "DB 123" and a scanned label URL ending in the tag.
    """
    text = (text or "").strip().rstrip("/")
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    prefix = tag_prefix().upper()
    key = normalise_serial(text)
    if not key.startswith(prefix):
        return None
    digits = key[len(prefix) :]
    if not digits.isdigit() or len(digits) > 12:
        return None
    return format_tag(int(digits))


# --- Intake -------------------------------------------------------------------------------

DONATION_FIELDS = (
    "donor_kind", "donor_name", "organisation", "contact_name", "contact_email",
    "contact_phone", "consent_contact", "consent_public", "received_on", "location", "notes",
)  # fmt: skip
DEVICE_FIELDS = (
    "kind", "brand", "model_name", "serial_number", "made_year", "processor", "memory_gb",
    "storage_gb", "storage_kind", "battery_health", "accessories", "condition",
    "arrival_notes",
)  # fmt: skip


def _check_location(digibank, location) -> None:
    if location is not None and location.digibank_id != digibank.pk:
        raise DeviceError(_("This location belongs to another digibank."))


def _check_serial_free(serial: str, *, exclude_pk: int | None = None) -> None:
    key = normalise_serial(serial)
    if not key:
        return
    clash = Device.objects.filter(serial_key=key)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DeviceError(
            _("A device with serial number “{serial}” is already registered.").format(serial=serial)
        )


@transaction.atomic
def register_donation(*, digibank, by, data: dict) -> Donation:
    """Register a donation (the donor and where and when); devices are added to it."""
    donation = Donation(digibank=digibank, created_by=by)
    for field in DONATION_FIELDS:
        if field in data:
            setattr(donation, field, data[field])
    _check_location(digibank, donation.location)
    if not donation.donor_name and not donation.organisation_id:
        raise DeviceError(_("Give the donor's name or choose a known organisation."))
    donation.save()
    audit.record(actor=by, action="create", target=donation)
    return donation


@transaction.atomic
def update_donation(*, donation: Donation, by, data: dict) -> list[str]:
    if donation.donor_erased_at:
        raise DeviceError(_("The donor's details were erased; this donation cannot change."))
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    changed = []
    for field in DONATION_FIELDS:
        if field in data and getattr(donation, field) != data[field]:
            setattr(donation, field, data[field])
            changed.append(field)
    _check_location(donation.digibank, donation.location)
    donation.save()
    if changed:
        audit.record(actor=by, action="change", target=donation, fields=changed)
    return changed


@transaction.atomic
def add_device(*, donation: Donation | None, digibank, by, data: dict, location=None) -> Device:
    """Register one device (from a donation, or without one for an import)."""
    if donation is not None and donation.digibank_id != digibank.pk:
        raise DeviceError(_("This donation belongs to another digibank."))
    location = location or (donation.location if donation else None)
    _check_location(digibank, location)
    device = Device(digibank=digibank, donation=donation, location=location)
    for field in DEVICE_FIELDS:
        if field in data:
            setattr(device, field, data[field] if data[field] is not None else _blank(field))
    if donation is not None:
        device.received_on = donation.received_on
    elif data.get("received_on"):
        device.received_on = data["received_on"]
    _check_serial_free(device.serial_number)
    try:
        with transaction.atomic():
            device.save()
    except IntegrityError as exc:
        # A parallel registration of the same serial number: the constraint said no.
        raise DeviceError(
            _("A device with serial number “{serial}” is already registered.").format(
                serial=device.serial_number
            )
        ) from exc
    DeviceEvent.objects.create(
        device=device,
        digibank_id=digibank.pk,
        from_state="",
        to_state=S.RECEIVED,
        location=location,
        occurred_on=device.received_on,
        by=by if getattr(by, "pk", None) else None,
    )
    return device


# A passed wipe was done for these: changing one asks for a new wipe.
WIPED_AS = frozenset({"kind", "storage_kind", "serial_number"})


def _blank(field: str):
    return None if Device._meta.get_field(field).null else ""


@transaction.atomic
def update_device(*, device: Device, by, data: dict) -> list[str]:
    """Change a device's description (not its state: see ``transition``)."""
    device = Device.objects.select_for_update().get(pk=device.pk)
    changed = []
    for field in (*DEVICE_FIELDS, "grade", "os_installed"):
        if field in data:
            value = data[field] if data[field] is not None else _blank(field)
            if getattr(device, field) != value:
                setattr(device, field, value)
                changed.append(field)
    if "serial_number" in changed:
        _check_serial_free(device.serial_number, exclude_pk=device.pk)
    rewipe = device.wipe_status == WipeStatus.PASSED and WIPED_AS.intersection(changed)
    if rewipe and device.state not in (S.WIPED, S.READY, S.IN_REPAIR):
        raise DeviceError(
            _(
                "The wipe was recorded for this type, storage and serial number. They can "
                "change only while the device is in stock; it is “{state}”."
            ).format(state=_state_label(device.state))
        )
    try:
        with transaction.atomic():
            device.save()
    except IntegrityError as exc:  # a serial number registered at the same moment
        raise DeviceError(
            _("A device with serial number “{serial}” is already registered.").format(
                serial=device.serial_number
            )
        ) from exc
    if rewipe:
        # The passed wipe was for another disk, serial or checklist: wipe it again.
        if device.state != S.IN_REPAIR:
            transition(
                device=device,
                to_state=S.IN_REPAIR,
                by=by,
                note=_("Type, storage or serial number changed after the wipe: wipe it again."),
            )
        Device.objects.filter(pk=device.pk).update(wipe_status=WipeStatus.NEEDED)
        device.wipe_status = WipeStatus.NEEDED
        changed.append("wipe_status")
    return changed


# --- Wiping -------------------------------------------------------------------------------


@transaction.atomic
def record_wipe(
    *,
    device: Device,
    by,
    method: str,
    tool: str,
    result: str,
    verification: str,
    wiped_on: datetime.date | None = None,
    notes: str = "",
    checklist: Iterable[str] = (),
    log_file=None,
    operator=None,
) -> WipeRecord:
    """Record one wipe attempt. A pass clears the device for refurbishing; a fail blocks it.

    Phones and tablets pass only with the whole mobile checklist ticked, and no wipe
    passes without verification. An attached log (nwipe and similar) is read: its serial
    number is compared with the device's and a difference is flagged on the record.
    """
    from digibank.devices import wipelog

    locked = Device.objects.select_for_update().get(pk=device.pk)
    if locked.state not in WIPEABLE_STATES:
        _refresh(device, locked)
        raise DeviceError(
            _("A wipe can be recorded for a device that is received, returned or in repair; "
              "this one is “{state}”.").format(state=_state_label(locked.state))
        )  # fmt: skip
    if method not in WipeMethod.values or result not in WipeResult.values:
        raise DeviceError(_("Choose a method and a result."))
    if verification not in Verification.values:
        raise DeviceError(_("Choose how the wipe was verified."))
    if not (tool or "").strip():
        raise DeviceError(_("Name the tool that was used."))
    wiped_on = wiped_on or timezone.localdate()
    if wiped_on > timezone.localdate():
        raise DeviceError(_("The date of the wipe cannot be in the future."))
    # A wipe from before the device came back says nothing about the last user's data.
    # (Before the first intake is fine: a donor company may wipe before it donates.)
    came_back = (
        locked.events.filter(to_state=S.RETURNED)
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    if came_back and wiped_on < came_back:
        raise DeviceError(
            _("The wipe cannot be dated before {date}, when the device came back.").format(
                date=came_back.strftime("%d/%m/%Y")
            )
        )
    checklist = set(checklist)
    unknown = checklist - set(WipeRecord.MOBILE_CHECKLIST)
    if unknown:
        raise DeviceError(_("Unknown checklist item."))
    if result == WipeResult.PASSED:
        if verification == Verification.NONE:
            raise DeviceError(
                _("A wipe passes only after verification (NIST SP 800-88). "
                  "Verify it, or record it as failed.")
            )  # fmt: skip
        missing = set(WipeRecord.MOBILE_CHECKLIST) - checklist
        if locked.is_mobile and method != WipeMethod.DESTROY and missing:
            labels = [
                str(WipeRecord._meta.get_field(f).verbose_name)
                for f in WipeRecord.MOBILE_CHECKLIST
                if f in missing
            ]
            raise DeviceError(
                _("A phone or tablet passes only with the whole checklist done. Missing: "
                  "{items}.").format(items="; ".join(labels))
            )  # fmt: skip
    record = WipeRecord(
        device=locked,
        method=method,
        tool=tool.strip()[:100],
        operator=operator or by,
        wiped_on=wiped_on,
        location_id=locked.location_id,
        result=result,
        verification=verification,
        notes=notes,
        **{f: f in checklist for f in WipeRecord.MOBILE_CHECKLIST},
    )
    if log_file is not None:
        parsed = wipelog.parse(wipelog.read_upload(log_file))
        record.log_serial = ", ".join(parsed.serials)[:100]
        record.log_result = parsed.result[:40]
        record.serial_mismatch = parsed.mismatches(locked.serial_number)
        log_file.seek(0)
        record.log_file.save(getattr(log_file, "name", "wipe.log"), log_file, save=False)
    record.save()
    if result == WipeResult.PASSED:
        locked.wipe_status = WipeStatus.PASSED
        locked.save(update_fields=["wipe_status"])
        _refresh(device, locked)
        if locked.state in (S.RECEIVED, S.RETURNED):
            transition(
                device=device,
                to_state=S.WIPED,
                by=by,
                note=str(WipeMethod(method).label)[:300],
                on=wiped_on,
                _internal=True,
            )
    else:
        locked.wipe_status = WipeStatus.FAILED
        locked.save(update_fields=["wipe_status"])
        _refresh(device, locked)
    return record


# --- Refurbishing, repairs and moves -------------------------------------------------------


@transaction.atomic
def technical_trainees(digibank):
    """People with a seat in one of the digibank's technical-skills trainings: the only
    ones a repair can name as trainee (the skills figures count their work)."""
    from digibank.people.models import Person

    return (
        Person.objects.filter(
            digibank=digibank,
            training_registrations__status="confirmed",
            training_registrations__session__course__technical_track=True,
        )
        .active()
        .distinct()
    )


def add_repair(
    *,
    device: Device,
    by,
    work: str,
    minutes: int,
    parts: str = "",
    trainee=None,
    done_on: datetime.date | None = None,
) -> RepairEntry:
    if device.state not in IN_STOCK_STATES:
        raise DeviceError(_("Repairs are recorded only for devices in stock."))
    if trainee is not None and trainee.digibank_id != device.digibank_id:
        raise DeviceError(_("The trainee belongs to another digibank."))
    if (
        trainee is not None
        and not technical_trainees(device.digibank_id).filter(pk=trainee.pk).exists()
    ):
        raise DeviceError(
            _("Only a person with a seat in a technical-skills training can be named as trainee.")
        )
    if not (work or "").strip():
        raise DeviceError(_("Describe what was done."))
    if not minutes or minutes < 1:
        raise DeviceError(_("Give the time spent in minutes (at least 1)."))
    return RepairEntry.objects.create(
        device=device,
        by=by,
        work=work.strip(),
        minutes=minutes,
        parts=parts,
        trainee=trainee,
        done_on=done_on or timezone.localdate(),
    )


@transaction.atomic
def refurbish(*, device: Device, by, grade: str, os_installed: str) -> list[str]:
    """Set the grade and the operating system after refurbishing."""
    return update_device(device=device, by=by, data={"grade": grade, "os_installed": os_installed})


@transaction.atomic
def move_device(*, device: Device, to_location, by, note: str = "", on=None) -> Move:
    locked = Device.objects.select_for_update().get(pk=device.pk)
    _check_location(locked.digibank, to_location)
    if locked.state not in IN_STOCK_STATES:
        raise DeviceError(_("Only devices in stock can move between locations."))
    if locked.location_id == to_location.pk:
        raise DeviceError(_("The device is already at this location."))
    move = Move.objects.create(
        device=locked,
        from_location_id=locked.location_id,
        to_location=to_location,
        by=by,
        note=note,
        moved_on=on or timezone.localdate(),
    )
    locked.location = to_location
    locked.save(update_fields=["location"])
    device.location = to_location
    return move


# --- Donor privacy ---------------------------------------------------------------------------


@transaction.atomic
def erase_donor(*, donation: Donation, by) -> None:
    """Erase a donor's name and contact (GDPR); the devices and figures stay."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.donor_erased_at:
        return
    donation.donor_name = ""
    donation.contact_name = ""
    donation.contact_email = ""
    donation.contact_phone = ""
    donation.consent_contact = False
    donation.consent_public = False
    donation.donor_erased_at = timezone.now()
    donation.save()
    audit.record(
        actor=by,
        action="erase",
        target=donation,
        fields=["donor_name", "contact_name", "contact_email", "contact_phone"],
    )
