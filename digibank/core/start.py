"""What each role sees first on its start page: the work that role does most.

A section is shown to the roles listed; its ``context`` function gets the request and
returns what its template needs. Modules add their sections to ``SECTIONS``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string

from digibank.accounts.roles import Role


@dataclass(frozen=True)
class StartSection:
    key: str
    roles: frozenset[str]
    template: str
    context: Callable | str  # a function, or its dotted path

    def get_context(self, request) -> dict:
        context = self.context
        if isinstance(context, str):
            context = import_string(context)
        return context(request)


def _people_summary(request) -> dict:
    from digibank.people.models import Person

    people = Person.objects.for_user(request.user).filter(digibank=request.digibank).active()
    # A datetime, not created_at__date: the comparison then uses the index.
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return {
        "people_total": people.count(),
        "people_this_month": people.filter(created_at__gte=month_start).count(),
    }


def _reach_summary(request) -> dict:
    from digibank.figures.services import cached, scope_key, scoped_activities
    from digibank.people.services import reach_summary

    since = timezone.localdate() - datetime.timedelta(days=365)
    digibank = None if request.role == Role.FUNDER else request.digibank
    activities = scoped_activities(user=request.user, digibank=digibank)
    counted_at, (people, by_service) = cached(
        ("start", scope_key(request.user), getattr(digibank, "pk", None), since),
        lambda: reach_summary(activities=activities, start=since),
    )
    return {
        "people": people,
        "by_service": by_service,
        "reach_since": since,
        "counted_at": counted_at,
    }


def _municipality_summary(request) -> dict:
    from digibank.accounts.permissions import officer_municipality_ids
    from digibank.figures.services import cached, municipality_reach

    _counted_at, rows = cached(
        ("municipality", sorted(officer_municipality_ids(request.user)), None, None),
        lambda: municipality_reach(user=request.user),
    )
    return {"municipality_figures": rows}


def _platform_summary(request) -> dict:
    from digibank.accounts.models import User
    from digibank.digibanks.models import Digibank

    return {
        "digibank_count": Digibank.objects.active().count(),
        "user_count": User.objects.filter(is_active=True).count(),
    }


STAFF_ROLES = frozenset({Role.COORDINATOR, Role.STAFF})
SECTIONS: list[StartSection] = [
    StartSection(
        "people", STAFF_ROLES | {Role.VOLUNTEER}, "core/home/_people.html", _people_summary
    ),
    StartSection("reach", STAFF_ROLES | {Role.FUNDER}, "core/home/_reach.html", _reach_summary),
    StartSection(
        "municipality",
        frozenset({Role.LOCAL_OFFICER}),
        "core/home/_municipality.html",
        _municipality_summary,
    ),
    StartSection("platform", frozenset({"admin"}), "core/home/_platform.html", _platform_summary),
]


# Modules' sections, by dotted path to their context function (one line per module).
_VOLUNTEER_WORK = STAFF_ROLES | {Role.VOLUNTEER}
SECTIONS += [
    StartSection(
        "helpdesk", _VOLUNTEER_WORK, "helpdesk/sections/_start.html",
        "digibank.helpdesk.sections.start_summary",
    ),
    StartSection(
        "devices", _VOLUNTEER_WORK, "devices/sections/_start.html",
        "digibank.devices.sections.start_summary",
    ),
    StartSection(
        "loans", _VOLUNTEER_WORK, "loans/sections/_start.html",
        "digibank.loans.sections.start_summary",
    ),
    StartSection(
        "trainings", _VOLUNTEER_WORK, "trainings/sections/_start.html",
        "digibank.trainings.sections.start_summary",
    ),
    StartSection(
        "digiscan", STAFF_ROLES, "assessments/sections/_start.html",
        "digibank.assessments.sections.start_summary",
    ),
    StartSection(
        "partner_referrals", frozenset({Role.PARTNER}), "referrals/sections/_partner_start.html",
        "digibank.referrals.sections.partner_start",
    ),
    StartSection(
        "programmes", frozenset({Role.COORDINATOR}), "programmes/sections/_start.html",
        "digibank.programmes.sections.start_summary",
    ),
]  # fmt: skip


def sections_for(request) -> list[tuple[StartSection, dict]]:
    role = request.role or ("admin" if request.user.is_superuser else None)
    shown = []
    for section in SECTIONS:
        if role in section.roles or (section.key == "platform" and request.user.is_superuser):
            shown.append((section, section.get_context(request)))
    return shown
