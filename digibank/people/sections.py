"""Parts of a person's page that other modules contribute (loans, trainings, contacts).

A section is shown when the user may do ``action`` in the person's digibank. Its
``context`` function gets the request and the person and returns what the template needs;
it must use a fixed number of queries. Modules name their context function by dotted
path, so this file needs no import of theirs (and stays one line per module).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class PersonSection:
    key: str
    action: str
    template: str
    context: Callable | str

    def get_context(self, request, person) -> dict:
        context = self.context
        if isinstance(context, str):
            context = import_string(context)
        return context(request, person)


def _activities(request, person) -> dict:
    return {"activities": person.activities.order_by("-occurred_on", "-pk")[:20]}


SECTIONS: list[PersonSection] = [
    PersonSection("activities", "person.view", "people/sections/_activities.html", _activities),
    PersonSection(
        "loans", "loan.view", "loans/sections/_person.html",
        "digibank.loans.sections.person_context",
    ),
    PersonSection(
        "assessments", "assessment.take", "assessments/sections/_person.html",
        "digibank.assessments.sections.person_context",
    ),
    PersonSection(
        "trainings", "training.view", "trainings/sections/_registrations.html",
        "digibank.trainings.sections.registrations",
    ),
    PersonSection(
        "helpdesk", "helpdesk.view", "helpdesk/sections/_person.html",
        "digibank.helpdesk.sections.person_contacts",
    ),
    PersonSection(
        "referrals", "referral.view", "referrals/sections/_person.html",
        "digibank.referrals.sections.person_referrals",
    ),
]  # fmt: skip
