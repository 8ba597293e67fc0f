"""The right-of-access export on paper: the same data as the JSON file, in words.

The JSON export keeps codes (``"status": "open"``), which is right for a file but not for
a letter to a citizen. Here every key gets a label and every code the label of the choice
it comes from, dates are written as dates, and nested data stays nested, so nothing of
the file is left out on paper.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# Keys of the export and what they mean for the reader. An unknown key is still printed,
# as readable words, so a module that adds one is never silently dropped.
LABELS = {
    "accessories": _("Accessories"),
    "activities": _("Help received"),
    "answers": _("Answers"),
    "appointments": _("Appointments"),
    "asked_on": _("Asked on"),
    "attendance": _("Attendance"),
    "can_do_it_alone": _("Can now do it alone"),
    "cancelled_at": _("Cancelled on"),
    "cancelled_by": _("Cancelled by"),
    "channel": _("How"),
    "closed_on": _("Closed on"),
    "completed_at": _("Finished on"),
    "condition_when_lent": _("Condition when lent"),
    "condition_when_returned": _("Condition when returned"),
    "connectivity": _("Internet at home"),
    "consent_on": _("Consent given on"),
    "contacts": _("Contacts"),
    "course": _("Course"),
    "data_gb": _("Data (GB)"),
    "date": _("Date"),
    "deposit": _("Deposit"),
    "details_shared": _("Details shared"),
    "device": _("Device"),
    "device_needed": _("Device needed"),
    "direction": _("Direction"),
    "due_on": _("Due on"),
    "ended_on": _("Ended on"),
    "follow_up_on": _("Follow-up planned on"),
    "kind": _("Kind"),
    "kind_of_help": _("Kind of help"),
    "level": _("Level"),
    "levels": _("Levels"),
    "loans": _("Loans"),
    "location": _("Place"),
    "meeting": _("Meeting"),
    "minutes": _("Minutes"),
    "next_steps": _("Next steps"),
    "note": _("Note"),
    "notes": _("Notes"),
    "outcome": _("Outcome"),
    "partner": _("Partner"),
    "place": _("Place"),
    "proof": _("Proof"),
    "proof_valid_until": _("Proof valid until"),
    "provider": _("Provider"),
    "purpose": _("Purpose"),
    "question_set": _("Questionnaire"),
    "reason": _("Reason"),
    "reference": _("Reference"),
    "referred_by": _("Referred by"),
    "registered_at": _("Registered on"),
    "repairs_as_trainee": _("Repairs done as a trainee"),
    "requests": _("Requests"),
    "returned_on": _("Returned on"),
    "score": _("Score"),
    "service": _("Service"),
    "session": _("Session"),
    "start": _("Starts"),
    "started_at": _("Started on"),
    "started_on": _("Started on"),
    "starts_at": _("Starts"),
    "status": _("Status"),
    "topics": _("Topics"),
    "version": _("Version"),
    "work": _("What was done"),
    "worked": _("It worked"),
}


def _choice_labels() -> dict[tuple[str, str], dict[str, str]]:
    """(app label, field name) -> {code: label}, from every model field with choices."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("digibank."):
            continue
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "choices", None)
            if choices:
                key = (model._meta.app_label, model_field.name)
                found.setdefault(key, {}).update({str(code): label for code, label in choices})
    return found


def _extra_labels(fields: dict) -> dict[tuple[str, str], dict[str, str]]:
    """Codes kept in lists, or exported under another name than their field's."""
    from digibank.assessments.nextsteps import NextStep
    from digibank.people.models import TargetGroupCode
    from digibank.referrals.models import SharedField

    return {
        ("assessments", "next_steps"): dict(NextStep.choices),
        ("referrals", "details_shared"): dict(SharedField.choices),
        ("people", "target_groups"): dict(TargetGroupCode.choices),
        ("loans", "condition_when_lent"): fields.get(("loans", "condition_out"), {}),
        ("loans", "condition_when_returned"): fields.get(("loans", "condition_in"), {}),
        # What kind of help a person received (people.ServiceActivity.kind).
        ("people", "kind"): {
            "loan": _("Loan of a device"),
            "gift": _("Device given"),
            "connectivity": _("Help with internet at home"),
            "assessment": _("Digiscan"),
            "helpdesk_contact": _("Helpdesk contact"),
            "training_attended": _("Took part in a training"),
        },
    }


# Export keys that name a model field under another name.
FIELD_OF_KEY = {"device_needed": "wish", "preferred_language": "language"}


@dataclass
class Entry:
    label: str
    value: str = ""
    children: list[list[Entry]] = field(default_factory=list)  # a list of records
    items: list[str] = field(default_factory=list)  # a list of plain values


def _label(key: str) -> str:
    return str(LABELS.get(key) or key.replace("_", " ").capitalize())


def _text(value, codes: dict[str, str]) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, str):
        if value in codes:
            return str(codes[value])
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:  # a date
            return formats.date_format(moment.date(), "DATE_FORMAT")
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "DATETIME_FORMAT")
    return str(value)


class Printer:
    def __init__(self):
        fields = _choice_labels()
        self.choices = fields | _extra_labels(fields)

    def codes(self, app_label: str, key: str) -> dict[str, str]:
        return self.choices.get((app_label, FIELD_OF_KEY.get(key, key)), {})

    def entries(self, data: dict, app_label: str) -> list[Entry]:
        return [self.entry(key, value, app_label) for key, value in data.items()]

    def entry(self, key: str, value, app_label: str) -> Entry:
        entry = Entry(label=_label(key))
        codes = self.codes(app_label, key)
        if isinstance(value, dict):
            entry.children = [self.entries(value, app_label)]
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            entry.children = [self.entries(v, app_label) for v in value if isinstance(v, dict)]
        elif isinstance(value, list):
            entry.items = [_text(v, codes) for v in value]
            if not entry.items:
                entry.value = "–"
        else:
            entry.value = _text(value, codes)
        return entry

    def section(self, app_label: str, data) -> list[list[Entry]]:
        """A provider's part of the export as records: one record, or a list of them."""
        if isinstance(data, dict):
            return [self.entries(data, app_label)]
        return [self.entries(record, app_label) for record in data if isinstance(record, dict)]


def sections(data: dict, providers) -> list[tuple[str, list[list[Entry]]]]:
    """(heading, records) per module, in the order of the providers."""
    printer = Printer()
    installed = {config.label for config in apps.get_app_configs()}
    return [
        (
            str(provider.label),
            printer.section(
                provider.key if provider.key in installed else "people", data[provider.key]
            ),
        )
        for provider in providers
    ]
