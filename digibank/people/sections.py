"""Parts of a person's page that other modules contribute (loans, trainings, contacts).

A section is shown when the user may do ``action`` in the person's digibank. Its
``context`` function gets the request and the person and returns what the template needs;
it must use a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonSection:
    key: str
    action: str
    template: str
    context: Callable


def _activities(request, person) -> dict:
    return {"activities": person.activities.order_by("-occurred_on", "-pk")[:20]}


def _assessments(request, person) -> dict:
    from digibank.assessments.sections import person_context

    return person_context(request, person)


def _trainings(request, person) -> dict:
    from digibank.trainings.sections import registrations

    return registrations(request, person)


SECTIONS: list[PersonSection] = [
    PersonSection("activities", "person.view", "people/sections/_activities.html", _activities),
    PersonSection(
        "assessments", "assessment.take", "assessments/sections/_person.html", _assessments
    ),
    PersonSection(
        "trainings", "training.view", "trainings/sections/_registrations.html", _trainings
    ),
]
