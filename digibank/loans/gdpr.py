"""Personal data of lending for the right of access and erasure (see people/gdpr.py).

Loans, requests, reminders and connectivity help stay as anonymous records after an
erasure (the figures and the device history need them); what could identify the person
in them, free text, goes.
"""

from django.utils.translation import gettext_lazy as _

from digibank.people import gdpr


def _date(value):
    return value.isoformat() if value else None


def export(person) -> dict:
    from digibank.loans.models import ConnectivityHelp, Loan, LoanRequest, ReminderMessage

    return {
        "requests": [
            {
                "reference": r.reference,
                "device_needed": r.wish,
                "purpose": r.purpose,
                "referred_by": str(r.referrer) if r.referrer_id else None,
                "proof": r.proof,
                "proof_valid_until": _date(r.proof_valid_until),
                "asked_on": _date(r.requested_on),
                "status": r.status,
                "closed_on": _date(r.closed_on),
                "reason": r.close_reason,
            }
            for r in LoanRequest.objects.filter(person=person).select_related("referrer")
        ],
        "loans": [
            {
                "reference": loan.reference,
                "device": loan.device.tag,
                "kind": loan.kind,
                "started_on": _date(loan.started_on),
                "due_on": _date(loan.due_on),
                "condition_when_lent": loan.condition_out,
                "accessories": loan.accessories,
                "deposit": str(loan.deposit) if loan.deposit is not None else None,
                "status": loan.status,
                "ended_on": _date(loan.ended_on),
                "condition_when_returned": loan.condition_in,
                "note": loan.end_note,
            }
            for loan in Loan.objects.filter(person=person).select_related("device")
        ],
        "reminders": [
            {"date": _date(m.created_on), "channel": m.channel}
            for m in ReminderMessage.objects.filter(person=person)
        ],
        "connectivity": [
            {
                "date": _date(h.helped_on),
                "kind": h.kind,
                "provider": h.provider,
                "worked": h.outcome_ok,
                "data_gb": h.data_gb,
                "due_on": _date(h.due_on),
                "returned_on": _date(h.returned_on),
                "note": h.note,
            }
            for h in ConnectivityHelp.objects.filter(person=person)
        ],
    }


def erase(person) -> None:
    from digibank.loans.models import ConnectivityHelp, Loan, LoanRequest

    LoanRequest.objects.filter(person=person).update(purpose="", proof="", close_reason="")
    Loan.objects.filter(person=person).update(end_note="")
    ConnectivityHelp.objects.filter(person=person).update(note="")


def ongoing():
    from digibank.loans.models import Loan, LoanRequest

    return [
        (_("a device on loan"), Loan.objects.open()),
        (_("a place on the waiting list for a device"), LoanRequest.objects.waiting()),
    ]


def register() -> None:
    gdpr.register(
        gdpr.PersonalDataProvider(
            key="loans",
            label=_("Devices, loans and internet at home"),
            export=export,
            erase=erase,
            ongoing=ongoing,
        )
    )
