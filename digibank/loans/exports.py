"""Excel exports of the lending lists.

Every list exports the rows as filtered (all pages), with typed columns: dates stay dates
and numbers stay numbers. Names and phone numbers leave the platform in these files, so
each export logs one audit event per person in it (``audit.record_many``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.http import HttpResponse
from django.utils.translation import gettext as _

from digibank.audit import services as audit
from digibank.core import xlsx

CHUNK = 2000


def _collect(objects: Iterable, people: list) -> Iterator:
    """Yield ``objects`` and remember the person of each, to log the export afterwards."""
    for obj in objects:
        people.append(obj.person)
        yield obj


def _respond(filename: str, sheet: xlsx.Sheet, *, by, people: list, note: str) -> HttpResponse:
    response = xlsx.workbook_response(filename, [sheet])
    audit.record_many(actor=by, action="export", targets=people, note=note)
    return response


def loans(queryset, *, by) -> HttpResponse:
    """The loan list as filtered, every row (names only: the export is for daily work)."""
    columns = [
        xlsx.Column(_("Loan"), width=12),
        xlsx.Column(_("Person"), width=30),
        xlsx.Column(_("Asset tag"), width=14),
        xlsx.Column(_("Device"), width=16),
        xlsx.Column(_("Kind of loan"), width=20),
        xlsx.Column(_("Start"), "date"),
        xlsx.Column(_("Bring back by"), "date"),
        xlsx.Column(_("Status"), width=16),
        xlsx.Column(_("Ended on"), "date"),
    ]
    people: list = []
    rows = (
        (
            loan.reference,
            loan.person.display_name,
            loan.device.tag,
            loan.device.get_kind_display(),
            loan.get_kind_display(),
            loan.started_on,
            loan.due_on,
            loan.get_status_display(),
            loan.ended_on,
        )
        for loan in _collect(queryset.iterator(chunk_size=CHUNK), people)
    )
    sheet = xlsx.Sheet(_("Loans"), columns, rows)
    return _respond("loans.xlsx", sheet, by=by, people=people, note="xlsx: loans")


def waiting_list(queryset, *, by) -> HttpResponse:
    columns = [
        xlsx.Column(_("Place"), "int", width=8),
        xlsx.Column(_("Request"), width=12),
        xlsx.Column(_("Person"), width=30),
        xlsx.Column(_("Device needed"), width=20),
        xlsx.Column(_("Asked on"), "date"),
        xlsx.Column(_("Referred by"), width=30),
    ]
    people: list = []
    rows = (
        (place, r.reference, r.person.display_name, r.get_wish_display(), r.requested_on,
         str(r.referrer) if r.referrer_id else "")
        for place, r in enumerate(_collect(queryset.iterator(chunk_size=CHUNK), people), start=1)
    )  # fmt: skip
    sheet = xlsx.Sheet(_("Waiting list"), columns, rows)
    return _respond("waiting-list.xlsx", sheet, by=by, people=people, note="xlsx: waiting list")


def overdue(queryset, *, by, today: datetime.date) -> HttpResponse:
    """Overdue loans, oldest first, with a phone number to call."""
    columns = [
        xlsx.Column(_("Loan"), width=12),
        xlsx.Column(_("Person"), width=30),
        xlsx.Column(_("Phone"), width=18),
        xlsx.Column(_("Asset tag"), width=14),
        xlsx.Column(_("Device"), width=16),
        xlsx.Column(_("Bring back by"), "date"),
        xlsx.Column(_("Days late"), "int", width=10),
    ]
    people: list = []
    rows = (
        (
            loan.reference,
            loan.person.display_name,
            loan.person.phone,
            loan.device.tag,
            loan.device.get_kind_display(),
            loan.due_on,
            (today - loan.due_on).days,
        )
        for loan in _collect(queryset.iterator(chunk_size=CHUNK), people)
    )
    sheet = xlsx.Sheet(_("Overdue loans"), columns, rows)
    return _respond("overdue-loans.xlsx", sheet, by=by, people=people, note="xlsx: overdue")


def connectivity(queryset, *, by) -> HttpResponse:
    """Help with internet at home, newest first."""
    columns = [
        xlsx.Column(_("Date"), "date"),
        xlsx.Column(_("Reference"), width=12),
        xlsx.Column(_("Person"), width=30),
        xlsx.Column(_("Kind of help"), width=30),
        xlsx.Column(_("Mobile data (GB)"), "int", width=12),
        xlsx.Column(_("Provider"), width=18),
        xlsx.Column(_("It worked"), width=14),
        xlsx.Column(_("Bring the SIM card back by"), "date"),
        xlsx.Column(_("SIM card returned on"), "date"),
    ]

    def worked(value):
        if value is None:
            return _("not known yet")
        return _("yes") if value else _("no")

    people: list = []
    rows = (
        (
            h.helped_on,
            h.reference,
            h.person.display_name,
            h.get_kind_display(),
            h.data_gb,
            h.provider,
            worked(h.outcome_ok),
            h.due_on,
            h.returned_on,
        )
        for h in _collect(queryset.iterator(chunk_size=CHUNK), people)
    )
    sheet = xlsx.Sheet(_("Internet at home"), columns, rows)
    return _respond("internet-at-home.xlsx", sheet, by=by, people=people, note="xlsx: connectivity")


def reminders_to_do(queryset, *, by) -> HttpResponse:
    """Letters to print and calls to make; the loans of each reminder in one cell."""
    columns = [
        xlsx.Column(_("Date"), "date"),
        xlsx.Column(_("How"), width=14),
        xlsx.Column(_("Person"), width=30),
        xlsx.Column(_("Phone"), width=18),
        xlsx.Column(_("Street and number"), width=30),
        xlsx.Column(_("Postcode"), width=10),
        xlsx.Column(_("Preferred language"), width=14),
        xlsx.Column(_("Loans"), width=50),
    ]
    people: list = []
    rows = (
        (
            m.created_on,
            m.get_channel_display(),
            m.person.display_name,
            m.person.phone,
            m.person.street,
            m.person.postcode,
            m.person.get_language_display(),
            "; ".join(
                f"{r.loan.reference} ({r.loan.device.tag}, {r.get_stage_display()}, "
                f"{r.due_on:%d/%m/%Y})"
                for r in m.reminders.all()
            ),
        )
        for m in _collect(queryset.iterator(chunk_size=CHUNK), people)
    )
    sheet = xlsx.Sheet(_("Letters and calls"), columns, rows)
    return _respond(
        "letters-and-calls.xlsx", sheet, by=by, people=people, note="xlsx: letters and calls"
    )
