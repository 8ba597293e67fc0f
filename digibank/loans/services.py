"""Writes and rules of lending: requests and the waiting list, lending, extension, return,
loss, gift, and connectivity help.

Functions take keyword arguments and the acting user, never a request, and raise
``LoanError`` with a message for the user when a rule says no. The device side (may it go
out? which state next?) is the devices module's: every change of a device's state goes
through ``digibank.devices.services``, so the wipe rule cannot be bypassed from here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.audit import services as audit
from digibank.devices import services as device_services
from digibank.devices.models import Device
from digibank.digibanks.models import Organisation
from digibank.loans import eligibility
from digibank.loans.models import (
    ConnectivityHelp,
    ConnectivityKind,
    DeviceWish,
    Loan,
    LoanExtension,
    LoanKind,
    LoanRequest,
    LoanStatus,
    RequestStatus,
)
from digibank.people.models import Person, Service
from digibank.people.services import record_activity


class LoanError(Exception):
    """A lending rule said no; the message is meant for the user."""

    def __init__(self, message, reasons: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []


def _refuse_if_failed(checks: list[eligibility.Check]) -> None:
    reasons = eligibility.failures(checks)
    if reasons:
        raise LoanError(_("This person cannot borrow now."), reasons)


# --- Requests and the waiting list --------------------------------------------------------


@transaction.atomic
def register_request(
    *,
    person: Person,
    by,
    wish: str,
    purpose: str = "",
    referrer=None,
    proof: str = "",
    proof_valid_until: datetime.date | None = None,
    requested_on: datetime.date | None = None,
) -> LoanRequest:
    """Put a person on the waiting list, if every condition of the digibank is met."""
    if person.is_anonymised:
        raise LoanError(_("This person has been anonymised."))
    # Serialise requests of the same person, then of the same referrer: the cap of open
    # requests per referrer is a count, and two desks counting at once would both pass it.
    # Always person first, then organisation, so two requests never wait on each other.
    Person.objects.select_for_update().get(pk=person.pk)
    if referrer is not None:
        list(Organisation.objects.select_for_update().filter(pk=referrer.pk).values("pk"))
    policy = eligibility.policy_for(person.digibank)
    _refuse_if_failed(
        eligibility.check_person(
            person=person,
            policy=policy,
            referrer=referrer,
            proof=proof,
            proof_valid_until=proof_valid_until,
            new_request=True,
        )
    )
    request = LoanRequest(
        digibank_id=person.digibank_id,
        person=person,
        wish=wish,
        purpose=purpose,
        referrer=referrer,
        proof=proof,
        proof_valid_until=proof_valid_until,
        requested_on=requested_on or timezone.localdate(),
        created_by=by,
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as exc:
        raise LoanError(_("This person is already on the waiting list.")) from exc
    audit.record(actor=by, action="create", target=request)
    return request


def queue_position(request: LoanRequest) -> int | None:
    """1 for the first person on the waiting list; None when the request is closed."""
    if request.status != RequestStatus.WAITING:
        return None
    ahead = (
        LoanRequest.objects.waiting()
        .filter(digibank_id=request.digibank_id, requested_on__lte=request.requested_on)
        .exclude(requested_on=request.requested_on, pk__gte=request.pk)
        .count()
    )
    return ahead + 1


def waited_longer(request: LoanRequest):
    """Waiting requests ahead of ``request`` that a device for it would also suit: lending
    to someone further down the list is possible, but the page says who waits longer."""
    wishes = DeviceWish.values if request.wish == DeviceWish.ANY else [request.wish, DeviceWish.ANY]
    return (
        LoanRequest.objects.waiting()
        .filter(digibank_id=request.digibank_id, wish__in=wishes)
        .filter(
            Q(requested_on__lt=request.requested_on)
            | Q(requested_on=request.requested_on, pk__lt=request.pk)
        )
        .select_related("person")
        .order_by("requested_on", "pk")
    )


@transaction.atomic
def close_request(*, request: LoanRequest, by, status: str, reason: str = "") -> LoanRequest:
    """Withdraw (the person no longer needs it) or refuse a waiting request."""
    if status not in (RequestStatus.WITHDRAWN, RequestStatus.REFUSED):
        raise ValueError(status)
    request = LoanRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.WAITING:
        raise LoanError(_("This request is already closed."))
    request.status = status
    request.closed_on = timezone.localdate()
    request.close_reason = reason[:200]
    request.save(update_fields=["status", "closed_on", "close_reason"])
    audit.record(actor=by, action="change", target=request, fields=["status"])
    return request


# --- Lending -------------------------------------------------------------------------------


def lend(
    *,
    device: Device,
    person: Person,
    by,
    kind: str = LoanKind.FIXED,
    due_on: datetime.date | None = None,
    condition_out: str = "good",
    accessories: str = "",
    deposit: Decimal | None = None,
    request: LoanRequest | None = None,
    location=None,
    started_on: datetime.date | None = None,
) -> Loan:
    """Lend ``device`` to ``person``.

    Takes a row lock on the device, so two people at two desks cannot lend the same
    device: the second waits, then finds it on loan. The partial unique constraint
    ``loan_one_open_per_device`` holds even if a code path forgot the lock.
    """
    try:
        with transaction.atomic():
            return _lend(
                device=device,
                person=person,
                by=by,
                kind=kind,
                due_on=due_on,
                condition_out=condition_out,
                accessories=accessories,
                deposit=deposit,
                request=request,
                location=location,
                started_on=started_on or timezone.localdate(),
            )
    except IntegrityError as exc:
        raise LoanError(_("This device is already on loan.")) from exc


def _lend(*, device, person, by, kind, due_on, condition_out, accessories, deposit, request,
          location, started_on) -> Loan:  # fmt: skip
    device = Device.objects.select_for_update().get(pk=device.pk)
    person = Person.objects.select_for_update().select_related("digibank").get(pk=person.pk)
    if person.is_anonymised:
        raise LoanError(_("This person has been anonymised."))
    if device.digibank_id != person.digibank_id:
        raise LoanError(_("This device belongs to another digibank."))
    if Loan.objects.filter(device=device).open().exists():
        raise LoanError(_("Device %(tag)s is already on loan.") % {"tag": device.tag})
    if kind == LoanKind.FIXED:
        if due_on is None:
            raise LoanError(_("Give the date by which the device must come back."))
        if due_on < started_on:
            raise LoanError(_("The date to bring it back cannot be before the start."))
    else:
        due_on = None
    if deposit is not None and deposit < 0:
        raise LoanError(_("A deposit cannot be negative."))
    policy = eligibility.policy_for(person.digibank)
    _refuse_if_failed(
        eligibility.check_person(
            person=person,
            policy=policy,
            referrer=request.referrer if request else None,
            proof=request.proof if request else "",
            proof_valid_until=request.proof_valid_until if request else None,
            for_request=request,
        )
    )
    try:
        device_services.lend(device=device, by=by, on=started_on)
    except device_services.DeviceError as exc:
        raise LoanError(str(exc)) from exc
    loan = Loan.objects.create(
        digibank_id=person.digibank_id,
        person=person,
        device=device,
        request=request,
        location=location or device.location,
        kind=kind,
        started_on=started_on,
        due_on=due_on,
        condition_out=condition_out,
        accessories=accessories or device.accessories,
        deposit=deposit,
        created_by=by,
    )
    if request is not None:
        LoanRequest.objects.filter(pk=request.pk, status=RequestStatus.WAITING).update(
            status=RequestStatus.SERVED, closed_on=started_on
        )
    record_activity(
        person=person, service=Service.ACCESS, kind="loan", occurred_on=started_on, source=loan
    )
    audit.record(actor=by, action="create", target=loan)
    return loan


def _locked_open(loan: Loan) -> Loan:
    loan = Loan.objects.select_for_update().select_related("device").get(pk=loan.pk)
    if loan.status != LoanStatus.OPEN:
        raise LoanError(_("This loan has already ended."))
    return loan


@transaction.atomic
def extend(*, loan: Loan, by, new_due_on: datetime.date) -> Loan:
    """Move the due date later. Settles an overdue loan too, if the new date is not past."""
    loan = _locked_open(loan)
    if loan.kind != LoanKind.FIXED:
        raise LoanError(_("A long-term loan has no date to extend."))
    if new_due_on <= loan.due_on:
        raise LoanError(_("The new date must be later than the current one."))
    if new_due_on < timezone.localdate():
        raise LoanError(_("The new date cannot be in the past."))
    LoanExtension.objects.create(
        loan=loan, previous_due_on=loan.due_on, new_due_on=new_due_on, extended_by=by
    )
    loan.due_on = new_due_on
    loan.extensions += 1
    loan.save(update_fields=["due_on", "extensions"])
    audit.record(actor=by, action="change", target=loan, fields=["due_on"])
    return loan


@transaction.atomic
def return_loan(
    *,
    loan: Loan,
    by,
    condition_in: str,
    accessories_complete: bool,
    deposit_refunded: bool | None = None,
    note: str = "",
    returned_on: datetime.date | None = None,
) -> Loan:
    """The device is back. It goes to "returned" and must be wiped before it goes out."""
    loan = _locked_open(loan)
    returned_on = returned_on or timezone.localdate()
    if returned_on < loan.started_on:
        raise LoanError(_("The return date cannot be before the start of the loan."))
    if returned_on > timezone.localdate():
        raise LoanError(_("The return date cannot be in the future."))
    try:
        device_services.take_back(
            device=loan.device, by=by, note=f"{loan.reference}: {note}"[:300], on=returned_on
        )
    except device_services.DeviceError as exc:
        raise LoanError(str(exc)) from exc
    loan.status = LoanStatus.RETURNED
    loan.ended_on = returned_on
    loan.condition_in = condition_in
    loan.accessories_complete = accessories_complete
    loan.deposit_refunded = deposit_refunded if loan.deposit else None
    loan.end_note = note[:300]
    loan.save()
    audit.record(actor=by, action="change", target=loan, fields=["status"])
    return loan


@transaction.atomic
def report_lost(*, loan: Loan, by, stolen: bool, note: str = "") -> Loan:
    """The device is lost or stolen: the loan ends and the device leaves the stock."""
    loan = _locked_open(loan)
    try:
        what = _("stolen") if stolen else _("lost")
        device_services.mark_lost(
            device=loan.device, by=by, note=f"{loan.reference} ({what}): {note}"[:300]
        )
    except device_services.DeviceError as exc:
        raise LoanError(str(exc)) from exc
    loan.status = LoanStatus.STOLEN if stolen else LoanStatus.LOST
    loan.ended_on = timezone.localdate()
    loan.end_note = note[:300]
    loan.save(update_fields=["status", "ended_on", "end_note"])
    audit.record(actor=by, action="change", target=loan, fields=["status"])
    return loan


@transaction.atomic
def make_gift(*, loan: Loan, by, note: str = "") -> Loan:
    """A long-term loan becomes the person's own device (ownership transfer)."""
    loan = _locked_open(loan)
    if loan.kind != LoanKind.LONG_TERM:
        raise LoanError(_("Only a long-term loan can become a gift."))
    try:
        device_services.give_away(device=loan.device, by=by, note=loan.reference)
    except device_services.DeviceError as exc:
        raise LoanError(str(exc)) from exc
    loan.status = LoanStatus.GIFTED
    loan.ended_on = timezone.localdate()
    loan.end_note = note[:300]
    loan.save(update_fields=["status", "ended_on", "end_note"])
    record_activity(
        person=loan.person,
        service=Service.ACCESS,
        kind="gift",
        occurred_on=loan.ended_on,
        source=loan,
    )
    audit.record(actor=by, action="change", target=loan, fields=["status"])
    return loan


