"""The main menu and the start-page tiles, in one list.

A module adds its entry here. An entry shows when the user may do its action in the
active digibank; ``roles`` narrows it further where a tile would only distract.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digibank.accounts import permissions
from digibank.assessments import menu as assessments_menu
from digibank.programmes import apps as programmes_menu
from digibank.regional import apps as regional_menu


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    action: str | None  # None: every logged-in user
    description: str | Promise = ""
    superuser_only: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)
    # Pages about one digibank: hidden from a user without one (a platform administrator
    # has installation-wide rights, but no digibank to show).
    needs_digibank: bool = False

    def url(self) -> str:
        return reverse(self.url_name)


MENU: tuple[NavItem, ...] = (
    NavItem("home", _("Start"), "core:home", None),
    NavItem(
        "people",
        _("People"),
        "people:list",
        "person.view",
        _("Find a person or register someone new."),
    ),
    NavItem(
        "devices",
        _("Devices"),
        "devices:list",
        "device.view",
        _("Donations, wiping, repair and the stock of devices."),
    ),
    NavItem(
        "loans",
        _("Lending"),
        "loans:list",
        "loan.view",
        _("Lend devices, the waiting list and reminders."),
    ),
    NavItem(
        "trainings",
        _("Trainings"),
        "trainings:catalogue",
        "training.view",
        _("Courses, sessions, registrations and attendance."),
    ),
    NavItem(
        "digiscan",
        assessments_menu.DIGISCAN,
        "assessments:start",
        "assessment.take",
        assessments_menu.DIGISCAN_DESCRIPTION,
    ),
    NavItem(
        "helpdesk",
        _("Helpdesk"),
        "helpdesk:contacts",
        "helpdesk.view",
        _("Register a contact, today's queue and appointments."),
    ),
    NavItem(
        "referrals",
        _("Referrals"),
        "referrals:list",
        "referral.view",
        _("Warm referrals to and from partners."),
    ),
    # Partners see only their own organisation's referrals, on a page of their own.
    NavItem(
        "partner_referrals",
        _("Referrals"),
        "referrals:partner_list",
        "referral.partner",
        _("Referrals of your organisation, to and from the digibank."),
    ),
    NavItem(
        "guides",
        _("Guides"),
        "knowledge:list",
        "knowledge.view",
        _("Step-by-step guides for the most common questions."),
    ),
    NavItem(
        "figures",
        _("Figures"),
        "figures:overview",
        "figures.view",
        _("How many people the digibank reached, anonymously."),
    ),
    NavItem(
        "municipality_figures",
        _("Figures of my municipality"),
        "figures:municipality",
        "figures.municipality",
        _("Anonymous figures for your municipality."),
    ),
    NavItem(
        "screenings",
        assessments_menu.SCREENINGS,
        "assessments:rounds",
        "figures.municipality",
        assessments_menu.SCREENINGS_DESCRIPTION,
    ),
    NavItem(
        "digibank",
        _("Our digibank"),
        "digibanks:current",
        "digibank.view",
        _("Partners, locations and service area."),
        needs_digibank=True,
    ),
    NavItem(
        "members",
        _("Team"),
        "accounts:members",
        "members.manage",
        _("Who works in the digibank, and in which role."),
        needs_digibank=True,
    ),
    NavItem(
        "audit",
        _("Audit log"),
        "audit:list",
        "audit.view",
        _("Who viewed or changed personal data."),
    ),
    NavItem(
        "programmes",
        programmes_menu.MENU_LABEL,
        "programmes:index",
        "programme.view",
        programmes_menu.MENU_DESCRIPTION,
    ),
    NavItem(
        "calls",
        regional_menu.MENU_LABEL,
        "regional:tracker",
        "programme.view",
        regional_menu.MENU_DESCRIPTION,
    ),
    NavItem(
        "admin",
        _("Platform administration"),
        "admin:index",
        None,
        _("Digibanken, users and reference data."),
        superuser_only=True,
    ),
)


def visible_items(user, digibank, role) -> list[NavItem]:
    items = []
    for item in MENU:
        if item.superuser_only and not user.is_superuser:
            continue
        if item.roles and role not in item.roles:
            continue
        if item.needs_digibank and digibank is None:
            continue
        if item.action and not permissions.can(user, item.action, digibank):
            continue
        items.append(item)
    return items
