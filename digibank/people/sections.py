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


SECTIONS: list[PersonSection] = [
    PersonSection("activities", "person.view", "people/sections/_activities.html", _activities),
]


def _helpdesk(request, person) -> dict:
    from digibank.helpdesk.sections import person_contacts

    return person_contacts(request, person)


SECTIONS.append(
    PersonSection("helpdesk", "helpdesk.view", "helpdesk/sections/_person.html", _helpdesk)
)


def _referrals(request, person) -> dict:
    from digibank.referrals.sections import person_referrals

    return person_referrals(request, person)


SECTIONS.append(
    PersonSection("referrals", "referral.view", "referrals/sections/_person.html", _referrals)
)