# --- Connectivity --------------------------------------------------------------------------


@transaction.atomic
def record_connectivity(*, person: Person, by, data: dict) -> ConnectivityHelp:
    """Record help with internet at home; lending a SIM card needs the digibank to do so."""
    if person.is_anonymised:
        raise LoanError(_("This person has been anonymised."))
    kind = data["kind"]
    if (
        kind in ConnectivityHelp.LENT
        and not eligibility.policy_for(person.digibank).lends_sim_cards
    ):
        raise LoanError(_("This digibank does not lend SIM cards or mobile data."))
    if kind == ConnectivityKind.SIM_CARD and not data.get("due_on"):
        raise LoanError(_("Give the date by which the SIM card must come back."))
    help_ = ConnectivityHelp.objects.create(
        digibank_id=person.digibank_id,
        person=person,
        kind=kind,
        helped_on=data.get("helped_on") or timezone.localdate(),
        provider=data.get("provider", ""),
        outcome_ok=data.get("outcome_ok"),
        data_gb=data.get("data_gb") if kind == ConnectivityKind.MOBILE_DATA else None,
        due_on=data.get("due_on") if kind == ConnectivityKind.SIM_CARD else None,
        note=data.get("note", ""),
        created_by=by,
    )
    record_activity(
        person=person,
        service=Service.ACCESS,
        kind="connectivity",
        occurred_on=help_.helped_on,
        source=help_,
    )
    audit.record(actor=by, action="create", target=help_)
    return help_


@transaction.atomic
def sim_returned(*, help_: ConnectivityHelp, by) -> ConnectivityHelp:
    help_ = ConnectivityHelp.objects.select_for_update().get(pk=help_.pk)
    if help_.kind != ConnectivityKind.SIM_CARD or help_.returned_on:
        raise LoanError(_("There is no SIM card to bring back here."))
    help_.returned_on = timezone.localdate()
    help_.save(update_fields=["returned_on"])
    audit.record(actor=by, action="change", target=help_, fields=["returned_on"])
    return help_


# --- Exports -------------------------------------------------------------------------------
