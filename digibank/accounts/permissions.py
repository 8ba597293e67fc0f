"""The one permission model of Digibank: which role may do what, and where.

Every view and every query asks this module, never a role name directly:

* ``can(user, action, digibank)`` answers one question;
* ``digibank_scope(user, action)`` gives the digibanken where the user may do it, for
  ``TenantQuerySet.for_user``.

An action is "<subject>.<verb>". Roles hold actions inside the digibank of their
membership. A funder membership without a digibank covers all digibanken. Platform
administrators run the installation but get no access to citizens' data through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from digibank.accounts.roles import Role

if TYPE_CHECKING:
    from digibank.accounts.models import User

# Every action that exists. A typo in a view fails loudly instead of silently denying.
ACTIONS = frozenset(
    {
        # People (citizens) and privacy
        "person.view",  # basic fields: name, municipality, language, how to reach
        "person.view_sensitive",  # target groups, notes, consents
        "person.add",
        "person.change",
        "person.export",  # GDPR right of access
        "person.erase",
        "audit.view",
        # The digibank itself
        "digibank.view",
        "digibank.manage",  # partners, locations, settings
        "members.manage",
        # Figures (always anonymous)
        "figures.view",  # the figures of the digibank
        "figures.municipality",  # the figures of one municipality (local officer)
        # Access: devices and lending
        "device.view",
        "device.change",  # intake, wiping, repair, moves
        "device.import",
        "loan.view",
        "loan.manage",
        # Skills: trainings and assessments
        "training.view",
        "training.manage",
        "training.register",  # register a person for a session
        "attendance.take",
        "assessment.take",
        "assessment.view",
        "assessment.manage",  # question sets
        # Support: helpdesk, referrals, knowledge base
        "helpdesk.register",
        "helpdesk.view",
        "helpdesk.view_sensitive",  # notes of content and privacy-sensitive contacts
        "helpdesk.manage",  # topics, slots
        "referral.view",  # the digibank's referrals
        "referral.manage",
        "referral.partner",  # a partner's own organisation's referrals
        "knowledge.view",
        "knowledge.suggest",
        "knowledge.publish",
        # Programmes and funding
        "programme.view",
        "programme.manage",
    }
)

_STAFF_WORK = {
    "person.view", "person.view_sensitive", "person.add", "person.change",
    "digibank.view", "figures.view",
    "device.view", "device.change", "device.import", "loan.view", "loan.manage",
    "training.view", "training.manage", "training.register", "attendance.take",
    "assessment.take", "assessment.view",
    "helpdesk.register", "helpdesk.view", "helpdesk.view_sensitive", "helpdesk.manage",
    "referral.view", "referral.manage",
    "knowledge.view", "knowledge.suggest", "knowledge.publish",
}  # fmt: skip

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        _STAFF_WORK
        | {"person.export", "person.erase", "audit.view", "digibank.manage", "members.manage",
           "assessment.manage", "programme.view"}
    ),
    Role.STAFF: frozenset(_STAFF_WORK),
    # Digihelpers give technical help: no sensitive fields, no content questions.
    Role.VOLUNTEER: frozenset(
        {"person.view", "person.add", "digibank.view", "device.view", "device.change",
         "loan.view", "training.view", "training.register", "attendance.take",
         "assessment.take", "helpdesk.register", "helpdesk.view", "knowledge.view",
         "knowledge.suggest"}
    ),
    Role.PARTNER: frozenset({"referral.partner", "knowledge.view"}),
    Role.LOCAL_OFFICER: frozenset({"figures.municipality", "programme.view"}),
    # Funders and regional coordinators read; programme records are kept by the platform
    # administrators (who run the installation for the funder) and by the import.
    Role.FUNDER: frozenset({"figures.view", "programme.view"}),
}  # fmt: skip

# Installation-level actions of platform administrators (no digibank, no citizens).
ADMIN_ACTIONS = frozenset(
    {"digibank.view", "digibank.manage", "members.manage", "figures.view", "programme.view",
     "programme.manage"}
)  # fmt: skip

for _role, _actions in ROLE_ACTIONS.items():
    assert _actions <= ACTIONS, f"unknown action for {_role}: {_actions - ACTIONS}"
assert ADMIN_ACTIONS <= ACTIONS


@dataclass(frozen=True)
class Grant:
    """One membership as the permission model sees it."""

    digibank_id: int | None  # None: every digibank (funder or regional viewer)
    role: str
    organisation_id: int | None = None
    municipality_id: str | None = None


class _All:
    """The scope "every digibank"."""

    def __repr__(self) -> str:
        return "ALL"


ALL = _All()


def _check(action: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")


def grants(user: User) -> list[Grant]:
    """The user's active memberships, read once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_digibank_grants", None)
    if cached is None:
        cached = [
            Grant(m.digibank_id, m.role, m.organisation_id, m.municipality_id)
            for m in user.memberships.filter(is_active=True).order_by("pk")
        ]
        user._digibank_grants = cached
    return cached


def forget(user: User) -> None:
    """Drop the cached grants after memberships change."""
    user.__dict__.pop("_digibank_grants", None)


def _digibank_id(digibank) -> int | None:
    if digibank is None or isinstance(digibank, int):
        return digibank
    return digibank.pk


def can(user: User, action: str, digibank=None) -> bool:
    """May the user do this action in this digibank (or installation-wide if None)?"""
    _check(action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    target = _digibank_id(digibank)
    if user.is_superuser and action in ADMIN_ACTIONS:
        return True
    for grant in grants(user):
        if action not in ROLE_ACTIONS[grant.role]:
            continue
        if grant.digibank_id is None or target is None or grant.digibank_id == target:
            return True
    return False


def digibank_scope(user: User, action: str):
    """The ids of the digibanken where the user may do the action, or ALL."""
    _check(action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser and action in ADMIN_ACTIONS:
        return ALL
    ids = set()
    for grant in grants(user):
        if action in ROLE_ACTIONS[grant.role]:
            if grant.digibank_id is None:
                return ALL
            ids.add(grant.digibank_id)
    return frozenset(ids)


def roles_in(user: User, digibank) -> set[str]:
    target = _digibank_id(digibank)
    return {g.role for g in grants(user) if g.digibank_id in (target, None)}


def partner_organisation_ids(user: User, digibank=None) -> set[int]:
    """Organisations a partner referrer works for (their referrals are visible to them)."""
    target = _digibank_id(digibank)
    return {
        g.organisation_id
        for g in grants(user)
        if g.role == Role.PARTNER
        and g.organisation_id
        and (target is None or g.digibank_id == target)
    }


def officer_municipality_ids(user: User) -> set[str]:
    """Municipalities whose figures a local-government officer may read."""
    return {
        g.municipality_id
        for g in grants(user)
        if g.role == Role.LOCAL_OFFICER and g.municipality_id
    }
