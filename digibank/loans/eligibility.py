"""The lending conditions of a digibank, checked one by one with a clear explanation.

Each rule answers with a ``Check``: its name, whether it passed, and a sentence a staff
member can read to the person ("lives outside the service area"). The same checks run
when a request is registered and again when a device is lent, because proof can expire
and a loan can become overdue while someone waits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.loans.models import LendingPolicy, Loan, LoanRequest


@dataclass(frozen=True)
class Check:
    rule: str
    label: str
    ok: bool
    explanation: str = ""


def policy_for(digibank) -> LendingPolicy:
    """The digibank's conditions; the defaults until a coordinator changes them."""
    policy = getattr(digibank, "_lending_policy", None)
    if policy is None:
        policy, created = LendingPolicy.objects.get_or_create(digibank=digibank)
        # A row made just now may still be rolled back with the caller's transaction:
        # caching it would leave an instance whose row never existed.
        if not created:
            digibank._lending_policy = policy
    return policy


def check_person(
    *,
    person,
    policy: LendingPolicy,
    referrer=None,
    proof: str = "",
    proof_valid_until: datetime.date | None = None,
    for_request: LoanRequest | None = None,
    new_request: bool = False,
    today: datetime.date | None = None,
) -> list[Check]:
    """Every rule of ``policy`` for ``person``; ``new_request`` adds the referrer cap."""
    today = today or timezone.localdate()
    digibank = policy.digibank
    checks: list[Check] = []

    if policy.require_service_area:
        label = _("Lives in the service area")
        if person.municipality_id is None:
            checks.append(Check("area", label, False, _("We do not know where this person lives.")))
        elif not digibank.municipalities.filter(pk=person.municipality_id).exists():
            checks.append(
                Check(
                    "area",
                    label,
                    False,
                    _("%(municipality)s is outside the service area of this digibank.")
                    % {"municipality": person.municipality},
                )
            )
        else:
            checks.append(Check("area", label, True))

    wanted = {group.code: str(group) for group in policy.target_groups.all()}
    if wanted:
        label = _("Belongs to a target group")
        has = set(person.target_groups.values_list("code", flat=True))
        if has & set(wanted):
            checks.append(Check("target_group", label, True))
        else:
            checks.append(
                Check(
                    "target_group",
                    label,
                    False,
                    _("This digibank lends to: %(groups)s. None of these is recorded.")
                    % {"groups": ", ".join(sorted(wanted.values()))},
                )
            )

    if policy.require_referral:
        label = _("Referred by a partner")
        if referrer is None:
            checks.append(
                Check("referral", label, False, _("A partner organisation must refer the person."))
            )
        elif not digibank.partnerships.filter(organisation=referrer).exists():
            checks.append(
                Check(
                    "referral",
                    label,
                    False,
                    _("%(organisation)s is not a partner of this digibank.")
                    % {"organisation": referrer},
                )
            )
        else:
            checks.append(Check("referral", label, True))

    if new_request and referrer is not None and policy.max_open_requests_per_referrer:
        label = _("Partner has room for another request")
        waiting = LoanRequest.objects.waiting().filter(digibank=digibank, referrer=referrer)
        if for_request is not None:
            waiting = waiting.exclude(pk=for_request.pk)
        count = waiting.count()
        limit = policy.max_open_requests_per_referrer
        if count >= limit:
            checks.append(
                Check(
                    "referrer_cap",
                    label,
                    False,
                    ngettext(
                        "%(organisation)s already has %(count)s waiting request; "
                        "the limit is %(limit)s.",
                        "%(organisation)s already has %(count)s waiting requests; "
                        "the limit is %(limit)s.",
                        count,
                    )
                    % {"organisation": referrer, "count": count, "limit": limit},
                )
            )
        else:
            checks.append(Check("referrer_cap", label, True))

    if policy.require_proof:
        label = _("Valid proof")
        if not proof or proof_valid_until is None:
            checks.append(Check("proof", label, False, _("Proof with an end date is needed.")))
        elif proof_valid_until < today:
            checks.append(
                Check(
                    "proof",
                    label,
                    False,
                    _("The proof expired on %(date)s. Ask for a new one.")
                    % {"date": date_format(proof_valid_until, "j F Y")},
                )
            )
        else:
            checks.append(Check("proof", label, True))

    loans = Loan.objects.filter(person=person).open()
    overdue = [loan.reference for loan in loans if loan.is_overdue(today)]
    label = _("No overdue loan")
    if overdue:
        checks.append(
            Check(
                "overdue",
                label,
                False,
                _("Loan %(loans)s is overdue. It must be settled first: returned or extended.")
                % {"loans": ", ".join(overdue)},
            )
        )
    else:
        checks.append(Check("overdue", label, True))

    count = loans.count()
    limit = policy.max_devices_per_person
    label = ngettext(
        "At most %(limit)s device per person", "At most %(limit)s devices per person", limit
    ) % {"limit": limit}
    if count >= limit:
        checks.append(
            Check(
                "max_devices",
                label,
                False,
                ngettext(
                    "This person already has %(count)s device on loan.",
                    "This person already has %(count)s devices on loan.",
                    count,
                )
                % {"count": count},
            )
        )
    else:
        checks.append(Check("max_devices", label, True))
    return checks


def failures(checks: list[Check]) -> list[str]:
    return [check.explanation for check in checks if not check.ok]
